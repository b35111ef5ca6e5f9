import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readBackForm } from '../../../test/arbitraries.js';
import { readDocument, writeDocumentText } from '../../xml/index.js';
import { allClasses, getClass, propertiesOf } from '../catalog.js';
import type { PropertyDef } from '../class-def.js';
import type { Step, TaskSequence } from '../node.js';
import * as b from './index.js';
import * as T from './property-tables.js';
import type { PropertyTable } from './property-tables.js';
import { requiredProperties } from './step-options.js';

const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (!Object.isFrozen(value)) return false;
  return Object.values(value).every(isDeepFrozen);
}

// ---- the property tables hold what the catalog holds ----

/** The step attributes every action or pointer shares: options, not table entries. */
const STEP_ATTRIBUTES = new Set([...propertiesOf('SMS_TaskSequence_Action'), ...propertiesOf('SMS_TaskSequence_Pointer')].map((p) => p.name));

function bucketOf(def: PropertyDef): string {
  if (def.array && def.embedded) return 'lists';
  if (def.array) return 'strings'; // the model holds a scalar array as the text of its variable
  if (def.type === 'boolean') return 'booleans';
  if (def.type === 'uint32' || def.type === 'sint32' || def.type === 'uint64') return 'numbers';
  return def.allowed ? 'choices' : 'strings';
}

function checkTable(table: PropertyTable, embedded: boolean): void {
  const cls = getClass(table.className);
  assert.ok(cls, `${table.className} is in the catalog`);
  const defs = propertiesOf(table.className).filter((p) => embedded || !STEP_ATTRIBUTES.has(p.name));
  const listed = new Map<string, string>();
  for (const bucket of ['strings', 'booleans', 'numbers'] as const) for (const n of table[bucket] ?? []) listed.set(n, bucket);
  for (const n of Object.keys(table.choices ?? {})) listed.set(n, 'choices');
  for (const n of Object.keys(table.lists ?? {})) listed.set(n, 'lists');
  assert.deepEqual([...listed.keys()].sort(), defs.map((d) => d.name).sort(), `${table.className}: the table lists the catalog's properties`);
  for (const def of defs) {
    assert.equal(listed.get(def.name), bucketOf(def), `${table.className}.${def.name} is in the right bucket`);
    if (def.allowed && bucketOf(def) === 'choices') assert.deepEqual(table.choices?.[def.name], def.allowed, `${table.className}.${def.name}: the allowed values`);
    if (def.embedded && def.array) assert.equal(table.lists?.[def.name]?.className, def.embedded, `${table.className}.${def.name}: the element class`);
  }
  assert.deepEqual([...(table.required ?? [])].sort(), requiredProperties(table.className).sort(), `${table.className}: the required properties`);
}

test('every step table lists exactly the catalog properties of its class, typed as the catalog types them', () => {
  for (const table of T.STEP_TABLES) checkTable(table, false);
  for (const table of [T.PARTITION_SETTINGS, T.APPLICATION_INFO, T.PACKAGE_INFO, T.NETWORK_ADAPTER_SETTINGS]) checkTable(table, true);
});

test('there is a table for every built-in ConfigMgr step class', () => {
  const builtIn = allClasses()
    .filter((c) => (c.role === 'action' || c.role === 'pointer') && !c.abstract && c.source === 'configmgr')
    .map((c) => c.name)
    .sort();
  assert.equal(builtIn.length, 36);
  assert.deepEqual(T.STEP_TABLES.map((t) => t.className).sort(), builtIn);
});

// ---- one builder per class ----

