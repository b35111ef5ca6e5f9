/**
 * The journal: an append-only, checksummed, fsync'ed log of JSON records that lets a killed run
 * resume by replaying it, plus the layout of a run's state directory.
 */
export { crc32, encodeRecord, decodeRecords, type DecodeResult } from './record-codec.js';
export { JournalWriter, fsyncDirectory, type JournalWriterOptions } from './journal-writer.js';
export { readJournal, type JournalContents } from './journal-reader.js';
export {
  STATE_FILE_NAMES,
  StateDirError,
  atomicTempPath,
  initStateDir,
  loadStateDir,
  stateDirPaths,
  writeFileAtomic,
  type InitStateDirOptions,
  type LoadedStateDir,
  type StateDirErrorCode,
  type StateDirPaths,
} from './state-dir.js';
export { measureAppendMicros, type AppendCost } from './measure.js';
