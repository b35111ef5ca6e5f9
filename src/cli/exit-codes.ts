import { TseqInputError } from '../model/errors.js';

/** Every command's exit codes, in one place: 0 success, 1 a finding, 2 a usage or input error. */
export const EXIT_OK = 0;
export const EXIT_FINDING = 1;
export const EXIT_INPUT = 2;
/** `tseq run`: a real run stopped for a restart (REFERENCE.md §9). */
export const EXIT_RESTART = 3;

/** A usage or input problem the CLI reports as one line on stderr with exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** One clear line for stderr: never a stack trace (the brief: bad input gets what, where, why). */
export function describeError(e: unknown): { message: string; exitCode: number } {
  if (e instanceof TseqInputError) return { message: e.format(), exitCode: EXIT_INPUT };
  if (e instanceof UsageError) return { message: e.message, exitCode: EXIT_INPUT };
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err === 'object' && typeof err.code === 'string' && err.path) {
    const why: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'is a folder, not a file', ENOTDIR: 'a part of the path is not a folder' };
    return { message: `${err.path}: ${why[err.code] ?? err.code}`, exitCode: EXIT_INPUT };
  }
  return { message: `internal error: ${err instanceof Error ? err.message : String(e)} (please report it)`, exitCode: 70 };
}
