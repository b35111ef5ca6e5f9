/**
 * A large, realistic bare `<sequence>` for the XML benchmark. Its shape is copied from real
 * ConfigMgr exports (../shared/corpus/configmgr, e.g. forevanyeung-rsc002a6-extracted.xml): one
 * line, no indentation, a referenceList and globalVarList first, then nested groups of typed steps,
 * each with its `<action>` command line and the `<defaultVarList>` variables the console writes
 * (`<variable name="…" property="…" [hidden="true"]>`), and `<condition>`s of variable, WMI, file,
 * folder and registry expressions under and/or/not operators on about a quarter of the steps and
 * groups.
 *
 * Deterministic: a seeded PRNG (mulberry32), so every run benchmarks the same bytes.
 */
import { seededRandom as prng } from '../test/seeded-random.js';


function escText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escAttr(s: string): string {
  return escText(s).replace(/"/g, '&quot;');
}

class Gen {
  private readonly rnd: () => number;
  constructor(seed: number) {
    this.rnd = prng(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rnd() * items.length)]!;
  }
  packageId(): string {
    return 'PS1' + this.int(0x100, 0xfff).toString(16).toUpperCase().padStart(5, '0');
  }
  guid(): string {
    const h = (n: number): string => Array.from({ length: n }, () => this.int(0, 15).toString(16)).join('');
    return `${h(8)}-${h(4)}-4${h(3)}-${this.pick(['8', '9', 'a', 'b'])}${h(3)}-${h(12)}`;
  }
}

const WORDS = ['Install', 'Configure', 'Copy', 'Set', 'Remove', 'Enable', 'Disable', 'Update', 'Apply', 'Prepare', 'Capture', 'Check', 'Gather', 'Cleanup', 'Stage'];
const THINGS = ['Drivers', 'BitLocker', 'Office 365', 'Language Pack', 'Logs', 'Registry Keys', 'Windows Updates', 'BIOS Settings', 'Start Menu', 'Firewall Rules', 'Edge', 'Teams', 'OneDrive', 'Defender', 'Power Plan', 'Time Zone'];
const MODELS = ['HP EliteBook 840 G8', 'Latitude 7420', 'ThinkPad T14 Gen 2', 'Surface Laptop 4', 'OptiPlex 7090', 'HP ProDesk 600 G6'];
const VARIABLES = ['_SMSTSInWinPE', '_SMSTSBootUEFI', 'OSDComputerName', 'DeploymentType', 'IsLaptop', 'IsVM', '_SMSTSMediaType', 'OSDUILanguage', 'TS_Failed', '_SMSTSLastActionSucceeded', 'Make', 'Model'];
const OPERATORS = ['equals', 'notEquals', 'greater', 'less', 'like', 'exists'];

function attrs(list: readonly (readonly [string, string | undefined])[]): string {
  let s = '';
  for (const [name, value] of list) if (value !== undefined) s += ` ${name}="${escAttr(value)}"`;
  return s;
}

/** `<variable name property [hidden]>text</variable>` as ConfigMgr writes it. */
function variable(name: string, property: string, value: string, hidden = false): string {
  return `<variable name="${name}" property="${property}"${hidden ? ' hidden="true"' : ''}>${escText(value)}</variable>`;
}

