import type { PropertyDef } from '../model/class-def.js';

/**
 * Text in the XML to a typed model value and back, by the catalog's property type. Text that does
 * not parse as its type is kept as the string it was, so nothing is lost and validation can say
 * what is wrong with it (a `%VARIABLE%` in a number field is common and legal at run time).
 */
export function parseValue(text: string, def: PropertyDef | undefined): unknown {
  if (!def) return text;
  switch (def.type) {
    case 'boolean': {
      // How ConfigMgr writes them, first: no new strings for the common case.
      if (text === 'true') return true;
      if (text === 'false') return false;
      const lower = text.trim().toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      return text;
    }
    case 'uint32':
    case 'sint32': {
      return decimalInteger(text.trim(), 15) ?? text;
    }
    default:
      return text;
  }
}

/**
 * `text` as a decimal integer, `-?[0-9]{1,maxDigits}`, or undefined. By hand, in one pass, not a
 * regular expression and then Number(): a console export's Icon is an array of 100,000 and more.
 */
export function decimalInteger(text: string, maxDigits = Number.POSITIVE_INFINITY): number | undefined {
  const negative = text.charCodeAt(0) === 0x2d;
  const start = negative ? 1 : 0;
  const digits = text.length - start;
  if (digits < 1 || digits > maxDigits) return undefined;
  let n = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
    n = n * 10 + (c - 0x30);
  }
  // Up to 15 digits the sum is exact; past that, round as Number() does.
  if (digits > 15) return Number(text);
  return negative ? -n : n;
}

/** How ConfigMgr writes a value: booleans `true`/`false`, numbers in decimal (REFERENCE.md §2.1). */
export function renderValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Whether `text`, read as `def`'s type, gives `value`: then the writer keeps `text` as it was spelled. */
export function textMeans(text: string, value: unknown, def: PropertyDef | undefined): boolean {
  const parsed = parseValue(text, def);
  return parsed === value || (value === null && text === '');
}
