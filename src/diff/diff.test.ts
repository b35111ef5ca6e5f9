import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { corpusDir, corpusDocuments, readCorpusBytes } from '../../test/corpus.js';
import type { Document, TaskSequence } from '../model/node.js';
import { sequenceOf } from '../model/node.js';
import { describeWmiQuery } from '../conditions/index.js';
import { readDocument } from '../xml/index.js';
import { diffDocuments, diffSequences, type Change } from './diff.js';
import { formatChanges } from './format.js';
import { lcsPairs, longestIncreasing } from './lcs.js';
import { decodeInlineScript, encodeInlineScript, unifiedDiff } from './script.js';

// ---------------------------------------------------------------------------------------------
// Helpers

function corpusDoc(file: string): Document {
  return readDocument(readFileSync(join(corpusDir(), file)), { file }).document;
}

/** A bare sequence from the steps' XML. */
function seq(body: string, version = '3.10'): TaskSequence {
  return sequenceOf(readDocument(`<sequence version="${version}">${body}</sequence>`).document);
}

const cmd = (name: string, line: string, attrs = ''): string =>
  `<step type="SMS_TaskSequence_RunCommandLineAction" name="${name}" description="" runIn="WinPEandFullOS" successCodeList="0 3010"${attrs}><action>smsswd.exe /run: ${line}</action><defaultVarList><variable name="CommandLine" property="CommandLine" hidden="true">${line}</variable></defaultVarList></step>`;
const group = (name: string, inner: string, attrs = ''): string => `<group name="${name}" description=""${attrs}>${inner}</group>`;
const varCondition = (variable: string, op: string, value: string): string =>
  `<condition><expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">${op}</variable><variable name="Value">${value}</variable><variable name="Variable">${variable}</variable></expression></condition>`;

/** The short form the assertions compare: kind, paths, and the property when there is one. */
function brief(c: Change): string {
  return [c.kind, c.pathBefore ?? '-', c.pathAfter ?? '-', c.property ?? ''].filter((x) => x !== '').join(' ');
}

// ---------------------------------------------------------------------------------------------
// Same documents, same containers

test('every corpus document against itself, read twice, has no changes', () => {
  const docs = corpusDocuments();
  assert.ok(docs.length > 100, 'the corpus is there');
  for (const entry of docs) {
    const a = readDocument(readCorpusBytes(entry), { file: entry.file }).document;
    const b = readDocument(readCorpusBytes(entry), { file: entry.file }).document;
    assert.deepEqual(diffDocuments(a, b), [], entry.file);
  }
});

test('the same task sequence as a bare <sequence> and inside its object.xml: no changes', () => {
  const bare = corpusDoc('configmgr/forevanyeung-rsc002a6-extracted.xml');
  const pkg = corpusDoc('configmgr/forevanyeung-task-sequence-1-object.xml');
  assert.equal(pkg.__CLASS, 'SMS_TaskSequencePackage');
  assert.deepEqual(diffDocuments(bare, pkg), []);
  assert.deepEqual(diffDocuments(pkg, bare), []);
});

// ---------------------------------------------------------------------------------------------
// Real versions of one another (hand-checked against the files)

test('MDT 8443 → 8456 Standard Client template: only "Apply Patches" added at 6/4', () => {
  const changes = diffDocuments(corpusDoc('mdt/keithga-mdt8443-client.xml'), corpusDoc('mdt/keithga-mdt8456-client.xml'));
  assert.deepEqual(changes, [{ kind: 'added', class: 'BDD_InstallUpdatesOffline', pathAfter: '6/4', nameAfter: 'Apply Patches' }]);
});

