/**
 * The machine profiles the project ships (examples/profiles/, tools/sample-output/) and the
 * PowerShell script that writes real ones (tools/Get-TseqMachineProfile.ps1): every shipped profile
 * is valid, broken ones are refused with the place named, and the script's default WMI class list
 * and the example profiles cover every class the corpus's WMI conditions query.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusWmiExpressions, projectRoot } from '../../test/corpus.js';
import { TseqInputError } from '../model/errors.js';
import { indexProfile, parseMachineProfile, type MachineProfile, type ProfileIndex } from './profile.js';
import { compileWql, evaluateWql } from './wql/index.js';

const root = projectRoot();
const examplesDir = join(root, 'examples', 'profiles');
const sampleDir = join(root, 'tools', 'sample-output');
const scriptPath = join(root, 'tools', 'Get-TseqMachineProfile.ps1');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

function loadProfile(path: string): MachineProfile {
  return parseMachineProfile(JSON.parse(readFileSync(path, 'utf8')) as unknown, path);
}

// ---------------------------------------------------------------------------------------------
// The corpus's WMI conditions: namespace and the class of the FROM clause.

interface CorpusQuery {
  readonly file: string;
  readonly namespace: string;
  readonly query: string;
  readonly className: string;
}

function corpusQueries(): CorpusQuery[] {
  return corpusWmiExpressions().expressions.map(({ file, namespace, query }) => {
    const from = /\bfrom\s+([A-Za-z_][A-Za-z0-9_]*)/i.exec(query);
    assert.ok(from, `${file}: no FROM clause in ${query}`);
    return { file, namespace, query, className: from[1]! };
  });
}

/** `root\cimv2`, `ROOT/CIMV2` and `\\.\root\cimv2` are one namespace. */
function nsKey(namespace: string): string {
  return namespace.trim().replace(/\//g, '\\').replace(/^\\\\[^\\]+\\/, '').toLowerCase();
}

function classKey(namespace: string, className: string): string {
  return `${nsKey(namespace)}:${className.toLowerCase()}`;
}

const queries = corpusQueries();
const corpusClasses = new Map<string, { namespace: string; className: string }>();
for (const q of queries) corpusClasses.set(classKey(q.namespace, q.className), { namespace: q.namespace, className: q.className });

// ---------------------------------------------------------------------------------------------
// The script's default class list, read from its text.

const scriptText = readFileSync(scriptPath, 'utf8');

function scriptDefaultClasses(): { namespace: string; className: string }[] {
  const start = scriptText.indexOf('$DefaultWmiClasses = @(');
  assert.ok(start >= 0, 'the script defines $DefaultWmiClasses = @(');
  const end = scriptText.indexOf('\n)', start);
  assert.ok(end > start, '$DefaultWmiClasses ends with ) on a line of its own');
  const body = scriptText.slice(scriptText.indexOf('\n', start) + 1, end);
  const entries: { namespace: string; className: string }[] = [];
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^'([^']+)'$/.exec(line);
    assert.ok(m, `a line of $DefaultWmiClasses that is not one quoted 'namespace:class': ${line}`);
    const spec = m[1]!;
    const at = spec.lastIndexOf(':');
    entries.push(at < 0 ? { namespace: 'root\\cimv2', className: spec } : { namespace: spec.slice(0, at), className: spec.slice(at + 1) });
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------

test('the corpus has WMI conditions to cover (the coverage tests below are not vacuous)', () => {
  assert.ok(queries.length >= 100, `found ${queries.length} WMI condition queries`);
  assert.ok(corpusClasses.size >= 5, `found ${corpusClasses.size} classes`);
  assert.ok(corpusClasses.has(classKey('root\\cimv2\\Security\\MicrosoftTPM', 'Win32_Tpm')), 'the TPM class is queried in its own namespace');
});

test('the three example profiles are there', () => {
  const names = readdirSync(examplesDir).filter((f) => f.endsWith('.json')).sort();
  for (const wanted of ['desktop-fullos.json', 'laptop-fullos.json', 'vm-winpe.json']) assert.ok(names.includes(wanted), `examples/profiles/${wanted}`);
  assert.ok(jsonFiles(sampleDir).length >= 1, 'tools/sample-output holds a sample profile');
});

