// What the callback editor completes, as plain data and one pure function (no CodeMirror here, so
// it is tested in Node): the 24 event methods at the start of a line in a class body, the Learner's
// state after `this.learn.`, the optimizer's after `this.learn.opt.`, the Callback's own members
// after `this.`, and the names in a user callback's scope (USER_SCOPE_NAMES) anywhere else.
// CodeEditor.tsx turns these options into CodeMirror completions.
import { EVENTS, type EventName } from '../../../shared/events';
import { USER_SCOPE_NAMES, type UserScopeName } from '../../../shared/user-code';

export interface CompletionOption {
  label: string;
  /** CodeMirror's completion type: it picks the icon ('method', 'property', 'class', 'variable', …). */
  type: string;
  detail?: string;
  info?: string;
  /** The text that replaces the typed word (the label when absent). */
  apply?: string;
  /**
   * The same insertion as a CodeMirror snippet template (`${}` is where the cursor goes, a tab is
   * one indent unit): the editor prefers it, so the body lines take the line's indentation.
   */
  snippet?: string;
  /** Ranks it above (positive) or below (negative) options that match as well. */
  boost?: number;
}

export interface Completions {
  /** Offset in the text before the cursor where the typed word starts (what the option replaces). */
  from: number;
  options: CompletionOption[];
}

/** One line on each event: when it runs (docs/learner-api.md, fastai's loop). */
const EVENT_DOCS: Record<EventName, string> = {
  after_create: 'Runs once, when the callback joins the Learner.',
  before_fit: 'Runs before the first epoch of a fit.',
  before_epoch: 'Runs at the start of every epoch.',
  before_train: 'Runs before the training pass of each epoch (this.learn.training is true).',
  before_batch: 'Runs before every batch: xb and yb are set, and a callback may replace them.',
  after_pred: 'Runs after the forward pass: this.learn.pred is set.',
  after_loss: 'Runs after the loss: this.learn.loss is set (training and validation).',
  before_backward: 'Runs before the gradients are computed (training only).',
  after_cancel_backward: 'Runs after a CancelBackwardException (the step then sees zero gradients).',
  after_backward: 'Runs after the backward pass: this.learn.grads is set, before the step (training only).',
  before_step: 'Runs before the optimizer step (training only).',
  after_cancel_step: 'Runs after a CancelStepException skipped the step.',
  after_step: 'Runs after the optimizer updated the parameters (training only).',
  after_cancel_batch: 'Runs after a CancelBatchException skipped the rest of a batch.',
  after_batch: 'Runs at the end of every batch, training and validation.',
  after_cancel_train: 'Runs after a CancelTrainException ended the training pass.',
  after_train: 'Runs after the training pass of each epoch.',
  before_validate: 'Runs before the validation pass of each epoch (this.learn.training is false).',
  after_cancel_validate: 'Runs after a CancelValidException ended validation.',
  after_validate: 'Runs after the validation pass of each epoch.',
  after_cancel_epoch: 'Runs after a CancelEpochException ended an epoch.',
  after_epoch: 'Runs at the end of every epoch.',
  after_cancel_fit: 'Runs after a CancelFitException stopped the fit.',
  after_fit: 'Runs once at the end of the fit (also after a cancelled one).',
};

/** The 24 events, in fastai's order: each a method a callback may define. */
export const EVENT_COMPLETIONS: readonly CompletionOption[] = EVENTS.map((name) => ({
  label: name,
  type: 'method',
  detail: 'event',
  info: EVENT_DOCS[name],
  apply: `${name}() {\n  \n}`,
  snippet: `${name}() {\n\t$` + `{}\n}`,
}));

function field(label: string, detail: string, info: string, type = 'property'): CompletionOption {
  return { label, type, detail, info };
}