test('MDT 2013 → 8456 Standard Client: the BIOS partition step renamed and given a condition, a UEFI one added', () => {
  const changes = diffDocuments(corpusDoc('mdt/keithga-mdt2013-client.xml'), corpusDoc('mdt/keithga-mdt8456-client.xml'));
  const briefs = changes.map(brief);
  assert.deepEqual(
    briefs.filter((b) => !b.startsWith('property 4/2/2')),
    ['renamed 4/2/2 4/2/2', 'condition 4/2/2 4/2/2', 'added - 4/2/3', 'added - 6/4', 'condition 7/14/3/4 7/14/3/4'],
  );
  const renamed = changes.find((c) => c.kind === 'renamed')!;
  assert.equal(renamed.nameBefore, 'Format and Partition Disk');
  assert.equal(renamed.nameAfter, 'Format and Partition Disk (BIOS)');
  const partitions = changes.find((c) => c.property === 'Partitions')!;
  assert.equal((partitions.old as unknown[]).length, 1);
  assert.equal((partitions.new as unknown[]).length, 3);
  const biosCondition = changes.find((c) => c.kind === 'condition' && c.pathAfter === '4/2/2')!;
  assert.equal(biosCondition.old, '');
  assert.equal(biosCondition.new, 'IsUEFI <> "True"');
  assert.deepEqual(biosCondition.expressionsAdded, ['IsUEFI <> "True"']);
  const bcd = changes.find((c) => c.kind === 'condition' && c.pathAfter === '7/14/3/4')!;
  assert.equal(bcd.nameAfter, 'Apply Windows PE (BCD)');
  assert.deepEqual([bcd.old, bcd.new, bcd.expressionsRemoved, bcd.expressionsAdded], ['ImageBuild >= 6', '', ['ImageBuild >= 6'], []]);
});

test('a deployment share x64 → x86 sequence: package choices changed, four steps removed', () => {
  const changes = diffDocuments(corpusDoc('mdt/dansonnenburg-captureshare-w81ex64.xml'), corpusDoc('mdt/dansonnenburg-captureshare-w81ex86.xml'));
  assert.deepEqual(changes.map(brief), [
    'property 4/8 4/8 PackageSelectionProfile',
    'property 5/1 5/1 OSGUID',
    'property 7/8 7/8 ApplicationGUID',
    'removed 7/9 -',
    'removed 7/11 -',
    'removed 7/12 -',
    'removed 7/15/2 -',
  ]);
  assert.deepEqual([changes[0]!.old, changes[0]!.new], ['Windows 8.1. x64', 'Nothing']);
  assert.equal(changes[3]!.nameBefore, 'Install Surface App');
  assert.equal(changes[6]!.nameBefore, 'Action - WSUS Factory Reset');
});

test('PSD client 2020 → 2022: Gather added first, driver variables reworked', () => {
  const changes = diffDocuments(corpusDoc('mdt/friendsofmdt-psd-psdclient-hist-20200713.xml'), corpusDoc('mdt/friendsofmdt-psd-psdclient-hist-20220919.xml'));
  assert.ok(changes.some((c) => c.kind === 'added' && c.pathAfter === '1/1' && c.nameAfter === 'Gather'));
  assert.ok(changes.some((c) => c.kind === 'removed' && c.nameBefore === 'Set DriverGroup001'));
  for (const name of ['Set DriverPath', 'Set GenericDriverPath', 'Set FallBackDriverPath']) assert.ok(changes.some((c) => c.kind === 'added' && c.nameAfter === name), name);
});

