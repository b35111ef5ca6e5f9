import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Condition, ModelObject, Operand } from '../model/node.js';
import { evaluateCondition, evaluateOperand, explainFalse } from './evaluate.js';
import { indexProfile, type MachineProfile } from './profile.js';
import { VariableStore } from './variables.js';

const PROFILE: MachineProfile = {
  name: 'test laptop',
  inWinPE: false,
  variables: { OSDComputerName: 'PC0042', IsLaptop: 'True', Build: '22631', OSVersion: '10.0.22631', Count: '9' },
  wmi: {
    'root\\cimv2': {
      Win32_ComputerSystem: [{ Manufacturer: 'Dell Inc.', Model: 'Latitude 7440', TotalPhysicalMemory: 17179869184, PCSystemType: 2 }],
      Win32_OperatingSystem: [{ Version: '10.0.22631', BuildNumber: '22631', OSArchitecture: '64-bit', OSLanguage: 1033 }],
      Win32_Battery: [{ BatteryStatus: 2 }],
    },
  },
  registry: {
    'HKLM\\SOFTWARE\\Contoso\\Agent': { Version: { type: 'REG_SZ', data: '4.2.1' }, Level: { type: 'REG_DWORD', data: 7 } },
  },
  files: { 'C:\\Windows\\System32\\ntoskrnl.exe': { version: '10.0.22621.1', modified: '2024-05-01T10:00:00Z' } },
  folders: { 'C:\\Program Files\\Contoso': { modified: '2024-05-01T10:00:00Z' } },
  software: [{ productCode: '{90160000-008C-0000-1000-0000000FF1CE}', upgradeCode: '{00000000-1111-2222-3333-444444444444}', name: 'Office extensibility', version: '16.0.17328.20162' }],
};

const ctx = { profile: indexProfile(PROFILE), variables: VariableStore.from(PROFILE.variables!) };

const v = (Variable: string, Operator: string, Value?: string): ModelObject => ({ __CLASS: 'SMS_TaskSequence_VariableConditionExpression', Variable, Operator, ...(Value !== undefined ? { Value } : {}) });
const op = (OperatorType: string, ...Operands: Operand[]): Operand => ({ __CLASS: 'SMS_TaskSequence_ConditionOperator', OperatorType, Operands });
const cond = (...Operands: Operand[]): Condition => ({ __CLASS: 'SMS_TaskSequence_Condition', Operands });
const wmi = (Query: string, Namespace = 'root\\cimv2', extra: Record<string, unknown> = {}): ModelObject => ({ __CLASS: 'SMS_TaskSequence_WMIConditionExpression', Namespace, Query, ...extra });
const file = (Path: string, extra: Record<string, string> = {}): ModelObject => ({ __CLASS: 'SMS_TaskSequence_FileConditionExpression', Path, ...extra });
const folder = (Path: string, extra: Record<string, string> = {}): ModelObject => ({ __CLASS: 'SMS_TaskSequence_FolderConditionExpression', Path, ...extra });
const reg = (KeyPath: string, Value: string, Operator: string, Data?: string, Type?: string): ModelObject => ({ __CLASS: 'SMS_TaskSequence_RegistryConditionExpression', KeyPath, Value, Operator, ...(Data !== undefined ? { Data } : {}), ...(Type ? { Type } : {}) });
const sw = (Operator: string, codes: Record<string, string>): ModelObject => ({ __CLASS: 'SMS_TaskSequence_SoftwareConditionExpression', Operator, ...codes });
const os = (Architecture: string, Operator: string, Version: string): ModelObject => ({ __CLASS: 'SMS_TaskSequence_OSConditionExpression', Architecture, Operator, Version });

