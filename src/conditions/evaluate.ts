import type { Condition, ModelObject, Operand } from '../model/node.js';
import { isOperator } from '../model/node.js';
import { summarizeOperand } from '../model/condition-text.js';
import { describeWmiQuery } from './describe-wmi.js';
import { applyComparison, canonicalOperator, compareValues, compareVersions, expandVariables, holds, isVersion, matchesWildcard, type ComparisonOperator } from './compare.js';
import { normalizeGuid, type ProfileIndex, type RegistryValue, type WmiInstance } from './profile.js';
import type { VariableStore } from './variables.js';
import { compileWql, evaluateWql } from './wql/index.js';

/**
 * Condition evaluation with a trace (REFERENCE.md §3, §9). Pure: everything it reads comes from the
 * profile index and the variables passed in. It never throws: an expression that cannot be evaluated
 * (invalid WQL, an unknown namespace) is false and carries a diagnostic.
 */
export interface TraceDiagnostic {
  readonly code: string;
  readonly message: string;
}

export interface Trace {
  /** condition (the step's, operands ANDed), operator (and / or / not / OS groups) or expression. */
  readonly kind: 'condition' | 'operator' | 'expression';
  readonly class: string;
  readonly result: boolean;
  /** The expression in one line, as `show` writes it. */
  readonly text: string;
  /** and / or / not for operators. */
  readonly operator?: string;
  /** What the expression looked at: the variable's value, the query's matching instances, the file's version. */
  readonly inputs?: Readonly<Record<string, unknown>>;
  readonly diagnostic?: TraceDiagnostic;
  readonly children?: readonly Trace[];
}

export interface EvaluationContext {
  readonly profile: ProfileIndex;
  readonly variables: VariableStore;
}

/** An absent or empty condition is true (REFERENCE.md §3.1). */
export function evaluateCondition(condition: Condition | undefined, ctx: EvaluationContext): Trace {
  const operands = condition?.Operands ?? [];
  const children = operands.map((o) => evaluateOperand(o, ctx));
  return { kind: 'condition', class: 'SMS_TaskSequence_Condition', result: children.every((c) => c.result), text: 'all of', operator: 'and', children };
}

export function evaluateOperand(operand: Operand, ctx: EvaluationContext): Trace {
  try {
    return isOperator(operand) ? evaluateOperator(operand, ctx) : evaluateExpression(operand, ctx);
  } catch (e) {
    // Never throws (§9): whatever went wrong makes the operand false, with the reason.
    return { kind: 'expression', class: operand.__CLASS, result: false, text: safeText(operand), diagnostic: { code: 'EVAL001', message: `evaluation failed: ${e instanceof Error ? e.message : String(e)}` } };
  }
}

function safeText(o: ModelObject): string {
  try {
    return summarizeOperand(o, true, { describeWmi: describeWmiQuery });
  } catch {
    return o.__CLASS;
  }
}

function evaluateOperator(op: ModelObject & { Operands: readonly Operand[] }, ctx: EvaluationContext): Trace {
  const type = String(op['OperatorType'] ?? (op.__CLASS === 'SMS_TaskSequence_OSConditionGroup' ? 'or' : 'and')).toLowerCase();
  const children = op.Operands.map((o) => evaluateOperand(o, ctx));
  let result: boolean;
  let diagnostic: TraceDiagnostic | undefined;
  switch (type) {
    case 'and':
      result = children.every((c) => c.result);
      break;
    case 'or':
      result = children.some((c) => c.result);
      break;
    case 'not':
      // None of its operands is true: NOT of OR, as the console's "None" means (REFERENCE.md §3.1, §9).
      result = !children.some((c) => c.result);
      break;
    default:
      result = false;
      diagnostic = { code: 'EVAL002', message: `unknown operator type "${String(op['OperatorType'])}"` };
  }
  const name = op.__CLASS === 'SMS_TaskSequence_OSExpressionGroup' ? String(op['Name'] ?? 'platform') : op.__CLASS === 'SMS_TaskSequence_OSConditionGroup' ? 'operating system is one of' : type;
  return { kind: 'operator', class: op.__CLASS, result, text: name, operator: type, children, ...(diagnostic ? { diagnostic } : {}) };
}

