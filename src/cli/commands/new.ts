import { Option, type Command } from 'commander';
import { existsSync } from 'node:fs';
import {
  applyNetworkSettings,
  applyOperatingSystem,
  applyWindowsSettings,
  autoApplyDrivers,
  captureNetworkSettings,
  captureUserState,
  captureWindowsSettings,
  formatAndPartitionDisk,
  group,
  installApplication,
  installSoftwareUpdates,
  releaseStateStore,
  requestStateStore,
  restartComputer,
  restoreUserState,
  runCommandLine,
  setupWindowsAndConfigMgr,
  taskSequence,
  variable,
} from '../../model/builders/index.js';
import type { Step, TaskSequence } from '../../model/node.js';
import { writeDocumentBytes } from '../../xml/index.js';
import { UsageError } from '../exit-codes.js';
import { writeFileAtomic } from '../io.js';
import type { CommandContext } from '../main.js';
import { layoutOptions } from '../options.js';

/**
 * `tseq new --template client|server|custom`: starting points shaped like the task sequences ConfigMgr's
 * wizard creates (docs/new.md), made of built-in steps with the builders. Package IDs are placeholders
 * (ABC00001 …) that validate: replace them with your site's.
 */
export function registerNew(program: Command, ctx: CommandContext): void {
  program
    .command('new')
    .description(
      "Write a new task sequence from a template: client (ConfigMgr's \"Install an existing image package\" sequence, with user state), server (the same without user state, with roles and features) or custom (an empty custom task sequence). Refuses to overwrite a file without --force.",
    )
    .addOption(new Option('-t, --template <name>', 'the template').choices(Object.keys(TEMPLATES)).makeOptionMandatory())
    .option('-o, --output <file>', 'write the XML here, atomically (default: stdout)')
    .option('-f, --force', 'overwrite the output file if it exists')
    .option('--encoding <encoding>', 'utf-8 (default), utf-16le or utf-16be', 'utf-8')
    .option('--eol <eol>', 'line endings: crlf (as ConfigMgr writes, default) or lf', 'crlf')
    .action((opts: { template: TemplateName; output?: string; force?: boolean; encoding: string; eol: string }) => {
      const layout = layoutOptions(opts);
      const make = TEMPLATES[opts.template];
      const bytes = writeDocumentBytes(make(), layout);
      if (opts.output === undefined) {
        ctx.out(bytes);
        return;
      }
      if (!opts.force && existsSync(opts.output)) throw new UsageError(`new: ${opts.output} exists; use --force to overwrite it`);
      writeFileAtomic(opts.output, bytes);
    });
}

export type TemplateName = 'client' | 'server' | 'custom';

/** The templates by name: each call makes a fresh, frozen sequence. */
export const TEMPLATES: Readonly<Record<TemplateName, () => TaskSequence>> = Object.freeze({
  client: clientTemplate,
  server: serverTemplate,
  custom: customTemplate,
});

/** Placeholder package IDs: a site code and five hex digits, as the site makes them. */
const IMAGE_PACKAGE = 'ABC00001';
const CLIENT_PACKAGE = 'ABC00002';
const USMT_PACKAGE = 'ABC00003';

// The conditions the wizard puts on its steps (corpus: microsoft-hub-selfhost-19h2.xml).
const inFullOS = () => variable('_SMSTSInWinPE').equals('false');
const partitionWhen = (uefi: boolean) => [
  variable('_SMSTSClientCache').notExists(),
  variable('_SMSTSMediaType').notEquals('OEMMedia'),
  variable('_OSDMigrateUseHardlinks').notEquals('true'),
  uefi ? variable('_SMSTSBootUEFI').equals('true') : variable('_SMSTSBootUEFI').notEquals('true'),
];

/** Restart in Windows PE, partition for BIOS or UEFI, apply the image and its settings and drivers. */
function installOperatingSystem(): Step {
  return group(
    'Install Operating System',
    [
      restartComputer('Restart in Windows PE', {
        Target: 'WinPE',
        Message: 'A new Microsoft Windows operating system is being installed.  The computer must reboot to continue.',
        MessageTimeout: 10,
        Condition: inFullOS(),
      }),
      formatAndPartitionDisk('Partition Disk 0 - BIOS', {
        Description:
          'This action partitions and formats the disk for new deployments of BIOS-based computers. This step will not run for Unified Extensible Firmware Interface (UEFI)-based computers.',
        DiskIndex: 0,
        PartitionStyle: 'MBR',
        GPTBootDisk: false,
        DiskpartBiosCompatibilityMode: false,
        Partitions: [
          { Type: 'Primary', FileSystem: 'NTFS', Bootable: true, QuickFormat: true, Size: 350, SizeUnits: 'MB', VolumeName: 'System Reserved', AssignVolumeLetter: false },
          { Type: 'Primary', FileSystem: 'NTFS', Bootable: false, QuickFormat: true, Size: 99, SizeUnits: 'Percent', VolumeName: 'Windows', AssignVolumeLetter: true },
          { Type: 'Recovery', FileSystem: 'NTFS', Bootable: false, QuickFormat: true, Size: 100, SizeUnits: 'Percent', VolumeName: 'Recovery', AssignVolumeLetter: false },
        ],
        Condition: partitionWhen(false),
      }),
      formatAndPartitionDisk('Partition Disk 0 - UEFI', {
        Description:
          'This action partitions and formats the disk for new deployments of Unified Extensible Firmware Interface (UEFI)-based computers. This step will not run for BIOS-based computers.',
        DiskIndex: 0,
        PartitionStyle: 'GPT',
        GPTBootDisk: true,
        DiskpartBiosCompatibilityMode: false,
        Partitions: [
          { Type: 'EFI', FileSystem: 'FAT32', Bootable: false, QuickFormat: true, Size: 500, SizeUnits: 'MB', AssignVolumeLetter: false },
          { Type: 'MSR', Bootable: false, QuickFormat: false, Size: 128, SizeUnits: 'MB', AssignVolumeLetter: false },
          { Type: 'Primary', FileSystem: 'NTFS', Bootable: true, QuickFormat: true, Size: 99, SizeUnits: 'Percent', VolumeName: 'Windows', AssignVolumeLetter: true },
          { Type: 'Recovery', FileSystem: 'NTFS', Bootable: false, QuickFormat: true, Size: 100, SizeUnits: 'Percent', VolumeName: 'Recovery', AssignVolumeLetter: false },
        ],
        Condition: partitionWhen(true),
      }),
      applyOperatingSystem('Apply Operating System', { Description: 'Actions to apply operating system', ImagePackageID: IMAGE_PACKAGE, ImageIndex: 1 }),
      applyWindowsSettings('Apply Windows Settings', {
        Description: 'Actions to apply Windows settings',
        RegisteredOrgName: 'Contoso',
        RegisteredUserName: 'Contoso IT',
        TimeZone: 'Pacific Standard Time',
        RandomAdminPassword: true,
      }),
      applyNetworkSettings('Apply Network Settings', { Description: 'Actions to configure network settings', NetworkJoinType: 1, WorkgroupName: 'WORKGROUP' }),
      autoApplyDrivers('Apply Device Drivers', { BestMatch: true, UnsignedDriver: false, Condition: variable('_SMSTSMediaType').notEquals('FullMedia') }),
    ],
    { description: 'Actions to run in Windows PE to install and configure the image' },
  );
}

