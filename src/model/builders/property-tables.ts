/**
 * The properties of each built-in step class, as data the TypeScript types are derived from.
 *
 * The catalog (../catalog/*.ts) is runtime data typed `ClassDef`, so the compiler cannot see its
 * property names. These tables list them once more, sorted by the type a property holds in the model,
 * and `PropertiesOf<table>` turns a table into the props interface of a builder. builders.test.ts checks
 * every table against the catalog (same names, same types, same allowed values, same required
 * properties), so the types cannot drift from the catalog unnoticed.
 *
 * What goes where:
 * - `strings`: string and datetime properties, and WMI string arrays (CategoryList, ConfigFiles,
 *   DNSSuffixSearchOrder): the model holds those as the text of their one `<variable>`, as the reader
 *   gives it; the XML form of several elements is not known (no corpus file has one).
 * - `booleans`, `numbers` (uint32 / sint32): typed values, or a `%VARIABLE%` reference, which is legal
 *   at run time and which the reader keeps as a string.
 * - `choices`: string properties with a ValueMap: the allowed values as the catalog spells them.
 * - `lists`: embedded-object arrays (Partitions, Adapters, AppInfo, PackageInfo), by element table.
 * - `required`: Not_Null properties without a class default; a builder throws a TypeError without them.
 * The step attributes every action shares (runIn, timeout, …) are not listed: see step-options.ts.
 */

/** A reference to a task sequence variable, expanded at run time (`%OSDDiskIndex%`). */
export type VariableReference = `%${string}%`;

export interface PropertyTable {
  /** The WMI class (the model's `__CLASS`). */
  readonly className: string;
  readonly strings?: readonly string[];
  readonly booleans?: readonly string[];
  readonly numbers?: readonly string[];
  readonly choices?: { readonly [property: string]: readonly string[] };
  readonly lists?: { readonly [property: string]: PropertyTable };
  readonly required?: readonly string[];
}

type Names<T, Bucket extends keyof PropertyTable> = T extends { readonly [B in Bucket]: readonly (infer K)[] } ? K & string : never;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

type OptionalProperties<T extends PropertyTable> = { readonly [K in Names<T, 'strings'>]?: string } & {
  readonly [K in Names<T, 'booleans'>]?: boolean | VariableReference;
} & { readonly [K in Names<T, 'numbers'>]?: number | VariableReference } & (T extends { readonly choices: infer C }
    ? { readonly [K in keyof C]?: C[K] extends readonly (infer V)[] ? V : never }
    : unknown) &
  (T extends { readonly lists: infer L } ? { readonly [K in keyof L]?: readonly (L[K] extends PropertyTable ? PropertiesOf<L[K]> : never)[] } : unknown);

/** The props interface of a table: every property optional except the required ones. */
export type PropertiesOf<T extends PropertyTable> = Simplify<
  Omit<OptionalProperties<T>, Names<T, 'required'>> & { readonly [K in Names<T, 'required'> & keyof OptionalProperties<T>]-?: Exclude<OptionalProperties<T>[K], undefined> }
>;

/** True when a table has required properties: its builder's props argument is then not optional. */
export type HasRequired<T extends PropertyTable> = [Names<T, 'required'>] extends [never] ? false : true;

// ---- embedded classes (REFERENCE.md §1.6) ----

export const PARTITION_SETTINGS = {
  className: 'SMS_TaskSequence_PartitionSettings',
  strings: ['VolumeLetterVariable', 'VolumeName'],
  booleans: ['AssignVolumeLetter', 'Bootable', 'QuickFormat'],
  numbers: ['Size'],
  choices: {
    FileSystem: ['FAT32', 'NTFS'],
    SizeUnits: ['MB', 'GB', 'Percent', '%'],
    Type: ['Primary', 'Extended', 'Logical', 'Hidden', 'EFI', 'MSR', 'Recovery'],
  },
  required: ['QuickFormat', 'Type'],
} as const satisfies PropertyTable;

export const APPLICATION_INFO = {
  className: 'SMS_TaskSequence_ApplicationInfo',
  strings: ['Description', 'DisplayName', 'Name'],
} as const satisfies PropertyTable;

export const PACKAGE_INFO = {
  className: 'SMS_TaskSequence_PackageInfo',
  strings: ['Name', 'PackageId'],
  numbers: ['PkgType', 'Size'],
} as const satisfies PropertyTable;

