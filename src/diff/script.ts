/**
 * Inline PowerShell scripts (Run PowerShell Script's `SourceScript`: base64 of the script's UTF-16 LE
 * text with a BOM, REFERENCE.md §10) and the unified line diff the diff shows for them.
 */
import { lcsPairs } from './lcs.js';

/** The step class and property that carry an inline script. */
export const SCRIPT_CLASS = 'SMS_TaskSequence_RunPowerShellScriptAction';
export const SCRIPT_PROPERTY = 'SourceScript';

/**
 * The text of an inline script, or undefined when the value is not base64 of a script. UTF-16 LE with
 * BOM is what ConfigMgr writes; a UTF-16 BE or UTF-8 BOM is honoured, and without a BOM the bytes are
 * read as UTF-16 LE when every second byte of the first characters is zero (ASCII text), else UTF-8.
 */
export function decodeInlineScript(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const compact = value.replace(/\s+/g, '');
  if (compact === '' || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  const bytes = Buffer.from(compact, 'base64');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  const probe = bytes.subarray(0, Math.min(bytes.length, 64));
  const looksUtf16 = bytes.length % 2 === 0 && probe.length >= 2 && probe.every((byte, i) => (i % 2 === 1 ? byte === 0 : true));
  return looksUtf16 ? bytes.toString('utf16le') : bytes.toString('utf8');
}

/** An inline script as ConfigMgr stores it: base64 of UTF-16 LE with BOM. */
export function encodeInlineScript(text: string): string {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]).toString('base64');
}

/** Lines of a script; CRLF, LF and CR all end a line. */
export function scriptLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/** One line of a line diff: kept (' '), removed ('-') or added ('+'), with its line numbers (1-based). */
export interface DiffLine {
  readonly op: ' ' | '-' | '+';
  readonly text: string;
  /** Line number in the old text (kept and removed lines). */
  readonly oldLine?: number;
  /** Line number in the new text (kept and added lines). */
  readonly newLine?: number;
}

/** Every line of both texts, aligned on a longest common subsequence; removals before additions. */
export function lineDiff(before: readonly string[], after: readonly string[]): DiffLine[] {
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  const flush = (toI: number, toJ: number): void => {
    for (; i < toI; i++) out.push({ op: '-', text: before[i]!, oldLine: i + 1 });
    for (; j < toJ; j++) out.push({ op: '+', text: after[j]!, newLine: j + 1 });
  };
  for (const [pi, pj] of lcsPairs(before, after)) {
    flush(pi, pj);
    out.push({ op: ' ', text: before[pi]!, oldLine: pi + 1, newLine: pj + 1 });
    i = pi + 1;
    j = pj + 1;
  }
  flush(before.length, after.length);
  return out;
}

/**
 * A unified diff (`@@ -l,s +l,s @@` hunks with `context` lines around each change, lines prefixed
 * with ' ', '-' or '+'), without the `---` / `+++` file header. Empty when the texts are equal.
 */
export function unifiedDiff(before: readonly string[], after: readonly string[], context = 3): string[] {
  const lines = lineDiff(before, after);
  const changed = lines.map((l, k) => (l.op === ' ' ? -1 : k)).filter((k) => k >= 0);
  if (changed.length === 0) return [];
  // Hunks: runs of lines within `context` of a change, merged when they touch.
  const hunks: [number, number][] = [];
  for (const k of changed) {
    const from = Math.max(0, k - context);
    const to = Math.min(lines.length - 1, k + context);
    const last = hunks[hunks.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else hunks.push([from, to]);
  }
  const out: string[] = [];
  for (const [from, to] of hunks) {
    const body = lines.slice(from, to + 1);
    const oldCount = body.filter((l) => l.op !== '+').length;
    const newCount = body.filter((l) => l.op !== '-').length;
    // The start line of an empty side is the line before the hunk, as diff -u writes it.
    const oldStart = body.find((l) => l.oldLine !== undefined)?.oldLine ?? oldLineBefore(lines, from);
    const newStart = body.find((l) => l.newLine !== undefined)?.newLine ?? newLineBefore(lines, from);
    out.push(`@@ -${range(oldCount ? oldStart : oldLineBefore(lines, from), oldCount)} +${range(newCount ? newStart : newLineBefore(lines, from), newCount)} @@`);
    for (const l of body) out.push(l.op + l.text);
  }
  return out;
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}

function oldLineBefore(lines: readonly DiffLine[], k: number): number {
  for (let i = k - 1; i >= 0; i--) if (lines[i]!.oldLine !== undefined) return lines[i]!.oldLine!;
  return 0;
}

function newLineBefore(lines: readonly DiffLine[], k: number): number {
  for (let i = k - 1; i >= 0; i--) if (lines[i]!.newLine !== undefined) return lines[i]!.newLine!;
  return 0;
}