function str(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

function expression(e: ModelObject, result: boolean, inputs: Record<string, unknown>, diagnostic?: TraceDiagnostic): Trace {
  const trace: { -readonly [K in keyof Trace]: Trace[K] } = { kind: 'expression', class: e.__CLASS, result, text: expressionText(e), inputs };
  if (diagnostic) trace.diagnostic = diagnostic;
  return trace;
}

type Primitive = string | number | boolean | bigint | undefined | null;

function isPrimitive(v: unknown): v is Primitive {
  return v === null || (typeof v !== 'object' && typeof v !== 'function');
}

/**
 * The texts of variable expressions, kept with the three fields summarizeExpression builds them from
 * (Variable, Operator, Value): the same expression evaluated again, as a task sequence's conditions
 * are, skips re-summarising. A hit is used only while those fields are unchanged, so even a model
 * object mutated in place (the model is immutable by contract) gets a fresh text.
 */
const variableTexts = new WeakMap<ModelObject, { readonly variable: Primitive; readonly operator: Primitive; readonly value: Primitive; readonly text: string }>();

function expressionText(e: ModelObject): string {
  if (e.__CLASS !== 'SMS_TaskSequence_VariableConditionExpression') return safeText(e);
  const variable = e['Variable'];
  const operator = e['Operator'];
  const value = e['Value'];
  if (!isPrimitive(variable) || !isPrimitive(operator) || !isPrimitive(value)) return safeText(e);
  const hit = variableTexts.get(e);
  if (hit !== undefined && hit.variable === variable && hit.operator === operator && hit.value === value) return hit.text;
  const text = safeText(e);
  variableTexts.set(e, { variable, operator, value, text });
  return text;
}

function evaluateExpression(e: ModelObject, ctx: EvaluationContext): Trace {
  switch (e.__CLASS) {
    case 'SMS_TaskSequence_VariableConditionExpression':
      return variableExpression(e, ctx);
    case 'SMS_TaskSequence_WMIConditionExpression':
      return wmiExpression(e, ctx);
    case 'SMS_TaskSequence_FileConditionExpression':
      return fileExpression(e, ctx);
    case 'SMS_TaskSequence_FolderConditionExpression':
      return folderExpression(e, ctx);
    case 'SMS_TaskSequence_RegistryConditionExpression':
      return registryExpression(e, ctx);
    case 'SMS_TaskSequence_SoftwareConditionExpression':
      return softwareExpression(e, ctx);
    case 'SMS_TaskSequence_OSConditionExpression':
      return osExpression(e, ctx);
    default:
      return expression(e, false, {}, { code: 'EVAL003', message: `condition class ${e.__CLASS} is not one tseq can evaluate; it counts as false` });
  }
}

/** §9: names case-insensitive; a missing variable: exists false, notExists true, notEquals true, others false. */
function variableExpression(e: ModelObject, ctx: EvaluationContext): Trace {
  const name = str(e['Variable']);
  const op = canonicalOperator(e['Operator']);
  const expected = str(e['Value']);
  const actual = ctx.variables.get(name);
  const inputs: Record<string, unknown> = { variable: name, value: actual ?? null, expected };
  if (op === undefined || op === 'AnyVersion' || op === 'ThisVersion') {
    return expression(e, false, inputs, { code: 'EVAL004', message: `unknown operator "${str(e['Operator'])}" for a variable condition; it counts as false` });
  }
  if (op === 'exists') return expression(e, actual !== undefined, inputs);
  if (op === 'notExists') return expression(e, actual === undefined, inputs);
  if (actual === undefined) return expression(e, op === 'notEquals', inputs);
  if (op === 'like') return expression(e, matchesWildcard(actual, expected), inputs);
  if (op === 'notLike') return expression(e, !matchesWildcard(actual, expected), inputs);
  return expression(e, applyComparison(op as ComparisonOperator, actual, expected), inputs);
}

/** True when the query returns at least one instance (REFERENCE.md §3.2, §11). The query is not %-expanded (§9). */
function wmiExpression(e: ModelObject, ctx: EvaluationContext): Trace {
  const namespace = str(e['Namespace']) || 'root\\cimv2';
  const query = str(e['Query']);
  const ignoreFailure = e['IgnoreQueryFailure'] === true;
  const inputs: Record<string, unknown> = { namespace, query };
  const fail = (code: string, message: string): Trace =>
    // With ignoreQueryFailure a failing query counts as not matching (§10); without it too (§9), but it is a finding.
    expression(e, false, { ...inputs, ignoredFailure: ignoreFailure }, { code, message: ignoreFailure ? `${message} (ignored: ignoreQueryFailure)` : message });
  const parsed = compileWql(query);
  if (!parsed.ok) return fail('WQL001', `invalid WQL at column ${parsed.error.column}: ${parsed.error.message}`);
  if (!ctx.profile.hasNamespace(namespace)) return fail('EVAL005', `namespace ${namespace} is not in the profile`);
  const result = evaluateWql(parsed.query, (cls) => ctx.profile.instancesOf(namespace, cls));
  if (result.error) return fail('EVAL006', result.error.message);
  return expression(e, result.matched.length > 0, { ...inputs, matched: result.matched.slice(0, 10), matchedCount: result.matched.length });
}

/** `%NAME%`: a task sequence variable, else the machine's environment variable (as Windows expands paths). */
export function lookupForExpansion(ctx: EvaluationContext, name: string): string | undefined {
  return ctx.variables.get(name) ?? ctx.profile.environmentVariable(name);
}

function comparisonOperator(v: unknown, fallback: ComparisonOperator = 'equals'): ComparisonOperator | undefined {
  if (v === undefined || v === null || v === '') return fallback;
  const op = canonicalOperator(v);
  return op && ['equals', 'notEquals', 'less', 'lessEqual', 'greater', 'greaterEqual'].includes(op) ? (op as ComparisonOperator) : undefined;
}

/** A WMI datetime (yyyymmddHHMMSS.ffffff+UUU, UTC offset in minutes) or an ISO date, to epoch milliseconds. */
export function parseDateTime(s: string): number | undefined {
  const wmi = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,6}))?(?:([+-])(\d{3}|\*\*\*))?$/.exec(s.trim());
  if (wmi) {
    const [, y, mo, d, h, mi, se, , sign, off] = wmi;
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
    const offset = off && off !== '***' ? Number(off) * (sign === '-' ? -1 : 1) : 0;
    return utc - offset * 60_000;
  }
  const iso = Date.parse(s);
  return Number.isNaN(iso) ? undefined : iso;
}

