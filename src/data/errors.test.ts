import { describe, expect, it } from 'vitest';
import { DataError, MAX_FILE_BYTES, checkFileSize, fileSizeProblem, formatBytes } from './errors';

describe('file size limit', () => {
  it('is 100 MB', () => {
    expect(MAX_FILE_BYTES).toBe(104_857_600);
    expect(formatBytes(MAX_FILE_BYTES)).toBe('100 MB');
  });

  it('accepts up to the limit and names the size beyond it', () => {
    expect(fileSizeProblem(0)).toBeNull();
    expect(fileSizeProblem(MAX_FILE_BYTES)).toBeNull();
    expect(fileSizeProblem(MAX_FILE_BYTES + 1)).toBe('the file is 100 MB; files up to 100 MB can be loaded');
    expect(fileSizeProblem(150 * 1024 * 1024, 'iris.csv')).toBe('iris.csv is 150 MB; files up to 100 MB can be loaded');
  });

  it('checkFileSize throws a DataError with code too-large', () => {
    expect(() => checkFileSize(1000)).not.toThrow();
    let err: unknown;
    try {
      checkFileSize(200 * 1024 * 1024, 'big.csv');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataError);
    expect(err).toMatchObject({ code: 'too-large', name: 'DataError', message: 'big.csv is 200 MB; files up to 100 MB can be loaded' });
  });

  it('formats small sizes', () => {
    expect(formatBytes(12)).toBe('12 bytes');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(1.25 * 1024 * 1024)).toBe('1.3 MB');
  });
});
