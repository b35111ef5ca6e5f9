import type { ClassDef, PropertyDef, ValueType } from '../class-def.js';

type Extra = Omit<PropertyDef, 'name' | 'type' | 'xml'> & { readonly hidden?: boolean };

/** A property written as `<variable name="variable" property="name">` in the step's defaultVarList (REFERENCE.md §2.1). */
function v(name: string, variable: string, type: ValueType, extra: Extra = {}): PropertyDef {
  const { hidden, ...rest } = extra;
  return { name, type, ...rest, xml: hidden === true ? { kind: 'variable', name: variable, hidden: true } : { kind: 'variable', name: variable } };
}

/** The "User State" steps (REFERENCE.md §2.2 items 19-22). */
export const userStateActions: readonly ClassDef[] = [
  {
    name: 'SMS_TaskSequence_RequestStateStoreAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Request State Store',
    description: 'Asks a state migration point for a place to capture user state to, or to restore it from.',
    category: 'User State',
    commandLine: 'osdsmpclient.exe /%1',
    variablePrefix: 'OSDState',
    // SDK FullOS; observed WinPEandFullOS (REFERENCE.md §2.2 item 19).
    defaultRunIn: 'WinPEandFullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [
      v('RequestType', 'OSDStateRequestType', 'string', { required: true, allowed: ['capture', 'restore'], commandLineArg: 1, hidden: true }),
      v('SMPRetryCount', 'OSDStateSMPRetryCount', 'uint32', { range: [0, 30], global: true, hidden: true, description: 'Tries to find a state migration point.' }),
      v('SMPRetryTime', 'OSDStateSMPRetryTime', 'uint32', { range: [0, 600], global: true, hidden: true, description: 'Seconds between tries.' }),
      v('FallbackToNAA', 'OSDStateFallbackToNAA', 'boolean', { default: false, description: 'Use the network access account when the computer account cannot connect.' }),
    ],
  },
  {
    name: 'SMS_TaskSequence_CaptureUserStateAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Capture User State',
    description: 'Captures user files and settings with USMT into the state store.',
    category: 'User State',
    commandLine: 'osdmigrateuserstate.exe /collect /continueOnError:%%OSDMigrateContinueOnLockedFiles%% /skipefs:%%OSDMigrateSkipEncryptedFiles%%',
    variablePrefix: 'OSDMigrate',
    defaultRunIn: 'FullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [
      v('UsmtPackageID', '_OSDMigrateUsmtPackageID', 'string', { required: true, description: 'Package holding the USMT binaries.' }),
      v('Mode', 'OSDMigrateMode', 'string', { required: true, default: 'Simple', allowed: ['Simple', 'Advanced'], description: 'Advanced uses ConfigFiles.' }),
      { name: 'ConfigFiles', type: 'string', array: true, description: 'USMT XML files for Advanced mode.', xml: { kind: 'variable', name: 'OSDMigrateConfigFiles' } },
      v('ContinueOnLockedFiles', 'OSDMigrateContinueOnLockedFiles', 'boolean', { required: true, default: true }),
      v('EnableVerboseLogging', 'OSDMigrateEnableVerboseLogging', 'boolean', { required: true, default: false }),
      v('FileAccess', 'OSDMigrateFileAccess', 'string', { required: true, default: 'Normal', allowed: ['Normal', 'VSS'] }),
      v('OfflineUserState', '_OSDMigrateOfflineUserState', 'boolean', { required: true, default: false, description: 'Capture from WinPE (offline).' }),
      v('SkipEncryptedFiles', 'OSDMigrateSkipEncryptedFiles', 'boolean', { required: true, default: false }),
      v('UseHardlinks', '_OSDMigrateUseHardlinks', 'boolean', { required: true, default: false }),
    ],
  },
  {
    name: 'SMS_TaskSequence_RestoreUserStateAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Restore User State',
    description: 'Restores captured user files and settings with USMT.',
    category: 'User State',
    commandLine: 'osdmigrateuserstate.exe /apply /continueOnError:%%OSDMigrateContinueOnRestore%%',
    defaultRunIn: 'FullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [
      v('UsmtRestorePackageID', '_OSDMigrateUsmtRestorePackageID', 'string', { description: 'Package holding the USMT binaries.' }),
      v('ContinueOnRestore', 'OSDMigrateContinueOnRestore', 'boolean', { default: true }),
      v('LocalAccounts', 'OSDMigrateLocalAccounts', 'boolean', { description: 'Also restore local accounts.' }),
      v('LocalAccountPassword', 'OSDMigrateLocalAccountPassword', 'string', { secret: 'secret' }),
      v('Mode', 'OSDMigrateMode', 'string', { allowed: ['Simple', 'Advanced'] }),
      { name: 'ConfigFiles', type: 'string', array: true, description: 'USMT XML files for Advanced mode.', xml: { kind: 'variable', name: 'OSDMigrateConfigFiles' } },
      v('EnableVerboseLogging', 'OSDMigrateEnableVerboseLogging', 'boolean'),
    ],
  },
  {
    name: 'SMS_TaskSequence_ReleaseStateStoreAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Release State Store',
    description: 'Tells the state migration point that the restore is done so the stored state can be released.',
    category: 'User State',
    commandLine: 'osdsmpclient.exe /release',
    defaultRunIn: 'FullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [],
  },
];
