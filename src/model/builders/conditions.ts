import { COMPARISON_OPERATORS, REGISTRY_TYPES } from '../catalog/conditions.js';
import type { Condition, Expression, ModelObject, Operand, Operator } from '../node.js';
import { CONDITION_CLASS, OPERATOR_CLASS } from '../node.js';
import { frozen } from './frozen.js';

/**
 * Builders for step conditions (REFERENCE.md §3): expressions, the and / or / not operators, the OS
 * condition groups and the condition itself. Each returns a frozen model object, shaped exactly as the
 * XML reader gives it: expression properties are strings, named as WMI names them.
 */

export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
export type RegistryType = (typeof REGISTRY_TYPES)[number];

const VARIABLE_EXPRESSION = 'SMS_TaskSequence_VariableConditionExpression';
const WMI_EXPRESSION = 'SMS_TaskSequence_WMIConditionExpression';
const FILE_EXPRESSION = 'SMS_TaskSequence_FileConditionExpression';
const FOLDER_EXPRESSION = 'SMS_TaskSequence_FolderConditionExpression';
const REGISTRY_EXPRESSION = 'SMS_TaskSequence_RegistryConditionExpression';
const SOFTWARE_EXPRESSION = 'SMS_TaskSequence_SoftwareConditionExpression';
const OS_EXPRESSION = 'SMS_TaskSequence_OSConditionExpression';
const OS_CONDITION_GROUP = 'SMS_TaskSequence_OSConditionGroup';
const OS_EXPRESSION_GROUP = 'SMS_TaskSequence_OSExpressionGroup';

/** A value compared with a variable or registry data: the model holds it as text, as the XML does. */
export type ComparedValue = string | number | boolean;

/** An expression object with only the properties that have a value. */
function expression(className: string, properties: Record<string, unknown>): Expression {
  const obj: Record<string, unknown> = { __CLASS: className };
  for (const [k, v] of Object.entries(properties)) if (v !== undefined) obj[k] = v;
  return frozen(obj) as Expression;
}

function text(value: ComparedValue): string {
  return typeof value === 'string' ? value : String(value);
}

