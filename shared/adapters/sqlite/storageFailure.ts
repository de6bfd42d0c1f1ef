// Which SQLite failures mean "the disk cannot take this write now" (full disk, file-size limit, I/O error):
// transient, because they pass once space or the device comes back, unlike a constraint or a programming
// error, which fails the same way every time.
import { TransientError } from '../../errors';

/** The SQLite result code of a storage failure (`SQLITE_FULL`, `SQLITE_IOERR_WRITE`, …), else undefined. */
export function storageFailureCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') {
    return undefined;
  }
  return code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') ? code : undefined;
}

export function isStorageFailure(err: unknown): boolean {
  return storageFailureCode(err) !== undefined;
}

/** A storage failure as a TransientError saying what could not be written; any other error unchanged. */
export function asTransientStorageFailure(err: unknown, what: string): unknown {
  const code = storageFailureCode(err);
  if (code === undefined) {
    return err;
  }
  return new TransientError(`${what}: the embedded database cannot write (${code}); retryable.`, undefined, {
    cause: err,
  });
}
