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
      const trimmed = text.trim();
      if (isDecimalInteger(trimmed, 15)) return Number(trimmed);
      return text;
    }
    default:
      return text;
  }
}

/**
 * Whether `text` is a decimal integer, `-?[0-9]{1,maxDigits}`. By hand, not a regular expression:
 * a console export's Icon is an array of 100,000 and more numbers.
 */
export function isDecimalInteger(text: string, maxDigits = Number.POSITIVE_INFINITY): boolean {
  const start = text.charCodeAt(0) === 0x2d ? 1 : 0;
  const digits = text.length - start;
  if (digits < 1 || digits > maxDigits) return false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
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
