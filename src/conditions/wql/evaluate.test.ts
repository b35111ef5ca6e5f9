import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateWql, wqlClassLookup, type WqlInstance, type WqlInstanceSource } from './evaluate.js';
import { parseWql } from './parser.js';
import type { WqlQuery } from './ast.js';

const computerSystem = {
  __CLASS: 'Win32_ComputerSystem',
  __DERIVATION: ['CIM_UnitaryComputerSystem', 'CIM_ComputerSystem', 'CIM_System', 'CIM_LogicalElement', 'CIM_ManagedSystemElement'],
  Manufacturer: 'Dell Inc.',
  Model: 'Latitude E7270',
  TotalPhysicalMemory: 17179869184,
  PCSystemType: 2,
  HypervisorPresent: true,
  AutomaticManagedPagefile: 'True',
};
const operatingSystem = {
  Version: '10.0.22631',
  BuildNumber: '22631',
  OSLanguage: 1033,
  Caption: 'Microsoft Windows 11 Enterprise',
  OSArchitecture: '64-bit',
  OSType: 18,
  ProductType: 1,
  // uint64 values arrive as strings
  FreePhysicalMemory: '8388608',
  MaxProcessMemorySize: '18446744073709551615',
  MUILanguages: ['en-US', 'sv-SE'],
  Distributed: false,
  Organization: '',
  EmptyList: [],
};
const diskC = { DeviceID: 'C:', DriveType: 3, FileSystem: 'NTFS' };
const diskX = { DeviceID: 'X:', DriveType: 3, FileSystem: 'NTFS' };
const diskD = { DeviceID: 'D:', DriveType: 5, FileSystem: null };

const profile = wqlClassLookup({
  Win32_ComputerSystem: [computerSystem],
  Win32_Battery: [{ BatteryStatus: 2 }],
  Win32_OperatingSystem: [operatingSystem],
  Win32_LogicalDisk: [diskC, diskX, diskD],
  Win32_TPM: [],
  Win32_Process: [{ Name: 'explorer.exe', Caption: 'explorer.exe', TargetInstance: { __CLASS: 'Win32_Process', Name: 'x' } }],
});

function query(text: string): WqlQuery {
  const r = parseWql(text);
  if (!r.ok) assert.fail(`${text}: ${r.error.message}`);
  return r.query;
}

function run(text: string, source: WqlInstanceSource = profile) {
  return evaluateWql(query(text), source);
}

