import type { Condition, ModelObject, Operand } from './node.js';
import { isOperator } from './node.js';

/**
 * A condition in one line, the way an administrator reads it:
 * `Model like "%Latitude%" and (X = 1 or Y exists)`. Operands of a condition are ANDed, `not` is
 * "none of" (REFERENCE.md §3.1, §9).
 */
export interface SummaryOptions {
  /** Words for a WMI query; the conditions layer supplies one that reads the WQL (the model cannot parse it). */
  readonly describeWmi?: (query: string, namespace: string) => string;
}

export function summarizeCondition(condition: Condition | undefined, options: SummaryOptions = {}): string {
  if (!condition || condition.Operands.length === 0) return '';
  return joinOperands(condition.Operands, 'and', true, options);
}

const COMPARISON_SYMBOL: Record<string, string> = {
  equals: '=',
  notequals: '<>',
  less: '<',
  lessequal: '<=',
  greater: '>',
  greaterequal: '>=',
  like: 'like',
  notlike: 'not like',
};

function joinOperands(operands: readonly Operand[], op: string, top: boolean, options: SummaryOptions): string {
  const parts = operands.map((o) => summarizeOperand(o, false, options));
  const joined = parts.join(` ${op} `);
  return top || parts.length <= 1 ? joined : `(${joined})`;
}

export function summarizeOperand(o: Operand, top = true, options: SummaryOptions = {}): string {
  if (isOperator(o)) {
    const type = String(o.OperatorType ?? '').toLowerCase();
    if (o.__CLASS === 'SMS_TaskSequence_OSConditionGroup') {
      return `OS is ${o.Operands.map((g) => String((g as ModelObject)['Name'] ?? 'a platform')).join(' or ')}`;
    }
    if (o.__CLASS === 'SMS_TaskSequence_OSExpressionGroup') return String(o['Name'] ?? 'platform');
    if (type === 'not') return `not ${o.Operands.length === 1 ? wrap(summarizeOperand(o.Operands[0]!, false, options)) : `(${joinOperands(o.Operands, 'or', true, options)})`}`;
    if (o.Operands.length === 0) return `${type || 'operator'}()`;
    return joinOperands(o.Operands, type === 'or' ? 'or' : 'and', top, options);
  }
  if (o.__CLASS === 'SMS_TaskSequence_WMIConditionExpression' && options.describeWmi) {
    return options.describeWmi(String(o['Query'] ?? ''), String(o['Namespace'] ?? ''));
  }
  return summarizeExpression(o);
}

function wrap(s: string): string {
  return s.startsWith('(') || !/\s/.test(s) ? s : `(${s})`;
}

function literal(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return /^-?\d+(\.\d+)?$/.test(s) ? s : `"${s}"`;
}

function comparison(subject: string, operator: unknown, value: unknown): string {
  const op = String(operator ?? '').toLowerCase();
  if (op === 'exists') return `${subject} exists`;
  if (op === 'notexists' || op === 'nonexists') return `${subject} does not exist`;
  const symbol = COMPARISON_SYMBOL[op] ?? String(operator ?? '?');
  return `${subject} ${symbol} ${literal(value)}`;
}

export function summarizeExpression(e: ModelObject): string {
  const s = (k: string): string => (e[k] === undefined || e[k] === null ? '' : String(e[k]));
  switch (e.__CLASS) {
    case 'SMS_TaskSequence_VariableConditionExpression':
      return comparison(s('Variable'), e['Operator'], e['Value']);
    case 'SMS_TaskSequence_WMIConditionExpression': {
      const ns = s('Namespace');
      return `WMI ${ns && ns.toLowerCase() !== 'root\\cimv2' ? ns + ' ' : ''}"${s('Query')}"`;
    }
    case 'SMS_TaskSequence_FileConditionExpression': {
      const parts = [`file "${s('Path')}" exists`];
      if (s('Version')) parts.push(comparison('version', e['VersionOperator'] ?? 'equals', e['Version']));
      if (s('DateTime')) parts.push(comparison('date', e['DateTimeOperator'] ?? 'equals', e['DateTime']));
      return parts.join(' and ');
    }
    case 'SMS_TaskSequence_FolderConditionExpression': {
      const parts = [`folder "${s('Path')}" exists`];
      if (s('DateTime')) parts.push(comparison('date', e['DateTimeOperator'] ?? 'equals', e['DateTime']));
      return parts.join(' and ');
    }
    case 'SMS_TaskSequence_RegistryConditionExpression':
      return comparison(`registry "${s('KeyPath')}${s('Value') ? '\\' + s('Value') : ''}"`, e['Operator'], e['Data']);
    case 'SMS_TaskSequence_SoftwareConditionExpression':
      return String(e['Operator']).toLowerCase() === 'anyversion'
        ? `any version of "${s('ProductName') || s('UpgradeCode')}" installed`
        : `"${s('ProductName') || s('ProductCode')}"${s('Version') ? ' ' + s('Version') : ''} installed`;
    case 'SMS_TaskSequence_OSConditionExpression':
      return comparison(`OS ${s('Architecture')} version`.replace('  ', ' '), e['Operator'] ?? 'equals', e['Version']);
    default: {
      const props = Object.keys(e).filter((k) => k !== '__CLASS').map((k) => `${k}=${literal(e[k])}`);
      return `${e.__CLASS}(${props.join(', ')})`;
    }
  }
}