function dateCheck(e: ModelObject, actual: string | undefined, inputs: Record<string, unknown>): { ok: boolean; diagnostic?: TraceDiagnostic } {
  const wanted = str(e['DateTime']);
  if (!wanted) return { ok: true };
  const op = comparisonOperator(e['DateTimeOperator']);
  const w = parseDateTime(wanted);
  const a = actual !== undefined ? parseDateTime(actual) : undefined;
  inputs['modified'] = actual ?? null;
  if (op === undefined || w === undefined) return { ok: false, diagnostic: { code: 'EVAL007', message: `cannot compare dates: operator "${str(e['DateTimeOperator'])}", date "${wanted}"` } };
  if (a === undefined) return { ok: false, diagnostic: { code: 'EVAL008', message: 'the profile gives no modification date for it' } };
  return { ok: holds(op, Math.sign(a - w)) };
}

function fileExpression(e: ModelObject, ctx: EvaluationContext): Trace {
  const path = expandVariables(str(e['Path']), (n) => lookupForExpansion(ctx, n));
  const file = ctx.profile.file(path);
  const inputs: Record<string, unknown> = { path, exists: file !== undefined };
  if (!file) return expression(e, false, inputs);
  const wantedVersion = str(e['Version']);
  if (wantedVersion) {
    const op = comparisonOperator(e['VersionOperator']);
    inputs['version'] = file.version ?? null;
    if (op === undefined || !isVersion(wantedVersion)) return expression(e, false, inputs, { code: 'EVAL007', message: `cannot compare versions: operator "${str(e['VersionOperator'])}", version "${wantedVersion}"` });
    if (file.version === undefined) return expression(e, false, inputs, { code: 'EVAL008', message: 'the profile gives no version for the file' });
    if (!holds(op, compareVersions(file.version, wantedVersion))) return expression(e, false, inputs);
  }
  const date = dateCheck(e, file.modified, inputs);
  return expression(e, date.ok, inputs, date.diagnostic);
}

function folderExpression(e: ModelObject, ctx: EvaluationContext): Trace {
  const path = expandVariables(str(e['Path']), (n) => lookupForExpansion(ctx, n));
  const folder = ctx.profile.folder(path);
  const inputs: Record<string, unknown> = { path, exists: folder !== undefined };
  if (!folder) return expression(e, false, inputs);
  const date = dateCheck(e, folder.modified, inputs);
  return expression(e, date.ok, inputs, date.diagnostic);
}

function registryData(v: RegistryValue): string {
  return Array.isArray(v.data) ? v.data.join('\n') : String(v.data);
}

/**
 * Type matters only for `exists`; comparisons compare Data with the value irrespective of type
 * (REFERENCE.md §3.2). An empty value name is the key's default value; `exists` with no value name
 * tests the key itself (tseq's reading: the console offers a key-only existence test).
 */
function registryExpression(e: ModelObject, ctx: EvaluationContext): Trace {
  const keyPath = expandVariables(str(e['KeyPath']), (n) => lookupForExpansion(ctx, n));
  const valueName = str(e['Value']);
  const op = canonicalOperator(e['Operator']);
  const key = ctx.profile.registryKey(keyPath);
  const value = key?.get(valueName.toLowerCase());
  const inputs: Record<string, unknown> = { key: keyPath, value: valueName || '(Default)', keyExists: key !== undefined, data: value ? value.data : null, type: value?.type ?? null };
  if (op === 'exists' || op === 'notExists') {
    const wantedType = str(e['Type']);
    const exists = valueName === '' && !value ? key !== undefined : value !== undefined && (!wantedType || wantedType.toUpperCase() === value.type);
    return expression(e, op === 'exists' ? exists : !exists, inputs);
  }
  const cmp = comparisonOperator(op);
  if (cmp === undefined) return expression(e, false, inputs, { code: 'EVAL004', message: `unknown registry operator "${str(e['Operator'])}"` });
  if (!value) return expression(e, cmp === 'notEquals', inputs);
  return expression(e, applyComparison(cmp, registryData(value), str(e['Data'])), inputs);
}