const cases: readonly (readonly [query: string, matches: number])[] = [
  // corpus-style queries
  ["SELECT * FROM Win32_ComputerSystem WHERE Manufacturer LIKE '%DELL%'", 1],
  ["SELECT * FROM Win32_ComputerSystem WHERE Manufacturer LIKE '%HP%'", 0],
  ["SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%Latitude E7270%'", 1],
  ['Select * from Win32_Battery where BatteryStatus != 2', 0],
  ['Select * from Win32_Battery where BatteryStatus <> 1', 1],
  ['Select * from Win32_ComputerSystem where PCSystemType = "2"', 1],
  ['Select * from Win32_ComputerSystem where PCSystemType= "3" or PCSystemType= "1" or PCSystemType= "6"', 0],
  ["SELECT * FROM Win32_OperatingSystem WHERE Version like '10.%' AND OSType=18 AND ProductType=1", 1],
  [
    "SELECT * FROM Win32_OperatingSystem WHERE ((Version like '10.0.[1-9][0-9][0-9][0-9][0-9]' AND BuildNumber>='17763') OR (Version like '10.[1-9]%')) AND OSType=18 AND ProductType>1",
    0,
  ],
  [
    "SELECT * FROM Win32_OperatingSystem WHERE ((Version like '10.0.[1-9][0-9][0-9][0-9][0-9]' AND BuildNumber>='17763') OR (Version like '10.[1-9]%')) AND OSType=18 AND ProductType>=1",
    1,
  ],
  ["SELECT * FROM Win32_OperatingSystem WHERE OSArchitecture like '64%'", 1],
  ["SELECT * FROM Win32_OperatingSystem WHERE OSArchitecture like '32%'", 0],
  ["SELECT OsLanguage FROM Win32_OperatingSystem WHERE OsLanguage='1033'", 1],
  ["select * from Win32_LogicalDisk where DriveType=3 and DeviceID != 'X:' and FileSystem = 'NTFS'", 1],
  ["SELECT * FROM Win32_LogicalDisk where DriveType = '3' and FileSystem != 'NTFS' and FileSystem != 'FAT32'", 0],
  ["select __relpath from win32_process where caption = 'explorer.exe'", 1],
  ['select * from Win32_TPM', 0],
  // strings: case-insensitive, ordinal after lower-casing
  ["SELECT * FROM Win32_ComputerSystem WHERE Model = 'latitude e7270'", 1],
  ["SELECT * FROM Win32_ComputerSystem WHERE Manufacturer > 'dell'", 1],
  ["SELECT * FROM Win32_ComputerSystem WHERE Manufacturer < 'DELM'", 1],
  ["SELECT * FROM Win32_ComputerSystem WHERE Manufacturer >= 'dell inc.'", 1],
  ["SELECT * FROM Win32_OperatingSystem WHERE Caption LIKE '%windows 11%'", 1],
  ["SELECT * FROM Win32_OperatingSystem WHERE Organization = ''", 1],
  // a string property stays a string: BuildNumber compares as text, as WMI does
  ["SELECT * FROM Win32_OperatingSystem WHERE BuildNumber >= '17763'", 1],
  ["SELECT * FROM Win32_OperatingSystem WHERE BuildNumber >= '9600'", 0],
  // numbers: typed, exact for big integers, hex and decimals
  ['SELECT * FROM Win32_ComputerSystem WHERE TotalPhysicalMemory > 8000000000', 1],
  ['SELECT * FROM Win32_ComputerSystem WHERE TotalPhysicalMemory >= 17179869184', 1],
  ['SELECT * FROM Win32_ComputerSystem WHERE TotalPhysicalMemory > 17179869184', 0],
  ["SELECT * FROM Win32_ComputerSystem WHERE TotalPhysicalMemory = '17179869184'", 1],
  ['SELECT * FROM Win32_OperatingSystem WHERE OSLanguage = 1033', 1],
  ['SELECT * FROM Win32_OperatingSystem WHERE OSLanguage = 0x409', 1],
  ['SELECT * FROM Win32_OperatingSystem WHERE OSType >= 17.5', 1],
  ['SELECT * FROM Win32_OperatingSystem WHERE OSType < -1', 0],
  ['SELECT * FROM Win32_OperatingSystem WHERE FreePhysicalMemory > 1000000', 1],
  ['SELECT * FROM Win32_OperatingSystem WHERE FreePhysicalMemory = 8388608', 1],
  ['SELECT * FROM Win32_OperatingSystem WHERE MaxProcessMemorySize = 18446744073709551615', 1],
  ['SELECT * FROM Win32_OperatingSystem WHERE MaxProcessMemorySize = 18446744073709551614', 0],
  ['SELECT * FROM Win32_OperatingSystem WHERE MaxProcessMemorySize > 18446744073709551614', 1],
  ['SELECT * FROM Win32_OperatingSystem WHERE MaxProcessMemorySize = 0xFFFFFFFFFFFFFFFF', 1],
  // values that do not convert do not compare: every operator is false
  ['SELECT * FROM Win32_OperatingSystem WHERE Version > 10', 0],
  ['SELECT * FROM Win32_OperatingSystem WHERE Version <> 10', 0],
  ["SELECT * FROM Win32_OperatingSystem WHERE OSLanguage <> 'english'", 0],
  // a constant on the left: the operator reads from the constant's side
  ['SELECT * FROM Win32_ComputerSystem WHERE 8000000000 < TotalPhysicalMemory', 1],
  ['SELECT * FROM Win32_ComputerSystem WHERE 20000000000 < TotalPhysicalMemory', 0],
  ['SELECT * FROM Win32_ComputerSystem WHERE 20000000000 >= TotalPhysicalMemory', 1],
  ["SELECT * FROM Win32_ComputerSystem WHERE 'dell inc.' = Manufacturer", 1],
  // booleans: TRUE/FALSE, "TRUE"/"FALSE", and numbers (non-zero is TRUE)
  ['SELECT * FROM Win32_ComputerSystem WHERE HypervisorPresent = TRUE', 1],
  ['SELECT * FROM Win32_ComputerSystem WHERE HypervisorPresent = FALSE', 0],
  ['Select * from Win32_ComputerSystem where HypervisorPresent = "1"', 1],
  ['Select * from Win32_ComputerSystem where HypervisorPresent = "0"', 0],
  ["Select * from Win32_ComputerSystem where HypervisorPresent = 'true'", 1],
  ["Select * from Win32_ComputerSystem where HypervisorPresent = 'FALSE'", 0],
  ["Select * from Win32_ComputerSystem where HypervisorPresent <> 'FALSE'", 1],
  ['Select * from Win32_ComputerSystem where HypervisorPresent = 1', 1],
  ["Select * from Win32_ComputerSystem where HypervisorPresent = 'yes'", 0],
  ["Select * from Win32_ComputerSystem where HypervisorPresent <> 'yes'", 0],
  ['Select * from Win32_ComputerSystem where AutomaticManagedPagefile = TRUE', 1],
  ['Select * from Win32_OperatingSystem where Distributed = FALSE', 1],
  ['Select * from Win32_OperatingSystem where Distributed != TRUE', 1],
  // null and missing properties
  ['SELECT * FROM Win32_LogicalDisk WHERE FileSystem IS NULL', 1],
  ['SELECT * FROM Win32_LogicalDisk WHERE FileSystem IS NOT NULL', 2],
  ["SELECT * FROM Win32_LogicalDisk WHERE FileSystem != 'NTFS'", 0],
  ["SELECT * FROM Win32_LogicalDisk WHERE FileSystem < 'zzz'", 2],
  ["SELECT * FROM Win32_LogicalDisk WHERE NOT FileSystem = 'NTFS'", 1],
  ['SELECT * FROM Win32_LogicalDisk WHERE FileSystem = NULL', 1],
  ['SELECT * FROM Win32_LogicalDisk WHERE FileSystem <> NULL', 2],
  ['SELECT * FROM Win32_LogicalDisk WHERE FileSystem > NULL', 0],
  ['SELECT * FROM Win32_LogicalDisk WHERE NoSuchProperty IS NULL', 3],
  ['SELECT * FROM Win32_LogicalDisk WHERE NoSuchProperty = 1', 0],
  ['SELECT * FROM Win32_LogicalDisk WHERE NoSuchProperty <> 1', 0],
  // arrays: any element
  ["SELECT * FROM Win32_OperatingSystem WHERE MUILanguages = 'sv-se'", 1],
  ["SELECT * FROM Win32_OperatingSystem WHERE MUILanguages LIKE 'de%'", 0],
  ["SELECT * FROM Win32_OperatingSystem WHERE MUILanguages <> 'en-US'", 1],
  ['SELECT * FROM Win32_OperatingSystem WHERE MUILanguages IS NULL', 0],
  ["SELECT * FROM Win32_OperatingSystem WHERE EmptyList = 'x' OR EmptyList <> 'x'", 0],
  ['SELECT * FROM Win32_OperatingSystem WHERE EmptyList IS NOT NULL', 1],
  // LIKE on a number matches its decimal text
  ["SELECT * FROM Win32_OperatingSystem WHERE OSLanguage LIKE '10%'", 1],
  // names are case-insensitive
  ["select * from WIN32_computersystem where MODEL = 'Latitude E7270'", 1],
  // ISA
  ["SELECT * FROM Win32_ComputerSystem WHERE __THIS ISA 'CIM_ComputerSystem'", 1],
  ["SELECT * FROM Win32_ComputerSystem WHERE __this ISA 'win32_computersystem'", 1],
  ["SELECT * FROM Win32_ComputerSystem WHERE __THIS ISA 'Win32_Battery'", 0],
  ["SELECT * FROM Win32_Battery WHERE __THIS ISA 'WIN32_BATTERY'", 1],
  ["SELECT * FROM Win32_Process WHERE TargetInstance ISA 'Win32_Process'", 1],
  ["SELECT * FROM Win32_Process WHERE TargetInstance ISA 'Win32_Service'", 0],
  ["SELECT * FROM Win32_Process WHERE Name ISA 'Win32_Process'", 0],
  // AND / OR / NOT
  ['SELECT * FROM Win32_LogicalDisk WHERE DriveType = 3 OR DriveType = 5', 3],
  ["SELECT * FROM Win32_LogicalDisk WHERE DriveType = 5 OR DriveType = 3 AND DeviceID = 'C:'", 2],
  ["SELECT * FROM Win32_LogicalDisk WHERE (DriveType = 5 OR DriveType = 3) AND DeviceID = 'C:'", 1],
  ['SELECT * FROM Win32_LogicalDisk WHERE NOT (DriveType = 3)', 1],
  ["SELECT * FROM Win32_LogicalDisk WHERE DeviceID NOT LIKE '[CD]:'", 1],
];