const cases: [string, Operand, boolean][] = [
  // Variables (REFERENCE.md §9)
  ['equals is case-insensitive', v('osdcomputername', 'equals', 'pc0042'), true],
  ['Equals spelled with a capital', v('OSDComputerName', 'Equals', 'PC0042'), true],
  ['notEquals', v('OSDComputerName', 'notEquals', 'PC0043'), true],
  ['exists', v('IsLaptop', 'exists'), true],
  ['exists on a missing variable', v('Nope', 'exists'), false],
  ['notExists on a missing variable', v('Nope', 'notExists'), true],
  ['notEquals on a missing variable is true', v('Nope', 'notEquals', 'x'), true],
  ['equals on a missing variable is false', v('Nope', 'equals', ''), false],
  ['greater on a missing variable is false', v('Nope', 'greater', '1'), false],
  ['numbers compare as numbers: 9 < 10', v('Count', 'less', '10'), true],
  ['greaterEqual numbers', v('Build', 'greaterEqual', '19041'), true],
  ['versions compare part by part', v('OSVersion', 'greater', '10.0.19041'), true],
  ['10.0.22631 > 10.0.9200 as versions', v('OSVersion', 'greater', '10.0.9200'), true],
  ['lessEqual equal versions', v('OSVersion', 'lessEqual', '10.0.22631'), true],
  ['strings compare ordinally, case-insensitively', v('OSDComputerName', 'greater', 'pc0041'), true],
  ['like with *', v('OSDComputerName', 'like', 'PC*'), true],
  ['like with ?', v('OSDComputerName', 'like', 'pc00?2'), true],
  ['like is whole-value', v('OSDComputerName', 'like', 'PC'), false],
  ['like: % is literal for variables', v('OSDComputerName', 'like', '%PC%'), false],
  ['notLike', v('OSDComputerName', 'notLike', '*LAB*'), true],
  ['unknown operator is false', v('OSDComputerName', 'sortOf', 'PC0042'), false],
  // WMI (REFERENCE.md §11)
  ['WMI LIKE with %', wmi(`SELECT * FROM Win32_ComputerSystem WHERE Model LIKE "%Latitude%"`), true],
  ['WMI numbers compare as numbers', wmi('select * from win32_computersystem where TotalPhysicalMemory >= 8589934592'), true],
  ['WMI no match', wmi(`SELECT * FROM Win32_ComputerSystem WHERE Manufacturer = 'HP'`), false],
  ['WMI class with no instances in the profile is false', wmi('SELECT * FROM Win32_Foo'), false],
  ['WMI unknown namespace is false', wmi('SELECT * FROM Win32_Tpm', 'root\\cimv2\\Security\\MicrosoftTPM'), false],
  ['WMI invalid query is false', wmi('SELEKT * FROM x'), false],
  ['WMI battery', wmi('Select * from Win32_Battery where BatteryStatus != 1'), true],
  // Files and folders
  ['file exists, either slash, any case', file('c:/windows/system32/NTOSKRNL.EXE'), true],
  ['file missing', file('C:\\Windows\\nope.exe'), false],
  ['file version greaterEqual', file('C:\\Windows\\System32\\ntoskrnl.exe', { Version: '10.0.22000.1', VersionOperator: 'greaterEqual' }), true],
  ['file version less', file('C:\\Windows\\System32\\ntoskrnl.exe', { Version: '10.0.22000.1', VersionOperator: 'less' }), false],
  ['file date (WMI datetime) greater', file('C:\\Windows\\System32\\ntoskrnl.exe', { DateTime: '20240101000000.000000+000', DateTimeOperator: 'greater' }), true],
  ['file %VAR% expansion in the path', file('C:\\%Missing%\\ntoskrnl.exe'), false],
  ['folder exists', folder('C:\\Program Files\\Contoso\\'), true],
  ['a file implies its folder', folder('C:\\Windows\\System32'), true],
  ['folder date less', folder('C:\\Program Files\\Contoso', { DateTime: '20240101000000.000000+000', DateTimeOperator: 'less' }), false],
  // Registry (REFERENCE.md §3.2)
  ['registry value exists (HKEY_LOCAL_MACHINE spelled out)', reg('HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Agent', 'Version', 'exists'), true],
  ['registry exists with the wrong type', reg('HKLM\\SOFTWARE\\Contoso\\Agent', 'Version', 'exists', undefined, 'REG_DWORD'), false],
  ['registry key exists (no value name)', reg('HKLM\\SOFTWARE\\Contoso', '', 'exists'), true],
  ['registry notExists', reg('HKLM\\SOFTWARE\\Contoso\\Agent', 'Missing', 'notExists'), true],
  ['registry nonExists (SDK spelling)', reg('HKLM\\SOFTWARE\\Contoso\\Agent', 'Missing', 'nonExists'), true],
  ['registry data compares as a version', reg('HKLM\\SOFTWARE\\Contoso\\Agent', 'Version', 'greaterEqual', '4.2.0'), true],
  ['registry DWORD compares as a number', reg('HKLM\\SOFTWARE\\Contoso\\Agent', 'Level', 'greater', '10'), false],
  ['registry equals', reg('hklm\\software\\contoso\\agent', 'version', 'equals', '4.2.1'), true],
  // Software
  ['software this version (braces and case ignored)', sw('ThisVersion', { ProductCode: '90160000-008c-0000-1000-0000000ff1ce' }), true],
  ['software any version by upgrade code', sw('AnyVersion', { UpgradeCode: '{00000000-1111-2222-3333-444444444444}' }), true],
  ['software not installed', sw('ThisVersion', { ProductCode: '{11111111-1111-1111-1111-111111111111}' }), false],
  // MDT OS expression (REFERENCE.md §10)
  ['MDT OS: X64 >= 6.10.7601.1', os('X64', 'greaterEqual', '6.10.7601.1'), true],
  ['MDT OS: X86 does not match a 64-bit OS', os('X86', 'greaterEqual', '6.1'), false],
  // Operators (REFERENCE.md §3.1, §9)
  ['and', op('and', v('IsLaptop', 'equals', 'true'), v('Count', 'equals', '9')), true],
  ['or', op('or', v('IsLaptop', 'equals', 'false'), v('Count', 'equals', '9')), true],
  ['not of one', op('not', v('IsLaptop', 'equals', 'false')), true],
  ['not of several is none of them', op('not', v('IsLaptop', 'equals', 'false'), v('Count', 'equals', '8')), true],
  ['not of several with one true is false', op('not', v('IsLaptop', 'equals', 'false'), v('Count', 'equals', '9')), false],
  ['empty and is true', op('and'), true],
  ['empty or is false', op('or'), false],
  [
    'Exp1 and (Exp2 or (Exp3 and Exp4)), REFERENCE.md §3.1',
    op('and', v('IsLaptop', 'equals', 'True'), op('or', v('Nope', 'exists'), op('and', wmi(`SELECT * FROM Win32_ComputerSystem WHERE Manufacturer LIKE 'Dell%'`), reg('HKLM\\SOFTWARE\\Contoso\\Agent', 'Version', 'exists')))),
    true,
  ],
  [
    'the same with Exp4 false',
    op('and', v('IsLaptop', 'equals', 'True'), op('or', v('Nope', 'exists'), op('and', wmi(`SELECT * FROM Win32_ComputerSystem WHERE Manufacturer LIKE 'Dell%'`), reg('HKLM\\SOFTWARE\\Contoso\\Agent', 'Nope', 'exists')))),
    false,
  ],
];

