/**
 * Windows 11 Enterprise for Contoso's laptops and desktops, written as code.
 *
 * One task sequence for both ways a machine arrives: bare metal (PXE or boot media, starting in Windows PE)
 * and a refresh started from Software Center (starting in the full OS, which restarts into Windows PE first).
 *
 *   tseq build examples/code-first/windows-11.ts -o windows-11.xml
 *   tseq build examples/code-first/windows-11.ts --package -o object.xml
 *
 * Package IDs and application names are placeholders: replace them with your site's.
 */
import {
  applyDriverPackage,
  applyNetworkSettings,
  applyOperatingSystem,
  applyWindowsSettings,
  autoApplyDrivers,
  checkReadiness,
  defineTaskSequence,
  enableBitLocker,
  formatAndPartitionDisk,
  group,
  installApplication,
  installSoftwareUpdates,
  not,
  or,
  restartComputer,
  runCommandLine,
  setupWindowsAndConfigMgr,
  setVariable,
  variable,
  wmi,
  type Step,
} from 'tseq';

/** The site's packages (site code CON). */
const PACKAGES = {
  windows11: 'CON00010',
  configMgrClient: 'CON00002',
  scripts: 'CON00020',
} as const;

/** One driver package per model family: a step each, applied where the model matches. */
const DRIVER_PACKAGES = [
  { family: 'Latitude', packageId: 'CON00031' },
  { family: 'OptiPlex', packageId: 'CON00032' },
  { family: 'Precision', packageId: 'CON00033' },
] as const;

/** Applications every machine gets, and the ones only laptops get (ConfigMgr application model names). */
const APPS = {
  everyone: [
    { Name: 'ScopeId_5E3B1C2A-7D4F-4A8B-9C1E-2F6D8A0B3C4D/Application_0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', DisplayName: 'Microsoft 365 Apps' },
    { Name: 'ScopeId_5E3B1C2A-7D4F-4A8B-9C1E-2F6D8A0B3C4D/Application_1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e', DisplayName: 'Contoso Line of Business' },
  ],
  laptops: [{ Name: 'ScopeId_5E3B1C2A-7D4F-4A8B-9C1E-2F6D8A0B3C4D/Application_2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f', DisplayName: 'Contoso VPN' }],
};

// ---- conditions used more than once ----

const inWindowsPE = variable('_SMSTSInWinPE').equals('true');
const bootedUEFI = variable('_SMSTSBootUEFI').equals('true');
/** A mobile computer (PCSystemType 2), or any machine with a battery. */
const isLaptop = or(wmi('SELECT * FROM Win32_ComputerSystem WHERE PCSystemType = 2'), wmi('SELECT * FROM Win32_Battery'));
const notOnMedia = variable('_SMSTSMediaType').notEquals('OEMMedia');

// ---- the pieces ----

/** The disk layout ConfigMgr's wizard creates for UEFI; Windows goes on the volume OSDisk names. */
function partitionUefi(): Step {
  return formatAndPartitionDisk('Partition Disk 0 - UEFI', {
    DiskIndex: 0,
    PartitionStyle: 'GPT',
    GPTBootDisk: true,
    Partitions: [
      { Type: 'EFI', FileSystem: 'FAT32', QuickFormat: true, Size: 500, SizeUnits: 'MB', VolumeName: 'Boot' },
      { Type: 'MSR', QuickFormat: false, Size: 128, SizeUnits: 'MB' },
      { Type: 'Primary', FileSystem: 'NTFS', QuickFormat: true, Size: 99, SizeUnits: 'Percent', VolumeName: 'Windows', VolumeLetterVariable: 'OSDisk' },
      { Type: 'Recovery', FileSystem: 'NTFS', QuickFormat: true, Size: 100, SizeUnits: 'Percent', VolumeName: 'Recovery' },
    ],
    Condition: [bootedUEFI, notOnMedia],
  });
}

/** The same for the few machines still booting BIOS. */
function partitionBios(): Step {
  return formatAndPartitionDisk('Partition Disk 0 - BIOS', {
    DiskIndex: 0,
    PartitionStyle: 'MBR',
    Partitions: [
      { Type: 'Primary', FileSystem: 'NTFS', Bootable: true, QuickFormat: true, Size: 350, SizeUnits: 'MB', VolumeName: 'System Reserved' },
      { Type: 'Primary', FileSystem: 'NTFS', QuickFormat: true, Size: 100, SizeUnits: 'Percent', VolumeName: 'Windows', VolumeLetterVariable: 'OSDisk' },
    ],
    Condition: [not(bootedUEFI), notOnMedia],
  });
}