for (const [text, count] of cases) {
  test(`${text} matches ${count}`, () => {
    const result = run(text);
    assert.equal(result.error, undefined);
    assert.equal(result.matched.length, count);
  });
}

test('the matched instances are the instances themselves, in order', () => {
  const result = run('SELECT * FROM Win32_LogicalDisk WHERE DriveType = 3');
  assert.equal(result.matched.length, 2);
  assert.equal(result.matched[0], diskC);
  assert.equal(result.matched[1], diskX);
  assert.deepEqual(run('SELECT * FROM Win32_LogicalDisk').matched, [diskC, diskX, diskD]);
});

test('the selected properties do not change what matches', () => {
  const star = run("SELECT * FROM Win32_LogicalDisk WHERE DeviceID <> 'X:'").matched;
  const some = run("SELECT DeviceID, NoSuchProperty FROM Win32_LogicalDisk WHERE DeviceID <> 'X:'").matched;
  assert.deepEqual(some, star);
});

test('an unknown class is an error with no matches', () => {
  const result = run("SELECT * FROM Win32_NoSuchClass WHERE Name = 'x'");
  assert.deepEqual(result.matched, []);
  assert.equal(result.error?.code, 'invalid class');
  assert.match(result.error?.message ?? '', /Win32_NoSuchClass/);
});

