import type { ClassDef, PropertyDef } from '../class-def.js';

/** Operators of variable, file, folder and registry expressions (REFERENCE.md §3.2, §9). */
export const COMPARISON_OPERATORS = ['equals', 'notEquals', 'less', 'lessEqual', 'greater', 'greaterEqual'] as const;
/** Variable expressions also take existence tests and the console's LIKE / NOT LIKE (§3.2, §9). */
export const VARIABLE_OPERATORS = ['exists', 'notExists', ...COMPARISON_OPERATORS, 'like', 'notLike'] as const;
/** The SDK page spells notExists `nonExists`; read as a typo of notExists (§3.2). */
export const REGISTRY_OPERATORS = ['exists', 'notExists', 'nonExists', ...COMPARISON_OPERATORS] as const;
export const REGISTRY_TYPES = ['REG_BINARY', 'REG_DWORD', 'REG_EXPAND_SZ', 'REG_MULTI_SZ', 'REG_NONE', 'REG_QWORD', 'REG_SZ'] as const;
export const OPERATOR_TYPES = ['and', 'or', 'not'] as const;

/** Expression properties are `<variable name="Prop">value</variable>` children of `<expression>`. */
function exprProp(name: string, extra: Omit<PropertyDef, 'name' | 'xml' | 'type'> & { type?: PropertyDef['type'] } = {}): PropertyDef {
  return { name, type: 'string', ...extra, xml: { kind: 'variable', name } };
}

