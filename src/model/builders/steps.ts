import { getClass } from '../catalog.js';
import type { Step } from '../node.js';
import * as T from './property-tables.js';
import type { HasRequired, PropertiesOf, PropertyTable } from './property-tables.js';
import { buildStep, describeClass, type ActionOptions, type PointerOptions } from './step-options.js';

/**
 * One builder per built-in step class (REFERENCE.md §2.2), and `action()` for any other class (MDT's
 * BDD_* steps, custom actions). Each takes the step's name and its properties, PascalCase as the model
 * names them, with the common step options beside them:
 *
 *   runCommandLine('Echo', { CommandLine: 'cmd.exe /c echo hi', Timeout: 900 })
 *
 * Properties are copied as given; the builder fills only Enabled and ContinueOnError. The `<action>`
 * line is not a property: the XML writer makes it from the class command line.
 */

type Simplify<X> = { [K in keyof X]: X[K] } & {};

/** The props of a builder: the class's properties and the common options. */
export type StepProps<Table extends PropertyTable, Options = ActionOptions> = Simplify<PropertiesOf<Table> & Options>;

/** What a builder returns: a step of that class holding the given properties. */
export type BuiltStep<ClassName extends string, Props> = Step & { readonly __CLASS: ClassName } & Readonly<Omit<Props, 'Condition'>>;

/** The props argument is required exactly when the class has required properties. */
type PropsArgument<Table extends PropertyTable, Options> = HasRequired<Table> extends true ? [props: StepProps<Table, Options>] : [props?: StepProps<Table, Options>];

export type StepBuilder<Table extends PropertyTable, Options = ActionOptions> = (
  name: string,
  ...props: PropsArgument<Table, Options>
) => BuiltStep<Table['className'], StepProps<Table, Options>>;

function builder<const Table extends PropertyTable, Options = ActionOptions>(table: Table): StepBuilder<Table, Options> {
  return (name, ...args) => buildStep(table.className, name, (args[0] ?? {}) as Readonly<Record<string, unknown>>) as BuiltStep<Table['className'], StepProps<Table, Options>>;
}

/** Props of a step of any class: the common options and whatever properties the class has. */
export type ActionProps = ActionOptions & {
  /** The `<action>` line, for a class the catalog does not know (the writer makes it for the others). */
  readonly Action?: string;
  readonly [property: string]: unknown;
};

/**
 * A step of any class: a catalog class (its required properties are checked), an MDT `BDD_*` step, or
 * a custom action the catalog does not know (REFERENCE.md §1.5), whose properties are written as
 * `<variable name="Prop" property="Prop">` — give them as strings.
 */
export function action(className: string, name: string, props: ActionProps = {}): Step {
  if (typeof className !== 'string' || className === '') throw new TypeError(`action(): the class name must be a non-empty string, got ${JSON.stringify(className) ?? 'nothing'}`);
  const def = getClass(className);
  if (def && (def.abstract || (def.role !== 'action' && def.role !== 'pointer'))) {
    const hint = def.role === 'group' ? '; use group()' : '';
    throw new TypeError(`action(): ${describeClass(className)} is not a step class a step can be made of${hint}`);
  }
  return buildStep(className, name, props);
}

// ---- General ----

export type RunCommandLineProps = StepProps<typeof T.RUN_COMMAND_LINE>;
/** Run Command Line: runs a command line, optionally from a package and as another user. */
export const runCommandLine = builder(T.RUN_COMMAND_LINE);

export type RunPowerShellScriptProps = StepProps<typeof T.RUN_POWERSHELL_SCRIPT>;
/** Run PowerShell Script: a script from a package (PackageID + ScriptName) or inline (SourceScript, base64 of UTF-16 LE with BOM). */
export const runPowerShellScript = builder(T.RUN_POWERSHELL_SCRIPT);

export type SetDynamicVariablesProps = StepProps<typeof T.SET_DYNAMIC_VARIABLES>;
/** Set Dynamic Variables: Rules is the escaped `<Rules>` document (REFERENCE.md §2.2 item 3). */
export const setDynamicVariables = builder(T.SET_DYNAMIC_VARIABLES);

export type JoinDomainWorkgroupProps = StepProps<typeof T.JOIN_DOMAIN_WORKGROUP>;
/** Join Domain or Workgroup: Type 0 joins DomainName, 1 joins WorkgroupName. */
export const joinDomainWorkgroup = builder(T.JOIN_DOMAIN_WORKGROUP);

