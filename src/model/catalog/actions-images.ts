import type { ClassDef, PropertyDef, ValueType } from '../class-def.js';

type Extra = Omit<PropertyDef, 'name' | 'type' | 'xml'> & { readonly hidden?: boolean };

/** A property written as `<variable name="variable" property="name">` in the step's defaultVarList (REFERENCE.md §2.1). */
function v(name: string, variable: string, type: ValueType, extra: Extra = {}): PropertyDef {
  const { hidden, ...rest } = extra;
  return { name, type, ...rest, xml: hidden === true ? { kind: 'variable', name: variable, hidden: true } : { kind: 'variable', name: variable } };
}

/**
 * Where an image goes (Apply Operating System / Apply Data Image): disk + partition, a drive letter,
 * a variable holding either ("1,1" or "C:"), or none of them = the next available formatted partition.
 */
const DESTINATION_PROPERTIES: readonly PropertyDef[] = [
  v('DestinationDisk', 'DestinationDisk', 'uint32', { range: [0, 99], commandLineArg: 6, hidden: true }),
  v('DestinationPartition', 'DestinationPartition', 'uint32', { range: [1, 99], commandLineArg: 7, hidden: true }),
  v('DestinationLogicalDrive', 'DestinationLogicalDrive', 'string', { commandLineArg: 8, hidden: true }),
  v('DestinationVariable', 'DestinationVariable', 'string', { commandLineArg: 9, hidden: true, description: 'Variable holding "disk,partition" or a drive letter.' }),
];

