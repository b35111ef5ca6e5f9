import type { PropertyDef } from './class-def.js';
import { getClass, propertiesOf } from './catalog.js';
import type { Condition, Document, ModelObject, Operand, Step, TaskSequence } from './node.js';
import { isOperator, sequenceOf, walkSteps } from './node.js';

/**
 * Structural validation: what the catalog and REFERENCE.md say a task sequence must be. Each rule
 * has a stable code (docs/diagnostics.md lists them); semantic advice (dead steps, clear-text
 * passwords in command lines, …) belongs to lint, not here.
 */
export type Severity = 'error' | 'warning' | 'info';

/** What a finding about a step says and where: shared by validate's diagnostics and lint's findings. */
export interface StepFinding {
  readonly message: string;
  /** The step's 1-based path (`2/1`), '' for the sequence itself. */
  readonly path: string;
  readonly stepName?: string;
  /** Where the step or group the finding concerns starts in its file (1-based). */
  readonly line?: number;
  readonly column?: number;
  /** What to do about it. */
  readonly hint?: string;
}

export interface Diagnostic extends StepFinding {
  readonly code: string;
  readonly severity: Severity;
}

export interface ValidateOptions {
  /** Where an object stands in its file (the XML layer knows; model objects made in code have no place). */
  readonly locate?: (obj: object) => { line: number; column: number } | undefined;
  /** The size of the sequence XML in bytes, for the size rule; omitted, the rule is not checked. */
  readonly sequenceBytes?: number;
  /** What a site stores: 2 MB (REFERENCE.md §7, §9). */
  readonly maxSequenceBytes?: number;
}

export const DEFAULT_MAX_SEQUENCE_BYTES = 2 * 1024 * 1024;

/** The rules, by code: docs/diagnostics.md says the same in prose. */
export const RULES = {
  TS001: 'unknown step class',
  TS002: 'missing required property',
  TS003: 'value outside its allowed set',
  TS004: 'time-out is not a non-negative whole number of seconds',
  TS005: 'malformed success code list',
  TS006: 'operator with no operands',
  TS007: 'unknown operator type',
  TS008: 'duplicate step name in one group',
  TS009: 'number expected',
  TS010: 'true or false expected',
  TS011: 'text too long or too short',
  TS012: 'number out of range',
  TS013: 'sequence larger than a site stores',
  TS014: 'unknown condition expression class',
  TS015: 'unknown schema version',
  TS016: 'variable name ConfigMgr refuses',
  TS017: 'read-only variable set',
  TS018: 'password stored in the file',
  /** Checked by the conditions layer (it needs the WQL parser): src/conditions/validate-conditions.ts. */
  TS020: 'WMI query that does not parse',
} as const;

export type RuleCode = keyof typeof RULES;

/** A value that is a `%VARIABLE%` reference is resolved at run time: its type cannot be checked here. */
function isVariableReference(v: unknown): boolean {
  return typeof v === 'string' && /%[^%\s]+%/.test(v);
}

/** Variable names: letters, digits, `_` and `-`, 1-256 characters (REFERENCE.md §5.7). */
export const VARIABLE_NAME = /^[A-Za-z0-9_-]{1,256}$/;

export function validateDocument(doc: Document, options: ValidateOptions = {}): Diagnostic[] {
  return validateSequence(sequenceOf(doc), options);
}

export function validateSequence(seq: TaskSequence, options: ValidateOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (obj: object, path: string, stepName: string | undefined, code: RuleCode, severity: Severity, message: string, hint?: string): void => {
    const loc = options.locate?.(obj);
    out.push({ code, severity, message, path, ...(stepName !== undefined ? { stepName } : {}), ...(loc ? { line: loc.line, column: loc.column } : {}), ...(hint ? { hint } : {}) });
  };

  if (seq.SchemaVersion !== undefined && !['3.00', '3.10'].includes(String(seq.SchemaVersion))) {
    at(seq, '', undefined, 'TS015', 'warning', `schema version "${String(seq.SchemaVersion)}" is neither 3.00 nor 3.10`, 'clients refuse a sequence whose schema version they do not know');
  }
  if (options.sequenceBytes !== undefined) {
    const max = options.maxSequenceBytes ?? DEFAULT_MAX_SEQUENCE_BYTES;
    if (options.sequenceBytes > max) {
      at(seq, '', undefined, 'TS013', 'error', `the sequence is ${(options.sequenceBytes / 1024 / 1024).toFixed(2)} MB; a site stores at most ${(max / 1024 / 1024).toFixed(2)} MB`, 'split it into child task sequences (Run Task Sequence)');
    }
  }
  checkDuplicateNames(seq.Steps, '', at);
  for (const { step, path } of walkSteps(seq.Steps)) {
    checkStep(step, path, at);
    if (step.Condition) checkCondition(step.Condition, path, step.Name, at);
  }
  return out;
}

