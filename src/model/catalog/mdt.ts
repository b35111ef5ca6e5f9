import type { ClassDef, PropertyDef } from '../class-def.js';

type Extra = Omit<PropertyDef, 'name' | 'type' | 'xml'> & { readonly hidden?: boolean };

/**
 * An MDT step property: MDT writes `<variable name="X" property="X">`, the variable named as the property
 * (BDD_UsePackage is the exception). Every value is a plain ZTI script variable, so all are strings.
 */
function m(name: string, extra: Extra = {}, variable: string = name): PropertyDef {
  const { hidden, ...rest } = extra;
  return { name, type: 'string', ...rest, xml: hidden === true ? { kind: 'variable', name: variable, hidden: true } : { kind: 'variable', name: variable } };
}

/** The common shape of an MDT custom action (REFERENCE.md §2.2 end, §10). */
function mdt(def: Omit<ClassDef, 'parent' | 'role' | 'source' | 'defaultSuccessCodes'>): ClassDef {
  return { parent: 'SMS_TaskSequence_Action', role: 'action', source: 'mdt', defaultSuccessCodes: '0', ...def };
}

/**
 * MDT's custom step types as they appear in MDT deployment shares and MDT-integrated ConfigMgr sequences.
 * commandLine is the `<action>` text MDT writes: literal, not a ConfigMgr MOF template — `%SCRIPTROOT%` and
 * `%DeployRoot%` are single-percent run-time variables; only `%1` (the package, where a step has one) is a
 * placeholder. Where both forms are seen, the LTI form (`cscript.exe "%SCRIPTROOT%\..."`) is used; the
 * MDT-integrated ConfigMgr form is `smsswd.exe /run:<package> cscript.exe "%DeployRoot%\Scripts\..."`.
 * Run environments are the Action default unless the corpus shows otherwise.
 */
