import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseCmTraceLog, formatCmTraceLine } from './cmtrace-format.js';
import { CmTraceLog, DEFAULT_MAX_BYTES, DEFAULT_MAX_HISTORY, DEFAULT_THREAD, listRolledLogs, rolledLogName } from './cmtrace-log.js';
import { maskSecrets } from './mask-secrets.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tseq-log-'));
}

/** A clock that starts at 2024-02-07 16:53:52 local (UTC-8) and moves `stepMs` per call. */
function clock(stepMs = 1000): () => Date {
  let t = Date.parse('2024-02-08T00:53:52.000Z');
  return () => {
    const d = new Date(t);
    t += stepMs;
    return d;
  };
}

const BOM = [0xef, 0xbb, 0xbf];

test('a new file starts with a BOM and holds CRLF records in the smsts.log shape', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'smstslog', 'smsts.log');
    const log = new CmTraceLog(path, { now: clock(), utcOffsetMinutes: -480, thread: 636 });
    log.info('TSManager', 'Start executing an instruction. Instruction name: Gather. Pointer: 3', 'engine.ts:10');
    log.warning('TSManager', 'two\r\nlines');
    log.error('TSMBootstrap', 'Failed (0x80004005)');
    log.write({ component: 'SMSTSRebootAction', message: 'verbose', type: 0, thread: 42 });
    const bytes = readFileSync(path);
    assert.deepEqual([...bytes.subarray(0, 3)], BOM);
    const text = bytes.toString('utf8');
    assert.equal(text.indexOf('\uFEFF', 1), -1, 'one BOM only');
    assert.ok(text.startsWith(
      '\uFEFF<![LOG[Start executing an instruction. Instruction name: Gather. Pointer: 3]LOG]!><time="16:53:52.000+480" date="02-07-2024" component="TSManager" context="" type="1" thread="636" file="engine.ts:10">\r\n',
    ));
    const entries = parseCmTraceLog(text);
    assert.deepEqual(entries.map((e) => [e.component, e.type, e.thread, e.message]), [
      ['TSManager', 1, 636, 'Start executing an instruction. Instruction name: Gather. Pointer: 3'],
      ['TSManager', 2, 636, 'two\r\nlines'],
      ['TSMBootstrap', 3, 636, 'Failed (0x80004005)'],
      ['SMSTSRebootAction', 0, 42, 'verbose'],
    ]);
    assert.ok(text.endsWith('">\r\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('defaults: 1,000,000 bytes, 1 rolled file, a constant thread per process', () => {
  assert.equal(DEFAULT_MAX_BYTES, 1_000_000);
  assert.equal(DEFAULT_MAX_HISTORY, 1);
  assert.equal(DEFAULT_THREAD, process.pid % 10000);
  const log = new CmTraceLog('/nonexistent/smsts.log');
  assert.equal(log.maxBytes, 1_000_000);
  assert.equal(log.maxHistory, 1);
  assert.throws(() => new CmTraceLog('x.log', { maxBytes: 0 }), RangeError);
  assert.throws(() => new CmTraceLog('x.log', { maxHistory: -1 }), RangeError);
});