for (const [name, operand, expected] of cases) {
  test(`evaluate: ${name}`, () => {
    const trace = evaluateOperand(operand, ctx);
    assert.equal(trace.result, expected, JSON.stringify(trace, null, 1));
  });
}

test('OS condition group as ConfigMgr writes it, with ignoreQueryFailure', () => {
  const group = (name: string, ...queries: string[]): Operand => ({
    __CLASS: 'SMS_TaskSequence_OSExpressionGroup',
    OperatorType: 'and',
    Name: name,
    Operands: queries.map((q) => wmi(q, 'root\\cimv2', { IgnoreQueryFailure: true })),
  });
  const osGroup = (...groups: Operand[]): Operand => ({ __CLASS: 'SMS_TaskSequence_OSConditionGroup', OperatorType: 'or', Operands: groups });
  const win11 = group('All x64 Windows 11 and higher Clients', `SELECT OSArchitecture FROM Win32_OperatingSystem WHERE OSArchitecture = '64-bit'`, `SELECT Version FROM Win32_OperatingSystem WHERE Version >= '10.0.22000'`);
  const win7 = group('All x64 Windows 7 Client', `SELECT Version FROM Win32_OperatingSystem WHERE Version LIKE '6.1%'`, 'SELECT * FROM Win32_NoSuchClass');
  assert.equal(evaluateOperand(osGroup(win7, win11), ctx).result, true);
  const t = evaluateOperand(osGroup(win7), ctx);
  assert.equal(t.result, false);
  assert.match(JSON.stringify(t), /ignored: ignoreQueryFailure/);
});

test('an empty or absent condition is true', () => {
  assert.equal(evaluateCondition(undefined, ctx).result, true);
  assert.equal(evaluateCondition(cond(), ctx).result, true);
});

test('condition operands are ANDed', () => {
  assert.equal(evaluateCondition(cond(v('IsLaptop', 'exists'), v('Nope', 'exists')), ctx).result, false);
});

test('the trace carries what each expression saw, and explainFalse says why', () => {
  const t = evaluateCondition(cond(v('IsLaptop', 'exists'), v('OSDComputerName', 'equals', 'LAB01')), ctx);
  const leaf = t.children![1]!;
  assert.deepEqual(leaf.inputs, { variable: 'OSDComputerName', value: 'PC0042', expected: 'LAB01' });
  assert.equal(explainFalse(t), 'OSDComputerName = "LAB01" is false (OSDComputerName is "PC0042")');
  const w = evaluateOperand(wmi(`SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%Latitude%'`), ctx);
  assert.equal((w.inputs as { matchedCount: number }).matchedCount, 1);
  const bad = evaluateOperand(wmi('SELECT FROM'), ctx);
  assert.equal(bad.diagnostic?.code, 'WQL001');
});