/** Each typed builder, its table, and the least props it accepts. */
const BUILDERS: readonly [string, (name: string, props: never) => Step, PropertyTable, Record<string, unknown>][] = [
  ['runCommandLine', b.runCommandLine, T.RUN_COMMAND_LINE, { CommandLine: 'cmd.exe /c exit 0' }],
  ['runPowerShellScript', b.runPowerShellScript, T.RUN_POWERSHELL_SCRIPT, { Parameters: '' }],
  ['setDynamicVariables', b.setDynamicVariables, T.SET_DYNAMIC_VARIABLES, {}],
  ['joinDomainWorkgroup', b.joinDomainWorkgroup, T.JOIN_DOMAIN_WORKGROUP, {}],
  ['connectNetworkFolder', b.connectNetworkFolder, T.CONNECT_NETWORK_FOLDER, { Username: 'CONTOSO\\svc', Password: '' }],
  ['restartComputer', b.restartComputer, T.RESTART_COMPUTER, { Target: 'HD' }],
  ['setVariable', b.setVariable, T.SET_VARIABLE, { VariableName: 'OSDComputerName' }],
  ['checkReadiness', b.checkReadiness, T.CHECK_READINESS, {}],
  ['runTaskSequence', b.runTaskSequence, T.RUN_TASK_SEQUENCE, {}],
  ['installApplication', b.installApplication, T.INSTALL_APPLICATION, {}],
  ['installPackage', b.installPackage, T.INSTALL_PACKAGE, {}],
  ['installSoftwareUpdates', b.installSoftwareUpdates, T.INSTALL_SOFTWARE_UPDATES, {}],
  ['downloadPackageContent', b.downloadPackageContent, T.DOWNLOAD_PACKAGE_CONTENT, { DownloadPackages: 'ABC00001' }],
  ['formatAndPartitionDisk', b.formatAndPartitionDisk, T.FORMAT_AND_PARTITION_DISK, { DiskIndex: 0, PartitionStyle: 'GPT', Partitions: [] }],
  ['convertDisk', b.convertDisk, T.CONVERT_DISK, {}],
  ['enableBitLocker', b.enableBitLocker, T.ENABLE_BITLOCKER, {}],
  ['disableBitLocker', b.disableBitLocker, T.DISABLE_BITLOCKER, {}],
  ['preProvisionBitLocker', b.preProvisionBitLocker, T.PRE_PROVISION_BITLOCKER, {}],
  ['requestStateStore', b.requestStateStore, T.REQUEST_STATE_STORE, { RequestType: 'capture' }],
  ['captureUserState', b.captureUserState, T.CAPTURE_USER_STATE, { UsmtPackageID: 'ABC00002' }],
  ['restoreUserState', b.restoreUserState, T.RESTORE_USER_STATE, {}],
  ['releaseStateStore', b.releaseStateStore, T.RELEASE_STATE_STORE, {}],
  ['applyOperatingSystem', b.applyOperatingSystem, T.APPLY_OPERATING_SYSTEM, {}],
  ['applyDataImage', b.applyDataImage, T.APPLY_DATA_IMAGE, { ImagePackageID: 'ABC00003', ImageIndex: 1 }],
  ['setupWindowsAndConfigMgr', b.setupWindowsAndConfigMgr, T.SETUP_WINDOWS_AND_CONFIGMGR, { ClientPackageID: 'ABC00004' }],
  ['upgradeOperatingSystem', b.upgradeOperatingSystem, T.UPGRADE_OPERATING_SYSTEM, {}],
  ['installDeploymentTools', b.installDeploymentTools, T.INSTALL_DEPLOYMENT_TOOLS, {}],
  ['prepareConfigMgrClient', b.prepareConfigMgrClient, T.PREPARE_CONFIGMGR_CLIENT, {}],
  ['prepareWindows', b.prepareWindows, T.PREPARE_WINDOWS, {}],
  ['captureOperatingSystemImage', b.captureOperatingSystemImage, T.CAPTURE_OPERATING_SYSTEM_IMAGE, {}],
  ['autoApplyDrivers', b.autoApplyDrivers, T.AUTO_APPLY_DRIVERS, {}],
  ['applyDriverPackage', b.applyDriverPackage, T.APPLY_DRIVER_PACKAGE, { DriverPackageID: 'ABC00005' }],
  ['captureNetworkSettings', b.captureNetworkSettings, T.CAPTURE_NETWORK_SETTINGS, {}],
  ['captureWindowsSettings', b.captureWindowsSettings, T.CAPTURE_WINDOWS_SETTINGS, {}],
  ['applyNetworkSettings', b.applyNetworkSettings, T.APPLY_NETWORK_SETTINGS, { NetworkJoinType: 1 }],
  ['applyWindowsSettings', b.applyWindowsSettings, T.APPLY_WINDOWS_SETTINGS, { RegisteredOrgName: 'Contoso', RegisteredUserName: 'IT', TimeZone: 'W. Europe Standard Time' }],
];