test('ConfigMgr 2007 MDT client → client replace: package renamed, failure group renamed, BitLocker step moved and changed', () => {
  const changes = diffDocuments(corpusDoc('configmgr/keithga-mdt-8443-sccm-client.xml'), corpusDoc('configmgr/keithga-mdt-8443-sccm-clientreplace.xml'));
  const name = changes.find((c) => c.pathAfter === '' && c.property === 'Name')!;
  assert.equal(name.class, 'SMS_TaskSequencePackage');
  assert.deepEqual([name.old, name.new], ['Client Task Sequence', 'Client Replace Task Sequence']);
  const renamed = changes.find((c) => c.kind === 'renamed' && c.class === 'SMS_TaskSequence_Group')!;
  assert.deepEqual([renamed.pathBefore, renamed.pathAfter, renamed.nameBefore, renamed.nameAfter], ['3', '2', 'Gather Logs and StateStore on Failure', 'Gather Logs on Failure']);
  // Its old group 2 went; group 3 did not move: it is 2 now because 2 went.
  assert.ok(changes.some((c) => c.kind === 'removed' && c.pathBefore === '2' && c.nameBefore === 'Cancelled Wizard Group'));
  assert.ok(!changes.some((c) => c.kind === 'moved' && c.pathBefore === '3'));
  const bitlocker = changes.filter((c) => c.nameAfter === 'Disable BitLocker');
  assert.deepEqual(bitlocker.map(brief), ['moved 1/3/3 1/6/1', 'property 1/3/3 1/6/1 ContinueOnError', 'condition 1/3/3 1/6/1']);
  assert.deepEqual([bitlocker[1]!.old, bitlocker[1]!.new], [false, true]);
  assert.equal(bitlocker[0]!.note, 'from group "State Capture" to group "Backup Computer"');
  assert.deepEqual(bitlocker[2]!.expressionsRemoved, ['OSDBitLockerStatus = "Protected"', 'IsBDE = "True"']);
  assert.deepEqual(bitlocker[2]!.expressionsAdded, ['OSCurrentVersion >= 6']);
});

// ---------------------------------------------------------------------------------------------
// Each kind of change on a crafted pair

const BASE = group('Prepare', cmd('Echo', 'cmd /c echo hi') + cmd('Dir', 'cmd /c dir')) + group('Install', cmd('Setup', 'setup.exe /q'));

test('added and removed', () => {
  const added = diffSequences(seq(BASE), seq(group('Prepare', cmd('Echo', 'cmd /c echo hi') + cmd('New', 'new.exe') + cmd('Dir', 'cmd /c dir')) + group('Install', cmd('Setup', 'setup.exe /q'))));
  assert.deepEqual(added, [{ kind: 'added', class: 'SMS_TaskSequence_RunCommandLineAction', pathAfter: '1/2', nameAfter: 'New' }]);
  const removed = diffSequences(seq(BASE), seq(group('Prepare', cmd('Echo', 'cmd /c echo hi')) + group('Install', cmd('Setup', 'setup.exe /q'))));
  assert.deepEqual(removed, [{ kind: 'removed', class: 'SMS_TaskSequence_RunCommandLineAction', pathBefore: '1/2', nameBefore: 'Dir' }]);
});

test('a step inserted before others shifts their paths without moving them', () => {
  const changes = diffSequences(seq(BASE), seq(cmd('First', 'first.exe') + BASE));
  assert.deepEqual(changes.map(brief), ['added - 1']);
});

test('a removed group removes its steps, each reported where it was', () => {
  const changes = diffSequences(seq(BASE), seq(group('Install', cmd('Setup', 'setup.exe /q'))));
  assert.deepEqual(changes.map(brief), ['removed 1 -', 'removed 1/1 -', 'removed 1/2 -']);
});

test('moved to another group, and reordered within one', () => {
  const toGroup = diffSequences(seq(BASE), seq(group('Prepare', cmd('Echo', 'cmd /c echo hi')) + group('Install', cmd('Dir', 'cmd /c dir') + cmd('Setup', 'setup.exe /q'))));
  assert.deepEqual(toGroup.map(brief), ['moved 1/2 2/1']);
  assert.equal(toGroup[0]!.note, 'from group "Prepare" to group "Install"');
  const reordered = diffSequences(seq(BASE), seq(group('Prepare', cmd('Dir', 'cmd /c dir') + cmd('Echo', 'cmd /c echo hi')) + group('Install', cmd('Setup', 'setup.exe /q'))));
  assert.equal(reordered.length, 1);
  assert.equal(reordered[0]!.kind, 'moved');
  assert.equal(reordered[0]!.note, 'reordered within group "Prepare"');
  // A moved group carries its steps: only the group moved.
  const groupMoved = diffSequences(seq(BASE), seq(group('Install', cmd('Setup', 'setup.exe /q') + group('Prepare', cmd('Echo', 'cmd /c echo hi') + cmd('Dir', 'cmd /c dir')))));
  assert.deepEqual(groupMoved.map(brief), ['moved 1 1/2']);
});

