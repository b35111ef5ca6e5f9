import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TseqInputError } from '../model/errors.js';
import { readDocument, writeDocumentText } from './index.js';

/** Reads, expecting a TseqInputError; returns it. */
function refuse(input: Uint8Array | string, options = {}): TseqInputError {
  try {
    readDocument(input, options);
  } catch (e) {
    assert.ok(e instanceof TseqInputError, `expected a TseqInputError, got ${String(e)}`);
    return e;
  }
  assert.fail('the input was accepted');
}

const SMALL = '<sequence version="3.10"><step type="SMS_TaskSequence_RunCommandLineAction" name="Hi" description=""><action>cmd /c echo hi</action></step></sequence>';

test('billion laughs is refused at its DOCTYPE, before any entity is expanded', () => {
  const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><sequence>&lol9;</sequence>`;
  const e = refuse(lol);
  assert.equal(e.code, 'XML004');
  assert.match(e.message, /DOCTYPE/);
  assert.equal(e.location.line, 1);
});

test('an external entity is refused', () => {
  const e = refuse('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<sequence>&e;</sequence>');
  assert.equal(e.code, 'XML004');
  assert.equal(e.location.line, 2);
});

test('an undefined entity is malformed XML with its position', () => {
  const e = refuse('<sequence>\n  <group name="&nope;"/></sequence>');
  assert.equal(e.code, 'XML001');
  assert.equal(e.location.line, 2);
});

test('input over the size limit is refused before parsing', () => {
  const big = Buffer.alloc(100 * 1024 * 1024, 0x20);
  big.write('<sequence>', 0);
  const started = Date.now();
  const e = refuse(big);
  assert.equal(e.code, 'XML007');
  assert.match(e.message, /100\.0 MB.*32\.0 MB/);
  assert.ok(Date.now() - started < 2000, 'refused from its size, not after reading it');
  assert.equal(refuse(SMALL, { maxBytes: 10 }).code, 'XML007');
});

test('a truncated file says where it ends', () => {
  const cut = SMALL.slice(0, 80);
  const e = refuse(cut);
  assert.equal(e.code, 'XML001');
  assert.equal(e.location.line, 1);
  assert.ok((e.location.column ?? 0) > 1);
});

test('elements nested past 256 levels are refused where the 257th opens, before any walk of the tree', () => {
  const depth = 50_000;
  const e = refuse(`<sequence version="3.00">${'<group name="g">'.repeat(depth)}${'</group>'.repeat(depth)}</sequence>`);
  assert.equal(e.code, 'XML009');
  assert.deepEqual([e.location.line, e.location.column], [1, 25 + 16 * 255 + 1]);
  const deepCondition = `<sequence><step name="s"><condition>${'<operator type="not">'.repeat(300)}${'</operator>'.repeat(300)}</condition></step></sequence>`;
  assert.equal(refuse(deepCondition).code, 'XML009');
});

test('an embedded-array variable with a huge index is kept as it is, not expanded into a huge array', () => {
  const text =
    '<sequence version="3.00"><step type="SMS_TaskSequence_PartitionDiskAction" name="p"><defaultVarList>' +
    '<variable name="OSDPartitions" property="Partitions">1</variable>' +
    '<variable name="OSDPartitions99999999Size" property="Partitions99999999Size">1</variable>' +
    '<variable name="OSDPartitions999FileSystem" property="Partitions999FileSystem">NTFS</variable>' +
    '</defaultVarList><action>osddiskpart.exe</action></step></sequence>';
  const step = (readDocument(text).document as { Steps: readonly Record<string, unknown>[] }).Steps[0]!;
  assert.equal(step['Partitions99999999Size'], '1');
  const partitions = step['Partitions'] as readonly Record<string, unknown>[];
  assert.equal(partitions.length, 1000);
  assert.equal(partitions[999]!['FileSystem'], 'NTFS');
  // Written back as it was: the count the file gave (1) too, although it disagrees with the elements.
  const written = writeDocumentText(readDocument(text).document);
  assert.match(written, /<variable name="OSDPartitions" property="Partitions">1<\/variable>/);
  assert.match(written, /<variable name="OSDPartitions99999999Size" property="Partitions99999999Size">1<\/variable>/);
});

test('a step of 200,000 variables reads and writes back in linear time', { timeout: 120_000 }, () => {
  // Each property was found by comparing it with all before it: minutes for this step, a few
  // seconds with the fix. The timeout only catches a return to that.
  const variables = Array.from({ length: 200_000 }, (_, i) => `<variable name="V${i}" property="V${i}">${i}</variable>`).join('');
  const xml = `<sequence version="3.00"><step type="Custom_Step" name="a"><defaultVarList>${variables}</defaultVarList></step></sequence>`;
  const step = (readDocument(xml).document as unknown as { Steps: Record<string, unknown>[] }).Steps[0]!;
  assert.equal(Object.keys(step).length, 200_000 + 4); // __CLASS, Name, Enabled, ContinueOnError
  assert.equal(step['V199999'], '199999');
  assert.equal(writeDocumentText(readDocument(xml).document).length > xml.length, true);
});

test('a document of more elements than the limit is refused where it passes it', () => {
  const steps = (n: number): string => `<sequence>${'<step/>'.repeat(n)}</sequence>`;
  const e = refuse(steps(1000), { maxElements: 500 });
  assert.equal(e.code, 'XML010');
  assert.deepEqual(e.location, { line: 1, column: 11 + 7 * 499 });
  // The default: 500,000, far above any real sequence; 32 MB of empty steps (4.8 million) is refused.
  const dense = steps(Math.floor((32 * 1024 * 1024 - 30) / 7));
  assert.equal(refuse(dense).code, 'XML010');
  assert.doesNotThrow(() => readDocument(steps(1000)));
});

test('groups nested 250 deep read, write back and read again', () => {
  const depth = 250;
  const text = `<sequence version="3.00">${'<group name="g">'.repeat(depth)}<step name="s"><action>x</action></step>${'</group>'.repeat(depth)}</sequence>`;
  const written = writeDocumentText(readDocument(text).document);
  const again = readDocument(written).document as { Steps: readonly { Steps?: readonly unknown[] }[] };
  let level = 0;
  for (let g: { Steps?: readonly unknown[] } | undefined = again.Steps[0]; g?.Steps; g = g.Steps[0] as typeof g) level++;
  assert.equal(level, depth);
});

test('a wrong root element says what was expected', () => {
  const e = refuse('<?xml version="1.0"?>\n<package><sequence/></package>');
  assert.equal(e.code, 'XML006');
  assert.match(e.message, /<package>.*expected <sequence>/);
  assert.deepEqual([e.location.line, e.location.column], [2, 1]);
});

test('binary garbage is refused cleanly', () => {
  const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
  const e = refuse(garbage);
  assert.ok(['XML001', 'XML003'].includes(e.code), e.code);
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  assert.ok(refuse(png).code.startsWith('XML'));
});

test('empty input and text that is not XML', () => {
  assert.equal(refuse('').code, 'XML001');
  assert.equal(refuse('hello').code, 'XML001');
  // Positions are 1-based even where nothing was read.
  for (const input of ['', '\uFEFF', Buffer.from([0xef, 0xbb, 0xbf])]) assert.deepEqual(refuse(input).location, { line: 1, column: 1 });
});

test('a comment before the XML declaration is malformed (the declaration must come first)', () => {
  assert.equal(refuse('<!-- x --><?xml version="1.0"?><sequence/>').code, 'XML001');
});

test('an INSTANCE of another class, and one without a sequence, are refused', () => {
  assert.match(refuse('<INSTANCE CLASSNAME="SMS_Package"><PROPERTY NAME="Name" TYPE="string"><VALUE>x</VALUE></PROPERTY></INSTANCE>').message, /SMS_Package/);
  assert.equal(refuse('<INSTANCE CLASSNAME="SMS_TaskSequencePackage"><PROPERTY NAME="Name" TYPE="string"><VALUE>x</VALUE></PROPERTY></INSTANCE>').code, 'XML008');
});

test('an error inside an object.xml Sequence points into the outer file', () => {
  const doc = '<INSTANCE CLASSNAME="SMS_TaskSequencePackage">\r\n<PROPERTY NAME="Sequence" TYPE="string">\r\n<VALUE><![CDATA[<sequence>\n<step></sequence>]]></VALUE>\r\n</PROPERTY>\r\n</INSTANCE>';
  const e = refuse(doc);
  assert.equal(e.code, 'XML001');
  assert.equal(e.location.line, 4);
  assert.match(e.message, /Sequence property/);
});

test('an error in a short Sequence property that is not a sequence is placed in its text', () => {
  const doc = '<INSTANCE CLASSNAME="SMS_TaskSequencePackage">\r\n  <PROPERTY NAME="Sequence" TYPE="string">\r\n<VALUE>oops</VALUE>\r\n</PROPERTY>\r\n</INSTANCE>';
  const e = refuse(doc);
  assert.equal(e.code, 'XML001');
  // "oops" is columns 8 to 11 of line 3.
  assert.equal(e.location.line, 3);
  assert.ok(e.location.column! >= 8 && e.location.column! <= 11, String(e.location.column));
  assert.match(e.message, /Sequence property/);
});

function utf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from((bom ? '\uFEFF' : '') + text, 'utf16le');
  return order === 'le' ? le : Buffer.from(le).swap16();
}

for (const order of ['le', 'be'] as const) {
  for (const bom of [true, false]) {
    test(`UTF-16 ${order.toUpperCase()} ${bom ? 'with' : 'without'} BOM reads as UTF-8 does`, () => {
      const text = '<?xml version="1.0" encoding="utf-16"?>\r\n<sequence version="3.10"><step type="SMS_TaskSequence_RunCommandLineAction" name="Kopyala ğüşİ – “Ölç”" description=""><action>cmd /c echo ü</action></step></sequence>';
      const r = readDocument(utf16(text, order, bom));
      assert.equal(r.encoding, `utf-16${order}`);
      const utf8 = readDocument(Buffer.from(text.replace('utf-16', 'utf-8'), 'utf8'));
      assert.deepEqual(JSON.parse(JSON.stringify(r.document)), JSON.parse(JSON.stringify(utf8.document)));
      // Written back as UTF-8 by default, the declaration says so.
      assert.match(writeDocumentText(r.document), /^<\?xml version="1.0" encoding="utf-8"\?>/);
    });
  }
}

test('UTF-8 with a BOM, and a declared single-byte encoding', () => {
  const r = readDocument(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SMALL)]));
  assert.equal(r.encoding, 'utf-8');
  const latin = Buffer.from('<?xml version="1.0" encoding="windows-1252"?><sequence><step name="caf\xe9" type="X"/></sequence>', 'latin1');
  const step = (readDocument(latin).document as unknown as { Steps: { Name: string }[] }).Steps[0]!;
  assert.equal(step.Name, 'café');
  assert.equal(refuse(Buffer.from('<?xml version="1.0" encoding="klingon"?><sequence/>')).code, 'XML002');
});

test('invalid UTF-8 is refused with its position', () => {
  const bad = Buffer.concat([Buffer.from('<sequence>\n<step name="'), Buffer.from([0xc3, 0x28]), Buffer.from('"/></sequence>')]);
  const e = refuse(bad);
  assert.equal(e.code, 'XML003');
  assert.equal(e.location.line, 2);
});