test('instancesOf is asked with the class name as written', () => {
  const asked: string[] = [];
  evaluateWql(query('SELECT * FROM wIN32_x'), (name) => {
    asked.push(name);
    return [];
  });
  assert.deepEqual(asked, ['wIN32_x']);
});

test('a failing or odd provider is an error, not an exception', () => {
  const throwing = run('SELECT * FROM C', () => {
    throw new Error('access denied');
  });
  assert.equal(throwing.error?.code, 'provider failure');
  assert.match(throwing.error?.message ?? '', /access denied/);
  const notAList = run('SELECT * FROM C', () => ({ length: 1 }) as unknown as WqlInstance[]);
  assert.equal(notAList.error?.code, 'provider failure');
  const hostile: WqlInstance = Object.defineProperty({}, 'Name', {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
  const hostileResult = run("SELECT * FROM C WHERE Name = 'x'", () => [hostile]);
  assert.equal(hostileResult.error?.code, 'evaluation failure');
  assert.deepEqual(hostileResult.matched, []);
});

test('entries that are not objects never match', () => {
  const odd = [null, 5, 'text', ['array'], { Name: 'x' }] as unknown as WqlInstance[];
  const result = run('SELECT * FROM C', () => odd);
  assert.deepEqual(result.matched, [{ Name: 'x' }]);
});
