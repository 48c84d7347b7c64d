// Errors about the data itself (a user's file, a damaged download), as opposed to
// bugs. Each carries a `code` a caller can switch on and a message written for the
// person who picked the file: what is wrong and where. The worker reports
// `err.message` as is and keeps the previous dataset loaded.

import { fileSizeProblem } from '../shared/limits';

export class DataError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

// The size limit is shared with the page (it refuses a big file before reading it).
export { MAX_FILE_BYTES, fileSizeProblem, formatBytes } from '../shared/limits';

/** Throws DataError('too-large') for a file over MAX_FILE_BYTES. */
export function checkFileSize(bytes: number, what = 'the file'): void {
  const problem = fileSizeProblem(bytes, what);
  if (problem) throw new DataError('too-large', problem);
}