// Property-based laws over random conditions (fast-check).
const leaf: fc.Arbitrary<Operand> = fc.oneof(
  fc.tuple(fc.constantFrom('IsLaptop', 'Count', 'Nope', 'OSVersion'), fc.constantFrom('exists', 'notExists', 'equals', 'notEquals', 'less', 'greaterEqual', 'like', 'notLike', 'bogus'), fc.constantFrom('True', '9', '10.0.19041', '*', 'x')).map(([a, b, c]) => v(a, b, c)),
  fc.constantFrom(wmi('SELECT * FROM Win32_Battery'), wmi('SELECT * FROM Win32_Nope'), wmi('not wql'), file('C:\\Windows\\System32\\ntoskrnl.exe'), reg('HKLM\\SOFTWARE\\Contoso\\Agent', 'Level', 'equals', '7')),
);
const operand: fc.Arbitrary<Operand> = fc.letrec<{ o: Operand }>((tie) => ({
  o: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.tuple(fc.constantFrom('and', 'or', 'not'), fc.array(tie('o'), { maxLength: 3 })).map(([t, xs]) => op(t, ...xs))),
})).o;
const ev = (o: Operand): boolean => evaluateOperand(o, ctx).result;
const runs = process.env['CI'] ? 300 : 1000;

test('law: not(not(c)) = c', () => fc.assert(fc.property(operand, (c) => ev(op('not', op('not', c))) === ev(c)), { numRuns: runs }));
test('law: De Morgan, not(a or b) = not(a) and not(b)', () => fc.assert(fc.property(operand, operand, (a, b) => ev(op('not', op('or', a, b))) === ev(op('and', op('not', a), op('not', b)))), { numRuns: runs }));
test('law: De Morgan, not(a and b) = not(a) or not(b)', () => fc.assert(fc.property(operand, operand, (a, b) => ev(op('not', op('and', a, b))) === ev(op('or', op('not', a), op('not', b)))), { numRuns: runs }));
test('law: and / or of one operand is the operand', () => fc.assert(fc.property(operand, (c) => ev(op('and', c)) === ev(c) && ev(op('or', c)) === ev(c)), { numRuns: runs }));
test('law: not of several operands = not of their or', () => fc.assert(fc.property(fc.array(operand, { maxLength: 4 }), (xs) => ev(op('not', ...xs)) === ev(op('not', op('or', ...xs)))), { numRuns: runs }));

test('evaluation never throws, on arbitrary objects and profiles', () => {
  const anyOperand = fc.oneof(
    fc.record({ __CLASS: fc.constantFrom('SMS_TaskSequence_VariableConditionExpression', 'SMS_TaskSequence_WMIConditionExpression', 'SMS_TaskSequence_FileConditionExpression', 'SMS_TaskSequence_FolderConditionExpression', 'SMS_TaskSequence_RegistryConditionExpression', 'SMS_TaskSequence_SoftwareConditionExpression', 'SMS_TaskSequence_OSConditionExpression', 'Nope'), Variable: fc.anything(), Operator: fc.anything(), Value: fc.anything(), Query: fc.string(), Namespace: fc.anything(), Path: fc.anything(), KeyPath: fc.anything(), DateTime: fc.anything(), Version: fc.anything(), DateTimeOperator: fc.anything() }, { requiredKeys: ['__CLASS'] }),
    fc.record({ __CLASS: fc.constant('SMS_TaskSequence_ConditionOperator'), OperatorType: fc.anything(), Operands: fc.constant([]) }),
  ) as fc.Arbitrary<Operand>;
  const anyProfile = fc.record({
    name: fc.constant('random'),
    wmi: fc.dictionary(fc.string(), fc.dictionary(fc.string(), fc.array(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))), { maxLength: 3 }))),
    variables: fc.dictionary(fc.string({ minLength: 1 }), fc.string()),
  }) as fc.Arbitrary<MachineProfile>;
  fc.assert(
    fc.property(anyOperand, anyProfile, (o, p) => {
      const t = evaluateOperand(o, { profile: indexProfile(p), variables: VariableStore.from(p.variables ?? {}) });
      assert.equal(typeof t.result, 'boolean');
    }),
    { numRuns: runs },
  );
});
