import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { corpusDir } from '../../../test/corpus.js';
import {
  formatBias,
  formatCmTraceLine,
  parseCmTraceLog,
  type CmTraceEntry,
  type CmTraceType,
} from './cmtrace-format.js';

const logsDir = (): string => join(corpusDir(), 'logs');
const corpusLogs = (pattern: RegExp): string[] =>
  readdirSync(logsDir()).filter((f) => pattern.test(f)).sort().map((f) => join(logsDir(), f));

/** Record counts from corpus/logs/MANIFEST.tsv (torn fragments are not records). */
const expectedRecords: Record<string, number> = {
  'brackdk04-hello-world-smsts-mdt-lti-winpe-newcomputer-20191206.log': 881,
  'ernestoleon87-log-reader-smsts-sccm-fullos-apps-success-20191018.log': 5939,
  'maxmoonacr-mdtlogfiles-smsts-mdt-lti-winpe-win11-20240207.log': 894,
  'maxmoonacr-mdtlogfiles-bdd-mdt-lti-win11-20240207.log': 1393,
  'maxmoonacr-mdtlogfiles-bdd-mdt-lti-wizard-cancelled-20240220.log': 159,
  'maxmoonacr-mdtlogfiles-bdd-osdlogs-failure-5212-20240220.log': 1,
  'guazarito-betoambrosio-site-bdd-mdt2012-lticleanup-startup-20150307.log': 26,
};

function reformat(e: CmTraceEntry): string {
  assert.ok([0, 1, 2, 3].includes(e.type), `type ${e.type}`);
  assert.ok(e.thread !== undefined);
  return formatCmTraceLine({
    message: e.message,
    time: e.time,
    component: e.component,
    context: e.context,
    type: e.type as CmTraceType,
    thread: e.thread,
    file: e.file,
    utcOffsetMinutes: e.utcOffsetMinutes,
  });
}

test('a real smsts.log record re-formats byte for byte from its parsed fields', () => {
  const path = corpusLogs(/^brackdk04-.*smsts/)[0]!;
  const bytes = readFileSync(path);
  const firstLineEnd = bytes.indexOf('\r\n') + 2;
  const firstLine = bytes.subarray(3, firstLineEnd).toString('utf8'); // after the BOM
  assert.equal(
    firstLine,
    '<![LOG[Used smsts.ini to set logging settings.]LOG]!><time="22:55:38.363+480" date="12-06-2019" component="TSMBootstrap" context="" type="1" thread="1876" file="tslogging.cpp:1457">\r\n',
  );
  const [entry] = parseCmTraceLog(bytes.toString('utf8'));
  assert.ok(entry);
  assert.equal(entry.time.toISOString(), '2019-12-07T06:55:38.363Z'); // +480 = UTC-8
  assert.equal(entry.utcOffsetMinutes, -480);
  assert.equal(reformat(entry), firstLine);
  // The same fields given by hand.
  assert.equal(
    formatCmTraceLine({
      message: 'Used smsts.ini to set logging settings.',
      time: new Date('2019-12-07T06:55:38.363Z'),
      component: 'TSMBootstrap',
      type: 1,
      thread: 1876,
      file: 'tslogging.cpp:1457',
      utcOffsetMinutes: -480,
    }),
    firstLine,
  );
});

test('every record of every corpus smsts.log re-formats to its exact bytes', () => {
  for (const path of corpusLogs(/smsts.*\.log$/)) {
    const text = readFileSync(path, 'utf8');
    const skipped: string[] = [];
    const entries = parseCmTraceLog(text, { onSkipped: (t) => skipped.push(t) });
    const body = text.slice(1); // BOM
    for (const [i, e] of entries.entries()) {
      const next = entries[i + 1]?.offset;
      let original = body.slice(e.offset, next ?? body.length);
      // A torn fragment that follows a record is not part of it.
      const fragment = skipped.find((f) => original.endsWith(f));
      if (fragment) original = original.slice(0, original.length - fragment.length);
      assert.equal(reformat(e), original, `${path} record ${i}`);
    }
  }
});

test('parses every corpus log without error; counts match the manifest (> 100 per smsts.log)', () => {
  const files = corpusLogs(/\.log$/);
  assert.ok(files.length >= 7);
  for (const path of files) {
    const name = path.slice(logsDir().length + 1);
    const skipped: string[] = [];
    const entries = parseCmTraceLog(readFileSync(path, 'utf8'), { onSkipped: (t) => skipped.push(t) });
    const expected = expectedRecords[name];
    if (expected !== undefined) assert.equal(entries.length, expected, name);
    if (name.includes('smsts')) assert.ok(entries.length > 100, name);
    for (const e of entries) {
      assert.ok(!Number.isNaN(e.time.getTime()), `${name}: time ${e.timeText} ${e.dateText}`);
      assert.ok([0, 1, 2, 3].includes(e.type), `${name}: type ${e.type}`);
      assert.ok(e.component !== '', name);
    }
    // Only the ConfigMgr log has torn writes (5 fragments without their record start).
    assert.equal(skipped.length, name.startsWith('ernestoleon87') ? 5 : 0, name);
  }
});

