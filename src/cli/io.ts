import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { TseqInputError } from '../model/errors.js';
import { DEFAULT_MAX_INPUT_BYTES, readDocument, type ReadOptions, type ReadResult } from '../xml/index.js';

/** Reads and parses a task sequence file; a file too large is refused from its size, before reading it. */
export function readTaskSequenceFile(path: string, options: Omit<ReadOptions, 'file'> = {}): ReadResult {
  const size = statSync(path).size;
  const limit = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  if (size > limit) {
    throw new TseqInputError('XML007', `the file is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${(limit / 1024 / 1024).toFixed(1)} MB limit`, { file: path }, 'a client refuses task sequence policy over 32 MB; raise the limit with --max-bytes if you must');
  }
  return readDocument(readFileSync(path), { ...options, file: path });
}

/**
 * Replaces a file atomically: the new content is written to a temporary file beside it, flushed
 * to disk, then renamed over the old one, so a crash leaves the old file or the new, never half.
 */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
}
