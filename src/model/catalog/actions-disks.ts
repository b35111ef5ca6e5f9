import type { ClassDef, PropertyDef, ValueType } from '../class-def.js';

type Extra = Omit<PropertyDef, 'name' | 'type' | 'xml'> & { readonly hidden?: boolean };

/** A property written as `<variable name="variable" property="name">` in the step's defaultVarList (REFERENCE.md §2.1). */
function v(name: string, variable: string, type: ValueType, extra: Extra = {}): PropertyDef {
  const { hidden, ...rest } = extra;
  return { name, type, ...rest, xml: hidden === true ? { kind: 'variable', name: variable, hidden: true } : { kind: 'variable', name: variable } };
}

const BITLOCKER_MODES = ['TPM', 'Key', 'TPMAndKey', 'TPMAndPIN'] as const;

/** The "Disks" steps (REFERENCE.md §2.2 items 14-18) and MDT's VHD step. */
export const diskActions: readonly ClassDef[] = [
  {
    name: 'SMS_TaskSequence_PartitionDiskAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Format and Partition Disk',
    description: 'Cleans a physical disk and creates and formats the listed partitions.',
    category: 'Disks',
    commandLine: 'osddiskpart.exe',
    variablePrefix: 'OSD',
    defaultRunIn: 'WinPE',
    defaultSuccessCodes: '0',
    osd: true,
    source: 'configmgr',
    properties: [
      v('DiskIndex', 'OSDDiskIndex', 'uint32', { required: true }),
      v('DiskIndexVariable', 'OSDDiskIndexVariable', 'string', { description: 'Variable holding the disk number, used instead of DiskIndex.' }),
      v('DiskType', 'OSDDiskType', 'string', { allowed: ['DYNAMIC', 'BASIC'], deprecated: true }),
      v('DiskpartBiosCompatibilityMode', 'OSDDiskpartBiosCompatibilityMode', 'boolean', {
        default: false,
        description: 'Disable sector alignment for BIOS compatibility.',
      }),
      v('GPTBootDisk', 'OSDGPTBootDisk', 'boolean', { default: false, description: 'Create an EFI partition (with PartitionStyle GPT).' }),
      v('PartitionStyle', 'OSDPartitionStyle', 'string', { required: true, allowed: ['GPT', 'MBR'] }),
      // The counter is hidden in ConfigMgr exports (REFERENCE.md §2.1); MDT templates write it without hidden="true".
      {
        name: 'Partitions',
        type: 'string',
        array: true,
        embedded: 'SMS_TaskSequence_PartitionSettings',
        required: true,
        description: 'The partitions in order; fields written OSDPartitions<i><Field>.',
        xml: { kind: 'variable', name: 'OSDPartitions', hidden: true },
      },
      // Observed only, in MDT templates (LTI / MDT-integrated "Format and Partition Disk" steps).
      v('DONotCreateExtraPartition', 'DONotCreateExtraPartition', 'string', { description: 'MDT: do not create the extra BitLocker partition.' }),
      v('OSDDiskPartitions1Type', 'OSDDiskPartitions1Type', 'string', {
        description: 'Observed only in MDT UEFI templates (value Recovery); a stray variable beside OSDPartitions1Type.',
      }),
      v('OSDDiskPartDoNotRemoveOEMPartitions', 'OSDDiskPartDoNotRemoveOEMPartitions', 'string', { description: 'Observed only in MDT templates.' }),
    ],
  },
  {
    name: 'SMS_TaskSequence_ConvertDiskAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Convert Disk to Dynamic',
    description: 'Converts a basic disk to a dynamic disk.',
    category: 'Disks',
    commandLine: 'osddiskpart.exe convert %%OSDConvertDiskIndex%%',
    // REFERENCE gives no SDK default; the corpus shows WinPEandFullOS (the Action default).
    defaultRunIn: 'WinPEandFullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [v('DiskIndex', 'OSDConvertDiskIndex', 'uint32')],
  },
  {
    name: 'SMS_TaskSequence_EnableBitLockerAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Enable BitLocker',
    description: 'Turns on BitLocker for a drive with the chosen key protectors.',
    category: 'Disks',
    // SDK MOF: args 1-5. Current exports add /full, /crypt and /ignoretpm with the values of EncryptFullDisk,
    // EncryptMethod and SkipWhenNoValidTPM (observed "/full:True /crypt:7 /ignoretpm:True"); their arg
    // numbers 6-8 are inferred from that order.
    commandLine:
      'OSDBitLocker.exe /enable <?1: /drive:%1><?2: /wait:%2><?3: /mode:%3><?4: /keydrive:%4><?5: /pwd:%5><?6: /full:%6><?7: /crypt:%7><?8: /ignoretpm:%8>',
    variablePrefix: 'OSDBitLocker',
    defaultRunIn: 'FullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [
      v('TargetDrive', 'OSDBitLockerTargetDrive', 'string', { commandLineArg: 1, hidden: true, description: 'Null = the current OS volume.' }),
      v('WaitForEncryption', 'OSDBitLockerWaitForEncryption', 'boolean', { required: true, default: false, commandLineArg: 2, hidden: true }),
      v('Mode', 'OSDBitLockerMode', 'string', {
        allowed: BITLOCKER_MODES,
        commandLineArg: 3,
        hidden: true,
        description: 'Key protectors; required when TargetDrive is null.',
      }),
      v('StartupKeyDrive', 'OSDBitLockerStartupKeyDrive', 'string', { commandLineArg: 4, hidden: true, description: 'USB drive for the startup key; null = first available.' }),
      v('CreateRecoveryPassword', 'OSDBitLockerCreateRecoveryPassword', 'string', {
        required: true,
        default: 'AD',
        allowed: ['None', 'AD'],
        commandLineArg: 5,
        hidden: true,
      }),
      v('PIN', 'OSDBitLockerPIN', 'string', { secret: 'secret', length: [0, 255], description: 'Used with Mode TPMAndPIN.' }),
      v('EncryptFullDisk', 'OSDBitLockerEncryptFullDisk', 'boolean', { commandLineArg: 6, hidden: true, description: 'Full disk rather than used space only.' }),
      v('EncryptMethod', 'OSDBitLockerEncryptMethod', 'uint32', { commandLineArg: 7, hidden: true, description: 'Encryption algorithm; 0 = not specified.' }),
      v('SkipWhenNoValidTPM', 'OSDBitLockerSkipWhenNoValidTPM', 'boolean', { commandLineArg: 8, hidden: true }),
      // MDT templates (action cscript.exe "%SCRIPTROOT%\ZTIBde.wsf") store the same variables under MDT property names.
      v('BdeInstall', 'OSDBitLockerMode', 'string', { allowed: BITLOCKER_MODES, description: "MDT's property name for Mode (variable OSDBitLockerMode)." }),
      v('BdeKeyLocation', 'OSDBitLockerStartupKeyDrive', 'string', { description: "MDT's property name for StartupKeyDrive (variable OSDBitLockerStartupKeyDrive)." }),
      v('BdeRecoveryPassword', 'OSDBitLockerCreateRecoveryPassword', 'string', {
        allowed: ['None', 'AD'],
        description: "MDT's property name for CreateRecoveryPassword (variable OSDBitLockerCreateRecoveryPassword).",
      }),
      v('BdeTargetDriveLetter', 'OSDBitLockerTargetDrive', 'string', { description: "MDT's property name for TargetDrive (variable OSDBitLockerTargetDrive)." }),
    ],
  },
  {
    name: 'SMS_TaskSequence_DisableBitLockerAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Disable BitLocker',
    description: 'Suspends the BitLocker protectors of a drive for a number of restarts.',
    category: 'Disks',
    commandLine: 'OSDBitLocker.exe /disable <?1: /drive:%1>',
    defaultRunIn: 'FullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [
      // Variable name inferred from the OSDBitLocker prefix of RebootCount; never seen in the corpus.
      v('TargetDrive', 'OSDBitLockerTargetDrive', 'string', { commandLineArg: 1, hidden: true, description: 'Null = the current OS volume.' }),
      v('RebootCount', 'OSDBitLockerRebootCount', 'uint32', {
        default: 1,
        range: [1, 15],
        description: 'Restarts before protection resumes; OSDBitLockerRebootCountOverride (0-15, 0 = stay disabled) overrides it.',
      }),
    ],
  },
  {
    name: 'SMS_TaskSequence_OfflineEnableBitLockerAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Pre-provision BitLocker',
    description: 'Enables BitLocker on a volume from WinPE, before the OS is applied.',
    category: 'Disks',
    // SDK MOF args 1-5; "/full:%6" for EncryptFullDisk is inferred from exports ("/ignoretpm:True /full:False").
    commandLine: 'OSDOfflineBitlocker.exe /enable <?1: /disk:%1><?2: /part:%2><?3: /drive:%3><?4: /drive:%%%4%%><?5: /ignoretpm:%5><?6: /full:%6>',
    defaultRunIn: 'WinPE',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [
      // Variable names of the four destinations follow OSDBitLockerDestinationVariable (observed).
      v('DestinationDisk', 'OSDBitLockerDestinationDisk', 'uint32', { range: [0, 99], commandLineArg: 1, hidden: true }),
      v('DestinationPartition', 'OSDBitLockerDestinationPartition', 'uint32', { range: [1, 99], commandLineArg: 2, hidden: true }),
      v('DestinationLogicalDrive', 'OSDBitLockerDestinationLogicalDrive', 'string', { commandLineArg: 3, hidden: true, description: 'C: to Z:.' }),
      v('DestinationVariable', 'OSDBitLockerDestinationVariable', 'string', {
        commandLineArg: 4,
        hidden: true,
        description: 'Name of a variable holding the drive letter.',
      }),
      v('SkipWhenTPMInvalid', 'OSDBitLockerSkipWhenTPMInvalid', 'boolean', { commandLineArg: 5, hidden: true }),
      v('EncryptFullDisk', 'OSDBitLockerEncryptFullDisk', 'boolean', { commandLineArg: 6, hidden: true }),
      // Listed by REFERENCE; never seen in the corpus, variable name inferred from the prefix.
      v('EncryptMethod', 'OSDBitLockerEncryptMethod', 'uint32', { description: 'Encryption algorithm; 0 = not specified.' }),
    ],
  },
  {
    // MDT 2012/2013 "Create VHD Disk" step; seen in two MDT templates only.
    name: 'SMS_TaskSequence_VirtualHardDiskAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Create VHD Disk',
    description: 'MDT: creates (and attaches) a virtual hard disk to deploy into; observed only, no SDK class.',
    category: 'Disks',
    commandLine: 'Cscript.exe "%SCRIPTROOT%\\ZTIVHDCreate.wsf"',
    defaultRunIn: 'WinPEandFullOS',
    defaultSuccessCodes: '0',
    deprecated: true,
    source: 'observed',
    properties: [
      v('VHDInputVariable', 'VHDInputVariable', 'string'),
      v('VHDOutputVariable', 'VHDOutputVariable', 'string'),
      v('VHDCreateFileName', 'VHDCreateFileName', 'string'),
      v('VHDCreateDiffVHD', 'VHDCreateDiffVHD', 'string'),
      v('VHDCreateSizePercent', 'VHDCreateSizePercent', 'string'),
      v('VHDCreateSizeMax', 'VHDCreateSizeMax', 'string'),
      v('VHDCreateType', 'VHDCreateType', 'string'),
    ],
  },
];