function setupOperatingSystem(extra: readonly Step[] = []): Step {
  return group(
    'Setup Operating System',
    [
      setupWindowsAndConfigMgr('Setup Windows and Configuration Manager', { Description: 'Actions to setup Windows and Configuration Manager client', ClientPackageID: CLIENT_PACKAGE }),
      ...extra,
      installSoftwareUpdates('Install Updates', { Target: 'Mandatory' }),
      installApplication('Install Applications', {
        Description: 'The applications named by the variables APPLICATIONS01, APPLICATIONS02, … (set them on the collection or device)',
        BaseVariableName: 'APPLICATIONS',
        ContinueOnInstallError: true,
      }),
    ],
    { description: 'Setup Operating System' },
  );
}

/** ConfigMgr's "Install an existing image package" task sequence, capturing and restoring user state. */
export function clientTemplate(): TaskSequence {
  return taskSequence([
    group(
      'Capture Files and Settings',
      [
        captureWindowsSettings('Capture Windows Settings', { MigrateComputerName: true, MigrateRegistrationInfo: true, MigrateTimeZone: true }),
        captureNetworkSettings('Capture Network Settings', { MigrateAdapterSettings: true, MigrateNetworkMembership: true }),
        group('Capture User Files and Settings', [
          requestStateStore('Request User State Storage', { RequestType: 'capture', SMPRetryCount: 3, SMPRetryTime: 60, FallbackToNAA: false }),
          captureUserState('Capture User Files and Settings', { UsmtPackageID: USMT_PACKAGE, Mode: 'Simple', ContinueOnLockedFiles: true, EnableVerboseLogging: false, SkipEncryptedFiles: false }),
          releaseStateStore('Release User State Storage'),
        ]),
      ],
      { description: 'Capture Files and Settings', condition: inFullOS() },
    ),
    installOperatingSystem(),
    setupOperatingSystem(),
    group(
      'Restore User Files and Settings',
      [
        requestStateStore('Request User State Storage', { RequestType: 'restore', SMPRetryCount: 3, SMPRetryTime: 60, FallbackToNAA: false }),
        restoreUserState('Restore User Files and Settings', { UsmtRestorePackageID: USMT_PACKAGE, Mode: 'Simple', ContinueOnRestore: true, LocalAccounts: false, EnableVerboseLogging: false }),
        releaseStateStore('Release User State Storage'),
      ],
      { description: 'Restore User Files and Settings' },
    ),
  ]);
}

/** The same for a server: Windows and network settings carried over, no user state; roles and features installed. */
export function serverTemplate(): TaskSequence {
  return taskSequence([
    group(
      'Capture Settings',
      [
        captureWindowsSettings('Capture Windows Settings', { MigrateComputerName: true, MigrateRegistrationInfo: true, MigrateTimeZone: true }),
        captureNetworkSettings('Capture Network Settings', { MigrateAdapterSettings: true, MigrateNetworkMembership: true }),
      ],
      { description: 'Capture Windows and network settings', condition: inFullOS() },
    ),
    installOperatingSystem(),
    setupOperatingSystem([
      runCommandLine('Install Roles and Features', {
        Description: 'Installs the Windows features named in the variable ServerFeatures, comma separated (e.g. Web-Server,Web-Mgmt-Tools)',
        CommandLine: 'powershell.exe -NoProfile -ExecutionPolicy Bypass -Command "Install-WindowsFeature -Name %ServerFeatures% -IncludeManagementTools -ErrorAction Stop"',
        Condition: variable('ServerFeatures').exists(),
      }),
      restartComputer('Restart Computer', { Target: 'HD', MessageTimeout: 0, Condition: variable('ServerFeatures').exists() }),
    ]),
  ]);
}

/** ConfigMgr's "Create a new custom task sequence": nothing in it yet but a group to put steps in. */
export function customTemplate(): TaskSequence {
  return taskSequence([group('New Group', [])]);
}