export type ConnectNetworkFolderProps = StepProps<typeof T.CONNECT_NETWORK_FOLDER>;
/** Connect to Network Folder: maps Path to DriveLetter as Username. */
export const connectNetworkFolder = builder(T.CONNECT_NETWORK_FOLDER);

export type RestartComputerProps = StepProps<typeof T.RESTART_COMPUTER>;
/** Restart Computer: Target HD (the installed OS) or WinPE (the boot image). */
export const restartComputer = builder(T.RESTART_COMPUTER);

export type SetVariableProps = StepProps<typeof T.SET_VARIABLE>;
/** Set Task Sequence Variable: an empty VariableValue deletes the variable. */
export const setVariable = builder(T.SET_VARIABLE);

export type CheckReadinessProps = StepProps<typeof T.CHECK_READINESS>;
/** Check Readiness: fails when an enabled check (memory, processor, disk, OS, power, network, UEFI, TPM) is not met. */
export const checkReadiness = builder(T.CHECK_READINESS);

export type RunTaskSequenceProps = StepProps<typeof T.RUN_TASK_SEQUENCE, PointerOptions>;
/** Run Task Sequence: runs the child sequence TsPackageID (a pointer step: no Timeout). */
export const runTaskSequence = builder<typeof T.RUN_TASK_SEQUENCE, PointerOptions>(T.RUN_TASK_SEQUENCE);

// ---- Software ----

export type InstallApplicationProps = StepProps<typeof T.INSTALL_APPLICATION>;
/** Install Application: applications listed in AppInfo / ApplicationName, or named by BaseVariableName. */
export const installApplication = builder(T.INSTALL_APPLICATION);

export type InstallPackageProps = StepProps<typeof T.INSTALL_PACKAGE>;
/** Install Package: a program of a classic package, or every PKGID:Program named by BaseVariableName. */
export const installPackage = builder(T.INSTALL_PACKAGE);

export type InstallSoftwareUpdatesProps = StepProps<typeof T.INSTALL_SOFTWARE_UPDATES>;
/** Install Software Updates: Target Mandatory (required only) or All. */
export const installSoftwareUpdates = builder(T.INSTALL_SOFTWARE_UPDATES);

export type DownloadPackageContentProps = StepProps<typeof T.DOWNLOAD_PACKAGE_CONTENT>;
/** Download Package Content: DownloadPackages (comma-separated IDs) to the TS cache, the client cache or a custom path. */
export const downloadPackageContent = builder(T.DOWNLOAD_PACKAGE_CONTENT);

// ---- Disks ----

export type FormatAndPartitionDiskProps = StepProps<typeof T.FORMAT_AND_PARTITION_DISK>;
/** Format and Partition Disk: cleans disk DiskIndex and creates Partitions in order. */
export const formatAndPartitionDisk = builder(T.FORMAT_AND_PARTITION_DISK);

export type ConvertDiskProps = StepProps<typeof T.CONVERT_DISK>;
/** Convert Disk to Dynamic. */
export const convertDisk = builder(T.CONVERT_DISK);

export type EnableBitLockerProps = StepProps<typeof T.ENABLE_BITLOCKER>;
/** Enable BitLocker: TargetDrive (none = the OS volume) with the key protectors of Mode. */
export const enableBitLocker = builder(T.ENABLE_BITLOCKER);

export type DisableBitLockerProps = StepProps<typeof T.DISABLE_BITLOCKER>;
/** Disable BitLocker: suspends protection for RebootCount restarts. */
export const disableBitLocker = builder(T.DISABLE_BITLOCKER);

export type PreProvisionBitLockerProps = StepProps<typeof T.PRE_PROVISION_BITLOCKER>;
/** Pre-provision BitLocker: enables BitLocker from WinPE before the OS is applied. */
export const preProvisionBitLocker = builder(T.PRE_PROVISION_BITLOCKER);

// ---- User State ----

export type RequestStateStoreProps = StepProps<typeof T.REQUEST_STATE_STORE>;
/** Request State Store: RequestType capture or restore. */
export const requestStateStore = builder(T.REQUEST_STATE_STORE);

export type CaptureUserStateProps = StepProps<typeof T.CAPTURE_USER_STATE>;
/** Capture User State with the USMT package UsmtPackageID. */
export const captureUserState = builder(T.CAPTURE_USER_STATE);

