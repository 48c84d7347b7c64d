// Errors about the data itself (a user's file, a damaged download), as opposed to
// bugs. Each carries a `code` a caller can switch on and a message written for the
// person who picked the file: what is wrong and where. The worker reports
// `err.message` as is and keeps the previous dataset loaded.

export class DataError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The largest file the page accepts (the "100 MB", as the OS shows sizes: MiB). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

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

/** Throws DataError('too-large') for a file over MAX_FILE_BYTES. */
export function checkFileSize(bytes: number, what = 'the file'): void {
  const problem = fileSizeProblem(bytes, what);
  if (problem) throw new DataError('too-large', problem);
}
