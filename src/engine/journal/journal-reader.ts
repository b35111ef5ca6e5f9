/** The journal's reading side: every intact record, in order, and whether a torn tail followed. */
import { readFileSync } from 'node:fs';
import { decodeRecords } from './record-codec.js';

export interface JournalContents {
  records: unknown[];
  /** True when the file ends in a partial or damaged line (ignored; JournalWriter.open cuts it off). */
  tornTail: boolean;
  /** Length of the good prefix of the file in bytes. */
  validBytes: number;
}

/** Reads a journal. A missing file is an empty journal; a torn tail is reported, not thrown. */
export function readJournal(path: string): JournalContents {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], tornTail: false, validBytes: 0 };
    throw err;
  }
  return decodeRecords(bytes);
}