test('renamed: same class at the same place; a replaced step is removed and added', () => {
  const renamed = diffSequences(seq(BASE), seq(group('Prepare', cmd('Say hello', 'cmd /c echo hi') + cmd('Dir', 'cmd /c dir')) + group('Install', cmd('Setup', 'setup.exe /q'))));
  assert.deepEqual(renamed, [
    { kind: 'renamed', class: 'SMS_TaskSequence_RunCommandLineAction', pathBefore: '1/1', pathAfter: '1/1', nameBefore: 'Echo', nameAfter: 'Say hello' },
  ]);
  const renamedGroup = diffSequences(seq(BASE), seq(group('Prepare', cmd('Echo', 'cmd /c echo hi') + cmd('Dir', 'cmd /c dir')) + group('Install Windows', cmd('Setup', 'setup.exe /q'))));
  assert.deepEqual(renamedGroup.map(brief), ['renamed 2 2']);
  // Other name and other command: not the same step.
  const replaced = diffSequences(seq(BASE), seq(group('Prepare', cmd('Format', 'format.exe c:') + cmd('Dir', 'cmd /c dir')) + group('Install', cmd('Setup', 'setup.exe /q'))));
  assert.deepEqual(replaced.map(brief), ['removed 1/1 -', 'added - 1/1']);
  // Renamed and edited a little (two settings of three kept): a rename with a property change.
  const renamedEdited = diffSequences(
    seq(cmd('Echo', 'cmd /c echo hi', ' timeout="60" continueOnError="true"')),
    seq(cmd('Say hi', 'cmd /c echo hi', ' timeout="90" continueOnError="true"')),
  );
  assert.deepEqual(renamedEdited.map(brief), ['renamed 1 1', 'property 1 1 Timeout']);
});

test('enabled and disabled', () => {
  const off = seq(cmd('Echo', 'cmd /c echo hi', ' disable="true"'));
  const on = seq(cmd('Echo', 'cmd /c echo hi'));
  assert.deepEqual(diffSequences(on, off).map((c) => c.kind), ['disabled']);
  assert.deepEqual(diffSequences(off, on).map((c) => c.kind), ['enabled']);
  // disable="false" written out is the same as no attribute (MDT writes it, REFERENCE.md §10).
  assert.deepEqual(diffSequences(on, seq(cmd('Echo', 'cmd /c echo hi', ' disable="false"'))), []);
});

test('property changes: catalog properties, ContinueOnError, unknown properties, the sequence itself', () => {
  const before = seq(cmd('Echo', 'cmd /c echo hi'), '3.00');
  const after = sequenceOf(readDocument(`<sequence version="3.10"><step type="SMS_TaskSequence_RunCommandLineAction" name="Echo" description="says hi" continueOnError="true" runIn="WinPEandFullOS" successCodeList="0 3010"><action>smsswd.exe /run: cmd /c echo hello</action><defaultVarList><variable name="CommandLine" property="CommandLine" hidden="true">cmd /c echo hello</variable><variable name="X_Custom" property="X_Custom">1</variable></defaultVarList></step></sequence>`).document);
  const changes = diffSequences(before, after);
  assert.deepEqual(changes.map(brief), [
    'property SchemaVersion',
    'property 1 1 Description',
    'property 1 1 ContinueOnError',
    'property 1 1 CommandLine',
    'property 1 1 Action',
    'property 1 1 X_Custom',
  ]);
  assert.deepEqual(changes[0], { kind: 'property', class: 'SMS_TaskSequence', pathBefore: '', pathAfter: '', property: 'SchemaVersion', old: '3.00', new: '3.10' });
  assert.deepEqual([changes[1]!.old, changes[1]!.new], [undefined, 'says hi']);
  assert.deepEqual([changes[2]!.old, changes[2]!.new], [false, true]);
  assert.deepEqual([changes[3]!.old, changes[3]!.new], ['cmd /c echo hi', 'cmd /c echo hello']);
  assert.deepEqual([changes[5]!.old, changes[5]!.new], [undefined, '1']);
});