test('an existing log is appended to, without a second BOM', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'smsts.log');
    new CmTraceLog(path, { now: clock(), utcOffsetMinutes: 0 }).info('TSManager', 'before restart');
    new CmTraceLog(path, { now: clock(), utcOffsetMinutes: 0 }).info('TSManager', 'after restart');
    const text = readFileSync(path, 'utf8');
    assert.equal(text.split('\uFEFF').length, 2);
    assert.deepEqual(parseCmTraceLog(text).map((e) => e.message), ['before restart', 'after restart']);
    // An empty file (e.g. created by someone else) gets its BOM too.
    const empty = join(dir, 'empty.log');
    writeFileSync(empty, '');
    new CmTraceLog(empty).info('TSManager', 'x');
    assert.deepEqual([...readFileSync(empty).subarray(0, 3)], BOM);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rollover happens when the next record would exceed maxBytes; names and BOMs', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'smsts.log');
    const now = clock(1000);
    const time = new Date(0);
    const lineBytes = Buffer.byteLength(formatCmTraceLine({ message: 'x'.repeat(50), time, component: 'TSManager', type: 1, thread: 1, utcOffsetMinutes: -480 }));
    const maxBytes = 3 + 3 * lineBytes; // BOM + exactly three records
    const log = new CmTraceLog(path, { now, utcOffsetMinutes: -480, thread: 1, maxBytes, maxHistory: 5 });
    const write = (): void => log.write({ component: 'TSManager', message: 'x'.repeat(50), type: 1, time });
    write(); write(); write();
    assert.equal(statSync(path).size, maxBytes, 'filled to the limit exactly, not rolled');
    assert.deepEqual(listRolledLogs(path), []);
    write(); // would exceed: roll first
    const rolled = listRolledLogs(path);
    assert.equal(rolled.length, 1);
    // the clock was called once per rollover only (records carry their own time): 16:53:52 local
    assert.equal(rolled[0], join(dir, 'smsts-20240207-165352.log'));
    assert.equal(statSync(rolled[0]!).size, maxBytes);
    assert.equal(statSync(path).size, 3 + lineBytes);
    for (const f of [path, rolled[0]!]) assert.deepEqual([...readFileSync(f).subarray(0, 3)], BOM, f);
    assert.equal(parseCmTraceLog(readFileSync(rolled[0]!, 'utf8')).length, 3);
    assert.equal(parseCmTraceLog(readFileSync(path, 'utf8')).length, 1);
    // Every file stays within the limit.
    for (let i = 0; i < 20; i++) write();
    for (const f of [path, ...listRolledLogs(path)]) assert.ok(statSync(f).size <= maxBytes, f);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('history is capped: the oldest rolled files are deleted', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'smsts.log');
    const log = new CmTraceLog(path, { now: clock(60_000), utcOffsetMinutes: 0, maxBytes: 300, maxHistory: 2 });
    // An unrelated file with a similar name is left alone.
    writeFileSync(join(dir, 'smsts-notes.log'), 'keep');
    const messages: string[] = [];
    for (let i = 0; i < 12; i++) {
      const m = `record ${i} ` + 'y'.repeat(120);
      messages.push(m);
      log.info('TSManager', m);
    }
    const rolled = listRolledLogs(path);
    assert.equal(rolled.length, 2);
    assert.deepEqual(readdirSync(dir).sort(), ['smsts-notes.log', 'smsts.log', ...rolled.map((r) => r.slice(dir.length + 1))].sort());
    // The kept files hold the newest records, in order, each with one BOM.
    const kept = [...rolled, path].flatMap((f) => {
      const b = readFileSync(f);
      assert.deepEqual([...b.subarray(0, 3)], BOM, f);
      return parseCmTraceLog(b.toString('utf8')).map((e) => e.message);
    });
    assert.deepEqual(kept, messages.slice(messages.length - kept.length));
    // maxHistory 0: no rolled file is kept.
    const path0 = join(dir, 'zero', 'smsts.log');
    const log0 = new CmTraceLog(path0, { now: clock(), maxBytes: 300, maxHistory: 0 });
    for (let i = 0; i < 5; i++) log0.info('TSManager', 'z'.repeat(150));
    assert.deepEqual(readdirSync(join(dir, 'zero')), ['smsts.log']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('two rollovers in the same second do not overwrite each other', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'smsts.log');
    const log = new CmTraceLog(path, { now: clock(0), utcOffsetMinutes: 0, maxBytes: 200, maxHistory: 3 });
    for (let i = 0; i < 4; i++) log.info('TSManager', 'w'.repeat(150));
    assert.deepEqual(listRolledLogs(path).map((p) => p.slice(dir.length + 1)), [
      'smsts-20240208-005352.log',
      'smsts-20240208-005352-1.log',
      'smsts-20240208-005352-2.log',
    ]);
    assert.equal(rolledLogName(join(dir, 'BDD.log'), '20240101-000000', 2), join(dir, 'BDD-20240101-000000-2.log'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a record larger than maxBytes goes alone into a fresh file', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'smsts.log');
    const log = new CmTraceLog(path, { now: clock(), maxBytes: 200, maxHistory: 5 });
    log.info('TSManager', 'small');
    log.info('TSManager', 'big '.repeat(100));
    log.info('TSManager', 'small again');
    const files = [...listRolledLogs(path), path].map((f) => parseCmTraceLog(readFileSync(f, 'utf8')).map((e) => e.message.slice(0, 5)));
    assert.deepEqual(files, [['small'], ['big b'], ['small']]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('redact masks secrets before they reach the file', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'smsts.log');
    const log = new CmTraceLog(path, { redact: (m) => maskSecrets(m, ['P@ssw0rd']) });
    log.info('TSManager', 'net use Z: \\\\srv\\share /user:CORP\\svc P@ssw0rd');
    const text = readFileSync(path, 'utf8');
    assert.ok(!text.includes('P@ssw0rd'));
    assert.ok(text.includes('/user:CORP\\svc ********'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every record written survives a kill -9 of the writer', { skip: process.platform === 'win32' }, () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'smsts.log');
    const moduleUrl = new URL('./cmtrace-log.js', import.meta.url).href;
    const script =
      `import { CmTraceLog } from ${JSON.stringify(moduleUrl)};\n` +
      `const log = new CmTraceLog(${JSON.stringify(path)});\n` +
      `for (let i = 0; i < 200; i++) log.info('TSManager', 'record ' + i);\n` +
      `process.kill(process.pid, 'SIGKILL');\n`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(r.signal, 'SIGKILL', r.stderr);
    const entries = parseCmTraceLog(readFileSync(path, 'utf8'));
    assert.equal(entries.length, 200);
    assert.equal(entries[199]!.message, 'record 199');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
