import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tseq } from '../../test/cli-harness.js';
import { projectRoot } from '../../test/corpus.js';
import { defineTaskSequence, runCommandLine, taskSequenceMetadata } from '../model/builders/index.js';
import type { TaskSequence, TaskSequencePackage } from '../model/node.js';
import { sequenceOf, walkSteps } from '../model/node.js';
import { validateDocument } from '../model/validate.js';
import { readDocument } from '../xml/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'tseq-build-test-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const EXAMPLES = join(projectRoot(), 'examples', 'code-first');

function source(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

/** No line of a stack trace (`    at fn (file:line:col)`) in what the CLI printed. */
function assertNoStack(text: string): void {
  assert.doesNotMatch(text, /^\s+at .+:\d+:\d+\)?$/m, text);
}

// ---- defineTaskSequence ----

test('defineTaskSequence makes a frozen sequence and keeps name and description beside the model', () => {
  const seq = defineTaskSequence({ name: 'Deploy', description: 'Test', schemaVersion: '3.00', steps: [runCommandLine('Echo', { CommandLine: 'cmd /c echo' })] });
  assert.equal(seq.__CLASS, 'SMS_TaskSequence');
  assert.equal(seq.SchemaVersion, '3.00');
  assert.ok(Object.isFrozen(seq) && Object.isFrozen(seq.Steps));
  assert.deepEqual(taskSequenceMetadata(seq), { name: 'Deploy', description: 'Test' });
  // Metadata is not part of the model: not in its JSON, not in its keys.
  assert.deepEqual(Object.keys(seq), ['__CLASS', 'SchemaVersion', 'Steps']);
  assert.equal(JSON.stringify(seq).includes('Deploy'), false);
  assert.equal(defineTaskSequence({ steps: [] }).SchemaVersion, '3.10');
  assert.equal(taskSequenceMetadata(defineTaskSequence({ steps: [] }))?.name, undefined);
});

test('defineTaskSequence refuses what is not a definition', () => {
  assert.throws(() => defineTaskSequence(undefined as never), TypeError);
  assert.throws(() => defineTaskSequence({} as never), /steps must be an array/);
  assert.throws(() => defineTaskSequence({ name: 3 as never, steps: [] }), /name must be a string/);
  assert.throws(() => defineTaskSequence({ steps: [{ Name: 'x' } as never] }), /steps\[0\] is not a step or group/);
});

// ---- the examples ----

for (const example of ['windows-11.ts', 'server-2022.ts']) {
  test(`build ${example}: the XML reads back and validates clean`, async () => {
    const out = join(tmp, example.replace(/\.ts$/, '.xml'));
    const r = await tseq('build', join(EXAMPLES, example), '-o', out);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    const { document, kind } = readDocument(readFileSync(out), { file: out });
    assert.equal(kind, 'sequence');
    const errors = validateDocument(document).filter((d) => d.severity === 'error');
    assert.deepEqual(errors, []);
    const steps = [...walkSteps(sequenceOf(document).Steps)];
    assert.ok(steps.length >= 10, `${example} has a realistic number of steps`);
    // What tseq show prints for it works too.
    const shown = await tseq('show', out);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /Apply Operating System Image/);
  });
}

test('build windows-11.ts has the parts the example promises', async () => {
  const r = await tseq('build', join(EXAMPLES, 'windows-11.ts'));
  assert.equal(r.code, 0, r.stderr);
  const seq = readDocument(r.stdoutBytes).document as TaskSequence;
  const classes = new Set([...walkSteps(seq.Steps)].map((v) => v.step.__CLASS));
  for (const cls of [
    'SMS_TaskSequence_Group',
    'SMS_TaskSequence_RunCommandLineAction',
    'SMS_TaskSequence_SetVariableAction',
    'SMS_TaskSequence_ApplyOperatingSystemAction',
    'SMS_TaskSequence_InstallApplicationAction',
    'SMS_TaskSequence_RebootAction',
  ]) {
    assert.ok(classes.has(cls), `windows-11.ts has a ${cls}`);
  }
  assert.ok([...walkSteps(seq.Steps)].some((v) => v.step.Condition), 'and conditions');
});

