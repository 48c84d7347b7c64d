// Limits and file signatures both threads check: the page before it reads a file, the worker
// (src/data) before it parses one. Plain data and pure functions only.

/** The largest file the page accepts (the "100 MB" the OS shows: MiB). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** IDX images: unsigned bytes, 3 dimensions (MNIST's format, big-endian uint32 at offset 0). */
export const IDX_IMAGES_MAGIC = 0x00000803;
/** IDX labels: unsigned bytes, 1 dimension. */
export const IDX_LABELS_MAGIC = 0x00000801;
/** The first two bytes of a gzip stream. */
export const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** "12.3 MB", "100 MB" (powers of 1024, as file managers show them). */
export function formatBytes(bytes: number): string {
  const one = (v: number) => v.toFixed(1).replace(/\.0$/, '');
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${one(bytes / 1024)} KB`;
  return `${one(bytes / 1024 / 1024)} MB`;
}

/** Why a file of `bytes` is refused, or null; call it with File.size before reading the file. */
export function fileSizeProblem(bytes: number, what = 'the file'): string | null {
  if (bytes > MAX_FILE_BYTES) return `${what} is ${formatBytes(bytes)}; files up to ${formatBytes(MAX_FILE_BYTES)} can be loaded`;
  return null;
}
