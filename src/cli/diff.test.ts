import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tseq } from '../../test/cli-harness.js';
import { corpusDir, projectRoot } from '../../test/corpus.js';

const tmp = mkdtempSync(join(tmpdir(), 'tseq-diff-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const step = (name: string, line: string, attrs = ''): string =>
  `<step type="SMS_TaskSequence_RunCommandLineAction" name="${name}" description=""${attrs}><action>smsswd.exe /run: ${line}</action><defaultVarList><variable name="CommandLine" property="CommandLine" hidden="true">${line}</variable></defaultVarList></step>`;

function file(name: string, body: string): string {
  const p = join(tmp, name);
  writeFileSync(p, `<?xml version="1.0"?>\n<sequence version="3.10">${body}</sequence>`);
  return p;
}

const OLD = file('old.xml', `<group name="Prepare" description="">${step('Echo', 'cmd /c echo hi')}${step('Dir', 'cmd /c dir')}</group>`);
const NEW = file(
  'new.xml',
  `<group name="Prepare" description="">${step('Echo', 'cmd /c echo hello', ' disable="true"')}</group><group name="Finish" description="">${step('Dir', 'cmd /c dir')}${step('Done', 'done.cmd')}</group>`,
);

test('diff of equal sequences prints nothing and exits 0, whatever the layout', async () => {
  const same = await tseq('diff', OLD, OLD);
  assert.deepEqual([same.code, same.stdout, same.stderr], [0, '', '']);
  // The same steps written on other lines, attributes in another order: still the same.
  const relaid = file('relaid.xml', `\n  <group description="" name="Prepare">\n    ${step('Echo', 'cmd /c echo hi')}\n    ${step('Dir', 'cmd /c dir')}\n  </group>\n`);
  assert.equal((await tseq('diff', OLD, relaid)).code, 0);
  assert.equal((await tseq('diff', '--json', OLD, relaid)).stdout, '[]\n');
});

test('diff prints the changes as a tree and exits 1', async () => {
  const r = await tseq('diff', OLD, NEW);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(
    r.stdout,
    [
      '  ~ 1/1  Echo  (Run Command Line)',
      '        disabled (was enabled)',
      '        ~ CommandLine: "cmd /c echo hi" → "cmd /c echo hello"',
      '        ~ Action: "smsswd.exe /run: cmd /c echo hi" → "smsswd.exe /run: cmd /c echo hello"',
      '+ 2  Finish  (group)',
      '  ~ 2/1  Dir  (Run Command Line)',
      '        > moved from 1/2 to 2/1 (from group "Prepare" to group "Finish")',
      '  + 2/2  Done  (Run Command Line)',
      '',
    ].join('\n'),
  );
});

test('diff --json prints the array of changes', async () => {
  const r = await tseq('diff', '--json', OLD, NEW);
  assert.equal(r.code, 1);
  const changes = JSON.parse(r.stdout) as { kind: string; pathBefore?: string; pathAfter?: string; property?: string; old?: unknown; new?: unknown }[];
  assert.deepEqual(
    changes.map((c) => [c.kind, c.pathBefore, c.pathAfter, c.property]),
    [
      ['disabled', '1/1', '1/1', undefined],
      ['property', '1/1', '1/1', 'CommandLine'],
      ['property', '1/1', '1/1', 'Action'],
      ['added', undefined, '2', undefined],
      ['moved', '1/2', '2/1', undefined],
      ['added', undefined, '2/2', undefined],
    ],
  );
  assert.deepEqual([changes[1]!.old, changes[1]!.new], ['cmd /c echo hi', 'cmd /c echo hello']);
});

test('diff reads every document kind: a bare sequence against its object.xml is the same', async () => {
  const r = await tseq('diff', join(corpusDir(), 'configmgr/forevanyeung-rsc002a6-extracted.xml'), join(corpusDir(), 'configmgr/forevanyeung-task-sequence-1-object.xml'));
  assert.deepEqual([r.code, r.stdout], [0, '']);
});

test('diff exits 2 on bad input: a missing file, broken XML, not a task sequence, a missing argument', async () => {
  const missing = await tseq('diff', OLD, join(tmp, 'missing.xml'));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /missing\.xml: no such file/);
  const broken = join(tmp, 'broken.xml');
  writeFileSync(broken, '<sequence><group name="x">');
  const b = await tseq('diff', broken, OLD);
  assert.equal(b.code, 2);
  assert.match(b.stderr, /^tseq: .*broken\.xml/);
  const other = join(tmp, 'other.xml');
  writeFileSync(other, '<project><target name="build"/></project>');
  assert.equal((await tseq('diff', OLD, other)).code, 2);
  assert.equal((await tseq('diff', OLD)).code, 2);
  assert.equal((await tseq('diff', '--max-bytes', '10', OLD, NEW)).code, 2);
});

test('diff --help describes the exit codes', async () => {
  const r = await tseq('diff', '--help');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Exit 0: the same; 1: different; 2:/);
});

test('tools/git-diff-tseq.sh: git\'s 7 arguments in, tseq diff out, exit 0 even when the files differ', (t) => {
  if (process.platform === 'win32') return t.skip('a POSIX shell script');
  // A `tseq` on the PATH that runs this checkout's CLI.
  const bin = join(tmp, 'bin');
  spawnSync('mkdir', ['-p', bin]);
  const shim = join(bin, 'tseq');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${join(projectRoot(), 'bin', 'tseq.js')}" "$@"\n`);
  chmodSync(shim, 0o755);
  const script = join(projectRoot(), 'tools', 'git-diff-tseq.sh');
  const env = { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` };
  const run = (...args: string[]): { status: number | null; stdout: string } => {
    const r = spawnSync('sh', [script, ...args], { env, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout };
  };
  const changed = run('ts/deploy.xml', OLD, 'a'.repeat(40), '100644', NEW, 'b'.repeat(40), '100644');
  assert.equal(changed.status, 0);
  assert.match(changed.stdout, /^tseq diff a\/ts\/deploy\.xml b\/ts\/deploy\.xml\n/);
  assert.match(changed.stdout, /> moved from 1\/2 to 2\/1/);
  const same = run('ts/deploy.xml', OLD, 'a'.repeat(40), '100644', OLD, 'b'.repeat(40), '100644');
  assert.equal(same.status, 0);
  assert.match(same.stdout, /no change in meaning/);
  const added = run('ts/deploy.xml', '/dev/null', '.', '.', NEW, 'b'.repeat(40), '100644');
  assert.equal(added.status, 0);
  assert.match(added.stdout, /\(new file\)\n1 {2}Prepare {2}\(group\)/);
  // Not a task sequence: a plain line diff.
  const a = join(tmp, 'a.xml');
  const b = join(tmp, 'b.xml');
  writeFileSync(a, '<project>\n<x/>\n</project>\n');
  writeFileSync(b, '<project>\n<y/>\n</project>\n');
  const plain = run('other.xml', a, '1'.repeat(40), '100644', b, '2'.repeat(40), '100644');
  assert.equal(plain.status, 0);
  assert.match(plain.stdout, /^-<x\/>$/m);
  assert.match(plain.stdout, /^\+<y\/>$/m);
});
