/**
 * `evaluateWql`: the instances of a class that satisfy a query's WHERE, as WMI would return them.
 * A WMI condition is true when at least one instance matches (REFERENCE.md §3.2). Pure: the
 * instances come from the caller's `instancesOf` (a machine profile, a test table); never throws.
 *
 * Typed comparisons follow WMI, which converts the constant to the property's type:
 * - number property (or a numeric string such as a uint64 `"17179869184"`, which WMI hands over as
 *   a string) against a number, or a number property against a numeric string (`DriveType = '3'`):
 *   compared as numbers, exactly for integers of any size.
 * - string property against a string: case-insensitive, ordinal after lower-casing. A string
 *   property stays a string even when both look numeric (`BuildNumber >= '17763'` compares text,
 *   as WMI does for the string property BuildNumber).
 * - boolean property against TRUE / FALSE, the strings "TRUE" / "FALSE" (any case), or a number or
 *   numeric string (non-zero is TRUE, as VARIANT conversion reads `HypervisorPresent = "1"`).
 * Decisions where WMI is unclear or would refuse the query:
 * - Two values that cannot be converted to one type (a number property against 'abc') do not
 *   compare: every operator is false, `<>` included.
 * - A missing or null property: every comparison with a constant is false (`<>` included);
 *   `IS NULL` is true. A property name the instance does not have is treated as null (WMI would
 *   reject the query as invalid; a profile simply may not list every property).
 * - `= NULL` is true for a null property and `<>` / `!= NULL` for a non-null one (like IS [NOT]
 *   NULL); `<`, `>`, LIKE… against NULL are false.
 * - NOT is plain two-valued negation: `NOT Prop = 'x'` is true for a null Prop, while `Prop <> 'x'` is not.
 * - Array-valued properties (WMI arrays, which WQL itself cannot query): a comparison, LIKE or ISA
 *   is true when any element satisfies it; an empty array satisfies none and is not NULL.
 * - LIKE against a number property matches the number's decimal text; against a boolean, `TRUE`/`FALSE`.
 * - Class and property names match case-insensitively. `instancesOf` is asked with the class name
 *   as written; `wqlClassLookup` builds one that ignores case.
 * - ISA: `__THIS ISA 'C'` tests the instance — its `__CLASS`, any `__DERIVATION` entry, or the
 *   queried class itself equal to C; `Prop ISA 'C'` tests an embedded object held in Prop.
 * - The selected property list does not change which instances match.
 */
import type { WqlComparisonOperator, WqlExpr, WqlLiteral, WqlQuery, WqlStringLiteral } from './ast.js';
import { compileLikePattern, type LikeMatcher } from './like.js';

export type WqlInstance = Readonly<Record<string, unknown>>;

/** The instances of a class, or undefined when the class does not exist (WMI: "Invalid class"). */
export type WqlInstanceSource = (className: string) => readonly WqlInstance[] | undefined;

export interface WqlEvalError {
  /** `invalid class`: no such class; `provider failure`: `instancesOf` threw or gave no list; `evaluation failure`: anything else. */
  readonly code: 'invalid class' | 'provider failure' | 'evaluation failure';
  readonly message: string;
}

export interface WqlEvalResult {
  readonly matched: WqlInstance[];
  readonly error?: WqlEvalError;
}

export function evaluateWql(query: WqlQuery, instancesOf: WqlInstanceSource): WqlEvalResult {
  let className = '';
  try {
    className = query.className;
    let instances: unknown;
    try {
      instances = instancesOf(className);
    } catch (e) {
      return failure('provider failure', `reading the instances of ${className} failed: ${reason(e)}`);
    }
    if (instances === undefined) return failure('invalid class', `class ${className} does not exist (WMI: Invalid class)`);
    if (!Array.isArray(instances)) return failure('provider failure', `the instances of ${className} are not a list`);
    const matched: WqlInstance[] = [];
    for (const instance of instances as unknown[]) {
      // Only objects are instances; anything else in the list never matches.
      if (!isObject(instance)) continue;
      if (query.where === undefined || holds(query.where, instance, className)) matched.push(instance);
    }
    return { matched };
  } catch (e) {
    return failure('evaluation failure', `evaluating the query on ${className || 'its class'} failed: ${reason(e)}`);
  }
}

/** An `instancesOf` over a table of class name → instances that ignores the case of class names. */
export function wqlClassLookup(classes: Readonly<Record<string, readonly WqlInstance[]>>): WqlInstanceSource {
  const byName = new Map<string, readonly WqlInstance[]>();
  for (const [name, instances] of Object.entries(classes)) byName.set(name.toLowerCase(), instances);
  return (className) => byName.get(className.toLowerCase());
}

function failure(code: WqlEvalError['code'], message: string): WqlEvalResult {
  return { matched: [], error: { code, message } };
}

function reason(e: unknown): string {
  try {
    return e instanceof Error ? e.message : String(e);
  } catch {
    return 'unknown error';
  }
}

function isObject(x: unknown): x is WqlInstance {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function holds(expr: WqlExpr, instance: WqlInstance, className: string): boolean {
  switch (expr.kind) {
    case 'or':
      return holds(expr.left, instance, className) || holds(expr.right, instance, className);
    case 'and':
      return holds(expr.left, instance, className) && holds(expr.right, instance, className);
    case 'not':
      return !holds(expr.operand, instance, className);
    case 'isNull':
      return isNull(propertyOf(instance, expr.property)) !== expr.negated;
    case 'isa': {
      if (expr.property.toUpperCase() === '__THIS') return isOfClass(instance, expr.className, className);
      return someValue(propertyOf(instance, expr.property), (v) => isObject(v) && isOfClass(v, expr.className, undefined));
    }
    case 'comparison':
      return comparisonHolds(expr.op, propertyOf(instance, expr.property), expr.value, expr.propertyOnRight === true);
  }
}

/** A property by name, ignoring case; undefined when the instance has none of that name. */
function propertyOf(instance: WqlInstance, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(instance, name)) return instance[name];
  const wanted = name.toLowerCase();
  for (const key of Object.keys(instance)) if (key.toLowerCase() === wanted) return instance[key];
  return undefined;
}