export const NETWORK_ADAPTER_SETTINGS = {
  className: 'SMS_TaskSequence_NetworkAdapterSettings',
  strings: ['DNSServerList', 'Gateways', 'IPAddressList', 'IPProtocolFilterList', 'MACAddress', 'Name', 'SubnetMask', 'TCPFilterPortList', 'UDPFilterPortList', 'WINSServerList'],
  booleans: [
    'EnableDHCP',
    'EnableDNSRegistration',
    'EnableFullDNSRegistration',
    'EnableIPProtocolFiltering',
    'EnableLMHOSTS',
    'EnableTCPFiltering',
    'EnableUDPFiltering',
    'EnableWINS',
  ],
  numbers: ['GatewayCostMetric', 'Index', 'TcpipNetbiosOptions'],
  required: [
    'EnableDHCP',
    'EnableDNSRegistration',
    'EnableFullDNSRegistration',
    'EnableIPProtocolFiltering',
    'EnableLMHOSTS',
    'EnableTCPFiltering',
    'EnableUDPFiltering',
    'EnableWINS',
    'MACAddress',
  ],
} as const satisfies PropertyTable;

// ---- General (REFERENCE.md §2.2 items 1-9) ----

export const RUN_COMMAND_LINE = {
  className: 'SMS_TaskSequence_RunCommandLineAction',
  strings: [
    'PackageID',
    'CommandLine',
    'WorkingDirectory',
    'OutputVariableName',
    'UserName',
    'UserPassword',
    'SuccessCodes',
    'SMSTSRunCommandLineUserName',
    'SMSTSRunCommandLineUserPassword',
    'ImageMemory',
    'ImageProcessorSpeed',
    'ImageSize',
    'VerifyOS',
  ],
  booleans: ['DisableWow64Redirection', 'RunAsUser', 'LoadProfile'],
  required: ['CommandLine'],
} as const satisfies PropertyTable;

export const RUN_POWERSHELL_SCRIPT = {
  className: 'SMS_TaskSequence_RunPowerShellScriptAction',
  strings: ['OutputVariableName', 'PackageID', 'ScriptName', 'SourceScript', 'Parameters', 'SuccessCodes', 'UserName', 'UserPassword', 'WorkingDirectory'],
  booleans: ['RunAsUser'],
  choices: { ExecutionPolicy: ['Restricted', 'AllSigned', 'RemoteSigned', 'Unrestricted', 'Bypass', 'Undefined'] },
  required: ['Parameters'],
} as const satisfies PropertyTable;

export const SET_DYNAMIC_VARIABLES = {
  className: 'SMS_TaskSequence_SetDynamicVariablesAction',
  strings: ['Rules'],
} as const satisfies PropertyTable;

export const JOIN_DOMAIN_WORKGROUP = {
  className: 'SMS_TaskSequence_JoinDomainWorkgroupAction',
  strings: ['DomainName', 'DomainOUName', 'DomainUsername', 'DomainPassword', 'WorkgroupName'],
  booleans: ['SkipReboot'],
  numbers: ['Type'],
} as const satisfies PropertyTable;

export const CONNECT_NETWORK_FOLDER = {
  className: 'SMS_TaskSequence_ConnectNetworkFolderAction',
  strings: ['Path', 'DriveLetter', 'Username', 'Password'],
  required: ['Username', 'Password'],
} as const satisfies PropertyTable;

export const RESTART_COMPUTER = {
  className: 'SMS_TaskSequence_RebootAction',
  strings: ['Message'],
  numbers: ['MessageTimeout'],
  choices: { Target: ['HD', 'WinPE'] },
  required: ['Target'],
} as const satisfies PropertyTable;

export const SET_VARIABLE = {
  className: 'SMS_TaskSequence_SetVariableAction',
  strings: ['VariableName', 'VariableValue', 'HiddenVariableValue'],
  booleans: ['DoNotShowVariableValue'],
  required: ['VariableName'],
} as const satisfies PropertyTable;

export const CHECK_READINESS = {
  className: 'SMS_TaskSequence_PrestartCheckAction',
  strings: ['MinOSVersion', 'MaxOSVersion', 'CMClientMinVersion', 'OSLanguageID'],
  booleans: [
    'CheckMemory',
    'CheckProcessorSpeed',
    'CheckFreeDiskSpace',
    'CheckOSType',
    'CheckOSArchitecture',
    'CheckMinOSVersion',
    'CheckMaxOSVersion',
    'CheckCMClientMinVersion',
    'CheckOSLanguageID',
    'CheckPowerState',
    'CheckNetworkConnected',
    'CheckNetworkWired',
    'CheckDeviceUEFI',
    'CheckTpmActivated',
    'CheckTpmEnabled',
  ],
  numbers: ['Memory', 'ProcessorSpeed', 'FreeDiskSpace'],
  choices: { OSType: ['CLIENT', 'SERVER'], OSArchitecture: ['', '32', '64'] },
} as const satisfies PropertyTable;

