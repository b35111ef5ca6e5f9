import type { ClassDef, PropertyDef, ValueType } from '../class-def.js';

type Extra = Omit<PropertyDef, 'name' | 'type' | 'xml'> & { readonly hidden?: boolean };

/** A property written as `<variable name="variable" property="name">` in the step's defaultVarList (REFERENCE.md §2.1). */
function v(name: string, variable: string, type: ValueType, extra: Extra = {}): PropertyDef {
  const { hidden, ...rest } = extra;
  return { name, type, ...rest, xml: hidden === true ? { kind: 'variable', name: variable, hidden: true } : { kind: 'variable', name: variable } };
}

/** The "Software" steps (REFERENCE.md §2.2 items 10-13). */
export const softwareActions: readonly ClassDef[] = [
  {
    name: 'SMS_TaskSequence_InstallApplicationAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Install Application',
    description: 'Installs applications of the application model, listed in the step or named by a base variable.',
    category: 'Software',
    commandLine: 'smsappinstall.exe /app:%1 /basevar:%2 /continueOnError:%3',
    defaultRunIn: 'FullOS',
    defaultSuccessCodes: '0',
    defaultRetryCount: 2,
    source: 'configmgr',
    properties: [
      v('ApplicationName', 'ApplicationName', 'string', {
        commandLineArg: 1,
        hidden: true,
        description: 'Comma-separated application model names (ScopeId_.../Application_...).',
      }),
      v('BaseVariableName', 'BaseVariableName', 'string', {
        commandLineArg: 2,
        hidden: true,
        description: 'Dynamic list: variables <Base>01, <Base>02, ... each naming one application; the list stops at the first missing one.',
      }),
      v('ContinueOnInstallError', 'ContinueOnInstallError', 'boolean', { commandLineArg: 3, hidden: true }),
      {
        name: 'AppInfo',
        type: 'string',
        array: true,
        embedded: 'SMS_TaskSequence_ApplicationInfo',
        description: 'One element per listed application; fields written OSDApp<i>Name / DisplayName / Description.',
        xml: { kind: 'variable', name: 'OSDApp', hidden: true },
      },
      v('NumApps', 'OSDAppCount', 'uint32', { description: 'Size of AppInfo.' }),
      // Both the retryCount attribute and a hidden RetryCount variable (REFERENCE.md §2.2 item 10); the console allows 1-5.
      {
        name: 'RetryCount',
        type: 'uint32',
        default: 2,
        description: 'Retries after an unexpected restart; the console offers 1 to 5.',
        xml: { kind: 'attribute', name: 'retryCount', variable: { name: 'RetryCount', hidden: true } },
      },
      v('ClearCache', 'OSDAppClearCache', 'boolean', { description: 'Observed only (newer exports write true/false); not in the SDK page.' }),
    ],
  },
  {
    name: 'SMS_TaskSequence_InstallSoftwareAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Install Package',
    description: 'Runs a program of a classic package, or every PKGID:Program named by a base variable.',
    category: 'Software',
    commandLine: 'smsswd.exe /pkg:%1 /install /basevar:%3 /continueOnError:%4',
    defaultRunIn: 'FullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [
      v('PackageID', 'PackageID', 'string', { commandLineArg: 1, hidden: true, description: 'Null means the dynamic list of BaseVariableName.' }),
      v('ProgramName', '_SMSSWDProgramName', 'string'),
      v('BaseVariableName', 'BaseVariableName', 'string', {
        commandLineArg: 3,
        hidden: true,
        description: 'Dynamic list: variables <Base>001, <Base>002, ... each PKGID:Program (upper-case ID).',
      }),
      v('ContinueOnInstallError', 'ContinueOnInstallError', 'boolean', { commandLineArg: 4, hidden: true }),
      // Observed: newer exports also carry the retry count as variable OSDPackageDownloadRetries.
      {
        name: 'RetryCount',
        type: 'uint32',
        default: 0,
        description: 'Retries after an unexpected restart; newer exports repeat it as variable OSDPackageDownloadRetries.',
        xml: { kind: 'attribute', name: 'retryCount', variable: { name: 'OSDPackageDownloadRetries' } },
      },
    ],
  },
  {
    name: 'SMS_TaskSequence_InstallUpdateAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Install Software Updates',
    description: 'Installs the required (or all) software updates deployed to the computer.',
    category: 'Software',
    commandLine: 'TSInstallSWUpdate.exe /target:%%SMSInstallUpdateTarget%%',
    defaultRunIn: 'FullOS',
    defaultSuccessCodes: '0',
    defaultRetryCount: 2,
    source: 'configmgr',
    properties: [
      v('Target', 'SMSInstallUpdateTarget', 'string', { allowed: ['Mandatory', 'All'], description: 'Mandatory = required updates only, All = also available ones.' }),
      v('UseCache', 'SMSTSSoftwareUpdateScanUseCache', 'boolean', { default: true, description: 'Evaluate against cached scan results.' }),
      {
        name: 'RetryCount',
        type: 'uint32',
        default: 2,
        description: 'Retries after an unexpected restart.',
        xml: { kind: 'attribute', name: 'retryCount', variable: { name: 'RetryCount', hidden: true } },
      },
    ],
  },
  {
    name: 'SMS_TaskSequence_DownloadPackageContentAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Download Package Content',
    description: 'Downloads the content of packages to the task sequence cache, the client cache or a custom path.',
    category: 'Software',
    // Observed exactly so, with the trailing space, in every export.
    commandLine: 'OsdDownloadContent.exe ',
    defaultRunIn: 'WinPEandFullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [
      v('DownloadPackages', 'OSDDownloadDownloadPackages', 'string', { required: true, description: 'Comma-separated package IDs.' }),
      v('DestinationLocationType', 'OSDDownloadDestinationLocationType', 'string', {
        required: true,
        default: 'TSCache',
        allowed: ['TSCache', 'CCMCache', 'Custom'],
      }),
      v('DestinationCustomPath', 'OSDDownloadDestinationPath', 'string'),
      v('DestinationVariable', 'OSDDownloadDestinationVariable', 'string', {
        description: 'Base name of the output variables holding each download path (<name>01, <name>02, ...).',
      }),
      v('ContinueDownloadOnError', 'OSDDownloadContinueDownloadOnError', 'boolean', { default: true }),
      v('NumPackages', 'OSDPackageCount', 'uint32', { description: 'Size of PackageInfo.' }),
      {
        name: 'PackageInfo',
        type: 'string',
        array: true,
        embedded: 'SMS_TaskSequence_PackageInfo',
        description: 'One element per package; fields written OSDPackage<i>Name / PackageId / PkgType / Size.',
        xml: { kind: 'variable', name: 'OSDPackage', hidden: true },
      },
    ],
  },
];
