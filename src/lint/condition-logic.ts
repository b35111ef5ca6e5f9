import type { ModelObject, Operand } from '../model/node.js';
import { isOperator } from '../model/node.js';
import { summarizeOperand } from '../model/condition-text.js';
import { applyComparison, canonicalOperator, compareValues, compareVersions, matchesWildcard, type ComparisonOperator } from '../conditions/index.js';

/**
 * A sound, conservative reading of conditions: "never true" and "always true" are claimed only when
 * they hold for every value every variable could have, under the evaluation rules of REFERENCE.md §9
 * (the same ones src/conditions implements). Anything it cannot decide (WMI, files, registry,
 * software, mixed comparisons) is "can be true and can be false".
 *
 * The semantics used, from §9 and §3.1:
 * - a missing variable: `exists` false, `notExists` true, `notEquals` true, every other operator false;
 * - `equals` / `notEquals` compare as case-insensitive text;
 * - ordering compares as numbers when both sides are decimal numbers, as versions when both are
 *   dotted numeric versions, else as case-insensitive ordinal text;
 * - `and` of nothing is true, `or` of nothing is false, `not` is true when none of its operands is.
 */
export interface LogicOptions {
  /** Treat an `or` with no operands as never true (tseq evaluates it false). */
  readonly emptyOrIsFalse: boolean;
}

/** A variable comparison in a conjunction, with its variable name folded. */
interface Literal {
  readonly key: string;
  readonly variable: string;
  readonly op: string;
  readonly value: string;
  readonly text: string;
}

const VARIABLE_CLASS = 'SMS_TaskSequence_VariableConditionExpression';
const OS_EXPRESSION_CLASS = 'SMS_TaskSequence_OSConditionExpression';
const PLAIN_OPERATOR = 'SMS_TaskSequence_ConditionOperator';