type Report = (obj: object, path: string, stepName: string | undefined, code: RuleCode, severity: Severity, message: string, hint?: string) => void;

function checkDuplicateNames(steps: readonly Step[], prefix: string, at: Report): void {
  const seen = new Map<string, number>();
  steps.forEach((s, i) => {
    const path = prefix ? `${prefix}/${i + 1}` : `${i + 1}`;
    const key = String(s.Name ?? '').toLowerCase();
    const first = seen.get(key);
    if (first !== undefined && key !== '') {
      at(s, path, s.Name, 'TS008', 'warning', `another step in this group is named "${s.Name}" (${prefix ? prefix + '/' : ''}${first + 1})`, 'give each step a name of its own: logs and status messages name steps');
    } else seen.set(key, i);
    if (Array.isArray(s['Steps'])) checkDuplicateNames(s['Steps'] as readonly Step[], path, at);
  });
}

function checkStep(step: Step, path: string, at: Report): void {
  const def = getClass(step.__CLASS);
  const name = step.Name;
  if (!def) {
    at(step, path, name, 'TS001', 'warning', `class ${step.__CLASS} is not a ConfigMgr or MDT step tseq knows`, 'it is kept as a custom action; tseq cannot check its properties');
  } else if (def.role !== 'action' && def.role !== 'group' && def.role !== 'pointer') {
    at(step, path, name, 'TS001', 'error', `class ${step.__CLASS} is ${/^[aeiou]/.test(def.role) ? 'an' : 'a'} ${def.role} class, not a step`);
  }
  const props = propertiesOf(def ? step.__CLASS : 'SMS_TaskSequence_Action');
  // Timeout has a rule of its own (TS004) below.
  for (const p of props) if (p.name !== 'Timeout') checkProperty(step, p, path, name, at);

  const timeout = step['Timeout'];
  if (timeout !== undefined && timeout !== null && !(typeof timeout === 'number' && Number.isInteger(timeout) && timeout >= 0)) {
    at(step, path, name, 'TS004', 'error', `time-out "${String(timeout)}" is not a non-negative whole number of seconds`);
  }
  for (const key of ['SuccessCodeList', 'SuccessCodes']) {
    const codes = step[key];
    if (typeof codes === 'string' && !isVariableReference(codes) && !/^\s*-?\d+(\s+-?\d+)*\s*$/.test(codes)) {
      at(step, path, name, 'TS005', 'error', `success codes "${codes}" are not whole numbers separated by spaces`, 'write them as ConfigMgr does: "0 3010"');
    }
  }
  if (step.__CLASS === 'SMS_TaskSequence_SetVariableAction') {
    const variable = step['VariableName'];
    if (typeof variable === 'string' && variable !== '' && !isVariableReference(variable)) {
      if (variable.startsWith('_')) {
        at(step, path, name, 'TS017', 'error', `"${variable}" is read-only: variables that start with _ are set by the engine`, 'Set Task Sequence Variable fails on a read-only variable (REFERENCE.md §5.7)');
      } else if (!VARIABLE_NAME.test(variable.trim())) {
        at(step, path, name, 'TS016', 'error', `"${variable}" is not a variable name ConfigMgr accepts`, 'letters, digits, _ and -, 1 to 256 characters, no spaces');
      }
    }
  }
}