/** ThisVersion: this exact MSI product code; AnyVersion: any product of the upgrade code (REFERENCE.md §3.2). */
function softwareExpression(e: ModelObject, ctx: EvaluationContext): Trace {
  const op = canonicalOperator(e['Operator']);
  const productCode = str(e['ProductCode']);
  const upgradeCode = str(e['UpgradeCode']);
  const inputs: Record<string, unknown> = { productCode, upgradeCode };
  let matches;
  if (op === 'AnyVersion' && upgradeCode) matches = ctx.profile.software.filter((s) => s.upgradeCode && normalizeGuid(s.upgradeCode) === normalizeGuid(upgradeCode));
  else if ((op === 'ThisVersion' || op === 'AnyVersion') && productCode) matches = ctx.profile.software.filter((s) => s.productCode && normalizeGuid(s.productCode) === normalizeGuid(productCode));
  else return expression(e, false, inputs, { code: 'EVAL004', message: `software condition needs operator AnyVersion with an upgrade code or ThisVersion with a product code (got "${str(e['Operator'])}")` });
  inputs['installed'] = matches;
  return expression(e, matches.length > 0, inputs);
}

/** MDT's OS condition: the running OS's architecture and version from Win32_OperatingSystem (REFERENCE.md §10). */
function osExpression(e: ModelObject, ctx: EvaluationContext): Trace {
  const os: WmiInstance | undefined = ctx.profile.instancesOf('root\\cimv2', 'Win32_OperatingSystem')?.[0];
  const get = (name: string): unknown => (os ? Object.entries(os).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] : undefined);
  const version = str(get('Version'));
  const arch = str(get('OSArchitecture'));
  const inputs: Record<string, unknown> = { version: version || null, architecture: arch || null };
  if (!os) return expression(e, false, inputs, { code: 'EVAL005', message: 'the profile has no Win32_OperatingSystem instance' });
  const wantedArch = str(e['Architecture']).toUpperCase();
  if (wantedArch) {
    const is64 = /64/.test(arch);
    const isArm = /arm/i.test(arch);
    const actualArch = isArm ? 'ARM64' : is64 ? 'X64' : 'X86';
    if (wantedArch !== actualArch) return expression(e, false, inputs);
  }
  const wantedVersion = str(e['Version']);
  if (!wantedVersion) return expression(e, true, inputs);
  const op = comparisonOperator(e['Operator']);
  if (op === undefined) return expression(e, false, inputs, { code: 'EVAL004', message: `unknown operator "${str(e['Operator'])}"` });
  return expression(e, holds(op, compareValues(version, wantedVersion)), inputs);
}

/**
 * The one-line reason a condition is false: the expressions that made it so, with what they saw.
 * For `and` the first false operand; for `or` every operand (all false); for `not` the true one.
 */
export function explainFalse(trace: Trace): string {
  if (trace.result) return '';
  if (trace.kind === 'expression') return describeLeaf(trace);
  const kids = trace.children ?? [];
  if (trace.operator === 'not') {
    const culprit = kids.find((k) => k.result);
    return culprit ? `not (${culprit.text}) but it is true` : 'not';
  }
  if (trace.operator === 'or') return kids.map(explainFalse).join(' and ') || `${trace.text}: no operands`;
  const first = kids.find((k) => !k.result);
  return first ? explainFalse(first) : trace.diagnostic?.message ?? trace.text;
}

function describeLeaf(t: Trace): string {
  const i = t.inputs ?? {};
  let seen = '';
  if ('value' in i && 'variable' in i) seen = i['value'] === null ? `${String(i['variable'])} is not set` : `${String(i['variable'])} is "${String(i['value'])}"`;
  else if ('matchedCount' in i) seen = 'the query returns nothing';
  else if ('exists' in i && i['exists'] === false) seen = `${String(i['path'])} does not exist`;
  else if ('keyExists' in i) seen = i['keyExists'] ? `data is ${JSON.stringify(i['data'])}` : 'the key does not exist';
  else if ('installed' in i) seen = 'not installed';
  const diag = t.diagnostic ? ` [${t.diagnostic.message}]` : '';
  return `${t.text} is false${seen ? ` (${seen})` : ''}${diag}`;
}
