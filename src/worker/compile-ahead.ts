// Runs a warm-up's pieces so that the backend compiles their programs, the way that costs a run
// that starts meanwhile least. On WebGPU in tfjs's compile-only mode, a group at a time (its
// pipelines created in parallel, nothing executed, one wait for the group): the first group is
// what a run's first batch needs, and no group starts once `go()` says no, so a run waits for one
// group at most. Elsewhere executed one piece at a time, each after the device is through with the
// one before (its returned tensor read back).
import * as tf from '@tensorflow/tfjs';

export type WarmPiece = () => tf.Tensor | void;

interface CompileOnlyBackend {
  checkCompileCompletionAsync(): Promise<unknown>;
}

export async function compileAhead(groups: ReadonlyArray<readonly WarmPiece[]>, go: () => boolean): Promise<void> {
  if (tf.getBackend() === 'webgpu') {
    for (const group of groups) {
      if (!go()) return;
      tf.env().set('WEBGPU_ENGINE_COMPILE_ONLY', true);
      try {
        for (const piece of group) piece()?.dispose();
      } finally {
        tf.env().set('WEBGPU_ENGINE_COMPILE_ONLY', false);
      }
      // until this resolves a pipeline is a promise the backend refuses to run: a run waits for it
      await (tf.backend() as unknown as CompileOnlyBackend).checkCompileCompletionAsync();
    }
    return;
  }
  for (const piece of groups.flat()) {
    if (!go()) return;
    const done = piece();
    if (done) await done.data().finally(() => done.dispose());
  }
}
