/**
 * The machine profile the conditions benchmark evaluates against (`npm run bench:conditions`):
 * 10,000 WMI instances spread over the classes the corpus queries, plus the variables, files,
 * folders, registry values and software its conditions read. Deterministic: a seeded PRNG, so
 * every run (and every machine) evaluates the same profile.
 *
 * Most instances sit in a few big classes (Win32_Process, Win32_LogicalDisk,
 * Win32_NetworkAdapterConfiguration, Win32_PnPEntity…); the hardware classes hold one or a few, as
 * on a real machine. A query on a big class scans thousands of instances; one on Win32_OperatingSystem
 * scans one.
 */
import type { Condition, ModelObject, Operand } from '../src/model/node.js';
import { isOperator } from '../src/model/node.js';
import type { MachineProfile, RegistryValue, WmiInstance } from '../src/conditions/index.js';
import { seededRandom } from '../test/seeded-random.js';


type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const hex = (rng: Rng, n: number): string => Array.from({ length: n }, () => int(rng, 0, 15).toString(16)).join('').toUpperCase();
const guid = (rng: Rng): string => `{${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}}`;
const mac = (rng: Rng): string => Array.from({ length: 6 }, () => hex(rng, 2)).join(':');
const ipv4 = (rng: Rng): string => `10.${int(rng, 0, 255)}.${int(rng, 0, 255)}.${int(rng, 1, 254)}`;
const wmiDate = (rng: Rng): string => `20${int(rng, 18, 25)}${String(int(rng, 1, 12)).padStart(2, '0')}${String(int(rng, 1, 28)).padStart(2, '0')}${String(int(rng, 0, 23)).padStart(2, '0')}${String(int(rng, 0, 59)).padStart(2, '0')}00.000000+060`;

// ---------------------------------------------------------------------------------------------
// The small (hardware) classes: one or a few instances each.

const MANUFACTURERS = [
  ['Dell Inc.', 'Latitude E7270'],
  ['HP', 'HP ProBook 445 G6'],
  ['Hewlett-Packard', 'HP EliteBook 8560w'],
  ['LENOVO', '20L8S02D00'],
  ['Microsoft Corporation', 'Surface Pro 3'],
  ['Microsoft Corporation', 'Virtual Machine'],
  ['VMware, Inc.', 'VMware Virtual Platform'],
] as const;

