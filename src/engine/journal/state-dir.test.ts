import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { JournalWriter } from './journal-writer.js';
import { StateDirError, atomicTempPath, initStateDir, loadStateDir, nodeFs, stateDirPaths, writeFileAtomic, type AtomicWriteFs } from './state-dir.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tseq-state-'));
}


const SEQ = '<?xml version="1.0"?>\n<sequence version="3.00"><step type="SMS_TaskSequence_RunCommandLineAction" name="Hello é"/></sequence>\n';
const RUN = { file: 'examples/windows-11-deployment.xml', profile: 'profiles/vm.json', vars: { OSDComputerName: 'PC-01' }, created: '2024-05-01T10:00:00.000Z' };

function expectStateError(fn: () => unknown, code: string, path: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof StateDirError, String(err));
    assert.equal(err.code, code);
    assert.equal(err.path, path);
    assert.ok(err.message.includes(path), `message names the file: ${err.message}`);
    return true;
  });
}

test('stateDirPaths lays out the state directory', () => {
  const p = stateDirPaths('/var/tmp/run1');
  assert.deepEqual(p, {
    dir: '/var/tmp/run1',
    journal: '/var/tmp/run1/journal.jsonl',
    sequenceXml: '/var/tmp/run1/sequence.xml',
    run: '/var/tmp/run1/run.json',
    log: '/var/tmp/run1/smsts.log',
    trace: '/var/tmp/run1/trace.json',
  });
});

