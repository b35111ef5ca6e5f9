import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tseq } from '../../test/cli-harness.js';
import { corpusDocuments, corpusInvalidFiles, projectRoot } from '../../test/corpus.js';

const tmp = mkdtempSync(join(tmpdir(), 'tseq-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const SAMPLE = `<?xml version="1.0"?>
<sequence version="3.10">
  <group name="Prepare" description="">
    <condition><expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">like</variable><variable name="Value">*Latitude*</variable><variable name="Variable">Model</variable></expression>
      <operator type="or">
        <expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">equals</variable><variable name="Value">1</variable><variable name="Variable">X</variable></expression>
        <expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">exists</variable><variable name="Variable">Y</variable></expression>
      </operator>
    </condition>
    <step type="SMS_TaskSequence_RunCommandLineAction" name="Echo" description="" disable="true" continueOnError="true" runIn="WinPEandFullOS" successCodeList="0 3010"><action>smsswd.exe /run: cmd /c echo hi</action><defaultVarList><variable name="CommandLine" property="CommandLine" hidden="true">cmd /c echo hi</variable></defaultVarList></step>
  </group>
</sequence>`;

function sample(name = 'sample.xml', content = SAMPLE): string {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}

test('show prints the numbered tree with marks and one-line conditions', async () => {
  const r = await tseq('show', sample());
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^1 {2}Prepare {2}\(group\)$/m);
  assert.match(r.stdout, /if Model like "\*Latitude\*" and \(X = 1 or Y exists\)/);
  assert.match(r.stdout, /1\/1 {2}Echo {2}\(Run Command Line\) \[disabled\] \[continue on error\]/);
});

test('a step without a name is shown as "(no name)" by show and run, and validate reports it', async () => {
  const file = sample('nameless.xml', '<sequence version="3.00"><group name="g"><step><action>cmd /c echo</action></step></group></sequence>');
  const shown = await tseq('show', file);
  assert.equal(shown.code, 0);
  assert.match(shown.stdout, /^ {2}1\/1 {2}\(no name\) {2}\(Run Command Line\)$/m);
  assert.doesNotMatch(shown.stdout, /undefined/);
  const run = await tseq('run', '--simulate', '--profile', join(projectRoot(), 'examples/profiles/desktop-fullos.json'), file);
  assert.doesNotMatch(run.stdout, /undefined/);
  assert.match(run.stdout, /\(no name\)/);
  const validated = await tseq('validate', file);
  assert.equal(validated.code, 1);
  assert.match(validated.stdout, /TS002 Name is required/);
});

test('every command takes a sequence nested as deep as the reader allows (250 groups) without running out of stack', async () => {
  const depth = 250;
  const file = sample('deep.xml', `<sequence version="3.00">${'<group name="g">'.repeat(depth)}<step name="s"><action>x</action></step>${'</group>'.repeat(depth)}</sequence>`);
  const profile = join(projectRoot(), 'examples/profiles/desktop-fullos.json');
  for (const args of [['show'], ['show', '--json'], ['validate'], ['fmt'], ['lint'], ['doc'], ['doc', '--format', 'html'], ['eval', '--profile', profile], ['run', '--simulate', '--profile', profile], ['diff', file]]) {
    const r = await tseq(...args, file);
    assert.equal(r.stderr, '', `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.code, 0, args.join(' '));
  }
});

test('show --json names classes in __CLASS, children in Steps, Condition and Operands', async () => {
  const r = await tseq('show', '--json', sample());
  const m = JSON.parse(r.stdout);
  assert.equal(m.__CLASS, 'SMS_TaskSequence');
  assert.equal(m.Steps[0].__CLASS, 'SMS_TaskSequence_Group');
  assert.equal(m.Steps[0].Condition.Operands[1].OperatorType, 'or');
  assert.equal(m.Steps[0].Steps[0].CommandLine, 'cmd /c echo hi');
  assert.equal(m.Steps[0].Steps[0].Enabled, false);
});

/** What check-corpus counts: <step> + <subtasksequence>, and <group>, in the file's text. */
function countInFile(path: string): [number, number] {
  const raw = readFileSync(path);
  let text = raw[0] === 0xff || raw[0] === 0xfe ? raw.toString('utf16le') : raw.toString('utf8');
  if (text.slice(0, 300).includes('<INSTANCE')) text = text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return [(text.match(/<(?:step|subtasksequence)[\s>/]/g) ?? []).length, (text.match(/<group[\s>/]/g) ?? []).length];
}

function countInModel(json: unknown): [number, number] {
  const got: [number, number] = [0, 0];
  const walk = (o: unknown): void => {
    if (Array.isArray(o)) o.forEach(walk);
    else if (o && typeof o === 'object') {
      for (const [k, v] of Object.entries(o)) {
        if (k === 'Steps' && Array.isArray(v)) for (const s of v) got[(s as { __CLASS?: string }).__CLASS === 'SMS_TaskSequence_Group' ? 1 : 0]++;
        walk(v);
      }
    }
  };
  walk(json);
  return got;
}

