/**
 * Every WMI condition query in the real corpus (configmgr/ and mdt/) parses, prints back to the
 * same tree, and evaluates without error against a small profile.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusWmiExpressions } from '../../../test/corpus.js';
import { evaluateWql, wqlClassLookup } from './evaluate.js';
import { parseWql } from './parser.js';
import { printWql } from './print.js';

interface FoundQuery {
  readonly file: string;
  readonly query: string;
}

function corpusQueries(): { queries: FoundQuery[]; expressions: number } {
  const { expressions, occurrences } = corpusWmiExpressions();
  return { queries: expressions.map(({ file, query }) => ({ file, query })), expressions: occurrences };
}

const { queries, expressions } = corpusQueries();

const profile = wqlClassLookup({
  Win32_ComputerSystem: [{ Manufacturer: 'HP', Model: 'HP ProBook 445 G6', PCSystemType: 2, HypervisorPresent: false }],
  Win32_OperatingSystem: [{ Version: '10.0.22631', BuildNumber: '22631', OSType: 18, ProductType: 1, OSArchitecture: '64-bit', OSLanguage: 1033 }],
  Win32_LogicalDisk: [{ DeviceID: 'C:', DriveType: 3, FileSystem: 'NTFS' }],
  Win32_DiskPartition: [{ DiskIndex: 0, Type: 'GPT: System' }],
  Win32_Battery: [{ BatteryStatus: 2 }],
  Win32_TPM: [],
  Win32_Process: [{ Caption: 'explorer.exe', __RELPATH: 'Win32_Process.Handle="4242"' }],
});

test('the corpus holds more than a hundred WMI condition queries, and each expression was read', () => {
  assert.ok(queries.length > 100, `found ${queries.length}`);
  assert.equal(queries.length, expressions, 'every WMI expression in the corpus has its query extracted');
  // The extraction undid XML escaping (`Type&lt;&gt;'NTFS'`, `&quot;`, `ProductType&gt;1`).
  assert.ok(queries.some((q) => q.query.includes("Type<>'Installable File System'")));
  assert.ok(queries.some((q) => q.query.includes('Model = "Virtual Machine"')));
  assert.ok(queries.some((q) => q.query.includes('ProductType>1')));
  assert.ok(queries.every((q) => !/&(lt|gt|amp|quot|apos);/.test(q.query)));
});

test('every corpus query parses and prints back to the same tree', () => {
  const failures: string[] = [];
  for (const { file, query } of queries) {
    const r = parseWql(query);
    if (!r.ok) {
      failures.push(`${file}: ${query}\n  ${r.error.code} column ${r.error.column}: ${r.error.message}`);
      continue;
    }
    const back = parseWql(printWql(r.query));
    assert.ok(back.ok, printWql(r.query));
    assert.deepStrictEqual(back.query, r.query);
  }
  assert.deepEqual(failures, []);
});

test('every corpus query evaluates without error against a profile', () => {
  for (const { query } of queries) {
    const r = parseWql(query);
    assert.ok(r.ok);
    const result = evaluateWql(r.query, profile);
    assert.equal(result.error, undefined, query);
  }
});

test('corpus queries give the answers WMI would on that profile', () => {
  const answer = (text: string) => {
    const r = parseWql(text);
    assert.ok(r.ok, text);
    return evaluateWql(r.query, profile).matched.length > 0;
  };
  const all = new Set(queries.map((q) => q.query));
  const expect = (text: string, value: boolean) => {
    assert.ok(all.has(text), `not in the corpus: ${text}`);
    assert.equal(answer(text), value, text);
  };
  expect("SELECT * FROM Win32_ComputerSystem WHERE Model = 'HP ProBook 445 G6'", true);
  expect("select * from WIN32_computersystem where model = 'HP ProBook 445 G6'", true);
  expect('SELECT * FROM Win32_ComputerSystem WHERE Manufacturer LIKE "HP%"', true);
  expect("SELECT * FROM Win32_ComputerSystem WHERE Manufacturer LIKE '%Lenovo%'", false);
  expect('Select * from Win32_Battery where BatteryStatus != 2', false);
  expect('Select * from Win32_ComputerSystem where HypervisorPresent = "1"', false);
  expect("SELECT * FROM Win32_OperatingSystem WHERE Version like '[1-9][0-9].%' AND OSType=18 AND ProductType=1", true);
  expect("SELECT * FROM Win32_OperatingSystem WHERE Version like '6.1%' AND OSType=18 AND ProductType=1", false);
  expect("select * from Win32_DiskPartition where DiskIndex = 0 and Type<>'Installable File System' and Type<>'NTFS'", true);
  expect("select __relpath from win32_process where caption = 'explorer.exe'", true);
  expect('select * from Win32_TPM', false);
});