function driverSteps(): Step[] {
  return [
    ...DRIVER_PACKAGES.map(({ family, packageId }) =>
      applyDriverPackage(`Drivers - ${family}`, {
        DriverPackageID: packageId,
        UnsignedDriver: false,
        Condition: wmi(`SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%${family}%'`),
      }),
    ),
    // Any other model: the best match from the driver catalog.
    autoApplyDrivers('Drivers - other models', {
      BestMatch: true,
      UnsignedDriver: false,
      Condition: not(...DRIVER_PACKAGES.map(({ family }) => wmi(`SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%${family}%'`))),
    }),
  ];
}

export default defineTaskSequence({
  name: 'Windows 11 Enterprise - Contoso',
  description: 'Bare metal and refresh deployment of Windows 11 Enterprise for laptops and desktops',
  steps: [
    group(
      'Prepare in Windows',
      [
        checkReadiness('Check Readiness', { CheckMemory: true, Memory: 4096, CheckFreeDiskSpace: true, FreeDiskSpace: 64000, CheckDeviceUEFI: true }),
        runCommandLine('Suspend BitLocker', {
          CommandLine: 'powershell.exe -NoProfile -Command "Suspend-BitLocker -MountPoint $env:SystemDrive -RebootCount 0"',
          ContinueOnError: true,
        }),
        restartComputer('Restart in Windows PE', {
          Target: 'WinPE',
          Message: 'Windows 11 is being installed. The computer will restart to continue.',
          MessageTimeout: 60,
        }),
      ],
      { description: 'A refresh starts here, from Software Center', condition: variable('_SMSTSInWinPE').equals('false') },
    ),
    group('Windows PE', [setVariable('Set OSDDiskPart', { VariableName: 'OSDDiskPart', VariableValue: 'true' }), partitionUefi(), partitionBios()], {
      description: 'Partition the disk: everything on it is lost',
      condition: inWindowsPE,
    }),
    group('Install Operating System', [
      applyOperatingSystem('Apply Windows 11 Enterprise', { ImagePackageID: PACKAGES.windows11, ImageIndex: 3, DestinationVariable: 'OSDisk' }),
      applyWindowsSettings('Apply Windows Settings', {
        RegisteredOrgName: 'Contoso',
        RegisteredUserName: 'Contoso IT',
        TimeZone: 'W. Europe Standard Time',
        RandomAdminPassword: true,
        InputLocale: 'en-US',
        SystemLocale: 'en-US',
        UILanguage: 'en-US',
        UserLocale: 'en-US',
      }),
      // The join account's password is a hidden collection variable (OSDJoinPassword), never in this file.
      applyNetworkSettings('Apply Network Settings', {
        NetworkJoinType: 0,
        DomainName: 'corp.contoso.com',
        DomainOUName: 'LDAP://OU=Workstations,DC=corp,DC=contoso,DC=com',
        DomainUsername: 'CORP\\svc-osdjoin',
      }),
      ...driverSteps(),
      setupWindowsAndConfigMgr('Setup Windows and ConfigMgr', { ClientPackageID: PACKAGES.configMgrClient, ClientInstallProperties: 'SMSMP=cm01.corp.contoso.com' }),
    ]),
    group('Configure', [
      setVariable('Record the build', { VariableName: 'ContosoBuild', VariableValue: 'Windows 11 Enterprise 23H2 (code-first)' }),
      runCommandLine('Tattoo the registry', {
        CommandLine: 'reg.exe add "HKLM\\SOFTWARE\\Contoso\\OSD" /v Build /t REG_SZ /d "%ContosoBuild%" /f',
        PackageID: PACKAGES.scripts,
      }),
      installSoftwareUpdates('Install Software Updates', { Target: 'All', ContinueOnError: true }),
      installApplication('Install Applications', { AppInfo: APPS.everyone, ContinueOnInstallError: true }),
      installApplication('Install Laptop Applications', { AppInfo: APPS.laptops, Condition: isLaptop }),
      enableBitLocker('Enable BitLocker', { Mode: 'TPM', CreateRecoveryPassword: 'AD', EncryptFullDisk: false, SkipWhenNoValidTPM: true, Condition: isLaptop }),
      restartComputer('Restart Computer', { Target: 'HD', Message: 'Windows 11 is ready. The computer will restart.', MessageTimeout: 30 }),
    ]),
  ],
});
