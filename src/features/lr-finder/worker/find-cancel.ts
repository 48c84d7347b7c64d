// Cancel for the LR finder: asked for by the page at any time (before the Learner exists too),
// honoured at the end of the iteration that is going. After each batch it lets the worker take its
// messages, so a Cancel sent during an iteration is seen when that iteration ends.
import { Callback, CancelFitException } from '../../../learner';

const defaultYield = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class FindCancel extends Callback {
  // after the LRFinder's own after_batch (its stop rule reads the loss first)
  override order = 1000;
  private asked = false;

  constructor(private readonly yieldToHost: () => Promise<void> = defaultYield) {
    super();
  }

  cancel(): void {
    this.asked = true;
  }

  get cancelled(): boolean {
    return this.asked;
  }

  before_batch(): void {
    if (this.asked) throw new CancelFitException();
  }

  async after_batch(): Promise<void> {
    await this.yieldToHost();
    if (this.asked) throw new CancelFitException();
  }
}
