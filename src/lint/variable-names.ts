import { allClasses, variableOf } from '../model/catalog.js';

/**
 * Variable names ConfigMgr knows, for the variable rules: the read-only built-ins the engine sets
 * (REFERENCE.md §6.1), the writable behaviour variables (§6.2), the step inputs and outputs of §2,
 * and every variable of every step class in the catalog (a step's properties are variables, and an
 * administrator may set any of them as a collection variable).
 */

/** §6.1: set by the engine; `_`-prefixed, so nothing else can set them. */
export const ENGINE_VARIABLES: readonly string[] = [
  '_SMSTSAdvertID', '_SMSTSPackageID', '_SMSTSPackageName', '_SMSTSType', '_SMSTSBootImageID', '_SMSTSBootUEFI',
  '_SMSTSClientCache', '_SMSTSClientGUID', '_SMSTSCurrentActionName', '_SMSTSLastActionName', '_SMSTSLastActionRetCode',
  '_SMSTSLastActionSucceeded', '_SMSTSInWinPE', '_SMSTSLogPath', '_SMSTSMachineName', '_SMSTSMDataPath', '_SMSTSLaunchMode',
  '_SMSTSMediaType', '_SMSTSDownloadOnDemand', '_SMSTSRunFromDP', '_SMSTSLastContentDownloadLocation', '_SMSTSMP',
  '_SMSTSMPPort', '_SMSTSSiteCode', '_SMSTSUseSSL', '_SMSTSUseCRL', '_SMSTSOrgName', '_SMSTSTimezone', '_SMSTSUserStarted',
  '_SMSTSWTG', '_SMSTSOSUpgradeActionReturnCode', '_SMSTSSetupRollback', '_SMSTSMake', '_SMSTSModel', '_SMSTSSerialNumber',
  '_SMSTSAssetTag', '_SMSTSUUID', '_SMSTSMacAddresses', '_SMSTSIPAddresses', '_SMSTSDefaultGateways', '_OSDDetectedWinDir',
  '_OSDDetectedWinDrive', '_TSAppInstallStatus', '_TSSecureBoot', '_SMSTSTaskSequence', '_SMSTSUserStatePath',
  '_SMSTSAppInstallNeedsRetry', '_SMSTSCurrentActionName',
  // Check Readiness outputs (§2.2 item 8).
  '_TS_CRMEMORY', '_TS_CRSPEED', '_TS_CRDISK', '_TS_CROSTYPE', '_TS_CRARCH', '_TS_CRMINOSVER', '_TS_CRMAXOSVER',
  '_TS_CRCLIENTMINVER', '_TS_CROSLANGUAGE', '_TS_CRACPOWER', '_TS_CRNETWORK', '_TS_CRWIRED', '_TS_CRUEFI',
  '_TS_CRTPMACTIVATED', '_TS_CRTPMENABLED',
];

/** §6.2: writable variables that change the engine's behaviour. */
export const BEHAVIOUR_VARIABLES: readonly string[] = [
  'SMSTSRebootRequested', 'SMSTSRetryRequested', 'SMSTSRebootDelay', 'SMSTSRebootDelayNext', 'SMSTSRebootMessage',
  'SMSTSPostAction', 'SMSTSErrorDialogTimeout', 'SMSTSDisableWow64Redirection', 'SMSTSRunCommandLineAsUser',
  'SMSTSRunCommandLineUserName', 'SMSTSRunCommandLineUserPassword', 'SMSTSRunPowerShellAsUser', 'SMSTSRunPowerShellUserName',
  'SMSTSRunPowerShellUserPassword', 'SMSTSLocalDataDrive', 'SMSTSPersistContent', 'SMSTSPreserveContent',
  'SMSTSDownloadRetryCount', 'SMSTSDownloadRetryDelay', 'SMSTSDownloadProgram', 'SMSTSDownloadAbortCode',
  'SMSTSAllowTokenAuthURLForACP', 'SMSTSAssignmentsDownloadRetry', 'SMSTSAssignmentsDownloadInterval', 'SMSTSMP',
  'SMSTSMPListRequestTimeoutEnabled', 'SMSTSMPListRequestTimeout', 'SMSTSDriverRequestConnectTimeOut',
  'SMSTSDriverRequestResolveTimeOut', 'SMSTSDriverRequestSendTimeOut', 'SMSTSDriverRequestReceiveTimeOut',
  'SMSTSSoftwareUpdateScanTimeout', 'SMSTSWaitForSecondReboot', 'SMSTSWaitCcmexecOperationalTimeout', 'SMSTSPeerDownload',
  'SMSTSPeerRequestPort', 'SMSTSPreferredAdvertID', 'SMSTSUDAUsers', 'SMSTSAssignUsersMode', 'SMSTSDisableStatusRetry',
  'SMSTSLanguageFolder', 'TSDebugMode', 'TSDebugOnError', 'TSDisableProgressUI', 'TSProgressInfoLevel', 'TSErrorOnWarning',
  'TSUEFIDrive', 'OSDDoNotLogCommand', 'OSDLogPowerShellParameters', 'WorkingDirectory',
];

