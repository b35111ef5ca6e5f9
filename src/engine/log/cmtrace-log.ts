/**
 * smsts.log as ConfigMgr keeps it: CMTrace records appended synchronously to a UTF-8 file that
 * starts with a BOM, rolled over by size with a capped history (REFERENCE.md §5.9).
 *
 * Durability: every record is appended (open for append, writeSync, close) before write() returns.
 * Nothing is buffered in this process, so a kill -9 loses no record that write() has returned from
 * (the kernel holds it; for power loss as well, pass `fsync: true`).
 *
 * Rollover [DOC memdocs "About log files"; names OBS; sizes tseq's choice]:
 * - ConfigMgr components that keep a log history rename the full log with a date and time stamp
 *   added to its name, the .log extension kept [DOC]; for smsts.log the rolled files are named
 *   `smsts-YYYYMMDD-HHMMSS.log` (seen in public tools that read them, e.g. `smsts-20240909-164010.log`).
 *   tseq stamps the rolled file with the local time of the rollover (same clock and offset as the
 *   records). Two rollovers in the same second get `-1`, `-2`, ... after the stamp instead of
 *   overwriting (tseq's choice).
 * - `maxBytes` default 1,000,000 is tseq's choice. For reference: the ConfigMgr client default
 *   LogMaxSize is 250,000 bytes and LogMaxHistory 1 [DOC memdocs about-log-files.md]; since current
 *   branch 1806 the task sequence raises smsts.log to 5 MB with 3 history files while it runs
 *   [Microsoft OSD support blog, "How to change logging options for SMSTS.log"].
 * - `maxHistory` default 1, ConfigMgr's LogMaxHistory default [DOC]; 0 keeps no rolled file.
 * - A record is never split: the file rolls when appending the next record would take it over
 *   maxBytes (and it holds at least one record); a single record larger than maxBytes still goes,
 *   alone, into a fresh file.
 * - Each new file starts with a UTF-8 BOM, as the real smsts.log files do. Opening an existing
 *   non-empty log appends to it (the engine reopens its log after a restart).
 */
import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { cmTraceTimestamp, formatCmTraceLine, type CmTraceType } from './cmtrace-format.js';

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** tseq's default maximum size of one log file, in bytes (see the module comment). */
export const DEFAULT_MAX_BYTES = 1_000_000;
/** ConfigMgr's LogMaxHistory default [DOC]. */
export const DEFAULT_MAX_HISTORY = 1;

/** A record to write; time and thread default to the log's clock and thread. */
export interface CmTraceLogEntry {
  readonly message: string;
  readonly component: string;
  readonly type: CmTraceType;
  readonly time?: Date;
  readonly thread?: number;
  readonly file?: string;
  readonly context?: string;
}

export interface CmTraceLogOptions {
  /** Roll over before a record would take the file past this size (bytes, BOM included). */
  readonly maxBytes?: number;
  /** Rolled files to keep beside the log; the oldest beyond it are deleted. */
  readonly maxHistory?: number;
  /** The clock; tests inject one. */
  readonly now?: () => Date;
  /** Fixed local offset from UTC in minutes (ISO sense); default: this process's time zone. */
  readonly utcOffsetMinutes?: number;
  /** The thread id written when a record gives none; default: a constant per process. */
  readonly thread?: number;
  /** Applied to every message before it is written (e.g. secret masking). */
  readonly redact?: (message: string) => string;
  /** fsync after every record (survives power loss, not only a killed process). Default false. */
  readonly fsync?: boolean;
}

/** The thread id tseq writes by default: constant for the process, in the range real logs show. */
export const DEFAULT_THREAD = process.pid % 10000;

