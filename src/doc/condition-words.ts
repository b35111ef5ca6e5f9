import { compileWql, describeWmiQuery, printWqlLiteral } from '../conditions/index.js';
import { displayNameOf } from '../model/catalog.js';
import type { Condition, ModelObject, Operand } from '../model/node.js';
import { isOperator } from '../model/node.js';

/**
 * Conditions in plain words, for documentation: "the model is like "%Latitude%" and IsLaptop is
 * True". Operands of a condition are ANDed; `and` / `or` are joined with the words, nested ones in
 * parentheses; `not` reads "none of (…)" because it is true when none of its operands is
 * (REFERENCE.md §3.1, §9). An empty or absent condition is "" (the step always runs).
 */
export function describeConditionInWords(condition: Condition | undefined): string {
  if (!condition || condition.Operands.length === 0) return '';
  return joined(condition.Operands, 'and', true);
}

/** One operand (an expression or an operator) in words; `top` leaves a multi-part result unparenthesised. */
export function describeOperandInWords(operand: Operand, top = true): string {
  if (isOperator(operand)) return describeOperator(operand, top);
  return describeExpressionInWords(operand);
}

function joined(operands: readonly Operand[], word: 'and' | 'or', top: boolean): string {
  // A lone operand stands where the list stood: at the top it needs no parentheses either.
  if (operands.length === 1) return describeOperandInWords(operands[0]!, top);
  const parts = operands.map((o) => describeOperandInWords(o, false));
  const text = parts.join(` ${word} `);
  return top ? text : `(${text})`;
}

