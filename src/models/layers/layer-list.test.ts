// The layer list's grammar (text ↔ items, one canonical form) and its shapes and parameter
// counts, against PyTorch's formulas worked out by hand.
import { describe, expect, it } from 'vitest';
import { parseLayers, planList, printLayers, type LayerItem } from './layer-list';
import { LAYER_PRESETS } from './presets';

const items = (text: string): LayerItem[] => {
  const p = parseLayers(text);
  if (!p.ok) throw new Error(p.reason);
  return p.layers;
};
const MNIST = { inputs: 784, outputs: 10, imageShape: [28, 28, 1] as const };
const SPIRAL = { inputs: 2, outputs: 3, imageShape: null };

describe('parseLayers / printLayers', () => {
  it('reads positional and named arguments, aliases and any separator; prints one canonical form', () => {
    const l = items('Conv2d(16, ks=5, stride=2); BatchNorm2d, relu\n dense(10)');
    expect(l).toEqual([
      { type: 'conv', args: { filters: 16, ks: 5, stride: 2 } },
      { type: 'bn2d', args: {} },
      { type: 'relu', args: {} },
      { type: 'linear', args: { units: 10 } },
    ]);
    expect(printLayers(l)).toBe('conv(16, 5, 2) bn2d relu linear(10)');
  });

  it('leaves out arguments at their defaults, a padding that follows the kernel size too', () => {
    expect(printLayers(items('conv(16, ks=5, padding=2) conv(8, ks=3, stride=1, padding=0)'))).toBe('conv(16, 5) conv(8, padding=0)');
    expect(printLayers(items('generalrelu(0.1, 0.4, 0) dropout(0.5)'))).toBe('generalrelu dropout');
  });

  it.each(LAYER_PRESETS.map((p) => [p.id, p.stack]))('preset %s is in canonical form', (_id, stack) => {
    expect(printLayers(items(stack))).toBe(stack);
  });

  it.each([
    [
      'convv(3)',
      "layer 1: no layer is called 'convv' (linear, conv, bn1d, bn2d, dropout, relu, leakyrelu, gelu, tanh, sigmoid, generalrelu, maxpool, avgpool, globalavgpool, flatten, resblock)",
    ],
    ['relu conv(size=3)', "layer 2 (Conv2d): no argument 'size' (filters, ks, stride, padding)"],
    ['conv(16, 3, 1, 1, 9)', 'layer 1 (Conv2d): takes at most 4 arguments'],
    ['linear(0)', 'layer 1 (Linear): units must be in [1, 4096]'],
    ['linear(2.5)', 'layer 1 (Linear): units must be a whole number'],
    ['dropout(p=x)', 'layer 1 (Dropout): p must be a number'],
    ['conv(8, ks=7, padding=9)', 'layer 1 (Conv2d): padding must be in [0, 7]'],
    ['relu relu(1)', 'layer 2 (ReLU): takes at most 0 arguments'],
    ['', 'the list has no layer'],
    ['relu ((', "layer 2: expected a layer name at '(('"],
  ])('refuses %j: %s', (text, reason) => {
    expect(parseLayers(text)).toEqual({ ok: false, reason });
  });

  it('refuses more than 64 layers and text over 2000 characters', () => {
    expect(parseLayers(Array(65).fill('relu').join(' '))).toEqual({ ok: false, reason: 'a list has at most 64 layers' });
    expect(parseLayers('relu '.repeat(401)).ok).toBe(false);
  });
});

describe('planList', () => {
  it("a conv's output side is floor((h + 2p - k) / s) + 1 and its parameters k·k·c·f + f", () => {
    const p = planList(items('conv(8, 5, 2) conv(16, stride=2, padding=0) flatten'), MNIST);
    // (28 + 4 - 5) / 2 + 1 = 14; (14 + 0 - 3) / 2 + 1 = 6
    expect(p.rows.map((r) => r.output)).toEqual([[14, 14, 8], [6, 6, 16], [576]]);
    expect(p.rows.map((r) => r.params)).toEqual([5 * 5 * 1 * 8 + 8, 3 * 3 * 8 * 16 + 16, 0]);
    expect(p.head).toMatchObject({ output: [10], params: 576 * 10 + 10 });
    expect(p.totalParams).toBe(208 + 1168 + 5770);
    // stride 2 is not tfjs's 'same': padded first
    expect(p.rows[0].tfjs.map((l) => l.kind)).toEqual(['ZeroPadding2D', 'Conv2D']);
    expect(p.rows[1].tfjs.map((l) => l.kind)).toEqual(['Conv2D']);
  });

  it('BatchNorm counts 4 per channel (2 trained, 2 running) as tfjs does; pools floor; GAP flattens', () => {
    const p = planList(items('conv(6) bn2d maxpool(3) avgpool globalavgpool bn1d'), MNIST);
    expect(p.rows.map((r) => r.output)).toEqual([[28, 28, 6], [28, 28, 6], [9, 9, 6], [4, 4, 6], [6], [6]]);
    expect(p.rows.map((r) => r.params)).toEqual([9 * 6 + 6, 24, 0, 0, 0, 24]);
  });

  it('a ResBlock: two convs with BN, the shortcut pooled and 1×1-convolved when it changes', () => {
    const [same, down] = planList(items('resblock(1) resblock(8, 2)'), MNIST).rows;
    expect(same).toMatchObject({ output: [28, 28, 1], params: 9 + 1 + 4 + 9 + 1 + 4, problem: null });
    // conv 1→8, BN, conv 8→8 stride 2, BN, 1×1 conv 1→8 on the pooled input
    expect(down.output).toEqual([14, 14, 8]);
    expect(down.params).toBe(9 * 1 * 8 + 8 + 32 + 9 * 8 * 8 + 8 + 32 + 1 * 8 + 8);
  });

  it('says why a list does not fit the data, at its layer, and keeps the rows before it', () => {
    const onTable = planList(items('linear(8) relu conv(4)'), SPIRAL);
    expect(onTable.problem).toBe('layer 3 (Conv2d): Conv2d needs images; this dataset is tabular');
    expect(onTable.rows.map((r) => r.output)).toEqual([[8], [8], null]);
    expect(planList(items('conv(4)'), MNIST).problem).toBe(
      'the output layer: the output is a Linear: end the list with Flatten or GlobalAvgPool',
    );
    expect(planList(items('flatten bn2d'), MNIST).problem).toBe(
      'layer 2 (BatchNorm2d): BatchNorm2d needs images; on flat features use BatchNorm1d',
    );
    expect(planList(items('linear(4)'), MNIST).problem).toBe(
      'layer 1 (Linear): Linear needs flat features; add Flatten or GlobalAvgPool before it',
    );
    expect(planList(items('maxpool(8) maxpool(8)'), MNIST).problem).toBe('layer 2 (MaxPool2d): a 8×8 pool does not fit a 3×3 image');
  });

  it('flatten on rows is nothing: no tfjs layer', () => {
    const p = planList(items('flatten linear(5)'), SPIRAL);
    expect(p.rows[0]).toMatchObject({ output: [2], tfjs: [] });
    expect(p.totalParams).toBe(2 * 5 + 5 + 5 * 3 + 3);
  });
});