function expressionXml(g: Gen): string {
  switch (g.int(0, 5)) {
    case 0:
    case 1: {
      const op = g.pick(OPERATORS);
      const v = g.pick(VARIABLES);
      return `<expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">${op}</variable><variable name="Value">${escText(g.pick(['true', 'false', 'TRUE', 'refresh', 'OEMMedia', 'en-US', '1']))}</variable><variable name="Variable">${v}</variable></expression>`;
    }
    case 2: {
      const model = g.pick(MODELS);
      const query = g.pick([
        `SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%${model}%'`,
        "SELECT * FROM Win32_LogicalDisk where DriveType = '3' and FileSystem != 'NTFS' and FileSystem != 'FAT32'",
        "select * from Win32_DiskPartition where DiskIndex = 0 and Type<>'Installable File System' and Type<>'NTFS'",
        "SELECT * FROM Win32_Battery",
        "SELECT * FROM Win32_OperatingSystem WHERE Version like '10.0%' AND ProductType=1",
      ]);
      return `<expression type="SMS_TaskSequence_WMIConditionExpression"><variable name="Namespace">root\\cimv2</variable><variable name="Query">${escText(query)}</variable></expression>`;
    }
    case 3:
      return `<expression type="SMS_TaskSequence_FileConditionExpression"><variable name="Path">${escText(g.pick(['%SYSTEMDRIVE%\\Windows\\System32\\maillog.vbs', 'x:\\Windows\\System32\\BITSACP.exe', 'X:\\Deploy\\Scripts\\ZTIConfirmDiskpart.vbs']))}</variable></expression>`;
    case 4:
      return `<expression type="SMS_TaskSequence_FolderConditionExpression"><variable name="Path">${escText(g.pick(['%OSDISK%\\%USMTSTATESTORE%', 'z:\\', 'C:\\Program Files\\Microsoft Office']))}</variable></expression>`;
    default:
      return `<expression type="SMS_TaskSequence_RegistryConditionExpression"><variable name="KeyPath">HKEY_LOCAL_MACHINE\\SOFTWARE\\Remediations\\KB${g.int(5000000, 5099999)}</variable><variable name="Operator">${g.pick(['exists', 'notExists', 'equals'])}</variable><variable name="Type">REG_DWORD</variable><variable name="Value">${g.pick(['Complete', '1', ''])}</variable></expression>`;
  }
}

/** An operand: an expression or an and/or/not operator over operands, nested up to `depth`. */
function operandXml(g: Gen, depth: number): string {
  if (depth <= 0 || g.chance(0.55)) return expressionXml(g);
  const type = g.pick(['and', 'and', 'or', 'not']);
  const n = type === 'not' ? 1 : g.int(2, 3);
  let inner = '';
  for (let i = 0; i < n; i++) inner += operandXml(g, depth - 1);
  return `<operator type="${type}">${inner}</operator>`;
}

function conditionXml(g: Gen): string {
  let body = operandXml(g, 3);
  if (g.chance(0.2)) body += expressionXml(g); // top-level operands are ANDed
  return `<condition>${body}</condition>`;
}

interface StepParts {
  readonly type: string;
  readonly name: string;
  readonly runIn: string;
  readonly successCodeList: string;
  readonly timeout?: string;
  readonly action: string;
  readonly vars: string;
}

function runCommandLine(g: Gen): StepParts {
  const cmd = g.pick([
    `cmd /c reg add "HKLM\\SOFTWARE\\Contoso" /v Build${g.int(1, 999)} /t REG_SZ /d "Success" /f`,
    `cscript.exe "%SCRIPTROOT%\\ZTI${g.pick(['CopyLogs', 'Bde', 'Gather', 'Tattoo'])}.wsf"`,
    `powershell.exe -ExecutionPolicy Bypass -File .\\Set-${g.pick(THINGS).replace(/ /g, '')}.ps1 -Verbose`,
    `cmd.exe /c echo Y | rd /s C:\\Windows\\Temp\\Mailer & del C:\\Windows\\System32\\maillog.vbs`,
    `xcopy ".\\*.*" "%scriptroot%\\" /D /E /C /I /Q /H /R /Y /S`,
    'WpeUtil Shutdown',
  ]);
  const pkg = g.chance(0.4) ? g.packageId() : undefined;
  let vars = variable('CommandLine', 'CommandLine', cmd, true) + variable('SMSTSDisableWow64Redirection', 'DisableWow64Redirection', g.pick(['false', 'true']));
  if (g.chance(0.3)) vars += variable('SMSTSRunCommandLineOutputVariableName', 'OutputVariableName', g.chance(0.5) ? '' : 'CmdOutput');
  if (pkg) vars += variable('PackageID', 'PackageID', pkg, true);
  vars += variable('_SMSTSRunCommandLineAsUser', 'RunAsUser', 'false') + variable('SuccessCodes', 'SuccessCodes', '0 3010', true);
  if (g.chance(0.2)) vars += variable('WorkingDirectory', 'WorkingDirectory', '%SCRIPTROOT%');
  return { type: 'SMS_TaskSequence_RunCommandLineAction', name: `${g.pick(WORDS)} ${g.pick(THINGS)}`, runIn: 'WinPEandFullOS', successCodeList: '0 3010', ...(g.chance(0.3) ? { timeout: String(g.pick([60, 900, 3600])) } : {}), action: `smsswd.exe /run:${pkg ?? ''} ${cmd}`, vars };
}