function hardware(rng: Rng): Record<string, WmiInstance[]> {
  const [manufacturer, model] = pick(rng, MANUFACTURERS);
  const serial = hex(rng, 10);
  const build = pick(rng, ['17763', '19045', '22621', '22631', '26100']);
  const cores = pick(rng, [2, 4, 8]);
  return {
    Win32_ComputerSystem: [
      {
        __CLASS: 'Win32_ComputerSystem',
        Name: `PC${String(int(rng, 0, 9999)).padStart(4, '0')}`,
        Manufacturer: manufacturer,
        Model: model,
        Domain: 'corp.example.com',
        PartOfDomain: true,
        PCSystemType: pick(rng, [1, 2, 3]),
        HypervisorPresent: /Virtual/.test(model),
        NumberOfProcessors: 1,
        NumberOfLogicalProcessors: cores * 2,
        TotalPhysicalMemory: String(pick(rng, [8, 16, 32]) * 1024 ** 3),
        SystemType: 'x64-based PC',
        UserName: null,
      },
    ],
    Win32_OperatingSystem: [
      {
        __CLASS: 'Win32_OperatingSystem',
        Caption: 'Microsoft Windows 11 Enterprise',
        Version: `10.0.${build}`,
        BuildNumber: build,
        OSArchitecture: '64-bit',
        OSType: 18,
        ProductType: 1,
        OSLanguage: 1033,
        SystemDrive: 'C:',
        WindowsDirectory: 'C:\\Windows',
        InstallDate: wmiDate(rng),
        LastBootUpTime: wmiDate(rng),
        FreePhysicalMemory: String(int(rng, 1, 8) * 1024 ** 2),
      },
    ],
    Win32_Battery: [{ __CLASS: 'Win32_Battery', DeviceID: hex(rng, 12), BatteryStatus: pick(rng, [1, 2]), EstimatedChargeRemaining: int(rng, 5, 100), Chemistry: 6 }],
    Win32_SystemEnclosure: [{ __CLASS: 'Win32_SystemEnclosure', ChassisTypes: [pick(rng, [3, 9, 10, 14])], SerialNumber: serial, SMBIOSAssetTag: hex(rng, 6), Manufacturer: manufacturer }],
    Win32_BIOS: [{ __CLASS: 'Win32_BIOS', Manufacturer: manufacturer, SMBIOSBIOSVersion: `1.${int(rng, 0, 30)}.${int(rng, 0, 9)}`, SerialNumber: serial, ReleaseDate: wmiDate(rng), BIOSVersion: [`${hex(rng, 4)} - 1072009`] }],
    Win32_BaseBoard: [{ __CLASS: 'Win32_BaseBoard', Manufacturer: manufacturer, Product: hex(rng, 6), SerialNumber: serial, Version: 'A00' }],
    Win32_ComputerSystemProduct: [{ __CLASS: 'Win32_ComputerSystemProduct', Name: model, Vendor: manufacturer, Version: `${model} ${int(rng, 1, 9)}`, IdentifyingNumber: serial, UUID: guid(rng).slice(1, -1) }],
    Win32_Processor: Array.from({ length: 2 }, (_, i) => ({
      __CLASS: 'Win32_Processor',
      DeviceID: `CPU${i}`,
      Name: 'Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz',
      Architecture: 9,
      AddressWidth: 64,
      NumberOfCores: cores,
      NumberOfLogicalProcessors: cores * 2,
      MaxClockSpeed: 2112,
    })),
    Win32_DiskDrive: Array.from({ length: 4 }, (_, i) => ({ __CLASS: 'Win32_DiskDrive', Index: i, DeviceID: `\\\\.\\PHYSICALDRIVE${i}`, Model: pick(rng, ['Samsung SSD 970', 'KXG50ZNV512G', 'Virtual Disk']), InterfaceType: pick(rng, ['SCSI', 'IDE', 'USB']), Size: String(int(rng, 64, 2048) * 1024 ** 3) })),
    Win32_DiskPartition: Array.from({ length: 12 }, (_, i) => ({
      __CLASS: 'Win32_DiskPartition',
      DiskIndex: i % 4,
      Index: Math.floor(i / 4),
      Type: pick(rng, ['GPT: System', 'GPT: Basic Data', 'GPT: Unknown', 'Installable File System']),
      BootPartition: i === 0,
      Size: String(int(rng, 1, 500) * 1024 ** 3),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// The big classes: thousands of instances.

const PROCESSES = ['svchost.exe', 'svchost.exe', 'svchost.exe', 'RuntimeBroker.exe', 'chrome.exe', 'msedge.exe', 'conhost.exe', 'dllhost.exe', 'explorer.exe', 'CcmExec.exe', 'TSManager.exe', 'powershell.exe', 'cmd.exe', 'lsass.exe', 'csrss.exe', 'wininit.exe', 'services.exe', 'SearchHost.exe'];
const FILE_SYSTEMS = ['NTFS', 'NTFS', 'NTFS', 'FAT32', 'ReFS', 'exFAT', 'CDFS'];
const ADAPTERS = ['Intel(R) Ethernet Connection I219-LM', 'Intel(R) Wi-Fi 6 AX201 160MHz', 'Hyper-V Virtual Ethernet Adapter', 'WAN Miniport (IP)', 'Microsoft Kernel Debug Network Adapter', 'Bluetooth Device (Personal Area Network)'];
const PNP_CLASSES = ['System', 'USB', 'HIDClass', 'Net', 'DiskDrive', 'Display', 'Monitor', 'AudioEndpoint', 'SoftwareDevice', 'Volume'];
const SERVICES = ['wuauserv', 'BITS', 'CcmExec', 'WinRM', 'Spooler', 'LanmanServer', 'Dnscache', 'EventLog', 'smstsmgr', 'BDESVC', 'WSearch'];

function logicalDisk(rng: Rng, i: number): WmiInstance {
  // The first 26 are drive letters (X: among them, as in WinPE); the rest are mounted volumes.
  const deviceId = i < 26 ? `${String.fromCharCode(65 + i)}:` : `\\\\?\\Volume${guid(rng)}\\`;
  const driveType = i === 2 ? 3 : pick(rng, [2, 3, 3, 3, 4, 5]);
  const size = int(rng, 1, 4000) * 1024 ** 3;
  return {
    __CLASS: 'Win32_LogicalDisk',
    DeviceID: deviceId,
    Caption: deviceId,
    DriveType: driveType,
    MediaType: driveType === 3 ? 12 : 0,
    FileSystem: driveType === 5 ? 'CDFS' : pick(rng, FILE_SYSTEMS),
    Size: String(size),
    FreeSpace: String(Math.floor(size * rng())),
    VolumeName: pick(rng, ['OS', 'Data', 'Recovery', 'Windows', 'Backup', '']),
    VolumeSerialNumber: hex(rng, 8),
    Compressed: false,
  };
}

function networkAdapter(rng: Rng, i: number): WmiInstance {
  const enabled = rng() < 0.4;
  return {
    __CLASS: 'Win32_NetworkAdapterConfiguration',
    Index: i,
    InterfaceIndex: i + 1,
    Description: pick(rng, ADAPTERS),
    SettingID: guid(rng),
    IPEnabled: enabled,
    DHCPEnabled: rng() < 0.8,
    MACAddress: enabled ? mac(rng) : null,
    IPAddress: enabled ? [ipv4(rng), `fe80::${hex(rng, 4).toLowerCase()}:${hex(rng, 4).toLowerCase()}`] : null,
    IPSubnet: enabled ? ['255.255.0.0', '64'] : null,
    DefaultIPGateway: enabled ? [ipv4(rng)] : null,
    DNSDomain: enabled ? 'corp.example.com' : null,
    DNSServerSearchOrder: enabled ? [ipv4(rng), ipv4(rng)] : null,
  };
}

function processInstance(rng: Rng, i: number): WmiInstance {
  const name = pick(rng, PROCESSES);
  const pid = 4 + i * 4;
  return {
    __CLASS: 'Win32_Process',
    __RELPATH: `Win32_Process.Handle="${pid}"`,
    Caption: name,
    Name: name,
    Handle: String(pid),
    ProcessId: pid,
    ParentProcessId: pick(rng, [4, 640, 712, 1024]),
    ExecutablePath: `C:\\Windows\\System32\\${name}`,
    CommandLine: `${name} -k netsvcs -p -s ${hex(rng, 6)}`,
    HandleCount: int(rng, 50, 5000),
    ThreadCount: int(rng, 1, 120),
    WorkingSetSize: String(int(rng, 1, 500) * 1024 ** 2),
    CreationDate: wmiDate(rng),
  };
}

function pnpEntity(rng: Rng, i: number): WmiInstance {
  const cls = pick(rng, PNP_CLASSES);
  return { __CLASS: 'Win32_PnPEntity', DeviceID: `${cls.toUpperCase()}\\VEN_${hex(rng, 4)}&DEV_${hex(rng, 4)}\\${i}`, PNPClass: cls, Name: `${cls} device ${i}`, Status: pick(rng, ['OK', 'OK', 'OK', 'Error']), ConfigManagerErrorCode: pick(rng, [0, 0, 0, 28]), HardwareID: [`PCI\\VEN_${hex(rng, 4)}`] };
}

function service(rng: Rng, i: number): WmiInstance {
  const name = `${pick(rng, SERVICES)}${i}`;
  return { __CLASS: 'Win32_Service', Name: name, DisplayName: name, State: pick(rng, ['Running', 'Stopped']), StartMode: pick(rng, ['Auto', 'Manual', 'Disabled']), ProcessId: int(rng, 0, 20000) };
}

function hotfix(rng: Rng, i: number): WmiInstance {
  return { __CLASS: 'Win32_QuickFixEngineering', HotFixID: `KB${5000000 + i}`, Description: pick(rng, ['Update', 'Security Update']), InstalledOn: `${int(rng, 1, 12)}/${int(rng, 1, 28)}/20${int(rng, 19, 25)}` };
}

export const WMI_INSTANCE_COUNT = 10_000;

/** The share of the big classes in what is left after the hardware classes. */
const BIG_CLASSES: readonly { readonly name: string; readonly share: number; readonly make: (rng: Rng, i: number) => WmiInstance }[] = [
  { name: 'Win32_LogicalDisk', share: 0.25, make: logicalDisk },
  { name: 'Win32_NetworkAdapterConfiguration', share: 0.25, make: networkAdapter },
  { name: 'Win32_PnPEntity', share: 0.12, make: pnpEntity },
  { name: 'Win32_Service', share: 0.05, make: service },
  { name: 'Win32_QuickFixEngineering', share: 0.03, make: hotfix },
  { name: 'Win32_Process', share: 0.3, make: processInstance }, // last: takes the remainder
];

function wmi(rng: Rng): NonNullable<MachineProfile['wmi']> {
  const cimv2: Record<string, WmiInstance[]> = hardware(rng);
  const tpm = { Win32_Tpm: [{ __CLASS: 'Win32_Tpm', IsActivated_InitialValue: true, IsEnabled_InitialValue: true, IsOwned_InitialValue: true, SpecVersion: '2.0, 0, 1.38', ManufacturerIdTxt: 'INTC' }] };
  const bitlocker = { Win32_EncryptableVolume: [{ __CLASS: 'Win32_EncryptableVolume', DriveLetter: 'C:', ProtectionStatus: pick(rng, [0, 1]), EncryptionMethod: 6 }] };
  const small = Object.values(cimv2).reduce((n, xs) => n + xs.length, 0) + tpm.Win32_Tpm.length + bitlocker.Win32_EncryptableVolume.length;
  let left = WMI_INSTANCE_COUNT - small;
  const total = left;
  BIG_CLASSES.forEach(({ name, share, make }, k) => {
    const n = k === BIG_CLASSES.length - 1 ? left : Math.round(total * share);
    cimv2[name] = Array.from({ length: n }, (_, i) => make(rng, i));
    left -= n;
  });
  return {
    'root\\cimv2': cimv2,
    'root\\cimv2\\Security\\MicrosoftTPM': tpm,
    'root\\cimv2\\Security\\MicrosoftVolumeEncryption': bitlocker,
  };
}

// ---------------------------------------------------------------------------------------------
// What the conditions read besides WMI.

interface Reads {
  /** Variable name (as first written) → the values conditions compare it with. */
  readonly variables: Map<string, { name: string; values: string[] }>;
  readonly files: Set<string>;
  readonly folders: Set<string>;
  readonly registry: Map<string, Set<string>>;
  readonly software: { productCode?: string; upgradeCode?: string }[];
}

function collectReads(conditions: readonly Condition[]): Reads {
  const reads: Reads = { variables: new Map(), files: new Set(), folders: new Set(), registry: new Map(), software: [] };
  const variable = (name: string, value?: string): void => {
    const key = name.trim().toLowerCase();
    if (!key) return;
    const entry = reads.variables.get(key) ?? { name: name.trim(), values: [] };
    if (value !== undefined && value !== '' && !entry.values.includes(value)) entry.values.push(value);
    reads.variables.set(key, entry);
  };
  const referenced = (text: string): void => {
    for (const m of text.matchAll(/%([^%\s]+)%/g)) variable(m[1]!);
  };
  const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
  const visit = (o: Operand): void => {
    if (isOperator(o)) return o.Operands.forEach(visit);
    const e = o as ModelObject;
    switch (e.__CLASS) {
      case 'SMS_TaskSequence_VariableConditionExpression':
        variable(str(e['Variable']), str(e['Value']));
        break;
      case 'SMS_TaskSequence_FileConditionExpression':
        referenced(str(e['Path']));
        reads.files.add(str(e['Path']));
        break;
      case 'SMS_TaskSequence_FolderConditionExpression':
        referenced(str(e['Path']));
        reads.folders.add(str(e['Path']));
        break;
      case 'SMS_TaskSequence_RegistryConditionExpression': {
        referenced(str(e['KeyPath']));
        const names = reads.registry.get(str(e['KeyPath'])) ?? new Set<string>();
        names.add(str(e['Value']));
        reads.registry.set(str(e['KeyPath']), names);
        break;
      }
      case 'SMS_TaskSequence_SoftwareConditionExpression':
        reads.software.push({ productCode: str(e['ProductCode']), upgradeCode: str(e['UpgradeCode']) });
        break;
    }
  };
  for (const c of conditions) c.Operands.forEach(visit);
  return reads;
}

/**
 * The variables: every variable the conditions name or %-reference, plus the usual built-ins. About
 * one in eight is left unset (so exists / notExists / a missing variable are exercised); the others
 * take, usually, one of the values the conditions compare them with, so both outcomes occur.
 */
function variables(rng: Rng, reads: Reads): Record<string, string> {
  const out: Record<string, string> = {
    _SMSTSInWinPE: 'false',
    _SMSTSBootUEFI: 'true',
    _SMSTSMediaType: 'FullMedia',
    _SMSTSLogPath: 'C:\\Windows\\CCM\\Logs\\SMSTSLog',
    OSDComputerName: 'PC0042',
    OSDisk: 'C:',
    OSPart: 'C:',
    SystemDrive: 'C:',
    ScriptRoot: 'C:\\MININT\\Scripts',
    DeployRoot: '\\\\mdt01\\DeploymentShare$',
    Processor_Architecture: 'AMD64',
  };
  for (const [key, { name, values }] of reads.variables) {
    if (Object.keys(out).some((k) => k.toLowerCase() === key)) continue;
    if (rng() < 0.125) continue;
    out[name] = values.length && rng() < 0.8 ? pick(rng, values) : pick(rng, ['True', 'False', 'YES', 'NO', '0', '1', 'C:', `value-${hex(rng, 4)}`]);
  }
  return out;
}

function expand(text: string, vars: Record<string, string>): string {
  const lower = new Map(Object.entries(vars).map(([k, v]) => [k.toLowerCase(), v]));
  return text.replace(/%([^%\s]+)%/g, (whole, name: string) => lower.get(name.toLowerCase()) ?? whole);
}

export interface BenchProfileFigures {
  readonly wmiInstances: number;
  readonly wmiClasses: number;
  readonly instancesByClass: Readonly<Record<string, number>>;
  readonly variables: number;
}

/**
 * A profile for `conditions` (the ones the benchmark evaluates): 10,000 WMI instances, the variables
 * they read, and about half of the files, folders, registry values and software they test.
 */
export function generateConditionsProfile(conditions: readonly Condition[], seed = 0x5eed): { profile: MachineProfile; figures: BenchProfileFigures } {
  const rng = seededRandom(seed);
  const reads = collectReads(conditions);
  const vars = variables(rng, reads);
  const files: Record<string, { version?: string; modified?: string; size?: number }> = {};
  for (const p of reads.files) if (rng() < 0.5) files[expand(p, vars)] = { version: `10.0.${int(rng, 17763, 26100)}.${int(rng, 1, 5000)}`, modified: `2024-0${int(rng, 1, 9)}-1${int(rng, 0, 9)}T12:00:00Z`, size: int(rng, 1000, 5_000_000) };
  const folders: Record<string, { modified?: string }> = {};
  for (const p of reads.folders) if (rng() < 0.5) folders[expand(p, vars)] = { modified: '2024-05-01' };
  const registry: Record<string, Record<string, RegistryValue>> = {};
  for (const [key, names] of reads.registry) {
    if (rng() < 0.5) continue;
    const values: Record<string, RegistryValue> = {};
    for (const n of names) values[n] = pick(rng, [{ type: 'REG_SZ', data: `1.${int(rng, 0, 9)}.${int(rng, 0, 99)}` }, { type: 'REG_DWORD', data: int(rng, 0, 3) }] as const);
    registry[expand(key, vars)] = values;
  }
  const software = reads.software.filter(() => rng() < 0.5).map((s) => ({ ...(s.productCode ? { productCode: s.productCode } : {}), ...(s.upgradeCode ? { upgradeCode: s.upgradeCode } : {}), name: 'Some Product', version: '1.0' }));
  for (let i = 0; i < 200; i++) software.push({ productCode: guid(rng), upgradeCode: guid(rng), name: `Product ${i}`, version: `${int(rng, 1, 20)}.${int(rng, 0, 9)}` });
  const wmiData = wmi(rng);
  const instancesByClass: Record<string, number> = {};
  for (const classes of Object.values(wmiData)) for (const [cls, xs] of Object.entries(classes)) instancesByClass[cls] = xs.length;
  const profile: MachineProfile = { name: `bench: ${WMI_INSTANCE_COUNT} WMI instances, seed ${seed}`, inWinPE: false, variables: vars, wmi: wmiData, registry, files, folders, software };
  return {
    profile,
    figures: {
      wmiInstances: Object.values(instancesByClass).reduce((a, b) => a + b, 0),
      wmiClasses: Object.keys(instancesByClass).length,
      instancesByClass,
      variables: Object.keys(vars).length,
    },
  };
}
