// GradientClip's per-epoch stats for the page: the epochs read back since the last flush of the
// stream, sent in its 'metrics' message. A new instance (switched off and on) gets a new key.
import { GradientClip } from '../../../callbacks/gradient-clip';
import type { GradClipChunk, GradClipEpochData } from '../../../shared/callback-outputs';

export class GradClipRelay {
  private clip: GradientClip | null = null;
  private unsubscribe: (() => void) | null = null;
  private key = '';
  private nKeys = 0;
  private sentKey = '';
  private pending: GradClipEpochData[] = [];

  /** Follows a GradientClip the feature just added to a Learner. */
  watch(cb: GradientClip): void {
    this.unsubscribe?.();
    this.clip = cb;
    this.key = `clip-${++this.nKeys}`;
    this.pending = cb.epochs.map((e) => ({ ...e }));
    this.unsubscribe = cb.subscribe((e) => {
      if (this.clip === cb) this.pending.push({ ...e });
    });
  }

  reset(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.clip = null;
    this.pending = [];
  }

  /** The epochs not sent yet; a first (possibly empty) chunk announces a new instance. */
  take(): GradClipChunk | null {
    const clip = this.clip;
    if (!clip || (!this.pending.length && this.sentKey === this.key)) return null;
    this.sentKey = this.key;
    const epochs = this.pending;
    this.pending = [];
    return { key: this.key, limit: clip.maxNorm, epochs };
  }
}