test('each typed builder makes a step of its class with only what it was given, Enabled and ContinueOnError', () => {
  assert.equal(BUILDERS.length, 36);
  assert.equal(new Set(BUILDERS.map((e) => e[2].className)).size, 36);
  for (const [fnName, fn, table, props] of BUILDERS) {
    const step = fn('A step', props as never);
    assert.deepEqual(plain(step), { __CLASS: table.className, Name: 'A step', Enabled: true, ContinueOnError: false, ...props }, fnName);
    assert.ok(isDeepFrozen(step), `${fnName}: frozen`);
  }
});

test('a missing required property is a TypeError naming it; so is a missing name', () => {
  for (const [fnName, fn, table, props] of BUILDERS) {
    for (const required of table.required ?? []) {
      const { [required]: _left, ...rest } = props;
      assert.throws(() => fn('A step', rest as never), (e: unknown) => e instanceof TypeError && e.message.includes(required) && e.message.includes('"A step"'), `${fnName} without ${required}`);
    }
    assert.throws(() => fn('', props as never), TypeError, `${fnName} without a name`);
  }
  assert.throws(() => b.runCommandLine('Echo', {} as never), /Run Command Line \(SMS_TaskSequence_RunCommandLineAction\) "Echo" needs CommandLine: it is required \(Not_Null\) and has no default/);
  assert.throws(() => b.applyWindowsSettings('Settings', { TimeZone: 'UTC' } as never), /needs RegisteredOrgName, RegisteredUserName: they are required/);
  // A required property with a class default is not required of the builder (DisableWow64Redirection, SuccessCodes).
  assert.doesNotThrow(() => b.runCommandLine('Echo', { CommandLine: 'x' }));
});

test('a step builder copies the common options and the properties, and leaves out undefined ones', () => {
  const step = b.runCommandLine('Echo', {
    CommandLine: 'cmd.exe /c echo hi',
    Description: 'Says hi',
    Enabled: false,
    ContinueOnError: true,
    SupportedEnvironment: 'FullOS',
    Timeout: 900,
    WorkingDirectory: undefined,
    DisableWow64Redirection: true,
  });
  assert.deepEqual(plain(step), {
    __CLASS: 'SMS_TaskSequence_RunCommandLineAction',
    Name: 'Echo',
    Description: 'Says hi',
    Enabled: false,
    ContinueOnError: true,
    SupportedEnvironment: 'FullOS',
    Timeout: 900,
    CommandLine: 'cmd.exe /c echo hi',
    DisableWow64Redirection: true,
  });
  assert.ok(!('WorkingDirectory' in step));
  assert.equal(step.CommandLine, 'cmd.exe /c echo hi');
});