test('values that mean the same are not changes: defaults, empty values, operator case, untyped MDT steps', () => {
  // successCodeList absent is the class default 0 3010; startIn="" is unset.
  assert.deepEqual(
    diffSequences(seq(cmd('Echo', 'cmd /c echo hi')), seq(cmd('Echo', 'cmd /c echo hi').replace(' successCodeList="0 3010"', ' startIn=""'))),
    [],
  );
  // Operators are read case-insensitively.
  assert.deepEqual(
    diffSequences(seq(group('G', '', '') .replace('</group>', varCondition('X', 'equals', '1') + '</group>')), seq(group('G', '').replace('</group>', varCondition('X', 'Equals', '1') + '</group>'))),
    [],
  );
  // An untyped MDT step and a typed one holding only the <action> line run the same command.
  assert.deepEqual(
    diffSequences(
      seq('<step name="Next Phase" description="" startIn=""><action>cscript.exe ZTINextPhase.wsf</action></step>'),
      seq('<step type="SMS_TaskSequence_RunCommandLineAction" name="Next Phase" description="" startIn=""><action>cscript.exe ZTINextPhase.wsf</action></step>'),
    ),
    [],
  );
});

test('condition changes: both conditions in words, and which expressions changed', () => {
  const a = seq(`<step type="SMS_TaskSequence_RunCommandLineAction" name="Drivers" description="">${varCondition('IsLaptop', 'equals', 'True')}<action>x</action></step>`);
  const b = seq(
    `<step type="SMS_TaskSequence_RunCommandLineAction" name="Drivers" description=""><condition><expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">equals</variable><variable name="Value">True</variable><variable name="Variable">IsLaptop</variable></expression><expression type="SMS_TaskSequence_WMIConditionExpression"><variable name="Namespace">root\\cimv2</variable><variable name="Query">SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%Latitude%'</variable></expression></condition><action>x</action></step>`,
  );
  const [c, ...rest] = diffSequences(a, b);
  assert.equal(rest.length, 0);
  assert.equal(c!.kind, 'condition');
  assert.equal(c!.old, 'IsLaptop = "True"');
  // WMI queries in the words `tseq show` uses (Class.Property like '…').
  const wmi = describeWmiQuery("SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%Latitude%'", 'root\\cimv2');
  assert.match(wmi, /^Win32_ComputerSystem\.Model like .%Latitude%.$/);
  assert.equal(c!.new, `IsLaptop = "True" and ${wmi}`);
  assert.deepEqual(c!.expressionsRemoved, []);
  assert.deepEqual(c!.expressionsAdded, [wmi]);
  // Removing the condition altogether.
  const gone = diffSequences(b, seq('<step type="SMS_TaskSequence_RunCommandLineAction" name="Drivers" description=""><action>x</action></step>'));
  assert.equal(gone[0]!.new, '');
  assert.equal(gone[0]!.expressionsRemoved!.length, 2);
  // Same expressions, other operator: the words change, no expression does.
  const or = seq(`<step type="SMS_TaskSequence_RunCommandLineAction" name="Drivers" description=""><condition><operator type="or">${varCondition('A', 'exists', '').replace(/<\/?condition>/g, '')}${varCondition('B', 'exists', '').replace(/<\/?condition>/g, '')}</operator></condition><action>x</action></step>`);
  const and = seq(`<step type="SMS_TaskSequence_RunCommandLineAction" name="Drivers" description=""><condition><operator type="and">${varCondition('A', 'exists', '').replace(/<\/?condition>/g, '')}${varCondition('B', 'exists', '').replace(/<\/?condition>/g, '')}</operator></condition><action>x</action></step>`);
  const op = diffSequences(or, and);
  assert.deepEqual([op[0]!.old, op[0]!.new, op[0]!.expressionsRemoved, op[0]!.expressionsAdded], ['(A exists or B exists)', '(A exists and B exists)', [], []]);
});