function setVariable(g: Gen): StepParts {
  const name = g.pick(['OSDComputerName', 'SMSTSPostAction', 'TS_Failed', 'SMSTSDownloadProgram', 'OSDTimeZone', 'Dummy', 'SMSTSAllowTokenAuthURLForACP']) + (g.chance(0.5) ? String(g.int(1, 99)) : '');
  const value = g.pick(['TRUE', 'false', 'BITSACP.exe', 'W. Europe Standard Time', 'cmd.exe /c echo y | rd /s %OSDISK%\\%USMTBits% & shutdown /r /t 0', 'PC-%SerialNumber%']);
  const hidden = g.chance(0.5);
  const vars = variable('DoNotShowVariableValue', 'DoNotShowVariableValue', String(hidden), true) + variable('VariableName', 'VariableName', name, true) + variable('VariableValue', 'VariableValue', value, true);
  return { type: 'SMS_TaskSequence_SetVariableAction', name: `Set ${name}`, runIn: 'WinPEandFullOS', successCodeList: '0', action: `tsenv.exe "${name}=${value}" /hiddenflag:${hidden ? 'True' : 'False'}`, vars };
}

function runPowerShell(g: Gen): StepParts {
  const inline = g.chance(0.4);
  let vars = variable('OSDRunPowerShellScriptExecutionPolicy', 'ExecutionPolicy', g.pick(['Bypass', 'AllSigned', 'Undefined']));
  if (g.chance(0.3)) vars += variable('OSDRunPowerShellScriptOutputVariableName', 'OutputVariableName', 'PSOutput');
  if (!inline) vars += variable('OSDRunPowerShellScriptPackageID', 'PackageID', g.packageId());
  vars += variable('OSDRunPowerShellScriptParameters', 'Parameters', g.pick(['', '-Verbose', `-Model "${g.pick(MODELS)}" -Force`]));
  vars += variable('_SMSTSRunPowerShellAsUser', 'RunAsUser', 'false');
  if (inline) vars += variable('OSDRunPowerShellScriptSourceScript', 'SourceScript', Buffer.from('\uFEFFWrite-Output "step ' + g.int(1, 1e6) + '"\r\nexit 0', 'utf16le').toString('base64'));
  else vars += variable('OSDRunPowerShellScriptScriptName', 'ScriptName', `Invoke-${g.pick(THINGS).replace(/ /g, '')}.ps1`);
  vars += variable('OSDRunPowerShellScriptSuccessCodes', 'SuccessCodes', '0 3010', true);
  return { type: 'SMS_TaskSequence_RunPowerShellScriptAction', name: `${g.pick(WORDS)} ${g.pick(THINGS)} (PowerShell)`, runIn: 'WinPEandFullOS', successCodeList: '0 3010', timeout: '900', action: 'OSDRunPowerShellScript.exe', vars };
}

function installApplication(g: Gen): StepParts {
  const n = g.int(1, 4);
  let vars = variable('OSDApp', 'AppInfo', String(n), true);
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const app = `ScopeId_${g.guid().toUpperCase()}/Application_${g.guid()}`;
    names.push(app);
    vars += variable(`OSDApp${i}Description`, `AppInfo${i}Description`, 'Valid') + variable(`OSDApp${i}DisplayName`, `AppInfo${i}DisplayName`, g.pick(THINGS) + ' ' + g.int(1, 30)) + variable(`OSDApp${i}Name`, `AppInfo${i}Name`, app);
  }
  vars += variable('ApplicationName', 'ApplicationName', names.join(':'), true) + variable('ContinueOnInstallError', 'ContinueOnInstallError', 'false', true) + variable('OSDAppCount', 'NumApps', String(n));
  return { type: 'SMS_TaskSequence_InstallApplicationAction', name: `Install ${g.pick(THINGS)}`, runIn: 'FullOS', successCodeList: '0', action: `smsappinstall.exe /app:${names.join(':')} /basevar: /continueOnError:False`, vars };
}

