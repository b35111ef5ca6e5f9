/**
 * The journal's writing side: append-only, one checksummed line per record, each append durable
 * (written and fsync'ed) before `append` returns, so a run killed at any instant loses at most the
 * record being written — which the reader then sees as a torn tail and drops.
 */
import * as fs from 'node:fs';
import { dirname, resolve } from 'node:path';
import { decodeRecords, encodeRecord } from './record-codec.js';

export interface JournalWriterOptions {
  /**
   * fsync the file after every append (default true). `false` is only for benchmarks and tests
   * that measure the cost: without it an OS crash or power loss can lose acknowledged records
   * (a killed process cannot — the data is already in the kernel).
   */
  fsync?: boolean;
}

export class JournalWriter {
  /** Absolute path of the journal file. */
  readonly path: string;
  /** Whether each append is fsync'ed. */
  readonly fsync: boolean;
  /** Complete records in the file when it was opened (after dropping any torn tail). */
  readonly recoveredRecords: number;
  /** Bytes of torn tail removed when the file was opened (0 for a clean file). */
  readonly truncatedBytes: number;
  /**
   * When the dropped tail held a complete line (damage, not a crash mid-write — a torn write is
   * a prefix of ONE line and has no "\n"), the dropped bytes were first saved to this file.
   */
  readonly salvagedTo: string | undefined;

  #fd: number | undefined;
  /** Length of the good prefix of the file; after a failed write the file is cut back to it. */
  #size: number;
  /** Set when a failure left the file in an unknown state; every later append throws it. */
  #broken: Error | undefined;
  #appended = 0;

  private constructor(path: string, fd: number, fsync: boolean, size: number, recovered: number, truncated: number, salvagedTo: string | undefined) {
    this.path = path;
    this.#fd = fd;
    this.fsync = fsync;
    this.#size = size;
    this.recoveredRecords = recovered;
    this.truncatedBytes = truncated;
    this.salvagedTo = salvagedTo;
  }

  /**
   * Opens the journal for appending, creating its folder and the file when needed. A torn tail
   * (the partial line of a crash mid-write) is cut off first, so new records never follow garbage.
   * The containing directory is fsync'ed on every open (covering the first open of a new file, and
   * a file whose creation was not yet durable when a previous run died).
   */
  static open(path: string, options: JournalWriterOptions = {}): JournalWriter {
    const file = resolve(path);
    const dir = dirname(file);
    const firstCreated = fs.mkdirSync(dir, { recursive: true });
    const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_APPEND | fs.constants.O_CREAT, 0o644);
    try {
      const bytes = fs.readFileSync(fd);
      const { records, validBytes } = decodeRecords(bytes);
      const truncated = bytes.length - validBytes;
      let salvagedTo: string | undefined;
      if (truncated > 0) {
        const tail = bytes.subarray(validBytes);
        if (tail.includes(0x0a)) salvagedTo = salvage(file, tail);
        fs.ftruncateSync(fd, validBytes);
        fs.fsyncSync(fd);
      }
      // Make the file's directory entry (and any directories mkdir just made) durable.
      fsyncDirectory(dir);
      if (firstCreated !== undefined) {
        for (let d = dir; d !== dirname(firstCreated) && d !== dirname(d); d = dirname(d)) fsyncDirectory(dirname(d));
      }
      return new JournalWriter(file, fd, options.fsync ?? true, validBytes, records.length, truncated, salvagedTo);
    } catch (err) {
      fs.closeSync(fd);
      throw err;
    }
  }

  /** Records appended through this writer (not counting `recoveredRecords`). */
  get appended(): number {
    return this.#appended;
  }

  /** Current length of the journal in bytes. */
  get size(): number {
    return this.#size;
  }

  /**
   * Appends one record and (unless opened with `{ fsync: false }`) fsyncs it before returning.
   * The record is encoded before anything is written: a value with no JSON form throws and leaves
   * the file untouched. If the write or fsync fails the file is cut back to its last good record
   * where possible, and the writer refuses further appends (after a failed fsync the kernel may
   * have dropped the pages, so nothing after it can be trusted).
   */
  append(record: object): void {
    if (this.#broken) throw this.#broken;
    const fd = this.#fd;
    if (fd === undefined) throw new Error(`journal ${this.path} is closed`);
    const line = encodeRecord(record);
    try {
      writeFully(fd, line);
      if (this.fsync) fs.fsyncSync(fd);
    } catch (err) {
      try {
        fs.ftruncateSync(fd, this.#size);
      } catch {
        /* the reader will drop the partial line as a torn tail anyway */
      }
      this.#broken = err instanceof Error ? err : new Error(String(err));
      throw err;
    }
    this.#size += line.length;
    this.#appended++;
  }

  /** Closes the file. Idempotent. */
  close(): void {
    const fd = this.#fd;
    if (fd === undefined) return;
    this.#fd = undefined;
    fs.closeSync(fd);
  }
}

/**
 * fsyncs a directory so that entries created, renamed or removed in it are durable. Platforms that
 * cannot fsync a directory (Windows: EISDIR/EPERM; some filesystems: EINVAL) are tolerated.
 */
export function fsyncDirectory(dir: string): void {
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch (err) {
    if (isCode(err, 'EISDIR', 'EPERM', 'EACCES')) return;
    throw err;
  }
  try {
    fs.fsyncSync(fd);
  } catch (err) {
    if (!isCode(err, 'EINVAL', 'EISDIR', 'EPERM', 'EBADF')) throw err;
  } finally {
    fs.closeSync(fd);
  }
}

function isCode(err: unknown, ...codes: string[]): boolean {
  return typeof err === 'object' && err !== null && codes.includes(String((err as { code?: unknown }).code));
}

/** Saves a damaged tail beside the journal (durably) before it is cut off. */
function salvage(file: string, tail: Uint8Array): string {
  const target = `${file}.dropped-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
  const fd = fs.openSync(target, 'wx', 0o644);
  try {
    writeFully(fd, tail);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fsyncDirectory(dirname(file));
  return target;
}

/** Writes every byte (writeSync may write fewer than asked), with an injectable write for tests. */
export function writeFully(fd: number, bytes: Uint8Array, write: (fd: number, b: Uint8Array, offset: number, length: number) => number = fs.writeSync): void {
  let off = 0;
  while (off < bytes.length) off += write(fd, bytes, off, bytes.length - off);
}
