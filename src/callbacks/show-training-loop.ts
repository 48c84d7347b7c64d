/** fastai's `show_training_loop`: for each event of the loop, in order, the callbacks that handle it, sorted by `order`. */
import { BATCH_EVENTS, INNER_LOOP, type Callback, type EventName } from '../learner';

export type Phase = 'train' | 'valid';

export type LoopLine =
  | { kind: 'start' | 'end'; label: string; depth: number }
  | { kind: 'event'; event: EventName; phase: Phase | null; depth: number; callbacks: string[] };

type Step = string | EventName;

const BATCH_TRAIN: readonly EventName[] = BATCH_EVENTS;
// Validation computes no gradient: no backward or step events.
const BATCH_VALID: EventName[] = ['before_batch', 'after_pred', 'after_loss', 'after_cancel_batch', 'after_batch'];

/**
 * fastai's `_loop`, with every event of a fit (fastai's list leaves a few cancel events out; like
 * fastai, `after_create` is not shown: it runs once, in the Learner's constructor)
 * and the validation batch loop spelled out instead of "CBs same as train batch", since `runTrain`
 * / `runValid` make the two differ.
 */
const LOOP: Array<{ step: Step; phase: Phase | null }> = [
  ...['Start Fit', 'before_fit', 'Start Epoch Loop', 'before_epoch', 'Start Train', 'before_train', 'Start Batch Loop'].map((step) => ({
    step,
    phase: null,
  })),
  ...BATCH_TRAIN.map((step) => ({ step, phase: 'train' as const })),
  ...['End Batch Loop', 'End Train', 'after_cancel_train', 'after_train', 'Start Valid', 'before_validate', 'Start Batch Loop'].map(
    (step) => ({ step, phase: null }),
  ),
  ...BATCH_VALID.map((step) => ({ step, phase: 'valid' as const })),
  ...[
    'End Batch Loop',
    'End Valid',
    'after_cancel_validate',
    'after_validate',
    'End Epoch Loop',
    'after_cancel_epoch',
    'after_epoch',
    'End Fit',
    'after_cancel_fit',
    'after_fit',
  ].map((step) => ({ step, phase: null })),
];

/** Whether `cb` is called at `event` in `phase` (fastai's `_inner_loop` muting by run_train / run_valid). */
function runsAt(cb: Callback, event: EventName, phase: Phase | null): boolean {
  if (!cb.handles(event)) return false;
  if (phase === null || !INNER_LOOP.has(event)) return true;
  return phase === 'train' ? cb.runTrain : cb.runValid;
}

/**
 * The loop as lines: 'Start …' opens a level, 'End …' closes it, events list their callbacks in
 * running order (ascending `order`, stable in insertion order, as the Learner sorts them).
 * A pure function of the callbacks: call it again whenever they change.
 */
export function showTrainingLoop(cbs: readonly Callback[], nameOf: (cb: Callback) => string = (cb) => cb.className): LoopLine[] {
  const sorted = [...cbs].sort((a, b) => a.order - b.order);
  const lines: LoopLine[] = [];
  let depth = 0;
  for (const { step, phase } of LOOP) {
    if (step.startsWith('Start ')) lines.push({ kind: 'start', label: step, depth: depth++ });
    else if (step.startsWith('End ')) lines.push({ kind: 'end', label: step, depth: --depth });
    else {
      const event = step as EventName;
      const callbacks = sorted.filter((cb) => runsAt(cb, event, phase)).map(nameOf);
      lines.push({ kind: 'event', event, phase, depth, callbacks });
    }
  }
  return lines;
}

/** The lines as fastai prints them: two spaces per level, ` - event : [callbacks]`. */
export function formatTrainingLoop(lines: readonly LoopLine[]): string {
  return lines
    .map((l) => {
      const pad = ' '.repeat(2 * l.depth);
      return l.kind === 'event' ? `${pad} - ${l.event.padEnd(21)}: [${l.callbacks.join(', ')}]` : `${pad}${l.label}`;
    })
    .join('\n');
}
