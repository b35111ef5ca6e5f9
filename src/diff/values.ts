/**
 * When two property values or two conditions mean the same thing. A semantic diff ignores what the
 * XML layer keeps only for a faithful write-back: a property absent or empty is its class default,
 * a boolean or number read as text is that boolean or number, operator spellings differ in case
 * (`Equals` / `equals`, REFERENCE.md §10) and an empty condition is no condition (§3.1).
 */
import { defaultOf, propertyOf } from '../model/catalog.js';
import type { Condition, ModelObject } from '../model/node.js';

/** Absent, null and the empty string all mean "not set". */
export function isUnset(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** The value a property has in effect: its own, else the class default (undefined when there is none). */
export function effectiveValue(obj: ModelObject, property: string): unknown {
  const v = obj[property];
  return isUnset(v) ? defaultOf(obj.__CLASS, property) : v;
}

/**
 * A canonical string for a value: equal strings mean equal values. `type` is the catalog type of the
 * property when known, so that "TRUE" in a boolean equals true and "10" in a uint32 equals 10.
 */
export function canonicalValue(v: unknown, type?: string, lowerCase = false): string {
  return JSON.stringify(normalize(v, type, lowerCase));
}

function normalize(v: unknown, type: string | undefined, lowerCase: boolean): unknown {
  if (isUnset(v)) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (type === 'boolean' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
    if ((type === 'uint32' || type === 'sint32' || type === 'uint64') && /^-?\d+$/.test(v.trim())) return Number(v.trim());
    return lowerCase ? v.toLowerCase() : v;
  }
  if (Array.isArray(v)) return v.map((x) => normalize(x, type, lowerCase));
  if (typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    const cls = typeof obj['__CLASS'] === 'string' ? obj['__CLASS'] : undefined;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(obj).sort()) {
      const def = cls ? propertyOf(cls, k) : undefined;
      const n = normalize(obj[k], def?.type, false);
      if (n !== null) out[k] = n;
    }
    return out;
  }
  return String(v);
}

/** Whether a property of two objects of one class has the same value in effect. */
export function sameProperty(a: ModelObject, b: ModelObject, property: string): boolean {
  const type = propertyOf(b.__CLASS, property)?.type ?? propertyOf(a.__CLASS, property)?.type;
  return canonicalValue(effectiveValue(a, property), type) === canonicalValue(effectiveValue(b, property), type);
}

/** Operator properties are read case-insensitively (REFERENCE.md §9); `nonExists` is the SDK's typo for `notExists`. */
const OPERATOR_PROPERTY = /^(Operator|OperatorType|VersionOperator|DateTimeOperator)$/;

/** A canonical string for a condition; equal strings mean conditions that decide alike on every machine. */
export function canonicalCondition(condition: Condition | undefined): string {
  if (!condition || condition.Operands.length === 0) return '';
  return JSON.stringify(canonicalOperand(condition));
}

function canonicalOperand(o: ModelObject): unknown {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) {
    const v = o[k];
    if (k === 'Operands' && Array.isArray(v)) {
      out[k] = v.map((x) => canonicalOperand(x as ModelObject));
      continue;
    }
    if (OPERATOR_PROPERTY.test(k) && typeof v === 'string') {
      const op = v.trim().toLowerCase();
      out[k] = op === 'nonexists' ? 'notexists' : op;
      continue;
    }
    const n = normalize(v, propertyOf(o.__CLASS, k)?.type, false);
    if (n !== null) out[k] = n;
  }
  return out;
}
