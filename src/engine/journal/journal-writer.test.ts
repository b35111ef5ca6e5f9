import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs, { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalWriter } from './journal-writer.js';
import { readJournal } from './journal-reader.js';
import { encodeRecord } from './record-codec.js';
import { measureAppendMicros } from './measure.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tseq-journal-'));
}

test('open creates the folder and file; appends are read back in order', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'a', 'b', 'journal.jsonl');
    const w = JournalWriter.open(path);
    assert.ok(existsSync(path));
    assert.equal(w.recoveredRecords, 0);
    assert.equal(w.truncatedBytes, 0);
    for (let i = 0; i < 5; i++) w.append({ seq: i, s: `step ${i} é` });
    assert.equal(w.appended, 5);
    assert.equal(w.size, statSync(path).size);
    w.close();
    w.close(); // idempotent
    assert.throws(() => w.append({ seq: 5 }), /closed/);
    assert.deepEqual(readJournal(path), { records: [0, 1, 2, 3, 4].map((i) => ({ seq: i, s: `step ${i} é` })), tornTail: false, validBytes: statSync(path).size });

    const again = JournalWriter.open(path);
    assert.equal(again.recoveredRecords, 5);
    again.append({ seq: 5 });
    again.close();
    assert.equal(readJournal(path).records.length, 6);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('readJournal of a missing file is an empty journal', () => {
  assert.deepEqual(readJournal(join(tmpdir(), `tseq-no-such-${process.pid}`, 'journal.jsonl')), { records: [], tornTail: false, validBytes: 0 });
});