function requireText(what: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${what} must be a non-empty string, got ${describe(value)}`);
  return value;
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : typeof value === 'string' ? JSON.stringify(value) : String(value);
}

// ---- task sequence variable ----

export interface VariableTest {
  equals(value: ComparedValue): Expression;
  notEquals(value: ComparedValue): Expression;
  less(value: ComparedValue): Expression;
  lessEqual(value: ComparedValue): Expression;
  greater(value: ComparedValue): Expression;
  greaterEqual(value: ComparedValue): Expression;
  /** Whole-value wildcard match, `*` any run, `?` one character (REFERENCE.md §9). */
  like(pattern: string): Expression;
  notLike(pattern: string): Expression;
  exists(): Expression;
  notExists(): Expression;
}

/** A test of a task sequence variable: `variable('_SMSTSInWinPE').equals('false')`. */
export function variable(name: string): VariableTest {
  requireText('a variable name', name);
  const compare = (Operator: string) => (value: ComparedValue) => expression(VARIABLE_EXPRESSION, { Variable: name, Operator, Value: text(value) });
  return Object.freeze({
    equals: compare('equals'),
    notEquals: compare('notEquals'),
    less: compare('less'),
    lessEqual: compare('lessEqual'),
    greater: compare('greater'),
    greaterEqual: compare('greaterEqual'),
    like: compare('like'),
    notLike: compare('notLike'),
    exists: () => expression(VARIABLE_EXPRESSION, { Variable: name, Operator: 'exists' }),
    notExists: () => expression(VARIABLE_EXPRESSION, { Variable: name, Operator: 'notExists' }),
  });
}

// ---- WMI query ----

export interface WmiOptions {
  /** ConfigMgr writes ignoreQueryFailure="true" on the queries of OS condition groups (REFERENCE.md §10). */
  readonly ignoreQueryFailure?: boolean;
}

/** True when the WQL query returns at least one instance. */
export function wmi(query: string, namespace = 'root\\cimv2', options: WmiOptions = {}): Expression {
  requireText('a WMI query', query);
  requireText('a WMI namespace', namespace);
  return expression(WMI_EXPRESSION, { Namespace: namespace, Query: query, IgnoreQueryFailure: options.ignoreQueryFailure });
}

// ---- file and folder ----

/** A WMI datetime (`yyyymmddHHMMSS.ffffff+UUU`, stored UTC, REFERENCE.md §3.2), or a Date to write as one. */
export type DateTimeValue = string | Date;

export interface FolderOptions {
  readonly dateTime?: DateTimeValue;
  readonly dateTimeOperator?: ComparisonOperator;
}

export interface FileOptions extends FolderOptions {
  readonly version?: string;
  readonly versionOperator?: ComparisonOperator;
}

/** A Date as a WMI datetime in UTC, the form the console stores. */
function wmiDateTime(value: DateTimeValue): string {
  if (typeof value === 'string') return value;
  if (Number.isNaN(value.getTime())) throw new TypeError('dateTime is an invalid Date');
  // The DMTF form has a four-digit year.
  if (value.getUTCFullYear() < 0 || value.getUTCFullYear() > 9999) throw new TypeError(`dateTime ${value.toISOString()} is outside the years 0000-9999 a WMI datetime can hold`);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return (
    `${p(value.getUTCFullYear(), 4)}${p(value.getUTCMonth() + 1)}${p(value.getUTCDate())}` +
    `${p(value.getUTCHours())}${p(value.getUTCMinutes())}${p(value.getUTCSeconds())}.${p(value.getUTCMilliseconds() * 1000, 6)}+000`
  );
}

/** A value and its operator come together: one without the other compares nothing. */
function pair(what: string, value: unknown, operator: unknown): void {
  if ((value === undefined) !== (operator === undefined)) {
    throw new TypeError(`${what} and ${what}Operator go together: give both or neither`);
  }
}

/** True when the file exists and, if given, its version and date compare as asked. */
export function file(path: string, options: FileOptions = {}): Expression {
  requireText('a file path', path);
  pair('version', options.version, options.versionOperator);
  pair('dateTime', options.dateTime, options.dateTimeOperator);
  return expression(FILE_EXPRESSION, {
    Path: path,
    Version: options.version,
    VersionOperator: options.versionOperator,
    DateTime: options.dateTime === undefined ? undefined : wmiDateTime(options.dateTime),
    DateTimeOperator: options.dateTimeOperator,
  });
}

/** True when the folder exists and, if given, its date compares as asked. */
export function folder(path: string, options: FolderOptions = {}): Expression {
  requireText('a folder path', path);
  pair('dateTime', options.dateTime, options.dateTimeOperator);
  return expression(FOLDER_EXPRESSION, {
    Path: path,
    DateTime: options.dateTime === undefined ? undefined : wmiDateTime(options.dateTime),
    DateTimeOperator: options.dateTimeOperator,
  });
}

// ---- registry ----

export interface RegistryTest {
  exists(type?: RegistryType): Expression;
  notExists(type?: RegistryType): Expression;
  equals(data: ComparedValue, type?: RegistryType): Expression;
  notEquals(data: ComparedValue, type?: RegistryType): Expression;
  less(data: ComparedValue, type?: RegistryType): Expression;
  lessEqual(data: ComparedValue, type?: RegistryType): Expression;
  greater(data: ComparedValue, type?: RegistryType): Expression;
  greaterEqual(data: ComparedValue, type?: RegistryType): Expression;
}

/**
 * A test of a registry value: `registry('HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso', 'Version').equals('2')`.
 * No value name means the key's (Default) value. The type only matters for exists (REFERENCE.md §3.2).
 */
export function registry(keyPath: string, valueName?: string): RegistryTest {
  requireText('a registry key path', keyPath);
  const make = (Operator: string, data: ComparedValue | undefined, type: RegistryType | undefined): Expression =>
    expression(REGISTRY_EXPRESSION, { KeyPath: keyPath, Value: valueName, Type: type, Data: data === undefined ? undefined : text(data), Operator });
  const compare = (operator: string) => (data: ComparedValue, type?: RegistryType) => make(operator, data, type);
  return Object.freeze({
    exists: (type?: RegistryType) => make('exists', undefined, type),
    notExists: (type?: RegistryType) => make('notExists', undefined, type),
    equals: compare('equals'),
    notEquals: compare('notEquals'),
    less: compare('less'),
    lessEqual: compare('lessEqual'),
    greater: compare('greater'),
    greaterEqual: compare('greaterEqual'),
  });
}

// ---- installed software ----

export interface SoftwareOptions {
  /** The product name the console shows beside the code. */
  readonly name?: string;
  readonly version?: string;
}

/** Installed MSI software: this exact product code (ThisVersion) or any version of an upgrade code (AnyVersion). */
export const software = Object.freeze({
  productCode(code: string, options: SoftwareOptions = {}): Expression {
    requireText('a product code', code);
    return expression(SOFTWARE_EXPRESSION, { Operator: 'ThisVersion', ProductCode: code, ProductName: options.name, Version: options.version });
  },
  upgradeCode(code: string, options: SoftwareOptions = {}): Expression {
    requireText('an upgrade code', code);
    return expression(SOFTWARE_EXPRESSION, { Operator: 'AnyVersion', UpgradeCode: code, ProductName: options.name, Version: options.version });
  },
});

// ---- operating system ----

/** MDT's OS test (REFERENCE.md §10): the running OS has this architecture and its version compares as asked. */
export function osVersion(architecture: 'X86' | 'X64' | 'ARM64', operator: ComparisonOperator, version: string): Expression {
  requireText('an OS version', version);
  return expression(OS_EXPRESSION, { Architecture: architecture, Operator: operator, Version: version });
}

export interface PlatformKey {
  /** Display name, e.g. "All x64 Windows 10 and higher Clients". */
  readonly name?: string;
  /** `<platformKey arch= type= minVer= maxVer=>` as SMS_SupportedPlatforms names them (REFERENCE.md §1.8). */
  readonly arch?: string;
  readonly type?: string;
  readonly minVer?: string;
  readonly maxVer?: string;
}

/** One platform of an OS condition: true when all its WMI queries return results. */
export function platform(key: PlatformKey, ...queries: Expression[]): Operator {
  const obj: Record<string, unknown> = { __CLASS: OS_EXPRESSION_GROUP, OperatorType: 'and' };
  const fields: [string, string | undefined][] = [
    ['Name', key.name],
    ['PlatformArchKey', key.arch],
    ['PlatformTypeKey', key.type],
    ['PlatformMinVerKey', key.minVer],
    ['PlatformMaxVerKey', key.maxVer],
  ];
  for (const [k, v] of fields) if (v !== undefined) obj[k] = v;
  obj['Operands'] = frozen([...queries]);
  return frozen(obj) as Operator;
}

/** The console's "Operating System" condition: true when any listed platform matches. */
export function operatingSystem(...platforms: Operator[]): Operator {
  return frozen({ __CLASS: OS_CONDITION_GROUP, OperatorType: 'or', Operands: frozen([...platforms]) }) as Operator;
}

// ---- operators and the condition ----

function operator(OperatorType: 'and' | 'or' | 'not', operands: readonly Operand[]): Operator {
  return frozen({ __CLASS: OPERATOR_CLASS, OperatorType, Operands: frozen([...operands]) }) as Operator;
}

/** All of the operands are true (the console's "If All"). */
export function and(...operands: Operand[]): Operator {
  return operator('and', operands);
}

/** Any of the operands is true ("If Any"). */
export function or(...operands: Operand[]): Operator {
  return operator('or', operands);
}

/** None of the operands is true ("If None": NOT of OR, REFERENCE.md §9). */
export function not(...operands: Operand[]): Operator {
  return operator('not', operands);
}

/** A step's condition: its operands are ANDed; no operands is always true (REFERENCE.md §3.1). */
export function condition(...operands: Operand[]): Condition {
  return frozen({ __CLASS: CONDITION_CLASS, Operands: frozen([...operands]) }) as Condition;
}

/** What a step's Condition option takes: a condition, one operand, or several operands (ANDed). */
export type ConditionInput = Condition | Operand | readonly Operand[];

function isCondition(value: ModelObject): value is Condition {
  return value.__CLASS === CONDITION_CLASS;
}

/** The Condition a step holds for a ConditionInput. */
export function toCondition(input: ConditionInput): Condition {
  if (Array.isArray(input)) return condition(...(input as readonly Operand[]));
  const single = input as ModelObject;
  if (typeof single !== 'object' || single === null || typeof single.__CLASS !== 'string') {
    throw new TypeError(`Condition must be a condition, an expression or operator, or an array of them, got ${describe(input)}`);
  }
  return isCondition(single) ? single : condition(single);
}
