import { readFileSync, statSync } from 'node:fs';
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

/** Files the CLI writes (fmt --write, doc -o, build -o, new -o) are replaced atomically and durably; one implementation. */
export { writeFileAtomic } from '../engine/journal/index.js';
