import { Callback } from '../learner';

/**
 * Applies the page's commands between batches, never in the middle of one: queued changes
 * (a callback switched on or off, a parameter edited) and pause/resume. It runs last at
 * after_batch, after the StreamCallback has yielded to the host and so received the messages.
 */
export class LoopControl extends Callback {
  override order = 1000;
  private actions: (() => void)[] = [];
  private gate: { promise: Promise<void>; release: () => void } | null = null;

  constructor(private readonly onPauseChange: (paused: boolean) => void = () => {}) {
    super();
  }

  get paused(): boolean {
    return this.gate !== null;
  }

  /** Runs `action` at the end of the current batch (or at once when no fit is running). */
  enqueue(action: () => void): void {
    this.actions.push(action);
  }

  pause(): void {
    if (this.gate) return;
    let release = () => {};
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.gate = { promise, release };
  }

  resume(): void {
    const gate = this.gate;
    this.gate = null;
    gate?.release();
  }

  async after_batch(): Promise<void> {
    this.drain();
    const gate = this.gate;
    if (!gate) return;
    this.onPauseChange(true);
    await gate.promise;
    this.onPauseChange(false);
    this.drain(); // what was changed while paused applies before the next batch
  }

  after_fit(): void {
    this.drain();
  }

  override dispose(): void {
    this.resume();
  }

  /** Applies every queued action now, in order. */
  drain(): void {
    const actions = this.actions;
    this.actions = [];
    actions.forEach((a) => a());
  }
}