test('writeFileAtomic writes and replaces, via a hidden temp file in the same directory, leaving no temp files', () => {
  const dir = tempDir();
  try {
    const target = join(dir, 'trace.json');
    const opened: string[] = [];
    const spy: AtomicWriteFs = { ...nodeFs, openSync: (p, f, m) => (opened.push(p), nodeFs.openSync(p, f, m)) };
    writeFileAtomic(target, '{"v":1}\n', spy);
    assert.equal(readFileSync(target, 'utf8'), '{"v":1}\n');
    writeFileAtomic(target, Buffer.from('{"v":2}\n'), spy);
    assert.equal(readFileSync(target, 'utf8'), '{"v":2}\n');
    writeFileAtomic(target, '');
    assert.equal(readFileSync(target, 'utf8'), '');
    assert.equal(opened.length, 2);
    for (const temp of opened) {
      assert.equal(dirname(temp), dir, 'temp file is beside the target, so rename is atomic');
      assert.ok(basename(temp).startsWith('.trace.json.') && temp.endsWith('.tmp'), temp);
    }
    assert.notEqual(opened[0], opened[1], 'temp names are unique');
    assert.deepEqual(readdirSync(dir), ['trace.json']);
    assert.match(basename(atomicTempPath(target)), /^\.trace\.json\.\d+\.[0-9a-f]{12}\.tmp$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failing atomic write never replaces the target and leaves no temp file', () => {
  const dir = tempDir();
  try {
    const target = join(dir, 'run.json');
    writeFileSync(target, 'ORIGINAL');
    const failures: Array<[string, Partial<AtomicWriteFs>]> = [
      ['write (half written, then ENOSPC)', {
        writeSync: (fd, b, o, l) => {
          nodeFs.writeSync(fd, b, o, Math.max(1, l >> 1));
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        },
      }],
      ['fsync', { fsyncSync: () => { throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }); } }],
      ['rename', { renameSync: () => { throw Object.assign(new Error('EXDEV: rename'), { code: 'EXDEV' }); } }],
    ];
    for (const [what, override] of failures) {
      assert.throws(() => writeFileAtomic(target, 'NEW CONTENT THAT IS LONGER', { ...nodeFs, ...override }), /ENOSPC|EIO|EXDEV/, what);
      assert.equal(readFileSync(target, 'utf8'), 'ORIGINAL', what);
      assert.deepEqual(readdirSync(dir), ['run.json'], `${what}: no temp file left`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('initStateDir / loadStateDir happy path, with journal records and a torn tail', () => {
  const root = tempDir();
  try {
    const dir = join(root, 'nested', 'state');
    const paths = initStateDir(dir, { sequenceXml: SEQ, run: RUN });
    assert.deepEqual(paths, stateDirPaths(dir));
    assert.deepEqual(readdirSync(dir).sort(), ['journal.jsonl', 'run.json', 'sequence.xml']);
    assert.equal(readFileSync(paths.sequenceXml, 'utf8'), SEQ);

    let loaded = loadStateDir(dir);
    assert.deepEqual(loaded.sequenceXml, Buffer.from(SEQ));
    assert.deepEqual(loaded.run, RUN);
    assert.deepEqual(loaded.records, []);
    assert.equal(loaded.tornTail, false);
    assert.deepEqual(loaded.paths, paths);

    const w = JournalWriter.open(paths.journal);
    w.append({ seq: 0, kind: 'start' });
    w.append({ seq: 1, kind: 'step' });
    w.close();
    fs.appendFileSync(paths.journal, '1234abcd 40 {"seq":2');
    loaded = loadStateDir(dir);
    assert.deepEqual(loaded.records, [{ seq: 0, kind: 'start' }, { seq: 1, kind: 'step' }]);
    assert.equal(loaded.tornTail, true);

    // Binary sequence bytes are copied verbatim.
    const bin = join(root, 'bin');
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, 0x3c, 0x61, 0x2f, 0x3e, 0x00, 0xff]);
    initStateDir(bin, { sequenceXml: bytes, run: {} });
    assert.deepEqual(new Uint8Array(loadStateDir(bin).sequenceXml), bytes);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('initStateDir refuses a directory that already holds a journal (STATE_EXISTS), touching nothing', () => {
  const dir = tempDir();
  try {
    const paths = initStateDir(dir, { sequenceXml: SEQ, run: RUN });
    expectStateError(() => initStateDir(dir, { sequenceXml: '<other/>', run: { other: true } }), 'STATE_EXISTS', paths.journal);
    assert.equal(readFileSync(paths.sequenceXml, 'utf8'), SEQ);
    assert.deepEqual(loadStateDir(dir).run, RUN);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('initStateDir can be re-run after an init that died before creating the journal', () => {
  const dir = tempDir();
  try {
    const paths = stateDirPaths(dir);
    writeFileSync(paths.sequenceXml, '<half'); // an earlier init got this far
    initStateDir(dir, { sequenceXml: SEQ, run: RUN });
    assert.equal(readFileSync(paths.sequenceXml, 'utf8'), SEQ);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('initStateDir requires run to be a JSON object', () => {
  const dir = tempDir();
  try {
    assert.throws(() => initStateDir(dir, { sequenceXml: SEQ, run: [] }), TypeError);
    assert.throws(() => initStateDir(dir, { sequenceXml: SEQ, run: null as unknown as object }), TypeError);
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('loadStateDir: each way a directory is not a (sound) state directory', () => {
  const root = tempDir();
  try {
    // No such directory.
    const missing = join(root, 'missing');
    expectStateError(() => loadStateDir(missing), 'STATE_MISSING', missing);
    // A file, not a directory.
    const file = join(root, 'file');
    writeFileSync(file, 'x');
    expectStateError(() => loadStateDir(file), 'STATE_MISSING', file);
    // A directory with no journal.
    const empty = join(root, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'sequence.xml'), SEQ);
    expectStateError(() => loadStateDir(empty), 'STATE_MISSING', stateDirPaths(empty).journal);

    const fresh = (name: string) => {
      const d = join(root, name);
      return initStateDir(d, { sequenceXml: SEQ, run: RUN });
    };
    let p = fresh('no-seq');
    rmSync(p.sequenceXml);
    expectStateError(() => loadStateDir(p.dir), 'STATE_CORRUPT', p.sequenceXml);

    p = fresh('no-run');
    rmSync(p.run);
    expectStateError(() => loadStateDir(p.dir), 'STATE_CORRUPT', p.run);

    p = fresh('bad-run');
    writeFileSync(p.run, '{"file": "x.xml",');
    expectStateError(() => loadStateDir(p.dir), 'STATE_CORRUPT', p.run);

    p = fresh('array-run');
    writeFileSync(p.run, '[1,2]');
    expectStateError(() => loadStateDir(p.dir), 'STATE_CORRUPT', p.run);

    p = fresh('dir-journal');
    rmSync(p.journal);
    mkdirSync(p.journal);
    expectStateError(() => loadStateDir(p.dir), 'STATE_CORRUPT', p.journal);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