/** `smsts.log` + stamp -> `smsts-20240207-165352.log` (`-N` appended before the extension when N > 0). */
export function rolledLogName(logPath: string, stamp: string, n = 0): string {
  const ext = extname(logPath);
  const stem = basename(logPath, ext);
  return join(dirname(logPath), `${stem}-${stamp}${n > 0 ? '-' + n : ''}${ext}`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Rolled files of `logPath` present in its folder, oldest first. */
export function listRolledLogs(logPath: string): string[] {
  const dir = dirname(logPath);
  const ext = extname(logPath);
  const stem = basename(logPath, ext);
  const re = new RegExp(`^${escapeRegExp(stem)}-(\\d{8}-\\d{6})(?:-(\\d+))?${escapeRegExp(ext)}$`, 'i');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const found: Array<{ name: string; stamp: string; n: number }> = [];
  for (const name of names) {
    const m = re.exec(name);
    if (m) found.push({ name, stamp: m[1]!, n: m[2] === undefined ? 0 : Number(m[2]) });
  }
  found.sort((a, b) => (a.stamp < b.stamp ? -1 : a.stamp > b.stamp ? 1 : a.n - b.n));
  return found.map((f) => join(dir, f.name));
}

export class CmTraceLog {
  readonly path: string;
  readonly maxBytes: number;
  readonly maxHistory: number;
  private readonly now: () => Date;
  private readonly utcOffsetMinutes: number | undefined;
  private readonly thread: number;
  private readonly redact: ((message: string) => string) | undefined;
  private readonly fsync: boolean;

  constructor(path: string, options: CmTraceLogOptions = {}) {
    this.path = path;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxHistory = options.maxHistory ?? DEFAULT_MAX_HISTORY;
    if (!(this.maxBytes > 0)) throw new RangeError(`maxBytes must be positive, got ${this.maxBytes}`);
    if (!Number.isInteger(this.maxHistory) || this.maxHistory < 0) {
      throw new RangeError(`maxHistory must be a non-negative integer, got ${this.maxHistory}`);
    }
    this.now = options.now ?? (() => new Date());
    this.utcOffsetMinutes = options.utcOffsetMinutes;
    this.thread = options.thread ?? DEFAULT_THREAD;
    this.redact = options.redact;
    this.fsync = options.fsync ?? false;
  }

  /** Appends one record; returns once it is in the file. */
  write(entry: CmTraceLogEntry): void {
    const message = this.redact ? this.redact(entry.message) : entry.message;
    const line = formatCmTraceLine({
      message,
      time: entry.time ?? this.now(),
      component: entry.component,
      type: entry.type,
      thread: entry.thread ?? this.thread,
      ...(entry.file !== undefined ? { file: entry.file } : {}),
      ...(entry.context !== undefined ? { context: entry.context } : {}),
      ...(this.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: this.utcOffsetMinutes } : {}),
    });
    const bytes = Buffer.from(line, 'utf8');
    // The file is opened for each record and closed again: nothing stays buffered or open, the size
    // is the file's real size (another process may log to the same smsts.log, as ConfigMgr's
    // components do), and a rename by rollover never meets an open handle (Windows).
    let fd = this.openForAppend();
    try {
      const size = fstatSync(fd).size;
      if (size > UTF8_BOM.length && size + bytes.length > this.maxBytes) {
        closeSync(fd);
        fd = -1;
        this.rollOver();
        fd = this.openForAppend();
      }
      writeAll(fd, bytes);
      if (this.fsync) fsyncSync(fd);
    } finally {
      if (fd >= 0) closeSync(fd);
    }
  }

  info(component: string, message: string, file?: string): void {
    this.write({ component, message, type: 1, ...(file !== undefined ? { file } : {}) });
  }

  warning(component: string, message: string, file?: string): void {
    this.write({ component, message, type: 2, ...(file !== undefined ? { file } : {}) });
  }

  error(component: string, message: string, file?: string): void {
    this.write({ component, message, type: 3, ...(file !== undefined ? { file } : {}) });
  }

  /**
   * Renames the current file to its rolled name (stamped with the clock's local time) and deletes
   * the oldest rolled files beyond maxHistory. Returns the rolled file's path, or undefined when
   * there was no file.
   */
  rollOver(): string | undefined {
    if (!existsSync(this.path)) return undefined;
    const { time, date } = cmTraceTimestamp(this.now(), this.utcOffsetMinutes);
    // date MM-DD-YYYY, time HH:MM:SS.mmm±bias -> YYYYMMDD-HHMMSS
    const stamp = `${date.slice(6, 10)}${date.slice(0, 2)}${date.slice(3, 5)}-${time.slice(0, 2)}${time.slice(3, 5)}${time.slice(6, 8)}`;
    let n = 0;
    let target = rolledLogName(this.path, stamp);
    while (existsSync(target)) target = rolledLogName(this.path, stamp, ++n);
    renameSync(this.path, target);
    const rolled = listRolledLogs(this.path);
    for (const old of rolled.slice(0, Math.max(0, rolled.length - this.maxHistory))) rmSync(old, { force: true });
    return existsSync(target) ? target : undefined;
  }

  /** Opens the log for appending, creating it (and its folder) with a BOM when new or empty. */
  private openForAppend(): number {
    mkdirSync(dirname(this.path), { recursive: true });
    const fd = openSync(this.path, 'a');
    try {
      if (fstatSync(fd).size === 0) writeAll(fd, UTF8_BOM);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
    return fd;
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
}
