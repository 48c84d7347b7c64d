import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mseLoss } from '../learner';
import { DataLoader } from './dataloader';
import { parseMnist } from './mnist';
import { splitTrainValid } from './split';
import { makeHills } from './toy2d';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// 10 samples, 2 features: x = [i, 10 + i], y = i % 3.
const data = {
  x: Float32Array.from({ length: 20 }, (_, k) => (k % 2 === 0 ? k / 2 : 10 + (k - 1) / 2)),
  y: Int32Array.from({ length: 10 }, (_, i) => i % 3),
  nFeatures: 2,
};

async function firstColumn(dl: DataLoader): Promise<number[]> {
  const out: number[] = [];
  for (const [xb] of dl) {
    const v = await xb.data();
    for (let i = 0; i < v.length; i += 2) out.push(v[i]);
  }
  return out;
}

describe('DataLoader', () => {
  it('yields [xb, yb] with the right shapes, dtypes and length', async () => {
    const dl = new DataLoader(data, { batchSize: 4 });
    expect(dl.length).toBe(3);
    const shapes: number[][][] = [];
    for (const [xb, yb] of dl) {
      shapes.push([xb.shape, yb.shape]);
      expect(xb.dtype).toBe('float32');
      expect(yb.dtype).toBe('int32');
    }
    expect(shapes).toEqual([
      [[4, 2], [4]],
      [[4, 2], [4]],
      [[2, 2], [2]],
    ]);
    expect(new DataLoader(data, { batchSize: 4, dropLast: true }).length).toBe(2);
  });

  it('keeps rows and labels together, in order without shuffle', async () => {
    const dl = new DataLoader(data, { batchSize: 3 });
    const rows: number[][] = [];
    for (const [xb, yb] of dl) {
      const [x, y] = await Promise.all([xb.array() as Promise<number[][]>, yb.array() as Promise<number[]>]);
      x.forEach((r, i) => rows.push([...r, y[i]]));
    }
    expect(rows).toEqual(Array.from({ length: 10 }, (_, i) => [i, 10 + i, i % 3]));
  });

  it('shuffles with its seed, differently each epoch, reproducibly', async () => {
    const a = new DataLoader(data, { batchSize: 4, shuffle: true, seed: 5 });
    const b = new DataLoader(data, { batchSize: 4, shuffle: true, seed: 5 });
    const a1 = await firstColumn(a);
    const a2 = await firstColumn(a);
    expect([...a1].sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(a1).not.toEqual(a2);
    expect(await firstColumn(b)).toEqual(a1);
    expect(await firstColumn(b)).toEqual(a2);
    const c = new DataLoader(data, { batchSize: 4, shuffle: true, seed: 6 });
    expect(await firstColumn(c)).not.toEqual(a1);
  });

  it('leaks no tensor over a full iteration', () => {
    const dl = new DataLoader(data, { batchSize: 3, shuffle: true });
    const before = tf.memory().numTensors;
    let n = 0;
    for (const batch of dl) {
      n++;
      expect(tf.memory().numTensors).toBe(before + batch.length);
    }
    expect(n).toBe(4);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('disposes the previous batch when the next one is asked for', () => {
    const dl = new DataLoader(data, { batchSize: 3 });
    const seen: tf.Tensor[][] = [];
    for (const batch of dl) {
      seen.push(batch);
      for (const old of seen.slice(0, -1)) expect(old.every((t) => t.isDisposed)).toBe(true);
      expect(batch.some((t) => t.isDisposed)).toBe(false);
    }
    expect(seen.flat().every((t) => t.isDisposed)).toBe(true);
  });

  it('leaks no tensor after an early break or a throw', () => {
    const dl = new DataLoader(data, { batchSize: 3 });
    const before = tf.memory().numTensors;
    for (const _ of dl) break;
    expect(tf.memory().numTensors).toBe(before);
    expect(() => {
      for (const _ of dl) throw new Error('boom');
    }).toThrow('boom');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('supports float targets with several values per sample', () => {
    const dl = new DataLoader({ x: new Float32Array(8), y: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]), nFeatures: 2 }, { batchSize: 4 });
    for (const [xb, yb] of dl) {
      expect(xb.shape).toEqual([4, 2]);
      expect(yb.shape).toEqual([4, 2]);
      expect(yb.dtype).toBe('float32');
    }
  });

  it('yields image batches [bs, h, w, c], pixels in row-major HWC order', async () => {
    // 5 images of 2x3x2, value = 100 * image + 10 * row + 2 * col + channel.
    const shape = [2, 3, 2] as const;
    const x = new Float32Array(5 * 12);
    for (let i = 0; i < 5; i++) {
      for (let r = 0; r < 2; r++) {
        for (let c = 0; c < 3; c++) {
          for (let ch = 0; ch < 2; ch++) x[i * 12 + r * 6 + c * 2 + ch] = 100 * i + 10 * r + 2 * c + ch;
        }
      }
    }
    const dl = new DataLoader({ x, y: Int32Array.from([0, 1, 2, 0, 1]), nFeatures: 12, imageShape: shape }, { batchSize: 2 });
    const before = tf.memory().numTensors;
    const shapes: number[][] = [];
    for (const [xb, yb] of dl) {
      shapes.push(xb.shape);
      expect(xb.dtype).toBe('float32');
      expect(yb.shape).toEqual([xb.shape[0]]);
      if (shapes.length === 2) {
        const img = (await xb.array()) as number[][][][];
        expect(img[1][1][2][1]).toBe(300 + 10 + 4 + 1); // image 3, row 1, col 2, channel 1
      }
    }
    expect(shapes).toEqual([
      [2, 2, 3, 2],
      [2, 2, 3, 2],
      [1, 2, 3, 2],
    ]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('yields MNIST as [bs, 28, 28, 1] with int labels', async () => {
    execFileSync(process.execPath, ['scripts/build-mnist.mjs'], { stdio: 'inherit' });
    const { valid } = splitTrainValid(parseMnist(new Uint8Array(readFileSync('public/data/mnist-10k.bin'))), 0.2, 1);
    const dl = new DataLoader(valid, { batchSize: 64, shuffle: true, seed: 3 });
    expect(dl.length).toBe(Math.ceil(2000 / 64));
    for (const [xb, yb] of dl) {
      expect(xb.shape).toEqual([64, 28, 28, 1]);
      expect(yb.shape).toEqual([64]);
      expect(yb.dtype).toBe('int32');
      const range = [xb.min(), xb.max()];
      expect(await Promise.all(range.map(async (t) => (await t.data())[0]))).toEqual([0, 1]);
      tf.dispose(range);
      break;
    }
  });

  it('yields regression targets as a float column [bs, 1], the model output shape', async () => {
    const ds = makeHills({ n: 10, noise: 0.1, seed: 1 });
    const dl = new DataLoader(ds, { batchSize: 4 });
    const before = tf.memory().numTensors;
    for (const [xb, yb] of dl) {
      expect(xb.shape).toEqual([yb.shape[0], 2]);
      expect(yb.shape).toEqual([xb.shape[0], 1]);
      expect(yb.dtype).toBe('float32');
      // The Learner's mseLoss against a [bs, 1] prediction: elementwise, no broadcasting.
      const pred = tf.zeros([xb.shape[0], 1]);
      const loss = mseLoss(pred, yb);
      const expected = Array.from(await yb.data()).reduce((a, v) => a + v * v, 0) / xb.shape[0];
      expect((await loss.data())[0]).toBeCloseTo(expected, 5);
      tf.dispose([pred, loss]);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects inconsistent data', () => {
    const badImages = { x: new Float32Array(8), y: new Int32Array(2), nFeatures: 4, imageShape: [2, 2, 2] as const };
    expect(() => new DataLoader(badImages, { batchSize: 1 })).toThrow('imageShape [2, 2, 2] does not hold nFeatures=4 values');
    expect(() => new DataLoader({ x: new Float32Array(5), y: new Int32Array(2), nFeatures: 2 }, { batchSize: 1 })).toThrow();
    expect(() => new DataLoader({ x: new Float32Array(4), y: new Int32Array(3), nFeatures: 2 }, { batchSize: 1 })).toThrow();
    expect(() => new DataLoader(data, { batchSize: 0 })).toThrow();
  });
});
