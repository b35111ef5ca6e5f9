/**
 * WQL tokens, read on demand so that a query form the parser refuses early (ASSOCIATORS OF
 * {path}) is never lexed past its first word. REFERENCE.md §11.
 */
import type { WqlQuote } from './ast.js';
import { wqlError, type WqlError } from './wql-error.js';

export type WqlComparisonSymbol = '=' | '<>' | '!=' | '<' | '<=' | '>' | '>=';

export type WqlToken =
  /** A name or a keyword: the parser tells them apart, case-insensitively. */
  | { readonly type: 'name'; readonly text: string; readonly offset: number }
  | { readonly type: 'string'; readonly value: string; readonly quote: WqlQuote; readonly offset: number }
  | { readonly type: 'number'; readonly value: number; readonly text: string; readonly offset: number }
  | { readonly type: 'operator'; readonly text: WqlComparisonSymbol; readonly offset: number }
  | { readonly type: 'punctuation'; readonly text: ',' | '*' | '(' | ')'; readonly offset: number }
  | { readonly type: 'end'; readonly offset: number };

export type WqlLexResult = { readonly ok: true; readonly token: WqlToken } | { readonly ok: false; readonly error: WqlError };

/** The characters WMI's WQL treats as blanks between tokens. */
function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\f' || c === '\v';
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isHexDigit(c: string | undefined): boolean {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c);
}

/** Class and property names are ASCII: letters, digits and `_`, not starting with a digit (`__RELPATH`, `Win32_TPM`). */
function isNameStart(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
}

function isNamePart(c: string | undefined): boolean {
  return isNameStart(c) || isDigit(c);
}

/**
 * The characters a backslash escapes inside a string. WMI is lenient: a backslash before any
 * other character is kept as written, so `'%\Windows%'` (as real task sequences write it) means
 * `%\Windows%`, and `'C:\\Windows'` means `C:\Windows`.
 */
const ESCAPABLE = new Set(['\\', "'", '"']);

export class WqlLexer {
  private pos = 0;

  constructor(private readonly text: string) {}

  next(): WqlLexResult {
    const text = this.text;
    while (this.pos < text.length && isBlank(text[this.pos]!)) this.pos++;
    const start = this.pos;
    const c = text[start];
    if (c === undefined) return this.token({ type: 'end', offset: start });

    if (isNameStart(c)) {
      let end = start + 1;
      while (isNamePart(text[end])) end++;
      this.pos = end;
      return this.token({ type: 'name', text: text.slice(start, end), offset: start });
    }
    if (c === "'" || c === '"') return this.string(c, start);
    if (isDigit(c) || (c === '-' && isDigit(text[start + 1]))) return this.number(start);

    const two = text.slice(start, start + 2);
    if (two === '<>' || two === '!=' || two === '<=' || two === '>=') {
      this.pos = start + 2;
      return this.token({ type: 'operator', text: two, offset: start });
    }
    if (c === '=' || c === '<' || c === '>') {
      this.pos = start + 1;
      return this.token({ type: 'operator', text: c, offset: start });
    }
    if (c === ',' || c === '*' || c === '(' || c === ')') {
      this.pos = start + 1;
      return this.token({ type: 'punctuation', text: c, offset: start });
    }
    const shown = String.fromCodePoint(text.codePointAt(start)!);
    return this.fail('WQL001', `expected a name, a constant, an operator or a parenthesis, found unexpected character ${JSON.stringify(shown)}`, start);
  }

  private string(quote: WqlQuote, start: number): WqlLexResult {
    const text = this.text;
    let value = '';
    let i = start + 1;
    while (i < text.length) {
      const c = text[i]!;
      if (c === quote) {
        this.pos = i + 1;
        return this.token({ type: 'string', value, quote, offset: start });
      }
      if (c === '\\' && i + 1 < text.length && ESCAPABLE.has(text[i + 1]!)) {
        value += text[i + 1]!;
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    return this.fail('WQL002', `expected a closing ${quote} for the string that starts here, found end of input`, start);
  }

  /** Integers, negative numbers, decimals with an optional exponent, and hex (`0x1F`). */
  private number(start: number): WqlLexResult {
    const text = this.text;
    let i = start;
    const negative = text[i] === '-';
    if (negative) i++;
    let value: number;
    if (text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X')) {
      let j = i + 2;
      while (isHexDigit(text[j])) j++;
      if (j === i + 2) return this.fail('WQL003', `expected hexadecimal digits after ${JSON.stringify(text.slice(start, j))}, found ${describeChar(text[j])}`, start);
      const magnitude = parseInt(text.slice(i + 2, j), 16);
      value = negative ? -magnitude : magnitude;
      i = j;
    } else {
      while (isDigit(text[i])) i++;
      if (text[i] === '.' && isDigit(text[i + 1])) {
        i++;
        while (isDigit(text[i])) i++;
      }
      if ((text[i] === 'e' || text[i] === 'E') && (isDigit(text[i + 1]) || ((text[i + 1] === '+' || text[i + 1] === '-') && isDigit(text[i + 2])))) {
        i += 2;
        while (isDigit(text[i])) i++;
      }
      value = Number(text.slice(start, i));
    }
    if (isNamePart(text[i]) || text[i] === '.') {
      let j = i;
      while (isNamePart(text[j]) || text[j] === '.') j++;
      return this.fail('WQL003', `expected a number, found malformed number ${JSON.stringify(text.slice(start, j))}`, start);
    }
    this.pos = i;
    return this.token({ type: 'number', value, text: text.slice(start, i), offset: start });
  }

  private token(token: WqlToken): WqlLexResult {
    return { ok: true, token };
  }

  private fail(code: 'WQL001' | 'WQL002' | 'WQL003', message: string, offset: number): WqlLexResult {
    return { ok: false, error: wqlError(code, message, this.text, offset) };
  }
}

function describeChar(c: string | undefined): string {
  return c === undefined ? 'end of input' : JSON.stringify(c);
}