function reboot(g: Gen): StepParts {
  const target = g.pick(['HD', 'WinPE']);
  const vars = variable('SMSRebootMessage', 'Message', 'A new Microsoft Windows operating system is being installed. The computer must restart to continue.') + variable('SMSRebootTimeout', 'MessageTimeout', String(g.pick([0, 5, 60]))) + variable('SMSRebootTarget', 'Target', target, true);
  return { type: 'SMS_TaskSequence_RebootAction', name: 'Restart Computer', runIn: 'WinPEandFullOS', successCodeList: '0', action: `smsboot.exe /target:${target}`, vars };
}

function partitionDisk(g: Gen): StepParts {
  const parts = g.int(1, 4);
  let vars = variable('OSDDiskIndex', 'DiskIndex', '0') + variable('OSDDiskType', 'DiskType', 'BASIC') + variable('OSDDiskpartBiosCompatibilityMode', 'DiskpartBiosCompatibilityMode', 'false') + variable('OSDGPTBootDisk', 'GPTBootDisk', 'true') + variable('OSDPartitionStyle', 'PartitionStyle', 'GPT') + variable('OSDPartitions', 'Partitions', String(parts), true);
  for (let i = 0; i < parts; i++) {
    const p = `OSDPartitions${i}`, q = `Partitions${i}`;
    vars += variable(`${p}AssignVolumeLetter`, `${q}AssignVolumeLetter`, 'false') + variable(`${p}Bootable`, `${q}Bootable`, String(i === 0)) + variable(`${p}FileSystem`, `${q}FileSystem`, i === 0 ? 'FAT32' : 'NTFS') + variable(`${p}QuickFormat`, `${q}QuickFormat`, 'true') + variable(`${p}Size`, `${q}Size`, i === parts - 1 ? '100' : String(g.pick([350, 500, 984]))) + variable(`${p}SizeUnits`, `${q}SizeUnits`, i === parts - 1 ? 'PERCENT' : 'MB') + variable(`${p}Type`, `${q}Type`, g.pick(['EFI', 'MSR', 'Primary', 'RECOVERY'])) + variable(`${p}VolumeLetterVariable`, `${q}VolumeLetterVariable`, i === parts - 1 ? 'OSDisk' : '') + variable(`${p}VolumeName`, `${q}VolumeName`, g.pick(['Boot', 'Windows', 'Recovery']));
  }
  return { type: 'SMS_TaskSequence_PartitionDiskAction', name: 'Format and Partition Disk (UEFI)', runIn: 'WinPE', successCodeList: '0', action: 'osddiskpart.exe', vars };
}

function downloadPackageContent(g: Gen): StepParts {
  const pkgs = Array.from({ length: g.int(1, 3) }, () => g.packageId());
  const vars = variable('OSDDownloadContinueDownloadOnError', 'ContinueDownloadOnError', 'true') + variable('OSDDownloadDestinationPath', 'DestinationCustomPath', '') + variable('OSDDownloadDestinationLocationType', 'DestinationLocationType', 'TSCache') + variable('OSDDownloadDestinationVariable', 'DestinationVariable', 'DRIVERS') + variable('OSDDownloadDownloadPackages', 'DownloadPackages', pkgs.join(',')) + variable('OSDPackageCount', 'NumPackages', String(pkgs.length));
  return { type: 'SMS_TaskSequence_DownloadPackageContentAction', name: `Download ${g.pick(MODELS)} Drivers`, runIn: 'WinPEandFullOS', successCodeList: '0', action: 'OsdDownloadContent.exe ', vars };
}

function applyOperatingSystem(g: Gen): StepParts {
  const pkg = g.packageId();
  const vars = variable('OSDImageIndex', 'ImageIndex', String(g.int(1, 6))) + variable('ImagePackageID', 'ImagePackageID', pkg, true) + variable('RunFromNet', 'RunFromNet', 'false', true);
  return { type: 'SMS_TaskSequence_ApplyOperatingSystemAction', name: 'Apply Operating System Image', runIn: 'WinPE', successCodeList: '0', action: `OSDApplyOS.exe /image:${pkg},%OSDImageIndex% /runfromnet:False`, vars };
}

