import { describe, expect, it } from 'vitest';
import { DEFAULT_SETUP, setupProblems } from '../setup-rules';
import { useStore } from '../../../app/store';
import { modelFor } from '../../../models/kinds/catalog';

describe('setup slice', () => {
  it('starts from the default setup, which is valid', () => {
    expect(useStore.getState().setup).toEqual(DEFAULT_SETUP);
    expect(setupProblems(DEFAULT_SETUP)).toEqual([]);
  });

  it("keeps refused inputs apart from the setup, and forgets a dataset's when the dataset changes", () => {
    const { setInvalid, setDataset } = useStore.getState();
    setInvalid('batchSize', 'Batch size must be at least 1');
    setInvalid('data-noise', 'Noise must be a number');
    expect(Object.keys(useStore.getState().invalid).sort()).toEqual(['batchSize', 'data-noise']);
    setDataset({ kind: 'mnist', limit: 2000, seed: 0, validPct: 0.2 });
    expect(useStore.getState().invalid).toEqual({ batchSize: 'Batch size must be at least 1' });
    setInvalid('batchSize', null);
    expect(useStore.getState().invalid).toEqual({});
    expect(useStore.getState().setup.dataset.kind).toBe('mnist');
  });

  it("drops a field's refusal when the setting is set from outside the form, and only that field's", () => {
    const s = useStore.getState();
    s.replaceSetup(DEFAULT_SETUP);
    s.setInvalid('lr', 'Learning rate must be a number');
    s.setInvalid('wd', 'Weight decay must be a number');
    s.setInvalid('model-layers', 'Layers must be a whole number');
    s.updateSetup({ lr: 0.003 }); // the LR finder's Use
    expect(Object.keys(useStore.getState().invalid).sort()).toEqual(['model-layers', 'wd']);
    s.setInvalid('lr', 'Learning rate must be a number');
    s.updateSetup({ lr: 0.003 }); // Use again: the same value, set anew
    expect(Object.keys(useStore.getState().invalid).sort()).toEqual(['model-layers', 'wd']);
    s.setModel({ ...DEFAULT_SETUP.model, units: 64 } as typeof DEFAULT_SETUP.model); // another model field
    expect(Object.keys(useStore.getState().invalid).sort()).toEqual(['model-layers', 'wd']);
    s.setModel({ ...DEFAULT_SETUP.model, layers: 3 } as typeof DEFAULT_SETUP.model);
    expect(Object.keys(useStore.getState().invalid)).toEqual(['wd']);
    s.replaceSetup(DEFAULT_SETUP); // a link, a reopened run
    expect(useStore.getState().invalid).toEqual({});
  });

  it('refuses what the worker must never get', () => {
    const bad = { ...DEFAULT_SETUP, lr: 0, batchSize: 0, epochs: Number.NaN, wd: -1 };
    expect(setupProblems(bad)).toEqual([
      'Epochs must be a number',
      'Batch size must be at least 1',
      'Learning rate must be more than 0',
      'Weight decay must be at least 0',
    ]);
    expect(setupProblems({ ...DEFAULT_SETUP, batchSize: 1e9, momentum: 1.5 })).toEqual([
      'Batch size must be at most 4096',
      'Momentum must be at most 0.999',
    ]);
  });

  it('drops the CNN for data that is not images (the MLP at its defaults), keeps it while unknown', () => {
    const cnn = { kind: 'cnn', filters: 4, dense: 16 } as const;
    expect(modelFor(cnn, { images: false, classes: true })).toEqual({ kind: 'mlp', layers: 2, units: 32, activation: 'relu' });
    expect(modelFor(cnn, { images: true, classes: true })).toBe(cnn);
    expect(modelFor(cnn, { images: null, classes: null })).toBe(cnn);
    const mlp = { kind: 'mlp', layers: 1, units: 3, activation: 'tanh' } as const;
    expect(modelFor(mlp, { images: false, classes: false })).toBe(mlp);
  });
});
