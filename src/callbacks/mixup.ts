/** fastai's `MixUp` and `CutMix`: train on blends of pairs of samples (order 0, training only), with a seeded Beta sampler. */
import * as tf from '@tensorflow/tfjs';
import { permutation } from '../data/random';
import { sampleBeta } from './beta';
import { MixHandler } from './mix-handler';

/**
 * MixUp (Zhang et al. 2017, arXiv 1710.09412): per sample λ ~ Beta(α, α), kept ≥ ½ so the original
 * dominates; x ← λ·x + (1 − λ)·x[shuffle]. Class-id targets mix the loss, others mix the targets.
 */
export class MixUp extends MixHandler {
  /** The λs and shuffle of the last batch (for tests and the UI). */
  last: { lam: number[]; perm: Int32Array } | null = null;

  constructor(alpha = 0.4, seed = 0) {
    super(alpha, seed);
  }

  protected mix(): void {
    const learn = this.learn!;
    const bs = learn.yb[0]?.shape[0] ?? learn.xb[0].shape[0];
    const lam = Array.from({ length: bs }, () => {
      const l = sampleBeta(this.rng, this.alpha, this.alpha);
      return Math.max(l, 1 - l);
    });
    const perm = permutation(bs, this.rng);
    this.last = { lam, perm };
    this.lam = tf.tensor1d(lam);
    const idx = tf.tensor1d(perm, 'int32');
    const lamT = this.lam;
    this.yb1 = learn.yb.map((y) => tf.gather(y, idx));
    learn.xb = learn.xb.map((x) => tf.tidy(() => this.lerp(tf.gather(x, idx), x, lamT)));
    if (!this.stackY) learn.yb = learn.yb.map((y, i) => this.lerp(this.yb1[i], y, lamT));
    idx.dispose();
  }
}

export interface CutMixBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * CutMix (Yun et al. 2019, arXiv 1905.04899): one λ ~ Beta(α, α) per batch; a box of area ≈ (1 − λ)
 * of the image is pasted from the shuffled batch, and λ becomes the share of the image left
 * unpasted. Images are channels-last: xb[0] is [bs, H, W, C] or [bs, H, W], or flat rows of
 * H·W·C values with `imageShape` given (as the data module stores images).
 */
export class CutMix extends MixHandler {
  last: { lam: number; perm: Int32Array; box: CutMixBox } | null = null;

  constructor(
    alpha = 1,
    seed = 0,
    readonly imageShape: readonly [number, number, number] | null = null,
  ) {
    super(alpha, seed);
  }

  protected mix(): void {
    const learn = this.learn!;
    const x = learn.xb[0];
    const [bs, H, W, C] = this.dims(x);
    const perm = permutation(bs, this.rng);
    const box = this.randBox(W, H, sampleBeta(this.rng, this.alpha, this.alpha));
    const lam = 1 - ((box.x2 - box.x1) * (box.y2 - box.y1)) / (W * H);
    this.last = { lam, perm, box };
    const idx = tf.tensor1d(perm, 'int32');
    this.lam = tf.scalar(lam);
    this.yb1 = learn.yb.map((y) => tf.gather(y, idx));
    const mixed = tf.tidy(() => {
      const img = x.toFloat().reshape([bs, H, W, C]);
      const inside = tf
        .ones([box.y2 - box.y1, box.x2 - box.x1])
        .pad([
          [box.y1, H - box.y2],
          [box.x1, W - box.x2],
        ])
        .reshape([1, H, W, 1]);
      return tf
        .gather(img, idx)
        .mul(inside)
        .add(img.mul(tf.scalar(1).sub(inside)))
        .reshape(x.shape);
    });
    learn.xb = [mixed, ...learn.xb.slice(1)];
    const lamT = this.lam;
    if (!this.stackY) learn.yb = learn.yb.map((y, i) => this.lerp(this.yb1[i], y, lamT));
    idx.dispose();
  }

  /** fastai's `rand_bbox`: a box of side √(1 − λ)·size centred on a uniform point, clipped to the image. */
  private randBox(W: number, H: number, lam: number): CutMixBox {
    const cutRat = Math.sqrt(1 - lam);
    const halfW = Math.floor(Math.round(W * cutRat) / 2);
    const halfH = Math.floor(Math.round(H * cutRat) / 2);
    const cx = Math.floor(this.rng() * W);
    const cy = Math.floor(this.rng() * H);
    const clamp = (v: number, hi: number) => Math.min(Math.max(v, 0), hi);
    return { x1: clamp(cx - halfW, W), y1: clamp(cy - halfH, H), x2: clamp(cx + halfW, W), y2: clamp(cy + halfH, H) };
  }

  private dims(x: tf.Tensor): [number, number, number, number] {
    const shape = x.shape as number[];
    if (x.rank === 4) return shape as [number, number, number, number];
    if (x.rank === 3) return [shape[0], shape[1], shape[2], 1];
    const s = this.imageShape;
    if (x.rank === 2 && s && s[0] * s[1] * s[2] === shape[1]) return [shape[0], s[0], s[1], s[2]];
    throw new Error(`CutMix needs images: [bs, H, W, C], [bs, H, W], or flat rows with imageShape (got [${x.shape.join(', ')}])`);
  }
}