/** Run Task Sequence: a pointer, not an action (no Timeout, no startIn). */
export const RUN_TASK_SEQUENCE = {
  className: 'SMS_TaskSequence_SubTasksequence',
  strings: ['TsPackageID', 'TsName', 'TsReferencePackages', 'TsReferenceApplications', 'SubTaskSequenceGUID', 'SubTaskSequenceID'],
} as const satisfies PropertyTable;

// ---- Software (items 10-13) ----

export const INSTALL_APPLICATION = {
  className: 'SMS_TaskSequence_InstallApplicationAction',
  strings: ['ApplicationName', 'BaseVariableName'],
  booleans: ['ContinueOnInstallError', 'ClearCache'],
  numbers: ['NumApps'],
  lists: { AppInfo: APPLICATION_INFO },
} as const satisfies PropertyTable;

export const INSTALL_PACKAGE = {
  className: 'SMS_TaskSequence_InstallSoftwareAction',
  strings: ['PackageID', 'ProgramName', 'BaseVariableName'],
  booleans: ['ContinueOnInstallError'],
} as const satisfies PropertyTable;

export const INSTALL_SOFTWARE_UPDATES = {
  className: 'SMS_TaskSequence_InstallUpdateAction',
  booleans: ['UseCache'],
  choices: { Target: ['Mandatory', 'All'] },
} as const satisfies PropertyTable;

export const DOWNLOAD_PACKAGE_CONTENT = {
  className: 'SMS_TaskSequence_DownloadPackageContentAction',
  strings: ['DownloadPackages', 'DestinationCustomPath', 'DestinationVariable'],
  booleans: ['ContinueDownloadOnError'],
  numbers: ['NumPackages'],
  choices: { DestinationLocationType: ['TSCache', 'CCMCache', 'Custom'] },
  lists: { PackageInfo: PACKAGE_INFO },
  required: ['DownloadPackages'],
} as const satisfies PropertyTable;

// ---- Disks (items 14-18) ----

export const FORMAT_AND_PARTITION_DISK = {
  className: 'SMS_TaskSequence_PartitionDiskAction',
  strings: ['DiskIndexVariable', 'DONotCreateExtraPartition', 'OSDDiskPartitions1Type', 'OSDDiskPartDoNotRemoveOEMPartitions'],
  booleans: ['DiskpartBiosCompatibilityMode', 'GPTBootDisk'],
  numbers: ['DiskIndex'],
  choices: { DiskType: ['DYNAMIC', 'BASIC'], PartitionStyle: ['GPT', 'MBR'] },
  lists: { Partitions: PARTITION_SETTINGS },
  required: ['DiskIndex', 'PartitionStyle', 'Partitions'],
} as const satisfies PropertyTable;

export const CONVERT_DISK = {
  className: 'SMS_TaskSequence_ConvertDiskAction',
  numbers: ['DiskIndex'],
} as const satisfies PropertyTable;

const BITLOCKER_MODES = ['TPM', 'Key', 'TPMAndKey', 'TPMAndPIN'] as const;

export const ENABLE_BITLOCKER = {
  className: 'SMS_TaskSequence_EnableBitLockerAction',
  strings: ['TargetDrive', 'StartupKeyDrive', 'PIN', 'BdeKeyLocation', 'BdeTargetDriveLetter'],
  booleans: ['WaitForEncryption', 'EncryptFullDisk', 'SkipWhenNoValidTPM'],
  numbers: ['EncryptMethod'],
  choices: { Mode: BITLOCKER_MODES, CreateRecoveryPassword: ['None', 'AD'], BdeInstall: BITLOCKER_MODES, BdeRecoveryPassword: ['None', 'AD'] },
} as const satisfies PropertyTable;

export const DISABLE_BITLOCKER = {
  className: 'SMS_TaskSequence_DisableBitLockerAction',
  strings: ['TargetDrive'],
  numbers: ['RebootCount'],
} as const satisfies PropertyTable;

export const PRE_PROVISION_BITLOCKER = {
  className: 'SMS_TaskSequence_OfflineEnableBitLockerAction',
  strings: ['DestinationLogicalDrive', 'DestinationVariable'],
  booleans: ['SkipWhenTPMInvalid', 'EncryptFullDisk'],
  numbers: ['DestinationDisk', 'DestinationPartition', 'EncryptMethod'],
} as const satisfies PropertyTable;