test('build --package writes an SMS_TaskSequencePackage with the name and description of defineTaskSequence', async () => {
  const out = join(tmp, 'object.xml');
  const r = await tseq('build', join(EXAMPLES, 'windows-11.ts'), '--package', '-o', out);
  assert.equal(r.code, 0, r.stderr);
  const { document, kind } = readDocument(readFileSync(out));
  assert.equal(kind, 'instance');
  const pkg = document as TaskSequencePackage;
  assert.equal(pkg['Name'], 'Windows 11 Enterprise - Contoso');
  assert.match(String(pkg['Description']), /Bare metal and refresh/);
  assert.equal(pkg['PackageType'], 4);
  assert.ok(pkg.Sequence.Steps.length > 0);
  const shown = await tseq('show', out);
  assert.match(shown.stdout, /^Windows 11 Enterprise - Contoso$/m);
});

test('build --package without a name names the package after the file', async () => {
  const file = source('unnamed.ts', "import { taskSequence, setVariable } from 'tseq';\nexport default taskSequence([setVariable('Set A', { VariableName: 'A', VariableValue: '1' })]);\n");
  const r = await tseq('build', file, '--package');
  assert.equal(r.code, 0, r.stderr);
  assert.equal((readDocument(r.stdoutBytes).document as TaskSequencePackage)['Name'], 'unnamed');
});

// ---- what a code-first file may do ----

test('build follows local imports (NodeNext .js specifiers to .ts files), import.meta.url names the source, and a default export function may be async', async () => {
  mkdirSync(join(tmp, 'multi', 'lib'), { recursive: true });
  writeFileSync(
    join(tmp, 'multi', 'lib', 'steps.ts'),
    "import { runCommandLine } from 'tseq';\nexport const echo = (text: string) => runCommandLine(`Echo ${text}`, { CommandLine: `cmd /c echo ${text} ${new URL('.', import.meta.url).pathname}` });\n",
  );
  writeFileSync(join(tmp, 'multi', 'data.json'), JSON.stringify({ words: ['one', 'two'] }));
  const main = join(tmp, 'multi', 'main.mts');
  writeFileSync(
    main,
    [
      "import { defineTaskSequence, group } from 'tseq';",
      "import type { Step } from 'tseq';",
      "import { echo } from './lib/steps.js';",
      "import { readFileSync } from 'node:fs';",
      "const data = JSON.parse(readFileSync(new URL('./data.json', import.meta.url), 'utf8')) as { words: string[] };",
      'export default async function (): Promise<ReturnType<typeof defineTaskSequence>> {',
      '  const steps: Step[] = data.words.map(echo);',
      "  return defineTaskSequence({ steps: [group('Words', steps)] });",
      '}',
      '',
    ].join('\n'),
  );
  const r = await tseq('build', main);
  assert.equal(r.code, 0, r.stderr);
  const seq = readDocument(r.stdoutBytes).document as TaskSequence;
  const names = [...walkSteps(seq.Steps)].map((v) => v.step.Name);
  assert.deepEqual(names, ['Words', 'Echo one', 'Echo two']);
  assert.match(r.stdout, new RegExp(`cmd /c echo one ${join(tmp, 'multi', 'lib').replace(/\\/g, '/')}/`));
  // The compiled copies went to a private temporary folder, and it is gone.
  assert.deepEqual(readdirSync(join(tmp, 'multi')).sort(), ['data.json', 'lib', 'main.mts']);
});

test('build takes JavaScript too', async () => {
  const file = source('plain.mjs', "import { taskSequence, restartComputer } from 'tseq';\nexport default taskSequence([restartComputer('Restart', { Target: 'HD' })]);\n");
  const r = await tseq('build', file);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /smsboot\.exe \/target:HD/);
});

test('a type error does not stop build: transpiling checks no types (tsc --noEmit does)', async () => {
  const file = source(
    'typed-wrong.ts',
    "import { defineTaskSequence, setVariable } from 'tseq';\nconst n: number = 'not a number';\nexport default defineTaskSequence({ steps: [setVariable('Set N', { VariableName: 'N', VariableValue: String(n) })] });\n",
  );
  const r = await tseq('build', file);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /tsenv\.exe "N=not a number"/);
});