test('package properties are sequence-level property changes', () => {
  const pkg = (name: string, description: string): Document =>
    readDocument(`<SmsTaskSequencePackage><PackageID>ABC00001</PackageID><Name>${name}</Name><Description>${description}</Description><SequenceData><sequence version="3.10">${BASE}</sequence></SequenceData></SmsTaskSequencePackage>`).document;
  const changes = diffDocuments(pkg('Windows 11', 'old'), pkg('Windows 11 23H2', 'new'));
  assert.deepEqual(changes, [
    { kind: 'property', class: 'SMS_TaskSequencePackage', pathBefore: '', pathAfter: '', property: 'Name', old: 'Windows 11', new: 'Windows 11 23H2' },
    { kind: 'property', class: 'SMS_TaskSequencePackage', pathBefore: '', pathAfter: '', property: 'Description', old: 'old', new: 'new' },
  ]);
});

// ---------------------------------------------------------------------------------------------
// Secrets

test('secret properties never show their values, in the changes or the text', () => {
  const withPassword = (password: string, pin: string): TaskSequence =>
    seq(
      `<step type="SMS_TaskSequence_RunCommandLineAction" name="As admin" description=""><action>x</action><defaultVarList><variable name="CommandLine" property="CommandLine">x</variable><variable name="SMSTSRunCommandLineUserName" property="UserName">CONTOSO\\svc</variable><variable name="SMSTSRunCommandLineUserPassword" property="UserPassword">${password}</variable></defaultVarList></step>` +
        `<step type="Contoso_CustomAction" name="Custom" description=""><action>custom.exe</action><defaultVarList><variable name="VaultPassword" property="VaultPassword">${pin}</variable></defaultVarList></step>`,
    );
  const changes = diffSequences(withPassword('Hunter2-old', 'vault-old'), withPassword('Hunter2-new', 'vault-new'));
  assert.deepEqual(changes.map(brief), ['property 1 1 UserPassword', 'property 2 2 VaultPassword']);
  for (const c of changes) {
    assert.equal(c.old, '(secret)');
    assert.equal(c.new, '(secret)');
    assert.match(c.note!, /secret/);
  }
  const printed = JSON.stringify(changes) + formatChanges(changes);
  for (const secret of ['Hunter2', 'vault-old', 'vault-new']) assert.ok(!printed.includes(secret), secret);
  assert.match(formatChanges(changes), /~ UserPassword: changed \(a secret: values not shown\)/);
  // Set where it was empty: still not shown.
  const set = diffSequences(withPassword('', ''), withPassword('Hunter2-new', 'vault-new'));
  assert.ok(!JSON.stringify(set).includes('Hunter2') && !JSON.stringify(set).includes('vault'));
  // The same secret is no change.
  assert.deepEqual(diffSequences(withPassword('same', 'same'), withPassword('same', 'same')), []);
});

test('a hidden Set Task Sequence Variable value is masked, and so is the <action> line that quotes it', () => {
  const setVar = (value: string): TaskSequence =>
    seq(
      `<step type="SMS_TaskSequence_SetVariableAction" name="License" description=""><action>tsenv.exe "TurboLicense=${value}" /hiddenflag:True</action><defaultVarList><variable name="DoNotShowVariableValue" property="DoNotShowVariableValue" hidden="true">true</variable><variable name="VariableName" property="VariableName" hidden="true">TurboLicense</variable><variable name="VariableValue" property="VariableValue" hidden="true">${value}</variable></defaultVarList></step>`,
    );
  const changes = diffSequences(setVar('AAAA-1111'), setVar('BBBB-2222'));
  assert.deepEqual(changes.map(brief), ['property 1 1 VariableValue', 'property 1 1 Action']);
  const printed = JSON.stringify(changes) + formatChanges(changes);
  assert.ok(!printed.includes('AAAA') && !printed.includes('BBBB'), printed);
  const open = (value: string): TaskSequence => ({ ...setVar(value), Steps: [{ ...setVar(value).Steps[0]!, DoNotShowVariableValue: false }] });
  // Hidden on one side only: still masked.
  assert.ok(!JSON.stringify(diffSequences(setVar('AAAA-1111'), open('BBBB-2222'))).includes('BBBB'));
  // Shown when neither side hides it.
  assert.ok(JSON.stringify(diffSequences(open('AAAA-1111'), open('BBBB-2222'))).includes('BBBB-2222'));
});