test('embedded arrays: each element gets its class, is copied and frozen; a missing required field is a TypeError', () => {
  const partitions = [
    { Type: 'EFI' as const, QuickFormat: true, Size: 500, SizeUnits: 'MB' as const, FileSystem: 'FAT32' as const },
    { Type: 'Primary' as const, QuickFormat: true, Size: 100, SizeUnits: 'Percent' as const, VolumeLetterVariable: 'OSDisk' },
  ];
  const step = b.formatAndPartitionDisk('Partition', { DiskIndex: 0, PartitionStyle: 'GPT', Partitions: partitions });
  assert.deepEqual(plain(step['Partitions']), [
    { __CLASS: 'SMS_TaskSequence_PartitionSettings', ...partitions[0] },
    { __CLASS: 'SMS_TaskSequence_PartitionSettings', ...partitions[1] },
  ]);
  assert.ok(isDeepFrozen(step));
  assert.ok(!Object.isFrozen(partitions[0]), "the caller's objects are left alone");
  assert.throws(
    () => b.formatAndPartitionDisk('Partition', { DiskIndex: 0, PartitionStyle: 'GPT', Partitions: [{ QuickFormat: true }] as never }),
    /Partitions\[0\] needs Type/,
  );
  assert.throws(() => b.formatAndPartitionDisk('Partition', { DiskIndex: 0, PartitionStyle: 'GPT', Partitions: 'x' as never }), /Partitions must be an array/);
});

test('the Condition option takes a condition, one operand or an array of operands', () => {
  const inPE = b.variable('_SMSTSInWinPE').equals('false');
  const uefi = b.variable('_SMSTSBootUEFI').equals(true);
  const asCondition = b.condition(inPE, uefi);
  const fromCondition = b.restartComputer('R', { Target: 'WinPE', Condition: asCondition });
  const fromOperand = b.restartComputer('R', { Target: 'WinPE', Condition: inPE });
  const fromArray = b.restartComputer('R', { Target: 'WinPE', Condition: [inPE, uefi] });
  assert.equal(fromCondition.Condition, asCondition);
  assert.deepEqual(plain(fromOperand.Condition), { __CLASS: 'SMS_TaskSequence_Condition', Operands: [plain(inPE)] });
  assert.deepEqual(plain(fromArray.Condition), plain(asCondition));
  assert.ok(isDeepFrozen(fromArray));
  assert.throws(() => b.restartComputer('R', { Target: 'WinPE', Condition: 'x' as never }), TypeError);
});

test('action() makes a step of any class: MDT, custom, built-in; not a group or an abstract class', () => {
  assert.deepEqual(plain(b.action('BDD_Gather', 'Gather local only', { GatherLocalOnly: 'true' })), {
    __CLASS: 'BDD_Gather',
    Name: 'Gather local only',
    Enabled: true,
    ContinueOnError: false,
    GatherLocalOnly: 'true',
  });
  assert.deepEqual(plain(b.action('Contoso_Inventory', 'Inventory', { Action: 'inventory.exe', Scope: 'full' })), {
    __CLASS: 'Contoso_Inventory',
    Name: 'Inventory',
    Enabled: true,
    ContinueOnError: false,
    Action: 'inventory.exe',
    Scope: 'full',
  });
  assert.deepEqual(plain(b.action('SMS_TaskSequence_RebootAction', 'R', { Target: 'HD' })), plain(b.restartComputer('R', { Target: 'HD' })));
  assert.throws(() => b.action('SMS_TaskSequence_RebootAction', 'R'), /needs Target/);
  assert.throws(() => b.action('SMS_TaskSequence_Group', 'G'), /use group\(\)/);
  assert.throws(() => b.action('SMS_TaskSequence_Action', 'A'), TypeError);
  assert.throws(() => b.action('SMS_TaskSequence_WMIConditionExpression', 'A'), TypeError);
  assert.throws(() => b.action('Contoso_Inventory', 'I', { Name: 'other' }), /Name cannot be given/);
});