function checkProperty(obj: ModelObject, p: PropertyDef, path: string, stepName: string | undefined, at: Report): void {
  const v = obj[p.name];
  const present = v !== undefined && v !== null && v !== '';
  if (p.xml.kind === 'steps' || p.xml.kind === 'condition' || p.xml.kind === 'operands' || p.xml.kind === 'none') return;
  // Secrets are stripped from exports (REFERENCE.md §1.4 ExportXml): a blank one is not missing.
  // A property with a class default is never missing: the default applies. One that only feeds the
  // command line is not missing when the step carries its <action> line (MDT writes steps that way).
  const suppliedByAction = p.commandLineArg !== undefined && typeof obj['Action'] === 'string' && obj['Action'] !== '';
  // Not_Null means not null: an empty string is a value (ConfigMgr exports write empty Parameters).
  const missing = v === undefined || v === null || (v === '' && p.type !== 'string');
  if (p.required && missing && !p.secret && p.default === undefined && !suppliedByAction && !runsOtherProgram(obj) && p.name !== 'OperatorType') {
    at(obj, path, stepName, 'TS002', 'error', `${p.name} is required ${describeOwner(obj)}`);
    return;
  }
  if (!present) return;
  if (p.secret && typeof v === 'string' && !isVariableReference(v)) {
    at(obj, path, stepName, 'TS018', 'warning', `${p.name} holds a password in clear text in the file`, 'exports strip secrets; set it on the site or pass it in a variable');
  }
  if (isVariableReference(v)) return;
  if (p.array) return;
  switch (p.type) {
    case 'boolean':
      if (typeof v !== 'boolean') at(obj, path, stepName, 'TS010', 'error', `${p.name} is "${String(v)}"; true or false expected`);
      return;
    case 'uint32':
    case 'sint32':
    case 'uint64':
      if (typeof v !== 'number') {
        at(obj, path, stepName, 'TS009', 'error', `${p.name} is "${String(v)}"; a whole number expected`);
        return;
      }
      if (p.range && (v < p.range[0] || v > p.range[1])) {
        at(obj, path, stepName, 'TS012', 'error', `${p.name} is ${v}; allowed ${p.range[0]} to ${p.range[1]}`);
      }
      return;
    default: {
      const s = String(v);
      if (p.allowed && !p.allowed.some((a) => a.toLowerCase() === s.toLowerCase())) {
        at(obj, path, stepName, 'TS003', 'error', `${p.name} is "${s}"; allowed: ${p.allowed.join(', ')}`);
      }
      if (p.length && (s.length < p.length[0] || s.length > p.length[1])) {
        at(obj, path, stepName, 'TS011', 'error', `${p.name} is ${s.length} characters long; allowed ${p.length[0]} to ${p.length[1]}`);
      }
    }
  }
}

/**
 * MDT reuses ConfigMgr step classes with its own scripts (Apply Network Settings running
 * ZTINICConfig.wsf): when the <action> line runs another program than the class's, the class's
 * properties are not what the step consumes, so none of them is missing.
 */
function runsOtherProgram(obj: ModelObject): boolean {
  const action = obj['Action'];
  const template = getClass(obj.__CLASS)?.commandLine;
  if (typeof action !== 'string' || !template) return false;
  const program = (s: string): string => (s.trim().split(/\s+/)[0] ?? '').toLowerCase();
  return program(action) !== program(template);
}

function describeOwner(obj: ModelObject): string {
  const def = getClass(obj.__CLASS);
  return `on ${def?.displayName ?? obj.__CLASS}`;
}

function checkCondition(condition: Condition, path: string, stepName: string, at: Report): void {
  const visit = (o: Operand): void => {
    if (isOperator(o)) {
      const def = getClass(o.__CLASS);
      const type = String(o.OperatorType ?? '');
      if (o.__CLASS === 'SMS_TaskSequence_ConditionOperator' && !['and', 'or', 'not'].includes(type.toLowerCase())) {
        at(o, path, stepName, 'TS007', 'error', `operator type "${type}" is not and, or or not`);
      }
      if (o.Operands.length === 0) {
        // ConfigMgr saves an empty If statement (real exports hold them): a warning, not an error. tseq evaluates
        // an empty and as true, an empty or as false, an empty not as true (none of nothing is true).
        at(o, path, stepName, 'TS006', 'warning', `the ${def?.displayName ?? type} ${o.__CLASS === 'SMS_TaskSequence_ConditionOperator' ? `(${type}) ` : ''}has no operands`, 'an empty group in a condition: remove it or add conditions');
      }
      if (def) for (const p of propertiesOf(o.__CLASS)) if (p.name !== 'OperatorType') checkProperty(o, p, path, stepName, at);
      o.Operands.forEach(visit);
      return;
    }
    const def = getClass(o.__CLASS);
    if (!def || (def.role !== 'expression' && def.role !== 'ruleExpression')) {
      at(o, path, stepName, 'TS014', 'warning', `condition class ${o.__CLASS} is not one tseq knows`, 'it is kept as written and evaluates as false');
      return;
    }
    for (const p of propertiesOf(o.__CLASS)) checkProperty(o, p, path, stepName, at);
  };
  condition.Operands.forEach(visit);
}
