import { describe, expect, it } from 'vitest';
import { approxBytes, estimateMemory, memoryProblem, type LayerSize } from './memory';

// The default spiral's MLP: 2 -> 32 -> 32 -> 3
const mlp: LayerSize[] = [
  { kind: 'Dense', outputShape: [null, 32], params: 2 * 32 + 32 },
  { kind: 'Dense', outputShape: [null, 32], params: 32 * 32 + 32 },
  { kind: 'Dense', outputShape: [null, 3], params: 32 * 3 + 3 },
];

describe('estimateMemory, by hand', () => {
  it('the default spiral run: 1,251 weights, 67 outputs a sample, batch 128, Adam, 600 rows', () => {
    const e = estimateMemory(mlp, { batchSize: 128, inputs: 2, optimizer: 'adam', momentum: 0.9, dataBytes: 600 * 3 * 4 });
    expect(e.parts).toEqual({
      weights: 1251 * 4,
      gradients: 1251 * 4,
      optimizer: 2 * 1251 * 4,
      activations: (8 * 67 + 2 * 2) * 128 * 4,
      step: 15 * 1251 * 4,
      data: 7200,
    });
    // the backward pass's peak (activations) is larger than the step's: only it counts
    expect(e.total).toBe(5004 + 5004 + 10008 + 276_480 + 7200);
    expect(e.largest).toEqual({ bytes: 32 * 128 * 4, what: "layer 1 (Dense)'s output for a batch of 128" });
  });

  it('SGD without momentum keeps no state; a big step outweighs small activations', () => {
    const big: LayerSize[] = [{ kind: 'Dense', outputShape: [null, 10], params: 1_000_000 }];
    const e = estimateMemory(big, { batchSize: 1, inputs: 100_000, optimizer: 'sgd', momentum: 0, dataBytes: 0 });
    expect(e.parts.optimizer).toBe(0);
    expect(e.total).toBe(4e6 + 4e6 + 6 * 4e6);
    expect(e.largest.what).toBe("layer 1 (Dense)'s weights");
  });
});

describe('memoryProblem', () => {
  const e = estimateMemory(mlp, { batchSize: 128, inputs: 2, optimizer: 'adam', momentum: 0.9, dataBytes: 7200 });
  it('is null within the limits, and with none known', () => {
    expect(memoryProblem(e, { maxBufferBytes: 2 ** 30, bufferWhy: 'x', maxTotalBytes: 2 ** 30, totalWhy: 'y' })).toBeNull();
    expect(memoryProblem(e, null)).toBeNull();
  });
  it('names the one buffer, or the total with its parts, and what to change', () => {
    expect(
      memoryProblem(e, {
        maxBufferBytes: 1000,
        bufferWhy: 'WebGPU here allows buffers up to ~1,000 bytes',
        maxTotalBytes: null,
        totalWhy: null,
      }),
    ).toBe(
      "This run needs one buffer of ~16 KB (layer 1 (Dense)'s output for a batch of 128); WebGPU here allows buffers up to ~1,000 bytes: lower the batch size or the model size",
    );
    expect(
      memoryProblem(e, { maxBufferBytes: 2 ** 30, bufferWhy: '', maxTotalBytes: 100_000, totalWhy: 'this device reports 0.1 MB' }),
    ).toBe(
      "This run needs ~296.6 KB (activations of one batch ~270 KB, the optimizer's state ~9.8 KB, the data ~7 KB, weights ~4.9 KB, gradients ~4.9 KB); this device reports 0.1 MB: lower the batch size or the model size",
    );
  });
  it('writes sizes the way a file manager does', () => {
    expect([approxBytes(720), approxBytes(5.5 * 2 ** 20), approxBytes(4.1 * 2 ** 30), approxBytes(2 ** 31)]).toEqual([
      '~720 bytes',
      '~5.5 MB',
      '~4.1 GB',
      '~2 GB',
    ]);
  });
});