test('group() and taskSequence()', () => {
  const step = b.installSoftwareUpdates('Updates', { Target: 'All' });
  const g = b.group('Software', [step], { description: 'apps and updates', continueOnError: true, condition: b.variable('SkipUpdates').notExists() });
  assert.deepEqual(plain(g), {
    __CLASS: 'SMS_TaskSequence_Group',
    Name: 'Software',
    Description: 'apps and updates',
    Enabled: true,
    ContinueOnError: true,
    Condition: { __CLASS: 'SMS_TaskSequence_Condition', Operands: [{ __CLASS: 'SMS_TaskSequence_VariableConditionExpression', Variable: 'SkipUpdates', Operator: 'notExists' }] },
    Steps: [plain(step)],
  });
  assert.deepEqual(plain(b.group('Empty', [], { enabled: false })), { __CLASS: 'SMS_TaskSequence_Group', Name: 'Empty', Enabled: false, ContinueOnError: false, Steps: [] });
  assert.throws(() => b.group('', []), TypeError);

  const seq = b.taskSequence([g]);
  assert.equal(seq.SchemaVersion, '3.10');
  assert.equal(b.taskSequence([], { schemaVersion: '3.00' }).SchemaVersion, '3.00');
  assert.ok(isDeepFrozen(seq));
  const steps = [step];
  const copy = b.taskSequence(steps);
  steps.push(step);
  assert.equal(copy.Steps.length, 1, 'the steps array is copied');
});

// ---- conditions ----

test('variable conditions: every operator', () => {
  const v = b.variable('OSDComputerName');
  const E = 'SMS_TaskSequence_VariableConditionExpression';
  for (const op of ['equals', 'notEquals', 'less', 'lessEqual', 'greater', 'greaterEqual', 'like', 'notLike'] as const) {
    assert.deepEqual(plain(v[op]('PC*')), { __CLASS: E, Variable: 'OSDComputerName', Operator: op, Value: 'PC*' });
  }
  assert.deepEqual(plain(v.exists()), { __CLASS: E, Variable: 'OSDComputerName', Operator: 'exists' });
  assert.deepEqual(plain(v.notExists()), { __CLASS: E, Variable: 'OSDComputerName', Operator: 'notExists' });
  assert.equal(b.variable('N').greater(10)['Value'], '10', 'values are text, as the XML holds them');
  assert.equal(b.variable('_SMSTSInWinPE').equals(false)['Value'], 'false');
  assert.throws(() => b.variable(''), TypeError);
  assert.ok(Object.isFrozen(v.exists()));
});