// ---- errors in the user's file ----

test('a syntax error: exit 2, file:line:col as TypeScript reports it, nothing written', async () => {
  const file = source('syntax.ts', "import { defineTaskSequence, group } from 'tseq';\n\nexport default defineTaskSequence({ steps: [group('G', [)] });\n");
  const out = join(tmp, 'syntax.xml');
  const r = await tseq('build', file, '-o', out);
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(`^${escape(file)}:3:\\d+: error TS\\d+: `, 'm'));
  assert.equal(existsSync(out), false);
  assertNoStack(r.stderr);
});

test('a throw while loading (a builder refusing a step): exit 2 at the line of the call in the source, no stack trace', async () => {
  const file = source(
    'throws.ts',
    ["import { defineTaskSequence, runCommandLine } from 'tseq';", 'interface Unused { a: string }', '', 'export default defineTaskSequence({', '  steps: [', "    runCommandLine('Echo', {} as never),", '  ],', '});', ''].join('\n'),
  );
  const r = await tseq('build', file);
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(`^${escape(file)}:6:5: error while loading: TypeError: Run Command Line .* "Echo" needs CommandLine`, 'm'));
  assertNoStack(r.stderr);
  assert.equal(r.stdout, '');
});

test('a throw in the default export function, a missing default export, a wrong one, a missing import: exit 2 with a clear message', async () => {
  const cases: [string, string, RegExp][] = [
    ['fn-throws.ts', "export default () => {\n  throw new RangeError('no such model');\n};\n", /fn-throws\.ts:2:\d+: error in the default export function: RangeError: no such model/],
    ['no-default.ts', 'export const steps = [];\n', /no-default\.ts: no default export/],
    ['not-a-sequence.ts', "export default { name: 'x' };\n", /not-a-sequence\.ts: the default export is an object, not a task sequence/],
    ['bad-name.ts', "import { nothing } from 'tseq';\nexport default nothing;\n", /bad-name\.ts:1:\d+: error while loading: SyntaxError: .*'tseq' does not provide an export named 'nothing'/],
    ['missing.ts', "import { x } from './not-there.js';\nexport default x;\n", /missing\.ts:1:19: error: cannot find module '\.\/not-there\.js'/],
    ['subpath.ts', "import { x } from 'tseq/builders';\nexport default x;\n", /subpath\.ts:1:19: error: 'tseq\/builders': the tseq package has one entry point/],
  ];
  for (const [name, text, expected] of cases) {
    const r = await tseq('build', source(name, text));
    assert.equal(r.code, 2, `${name}: ${r.stderr}`);
    assert.match(r.stderr, expected, name);
    assertNoStack(r.stderr);
    assert.doesNotMatch(r.stderr, /tseq-build-[A-Za-z0-9]{6}/, `${name}: no temporary path in the message`);
  }
});

test('a sequence that fails validation: exit 1, diagnostics like tseq validate (at the step name in the source), no output file', async () => {
  const file = source(
    'invalid.ts',
    [
      "import { defineTaskSequence, applyOperatingSystem, setVariable } from 'tseq';",
      'export default defineTaskSequence({',
      '  steps: [',
      "    setVariable('Set read-only', { VariableName: '_SMSTSInWinPE', VariableValue: 'true' }),",
      "    applyOperatingSystem('Apply', { ImagePackageID: 'ABC00001', ImageIndex: 0 }),",
      '  ],',
      '});',
      '',
    ].join('\n'),
  );
  const out = join(tmp, 'invalid.xml');
  const r = await tseq('build', file, '-o', out);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`^${escape(file)}:4:17: error TS017 .*\\[step 1 "Set read-only"\\]$`, 'm'));
  assert.match(r.stderr, new RegExp(`^${escape(file)}:5:26: error TS012 ImageIndex is 0`, 'm'));
  assert.equal(existsSync(out), false);
  assert.equal(r.stdout, '');
});

test('build refuses a file that is not a module it can compile, and a missing one', async () => {
  assert.equal((await tseq('build', source('notes.txt', 'hello'))).code, 2);
  const missing = await tseq('build', join(tmp, 'nope.ts'));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.ts: no such file/);
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