function usePackage(g: Gen): StepParts {
  // An MDT action, a class the catalog may not know: read as a custom action.
  const pkg = g.packageId();
  return { type: 'BDD_UsePackage', name: 'Use Toolkit Package', runIn: 'WinPEandFullOS', successCodeList: '0', action: `smsswd.exe /run:${pkg} cscript.exe Scripts\\ZTISCCM.wsf`, vars: variable('BDDPackageID', 'PackageID', pkg, true) };
}

/** Weighted like the corpus: Run Command Line dominates, then Set Variable, PowerShell, Restart. */
const STEP_KINDS: readonly [number, (g: Gen) => StepParts][] = [
  [38, runCommandLine],
  [18, setVariable],
  [12, runPowerShell],
  [8, installApplication],
  [8, reboot],
  [4, partitionDisk],
  [4, downloadPackageContent],
  [3, applyOperatingSystem],
  [5, usePackage],
];
const STEP_WEIGHT = STEP_KINDS.reduce((s, [w]) => s + w, 0);

function stepXml(g: Gen): string {
  let r = g.int(0, STEP_WEIGHT - 1);
  let make = STEP_KINDS[0]![1];
  for (const [w, f] of STEP_KINDS) {
    if (r < w) {
      make = f;
      break;
    }
    r -= w;
  }
  const p = make(g);
  const a = attrs([
    ['type', p.type],
    ['name', p.name],
    ['description', g.chance(0.8) ? '' : `Added for change ${g.int(1000, 9999)} & tested on ${g.pick(MODELS)}`],
    ['disable', g.chance(0.05) ? 'true' : undefined],
    ['continueOnError', g.chance(0.2) ? 'true' : undefined],
    ['timeout', p.timeout],
    ['runIn', p.runIn],
    ['successCodeList', p.successCodeList],
    ['retryCount', g.chance(0.5) ? '0' : undefined],
    ['runFromNet', 'false'],
  ]);
  const condition = g.chance(0.25) ? conditionXml(g) : '';
  return `<step${a}>${condition}<action>${escText(p.action)}</action><defaultVarList>${p.vars}</defaultVarList></step>`;
}

/**
 * A bare ConfigMgr `<sequence version="3.10">` with `steps` steps (not counting groups) in groups
 * nested up to 6 deep. The same `steps` always gives the same text.
 */
export function generateLargeSequenceXml(steps = 10000): string {
  const g = new Gen(0x7e5e9 + steps);
  const out: string[] = ['<sequence version="3.10"><referenceList>'];
  for (let i = 0; i < 25; i++) {
    out.push(g.chance(0.5) ? `<reference package="${g.packageId()}"${g.chance(0.3) ? ' program="*"' : ''}/>` : `<reference application="ScopeId_${g.guid().toUpperCase()}/Application_${g.guid()}"/>`);
  }
  out.push('</referenceList><globalVarList>');
  out.push(variable('OSDStateSMPRetryCount', 'SMPRetryCount', '3') + variable('OSDStateSMPRetryTime', 'SMPRetryTime', '10') + variable('OSDEnableTCPIPFiltering', 'EnableTCPIPFiltering', 'false') + variable('OSDAdapterCount', 'NumAdapters', '0'));
  out.push('</globalVarList>');

  let remaining = steps;
  let groupNo = 0;
  // Emits a group at `depth` (1-based) holding a share of the remaining steps and sub-groups.
  const group = (depth: number): void => {
    groupNo++;
    const a = attrs([
      ['name', `${g.pick(WORDS)} ${g.pick(THINGS)} ${groupNo}`],
      ['description', g.chance(0.7) ? '' : 'you can disable this entire group if you do not need it'],
      ['disable', g.chance(0.03) ? 'true' : undefined],
      ['continueOnError', g.chance(0.2) ? 'true' : undefined],
    ]);
    out.push(`<group${a}>`);
    if (g.chance(0.3)) out.push(conditionXml(g));
    const children = g.int(4, 14);
    for (let i = 0; i < children && remaining > 0; i++) {
      if (depth < 6 && g.chance(depth <= 2 ? 0.3 : 0.15)) group(depth + 1);
      else {
        out.push(stepXml(g));
        remaining--;
      }
    }
    out.push('</group>');
  };
  while (remaining > 0) {
    if (g.chance(0.1)) {
      out.push(stepXml(g));
      remaining--;
    } else group(1);
  }
  out.push('</sequence>');
  return out.join('');
}