for (const path of [...jsonFiles(examplesDir), ...jsonFiles(sampleDir)]) {
  const label = path.slice(root.length + 1).replace(/\\/g, '/');
  test(`${label} is a valid machine profile`, () => {
    const profile = loadProfile(path);
    assert.ok(profile.name.length > 0);
  });
}

// ---------------------------------------------------------------------------------------------
// Broken profiles are refused, naming the place.

function refusal(json: unknown): TseqInputError {
  try {
    parseMachineProfile(json, 'broken.json');
  } catch (e) {
    assert.ok(e instanceof TseqInputError, `a TseqInputError, not ${String(e)}`);
    assert.equal(e.code, 'PRF001');
    assert.equal(e.location.file, 'broken.json');
    return e;
  }
  assert.fail('the profile was accepted');
}

test('a profile with an unknown top-level key is refused, naming the key', () => {
  const e = refusal({ name: 'x', colour: 'blue' });
  assert.match(e.message, /\(top level\): unknown key "colour"/);
});

test('a registry value of type REG_FOO is refused, naming the key, value and field', () => {
  const e = refusal({ name: 'x', registry: { 'HKLM\\SOFTWARE\\Contoso': { Version: { type: 'REG_FOO', data: '1' } } } });
  assert.ok(e.message.includes('/registry/HKLM\\SOFTWARE\\Contoso/Version/type'), e.message);
  assert.match(e.message, /must be one of REG_SZ/);
});

test('a file version that is not dotted numbers is refused, naming the file', () => {
  const e = refusal({ name: 'x', files: { 'C:\\Windows\\notepad.exe': { version: 'abc' } } });
  assert.ok(e.message.includes('/files/C:\\Windows\\notepad.exe/version'), e.message);
  assert.match(e.message, /pattern/);
});

test('a profile without a name is refused', () => {
  const e = refusal({ inWinPE: false });
  assert.match(e.message, /\(top level\): must have required property 'name'/);
});

test('a profile with all four mistakes is refused with every place in one message', () => {
  const e = refusal({
    colour: 'blue',
    registry: { 'HKLM\\SOFTWARE\\Contoso': { Version: { type: 'REG_FOO', data: '1' } } },
    files: { 'C:\\Windows\\notepad.exe': { version: 'abc' } },
  });
  for (const part of ["required property 'name'", 'unknown key "colour"', '/registry/HKLM\\SOFTWARE\\Contoso/Version/type', '/files/C:\\Windows\\notepad.exe/version']) {
    assert.ok(e.message.includes(part), `${part} in: ${e.message}`);
  }
});

test('profile errors name a key path with a slash in it as written', () => {
  const e = refusal({ name: 'x', folders: { 'C:/Temp': { modified: 'yesterday' } } });
  assert.ok(e.message.includes('/folders/C:/Temp/modified'), e.message);
});

// ---------------------------------------------------------------------------------------------
// The script.

test("the script's default WMI class list covers every class the corpus's WMI conditions query", () => {
  const defaults = new Set(scriptDefaultClasses().map((c) => classKey(c.namespace, c.className)));
  const missing = [...corpusClasses.entries()].filter(([key]) => !defaults.has(key)).map(([, c]) => `${c.namespace}:${c.className}`);
  assert.deepEqual(missing, [], 'add these to $DefaultWmiClasses in tools/Get-TseqMachineProfile.ps1');
});

test("the script's default WMI class list names each class once, in a namespace", () => {
  const entries = scriptDefaultClasses();
  assert.ok(entries.length >= corpusClasses.size);
  const keys = entries.map((c) => classKey(c.namespace, c.className));
  assert.equal(new Set(keys).size, keys.length, 'no class twice');
  for (const c of entries) {
    assert.match(c.namespace, /^root(\\[A-Za-z0-9_]+)*$/i, `${c.namespace}:${c.className}`);
    assert.match(c.className, /^[A-Za-z_][A-Za-z0-9_]*$/, `${c.namespace}:${c.className}`);
  }
});