/** The "Images" steps (REFERENCE.md §2.2 items 23-30). */
export const imageActions: readonly ClassDef[] = [
  {
    name: 'SMS_TaskSequence_ApplyOperatingSystemAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Apply Operating System Image',
    description: 'Applies a captured OS image, or runs setup from an OS upgrade package, onto the target volume.',
    category: 'Images',
    // SDK MOF plus the "/runfromnet:%10" seen in every current export.
    commandLine:
      'OSDApplyOS.exe<?1: /image:%1,%%OSDImageIndex%%><?3: /install:%3,%%OSDInstallEditionIndex%%><?4: "/config:%4,%%OSDConfigFileName%%"><?6: /target:%6,%7><?8: /target:%8><?9: /target:%%%9%%><?10: /runfromnet:%10>',
    defaultRunIn: 'WinPE',
    defaultSuccessCodes: '0',
    osd: true,
    source: 'configmgr',
    properties: [
      v('ImagePackageID', 'ImagePackageID', 'string', { commandLineArg: 1, hidden: true, description: 'Image package; required when InstallPackageID is null.' }),
      v('ImageIndex', 'OSDImageIndex', 'uint32', { range: [1, 2147483647], description: 'Index of the image in the WIM; required with ImagePackageID.' }),
      v('InstallPackageID', 'InstallPackageID', 'string', { commandLineArg: 3, hidden: true, description: 'OS upgrade (setup) package; required when ImagePackageID is null.' }),
      v('InstallEditionIndex', 'OSDInstallEditionIndex', 'uint32', { description: 'Edition index; required with InstallPackageID.' }),
      v('ConfigFilePackage', 'ConfigFilePackage', 'string', { commandLineArg: 4, hidden: true, description: 'Package holding the answer file.' }),
      v('ConfigFileName', 'OSDConfigFileName', 'string', { description: 'Answer file name inside ConfigFilePackage.' }),
      ...DESTINATION_PROPERTIES,
      // Both the runFromNet attribute and a hidden RunFromNet variable, and CommandLineArg(10).
      {
        name: 'RunFromNet',
        type: 'boolean',
        default: false,
        commandLineArg: 10,
        description: 'Apply the image straight from the distribution point share instead of downloading it.',
        xml: { kind: 'attribute', name: 'runFromNet', variable: { name: 'RunFromNet', hidden: true } },
      },
    ],
  },
  {
    name: 'SMS_TaskSequence_ApplyDataImageAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Apply Data Image',
    description: 'Applies a data image from a WIM to a partition.',
    category: 'Images',
    commandLine: 'OSDApplyOS.exe /data:%1,%%OSDDataImageIndex%% <?6: /target:%6,%7><?8: /target:%8><?9: /target:%%%9%%>',
    defaultRunIn: 'WinPE',
    defaultSuccessCodes: '0',
    osd: true,
    source: 'configmgr',
    properties: [
      v('ImagePackageID', 'ImagePackageID', 'string', { required: true, commandLineArg: 1, hidden: true }),
      v('ImageIndex', 'OSDDataImageIndex', 'uint32', { required: true, range: [1, 2147483647] }),
      v('WipeDestinationPartition', 'OSDWipeDestinationPartition', 'boolean', { required: true, default: true }),
      ...DESTINATION_PROPERTIES,
    ],
  },
  {
    name: 'SMS_TaskSequence_SetupWindowsAndSMSAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Setup Windows and ConfigMgr',
    description: 'Runs Windows setup to completion and installs the ConfigMgr client; ContinueOnError has no effect here.',
    category: 'Images',
    commandLine: 'OSDSetupWindows.exe',
    // Observed WinPEandFullOS (REFERENCE.md §2.2 item 25).
    defaultRunIn: 'WinPEandFullOS',
    defaultSuccessCodes: '0',
    osd: true,
    source: 'configmgr',
    properties: [
      v('ClientPackageID', '_SMSClientPackageID', 'string', { required: true }),
      v('ClientPreProductionPackageID', '_SMSClientPreProductionPackageID', 'string'),
      v('ClientInstallProperties', 'SMSClientInstallProperties', 'string', { description: 'ccmsetup.exe / client.msi properties.' }),
    ],
  },
  {
    name: 'SMS_TaskSequence_UpgradeOperatingSystemAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Upgrade Operating System',
    description: 'Upgrades the running Windows in place with Windows setup.',
    category: 'Images',
    // Observed exactly so, with the trailing space, in every export.
    commandLine: 'OSDUpgradeOS.exe ',
    defaultRunIn: 'FullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [
      // ValueMap as the SDK spells it (sic: OveridePolicy).
      v('DynamicUpdateSettings', 'OSDUpgradeDynamicUpdateSettings', 'string', { allowed: ['Disable', 'OveridePolicy'] }),
      v('IgnoreMessages', 'OSDUpgradeIgnoreMessages', 'boolean', { default: false, description: 'Ignore dismissible compatibility messages.' }),
      v('InstallEditionIndex', 'OSDUpgradeInstallEditionIndex', 'uint32', { default: 1 }),
      v('InstallPackageID', 'OSDUpgradeInstallPackageID', 'string', { description: 'Upgrade package; required when InstallPath is null.' }),
      v('InstallPath', 'OSDUpgradeInstallPath', 'string', { description: 'Path (or variable) to the setup files; required when InstallPackageID is null.' }),
      v('OsProductKey', 'OSDUpgradeOsProductKey', 'string', { secret: 'quasiSecret' }),
      v('PreserveSettings', 'OSDUpgradePreserveSettings', 'string', { default: 'Upgrade', description: 'What to keep; Upgrade keeps apps, data and settings.' }),
      v('ScanOnly', 'OSDUpgradeScanOnly', 'boolean', { default: false, description: 'Compatibility scan only, no upgrade.' }),
      v('StagedContent', 'OSDUpgradeStagedContent', 'string', { description: 'Path (or variable) to driver content.' }),
      // Not seen in the corpus: variable names follow the OSDUpgrade prefix the others share (inferred).
      v('DriverPackageID', 'OSDUpgradeDriverPackageID', 'string'),
      v('SetupTimeout', 'OSDUpgradeSetupTimeout', 'uint32', { description: 'Time-out of Windows setup.' }),
      // Feature-update (servicing) variant of the step.
      v('FeatureUpdateAssignmentId', 'OSDFeatureUpdateAssignmentID', 'string'),
      v('FeatureUpdateName', 'OSDUpgradeFeatureUpdateName', 'string'),
    ],
  },
  {
    name: 'SMS_TaskSequence_InstallDeployToolsAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Install Deployment Tools',
    description: 'Installs the Sysprep tools from a package (used before capturing older Windows).',
    category: 'Images',
    commandLine: 'osdprepareos.exe /install:%1',
    defaultRunIn: 'FullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [v('SysprepPackageID', 'SysprepPackageID', 'string', { commandLineArg: 1, hidden: true })],
  },
  {
    name: 'SMS_TaskSequence_PrepareSMSClientAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Prepare ConfigMgr Client for Capture',
    description: 'Removes machine-specific client data so the OS can be captured.',
    category: 'Images',
    commandLine: 'osdpreparesmsclient.exe',
    defaultRunIn: 'FullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [],
  },
  {
    name: 'SMS_TaskSequence_PrepareOSAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Prepare Windows for Capture',
    description: 'Runs Sysprep to generalise Windows before a capture.',
    category: 'Images',
    // SDK MOF plus the "/shutdown:" seen in current exports.
    commandLine: 'osdprepareos.exe /activate:%%OSDKeepActivation%% /bmsd:%%OSDBuildStorageDriverList%% /shutdown:%%OSDShutdownPreparedOs%%',
    defaultRunIn: 'FullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [
      v('KeepActivation', 'OSDKeepActivation', 'boolean'),
      v('BuildStorageDriverList', 'OSDBuildStorageDriverList', 'boolean', { description: 'Build the mass-storage driver list in sysprep.inf.' }),
      v('ShutdownPreparedOs', 'OSDShutdownPreparedOs', 'boolean'),
    ],
  },
  {
    name: 'SMS_TaskSequence_CaptureSystemImageAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Capture Operating System Image',
    description: 'Captures the prepared OS volume to a WIM file on a network share.',
    category: 'Images',
    commandLine: 'osdcapturesystemimage.exe',
    variablePrefix: 'OSD',
    defaultRunIn: 'WinPE',
    defaultSuccessCodes: '0',
    osd: true,
    source: 'configmgr',
    properties: [
      v('CaptureDestination', 'OSDCaptureDestination', 'string', { length: [1, 255], description: 'UNC path of the WIM file.' }),
      v('CaptureUsername', 'OSDCaptureAccount', 'string'),
      v('CapturePassword', 'OSDCaptureAccountPassword', 'string', { secret: 'secret' }),
      v('ImageCreator', 'OSDImageCreator', 'string', { length: [0, 255] }),
      v('ImageDescription', 'OSDImageDescription', 'string', { length: [0, 255] }),
      v('ImageVersion', 'OSDImageVersion', 'string', { length: [0, 32] }),
    ],
  },
];
