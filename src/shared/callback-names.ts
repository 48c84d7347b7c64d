// fastai's names for callbacks, as plain functions every thread may use (the Learner, the page's
// fastai script).

/** fastai's `camel2snake`, e.g. 'GradientClip' -> 'gradient_clip', 'MyCB' -> 'my_cb'. */
export function camel2snake(name: string): string {
  const s1 = name.replace(/(.)([A-Z][a-z]+)/g, '$1_$2');
  return s1.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** fastai's `class2attr(self, 'Callback')`: the class name without its 'Callback' suffix, in snake case. */
export function callbackName(className: string): string {
  return camel2snake(className.replace(/Callback$/, '') || 'callback');
}