test('the script has comment-based help, strict mode, stop on errors and ConvertTo-Json -Depth 8', () => {
  for (const part of ['.SYNOPSIS', '.DESCRIPTION', '.PARAMETER Name', '.PARAMETER TaskSequence', '.PARAMETER OutFile', '.PARAMETER IncludeClass', '.EXAMPLE']) {
    assert.ok(scriptText.includes(part), part);
  }
  assert.match(scriptText, /^Set-StrictMode -Version Latest$/m);
  assert.match(scriptText, /^\$ErrorActionPreference = 'Stop'$/m);
  assert.match(scriptText, /ConvertTo-Json -InputObject \$machineProfile -Depth 8/);
});

test("the sample output has the script's top-level keys in the script's order", () => {
  const m = /\$machineProfile = \[ordered\]@\{([\s\S]*?)\n\}/.exec(scriptText);
  assert.ok(m, 'the script builds $machineProfile as an [ordered] dictionary');
  const scriptKeys = [...m[1]!.matchAll(/^\s*([A-Za-z]+)\s*=/gm)].map((k) => k[1]!);
  assert.deepEqual(scriptKeys, ['name', 'description', 'inWinPE', 'variables', 'wmi', 'registry', 'files', 'folders', 'software']);
  for (const path of jsonFiles(sampleDir)) {
    const sample = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(sample), scriptKeys, path);
    // The script writes only _SMSTSInWinPE, as the engine spells booleans.
    assert.deepEqual(sample['variables'], { _SMSTSInWinPE: sample['inWinPE'] ? 'true' : 'false' });
    // A sample from a real laptop holds every default class.
    const profile = loadProfile(path);
    const index = indexProfile(profile);
    for (const c of scriptDefaultClasses()) assert.ok(index.instancesOf(c.namespace, c.className), `${path}: ${c.namespace}:${c.className}`);
  }
});

// ---------------------------------------------------------------------------------------------
// The example profiles against the corpus's conditions.

const examples = new Map(jsonFiles(examplesDir).map((p) => [p.slice(examplesDir.length + 1), indexProfile(loadProfile(p))]));

function exampleIndex(name: string): ProfileIndex {
  const index = examples.get(name);
  assert.ok(index, name);
  return index;
}

function answer(index: ProfileIndex, namespace: string, query: string): boolean {
  const parsed = compileWql(query);
  assert.ok(parsed.ok, query);
  const result = evaluateWql(parsed.query, (cls) => index.instancesOf(namespace, cls));
  assert.equal(result.error, undefined, `${query}: ${result.error?.message ?? ''}`);
  return result.matched.length > 0;
}

test('each example profile holds every class the corpus queries, and every corpus query evaluates on it without error', () => {
  for (const [name, index] of examples) {
    for (const c of corpusClasses.values()) {
      assert.ok(index.hasNamespace(c.namespace), `${name}: namespace ${c.namespace}`);
      assert.ok(index.instancesOf(c.namespace, c.className), `${name}: class ${c.namespace}:${c.className}`);
    }
    for (const q of queries) answer(index, q.namespace, q.query);
  }
});

test('corpus conditions see the example machines as what they are', () => {
  const desktop = exampleIndex('desktop-fullos.json');
  const laptop = exampleIndex('laptop-fullos.json');
  const vm = exampleIndex('vm-winpe.json');
  const all = new Set(queries.map((q) => q.query));
  const cimv2 = (index: ProfileIndex, query: string): boolean => {
    assert.ok(all.has(query), `not in the corpus: ${query}`);
    return answer(index, 'root\\cimv2', query);
  };
  const expect = (query: string, d: boolean, l: boolean, v: boolean): void => {
    assert.deepEqual([cimv2(desktop, query), cimv2(laptop, query), cimv2(vm, query)], [d, l, v], query);
  };
  expect('Select * from Win32_ComputerSystem where PCSystemType = "2"', false, true, false);
  expect('Select * from Win32_ComputerSystem where PCSystemType= "3" or PCSystemType= "1" or PCSystemType= "6"', true, false, true);
  expect('select * from Win32_ComputerSystem where Model like "Virtual Machine"', false, false, true);
  expect('Select * From Win32_ComputerSystem WHERE Manufacturer LIKE "%DELL%"', true, false, false);
  expect('Select * From Win32_ComputerSystem WHERE Manufacturer LIKE "%HP%"', false, true, false);
  expect('Select * From Win32_ComputerSystem WHERE Manufacturer LIKE "%Microsoft%"', false, false, true);
  expect('Select * from Win32_Battery where BatteryStatus != 2', false, false, false);
  expect("SELECT * FROM Win32_OperatingSystem WHERE OSArchitecture like '64%'", true, true, true);
  expect("SELECT * FROM Win32_OperatingSystem WHERE Version like '[1-9][0-9].%' AND OSType=18 AND ProductType=1", true, true, true);
  expect("SELECT * FROM Win32_OperatingSystem WHERE Version like '6.1%' AND OSType=18 AND ProductType=1", false, false, false);
  expect("select * from Win32_LogicalDisk where DriveType=3 and DeviceID != 'X:'", true, true, false);
  expect("select * from Win32_DiskPartition where DiskIndex = 0 and Type<>'Installable File System' and Type<>'NTFS'", true, true, false);
  expect("select __relpath from win32_process where caption = 'explorer.exe'", true, true, false);
  for (const index of [desktop, laptop, vm]) assert.ok(answer(index, 'root\\cimv2\\Security\\MicrosoftTPM', 'select * from Win32_TPM'));
});