// ---------------------------------------------------------------------------------------------
// Inline PowerShell scripts

const psStep = (script: string): string =>
  `<step type="SMS_TaskSequence_RunPowerShellScriptAction" name="Script" description=""><action>OSDRunPowerShellScript.exe</action><defaultVarList><variable name="OSDRunPowerShellScriptExecutionPolicy" property="ExecutionPolicy">Bypass</variable><variable name="OSDRunPowerShellScriptSourceScript" property="SourceScript">${script}</variable></defaultVarList></step>`;

test('an inline PowerShell script is compared as decoded text, with a unified line diff', () => {
  const before = ['param($Name)', '$ErrorActionPreference = "Stop"', 'Write-Output "Hello $Name"', 'Get-Date', 'exit 0'].join('\r\n');
  const after = ['param($Name)', '$ErrorActionPreference = "Stop"', 'Write-Output "Hi $Name"', 'Get-Date', 'Start-Sleep 5', 'exit 0'].join('\r\n');
  const changes = diffSequences(seq(psStep(encodeInlineScript(before))), seq(psStep(encodeInlineScript(after))));
  assert.equal(changes.length, 1);
  const c = changes[0]!;
  assert.deepEqual([c.kind, c.property, c.old, c.new], ['property', 'SourceScript', before, after]);
  assert.deepEqual(c.scriptDiff, [
    '@@ -1,5 +1,6 @@',
    ' param($Name)',
    ' $ErrorActionPreference = "Stop"',
    '-Write-Output "Hello $Name"',
    '+Write-Output "Hi $Name"',
    ' Get-Date',
    '+Start-Sleep 5',
    ' exit 0',
  ]);
  const text = formatChanges(changes);
  assert.match(text, /~ SourceScript \(inline script\):\n\s+@@ -1,5 \+1,6 @@\n/);
  assert.match(text, /^\s+-Write-Output "Hello \$Name"$/m);
  assert.match(text, /^\s+\+Start-Sleep 5$/m);
  // The same script in another encoding (no BOM, UTF-8) is no change.
  assert.deepEqual(diffSequences(seq(psStep(encodeInlineScript(before))), seq(psStep(Buffer.from(before, 'utf8').toString('base64')))), []);
});

test('the corpus inline script decodes to PowerShell, and the diff shows one changed line of it', () => {
  const doc = corpusDoc('configmgr/forevanyeung-rsc002a6-extracted.xml');
  const s = sequenceOf(doc);
  const group1 = s.Steps[0] as unknown as { Steps: readonly Record<string, unknown>[] };
  const step = group1.Steps[1]!;
  assert.equal(step['Name'], 'Run PowerShell Script - Source');
  const text = decodeInlineScript(step['SourceScript'])!;
  assert.ok(text.length > 0);
  const lines = text.split(/\r\n|\n|\r/);
  const edited = [...lines.slice(0, -1), lines[lines.length - 1] + ' # edited'].join('\r\n');
  const editedStep = { ...step, SourceScript: encodeInlineScript(edited) };
  const editedSeq = { ...s, Steps: [{ ...group1, Steps: group1.Steps.map((x, i) => (i === 1 ? editedStep : x)) }, ...s.Steps.slice(1)] } as unknown as TaskSequence;
  const changes = diffSequences(s, editedSeq);
  assert.deepEqual(changes.map(brief), ['property 1/2 1/2 SourceScript']);
  const diff = changes[0]!.scriptDiff!;
  assert.equal(diff.filter((l) => l.startsWith('-') ).length, 1);
  assert.equal(diff.filter((l) => l.startsWith('+')).length, 1);
  assert.ok(diff.some((l) => l.startsWith('+') && l.endsWith(' # edited')));
});