export const mdtActions: readonly ClassDef[] = [
  mdt({
    name: 'BDD_Gather',
    displayName: 'Gather',
    description: 'Collects facts about the machine and processes the deployment rules into task sequence variables.',
    commandLine: 'cscript.exe "%SCRIPTROOT%\\ZTIGather.wsf"',
    defaultRunIn: 'WinPEandFullOS',
    properties: [
      m('GatherLocalOnly', { description: 'true = local facts only, no rules file.' }),
      m('RulesFile', { description: 'Rules file to process; empty = CustomSettings.ini.' }),
      m('PackageID', { hidden: true, description: 'MDT-integrated ConfigMgr: the MDT settings package.' }),
    ],
  }),
  mdt({
    name: 'BDD_Validate',
    displayName: 'Validate',
    description: 'Checks minimum memory, processor speed and disk size, and the OS type, before deploying.',
    commandLine: 'cscript.exe "%SCRIPTROOT%\\ZTIValidate.wsf"',
    defaultRunIn: 'WinPEandFullOS',
    properties: [
      m('ImageMemory', { description: 'Minimum memory in MB.' }),
      m('ImageProcessorSpeed', { description: 'Minimum processor speed in MHz.' }),
      m('ImageSize', { description: 'Minimum free disk space.' }),
      m('VerifyOS', { description: 'CLIENT or SERVER.' }),
      // Observed on one step only: a Run Command Line retyped to BDD_Validate kept its properties.
      m('CommandLine', { hidden: true, description: 'Observed once: left over from a Run Command Line step.' }),
      m('DisableWow64Redirection', { description: 'Observed once: left over from a Run Command Line step.' }, 'SMSTSDisableWow64Redirection'),
      m('SuccessCodes', { hidden: true, description: 'Observed once: left over from a Run Command Line step.' }),
    ],
  }),
  mdt({
    name: 'BDD_InstallOS',
    displayName: 'Install Operating System',
    description: 'LTI: applies the selected operating system to the destination disk and partition.',
    commandLine: 'cscript.exe "%SCRIPTROOT%\\LTIApply.wsf"',
    defaultRunIn: 'WinPEandFullOS',
    properties: [
      m('OSGUID', { description: 'GUID of the operating system in the deployment share.' }),
      m('DestinationDisk'),
      m('DestinationPartition'),
      m('DestinationOSDriveLetter'),
      m('DestinationOSInstallType', { description: 'ByVariable, NextPartition or ByDiskPartition (observed).' }),
      m('DestinationOSRefresh'),
      m('DestinationOSVariable'),
    ],
  }),
  mdt({
    name: 'BDD_InstallApplication',
    displayName: 'Install Application',
    description: 'Installs one application of the deployment share, or all selected ones when none is named.',
    commandLine: 'cscript.exe "%SCRIPTROOT%\\ZTIApplications.wsf"',
    defaultRunIn: 'WinPEandFullOS',
    properties: [m('ApplicationGUID'), m('ApplicationSuccessCodes', { description: 'Space-separated exit codes that count as success.' })],
  }),
  mdt({
    name: 'BDD_InjectDrivers',
    displayName: 'Inject Drivers',
    description: 'Copies the drivers of a selection profile into the applied OS.',
    commandLine: 'cscript.exe "%SCRIPTROOT%\\ZTIDrivers.wsf"',
    defaultRunIn: 'WinPEandFullOS',
    properties: [m('DriverSelectionProfile'), m('DriverInjectionMode', { description: 'AUTO (matching drivers) or ALL (observed values).' })],
  }),
  mdt({
    name: 'BDD_InstallUpdatesOffline',
    displayName: 'Install Updates Offline',
    description: 'Applies the packages of a selection profile to the offline OS image.',
    commandLine: 'cscript.exe "%SCRIPTROOT%\\ZTIPatches.wsf"',
    defaultRunIn: 'WinPEandFullOS',
    properties: [m('PackageSelectionProfile'), m('PackageID', { hidden: true, description: 'MDT-integrated ConfigMgr: the update package.' })],
  }),
  mdt({
    name: 'BDD_InstallRoles',
    displayName: 'Install Roles and Features',
    description: 'Installs Windows roles, role services and features.',
    commandLine: 'cscript.exe "%SCRIPTROOT%\\ZTIOSRole.wsf"',
    defaultRunIn: 'WinPEandFullOS',
    properties: [m('OSRoleIndex'), m('OSRoles'), m('OSRoleServices'), m('OSFeatures')],
  }),
  mdt({
    name: 'BDD_UninstallRoles',
    displayName: 'Uninstall Roles and Features',
    description: 'Removes Windows roles, role services and features.',
    commandLine: 'cscript.exe "%SCRIPTROOT%\\ZTIOSRole.wsf" /uninstall',
    defaultRunIn: 'WinPEandFullOS',
    properties: [m('OSRoleIndex'), m('UninstallOSRoles'), m('UninstallOSRoleServices'), m('UninstallOSFeatures'), m('CompletelyRemove')],
  }),
  mdt({
    name: 'BDD_RecoverDomainJoin',
    displayName: 'Recover From Domain',
    description: 'Checks the domain join and retries it when it failed.',
    // Observed so, with the trailing space.
    commandLine: 'cscript.exe "%SCRIPTROOT%\\ZTIDomainJoin.wsf" ',
    defaultRunIn: 'WinPEandFullOS',
    properties: [m('DomainErrorRecovery', { description: 'How to recover, e.g. Auto (observed).' })],
  }),
  mdt({
    name: 'BDD_RunPowerShellAction',
    displayName: 'Run PowerShell Script',
    description: 'Runs a PowerShell script through MDT, with the task sequence variables available to it.',
    // Observed so: MDT writes the closing quote off.
    commandLine: 'cscript.exe "%SCRIPTROOT%\\ZTIPowerShell.wsf',
    defaultRunIn: 'WinPEandFullOS',
    properties: [m('ScriptName'), m('Parameters'), m('PackageID')],
  }),
  mdt({
    name: 'BDD_UsePackage',
    displayName: 'Use Toolkit Package',
    description: 'MDT-integrated ConfigMgr: downloads the MDT toolkit package and sets up the script folders.',
    commandLine: 'smsswd.exe /run:%1 cscript.exe Scripts\\ZTISCCM.wsf',
    defaultRunIn: 'WinPEandFullOS',
    // The only MDT property whose variable (BDDPackageID) differs from its name.
    properties: [m('PackageID', { commandLineArg: 1, hidden: true }, 'BDDPackageID')],
  }),
  mdt({
    name: 'BDD_InstallLanguagePacksOffline',
    displayName: 'Install Language Packs Offline',
    description: 'MDT-integrated ConfigMgr: adds language packs from a package to the offline OS.',
    commandLine: 'smsswd.exe /run:%1 cscript.exe %DeployRoot%\\Scripts\\ZTIPatches.wsf',
    // Observed WinPE.
    defaultRunIn: 'WinPE',
    properties: [m('PackageID', { commandLineArg: 1, hidden: true })],
  }),
  mdt({
    name: 'BDD_InstallLanguagePacksOnline',
    displayName: 'Install Language Packs Online',
    description: 'MDT-integrated ConfigMgr: installs language packs from a package into the running OS.',
    commandLine: 'smsswd.exe /run:%1 cscript.exe %DeployRoot%\\Scripts\\ZTILangPacksOnline.wsf',
    // Observed FullOS.
    defaultRunIn: 'FullOS',
    properties: [m('PackageID', { commandLineArg: 1, hidden: true })],
  }),
  mdt({
    name: 'BDD_UpgradeOS',
    displayName: 'Upgrade Windows',
    description: 'LTI: upgrades the running Windows in place with the selected operating system.',
    commandLine: 'cscript.exe "%SCRIPTROOT%\\LTIApply.wsf"',
    // Observed FullOS.
    defaultRunIn: 'FullOS',
    properties: [m('OSGUID'), m('IsOSUpgrade'), m('DynamicallyUpdateWinSetup')],
  }),
  mdt({
    name: 'BDD_AuthorizeDHCP',
    displayName: 'Authorize DHCP',
    description: 'Authorizes the DHCP server in Active Directory, run as a given account.',
    commandLine: '%TOOLROOT%\\bddrun.exe /runas cscript.exe "%SCRIPTROOT%\\ZTIAuthorizeDHCP.wsf"',
    defaultRunIn: 'WinPEandFullOS',
    properties: [
      m('PackageID'),
      m('RunAsUser'),
      m('SMSTSRunCommandLineUserName'),
      m('SMSTSRunCommandLineUserPassword', { secret: 'secret' }),
      m('LoadProfile'),
    ],
  }),
  mdt({
    name: 'BDD_ConfigureADDS',
    displayName: 'Configure ADDS',
    description: 'Promotes the server to a domain controller of a new or existing forest or domain.',
    commandLine: 'smsswd.exe /run: cscript.exe "%DeployRoot%\\Scripts\\ZTIConfigureADDS.wsf"',
    defaultRunIn: 'WinPEandFullOS',
    properties: [
      m('ReplicaOrNewDomain'),
      m('NewDomain'),
      m('NewDomainDNSName'),
      m('DomainNetBiosName'),
      m('ParentDomainDNSName'),
      m('ChildName'),
      m('ReplicaDomainDNSName'),
      m('ReplicationSourceDC'),
      m('ForestLevel'),
      m('DomainLevel'),
      m('SiteName'),
      m('AutoConfigDNS'),
      m('ConfirmGC'),
      m('CriticalReplicationOnly'),
      m('DatabasePath'),
      m('ADDSLogPath'),
      m('SysVolPath'),
      m('ADDSPassword', { secret: 'secret' }),
      m('SafeModeAdminPassword', { secret: 'secret' }),
    ],
  }),
  mdt({
    name: 'BDD_ConfigureDNS',
    displayName: 'Configure DNS',
    description: 'Configures DNS server options.',
    commandLine: 'smsswd.exe /run: cscript.exe "%DeployRoot%\\Scripts\\ZTIConfigureDNS.wsf"',
    defaultRunIn: 'WinPEandFullOS',
    properties: [
      m('DNSServerOptionBINDSecondaries'),
      m('DNSServerOptionDisableRecursion'),
      m('DNSServerOptionEnableNetmaskOrdering'),
      m('DNSServerOptionEnableRoundRobin'),
      m('DNSServerOptionEnableSecureCache'),
      m('DNSServerOptionFailOnLoad'),
      m('DNSServerOptionNameCheckFlag'),
    ],
  }),
  mdt({
    name: 'BDD_ConfigureDHCP',
    displayName: 'Configure DHCP',
    description: 'Configures DHCP server options.',
    commandLine: 'smsswd.exe /run: cscript.exe "%DeployRoot%\\Scripts\\ZTIConfigureDHCP.wsf"',
    defaultRunIn: 'WinPEandFullOS',
    properties: [
      m('DHCPServerOptionDNSDomainName'),
      m('DHCPServerOptionDNSServer'),
      m('DHCPServerOptionNBTNodeType'),
      m('DHCPServerOptionPXEClient'),
      m('DHCPServerOptionRouter'),
      m('DHCPServerOptionWINSServer'),
    ],
  }),
  mdt({
    name: 'BDD_ExecuteRunbook',
    displayName: 'Execute Runbook',
    description: 'Starts a System Center Orchestrator runbook and optionally waits for it to finish.',
    commandLine: 'smsswd.exe /run: cscript.exe "%DeployRoot%\\Scripts\\ZTIExecuteRunbook.wsf"',
    defaultRunIn: 'WinPEandFullOS',
    properties: [
      m('OrchestratorServer'),
      m('RunbookName'),
      m('RunbookID'),
      m('RunbookParameterMode'),
      m('RunbookParameters', { hidden: true }),
      m('WaitUntilComplete'),
    ],
  }),
];
