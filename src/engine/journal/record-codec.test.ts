import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { crc32, decodeRecords, encodeRecord } from './record-codec.js';

const concat = (parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);
const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');

test('crc32 test vectors (IEEE, as zlib)', () => {
  assert.equal(crc32('123456789'), 0xcbf43926);
  assert.equal(crc32(''), 0);
  assert.equal(crc32('a'), 0xe8b7be43);
  assert.equal(crc32('The quick brown fox jumps over the lazy dog'), 0x414fa339);
  assert.equal(crc32(new Uint8Array(32)), 0x190a55ad);
  assert.equal(crc32(new Uint8Array(32).fill(0xff)), 0xff6cab0b);
  assert.equal(crc32('héllo ☃ 𝄞'), crc32(Buffer.from('héllo ☃ 𝄞', 'utf8')));
  // Running checksum, as zlib.crc32(data, value).
  assert.equal(crc32('56789', crc32('1234')), 0xcbf43926);
});

test('encodeRecord produces one line: <crc hex8> <byte length> <json>\\n', () => {
  const rec = { a: 'x\ny', b: 'é', c: '\u2028' };
  const line = text(encodeRecord(rec));
  const json = JSON.stringify(rec);
  assert.match(line, /^[0-9a-f]{8} \d+ \{.*\}\n$/s);
  assert.equal(line.indexOf('\n'), line.length - 1, 'exactly one LF, at the end');
  assert.equal(line, `${crc32(json).toString(16).padStart(8, '0')} ${Buffer.byteLength(json)} ${json}\n`);
  assert.equal(text(encodeRecord({})), `${crc32('{}').toString(16).padStart(8, '0')} 2 {}\n`);
});

test('encodeRecord refuses values with no JSON form', () => {
  assert.throws(() => encodeRecord(undefined), TypeError);
  assert.throws(() => encodeRecord(() => 1), TypeError);
  assert.throws(() => encodeRecord({ n: 1n }), TypeError);
  const cyclic: Record<string, unknown> = {};
  cyclic['self'] = cyclic;
  assert.throws(() => encodeRecord(cyclic), TypeError);
});

test('empty input decodes to nothing, cleanly', () => {
  assert.deepEqual(decodeRecords(new Uint8Array(0)), { records: [], tornTail: false, validBytes: 0 });
});

const arbRecord = fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue({ stringUnit: 'binary', maxDepth: 3 }), { maxKeys: 6 });

test('round trip (property): arbitrary JSON objects -> encode -> decode gives them back', () => {
  fc.assert(
    fc.property(fc.array(arbRecord, { maxLength: 8 }), (recs) => {
      const bytes = concat(recs.map(encodeRecord));
      const out = decodeRecords(bytes);
      assert.equal(out.tornTail, false);
      assert.equal(out.validBytes, bytes.length);
      // Compare with the JSON image (JSON turns -0 into 0, drops undefined, …).
      assert.deepEqual(out.records, recs.map((r) => JSON.parse(JSON.stringify(r)) as unknown));
    }),
    { numRuns: 500 },
  );
});

const fixedRecords: object[] = [
  { seq: 0, kind: 'start', at: '2024-05-01T10:00:00Z' },
  { seq: 1, kind: 'step', name: 'Format disk — « é »', vars: { OSDComputerName: 'PC-01' } },
  { seq: 2, kind: 'step', name: 'Apply 𝄞 image', nested: [1, [2, [3, null]], { t: true }], s: 'a\nb\u2028c' },
];

test('a torn tail at every byte position of the last record is detected and dropped', () => {
  const lines = fixedRecords.map(encodeRecord);
  const head = concat(lines.slice(0, -1));
  const full = concat(lines);
  for (let cut = head.length; cut <= full.length; cut++) {
    const out = decodeRecords(full.subarray(0, cut));
    if (cut === full.length) {
      assert.deepEqual(out, { records: fixedRecords, tornTail: false, validBytes: full.length });
    } else {
      assert.deepEqual(out.records, fixedRecords.slice(0, -1), `cut at ${cut}`);
      assert.equal(out.tornTail, cut > head.length, `cut at ${cut}`);
      assert.equal(out.validBytes, head.length, `cut at ${cut}`);
    }
  }
});

test('a torn tail at any byte of the last record (property, random records)', () => {
  fc.assert(
    fc.property(fc.array(arbRecord, { minLength: 1, maxLength: 5 }), fc.nat(), (recs, r) => {
      const lines = recs.map(encodeRecord);
      const last = lines[lines.length - 1]!;
      const head = concat(lines.slice(0, -1));
      const cutInLast = 1 + (r % (last.length - 1)); // 1 .. last.length-1: a strict, non-empty prefix
      const out = decodeRecords(concat([head, last.subarray(0, cutInLast)]));
      assert.equal(out.tornTail, true);
      assert.equal(out.validBytes, head.length);
      assert.equal(out.records.length, recs.length - 1);
    }),
    { numRuns: 300 },
  );
});

test('a flipped bit anywhere in any record is detected and drops it and everything after', () => {
  const lines = fixedRecords.map(encodeRecord);
  const full = concat(lines);
  let start = 0;
  for (let k = 0; k < lines.length; k++) {
    const len = lines[k]!.length;
    for (let byte = start; byte < start + len; byte++) {
      for (let bit = 0; bit < 8; bit++) {
        const damaged = Uint8Array.from(full);
        damaged[byte]! ^= 1 << bit;
        const out = decodeRecords(damaged);
        const where = `record ${k}, byte ${byte - start}, bit ${bit}`;
        assert.deepEqual(out.records, fixedRecords.slice(0, k), where);
        assert.equal(out.tornTail, true, where);
        assert.equal(out.validBytes, start, where);
      }
    }
    start += len;
  }
});

test('header grammar is strict', () => {
  const good = text(encodeRecord({ a: 1 }));
  const [crc, len, json] = good.trimEnd().split(' ') as [string, string, string];
  const bad = [
    `${crc.toUpperCase()} ${len} ${json}\n`,
    `${crc}  ${len} ${json}\n`,
    `${crc} 0${len} ${json}\n`,
    `${crc} +${len} ${json}\n`,
    `${crc} ${len}  ${json}\n`,
    `${crc} ${len} ${json} \n`,
    `${crc} ${len} ${json}\r\n`,
    `${crc.slice(1)} ${len} ${json}\n`,
    `${crc} ${len}\n`,
    `\n`,
  ];
  for (const line of bad) {
    const out = decodeRecords(Buffer.from(good + line + good));
    assert.deepEqual(out.records, [{ a: 1 }], JSON.stringify(line));
    assert.equal(out.validBytes, Buffer.byteLength(good), JSON.stringify(line));
    assert.equal(out.tornTail, true);
  }
  // A correct checksum over bytes that are not JSON is still rejected.
  const notJson = 'not json';
  const forged = `${crc32(notJson).toString(16).padStart(8, '0')} ${notJson.length} ${notJson}\n`;
  assert.deepEqual(decodeRecords(Buffer.from(good + forged)).records, [{ a: 1 }]);
});
