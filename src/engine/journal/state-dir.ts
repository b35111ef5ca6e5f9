/**
 * A run's state directory:
 *
 *   journal.jsonl  the append-only journal of engine events (JournalWriter / readJournal)
 *   sequence.xml   a copy of the task sequence being run (written atomically at start)
 *   run.json       the run's options: file name, profile path, --var variables, created time
 *                  (written atomically once at start)
 *   smsts.log      the SMSTS-style log (written by the log module)
 *   trace.json     the final JSON trace (written atomically at the end)
 *
 * initStateDir writes sequence.xml and run.json durably BEFORE it creates the journal, so a
 * directory holding a journal always holds the other two: the journal's presence is what makes a
 * directory a tseq state directory (and what makes initStateDir refuse it). A crash during init
 * leaves no journal, so init can simply be run again.
 */
import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { JournalWriter, fsyncDirectory, writeFully } from './journal-writer.js';
import { readJournal } from './journal-reader.js';

export interface StateDirPaths {
  dir: string;
  journal: string;
  sequenceXml: string;
  run: string;
  log: string;
  trace: string;
}

export const STATE_FILE_NAMES = {
  journal: 'journal.jsonl',
  sequenceXml: 'sequence.xml',
  run: 'run.json',
  log: 'smsts.log',
  trace: 'trace.json',
} as const;

export function stateDirPaths(dir: string): StateDirPaths {
  const d = resolve(dir);
  return {
    dir: d,
    journal: join(d, STATE_FILE_NAMES.journal),
    sequenceXml: join(d, STATE_FILE_NAMES.sequenceXml),
    run: join(d, STATE_FILE_NAMES.run),
    log: join(d, STATE_FILE_NAMES.log),
    trace: join(d, STATE_FILE_NAMES.trace),
  };
}

export type StateDirErrorCode = 'STATE_EXISTS' | 'STATE_MISSING' | 'STATE_CORRUPT';

/** Thrown by initStateDir / loadStateDir; `path` names the directory or the offending file. */
export class StateDirError extends Error {
  readonly code: StateDirErrorCode;
  readonly path: string;
  constructor(code: StateDirErrorCode, path: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StateDirError';
    this.code = code;
    this.path = path;
  }
}

