// The layer-list editor's edits, on the list's items and through its canonical text.
import { describe, expect, it } from 'vitest';
import { parseLayers, type LayerItem } from '../../../models/layers/layer-list';
import { argsOf, editLayers, editedStack, ioOf } from './layer-edits';

const list = (text: string): LayerItem[] => {
  const p = parseLayers(text);
  if (!p.ok) throw new Error(p.reason);
  return p.layers;
};

describe('editLayers', () => {
  const base = list('conv(16, 5) relu flatten');
  it('adds at the end or at a place, with default arguments', () => {
    expect(editedStack(base, { op: 'add', type: 'bn2d', at: 1 })).toBe('conv(16, 5) bn2d relu flatten');
    expect(editedStack(base, { op: 'add', type: 'linear' })).toBe('conv(16, 5) relu flatten linear(50)');
    expect(editLayers(base, { op: 'add', type: 'nope' })).toEqual(base);
  });
  it('removes and moves, and a move past either end does nothing', () => {
    expect(editedStack(base, { op: 'remove', index: 1 })).toBe('conv(16, 5) flatten');
    expect(editedStack(base, { op: 'move', index: 2, by: -1 })).toBe('conv(16, 5) flatten relu');
    expect(editedStack(base, { op: 'move', index: 0, by: -1 })).toBe('conv(16, 5) relu flatten');
    expect(editedStack(base, { op: 'move', index: 2, by: 1 })).toBe('conv(16, 5) relu flatten');
  });
  it('a new type keeps the arguments both types have', () => {
    expect(editedStack(base, { op: 'type', index: 0, type: 'resblock' })).toBe('resblock(16, ks=5) relu flatten');
    expect(editedStack(base, { op: 'type', index: 0, type: 'linear' })).toBe('linear(50) relu flatten');
  });
  it('an argument at its default leaves the text', () => {
    expect(editedStack(base, { op: 'arg', index: 0, key: 'ks', value: 3 })).toBe('conv(16) relu flatten');
    expect(editedStack(base, { op: 'arg', index: 0, key: 'stride', value: 2 })).toBe('conv(16, 5, 2) relu flatten');
  });
  it('shows every argument with its value, defaults included, and which were given', () => {
    expect(argsOf(base[0]).map((a) => [a.spec.key, a.value, a.given])).toEqual([
      ['filters', 16, true],
      ['ks', 5, true],
      ['stride', 1, false],
      ['padding', 2, false],
    ]);
  });
  it("the data's sizes: classes or one output for regression; unknown before the data is loaded", () => {
    expect(ioOf(null)).toBeNull();
    const info = { nFeatures: 784, task: 'classification', nClasses: 10, imageShape: [28, 28, 1] } as never;
    expect(ioOf(info)).toEqual({ inputs: 784, outputs: 10, imageShape: [28, 28, 1] });
    expect(ioOf({ nFeatures: 13, task: 'regression', nClasses: null, imageShape: null } as never)).toEqual({
      inputs: 13,
      outputs: 1,
      imageShape: null,
    });
  });
});