// ---- User State (items 19-22) ----

export const REQUEST_STATE_STORE = {
  className: 'SMS_TaskSequence_RequestStateStoreAction',
  booleans: ['FallbackToNAA'],
  numbers: ['SMPRetryCount', 'SMPRetryTime'],
  choices: { RequestType: ['capture', 'restore'] },
  required: ['RequestType'],
} as const satisfies PropertyTable;

export const CAPTURE_USER_STATE = {
  className: 'SMS_TaskSequence_CaptureUserStateAction',
  strings: ['UsmtPackageID', 'ConfigFiles'],
  booleans: ['ContinueOnLockedFiles', 'EnableVerboseLogging', 'OfflineUserState', 'SkipEncryptedFiles', 'UseHardlinks'],
  choices: { Mode: ['Simple', 'Advanced'], FileAccess: ['Normal', 'VSS'] },
  required: ['UsmtPackageID'],
} as const satisfies PropertyTable;

export const RESTORE_USER_STATE = {
  className: 'SMS_TaskSequence_RestoreUserStateAction',
  strings: ['UsmtRestorePackageID', 'LocalAccountPassword', 'ConfigFiles'],
  booleans: ['ContinueOnRestore', 'LocalAccounts', 'EnableVerboseLogging'],
  choices: { Mode: ['Simple', 'Advanced'] },
} as const satisfies PropertyTable;

export const RELEASE_STATE_STORE = {
  className: 'SMS_TaskSequence_ReleaseStateStoreAction',
} as const satisfies PropertyTable;

// ---- Images (items 23-30) ----

export const APPLY_OPERATING_SYSTEM = {
  className: 'SMS_TaskSequence_ApplyOperatingSystemAction',
  strings: ['ImagePackageID', 'InstallPackageID', 'ConfigFilePackage', 'ConfigFileName', 'DestinationLogicalDrive', 'DestinationVariable'],
  numbers: ['ImageIndex', 'InstallEditionIndex', 'DestinationDisk', 'DestinationPartition'],
} as const satisfies PropertyTable;

export const APPLY_DATA_IMAGE = {
  className: 'SMS_TaskSequence_ApplyDataImageAction',
  strings: ['ImagePackageID', 'DestinationLogicalDrive', 'DestinationVariable'],
  booleans: ['WipeDestinationPartition'],
  numbers: ['ImageIndex', 'DestinationDisk', 'DestinationPartition'],
  required: ['ImagePackageID', 'ImageIndex'],
} as const satisfies PropertyTable;

export const SETUP_WINDOWS_AND_CONFIGMGR = {
  className: 'SMS_TaskSequence_SetupWindowsAndSMSAction',
  strings: ['ClientPackageID', 'ClientPreProductionPackageID', 'ClientInstallProperties'],
  required: ['ClientPackageID'],
} as const satisfies PropertyTable;

export const UPGRADE_OPERATING_SYSTEM = {
  className: 'SMS_TaskSequence_UpgradeOperatingSystemAction',
  strings: ['InstallPackageID', 'InstallPath', 'OsProductKey', 'PreserveSettings', 'StagedContent', 'DriverPackageID', 'FeatureUpdateAssignmentId', 'FeatureUpdateName'],
  booleans: ['IgnoreMessages', 'ScanOnly'],
  numbers: ['InstallEditionIndex', 'SetupTimeout'],
  choices: { DynamicUpdateSettings: ['Disable', 'OveridePolicy'] },
} as const satisfies PropertyTable;

export const INSTALL_DEPLOYMENT_TOOLS = {
  className: 'SMS_TaskSequence_InstallDeployToolsAction',
  strings: ['SysprepPackageID'],
} as const satisfies PropertyTable;

export const PREPARE_CONFIGMGR_CLIENT = {
  className: 'SMS_TaskSequence_PrepareSMSClientAction',
} as const satisfies PropertyTable;

export const PREPARE_WINDOWS = {
  className: 'SMS_TaskSequence_PrepareOSAction',
  booleans: ['KeepActivation', 'BuildStorageDriverList', 'ShutdownPreparedOs'],
} as const satisfies PropertyTable;

export const CAPTURE_OPERATING_SYSTEM_IMAGE = {
  className: 'SMS_TaskSequence_CaptureSystemImageAction',
  strings: ['CaptureDestination', 'CaptureUsername', 'CapturePassword', 'ImageCreator', 'ImageDescription', 'ImageVersion'],
} as const satisfies PropertyTable;

// ---- Drivers (items 31-32) ----