test('WMI, file, folder, registry, software and OS conditions', () => {
  assert.deepEqual(plain(b.wmi('SELECT * FROM Win32_Battery')), { __CLASS: 'SMS_TaskSequence_WMIConditionExpression', Namespace: 'root\\cimv2', Query: 'SELECT * FROM Win32_Battery' });
  assert.equal(b.wmi('SELECT * FROM MSFT_Disk', 'root\\Microsoft\\Windows\\Storage')['Namespace'], 'root\\Microsoft\\Windows\\Storage');
  assert.equal(b.wmi('q', undefined, { ignoreQueryFailure: true })['IgnoreQueryFailure'], true);

  assert.deepEqual(plain(b.file('%windir%\\notepad.exe')), { __CLASS: 'SMS_TaskSequence_FileConditionExpression', Path: '%windir%\\notepad.exe' });
  assert.deepEqual(plain(b.file('C:\\a.dll', { version: '1.2.3.4', versionOperator: 'greaterEqual', dateTime: new Date(Date.UTC(2024, 0, 31, 13, 5, 9, 250)), dateTimeOperator: 'less' })), {
    __CLASS: 'SMS_TaskSequence_FileConditionExpression',
    Path: 'C:\\a.dll',
    Version: '1.2.3.4',
    VersionOperator: 'greaterEqual',
    DateTime: '20240131130509.250000+000',
    DateTimeOperator: 'less',
  });
  assert.throws(() => b.file('C:\\a.dll', { version: '1.0' }), /version and versionOperator go together/);
  assert.deepEqual(plain(b.folder('C:\\TS-1000')), { __CLASS: 'SMS_TaskSequence_FolderConditionExpression', Path: 'C:\\TS-1000' });
  assert.equal(b.folder('C:\\x', { dateTime: '20200101000000.000000+000', dateTimeOperator: 'greater' })['DateTime'], '20200101000000.000000+000');
  assert.throws(() => b.folder('C:\\x', { dateTimeOperator: 'greater' }), TypeError);

  const R = 'SMS_TaskSequence_RegistryConditionExpression';
  const key = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Remediations\\KB5025885';
  assert.deepEqual(plain(b.registry(key, 'Complete').notExists('REG_DWORD')), { __CLASS: R, KeyPath: key, Value: 'Complete', Type: 'REG_DWORD', Operator: 'notExists' });
  assert.deepEqual(plain(b.registry(key).exists()), { __CLASS: R, KeyPath: key, Operator: 'exists' });
  assert.deepEqual(plain(b.registry(key, 'DisplayVersion').equals('10.1', 'REG_SZ')), { __CLASS: R, KeyPath: key, Value: 'DisplayVersion', Type: 'REG_SZ', Data: '10.1', Operator: 'equals' });
  assert.equal(b.registry(key, 'N').greaterEqual(3)['Data'], '3');

  const S = 'SMS_TaskSequence_SoftwareConditionExpression';
  assert.deepEqual(plain(b.software.productCode('{11111111-2222-3333-4444-555555555555}', { name: 'Contoso Agent', version: '5.0' })), {
    __CLASS: S,
    Operator: 'ThisVersion',
    ProductCode: '{11111111-2222-3333-4444-555555555555}',
    ProductName: 'Contoso Agent',
    Version: '5.0',
  });
  assert.deepEqual(plain(b.software.upgradeCode('{AAAAAAAA-2222-3333-4444-555555555555}')), { __CLASS: S, Operator: 'AnyVersion', UpgradeCode: '{AAAAAAAA-2222-3333-4444-555555555555}' });

  assert.deepEqual(plain(b.osVersion('X64', 'greaterEqual', '10.0.19041')), { __CLASS: 'SMS_TaskSequence_OSConditionExpression', Architecture: 'X64', Operator: 'greaterEqual', Version: '10.0.19041' });
  const q = b.wmi("SELECT * FROM Win32_OperatingSystem WHERE OSArchitecture like '64%'", 'root\\cimv2', { ignoreQueryFailure: true });
  assert.deepEqual(plain(b.operatingSystem(b.platform({ name: 'All x64 Windows 10', arch: 'x64', type: 'Win_NT', minVer: '10.00.0000.0', maxVer: '10.00.9999.9999' }, q))), {
    __CLASS: 'SMS_TaskSequence_OSConditionGroup',
    OperatorType: 'or',
    Operands: [
      {
        __CLASS: 'SMS_TaskSequence_OSExpressionGroup',
        OperatorType: 'and',
        Name: 'All x64 Windows 10',
        PlatformArchKey: 'x64',
        PlatformTypeKey: 'Win_NT',
        PlatformMinVerKey: '10.00.0000.0',
        PlatformMaxVerKey: '10.00.9999.9999',
        Operands: [plain(q)],
      },
    ],
  });
});

test('and / or / not and condition nest, frozen all the way down', () => {
  const c = b.condition(b.and(b.variable('A').exists(), b.or(b.wmi('q1'), b.not(b.variable('B').equals('1'), b.folder('C:\\x')))));
  assert.deepEqual(plain(c), {
    __CLASS: 'SMS_TaskSequence_Condition',
    Operands: [
      {
        __CLASS: 'SMS_TaskSequence_ConditionOperator',
        OperatorType: 'and',
        Operands: [
          { __CLASS: 'SMS_TaskSequence_VariableConditionExpression', Variable: 'A', Operator: 'exists' },
          {
            __CLASS: 'SMS_TaskSequence_ConditionOperator',
            OperatorType: 'or',
            Operands: [
              { __CLASS: 'SMS_TaskSequence_WMIConditionExpression', Namespace: 'root\\cimv2', Query: 'q1' },
              {
                __CLASS: 'SMS_TaskSequence_ConditionOperator',
                OperatorType: 'not',
                Operands: [
                  { __CLASS: 'SMS_TaskSequence_VariableConditionExpression', Variable: 'B', Operator: 'equals', Value: '1' },
                  { __CLASS: 'SMS_TaskSequence_FolderConditionExpression', Path: 'C:\\x' },
                ],
              },
            ],
          },
        ],
      },
    ],
  });
  assert.ok(isDeepFrozen(c));
  assert.deepEqual(plain(b.condition()), { __CLASS: 'SMS_TaskSequence_Condition', Operands: [] });
});