test('unifiedDiff: hunks with three lines of context, merged when close, empty for equal texts', () => {
  const a = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
  const b = a.map((l, i) => (i === 1 || i === 17 ? l + '!' : l));
  assert.deepEqual(unifiedDiff(a, a), []);
  const d = unifiedDiff(a, b);
  assert.deepEqual(d.filter((l) => l.startsWith('@@')), ['@@ -1,5 +1,5 @@', '@@ -15,6 +15,6 @@']);
  assert.deepEqual(unifiedDiff([], ['a', 'b']), ['@@ -0,0 +1,2 @@', '+a', '+b']);
  assert.deepEqual(unifiedDiff(['a'], []), ['@@ -1 +0,0 @@', '-a']);
});

test('lcsPairs and longestIncreasing', () => {
  assert.deepEqual(lcsPairs(['a', 'b', 'c', 'd'], ['a', 'c', 'd', 'b']), [[0, 0], [2, 1], [3, 2]]);
  assert.deepEqual(lcsPairs(['x', 'x'], ['x']), [[0, 0]]);
  assert.deepEqual(lcsPairs([], ['a']), []);
  const a = 'the quick brown fox jumps over the lazy dog'.split(' ');
  const b = 'a quick brown dog jumps over the fox'.split(' ');
  const pairs = lcsPairs(a, b);
  assert.equal(pairs.length, 5);
  for (const [i, j] of pairs) assert.equal(a[i], b[j]);
  assert.deepEqual(longestIncreasing([3, 0, 1, 5, 2]), [1, 2, 4]);
  assert.deepEqual(longestIncreasing([]), []);
});

test('lcsPairs finds a longest common subsequence (against the textbook dynamic programme)', () => {
  const lcsLength = (a: readonly string[], b: readonly string[]): number => {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let i = 1; i <= a.length; i++) {
      let diag = 0;
      for (let j = 1; j <= b.length; j++) {
        const up = row[j]!;
        row[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(row[j]!, row[j - 1]!);
        diag = up;
      }
    }
    return row[b.length]!;
  };
  const list = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 });
  fc.assert(
    fc.property(list, list, (a, b) => {
      const pairs = lcsPairs(a, b);
      assert.equal(pairs.length, lcsLength(a, b));
      pairs.forEach(([i, j], k) => {
        assert.equal(a[i], b[j]);
        if (k > 0) assert.ok(i > pairs[k - 1]![0] && j > pairs[k - 1]![1]);
      });
    }),
    { numRuns: process.env['CI'] ? 200 : 500 },
  );
});

// ---------------------------------------------------------------------------------------------
// Text

test('formatChanges: one heading per step, indented by depth, its changes under it', () => {
  const before = seq(BASE + cmd('Last', 'last.exe'));
  const after = seq(group('Prepare', cmd('Say hello', 'cmd /c echo hi', ' disable="true"')) + group('Install', cmd('Dir', 'cmd /c dir') + cmd('Setup', 'setup.exe /quiet')) + cmd('Added', 'added.exe'));
  const text = formatChanges(diffSequences(before, after));
  assert.equal(
    text,
    [
      '  ~ 1/1  Say hello  (Run Command Line)',
      '        renamed "Echo" → "Say hello"',
      '        disabled (was enabled)',
      '  ~ 2/1  Dir  (Run Command Line)',
      '        > moved from 1/2 to 2/1 (from group "Prepare" to group "Install")',
      '  ~ 2/2  Setup  (Run Command Line)',
      '        ~ CommandLine: "setup.exe /q" → "setup.exe /quiet"',
      '        ~ Action: "smsswd.exe /run: setup.exe /q" → "smsswd.exe /run: setup.exe /quiet"',
      '- 3  Last  (Run Command Line)',
      '+ 3  Added  (Run Command Line)',
      '',
    ].join('\n'),
  );
  assert.equal(formatChanges([]), '');
});