/** The condition classes: the condition, its operands, every expression class and the OS groups (REFERENCE.md §3, §10). */
export const conditionClasses: readonly ClassDef[] = [
  {
    name: 'SMS_TaskSequence_Condition',
    parent: null,
    role: 'condition',
    description: 'The condition of a step: its operands are ANDed; an empty condition is true.',
    properties: [{ name: 'Operands', type: 'string', array: true, embedded: 'SMS_TaskSequence_ConditionOperand', xml: { kind: 'operands' } }],
  },
  {
    name: 'SMS_TaskSequence_ConditionOperand',
    parent: null,
    role: 'operand',
    abstract: true,
    description: 'Anything that can stand in a condition: an expression or an operator.',
    properties: [],
  },
  {
    name: 'SMS_TaskSequence_ConditionExpression',
    parent: 'SMS_TaskSequence_ConditionOperand',
    role: 'expression',
    abstract: true,
    description: 'A test that is true or false on the machine.',
    properties: [],
  },
  {
    name: 'SMS_TaskSequence_ConditionOperator',
    parent: 'SMS_TaskSequence_ConditionOperand',
    role: 'operator',
    displayName: 'If statement',
    description: 'Combines its operands: and (All), or (Any), not (None: true when none is true, §9).',
    properties: [
      { name: 'OperatorType', type: 'string', required: true, allowed: OPERATOR_TYPES, xml: { kind: 'attribute', name: 'type' } },
      { name: 'Operands', type: 'string', array: true, embedded: 'SMS_TaskSequence_ConditionOperand', xml: { kind: 'operands' } },
    ],
  },
  {
    name: 'SMS_TaskSequence_VariableConditionExpression',
    parent: 'SMS_TaskSequence_ConditionExpression',
    role: 'expression',
    displayName: 'Task Sequence Variable',
    description: 'Compares a task sequence variable with a value.',
    properties: [
      exprProp('Variable', { required: true, length: [1, 256] }),
      exprProp('Operator', { required: true, allowed: VARIABLE_OPERATORS }),
      exprProp('Value'),
    ],
  },
  {
    name: 'SMS_TaskSequence_WMIConditionExpression',
    parent: 'SMS_TaskSequence_ConditionExpression',
    role: 'expression',
    displayName: 'WMI Query',
    description: 'True when the WQL query returns at least one instance.',
    properties: [
      exprProp('Namespace', { required: true, default: 'root\\cimv2' }),
      exprProp('Query', { required: true, length: [1, 16384] }),
      // ConfigMgr writes ignoreQueryFailure="true" on the expressions of OS condition groups (§10).
      { name: 'IgnoreQueryFailure', type: 'boolean', default: false, xml: { kind: 'attribute', name: 'ignoreQueryFailure' } },
    ],
  },
  {
    name: 'SMS_TaskSequence_FileConditionExpression',
    parent: 'SMS_TaskSequence_ConditionExpression',
    role: 'expression',
    displayName: 'File Properties',
    description: 'True when the file exists, and its version and date compare as asked.',
    properties: [
      exprProp('Path', { required: true }),
      exprProp('Version'),
      exprProp('VersionOperator', { allowed: COMPARISON_OPERATORS }),
      exprProp('DateTime', { type: 'datetime' }),
      exprProp('DateTimeOperator', { allowed: COMPARISON_OPERATORS }),
    ],
  },
  {
    name: 'SMS_TaskSequence_FolderConditionExpression',
    parent: 'SMS_TaskSequence_ConditionExpression',
    role: 'expression',
    displayName: 'Folder Properties',
    description: 'True when the folder exists, and its date compares as asked.',
    properties: [
      exprProp('Path', { required: true }),
      exprProp('DateTime', { type: 'datetime' }),
      exprProp('DateTimeOperator', { allowed: COMPARISON_OPERATORS }),
    ],
  },
  {
    name: 'SMS_TaskSequence_RegistryConditionExpression',
    parent: 'SMS_TaskSequence_ConditionExpression',
    role: 'expression',
    displayName: 'Registry Setting',
    description: 'Tests a registry value: exists, or compares its data.',
    properties: [
      exprProp('KeyPath', { required: true }),
      exprProp('Value', { length: [0, 250] }),
      exprProp('Type', { allowed: REGISTRY_TYPES }),
      exprProp('Data'),
      exprProp('Operator', { required: true, allowed: REGISTRY_OPERATORS }),
    ],
  },
  {
    name: 'SMS_TaskSequence_SoftwareConditionExpression',
    parent: 'SMS_TaskSequence_ConditionExpression',
    role: 'expression',
    displayName: 'Installed Software',
    description: 'True when an MSI product is installed: this exact product code, or any version of the upgrade code.',
    properties: [
      exprProp('Operator', { required: true, allowed: ['AnyVersion', 'ThisVersion'] }),
      exprProp('ProductCode'),
      exprProp('UpgradeCode'),
      exprProp('ProductName'),
      exprProp('Version'),
    ],
  },
  {
    // MDT's own OS test (REFERENCE.md §10): the running OS's version on an architecture.
    name: 'SMS_TaskSequence_OSConditionExpression',
    parent: 'SMS_TaskSequence_ConditionExpression',
    role: 'expression',
    displayName: 'Operating System Version',
    description: 'MDT: true when the running OS has this architecture and its version compares as asked.',
    source: 'mdt',
    properties: [
      exprProp('Architecture', { allowed: ['X86', 'X64', 'ARM64'] }),
      exprProp('Version'),
      exprProp('Operator', { allowed: COMPARISON_OPERATORS }),
    ],
  },
  {
    name: 'SMS_TaskSequence_OSConditionGroup',
    parent: 'SMS_TaskSequence_ConditionOperator',
    role: 'operator',
    displayName: 'Operating System',
    description: 'True when any of its platforms matches (written <osConditionGroup type="or">).',
    properties: [
      { name: 'OperatorType', type: 'string', required: true, default: 'or', allowed: ['or'], xml: { kind: 'attribute', name: 'type' } },
    ],
  },
  {
    name: 'SMS_TaskSequence_OSExpressionGroup',
    parent: 'SMS_TaskSequence_ConditionOperator',
    role: 'operator',
    displayName: 'Platform',
    description: 'One platform ("All x64 Windows 10 and higher Clients"): true when all its WMI expressions return results.',
    properties: [
      { name: 'OperatorType', type: 'string', required: true, default: 'and', allowed: ['and'], xml: { kind: 'attribute', name: 'type' } },
      { name: 'Name', type: 'string', xml: { kind: 'attribute', name: 'name' } },
      { name: 'PlatformArchKey', type: 'string', xml: { kind: 'childAttribute', element: 'platformKey', name: 'arch' } },
      { name: 'PlatformTypeKey', type: 'string', xml: { kind: 'childAttribute', element: 'platformKey', name: 'type' } },
      { name: 'PlatformMinVerKey', type: 'string', xml: { kind: 'childAttribute', element: 'platformKey', name: 'minVer' } },
      { name: 'PlatformMaxVerKey', type: 'string', xml: { kind: 'childAttribute', element: 'platformKey', name: 'maxVer' } },
    ],
  },
  {
    name: 'SMS_TaskSequence_ComputerConditionExpression',
    parent: 'SMS_TaskSequence_ConditionExpression',
    role: 'ruleExpression',
    displayName: 'Computer',
    description: 'Set Dynamic Variables rule: true when any listed asset tag, MAC address, serial number or UUID matches.',
    properties: [exprProp('AssetTag'), exprProp('MACAddress'), exprProp('SerialNumber'), exprProp('UUID')],
  },
  {
    name: 'SMS_TaskSequence_MakeModelConditionExpression',
    parent: 'SMS_TaskSequence_ConditionExpression',
    role: 'ruleExpression',
    displayName: 'Make and Model',
    description: 'Set Dynamic Variables rule: true when both make and model match (* any run, ? one character).',
    properties: [exprProp('Make'), exprProp('Model')],
  },
  {
    name: 'SMS_TaskSequence_LocationConditionExpression',
    parent: 'SMS_TaskSequence_ConditionExpression',
    role: 'ruleExpression',
    displayName: 'Location',
    description: 'Set Dynamic Variables rule: true when a default gateway matches (class name not observed; REFERENCE.md §2.2).',
    source: 'observed',
    properties: [exprProp('DefaultGateway')],
  },
];