function isNull(value: unknown): boolean {
  return value === undefined || value === null;
}

function someValue(value: unknown, test: (v: unknown) => boolean): boolean {
  return Array.isArray(value) ? value.some(test) : test(value);
}

function isOfClass(object: WqlInstance, wanted: string, queriedClass: string | undefined): boolean {
  const w = wanted.toLowerCase();
  const same = (name: unknown): boolean => typeof name === 'string' && name.toLowerCase() === w;
  if (queriedClass !== undefined && same(queriedClass)) return true;
  if (same(propertyOf(object, '__CLASS'))) return true;
  const derivation = propertyOf(object, '__DERIVATION');
  return Array.isArray(derivation) && derivation.some(same);
}

const FLIPPED: Readonly<Record<WqlComparisonOperator, WqlComparisonOperator>> = {
  '=': '=', '<>': '<>', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=', like: 'like',
};

function comparisonHolds(written: WqlComparisonOperator, value: unknown, literal: WqlLiteral, propertyOnRight: boolean): boolean {
  // `'x' < Prop` is `Prop > 'x'`.
  const op = propertyOnRight ? FLIPPED[written] : written;
  if (literal.kind === 'null') {
    if (op === '=') return isNull(value);
    if (op === '<>' || op === '!=') return !isNull(value);
    return false;
  }
  if (op === 'like') {
    if (literal.kind !== 'string') return false;
    const matcher = likeMatcher(literal);
    return someValue(value, (v) => {
      const text = likeText(v);
      return text !== undefined && matcher(text);
    });
  }
  return someValue(value, (v) => {
    const order = compare(v, literal);
    if (order === undefined) return false;
    switch (op) {
      case '=':
        return order === 0;
      case '<>':
      case '!=':
        return order !== 0;
      case '<':
        return order < 0;
      case '<=':
        return order <= 0;
      case '>':
        return order > 0;
      case '>=':
        return order >= 0;
    }
  });
}

/** Compiled LIKE patterns, kept with the (frozen, immutable) literal they came from. */
const likeMatchers = new WeakMap<WqlStringLiteral, LikeMatcher>();

function likeMatcher(literal: WqlStringLiteral): LikeMatcher {
  let matcher = likeMatchers.get(literal);
  if (!matcher) {
    matcher = compileLikePattern(literal.value);
    likeMatchers.set(literal, matcher);
  }
  return matcher;
}

function likeText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return undefined;
}

type Numeric = number | bigint;

/** The sign of (property value − constant), or undefined when the two do not compare. */
function compare(v: unknown, literal: Exclude<WqlLiteral, { kind: 'null' }>): number | undefined {
  if (isNull(v)) return undefined;
  switch (literal.kind) {
    case 'string':
      if (typeof v === 'string') return compareText(v, literal.value);
      if (typeof v === 'number' || typeof v === 'bigint') return compareNumbers(v, numericOf(literal.value));
      if (typeof v === 'boolean') return compareNumbers(Number(v), booleanOf(literal.value));
      return undefined;
    case 'number': {
      const n = numericOf(literal.text) ?? literal.value;
      if (typeof v === 'number' || typeof v === 'bigint') return compareNumbers(v, n);
      if (typeof v === 'string') return compareNumbers(numericOf(v), n);
      if (typeof v === 'boolean') return compareNumbers(Number(v), Number(n != 0));
      return undefined;
    }
    case 'boolean': {
      const b = Number(literal.value);
      if (typeof v === 'boolean') return compareNumbers(Number(v), b);
      if (typeof v === 'string') return compareNumbers(booleanOf(v), b);
      if (typeof v === 'number' || typeof v === 'bigint') return Number.isNaN(v) ? undefined : compareNumbers(Number(v != 0), b);
      return undefined;
    }
  }
}

function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Exact for any mix of number and bigint (JavaScript compares the two mathematically); NaN compares with nothing. */
function compareNumbers(a: Numeric | undefined, b: Numeric | undefined): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (a < b) return -1;
  if (a > b) return 1;
  return a == b ? 0 : undefined;
}

const INTEGER = /^-?[0-9]+$/;
const HEX = /^(-?)0[xX]([0-9a-fA-F]+)$/;
const DECIMAL = /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

/** A number from text written as WQL writes numbers: integers (kept exact as bigint), hex, decimals. */
function numericOf(text: string): Numeric | undefined {
  if (INTEGER.test(text)) return BigInt(text);
  const hex = HEX.exec(text);
  if (hex) {
    const magnitude = BigInt('0x' + hex[2]!);
    return hex[1] ? -magnitude : magnitude;
  }
  if (DECIMAL.test(text)) return Number(text);
  return undefined;
}

/** TRUE / FALSE in any case, or a number (non-zero is TRUE), as 1 / 0. */
function booleanOf(text: string): number | undefined {
  const upper = text.toUpperCase();
  if (upper === 'TRUE') return 1;
  if (upper === 'FALSE') return 0;
  const n = numericOf(text);
  if (n === undefined || (typeof n === 'number' && Number.isNaN(n))) return undefined;
  return n != 0 ? 1 : 0;
}