test('reopening a journal with a torn tail truncates it, and appending works after', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'journal.jsonl');
    const w = JournalWriter.open(path);
    for (let i = 0; i < 3; i++) w.append({ seq: i });
    w.close();
    const good = statSync(path).size;
    const next = encodeRecord({ seq: 3, pad: 'x'.repeat(100) });
    for (const cut of [1, 9, 20, next.length - 1]) {
      appendFileSync(path, next.subarray(0, cut));
      assert.equal(readJournal(path).tornTail, true);
      const r = JournalWriter.open(path);
      assert.equal(r.truncatedBytes, cut);
      assert.equal(r.recoveredRecords, 3);
      assert.equal(r.salvagedTo, undefined, 'a plain torn write is not salvaged');
      assert.equal(statSync(path).size, good);
      r.close();
    }
    const r = JournalWriter.open(path);
    r.append({ seq: 3 });
    r.close();
    assert.deepEqual(readJournal(path), { records: [{ seq: 0 }, { seq: 1 }, { seq: 2 }, { seq: 3 }], tornTail: false, validBytes: statSync(path).size });
    assert.deepEqual(readdirSync(dir), ['journal.jsonl']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('damage that drops complete lines is saved beside the journal before truncating', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'journal.jsonl');
    const lines = [0, 1, 2, 3].map((i) => encodeRecord({ seq: i }));
    const bytes = Buffer.concat(lines);
    const at = lines[0]!.length + lines[1]!.length + 12; // inside record 2's JSON
    bytes[at]! ^= 0x04;
    writeFileSync(path, bytes);
    const w = JournalWriter.open(path);
    assert.equal(w.recoveredRecords, 2);
    assert.ok(w.salvagedTo !== undefined);
    assert.deepEqual(readFileSync(w.salvagedTo), bytes.subarray(lines[0]!.length + lines[1]!.length));
    w.append({ seq: 2 });
    w.close();
    assert.deepEqual(readJournal(path).records, [{ seq: 0 }, { seq: 1 }, { seq: 2 }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a record with no JSON form throws and leaves the journal untouched', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'journal.jsonl');
    const w = JournalWriter.open(path);
    w.append({ seq: 0 });
    assert.throws(() => w.append({ seq: 1, n: 1n }), TypeError);
    w.append({ seq: 1 });
    w.close();
    assert.deepEqual(readJournal(path), { records: [{ seq: 0 }, { seq: 1 }], tornTail: false, validBytes: statSync(path).size });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failed write is cut back to the last good record and the writer refuses further appends', (t) => {
  const dir = tempDir();
  try {
    const path = join(dir, 'journal.jsonl');
    const w = JournalWriter.open(path);
    w.append({ seq: 0 });
    const realWrite = fs.writeSync;
    t.mock.method(fs, 'writeSync', (fd: number, buf: Uint8Array, off: number, len: number) => {
      realWrite(fd, buf, off, Math.max(1, len >> 1)); // half the line reaches the file…
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }); // …then the disk is full
    });
    syncBuiltinESMExports();
    try {
      assert.throws(() => w.append({ seq: 1, pad: 'x'.repeat(64) }), /ENOSPC/);
    } finally {
      t.mock.restoreAll();
      syncBuiltinESMExports();
    }
    assert.deepEqual(readJournal(path), { records: [{ seq: 0 }], tornTail: false, validBytes: statSync(path).size });
    assert.throws(() => w.append({ seq: 1 }), /ENOSPC/, 'a broken writer stays broken');
    w.close();
    const r = JournalWriter.open(path);
    r.append({ seq: 1 });
    r.close();
    assert.deepEqual(readJournal(path).records, [{ seq: 0 }, { seq: 1 }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('{ fsync: false } writes the same bytes', () => {
  const dir = tempDir();
  try {
    const a = JournalWriter.open(join(dir, 'a.jsonl'));
    const b = JournalWriter.open(join(dir, 'b.jsonl'), { fsync: false });
    assert.equal(a.fsync, true);
    assert.equal(b.fsync, false);
    for (const w of [a, b]) {
      for (let i = 0; i < 10; i++) w.append({ seq: i });
      w.close();
    }
    assert.deepEqual(readFileSync(join(dir, 'a.jsonl')), readFileSync(join(dir, 'b.jsonl')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('measureAppendMicros returns positive per-append costs and cleans up', () => {
  const dir = tempDir();
  try {
    const m = measureAppendMicros(dir, 20);
    assert.ok(m.fsyncMicros > 0 && Number.isFinite(m.fsyncMicros));
    assert.ok(m.noFsyncMicros > 0 && Number.isFinite(m.noFsyncMicros));
    assert.deepEqual(readdirSync(dir), []);
    assert.throws(() => measureAppendMicros(dir, 0), RangeError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The child: appends { seq: 0, 1, 2, … } forever (every fifth record 64 KiB, so a kill can land mid-write). */
const CHILD = `
const { JournalWriter } = await import(process.env.TSEQ_JOURNAL_MODULE);
const w = JournalWriter.open(process.env.TSEQ_JOURNAL_PATH, { fsync: process.env.TSEQ_JOURNAL_FSYNC === '1' });
const big = 'x'.repeat(1 << 16);
for (let i = 0; ; i++) {
  w.append({ seq: i, pad: i % 5 === 2 ? big : 'y' });
  if (i === 0) process.stdout.write('go\\n');
}
`;

test('kill -9 at a random instant: every record before the tail is intact, sequential, complete (10 runs)', async () => {
  const dir = tempDir();
  const moduleUrl = new URL('./journal-writer.js', import.meta.url).href;
  let torn = 0;
  let total = 0;
  try {
    for (let run = 0; run < 10; run++) {
      const path = join(dir, `journal-${run}.jsonl`);
      const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD], {
        env: { ...process.env, TSEQ_JOURNAL_MODULE: moduleUrl, TSEQ_JOURNAL_PATH: path, TSEQ_JOURNAL_FSYNC: run % 2 === 0 ? '1' : '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_code, signal) => res(signal)));
      await new Promise<void>((res, rej) => {
        child.stdout.once('data', () => res());
        child.once('exit', () => rej(new Error(`child exited before appending: ${stderr}`)));
      });
      await new Promise((res) => setTimeout(res, 10 + Math.random() * 150));
      assert.ok(child.pid !== undefined);
      process.kill(child.pid, 'SIGKILL');
      assert.equal(await exited, 'SIGKILL', stderr);

      const { records, tornTail, validBytes } = readJournal(path);
      if (tornTail) torn++;
      total += records.length;
      assert.ok(records.length >= 1, `run ${run}: the first record was acknowledged before the kill`);
      records.forEach((r, i) => assert.equal((r as { seq: number }).seq, i, `run ${run}: record ${i}`));
      assert.equal(statSync(path).size - validBytes > 0, tornTail);

      // Resume: reopening drops the tail and the next record follows with no gap.
      const w = JournalWriter.open(path);
      assert.equal(w.recoveredRecords, records.length);
      assert.equal(w.salvagedTo, undefined, 'a kill tears at most one line');
      w.append({ seq: records.length, pad: 'resumed' });
      w.close();
      const after = readJournal(path);
      assert.equal(after.tornTail, false);
      assert.equal(after.records.length, records.length + 1);
      after.records.forEach((r, i) => assert.equal((r as { seq: number }).seq, i));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Diagnostic only: how often the kill landed inside a write.
  console.log(`# kill -9: ${torn}/10 runs ended in a torn tail; ${total / 10} records per run on average`);
});