/** What `this.learn.` offers: the Learner's parts and its loop state (docs/learner-api.md). */
export const LEARNER_FIELDS: readonly CompletionOption[] = [
  field('model', 'tf.LayersModel', 'The model being trained.'),
  field('opt', 'Optimizer | null', "The optimizer (fastai's opt): hypers, setHypers, paramState; made at the first fit."),
  field('lossFunc', '(pred, ...yb) => tf.Scalar', 'The loss function, e.g. crossEntropyLoss.'),
  field('metrics', 'Metric[]', 'The metrics ({ name, fn }), averaged over the validation samples.'),
  field('cbs', 'Callback[]', 'Every callback of the Learner, this one included.'),
  field('epoch', 'number', 'The current epoch, from 0.'),
  field('nEpoch', 'number', 'The number of epochs of this fit.'),
  field('iter', 'number', "The batch's index in the current pass (training or validation), from 0."),
  field('nIter', 'number', 'The number of batches in the current pass.'),
  field('trainIter', 'number', 'Training batches done since the fit started.'),
  field('pctTrain', 'number', 'How much of the training is done, from 0 to 1.'),
  field('training', 'boolean', 'true in the training pass, false in validation.'),
  field('xb', 'tf.Tensor[]', "The batch's inputs; a callback may replace them in before_batch."),
  field('yb', 'tf.Tensor[]', "The batch's targets."),
  field('pred', 'tf.Tensor | null', "The model's output for xb, from after_pred on; the Learner disposes it."),
  field('loss', 'tf.Scalar | null', "The batch's loss, from after_loss on; the Learner disposes it."),
  field('grads', 'tf.Tensor[] | null', 'The gradients, aligned with params, from after_backward on (training only).'),
  field('params', 'tf.Variable[]', "The model's trainable weights."),
  field('lr', 'number', "The Learner's learning rate (the one in use is opt.hypers.lr)."),
  field('wd', 'number | undefined', "The Learner's weight decay (the one in use is opt.hypers.wd)."),
  field('dls', 'DataLoaders', 'The data: { train, valid }, each iterable over [xb..., yb...] batches with a length.'),
  field('recorder', 'Recorder', 'The Recorder callback: losses, lrs and per-epoch values.'),
];

/** What `this.learn.opt.` offers. */
export const OPT_FIELDS: readonly CompletionOption[] = [
  field('hypers', 'Hypers', 'The hyper-parameters of the next step: { lr, mom, wd, sqrMom?, eps? }.'),
  field(
    'setHypers',
    '(h: Partial<Hypers>) => void',
    'Changes hyper-parameters from the next step on, e.g. setHypers({ lr: 1e-3 }).',
    'method',
  ),
  field('paramState', 'ParamState[]', "Per-parameter flags { doWd, forceTrain }, aligned with this.learn.params (fastai's opt.state)."),
];

/** What `this.` offers in a callback: the Callback members a user sets or calls. */
export const CALLBACK_MEMBERS: readonly CompletionOption[] = [
  field('learn', 'Learner', 'The Learner this callback runs in.'),
  field(
    'log',
    '(name: string, value: number | tf.Tensor) => void',
    'Adds a number or a scalar tensor to the series `name` of your chart (a tensor stays yours).',
    'method',
  ),
  field('order', 'number', 'Where it runs among the callbacks, ascending (default 0).'),
  field('run', 'boolean', 'false mutes this callback until the end of the fit.'),
  field('runTrain', 'boolean', 'false mutes its batch-level events in training.'),
  field('runValid', 'boolean', 'false mutes its batch-level events in validation.'),
  field('name', 'string', "Its name in snake case, as fastai's: GradNorm -> 'grad_norm'."),
];

const SCOPE_DOCS: Record<UserScopeName, [type: string, detail: string, info: string]> = {
  Callback: ['class', 'class', 'The base class of your callback: class GradNorm extends Callback { … }.'],
  tf: ['namespace', '@tensorflow/tfjs', 'TensorFlow.js: tf.tidy, tf.norm, tf.mean, …'],
  CancelFitException: ['class', 'exception', 'Throw it to stop the fit (after_cancel_fit runs).'],
  CancelEpochException: ['class', 'exception', 'Throw it to end this epoch (after_cancel_epoch runs).'],
  CancelTrainException: ['class', 'exception', 'Throw it to end the training pass (after_cancel_train runs).'],
  CancelValidException: ['class', 'exception', 'Throw it to end validation (after_cancel_validate runs).'],
  CancelBatchException: ['class', 'exception', 'Throw it to skip the rest of this batch (after_cancel_batch runs).'],
  CancelBackwardException: ['class', 'exception', 'Throw it to skip the backward: the step sees zero gradients.'],
  CancelStepException: ['class', 'exception', 'Throw it to skip the optimizer step (after_cancel_step runs).'],
  globalNorm: [
    'function',
    '(tensors) => tf.Scalar',
    'The global L2 norm of a list of tensors (nulls skipped), e.g. globalNorm(this.learn.grads).',
  ],
  crossEntropyLoss: ['function', '(logits, labels) => tf.Scalar', 'Cross-entropy of logits [bs, c] against int32 labels [bs].'],
  mseLoss: ['function', '(pred, target) => tf.Scalar', 'The mean squared error.'],
};