test('the example profiles are the machines their names say', () => {
  const os = (index: ProfileIndex) => index.instancesOf('root\\cimv2', 'Win32_OperatingSystem')?.[0];
  const expected: [string, string, string, boolean][] = [
    ['desktop-fullos.json', '10.0.22631', '22631', false],
    ['laptop-fullos.json', '10.0.19045', '19045', false],
    ['vm-winpe.json', '10.0.22621', '22621', true],
  ];
  for (const [name, version, build, inWinPE] of expected) {
    const index = exampleIndex(name);
    assert.equal(os(index)?.['Version'], version, name);
    assert.equal(os(index)?.['BuildNumber'], build, `${name}: BuildNumber is a string, as WMI gives it`);
    assert.equal(os(index)?.['OSArchitecture'], '64-bit', name);
    assert.equal(index.profile.inWinPE ?? false, inWinPE, name);
    assert.equal(String(index.profile.variables?.['_SMSTSInWinPE']).toLowerCase(), String(inWinPE), `${name}: _SMSTSInWinPE agrees with inWinPE`);
    const cs = index.instancesOf('root\\cimv2', 'Win32_ComputerSystem')?.[0];
    assert.equal(typeof cs?.['TotalPhysicalMemory'], 'number', `${name}: TotalPhysicalMemory is a number`);
    const enclosure = index.instancesOf('root\\cimv2', 'Win32_SystemEnclosure')?.[0];
    assert.ok(Array.isArray(enclosure?.['ChassisTypes']), `${name}: ChassisTypes is an array`);
  }
  const laptop = exampleIndex('laptop-fullos.json');
  assert.deepEqual(laptop.instancesOf('root\\cimv2', 'Win32_SystemEnclosure')?.[0]?.['ChassisTypes'], [10]);
  assert.equal(laptop.instancesOf('root\\cimv2', 'Win32_Battery')?.length, 1);
  assert.equal(laptop.profile.variables?.['IsLaptop'], 'True');
  assert.equal(laptop.instancesOf('root\\cimv2\\Security\\MicrosoftTPM', 'Win32_Tpm')?.[0]?.['SpecVersion'], '2.0, 0, 1.59');
  const desktop = exampleIndex('desktop-fullos.json');
  assert.equal(desktop.instancesOf('root\\cimv2', 'Win32_Battery')?.length, 0, 'a desktop has the class and no battery');
  assert.equal(desktop.file('C:\\Windows\\System32\\ntoskrnl.exe')?.version, '10.0.22621.3296');
  assert.ok(desktop.software.length >= 2 && desktop.software.every((s) => s.productCode && s.upgradeCode));
  const vm = exampleIndex('vm-winpe.json');
  assert.equal(vm.software.length, 0);
  assert.ok(vm.registryKey('HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\MiniNT'), 'WinPE has the MiniNT key');
  assert.ok(vm.file('x:\\sms\\bin\\X64\\cmtrace.exe'), 'the boot image has CMTrace where the corpus looks for it');
});