// ---- through the XML ----

test('a built Run Command Line step is written the way ConfigMgr writes it', () => {
  const text = writeDocumentText(b.taskSequence([b.runCommandLine('Echo', { CommandLine: 'cmd.exe /c echo hi' })]));
  assert.equal(
    text,
    [
      '<sequence version="3.10">',
      '  <step type="SMS_TaskSequence_RunCommandLineAction" name="Echo" description="" runIn="WinPEandFullOS" successCodeList="0 3010" retryCount="0" runFromNet="false">',
      '    <action>smsswd.exe /run: cmd.exe /c echo hi</action>',
      '    <defaultVarList>',
      '      <variable name="CommandLine" property="CommandLine" hidden="true">cmd.exe /c echo hi</variable>',
      '    </defaultVarList>',
      '  </step>',
      '</sequence>',
    ].join('\r\n'),
  );
});

test('a built group with a condition, disabled and continuing on error, is written as ConfigMgr writes it', () => {
  const seq = b.taskSequence([
    b.group('Capture', [b.restartComputer('Restart in WinPE', { Target: 'WinPE', Timeout: 600, Condition: b.variable('_SMSTSInWinPE').equals('false') })], {
      enabled: false,
      continueOnError: true,
    }),
  ]);
  assert.equal(
    writeDocumentText(seq, { eol: '\n' }),
    [
      '<sequence version="3.10">',
      '  <group name="Capture" description="" disable="true" continueOnError="true">',
      '    <step type="SMS_TaskSequence_RebootAction" name="Restart in WinPE" description="" timeout="600" runIn="WinPEandFullOS" successCodeList="0" retryCount="0" runFromNet="false">',
      '      <condition>',
      '        <expression type="SMS_TaskSequence_VariableConditionExpression">',
      '          <variable name="Operator">equals</variable>',
      '          <variable name="Value">false</variable>',
      '          <variable name="Variable">_SMSTSInWinPE</variable>',
      '        </expression>',
      '      </condition>',
      '      <action>smsboot.exe /target:WinPE</action>',
      '      <defaultVarList>',
      '        <variable name="SMSRebootTarget" property="Target" hidden="true">WinPE</variable>',
      '      </defaultVarList>',
      '    </step>',
      '  </group>',
      '</sequence>',
    ].join('\n'),
  );
});

