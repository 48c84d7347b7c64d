// V8's view of the loop, for the tests that check the stack model against it: the frames of a
// stack trace that are Learner methods (`at Learner.doOneBatch`, `at async Learner.fit`, `at new
// Learner` as 'constructor'), outermost first, less the event dispatch (`call`, `callMonitored`,
// `callSync`). Raise `Error.stackTraceLimit` first: the default 10 cuts the outer frames.

const DISPATCH = new Set(['call', 'callMonitored', 'callSync']);

export function learnerFrames(stack: string): string[] {
  const fns: string[] = [];
  for (const line of stack.split('\n')) {
    const m = /^\s*at (?:async )?(?:(new Learner)|Learner\.([\w$]+)) /.exec(line);
    if (!m) continue;
    const fn = m[1] ? 'constructor' : m[2];
    if (!DISPATCH.has(fn)) fns.push(fn);
  }
  return fns.reverse();
}