export type RestoreUserStateProps = StepProps<typeof T.RESTORE_USER_STATE>;
/** Restore User State with USMT. */
export const restoreUserState = builder(T.RESTORE_USER_STATE);

export type ReleaseStateStoreProps = StepProps<typeof T.RELEASE_STATE_STORE>;
/** Release State Store. */
export const releaseStateStore = builder(T.RELEASE_STATE_STORE);

// ---- Images ----

export type ApplyOperatingSystemProps = StepProps<typeof T.APPLY_OPERATING_SYSTEM>;
/** Apply Operating System Image: ImagePackageID + ImageIndex, or an upgrade package InstallPackageID + InstallEditionIndex. */
export const applyOperatingSystem = builder(T.APPLY_OPERATING_SYSTEM);

export type ApplyDataImageProps = StepProps<typeof T.APPLY_DATA_IMAGE>;
/** Apply Data Image: image ImageIndex of ImagePackageID onto a partition. */
export const applyDataImage = builder(T.APPLY_DATA_IMAGE);

export type SetupWindowsAndConfigMgrProps = StepProps<typeof T.SETUP_WINDOWS_AND_CONFIGMGR>;
/** Setup Windows and ConfigMgr: finishes setup and installs the client package ClientPackageID. */
export const setupWindowsAndConfigMgr = builder(T.SETUP_WINDOWS_AND_CONFIGMGR);

export type UpgradeOperatingSystemProps = StepProps<typeof T.UPGRADE_OPERATING_SYSTEM>;
/** Upgrade Operating System in place from InstallPackageID or InstallPath. */
export const upgradeOperatingSystem = builder(T.UPGRADE_OPERATING_SYSTEM);

export type InstallDeploymentToolsProps = StepProps<typeof T.INSTALL_DEPLOYMENT_TOOLS>;
/** Install Deployment Tools (Sysprep) from SysprepPackageID. */
export const installDeploymentTools = builder(T.INSTALL_DEPLOYMENT_TOOLS);

export type PrepareConfigMgrClientProps = StepProps<typeof T.PREPARE_CONFIGMGR_CLIENT>;
/** Prepare ConfigMgr Client for Capture. */
export const prepareConfigMgrClient = builder(T.PREPARE_CONFIGMGR_CLIENT);

export type PrepareWindowsProps = StepProps<typeof T.PREPARE_WINDOWS>;
/** Prepare Windows for Capture (Sysprep). */
export const prepareWindows = builder(T.PREPARE_WINDOWS);

export type CaptureOperatingSystemImageProps = StepProps<typeof T.CAPTURE_OPERATING_SYSTEM_IMAGE>;
/** Capture Operating System Image to the WIM file CaptureDestination. */
export const captureOperatingSystemImage = builder(T.CAPTURE_OPERATING_SYSTEM_IMAGE);

// ---- Drivers ----

export type AutoApplyDriversProps = StepProps<typeof T.AUTO_APPLY_DRIVERS>;
/** Auto Apply Drivers from the driver catalog. */
export const autoApplyDrivers = builder(T.AUTO_APPLY_DRIVERS);

export type ApplyDriverPackageProps = StepProps<typeof T.APPLY_DRIVER_PACKAGE>;
/** Apply Driver Package DriverPackageID. */
export const applyDriverPackage = builder(T.APPLY_DRIVER_PACKAGE);

// ---- Settings ----

export type CaptureNetworkSettingsProps = StepProps<typeof T.CAPTURE_NETWORK_SETTINGS>;
/** Capture Network Settings. */
export const captureNetworkSettings = builder(T.CAPTURE_NETWORK_SETTINGS);

export type CaptureWindowsSettingsProps = StepProps<typeof T.CAPTURE_WINDOWS_SETTINGS>;
/** Capture Windows Settings. */
export const captureWindowsSettings = builder(T.CAPTURE_WINDOWS_SETTINGS);

export type ApplyNetworkSettingsProps = StepProps<typeof T.APPLY_NETWORK_SETTINGS>;
/** Apply Network Settings: NetworkJoinType 0 (domain) or 1 (workgroup), and per-adapter Adapters. */
export const applyNetworkSettings = builder(T.APPLY_NETWORK_SETTINGS);

export type ApplyWindowsSettingsProps = StepProps<typeof T.APPLY_WINDOWS_SETTINGS>;
/** Apply Windows Settings: registration, time zone, administrator password, locales. */
export const applyWindowsSettings = builder(T.APPLY_WINDOWS_SETTINGS);
