// Our webgpu kernels in front of tfjs's, which still run where ours do not apply or are switched off (for comparisons).
import * as tf from '@tensorflow/tfjs';

/** Ours for one kernel: its result, or null where it does not apply (tfjs's kernel then runs). */
export type KernelOverride = (args: Parameters<tf.KernelFunc>[0]) => ReturnType<tf.KernelFunc> | null;

export interface OverrideSwitch {
  /** Replaces tfjs-webgpu's registered kernels by ours (idempotent; a no-op where the webgpu backend is not loaded). */
  register(): void;
  /** Ours off (tfjs's kernels run) or back on. */
  use(on: boolean): void;
}

/** One switch for the overrides of the named kernels (all registered, or none where one is missing). */
export function overrideKernels(kernels: Record<string, KernelOverride>): OverrideSwitch {
  let registered = false;
  let enabled = true;
  return {
    register() {
      if (registered) return;
      const originals = Object.keys(kernels).map((name) => tf.getKernel(name, 'webgpu'));
      if (originals.some((k) => !k)) return; // the webgpu backend is not loaded here
      registered = true;
      Object.entries(kernels).forEach(([name, ours], i) => {
        const original = originals[i]!.kernelFunc;
        tf.unregisterKernel(name, 'webgpu');
        tf.registerKernel({
          kernelName: name,
          backendName: 'webgpu',
          kernelFunc: (args) => (enabled ? ours(args) : null) ?? original(args),
        });
      });
    },
    use(on) {
      enabled = on;
    },
  };
}
