import type { ClassDef, PropertyDef, ValueType } from '../class-def.js';

type Extra = Omit<PropertyDef, 'name' | 'type' | 'xml'> & { readonly hidden?: boolean };

/** A property written as `<variable name="variable" property="name">` in the step's defaultVarList (REFERENCE.md §2.1). */
function v(name: string, variable: string, type: ValueType, extra: Extra = {}): PropertyDef {
  const { hidden, ...rest } = extra;
  return { name, type, ...rest, xml: hidden === true ? { kind: 'variable', name: variable, hidden: true } : { kind: 'variable', name: variable } };
}

/** The "General" steps (REFERENCE.md §2.2 items 1-9) and the Run Task Sequence pointer. */
export const generalActions: readonly ClassDef[] = [
  {
    name: 'SMS_TaskSequence_RunCommandLineAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Run Command Line',
    description: 'Runs a command line, optionally from a package and as another user.',
    category: 'General',
    commandLine: 'smsswd.exe /run:%1 %2',
    defaultRunIn: 'WinPEandFullOS',
    defaultSuccessCodes: '0 3010',
    source: 'configmgr',
    properties: [
      // Hidden per REFERENCE (CommandLineArg); MDT-edited files often write it without hidden="true".
      v('PackageID', 'PackageID', 'string', { commandLineArg: 1, hidden: true }),
      v('CommandLine', 'CommandLine', 'string', { required: true, length: [1, 32000], commandLineArg: 2, hidden: true }),
      // WMI AllowedLen 0-255; the console's "Start in" box stops at 127.
      v('WorkingDirectory', 'WorkingDirectory', 'string', { length: [0, 255] }),
      v('DisableWow64Redirection', 'SMSTSDisableWow64Redirection', 'boolean', { required: true, default: false }),
      v('OutputVariableName', 'SMSTSRunCommandLineOutputVariableName', 'string', {
        description: 'Task sequence variable that receives the last 1000 characters of the command output.',
      }),
      v('RunAsUser', '_SMSTSRunCommandLineAsUser', 'boolean', {
        default: false,
        description: 'Run the command as UserName. MDT templates write it as variable RunAsUser instead of _SMSTSRunCommandLineAsUser.',
      }),
      v('UserName', 'SMSTSRunCommandLineUserName', 'string'),
      v('UserPassword', 'SMSTSRunCommandLineUserPassword', 'string', { secret: 'secret' }),
      v('SuccessCodes', 'SuccessCodes', 'string', { required: true, default: '0 3010', hidden: true }),
      // The next three are written by MDT (Workbench / MDT-integrated console), not by ConfigMgr's own editor.
      v('LoadProfile', 'LoadProfile', 'boolean', { default: false, description: 'MDT: load the run-as user profile.' }),
      v('SMSTSRunCommandLineUserName', 'SMSTSRunCommandLineUserName', 'string', {
        description: "MDT's spelling of UserName: same variable, property named after the variable.",
      }),
      v('SMSTSRunCommandLineUserPassword', 'SMSTSRunCommandLineUserPassword', 'string', {
        secret: 'secret',
        description: "MDT's spelling of UserPassword: same variable, property named after the variable.",
      }),
      // Observed on one step only: an MDT Validate step whose type was changed to Run Command Line kept them.
      v('ImageMemory', 'ImageMemory', 'string', { description: 'Observed once: left over from an MDT Validate step (BDD_Validate).' }),
      v('ImageProcessorSpeed', 'ImageProcessorSpeed', 'string', { description: 'Observed once: left over from an MDT Validate step (BDD_Validate).' }),
      v('ImageSize', 'ImageSize', 'string', { description: 'Observed once: left over from an MDT Validate step (BDD_Validate).' }),
      v('VerifyOS', 'VerifyOS', 'string', { description: 'Observed once: left over from an MDT Validate step (BDD_Validate).' }),
    ],
  },
  {
    name: 'SMS_TaskSequence_RunPowerShellScriptAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Run PowerShell Script',
    description: 'Runs a PowerShell script from a package or an inline script stored in the step.',
    category: 'General',
    commandLine: 'OSDRunPowerShellScript.exe',
    defaultRunIn: 'WinPEandFullOS',
    defaultSuccessCodes: '0 3010',
    source: 'configmgr',
    properties: [
      // SDK default Restricted; the console offers AllSigned / Undefined / Bypass.
      v('ExecutionPolicy', 'OSDRunPowerShellScriptExecutionPolicy', 'string', {
        default: 'Restricted',
        allowed: ['Restricted', 'AllSigned', 'RemoteSigned', 'Unrestricted', 'Bypass', 'Undefined'],
      }),
      v('OutputVariableName', 'OSDRunPowerShellScriptOutputVariableName', 'string'),
      v('PackageID', 'OSDRunPowerShellScriptPackageID', 'string', { description: 'Package holding the script; required when SourceScript is empty.' }),
      v('ScriptName', 'OSDRunPowerShellScriptScriptName', 'string'),
      v('SourceScript', 'OSDRunPowerShellScriptSourceScript', 'string', {
        description: 'Inline script: base64 of its UTF-16 LE text with BOM.',
      }),
      // Parameters are not logged unless OSDLogPowerShellParameters=TRUE.
      v('Parameters', 'OSDRunPowerShellScriptParameters', 'string', { required: true }),
      v('SuccessCodes', 'OSDRunPowerShellScriptSuccessCodes', 'string', { default: '0 3010', hidden: true }),
      v('RunAsUser', '_SMSTSRunPowerShellAsUser', 'boolean'),
      v('UserName', 'SMSTSRunPowerShellUserName', 'string'),
      v('UserPassword', 'SMSTSRunPowerShellUserPassword', 'string', { secret: 'secret' }),
      v('WorkingDirectory', 'SMSTSRunPowerShellWorkingDirectory', 'string'),
    ],
  },
  {
    name: 'SMS_TaskSequence_SetDynamicVariablesAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Set Dynamic Variables',
    description: 'Gathers machine facts, then sets the variables of every rule whose condition matches.',
    category: 'General',
    commandLine: 'OSDSetDynamicVariables.exe',
    defaultRunIn: 'WinPEandFullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [
      v('Rules', 'OSDSetDynamicVariablesRules', 'string', {
        description: 'An escaped <Rules> XML document: each <Rule> has an optional <condition> and the <Variables> it sets.',
      }),
    ],
  },
  {
    name: 'SMS_TaskSequence_JoinDomainWorkgroupAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Join Domain or Workgroup',
    description: 'Joins the running Windows to a domain or a workgroup.',
    category: 'General',
    commandLine: 'osdjoin.exe /type:%%OSDJoinType%%',
    variablePrefix: 'OSDJoin',
    defaultRunIn: 'FullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [
      v('Type', 'OSDJoinType', 'uint32', { allowed: ['0', '1'], description: '0 join a domain, 1 join a workgroup.' }),
      v('DomainName', 'OSDJoinDomainName', 'string', { length: [1, 255] }),
      v('DomainOUName', 'OSDJoinDomainOUName', 'string', { length: [0, 32767], description: 'LDAP path of the OU, LDAP://OU=...' }),
      v('DomainUsername', 'OSDJoinAccount', 'string'),
      v('DomainPassword', 'OSDJoinPassword', 'string', { secret: 'secret' }),
      v('WorkgroupName', 'OSDJoinWorkgroupName', 'string', { length: [1, 32] }),
      v('SkipReboot', 'OSDJoinSkipReboot', 'boolean'),
    ],
  },
  {
    name: 'SMS_TaskSequence_ConnectNetworkFolderAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Connect to Network Folder',
    description: 'Maps a network share to a drive letter with the given account.',
    category: 'General',
    commandLine: 'smsnetuse.exe %%SMSConnectNetworkFolderPath%%',
    variablePrefix: 'SMSConnectNetworkFolder',
    // Observed WinPEandFullOS (REFERENCE.md §2.2 item 5).
    defaultRunIn: 'WinPEandFullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [
      v('Path', 'SMSConnectNetworkFolderPath', 'string'),
      v('DriveLetter', 'SMSConnectNetworkFolderDriveLetter', 'string', { description: 'D: to Z:, never X: (the WinPE system drive).' }),
      v('Username', 'SMSConnectNetworkFolderAccount', 'string', { required: true }),
      v('Password', 'SMSConnectNetworkFolderPassword', 'string', { required: true, secret: 'secret' }),
    ],
  },
  {
    name: 'SMS_TaskSequence_RebootAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Restart Computer',
    description: 'Restarts into the installed OS or the boot image; the sequence continues with the next step.',
    category: 'General',
    commandLine: 'smsboot.exe /target:%1',
    variablePrefix: 'SMSReboot',
    defaultRunIn: 'WinPEandFullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [
      v('Target', 'SMSRebootTarget', 'string', {
        required: true,
        allowed: ['HD', 'WinPE'],
        commandLineArg: 1,
        hidden: true,
        description: 'HD = the installed OS, WinPE = the boot image. MDT templates write it as variable Target.',
      }),
      v('Message', 'SMSRebootMessage', 'string', { length: [0, 512], description: 'Notification text. MDT templates write it as variable Message.' }),
      // SDK: default 0 (no notification); the console proposes 60.
      v('MessageTimeout', 'SMSRebootTimeout', 'uint32', {
        default: 0,
        description: 'Seconds the notification shows before the restart; 0 = none. MDT templates write it as variable MessageTimeout.',
      }),
    ],
  },
  {
    name: 'SMS_TaskSequence_SetVariableAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Set Task Sequence Variable',
    description: 'Sets one task sequence variable; an empty value deletes it.',
    category: 'General',
    // SDK MOF: tsenv.exe \"%1=%2\"; current exports add /hiddenflag:True|False from DoNotShowVariableValue
    // (older exports, without that property, have no /hiddenflag) — hence the conditional part.
    commandLine: 'tsenv.exe "%1=%2"<?3: /hiddenflag:%3>',
    defaultRunIn: 'WinPEandFullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [
      v('VariableName', 'VariableName', 'string', { required: true, length: [1, 256], commandLineArg: 1, hidden: true }),
      // The value may reference %othervar%; "" deletes the variable.
      v('VariableValue', 'VariableValue', 'string', { length: [0, 4001], commandLineArg: 2, hidden: true }),
      v('DoNotShowVariableValue', 'DoNotShowVariableValue', 'boolean', {
        commandLineArg: 3,
        hidden: true,
        description: 'Hide the value in logs and the console (written as /hiddenflag on the command line).',
      }),
      v('HiddenVariableValue', 'HiddenVariableValue', 'string'),
    ],
  },
  {
    name: 'SMS_TaskSequence_PrestartCheckAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Check Readiness',
    description: 'Fails the step when an enabled hardware or OS prerequisite check is not met.',
    category: 'General',
    // Observed exactly so, with the trailing space, in every export.
    commandLine: 'OSDPrestartCheck.exe ',
    // SDK FullOS; observed WinPEandFullOS (REFERENCE.md §2.2 item 8).
    defaultRunIn: 'WinPEandFullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [
      v('CheckMemory', 'OSDCheckMemory', 'boolean', { default: true }),
      v('Memory', 'OSDMemory', 'uint32', { default: 512, description: 'Minimum memory in MB.' }),
      v('CheckProcessorSpeed', 'OSDCheckProcessorSpeed', 'boolean', { default: true }),
      v('ProcessorSpeed', 'OSDProcessorSpeed', 'uint32', { default: 800, description: 'Minimum processor speed in MHz.' }),
      v('CheckFreeDiskSpace', 'OSDCheckFreeDiskSpace', 'boolean', { default: true }),
      v('FreeDiskSpace', 'OSDFreeDiskSpace', 'uint32', { default: 25000, description: 'Minimum free disk space in MB.' }),
      v('CheckOSType', 'OSDCheckOSType', 'boolean', { default: true }),
      v('OSType', 'OSDOSType', 'string', { default: 'CLIENT', allowed: ['CLIENT', 'SERVER'] }),
      v('CheckOSArchitecture', 'OSDCheckOSArchitecture', 'boolean', { default: false }),
      v('OSArchitecture', 'OSDOSArchitecture', 'string', { default: '64', allowed: ['', '32', '64'] }),
      v('CheckMinOSVersion', 'OSDCheckMinOSVersion', 'boolean', { default: false }),
      v('MinOSVersion', 'OSDMinOSVersion', 'string', { description: 'For example 10.0.16299.' }),
      // Note the variable's spelling: OSDCheckMaxOsVersion.
      v('CheckMaxOSVersion', 'OSDCheckMaxOsVersion', 'boolean', { default: false }),
      v('MaxOSVersion', 'OSDMaxOSVersion', 'string'),
      v('CheckCMClientMinVersion', 'OSDCheckCMClientMinVersion', 'boolean', { default: false }),
      v('CMClientMinVersion', 'OSDCMClientMinVersion', 'string', { description: 'For example 5.00.xxxx.xxxx.' }),
      v('CheckOSLanguageID', 'OSDCheckOSLanguageID', 'boolean', { default: false }),
      v('OSLanguageID', 'OSDOSLanguageID', 'string', { description: 'LCID compared with Win32_OperatingSystem.OSLanguage, e.g. 1033.' }),
      v('CheckPowerState', 'OSDCheckPowerState', 'boolean', { default: false }),
      v('CheckNetworkConnected', 'OSDCheckNetworkConnected', 'boolean', { default: false }),
      v('CheckNetworkWired', 'OSDCheckNetworkWired', 'boolean', { default: false }),
      v('CheckDeviceUEFI', 'OSDCheckDeviceUEFI', 'boolean', { default: false }),
      // Newer TPM checks, observed only (REFERENCE.md §10).
      v('CheckTpmActivated', 'OSDCheckDeviceTpmActivated', 'boolean'),
      v('CheckTpmEnabled', 'OSDCheckDeviceTpmEnabled', 'boolean'),
    ],
  },
  {
    name: 'SMS_TaskSequence_SubTasksequence',
    parent: 'SMS_TaskSequence_Pointer',
    role: 'pointer',
    element: 'subtasksequence',
    displayName: 'Run Task Sequence',
    description: 'Runs another task sequence as a child of this one; written as <subtasksequence> without runIn.',
    category: 'General',
    commandLine: 'SubTasksequence.exe',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [
      v('TsPackageID', 'OSDSubTasksequencePackageID', 'string'),
      v('TsName', 'OSDSubTasksequenceTsName', 'string', { description: 'Formatted "<PackageID>, <Name>".' }),
      v('TsReferencePackages', 'OSDSubTasksequenceTsReferencePackages', 'string', { description: "Comma-separated package IDs the child references." }),
      v('TsReferenceApplications', 'OSDSubTasksequenceTsReferenceApplications', 'string', {
        description: "Comma-separated application model names the child references.",
      }),
      // Seen once, in an MDT sequence (a step with action "cmd.exe /c exit 9999").
      v('SubTaskSequenceGUID', 'SubTaskSequenceGUID', 'string', { description: 'Observed once in an MDT-edited file.' }),
      v('SubTaskSequenceID', 'SubTaskSequenceID', 'string', { description: 'Observed once in an MDT-edited file.' }),
    ],
  },
];