function describeOperator(o: ModelObject & { readonly Operands: readonly Operand[] }, top: boolean): string {
  if (o.__CLASS === 'SMS_TaskSequence_OSConditionGroup') {
    const names = o.Operands.map(platformName);
    if (names.length === 0) return 'the OS is (no platform listed)';
    return `the OS is ${names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]!}`}`;
  }
  if (o.__CLASS === 'SMS_TaskSequence_OSExpressionGroup') return `the OS is ${platformName(o)}`;
  const type = String(o['OperatorType'] ?? '').toLowerCase();
  if (type === 'not') {
    if (o.Operands.length === 0) return 'none of ()';
    return `none of (${o.Operands.map((x) => describeOperandInWords(x, true)).join(', ')})`;
  }
  if (o.Operands.length === 0) return type === 'or' ? 'any of ()' : 'all of ()';
  return joined(o.Operands, type === 'or' ? 'or' : 'and', top);
}

function platformName(o: Operand): string {
  const name = o['Name'];
  return typeof name === 'string' && name !== '' ? name : 'an unnamed platform';
}

/** A value as written, quoted when it is empty or has spaces at either end or inside. */
function value(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return s === '' || /\s/.test(s) ? `"${s}"` : s;
}

/** Comparison operators of variable, file, folder, registry and OS expressions, in words. */
const OPERATOR_WORDS: Record<string, string> = {
  equals: 'is',
  notequals: 'is not',
  less: 'is less than',
  lessequal: 'is at most',
  greater: 'is greater than',
  greaterequal: 'is at least',
  like: 'is like',
  notlike: 'is not like',
};

function compare(subject: string, operator: unknown, v: unknown): string {
  const op = String(operator ?? '').toLowerCase();
  if (op === 'exists') return `${subject} is set`;
  if (op === 'notexists' || op === 'nonexists') return `${subject} is not set`;
  const words = OPERATOR_WORDS[op];
  return words ? `${subject} ${words} ${value(v)}` : `${subject} ${String(operator ?? '?')} ${value(v)}`;
}

/** An expression (any class) in words. */
export function describeExpressionInWords(e: ModelObject): string {
  const s = (k: string): string => (e[k] === undefined || e[k] === null ? '' : String(e[k]));
  switch (e.__CLASS) {
    case 'SMS_TaskSequence_VariableConditionExpression':
      return compare(s('Variable') || '(no variable)', e['Operator'], e['Value']);
    case 'SMS_TaskSequence_WMIConditionExpression':
      return wmiInWords(s('Query'), s('Namespace'));
    case 'SMS_TaskSequence_FileConditionExpression': {
      const parts = [`file ${value(s('Path'))} exists`];
      if (s('Version')) parts.push(compare('its version', e['VersionOperator'] ?? 'equals', s('Version')));
      if (s('DateTime')) parts.push(compare('its date', e['DateTimeOperator'] ?? 'equals', s('DateTime')));
      return parts.join(' and ');
    }
    case 'SMS_TaskSequence_FolderConditionExpression': {
      const parts = [`folder ${value(s('Path'))} exists`];
      if (s('DateTime')) parts.push(compare('its date', e['DateTimeOperator'] ?? 'equals', s('DateTime')));
      return parts.join(' and ');
    }
    case 'SMS_TaskSequence_RegistryConditionExpression': {
      const subject = s('Value') ? `registry value ${value(`${s('KeyPath')}\\${s('Value')}`)}` : `registry key ${value(s('KeyPath'))}`;
      const op = s('Operator').toLowerCase();
      if (op === 'exists') return `${subject} exists${s('Type') ? ` (${s('Type')})` : ''}`;
      if (op === 'notexists' || op === 'nonexists') return `${subject} does not exist`;
      return compare(subject, e['Operator'], e['Data']);
    }
    case 'SMS_TaskSequence_SoftwareConditionExpression': {
      const product = s('ProductName') ? value(s('ProductName')) : '';
      if (s('Operator').toLowerCase() === 'anyversion') {
        return `any version of ${product || `upgrade code ${s('UpgradeCode')}`} is installed`;
      }
      const code = s('ProductCode');
      const what = product ? `${product}${code ? ` (${code})` : ''}` : `product ${code || '(no product code)'}`;
      return `${what}${s('Version') ? ` version ${s('Version')}` : ''} is installed`;
    }
    case 'SMS_TaskSequence_OSConditionExpression':
      return compare(`the OS${s('Architecture') ? ` (${s('Architecture')})` : ''} version`, e['Operator'] ?? 'equals', s('Version'));
    case 'SMS_TaskSequence_MakeModelConditionExpression':
      return `${compare('the make', 'like', s('Make') || '*')} and ${compare('the model', 'like', s('Model') || '*')}`;
    case 'SMS_TaskSequence_ComputerConditionExpression': {
      const parts = (
        [
          ['AssetTag', 'the asset tag'],
          ['MACAddress', 'a MAC address'],
          ['SerialNumber', 'the serial number'],
          ['UUID', 'the UUID'],
        ] as const
      )
        .filter(([k]) => s(k) !== '')
        .map(([k, words]) => `${words} is ${value(s(k))}`);
      return parts.length ? parts.join(' or ') : 'the computer is (nothing listed)';
    }
    case 'SMS_TaskSequence_LocationConditionExpression':
      return `the default gateway is ${value(s('DefaultGateway'))}`;
    default: {
      const props = Object.keys(e)
        .filter((k) => k !== '__CLASS')
        .map((k) => `${k} ${value(e[k])}`);
      return `${displayNameOf(e.__CLASS)}${props.length ? ` (${props.join(', ')})` : ''}`;
    }
  }
}

/** Well-known WMI properties, by `class.property` in lower case, and what to call them. */
const WMI_SUBJECTS: Record<string, string> = {
  'win32_computersystem.model': 'the model',
  'win32_computersystem.manufacturer': 'the manufacturer',
  'win32_computersystem.pcsystemtype': 'the PC system type',
  'win32_computersystemproduct.name': 'the product name',
  'win32_computersystemproduct.version': 'the product version',
  'win32_computersystemproduct.vendor': 'the product vendor',
  'win32_baseboard.product': 'the baseboard product',
  'win32_operatingsystem.oslanguage': 'the OS language',
  'win32_operatingsystem.version': 'the OS version',
  'win32_operatingsystem.buildnumber': 'the OS build number',
  'win32_operatingsystem.caption': 'the OS name',
  'win32_operatingsystem.osarchitecture': 'the OS architecture',
  'win32_operatingsystem.producttype': 'the OS product type',
  'win32_processor.architecture': 'the processor architecture',
  'win32_systemenclosure.chassistypes': 'the chassis type',
};

const WQL_OPERATOR_WORDS: Record<string, string> = {
  '=': 'is',
  '<>': 'is not',
  '!=': 'is not',
  '<': 'is less than',
  '<=': 'is at most',
  '>': 'is greater than',
  '>=': 'is at least',
  like: 'is like',
};

/**
 * A WMI query in words. A single comparison on a well-known property reads "the model is like
 * "%Latitude%""; every other query is worded by the conditions layer's `describeWmiQuery`.
 */
function wmiInWords(query: string, namespace: string): string {
  const ns = namespace.toLowerCase();
  if (ns === '' || ns === 'root\\cimv2') {
    const parsed = compileWql(query);
    if (parsed.ok) {
      const { className, where } = parsed.query;
      if (where && where.kind === 'comparison' && !where.propertyOnRight) {
        const subject = WMI_SUBJECTS[`${className}.${where.property}`.toLowerCase()];
        const words = WQL_OPERATOR_WORDS[String(where.op).toLowerCase()];
        if (subject && words) return `${subject} ${words} ${printWqlLiteral(where.value)}`;
      }
    }
  }
  return describeWmiQuery(query, namespace);
}