/** The names in a user callback's scope, in USER_SCOPE_NAMES's order. */
export const SCOPE_COMPLETIONS: readonly CompletionOption[] = USER_SCOPE_NAMES.map((name) => {
  const [type, detail, info] = SCOPE_DOCS[name];
  return { label: name, type, detail, info };
});

/** Callback fields a class body may set (`order = 10;`), offered after the events there. */
const CLASS_FIELDS: readonly CompletionOption[] = CALLBACK_MEMBERS.filter(
  (m) => m.type === 'property' && m.label !== 'learn' && m.label !== 'name',
).map((m) => ({ ...m, boost: -1 }));

type Where = 'code' | 'string' | 'comment';

/**
 * Where the end of `text` is (in code, a string or a comment), and whether its innermost open
 * brace is a class body. A small scanner, not a parser: it knows strings, template literals
 * (with `${}`), comments and braces, which is what the completions need.
 */
function scan(text: string): { where: Where; inClassBody: boolean } {
  // One entry per open brace: true for a class body; 'template' marks a template literal's text.
  const stack: Array<boolean | 'template' | 'interp'> = [];
  let where: Where = 'code';
  let quote = '';
  let i = 0;
  const top = () => stack[stack.length - 1];
  while (i < text.length) {
    const c = text[i];
    if (where === 'comment') {
      if (quote === '//' && c === '\n') where = 'code';
      else if (quote === '/*' && c === '*' && text[i + 1] === '/') {
        where = 'code';
        i++;
      }
      i++;
      continue;
    }
    if (where === 'string') {
      if (c === '\\') i++;
      else if (quote === '`' && c === '$' && text[i + 1] === '{') {
        stack.push('interp');
        where = 'code';
        i++;
      } else if (c === quote) {
        where = 'code';
        if (quote === '`') stack.pop();
      } else if (c === '\n' && quote !== '`') where = 'code';
      i++;
      continue;
    }
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      where = 'comment';
      quote = text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      where = 'string';
      quote = c;
      if (c === '`') stack.push('template');
    } else if (c === '{') {
      stack.push(/\bclass(?:\s+[\w$]+)?(?:\s+extends\s+[\w$.]+)?\s*$/.test(text.slice(Math.max(0, i - 200), i)));
    } else if (c === '}') {
      if (top() === 'interp') {
        stack.pop();
        where = 'string';
        quote = '`';
      } else if (top() !== 'template') stack.pop();
    }
    i++;
  }
  return { where, inClassBody: where === 'code' && top() === true };
}

const THIS_LEARN_OPT = /\bthis\.learn(?:!?\.|\?\.)opt(?:!?\.|\?\.)([\w$]*)$/;
const THIS_LEARN = /\bthis\.learn(?:!?\.|\?\.)([\w$]*)$/;
const THIS = /\bthis(?:\.|\?\.)([\w$]*)$/;
const LINE_START = /(?:^|\n)[ \t]*(async[ \t]+)?([\w$]*)$/;
const WORD = /[\w$]*$/;

/**
 * The completions for the cursor at the end of `textBefore` (the document up to the cursor), or
 * null. `explicit` (Ctrl-Space) also offers them where no word has been typed yet.
 */
export function completionsAt(textBefore: string, explicit = false): Completions | null {
  const end = textBefore.length;
  const after = (re: RegExp, options: readonly CompletionOption[]): Completions | null => {
    const m = re.exec(textBefore);
    return m ? { from: end - m[m.length - 1].length, options: [...options] } : null;
  };
  const member = after(THIS_LEARN_OPT, OPT_FIELDS) ?? after(THIS_LEARN, LEARNER_FIELDS) ?? after(THIS, CALLBACK_MEMBERS);
  const { where, inClassBody } = scan(textBefore);
  if (where !== 'code') return null;
  if (member) return member;

  const word = WORD.exec(textBefore)![0];
  const from = end - word.length;
  if (/^\d/.test(word)) return null;
  // Some other object's member (`tf.`, `x.`): not ours to complete.
  if (/\??\.\s*$/.test(textBefore.slice(0, from))) return null;
  if (!word && !explicit) return null;

  const line = LINE_START.exec(textBefore);
  if (inClassBody && line) {
    return { from, options: line[1] ? [...EVENT_COMPLETIONS] : [...EVENT_COMPLETIONS, ...CLASS_FIELDS] };
  }
  if (inClassBody) return null;
  return { from, options: [...SCOPE_COMPLETIONS] };
}
