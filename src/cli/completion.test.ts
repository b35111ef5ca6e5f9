import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tseq } from '../../test/cli-harness.js';
import { describeProgram } from './commands/completion.js';
import { EXIT_OK } from './exit-codes.js';
import { buildProgram } from './main.js';

const tmp = mkdtempSync(join(tmpdir(), 'tseq-completion-test-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Every command of the program as it is now, and its long options. */
function programCommands(): { name: string; longs: string[] }[] {
  const program = buildProgram({ exitCode: EXIT_OK, out: () => {}, err: () => {} });
  return program.commands.map((c) => ({ name: c.name(), longs: c.options.map((o) => o.long).filter((l): l is string => l !== undefined) }));
}

function hasShell(shell: string): boolean {
  const r = spawnSync(shell, ['-c', 'exit 0'], { stdio: 'ignore' });
  return r.status === 0;
}

const SCRIPTS: Record<string, string> = {};

for (const shell of ['bash', 'zsh', 'powershell'] as const) {
  test(`completion ${shell} names every command and every long option of each`, async () => {
    const r = await tseq('completion', shell);
    assert.equal(r.code, 0, r.stderr);
    SCRIPTS[shell] = r.stdout;
    const commands = programCommands();
    assert.ok(commands.length >= 10, 'the program has its commands');
    for (const { name, longs } of commands) {
      assert.ok(r.stdout.includes(name), `${shell}: command ${name}`);
      for (const long of [...longs, '--help']) {
        assert.ok(r.stdout.includes(long), `${shell}: ${name} ${long}`);
      }
    }
    // Option values with declared choices, and the shells of completion itself.
    for (const word of ['client', 'server', 'custom', 'powershell']) assert.ok(r.stdout.includes(word), `${shell}: ${word}`);
  });
}

test('the program description: file arguments complete as files, choices as choices', () => {
  const spec = describeProgram(buildProgram({ exitCode: EXIT_OK, out: () => {}, err: () => {} }));
  const byName = new Map(spec.commands.map((c) => [c.name, c]));
  assert.equal(byName.get('show')?.args.kind, 'files');
  assert.equal(byName.get('build')?.args.kind, 'files');
  assert.equal(byName.get('new')?.args.kind, 'none');
  assert.deepEqual(byName.get('completion')?.args, { kind: 'choices', name: 'shell', choices: ['bash', 'zsh', 'powershell'] });
  assert.equal(byName.get('help')?.args.kind, 'commands');
  const template = byName.get('new')?.options.find((o) => o.long === '--template');
  assert.deepEqual(template?.value, { kind: 'choices', choices: ['client', 'server', 'custom'] });
  assert.deepEqual(byName.get('build')?.options.find((o) => o.long === '--output')?.value, { kind: 'file' });
  assert.deepEqual(byName.get('run')?.options.find((o) => o.long === '--state')?.value, { kind: 'dir' });
  assert.equal(byName.get('run')?.options.find((o) => o.long === '--var')?.repeatable, true);
  assert.deepEqual(byName.get('show')?.options.find((o) => o.long === '--json')?.value, { kind: 'none' });
});

test('bash accepts the bash script (bash -n), and it completes commands, options, choices and files', { skip: !hasShell('bash') && 'bash is not installed' }, async () => {
  const script = SCRIPTS['bash'] ?? (await tseq('completion', 'bash')).stdout;
  const file = join(tmp, 'tseq.bash');
  writeFileSync(file, script);
  const syntax = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
  assert.equal(syntax.status, 0, syntax.stderr);

  writeFileSync(join(tmp, 'deploy.xml'), '<sequence version="3.10"/>');
  /** What the completion function offers for a command line whose last word is being completed. */
  const complete = (...words: string[]): string[] => {
    const program = [
      `source ${JSON.stringify(file)}`,
      `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})`,
      `COMP_CWORD=${words.length - 1}`,
      '_tseq_complete',
      'printf "%s\\n" "${COMPREPLY[@]}"',
    ].join('\n');
    const r = spawnSync('bash', ['-c', program], { encoding: 'utf8', cwd: tmp });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.split('\n').filter((l) => l !== '');
  };
  assert.deepEqual(complete('tseq', 'va'), ['validate']);
  assert.ok(complete('tseq', '').includes('build'));
  assert.deepEqual(complete('tseq', 'new', '--template', 'c'), ['client', 'custom']);
  assert.ok(complete('tseq', 'fmt', '--').includes('--write'));
  assert.deepEqual(complete('tseq', 'show', 'dep'), ['deploy.xml']);
  assert.deepEqual(complete('tseq', 'completion', 'z'), ['zsh']);
  assert.deepEqual(complete('tseq', 'help', 'ru'), ['run']);
  assert.deepEqual(complete('tseq', 'show', '--max-bytes', ''), []);
});

test('zsh accepts the zsh script (zsh -n)', { skip: !hasShell('zsh') && 'zsh is not installed' }, async () => {
  const script = SCRIPTS['zsh'] ?? (await tseq('completion', 'zsh')).stdout;
  const file = join(tmp, '_tseq');
  writeFileSync(file, script);
  const r = spawnSync('zsh', ['-n', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('PowerShell parses the PowerShell script', { skip: !hasShell('pwsh') && 'pwsh is not installed' }, async () => {
  const script = SCRIPTS['powershell'] ?? (await tseq('completion', 'powershell')).stdout;
  const file = join(tmp, 'tseq.ps1');
  writeFileSync(file, script);
  const check = `$errors = $null; [void][System.Management.Automation.Language.Parser]::ParseFile('${file.replace(/'/g, "''")}', [ref]$null, [ref]$errors); if ($errors) { $errors | ForEach-Object { $_.ToString() }; exit 1 }`;
  const r = spawnSync('pwsh', ['-NoProfile', '-Command', check], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('completion with an unknown shell is a usage error', async () => {
  const r = await tseq('completion', 'fish');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /bash, zsh, powershell/);
});