function str(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

function textOf(o: Operand): string {
  try {
    return summarizeOperand(o, true);
  } catch {
    return o.__CLASS;
  }
}

/** The operator type of a plain and / or / not operator, lower-case; undefined for OS groups and unknown types. */
function operatorType(o: Operand): 'and' | 'or' | 'not' | undefined {
  if (!isOperator(o) || o.__CLASS !== PLAIN_OPERATOR) return undefined;
  const t = str(o.OperatorType).toLowerCase();
  return t === 'and' || t === 'or' || t === 'not' ? t : undefined;
}

/** A variable expression as a literal, when its parts are plain (no `%VAR%`, a known operator). */
function literalOf(e: Operand): Literal | undefined {
  if (isOperator(e) || e.__CLASS !== VARIABLE_CLASS) return undefined;
  const variable = str(e['Variable']).trim();
  const op = canonicalOperator(e['Operator']);
  const value = str(e['Value']);
  if (variable === '' || op === undefined || op === 'AnyVersion' || op === 'ThisVersion') return undefined;
  // A %VAR% in the name or the value is resolved at run time, if at all: nothing can be claimed.
  if (variable.includes('%') || (value.includes('%') && op !== 'exists' && op !== 'notExists')) return undefined;
  return { key: variable.toLowerCase(), variable, op, value, text: textOf(e) };
}

/** not(literal) as a literal, where that is exact: exists/notExists and equals/notEquals are each other's negation. */
function negated(l: Literal): Literal | undefined {
  const flip: Record<string, string> = { exists: 'notExists', notExists: 'exists', equals: 'notEquals', notEquals: 'equals' };
  const op = flip[l.op];
  return op ? { ...l, op, text: `not (${l.text})` } : undefined;
}

export class ConditionLogic {
  private readonly never = new WeakMap<object, string[] | null>();
  constructor(private readonly options: LogicOptions) {}

  /** Why the operands, ANDed, can never all be true; undefined when they can. */
  neverTrueAll(operands: readonly Operand[]): string[] | undefined {
    const reasons: string[] = [];
    for (const o of operands) {
      const r = this.neverTrue(o);
      if (r) reasons.push(...r);
    }
    if (reasons.length) return reasons;
    const contradiction = this.conjunctionContradiction(operands);
    return contradiction ? [contradiction] : undefined;
  }

  /** Why the operand can never be true; undefined when it can. */
  neverTrue(o: Operand): string[] | undefined {
    const cached = this.never.get(o);
    if (cached !== undefined) return cached ?? undefined;
    const result = this.computeNeverTrue(o);
    this.never.set(o, result ?? null);
    return result;
  }

  private computeNeverTrue(o: Operand): string[] | undefined {
    if (!isOperator(o)) return undefined;
    switch (operatorType(o)) {
      case 'and':
        return this.neverTrueAll(o.Operands);
      case 'or': {
        if (o.Operands.length === 0) {
          return this.options.emptyOrIsFalse ? ['an "or" (If statement: Any) with no conditions in it is never true'] : undefined;
        }
        const all: string[] = [];
        for (const c of o.Operands) {
          const r = this.neverTrue(c);
          if (!r) return undefined;
          all.push(...r);
        }
        return all;
      }
      case 'not': {
        // None of the operands may be true: never true when one of them always is.
        for (const c of o.Operands) {
          const why = this.alwaysTrue(c);
          if (why) return [`"not" (None) of something always true: ${why}`];
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** Why the operand is always true, or undefined. */
  alwaysTrue(o: Operand): string | undefined {
    if (!isOperator(o)) return undefined;
    switch (operatorType(o)) {
      case 'and': {
        const parts: string[] = [];
        for (const c of o.Operands) {
          const r = this.alwaysTrue(c);
          if (!r) return undefined;
          parts.push(r);
        }
        return parts.length ? parts.join('; ') : 'an "and" with no conditions is always true';
      }
      case 'or': {
        for (const c of o.Operands) {
          const r = this.alwaysTrue(c);
          if (r) return r;
        }
        return complementaryPair(o.Operands);
      }
      case 'not': {
        if (o.Operands.length === 0) return 'a "not" with no conditions is always true';
        const parts: string[] = [];
        for (const c of o.Operands) {
          const r = this.neverTrue(c);
          if (!r) return undefined;
          parts.push(...r);
        }
        return `none of its conditions can be true (${parts.join('; ')})`;
      }
      default:
        return undefined;
    }
  }

  /** The literals of a conjunction, nested `and`s and `not`s of exact negations flattened in; then a contradiction among them. */
  private conjunctionContradiction(operands: readonly Operand[]): string | undefined {
    const literals: Literal[] = [];
    const os: ModelObject[] = [];
    const collect = (list: readonly Operand[]): void => {
      for (const o of list) {
        const type = operatorType(o);
        if (type === 'and' && isOperator(o)) collect(o.Operands);
        else if (type === 'not' && isOperator(o)) {
          // not(a, b) is "none true": and(not a, not b).
          for (const c of o.Operands) {
            const l = literalOf(c);
            const n = l && negated(l);
            if (n) literals.push(n);
          }
        } else {
          const l = literalOf(o);
          if (l) literals.push(l);
          else if (!isOperator(o) && o.__CLASS === OS_EXPRESSION_CLASS) os.push(o);
        }
      }
    };
    collect(operands);
    const byVariable = new Map<string, Literal[]>();
    for (const l of literals) byVariable.set(l.key, [...(byVariable.get(l.key) ?? []), l]);
    for (const group of byVariable.values()) {
      const why = contradiction(group);
      if (why) return why;
    }
    return osContradiction(os);
  }
}

/** `X exists or X notExists`, `X equals v or X notEquals v`: one of the two holds whatever X is. */
function complementaryPair(operands: readonly Operand[]): string | undefined {
  const literals = operands.map(literalOf).filter((l): l is Literal => l !== undefined);
  for (const a of literals) {
    const n = negated(a);
    if (!n) continue;
    const b = literals.find((l) => l.key === n.key && l.op === n.op && (l.op === 'exists' || l.op === 'notExists' || l.value.toLowerCase() === n.value.toLowerCase()));
    if (b) return `${a.text} or ${b.text} is always true`;
  }
  return undefined;
}

const REQUIRES_VALUE = new Set(['exists', 'equals', 'like', 'notLike', 'less', 'lessEqual', 'greater', 'greaterEqual']);
const ORDERING = new Set(['less', 'lessEqual', 'greater', 'greaterEqual']);

/** A contradiction among comparisons of one variable, in words; undefined when some value satisfies them all. */
function contradiction(group: readonly Literal[]): string | undefined {
  const both = (a: Literal, b: Literal): string => `${a.text} and ${b.text} cannot both be true`;
  const notExists = group.find((l) => l.op === 'notExists');
  if (notExists) {
    // Every operator but notExists and notEquals is false on a missing variable (REFERENCE.md §9).
    const needsValue = group.find((l) => REQUIRES_VALUE.has(l.op));
    if (needsValue) return both(needsValue, notExists);
  }
  const equals = group.filter((l) => l.op === 'equals');
  const first = equals[0];
  if (first) {
    const v = first.value;
    for (const l of group) {
      if (l === first) continue;
      // The value is known up to case; every check below is case-insensitive, so it is exact.
      let holds: boolean | undefined;
      switch (l.op) {
        case 'equals':
          holds = l.value.toLowerCase() === v.toLowerCase();
          // §9 compares equals as text ("01" is not "1"); two spellings of one number are not claimed to differ.
          if (!holds && DECIMAL.test(v) && DECIMAL.test(l.value) && Number(v) === Number(l.value)) holds = undefined;
          break;
        case 'notEquals':
          holds = l.value.toLowerCase() !== v.toLowerCase();
          break;
        case 'like':
          holds = matchesWildcard(v, l.value);
          break;
        case 'notLike':
          holds = !matchesWildcard(v, l.value);
          break;
        case 'less':
        case 'lessEqual':
        case 'greater':
        case 'greaterEqual':
          holds = applyComparison(l.op as ComparisonOperator, v, l.value);
          break;
        default:
          holds = undefined;
      }
      if (holds === false) return both(first, l);
    }
    // "" never equals an existing variable's value (setting "" deletes it, §5.7): not claimed, see docs.
    return undefined;
  }
  const like = group.find((l) => l.op === 'like' && group.some((m) => m.op === 'notLike' && m.value.toLowerCase() === l.value.toLowerCase()));
  if (like) return both(like, group.find((m) => m.op === 'notLike' && m.value.toLowerCase() === like.value.toLowerCase())!);
  return orderingContradiction(group.filter((l) => ORDERING.has(l.op)));
}

const INTEGER = /^\s*[+-]?\d+\s*$/;
const DECIMAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/;
const MULTI_DOT_VERSION = /^\s*\d+(\.\d+){2,}\s*$/;

interface Bound {
  readonly value: string;
  readonly strict: boolean;
  readonly literal: Literal;
}

/**
 * Ordering comparisons with no value pinned: a contradiction only when every kind of value the
 * variable could hold fails one of them. The kinds follow compareValues (§9): with integer bounds a
 * decimal value compares as a number and any other value as text; with bounds that are versions of
 * three or more parts a version compares as a version and any other value as text; with text bounds
 * everything compares as text. Bounds of mixed kinds are not judged.
 */
function orderingContradiction(ordering: readonly Literal[]): string | undefined {
  if (ordering.length < 2) return undefined;
  const values = ordering.map((l) => l.value);
  let kinds: ('number' | 'version' | 'text')[];
  if (values.every((v) => INTEGER.test(v))) kinds = ['number', 'text'];
  else if (values.every((v) => MULTI_DOT_VERSION.test(v))) kinds = ['version', 'text'];
  else if (values.every((v) => !DECIMAL.test(v) && !/^\s*\d+(\.\d+)+\s*$/.test(v))) kinds = ['text'];
  else return undefined;
  const order = {
    number: (a: string, b: string): number => Math.sign(Number(a) - Number(b)),
    version: compareVersions,
    text: (a: string, b: string): number => {
      const x = a.toLowerCase();
      const y = b.toLowerCase();
      return x < y ? -1 : x > y ? 1 : 0;
    },
  };
  let witness: [Bound, Bound] | undefined;
  for (const kind of kinds) {
    const cmp = order[kind];
    let low: Bound | undefined;
    let high: Bound | undefined;
    for (const l of ordering) {
      const strict = l.op === 'less' || l.op === 'greater';
      const b: Bound = { value: l.value, strict, literal: l };
      if (l.op === 'greater' || l.op === 'greaterEqual') {
        if (!low || cmp(b.value, low.value) > 0 || (cmp(b.value, low.value) === 0 && strict)) low = b;
      } else if (!high || cmp(b.value, high.value) < 0 || (cmp(b.value, high.value) === 0 && strict)) high = b;
    }
    if (!low || !high) return undefined;
    const c = cmp(low.value, high.value);
    const empty = c > 0 || (c === 0 && (low.strict || high.strict));
    if (!empty) return undefined;
    witness ??= [low, high];
  }
  return witness ? `${witness[0].literal.text} and ${witness[1].literal.text} cannot both be true` : undefined;
}

/** MDT's OS condition: the running OS has one architecture and one version (REFERENCE.md §10). */
function osContradiction(os: readonly ModelObject[]): string | undefined {
  const withArch = os.filter((e) => str(e['Architecture']).trim() !== '');
  for (const a of withArch) {
    for (const b of withArch) {
      if (str(a['Architecture']).trim().toUpperCase() !== str(b['Architecture']).trim().toUpperCase()) {
        return `${textOf(a)} and ${textOf(b)} cannot both be true: the running OS has one architecture`;
      }
    }
  }
  const versionEquals = os.filter((e) => canonicalOperator(e['Operator'] ?? 'equals') === 'equals' && str(e['Version']).trim() !== '');
  for (const a of versionEquals) {
    for (const b of versionEquals) {
      if (compareValues(str(a['Version']), str(b['Version'])) !== 0) return `${textOf(a)} and ${textOf(b)} cannot both be true: the running OS has one version`;
    }
  }
  return undefined;
}