export const AUTO_APPLY_DRIVERS = {
  className: 'SMS_TaskSequence_AutoApplyAction',
  strings: ['CategoryList'],
  booleans: ['BestMatch', 'UnsignedDriver'],
} as const satisfies PropertyTable;

export const APPLY_DRIVER_PACKAGE = {
  className: 'SMS_TaskSequence_ApplyDriverPackageAction',
  strings: ['DriverPackageID', 'BootCriticalDriverID', 'BootCriticalContentUniqueID', 'BootCriticalINFFile', 'BootCriticalHardwareComponent', 'BootCriticalID'],
  booleans: ['UnsignedDriver', 'Recurse'],
  required: ['DriverPackageID'],
} as const satisfies PropertyTable;

// ---- Settings (items 33-36) ----

export const CAPTURE_NETWORK_SETTINGS = {
  className: 'SMS_TaskSequence_CaptureNetworkSettingsAction',
  booleans: ['MigrateAdapterSettings', 'MigrateNetworkMembership'],
} as const satisfies PropertyTable;

export const CAPTURE_WINDOWS_SETTINGS = {
  className: 'SMS_TaskSequence_CaptureWindowsSettingsAction',
  booleans: ['MigrateComputerName', 'MigrateRegistrationInfo', 'MigrateTimeZone'],
} as const satisfies PropertyTable;

export const APPLY_NETWORK_SETTINGS = {
  className: 'SMS_TaskSequence_ApplyNetworkSettingsAction',
  strings: ['DomainName', 'DomainOUName', 'DomainUsername', 'DomainPassword', 'WorkgroupName', 'DNSDomain', 'DNSSuffixSearchOrder'],
  booleans: ['EnableTCPIPFiltering'],
  numbers: ['NetworkJoinType', 'NumAdapters'],
  lists: { Adapters: NETWORK_ADAPTER_SETTINGS },
  required: ['NetworkJoinType'],
} as const satisfies PropertyTable;

export const APPLY_WINDOWS_SETTINGS = {
  className: 'SMS_TaskSequence_ApplyWindowsSettingsAction',
  strings: [
    'AdminPassword',
    'ComputerName',
    'ProductKey',
    'RegisteredOrgName',
    'RegisteredUserName',
    'TimeZone',
    'InputLocale',
    'SystemLocale',
    'UILanguage',
    'UILanguageFallback',
    'UserLocale',
  ],
  booleans: ['RandomAdminPassword'],
  numbers: ['ServerLicenseConnectionLimit'],
  choices: { ServerLicenseMode: ['PerSeat', 'PerServer'] },
  required: ['RegisteredOrgName', 'RegisteredUserName', 'TimeZone'],
} as const satisfies PropertyTable;

/** Every table of a built-in step, for the test that holds them against the catalog. */
export const STEP_TABLES: readonly PropertyTable[] = [
  RUN_COMMAND_LINE,
  RUN_POWERSHELL_SCRIPT,
  SET_DYNAMIC_VARIABLES,
  JOIN_DOMAIN_WORKGROUP,
  CONNECT_NETWORK_FOLDER,
  RESTART_COMPUTER,
  SET_VARIABLE,
  CHECK_READINESS,
  RUN_TASK_SEQUENCE,
  INSTALL_APPLICATION,
  INSTALL_PACKAGE,
  INSTALL_SOFTWARE_UPDATES,
  DOWNLOAD_PACKAGE_CONTENT,
  FORMAT_AND_PARTITION_DISK,
  CONVERT_DISK,
  ENABLE_BITLOCKER,
  DISABLE_BITLOCKER,
  PRE_PROVISION_BITLOCKER,
  REQUEST_STATE_STORE,
  CAPTURE_USER_STATE,
  RESTORE_USER_STATE,
  RELEASE_STATE_STORE,
  APPLY_OPERATING_SYSTEM,
  APPLY_DATA_IMAGE,
  SETUP_WINDOWS_AND_CONFIGMGR,
  UPGRADE_OPERATING_SYSTEM,
  INSTALL_DEPLOYMENT_TOOLS,
  PREPARE_CONFIGMGR_CLIENT,
  PREPARE_WINDOWS,
  CAPTURE_OPERATING_SYSTEM_IMAGE,
  AUTO_APPLY_DRIVERS,
  APPLY_DRIVER_PACKAGE,
  CAPTURE_NETWORK_SETTINGS,
  CAPTURE_WINDOWS_SETTINGS,
  APPLY_NETWORK_SETTINGS,
  APPLY_WINDOWS_SETTINGS,
];
