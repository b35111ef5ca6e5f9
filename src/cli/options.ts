import type { WriteOptions } from '../xml/index.js';
import { UsageError } from './exit-codes.js';

/** Options shared by the commands that write XML. */
export function layoutOptions(opts: { encoding?: string; eol?: string }): WriteOptions {
  const encoding = (opts.encoding ?? 'utf-8').toLowerCase().replace(/^utf8$/, 'utf-8').replace(/^utf-?16$/, 'utf-16le');
  if (encoding !== 'utf-8' && encoding !== 'utf-16le' && encoding !== 'utf-16be') {
    throw new UsageError(`--encoding must be utf-8, utf-16le or utf-16be, not "${opts.encoding}"`);
  }
  const eol = (opts.eol ?? 'crlf').toLowerCase();
  if (eol !== 'crlf' && eol !== 'lf') throw new UsageError(`--eol must be crlf or lf, not "${opts.eol}"`);
  return { encoding, eol: eol === 'crlf' ? '\r\n' : '\n' };
}

/** `--max-bytes N` (accepts 32MB, 512k, plain bytes). */
export function maxBytesOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(k|kb|m|mb|g|gb)?$/i.exec(value.trim());
  if (!m) throw new UsageError(`--max-bytes must be a size such as 33554432, 512KB or 32MB, not "${value}"`);
  const unit = (m[2] ?? '').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.floor(Number(m[1]) * factor);
}

/** commander collector for a repeatable option. */
export function collectVars(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--var NAME=VALUE` pairs; the name must be one ConfigMgr accepts (REFERENCE.md §5.7). */
export function parseVarAssignments(assignments: readonly string[]): [string, string][] {
  return assignments.map((a) => {
    const eq = a.indexOf('=');
    const name = eq < 0 ? '' : a.slice(0, eq).trim();
    if (eq < 0 || !/^[A-Za-z0-9_-]{1,256}$/.test(name)) throw new UsageError(`--var needs NAME=VALUE with a variable name of letters, digits, _ and -, not "${a}"`);
    return [name, a.slice(eq + 1)];
  });
}
