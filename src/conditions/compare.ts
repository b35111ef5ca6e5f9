/**
 * ConfigMgr's comparison rules for conditions (REFERENCE.md §9): equality is case-insensitive;
 * ordering compares as numbers when both sides are decimal numbers, as versions when both are dotted
 * numeric versions (`10.0.22631` > `10.0.19041`, `10.0.10240` > `10.0.9200`), otherwise as
 * case-insensitive ordinal strings.
 */
export type ComparisonOperator = 'equals' | 'notEquals' | 'less' | 'lessEqual' | 'greater' | 'greaterEqual';

const DECIMAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/;
const VERSION = /^\s*\d+(\.\d+)+\s*$/;

/** The known operators by their lower-case spelling (built once: canonicalOperator runs for every expression). */
const KNOWN_OPERATORS: ReadonlyMap<string, string> = new Map(
  ['exists', 'notExists', 'equals', 'notEquals', 'less', 'lessEqual', 'greater', 'greaterEqual', 'like', 'notLike', 'AnyVersion', 'ThisVersion'].map((k) => [k.toLowerCase(), k]),
);

/** Operator names as written, case-insensitively, to their canonical spelling; undefined when unknown. */
export function canonicalOperator(op: unknown): string | undefined {
  if (typeof op !== 'string') return undefined;
  const lower = op.trim().toLowerCase();
  // The SDK page spells notExists `nonExists` (REFERENCE.md §3.2): read as notExists.
  if (lower === 'nonexists') return 'notExists';
  return KNOWN_OPERATORS.get(lower);
}

/** -1, 0 or 1: how `a` orders against `b` under the rules above. */
export function compareValues(a: string, b: string): number {
  if (DECIMAL.test(a) && DECIMAL.test(b)) return Math.sign(Number(a) - Number(b));
  if (VERSION.test(a) && VERSION.test(b)) return compareVersions(a, b);
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Dotted numeric versions, part by part; a missing part counts as 0 (`10.0` = `10.0.0`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.trim().split('.').map(Number);
  const pb = b.trim().split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

export function isVersion(s: string): boolean {
  return VERSION.test(s) || /^\s*\d+\s*$/.test(s);
}

/** Applies a comparison operator: equality as case-insensitive text, ordering by `order`. */
export function applyComparison(op: ComparisonOperator, actual: string, expected: string, order: (a: string, b: string) => number = compareValues): boolean {
  if (op === 'equals' || op === 'notEquals') {
    // §9: equals / notEquals compare case-insensitively, as text ("01" is not "1").
    const equal = actual.toLowerCase() === expected.toLowerCase();
    return op === 'equals' ? equal : !equal;
  }
  return holds(op, order(actual, expected));
}

/**
 * The console's LIKE for variables: `*` any run of characters, `?` one character, whole value,
 * case-insensitive; `%` and `_` are literal (REFERENCE.md §9). Linear time: no regular expression
 * backtracking on hostile patterns.
 */
export function matchesWildcard(value: string, pattern: string): boolean {
  const v = value.toLowerCase();
  const p = pattern.toLowerCase();
  let vi = 0;
  let pi = 0;
  let star = -1;
  let mark = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
      vi++;
      pi++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = vi;
    } else if (star >= 0) {
      pi = star + 1;
      vi = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/** Expands `%NAME%` from the variables; a reference to a variable that does not exist stays as written (§9). */
export function expandVariables(text: string, lookup: (name: string) => string | undefined): string {
  return text.replace(/%([^%\s]+)%/g, (whole, name: string) => lookup(name) ?? whole);
}

/** Whether an ordering result `c` (-1, 0, 1) satisfies the operator; for versions and dates. */
export function holds(op: ComparisonOperator, c: number): boolean {
  switch (op) {
    case 'equals':
      return c === 0;
    case 'notEquals':
      return c !== 0;
    case 'less':
      return c < 0;
    case 'lessEqual':
      return c <= 0;
    case 'greater':
      return c > 0;
    case 'greaterEqual':
      return c >= 0;
  }
}
