/**
 * A WQL text that cannot be parsed is a value, not an exception (STYLE.md "Habits"): a stable
 * code, a message saying what was expected and what was found, and where.
 */

export type WqlErrorCode =
  /** A character that starts no token (`{`, `$`, a non-ASCII letter outside a string). */
  | 'WQL001'
  /** A string with no closing quote. */
  | 'WQL002'
  /** A number run into letters (`5abc`) or a hex prefix with no digits (`0x`). */
  | 'WQL003'
  /** A WQL query form conditions do not use: ASSOCIATORS OF, REFERENCES OF, event clauses. */
  | 'WQL004'
  /** The grammar expected one thing and found another. */
  | 'WQL005'
  /** IS followed by something other than NULL / NOT NULL (`DriveType IS 5`). */
  | 'WQL006'
  /** Parentheses or NOTs nested deeper than the parser follows. */
  | 'WQL007'
  /** A fault inside the parser itself; reported rather than thrown. */
  | 'WQL008'
  /** More comparisons joined by AND and OR than a condition's query can hold. */
  | 'WQL009';

export interface WqlError {
  readonly code: WqlErrorCode;
  readonly message: string;
  /** 1-based line of the fault (queries are nearly always one line). */
  readonly line: number;
  /** 1-based column on that line, counted in characters (code points). */
  readonly column: number;
  /** 0-based index into the text (UTF-16 code units, as JavaScript strings index). */
  readonly offset: number;
}

export function wqlError(code: WqlErrorCode, message: string, text: string, offset: number): WqlError {
  const at = Math.max(0, Math.min(offset, text.length));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  let column = 1;
  for (let i = lineStart; i < at; i++) {
    const c = text.charCodeAt(i);
    // The second half of a surrogate pair is part of the character before it.
    if (!(c >= 0xdc00 && c <= 0xdfff && i > lineStart && isHighSurrogate(text.charCodeAt(i - 1)))) column++;
  }
  return Object.freeze({ code, message, line, column, offset: at });
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