/** A realistic bare-metal deployment, built in code. */
function deployment(): TaskSequence {
  const inWinPE = b.variable('_SMSTSInWinPE').equals('true');
  return b.taskSequence([
    b.group(
      'Prepare disk',
      [
        b.formatAndPartitionDisk('Partition disk 0 - UEFI', {
          DiskIndex: 0,
          PartitionStyle: 'GPT',
          Partitions: [
            { Type: 'EFI', QuickFormat: true, Size: 500, SizeUnits: 'MB', FileSystem: 'FAT32', VolumeName: 'Boot' },
            { Type: 'MSR', QuickFormat: true, Size: 128, SizeUnits: 'MB' },
            { Type: 'Primary', QuickFormat: true, Size: 100, SizeUnits: 'Percent', FileSystem: 'NTFS', VolumeLetterVariable: 'OSDisk' },
          ],
          Condition: b.variable('_SMSTSBootUEFI').equals('true'),
        }),
        b.preProvisionBitLocker('Pre-provision BitLocker', { DestinationVariable: 'OSDisk', SkipWhenTPMInvalid: true, ContinueOnError: true }),
      ],
      { condition: inWinPE },
    ),
    b.applyOperatingSystem('Apply Windows 11', { ImagePackageID: 'ABC00010', ImageIndex: 3, DestinationVariable: 'OSDisk' }),
    b.applyWindowsSettings('Apply Windows Settings', { RegisteredOrgName: 'Contoso', RegisteredUserName: 'IT', TimeZone: 'W. Europe Standard Time', UILanguage: 'sv-SE' }),
    b.applyNetworkSettings('Apply Network Settings', {
      NetworkJoinType: 0,
      DomainName: 'corp.contoso.com',
      DomainOUName: 'LDAP://OU=Workstations,DC=corp,DC=contoso,DC=com',
      Adapters: [
        {
          MACAddress: '00:15:5D:01:02:03',
          EnableDHCP: true,
          EnableDNSRegistration: true,
          EnableFullDNSRegistration: false,
          EnableIPProtocolFiltering: false,
          EnableLMHOSTS: true,
          EnableTCPFiltering: false,
          EnableUDPFiltering: false,
          EnableWINS: false,
          TcpipNetbiosOptions: 0,
        },
      ],
    }),
    b.applyDriverPackage('Drivers - Latitude', {
      DriverPackageID: 'ABC00020',
      UnsignedDriver: false,
      Condition: b.or(b.wmi("SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%Latitude%'"), b.variable('_SMSTSModel').like('*Latitude*')),
    }),
    b.setupWindowsAndConfigMgr('Setup Windows and ConfigMgr', { ClientPackageID: 'ABC00030', ClientInstallProperties: 'SMSMP=mp.corp.contoso.com' }),
    b.group('Software', [
      b.installApplication('Apps', { AppInfo: [{ Name: 'ScopeId_1/Application_2', DisplayName: 'Contoso Agent', Description: '' }], RetryCount: 3 }),
      b.installSoftwareUpdates('Updates', { Target: 'All' }),
      b.runPowerShellScript('Tidy up', { SourceScript: '//5XAHIAaQB0AGUA', Parameters: '-Verbose', ExecutionPolicy: 'Bypass' }),
      b.action('BDD_Gather', 'Gather', { GatherLocalOnly: 'true' }),
      b.action('Contoso_Inventory', 'Inventory', { Action: 'inventory.exe /full', Scope: 'full' }),
      b.runTaskSequence('Child', { TsPackageID: 'ABC00040' }),
    ]),
    b.restartComputer('Restart', { Target: 'HD', Message: 'Windows is ready', MessageTimeout: 60, Condition: [b.not(inWinPE), b.software.productCode('{11111111-2222-3333-4444-555555555555}')] }),
  ]);
}

test('a built sequence, written and read back, gives the same model (plus what ConfigMgr always writes), then the same text', () => {
  const seq = deployment();
  const text = writeDocumentText(seq);
  const back = readDocument(text).document as TaskSequence;
  assert.deepEqual(plain(back), plain(readBackForm(seq)));
  assert.equal(writeDocumentText(back), text);
  // What reading adds is only what the writer wrote for a step made in code, spelled as ConfigMgr spells it.
  const apply = back.Steps[1]!;
  assert.equal(apply['Action'], 'OSDApplyOS.exe /image:ABC00010,%OSDImageIndex% /target:%OSDisk% /runfromnet:False');
  assert.equal(apply['SupportedEnvironment'], 'WinPE');
  assert.equal(apply.Description, '');
});

test('embedded arrays are written as a hidden counter and <Var><i><Field> variables', () => {
  const text = writeDocumentText(b.taskSequence([deployment().Steps[0]!]), { eol: '\n' });
  assert.match(text, /<variable name="OSDPartitions" property="Partitions" hidden="true">3<\/variable>/);
  assert.match(text, /<variable name="OSDPartitions0Type" property="Partitions0Type">EFI<\/variable>/);
  assert.match(text, /<variable name="OSDPartitions2VolumeLetterVariable" property="Partitions2VolumeLetterVariable">OSDisk<\/variable>/);
});