test('multi-line records in the corpus keep their line breaks', () => {
  const [cm] = corpusLogs(/^ernestoleon87-.*smsts/);
  const entries = parseCmTraceLog(readFileSync(cm!, 'utf8'));
  const multi = entries.filter((e) => e.message.includes('\r\n'));
  assert.ok(multi.length > 0);
  const [mdt] = corpusLogs(/^maxmoonacr-.*smsts/);
  const lf = parseCmTraceLog(readFileSync(mdt!, 'utf8')).filter((e) => /(?<!\r)\n/.test(e.message));
  assert.equal(lf.length, 7);
  assert.match(lf[0]!.message, /further assistance\.\nThe parameter is incorrect/);
  assert.equal(lf[0]!.type, 3);
});

test('a message with newlines round-trips through format and parse', () => {
  const message = 'line one\r\nline two\nline three\r\n\r\n  indented <tag> "quoted" ]LOG] ]]> <![LOG[';
  const time = new Date('2024-02-08T00:53:52.712Z');
  const line = formatCmTraceLine({ message, time, component: 'TSManager', type: 2, thread: 636, file: 'engine.ts:12', utcOffsetMinutes: -480 });
  assert.ok(line.endsWith('">\r\n'));
  assert.ok(line.includes('<time="16:53:52.712+480" date="02-07-2024" component="TSManager" context="" type="2" thread="636" file="engine.ts:12">'));
  const parsed = parseCmTraceLog('\uFEFF' + line + line);
  assert.equal(parsed.length, 2);
  assert.equal(parsed[0]!.message, message);
  assert.equal(parsed[0]!.time.getTime(), time.getTime());
  assert.equal(parsed[0]!.utcOffsetMinutes, -480);
  assert.equal(parsed[1]!.message, message);
});

test('a message holding the record terminator cannot break the record', () => {
  const tricky = [
    'before ]LOG]!> after',
    'fake ]LOG]!><time="00:00:00.000+000" date="01-01-2020" component="X" context="" type="3" thread="1" file="">',
    'literal ]LOG]!&gt; and ]LOG]!&amp; and ]LOG]!& and ]LOG]!',
    ']LOG]!>',
  ];
  for (const message of tricky) {
    const line = formatCmTraceLine({ message, time: new Date(0), component: 'TSManager', type: 1, thread: 1, utcOffsetMinutes: 0 });
    // Exactly one terminator: the record's own.
    assert.equal(line.split(']LOG]!>').length, 2, line);
    const [e, ...rest] = parseCmTraceLog(line + line);
    assert.equal(rest.length, 1);
    assert.equal(e!.message, message);
  }
  assert.ok(formatCmTraceLine({ message: 'a ]LOG]!> b', time: new Date(0), component: 'C', type: 1, thread: 1 }).startsWith('<![LOG[a ]LOG]!&gt; b]LOG]!>'));
});

test('time, date and bias formats', () => {
  const t = new Date('2019-10-18T14:19:13.5Z');
  const attrs = (off: number): string => {
    const line = formatCmTraceLine({ message: 'm', time: t, component: 'C', type: 1, thread: 1, utcOffsetMinutes: off });
    return /<time="([^"]*)" date="([^"]*)"/.exec(line)!.slice(1).join(' ');
  };
  assert.equal(attrs(-240), '10:19:13.500+240 10-18-2019'); // US Eastern daylight, as in the corpus
  assert.equal(attrs(0), '14:19:13.500+000 10-18-2019');
  assert.equal(attrs(60), '15:19:13.500-60 10-18-2019'); // CET as real ConfigMgr logs write it
  assert.equal(attrs(120), '16:19:13.500-120 10-18-2019');
  assert.equal(attrs(330), '19:49:13.500-330 10-18-2019');
  assert.equal(attrs(600), '00:19:13.500-600 10-19-2019'); // next day, zero-padded
  assert.equal(attrs(-60), '13:19:13.500+060 10-18-2019');
  assert.equal(formatBias(0), '+000');
  assert.equal(formatBias(-0), '+000');
  assert.equal(formatBias(480), '+480');
  assert.equal(formatBias(-60), '-60');
  assert.equal(formatBias(-5), '-05');
  // Without an offset: the local time zone of this process (the bias is getTimezoneOffset()).
  const local = formatCmTraceLine({ message: 'm', time: t, component: 'C', type: 1, thread: 1 });
  const [e] = parseCmTraceLog(local);
  assert.equal(e!.time.getTime(), t.getTime());
  assert.equal(e!.utcOffsetMinutes, -t.getTimezoneOffset() || 0);
  // Early years and single-digit fields are zero-padded.
  assert.match(
    formatCmTraceLine({ message: 'm', time: new Date(Date.UTC(2001, 0, 2, 3, 4, 5, 6)), component: 'C', type: 1, thread: 7, utcOffsetMinutes: 0 }),
    /<time="03:04:05\.006\+000" date="01-02-2001" component="C" context="" type="1" thread="7" file="">\r\n$/,
  );
});

