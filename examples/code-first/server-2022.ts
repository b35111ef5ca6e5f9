/**
 * Windows Server 2022 Datacenter for Contoso's data centre, written as code.
 *
 * Bare metal only (PXE into Windows PE). The server's role comes from the device variable ServerRole
 * (Web, File or Management, set on the computer object or the collection); each role is a group of its
 * own, run only when ServerRole names it.
 *
 *   tseq build examples/code-first/server-2022.ts -o server-2022.xml
 *
 * Package IDs are placeholders: replace them with your site's.
 */
import {
  applyNetworkSettings,
  applyOperatingSystem,
  applyWindowsSettings,
  autoApplyDrivers,
  defineTaskSequence,
  formatAndPartitionDisk,
  group,
  installPackage,
  installSoftwareUpdates,
  not,
  restartComputer,
  runCommandLine,
  runPowerShellScript,
  setupWindowsAndConfigMgr,
  setVariable,
  variable,
  wmi,
  type Step,
} from 'tseq';

const PACKAGES = {
  server2022: 'CON00040',
  configMgrClient: 'CON00002',
  monitoringAgent: 'CON00045',
  scripts: 'CON00020',
} as const;

/** The Windows features of each server role. */
const ROLES: Record<string, readonly string[]> = {
  Web: ['Web-Server', 'Web-Asp-Net45', 'Web-Mgmt-Tools'],
  File: ['FS-FileServer', 'FS-Data-Deduplication', 'FS-Resource-Manager'],
  Management: ['RSAT-AD-Tools', 'RSAT-DNS-Server', 'GPMC'],
};

const isVirtual = wmi('SELECT * FROM Win32_ComputerSystem WHERE Model LIKE \'%Virtual%\' OR Model LIKE \'%VMware%\'');

/** A group installing one role's features, run when ServerRole names the role. */
function role(name: string, features: readonly string[]): Step {
  return group(
    `Role: ${name}`,
    [
      runCommandLine(`Install ${name} features`, {
        CommandLine: `powershell.exe -NoProfile -ExecutionPolicy Bypass -Command "Install-WindowsFeature -Name ${features.join(',')} -IncludeManagementTools -ErrorAction Stop"`,
        Timeout: 3600,
      }),
      restartComputer(`Restart after ${name} features`, { Target: 'HD', MessageTimeout: 0 }),
    ],
    { condition: variable('ServerRole').equals(name) },
  );
}

export default defineTaskSequence({
  name: 'Windows Server 2022 Datacenter - Contoso',
  description: 'Bare metal deployment of Windows Server 2022 Datacenter (Desktop Experience) with roles by ServerRole',
  steps: [
    group(
      'Install Operating System',
      [
        formatAndPartitionDisk('Partition Disk 0 - UEFI', {
          DiskIndex: 0,
          PartitionStyle: 'GPT',
          GPTBootDisk: true,
          Partitions: [
            { Type: 'EFI', FileSystem: 'FAT32', QuickFormat: true, Size: 500, SizeUnits: 'MB' },
            { Type: 'MSR', QuickFormat: false, Size: 128, SizeUnits: 'MB' },
            { Type: 'Primary', FileSystem: 'NTFS', QuickFormat: true, Size: 100, SizeUnits: 'Percent', VolumeName: 'System', VolumeLetterVariable: 'OSDisk' },
          ],
          Condition: variable('_SMSTSMediaType').notEquals('OEMMedia'),
        }),
        // Index 4: Datacenter (Desktop Experience) in the Server 2022 install.wim.
        applyOperatingSystem('Apply Windows Server 2022', { ImagePackageID: PACKAGES.server2022, ImageIndex: 4, DestinationVariable: 'OSDisk' }),
        applyWindowsSettings('Apply Windows Settings', {
          RegisteredOrgName: 'Contoso',
          RegisteredUserName: 'Contoso Infrastructure',
          TimeZone: 'UTC',
          RandomAdminPassword: true,
          ServerLicenseMode: 'PerServer',
          ServerLicenseConnectionLimit: 5,
        }),
        applyNetworkSettings('Apply Network Settings', {
          NetworkJoinType: 0,
          DomainName: 'corp.contoso.com',
          DomainOUName: 'LDAP://OU=Servers,DC=corp,DC=contoso,DC=com',
          DomainUsername: 'CORP\\svc-osdjoin',
        }),
        autoApplyDrivers('Apply Device Drivers', { BestMatch: true, UnsignedDriver: false, Condition: not(isVirtual) }),
        setupWindowsAndConfigMgr('Setup Windows and ConfigMgr', { ClientPackageID: PACKAGES.configMgrClient, ClientInstallProperties: 'SMSMP=cm01.corp.contoso.com' }),
      ],
      { condition: variable('_SMSTSInWinPE').equals('true') },
    ),
    group('Configure Server', [
      setVariable('Default role', { VariableName: 'ServerRole', VariableValue: 'Management', Condition: variable('ServerRole').notExists() }),
      runPowerShellScript('Disable Server Manager at logon', {
        PackageID: PACKAGES.scripts,
        ScriptName: 'Disable-ServerManagerAtLogon.ps1',
        Parameters: '',
        ExecutionPolicy: 'Bypass',
      }),
      ...Object.entries(ROLES).map(([name, features]) => role(name, features)),
      installPackage('Install Monitoring Agent', { PackageID: PACKAGES.monitoringAgent, ProgramName: 'Install (silent)' }),
      installSoftwareUpdates('Install Software Updates', { Target: 'All' }),
      restartComputer('Restart Computer', { Target: 'HD', MessageTimeout: 0 }),
    ]),
  ],
});
