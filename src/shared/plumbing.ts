// The callbacks the page itself puts into every run to talk to the Learner: not fastai's and not
// the user's. The Callbacks panel lists them as page plumbing; fastai's views (show_training_loop,
// the debugger's timeline and profile) hide them unless asked to show them.

/** Each one's class name (as the loop and the debugger name it) and what the page needs it for. */
export const PAGE_PLUMBING = {
  StreamCallback: "Streams the Recorder's values and the progress to the page, and handles stop requests",
  PicturesCallback: 'Computes what the page draws: the decision boundary, the image batch and the confusion matrix',
  UserLog: 'Reads back the values your callbacks log with this.log(name, value), for their chart',
  LoopControl: "Applies the page's changes (callbacks switched, parameters edited, pause and resume) between batches",
} as const;

export type PlumbingName = keyof typeof PAGE_PLUMBING;

export const PLUMBING_NAMES = Object.keys(PAGE_PLUMBING) as PlumbingName[];

export function isPlumbing(name: string): name is PlumbingName {
  return Object.hasOwn(PAGE_PLUMBING, name);
}

/** `items` without the page's plumbing, unless `show` (the same array then). */
export function hidePlumbing<T>(items: readonly T[], nameOf: (item: T) => string, show: boolean): readonly T[] {
  return show ? items : items.filter((item) => !isPlumbing(nameOf(item)));
}
