import { describe, expect, it } from 'vitest';
import { torchName, torchNames, type TorchLayer } from './torch-names';

describe('torchNames', () => {
  it("numbers the Sequential's modules, also those tfjs has no layer for, and names each layer's weights", () => {
    const torch: TorchLayer[] = [
      { modules: ['Flatten'], tfjs: false },
      { modules: ['Linear', 'ReLU'], tfjs: true },
      { modules: ['BatchNorm1d'], tfjs: true },
      { modules: ['Linear'], tfjs: true },
    ];
    const tfjs = [
      { name: 'dense_Dense7', weights: ['dense_Dense7/kernel', 'dense_Dense7/bias'] },
      {
        name: 'batch_normalization_BatchNormalization1',
        weights: ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((w) => `batch_normalization_BatchNormalization1/${w}`),
      },
      { name: 'dense_Dense8', weights: ['dense_Dense8/kernel_1', 'dense_Dense8/bias_1'] },
    ];
    expect(torchNames(torch, tfjs)).toEqual({
      dense_Dense7: '1 Linear + 2 ReLU',
      'dense_Dense7/kernel': '1.weight',
      'dense_Dense7/bias': '1.bias',
      batch_normalization_BatchNormalization1: '3 BatchNorm1d',
      'batch_normalization_BatchNormalization1/gamma': '3.weight',
      'batch_normalization_BatchNormalization1/beta': '3.bias',
      'batch_normalization_BatchNormalization1/moving_mean': '3.running_mean',
      'batch_normalization_BatchNormalization1/moving_variance': '3.running_var',
      dense_Dense8: '4 Linear',
      'dense_Dense8/kernel_1': '4.weight',
      'dense_Dense8/bias_1': '4.bias',
    });
  });

  it('gives no names when the layers do not pair up (the tfjs names show)', () => {
    const one = [{ modules: ['Linear'], tfjs: true }];
    expect(torchNames(one, [])).toEqual({});
    expect(
      torchNames(one, [
        { name: 'a', weights: [] },
        { name: 'b', weights: [] },
      ]),
    ).toEqual({});
    expect(torchNames(one, [{ name: 'a', weights: ['a/depthwise_kernel'] }])).toEqual({});
  });

  it('shows the PyTorch name when known, else the tfjs one', () => {
    const names = { 'dense_Dense1/kernel': '1.weight' };
    expect(torchName(names, 'dense_Dense1/kernel')).toBe('1.weight');
    expect(torchName(names, 'dense_Dense1/bias')).toBe('dense_Dense1/bias');
    expect(torchName(names, 'constructor')).toBe('constructor');
  });
});
