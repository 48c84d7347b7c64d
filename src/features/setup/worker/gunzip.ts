// Gzip decompressed as a stream with a cap on what it expands to: a small .gz can expand to
// gigabytes (a decompression bomb), so reading stops at the cap instead of after the whole file.
import { formatBytes } from '../../../shared/limits';
import { DataError } from '../../../data/errors';

export async function gunzipCapped(bytes: ArrayBuffer | Uint8Array, cap: number, what = 'the file'): Promise<Uint8Array> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let step: Awaited<ReturnType<typeof reader.read>>;
    try {
      step = await reader.read();
    } catch {
      throw new DataError('bad-gzip', `${what} is not a valid .gz file: its compressed data is damaged or cut short`);
    }
    if (step.done) break;
    total += step.value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => {});
      throw new DataError(
        'too-large',
        `${what} expands to more than ${formatBytes(cap)} once decompressed; files up to ${formatBytes(cap)} can be loaded`,
      );
    }
    chunks.push(step.value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
