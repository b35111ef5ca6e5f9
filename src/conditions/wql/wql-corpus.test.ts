/**
 * Every WMI condition query in the real corpus (configmgr/ and mdt/) parses, prints back to the
 * same tree, and evaluates without error against a small profile.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir } from '../../../test/corpus.js';
import { evaluateWql, wqlClassLookup } from './evaluate.js';
import { parseWql } from './parser.js';
import { printWql } from './print.js';

interface FoundQuery {
  readonly file: string;
  readonly query: string;
}

const WMI_TYPE = 'SMS_TaskSequence_WMIConditionExpression';

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|apos|quot|#x[0-9a-fA-F]+|#[0-9]+);/g, (_, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' }[name]!;
  });
}

function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/**
 * The queries of the WMI expressions in an XML text. A sequence inside CDATA (object.xml) is
 * ordinary XML once the CDATA markers are gone; an expression stored as escaped text (as in Set
 * Dynamic Variables' rules) is unescaped once and read again.
 */
function queriesIn(xml: string, depth = 0): string[] {
  const text = xml.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, inner: string) => inner);
  const found: string[] = [];
  const expression = new RegExp(`<expression\\b[^>]*\\btype="${WMI_TYPE}"[^>]*>([\\s\\S]*?)</expression>`, 'g');
  for (const m of text.matchAll(expression)) {
    const q = /<variable\b[^>]*\bname="Query"[^>]*>([\s\S]*?)<\/variable>/.exec(m[1]!);
    if (q) found.push(unescapeXml(q[1]!));
  }
  if (depth < 3) {
    for (const m of text.matchAll(/&lt;expression\b[\s\S]*?&lt;\/expression&gt;/g)) {
      if (m[0].includes(WMI_TYPE)) found.push(...queriesIn(unescapeXml(m[0]), depth + 1));
    }
  }
  return found;
}

function corpusQueries(): { queries: FoundQuery[]; expressions: number } {
  const queries: FoundQuery[] = [];
  let expressions = 0;
  for (const folder of ['configmgr', 'mdt']) {
    const dir = join(corpusDir(), folder);
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.xml')).sort()) {
      const text = decode(readFileSync(join(dir, name)));
      expressions += text.split(WMI_TYPE).length - 1;
      for (const query of queriesIn(text)) queries.push({ file: `${folder}/${name}`, query });
    }
  }
  return { queries, expressions };
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