test('show --json holds every step and group of every corpus document', async () => {
  for (const entry of corpusDocuments()) {
    const r = await tseq('show', '--json', entry.path);
    assert.equal(r.code, 0, `${entry.file}: ${r.stderr}`);
    assert.deepEqual(countInModel(JSON.parse(r.stdout)), countInFile(entry.path), entry.file);
  }
});

test('fmt prints canonical XML; --check and --write agree', async () => {
  const file = sample('fmt.xml');
  const printed = await tseq('fmt', file);
  assert.equal(printed.code, 0);
  assert.ok(printed.stdout.includes('\r\n  <group name="Prepare" description="">'));
  const check = await tseq('fmt', '--check', file);
  assert.equal(check.code, 1);
  assert.match(check.stderr, /not in canonical form/);
  const write = await tseq('fmt', '--write', file);
  assert.equal(write.code, 0);
  assert.equal(readFileSync(file, 'utf8'), printed.stdout);
  assert.equal((await tseq('fmt', '--check', file)).code, 0);
  // fmt of fmt is fmt
  assert.equal((await tseq('fmt', file)).stdout, printed.stdout);
});

test('fmt --eol lf, --encoding utf-16le and --extract', async () => {
  const lf = await tseq('fmt', '--eol', 'lf', sample());
  assert.ok(!lf.stdout.includes('\r'));
  const u16 = await tseq('fmt', '--encoding', 'utf-16le', sample());
  assert.deepEqual([...u16.stdoutBytes.subarray(0, 2)], [0xff, 0xfe]);
  assert.match(u16.stdoutBytes.toString('utf16le'), /encoding="utf-16"/);
  const obj = corpusDocuments().find((e) => e.kind === 'configmgr-zip-extract')!;
  const ex = await tseq('fmt', '--extract', obj.path);
  assert.match(ex.stdout, /^<sequence /);
  assert.equal((await tseq('fmt', '--eol', 'cr', sample())).code, 2);
});

test('fmt --write on a broken file leaves it untouched', async () => {
  const broken = sample('broken.xml', SAMPLE.slice(0, 200));
  const r = await tseq('fmt', '--write', broken);
  assert.equal(r.code, 2);
  assert.equal(readFileSync(broken, 'utf8'), SAMPLE.slice(0, 200));
});

test('validate prints file:line:col: severity code message and exits by severity', async () => {
  const bad = sample('bad.xml', '<sequence version="3.10">\n  <step type="SMS_TaskSequence_RunCommandLineAction" name="A" timeout="ten" successCodeList="0,3010" runIn="Anywhere"><action>x</action></step>\n  <step type="SMS_TaskSequence_SetVariableAction" name="A"><defaultVarList><variable name="VariableName" property="VariableName">_SMSTSX</variable></defaultVarList></step>\n</sequence>');
  const r = await tseq('validate', bad);
  assert.equal(r.code, 1);
  const lines = r.stdout.trim().split('\n');
  const codes = lines.map((l) => / (error|warning) (TS\d+) /.exec(l)?.[2]).sort();
  assert.deepEqual(codes, ['TS003', 'TS004', 'TS005', 'TS008', 'TS017']);
  assert.match(r.stdout, new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:3: error TS004 `, 'm'));
  const json = JSON.parse((await tseq('validate', '--json', bad)).stdout);
  assert.ok(json.every((d: { file: string; code: string; line: number }) => d.file === bad && d.code && d.line >= 2));
  assert.equal((await tseq('validate', sample())).code, 0);
});

test('validate exits 2 when a file cannot be read or parsed, and still reports the others', async () => {
  const r = await tseq('validate', sample(), join(tmp, 'missing.xml'), sample('trunc.xml', '<sequence><group>'));
  assert.equal(r.code, 2);
  assert.match(r.stdout, /missing\.xml:1:1: error IO001 no such file/);
  assert.match(r.stdout, /trunc\.xml:1:\d+: error XML001 /);
});

test('usage errors exit 2; --help exits 0', async () => {
  assert.equal((await tseq('frobnicate')).code, 2);
  assert.equal((await tseq('show')).code, 2);
  assert.equal((await tseq('show', '--help')).code, 0);
  assert.equal((await tseq('--help')).code, 0);
});

test('every broken corpus file: exit 2, one clear line, no stack trace (real process)', () => {
  const bin = join(projectRoot(), 'bin', 'tseq.js');
  for (const file of [...corpusInvalidFiles(), join(tmp, 'nope.xml')]) {
    for (const command of ['show', 'fmt', 'validate']) {
      const r = spawnSync(process.execPath, [bin, command, file], { encoding: 'utf8' });
      assert.equal(r.status, 2, `${command} ${file}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /\n\s+at |node:internal/, 'no stack trace');
      if (command !== 'validate') assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  }
});