/** The filesystem primitives writeFileAtomic uses; replaceable so tests can inject failures. */
export interface AtomicWriteFs {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

/** The real file system, as writeFileAtomic uses it by default (tests wrap it to inject faults). */
export const nodeFs: AtomicWriteFs = {
  openSync: (p, f, m) => fs.openSync(p, f, m),
  writeSync: (fd, b, o, l) => fs.writeSync(fd, b, o, l),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (a, b) => fs.renameSync(a, b),
  unlinkSync: (p) => fs.unlinkSync(p),
};

/** The temp file writeFileAtomic uses for `path`: hidden, in the same directory (so rename is atomic). */
export function atomicTempPath(path: string): string {
  const target = resolve(path);
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Replaces `path` with `data` atomically and durably: write a temp file beside it, fsync it,
 * rename it over the target, fsync the directory. Readers see the old content or the new, never
 * a mix; on failure the target is untouched and the temp file removed. (A process killed mid-write
 * can leave a `.name.*.tmp` file behind, never a partial target.)
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, fsOps: AtomicWriteFs = nodeFs): void {
  const target = resolve(path);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const temp = atomicTempPath(target);
  const fd = fsOps.openSync(temp, 'wx', 0o644);
  let renamed = false;
  try {
    try {
      writeFully(fd, bytes, (f, b, o, l) => fsOps.writeSync(f, b, o, l));
      fsOps.fsyncSync(fd);
    } finally {
      fsOps.closeSync(fd);
    }
    fsOps.renameSync(temp, target);
    renamed = true;
  } finally {
    if (!renamed) {
      try {
        fsOps.unlinkSync(temp);
      } catch {
        /* already gone */
      }
    }
  }
  fsyncDirectory(dirname(target));
}

export interface InitStateDirOptions {
  /** The task sequence being run, copied verbatim. */
  sequenceXml: string | Uint8Array;
  /** The run's options (file name, profile path, --var variables, created time, …); stored as run.json. */
  run: object;
}

/**
 * Creates a state directory for a new run: sequence.xml and run.json (atomically), then an empty
 * journal. Throws StateDirError 'STATE_EXISTS' when the directory already holds a journal.
 */
export function initStateDir(dir: string, options: InitStateDirOptions): StateDirPaths {
  const paths = stateDirPaths(dir);
  if (fs.existsSync(paths.journal)) {
    throw new StateDirError('STATE_EXISTS', paths.journal, `${paths.dir} already holds a run (${paths.journal} exists); resume it or choose another state directory`);
  }
  const runJson = JSON.stringify(options.run, null, 2);
  if (typeof runJson !== 'string' || typeof options.run !== 'object' || options.run === null || Array.isArray(options.run)) {
    throw new TypeError('initStateDir: run must be a JSON object');
  }
  const firstCreated = fs.mkdirSync(paths.dir, { recursive: true });
  if (firstCreated !== undefined) fsyncDirectory(dirname(firstCreated));
  writeFileAtomic(paths.sequenceXml, options.sequenceXml);
  writeFileAtomic(paths.run, `${runJson}\n`);
  // Last: the journal's existence marks the directory as a (complete) state directory.
  JournalWriter.open(paths.journal).close();
  return paths;
}

export interface LoadedStateDir {
  paths: StateDirPaths;
  sequenceXml: Buffer;
  run: Record<string, unknown>;
  records: unknown[];
  tornTail: boolean;
}

/**
 * Loads a state directory to resume a run. Throws StateDirError 'STATE_MISSING' when the
 * directory or its journal does not exist (not a tseq state directory), 'STATE_CORRUPT' naming the
 * file when the journal exists but sequence.xml or run.json is missing or unreadable. A torn
 * journal tail is not an error: it is reported as `tornTail`.
 */
export function loadStateDir(dir: string): LoadedStateDir {
  const paths = stateDirPaths(dir);
  let st: fs.Stats;
  try {
    st = fs.statSync(paths.dir);
  } catch (err) {
    throw new StateDirError('STATE_MISSING', paths.dir, `no state directory at ${paths.dir}`, { cause: err });
  }
  if (!st.isDirectory()) throw new StateDirError('STATE_MISSING', paths.dir, `${paths.dir} is not a directory, so not a tseq state directory`);
  if (!fs.existsSync(paths.journal)) {
    throw new StateDirError('STATE_MISSING', paths.journal, `${paths.dir} is not a tseq state directory: ${paths.journal} is missing`);
  }

  const sequenceXml = readStateFile(paths.sequenceXml);
  const runText = readStateFile(paths.run).toString('utf8');
  let run: unknown;
  try {
    run = JSON.parse(runText);
  } catch (err) {
    throw new StateDirError('STATE_CORRUPT', paths.run, `corrupt state directory: ${paths.run} is not valid JSON`, { cause: err });
  }
  if (typeof run !== 'object' || run === null || Array.isArray(run)) {
    throw new StateDirError('STATE_CORRUPT', paths.run, `corrupt state directory: ${paths.run} does not hold a JSON object`);
  }

  let journal: ReturnType<typeof readJournal>;
  try {
    journal = readJournal(paths.journal);
  } catch (err) {
    throw new StateDirError('STATE_CORRUPT', paths.journal, `corrupt state directory: cannot read ${paths.journal}: ${(err as Error).message}`, { cause: err });
  }
  return { paths, sequenceXml, run: run as Record<string, unknown>, records: journal.records, tornTail: journal.tornTail };
}

function readStateFile(path: string): Buffer {
  try {
    return fs.readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'is missing' : `cannot be read (${code ?? (err as Error).message})`;
    throw new StateDirError('STATE_CORRUPT', path, `corrupt state directory: ${path} ${what}`, { cause: err });
  }
}