test('attribute values cannot break the header', () => {
  const line = formatCmTraceLine({ message: 'm', time: new Date(0), component: 'Bad"Comp\r\nX', context: 'a"b', type: 1, thread: 1, file: 'x"y.ts:1', utcOffsetMinutes: 0 });
  assert.ok(line.includes(`component="Bad'Comp X" context="a'b" type="1" thread="1" file="x'y.ts:1">`));
  const [e] = parseCmTraceLog(line);
  assert.equal(e!.component, "Bad'Comp X");
});

test('invalid input is refused', () => {
  const base = { message: 'm', time: new Date(0), component: 'C', type: 1 as const, thread: 1 };
  assert.throws(() => formatCmTraceLine({ ...base, time: new Date(NaN) }), RangeError);
  assert.throws(() => formatCmTraceLine({ ...base, type: 4 as unknown as CmTraceType }), RangeError);
  assert.throws(() => formatCmTraceLine({ ...base, thread: -1 }), RangeError);
  assert.throws(() => formatCmTraceLine({ ...base, thread: 1.5 }), RangeError);
});

test('the parser tolerates LF endings, no final newline, garbage, and unterminated records', () => {
  const a = '<![LOG[one]LOG]!><time="11:34:01.000+000" date="3-7-2015" component="LTICleanup" context="" type="1" thread="" file="LTICleanup">';
  const b = '<![LOG[two\nlines]LOG]!><time="11:34:02.1234567-120" date="03-07-2015" component="X" context="" type="3" thread="12" file="f">';
  const skipped: string[] = [];
  const entries = parseCmTraceLog(`junk\n${a}\n${b}<![LOG[cut off by a crash`, { onSkipped: (t) => skipped.push(t) });
  assert.equal(entries.length, 2);
  assert.equal(entries[0]!.thread, undefined);
  assert.equal(entries[0]!.time.toISOString(), '2015-03-07T11:34:01.000Z');
  assert.equal(entries[1]!.message, 'two\nlines');
  assert.equal(entries[1]!.time.toISOString(), '2015-03-07T09:34:02.123Z');
  assert.equal(entries[1]!.utcOffsetMinutes, 120);
  assert.deepEqual(skipped, ['junk\n', '<![LOG[cut off by a crash']);
  assert.deepEqual(parseCmTraceLog(''), []);
  assert.deepEqual(parseCmTraceLog('\uFEFF'), []);
});

test('property: any message, component and time round-trip; parsing any text never throws', () => {
  const piece = fc.constantFrom(']LOG]!>', ']LOG]!&', '&gt;', '&amp;', '<![LOG[', '\r\n', '\n', '\r', '"', '<time="', '>', '\uFEFF', 'é', '😀');
  const message = fc.array(fc.oneof(fc.string(), piece), { maxLength: 12 }).map((a) => a.join(''));
  fc.assert(
    fc.property(
      message,
      fc.string({ minLength: 1 }).filter((c) => !/["\r\n]/.test(c)),
      fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }),
      fc.integer({ min: -14 * 60, max: 12 * 60 }),
      fc.constantFrom<CmTraceType>(0, 1, 2, 3),
      fc.nat(99999),
      (msg, component, ms, offset, type, thread) => {
        const line = formatCmTraceLine({ message: msg, time: new Date(ms), component, type, thread, utcOffsetMinutes: offset });
        const parsed = parseCmTraceLog(line + line);
        assert.equal(parsed.length, 2);
        const e = parsed[0]!;
        assert.equal(e.message, msg);
        assert.equal(e.time.getTime(), ms);
        assert.equal(e.utcOffsetMinutes, offset);
        assert.equal(e.component, component);
        assert.equal(e.type, type);
        assert.equal(e.thread, thread);
      },
    ),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('<![LOG[', ']LOG]!>', '<time="1:00:00.000+000" date="1-1-2000" x="">', '\r\n')), { maxLength: 20 }), (parts) => {
      parseCmTraceLog(parts.join(''));
    }),
    { numRuns: 300 },
  );
});