/** §6.2: deprecated variables. */
export const DEPRECATED_VARIABLES: readonly string[] = [
  'OSDAllowUnsignedDriver', 'OSDBuildStorageDriverList', 'OSDDiskpartBiosCompatibilityMode', 'OSDInstallEditionIndex', 'OSDPreserveDriveLetter',
];

/** Step inputs and outputs named in §2 beside the catalog's properties. */
export const STEP_EXTRA_VARIABLES: readonly string[] = [
  'OSDTargetSystemDrive', 'OSDTargetSystemRoot', 'OSDStateStorePath', 'OSDComputerName', 'OSDRegisteredOrgName', 'OSDTimeZone',
  'OsdLayeredDriver', 'OSDSetupAdditionalUpgradeOptions', 'SetupCompletePause', 'OSDAppInstallRetries', 'OSDAppInstallRetryTimeout',
  'OSDBitLockerRecoveryPassword', 'OSDBitLockerStartupKey', 'OSDRecoveryKeyPollingFrequency', 'OSDRecoveryKeyPollingTimeout',
  'OSDBitLockerRebootCountOverride', 'OSDMigrateAdditionalCaptureOptions', 'OSDMigrateAdditionalRestoreOptions',
  'OSDInstallDriversAdditionalOptions', 'OSDPreserveDriveLetter', 'SMSTSRunCommandLineOutputVariableName',
];

/** The variables of step classes (a condition expression's `<variable name="Operator">` is not a task sequence variable). */
function catalogVariables(): string[] {
  const out: string[] = [];
  for (const def of allClasses()) {
    if (def.role !== 'action' && def.role !== 'pointer') continue;
    for (const p of def.properties) {
      const v = variableOf(p);
      if (v) out.push(v.name);
    }
  }
  return out;
}

let known: Map<string, string> | undefined;

/** Every known name, by its lower-case form (names are case-insensitive, REFERENCE.md §5.7), to its usual spelling. */
export function knownVariables(): ReadonlyMap<string, string> {
  if (!known) {
    known = new Map();
    for (const n of [...ENGINE_VARIABLES, ...BEHAVIOUR_VARIABLES, ...DEPRECATED_VARIABLES, ...STEP_EXTRA_VARIABLES, ...catalogVariables()]) {
      if (!known.has(n.toLowerCase())) known.set(n.toLowerCase(), n);
    }
  }
  return known;
}

/**
 * Array variables name an element: `<base><index><field>` (OSDAdapter0EnableDHCP, OSDPartitions0Size,
 * REFERENCE.md §2.1, §5.7). A name of that shape whose base is known is known.
 */
export function isKnownVariable(name: string): boolean {
  const lower = name.trim().toLowerCase();
  const names = knownVariables();
  if (names.has(lower)) return true;
  const m = /^([a-z_]+?)(\d+)([a-z_]*)$/i.exec(lower);
  return m !== null && names.has(m[1]!);
}

/** Names ConfigMgr accepts (REFERENCE.md §5.7): letters, digits, `_` and `-`, 1 to 256 characters. */
export const VARIABLE_NAME_SHAPE = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * Windows environment variables: a `%NAME%` the task sequence does not define stays as written
 * (REFERENCE.md §9) and cmd.exe or the program expands it, so these are not task sequence reads.
 */
export const WINDOWS_ENVIRONMENT: ReadonlySet<string> = new Set(
  [
    'windir', 'SystemRoot', 'SystemDrive', 'ProgramFiles', 'ProgramW6432', 'ProgramData', 'ALLUSERSPROFILE', 'APPDATA',
    'LOCALAPPDATA', 'TEMP', 'TMP', 'USERPROFILE', 'USERNAME', 'USERDOMAIN', 'USERDNSDOMAIN', 'COMPUTERNAME', 'ComSpec', 'PATH',
    'PATHEXT', 'PROCESSOR_ARCHITECTURE', 'PROCESSOR_ARCHITEW6432', 'PROCESSOR_IDENTIFIER', 'PROCESSOR_LEVEL',
    'PROCESSOR_REVISION', 'NUMBER_OF_PROCESSORS', 'OS', 'PUBLIC', 'HOMEDRIVE', 'HOMEPATH', 'HOMESHARE', 'LOGONSERVER',
    'CommonProgramFiles', 'CommonProgramW6432', 'DATE', 'TIME', 'CD', 'RANDOM', 'ERRORLEVEL', 'CMDCMDLINE', 'CMDEXTVERSION',
    'SystemTemp', 'DriverData', 'PSModulePath', 'SESSIONNAME', 'ClientName', 'OneDrive', 'WINDIR', 'PSExecutionPolicyPreference',
  ].map((n) => n.toLowerCase()),
);
