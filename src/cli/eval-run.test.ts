import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tseq } from '../../test/cli-harness.js';
import { corpusDocuments, projectRoot } from '../../test/corpus.js';

const tmp = mkdtempSync(join(tmpdir(), 'tseq-eval-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const root = projectRoot();
const example = join(root, 'examples', 'windows-11-deployment.xml');
const profiles = readdirSync(join(root, 'examples', 'profiles')).filter((f) => f.endsWith('.json')).map((f) => join(root, 'examples', 'profiles', f));

function write(name: string, content: string): string {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}

const LATITUDE = write('latitude.json', JSON.stringify({ name: 'Latitude', variables: { IsLaptop: 'True' }, wmi: { 'root\\cimv2': { Win32_ComputerSystem: [{ Manufacturer: 'Dell Inc.', Model: 'Latitude 7440' }] } } }));

test('eval: each step with its decision and the reason', async () => {
  const r = await tseq('eval', example, '--profile', LATITUDE);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /2\/3 {2}Install Dell drivers {2}\(Run Command Line\) {2}runs/);
  assert.match(r.stdout, /2\/1 {2}Partition Disk 0 - UEFI .* skipped: _SMSTSBootUEFI = "true" is false \(_SMSTSBootUEFI is not set\)/);
  const withVar = await tseq('eval', example, '--profile', LATITUDE, '--var', '_SMSTSInWinPE=true');
  assert.match(withVar.stdout, /1 {2}Capture and prepare {2}\(group\) {2}skipped: _SMSTSInWinPE = "false" is false/);
  assert.match(withVar.stdout, /1\/1 {2}Check Readiness .* skipped: its group is skipped/);
});

test('eval --json: steps in document order, groups included, with decision, reason and trace', async () => {
  const r = await tseq('eval', example, '--profile', LATITUDE, '--json');
  const { steps } = JSON.parse(r.stdout);
  assert.deepEqual(steps.map((s: { path: string }) => s.path), ['1', '1/1', '1/2', '2', '2/1', '2/2', '2/3', '2/4']);
  const uefi = steps[4];
  assert.equal(uefi.decision, 'skip');
  assert.equal(uefi.reason, 'condition');
  assert.equal(uefi.trace.result, false);
  assert.equal(uefi.trace.children[0].inputs.variable, '_SMSTSBootUEFI');
  assert.equal(steps[6].decision, 'run');
  assert.equal(steps[6].trace.children[0].inputs.matchedCount, 1);
  assert.equal(steps[1].reason, null);
});

test('eval refuses a bad profile with its place, and bad --var, with exit 2', async () => {
  const bad = write('bad.json', JSON.stringify({ name: 'x', registry: { 'HKLM\\X': { V: { type: 'REG_FOO', data: 1 } } }, colour: 'red' }));
  const r = await tseq('eval', example, '--profile', bad);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /PRF001 .*unknown key "colour"/);
  assert.match(r.stderr, /\/registry\//);
  assert.equal((await tseq('eval', example, '--profile', write('notjson.json', '{'))).code, 2);
  assert.equal((await tseq('eval', example, '--profile', LATITUDE, '--var', 'no equals')).code, 2);
  assert.equal((await tseq('eval', example)).code, 2);
});

test('every corpus document evaluates against each example profile', async () => {
  assert.ok(profiles.length >= 3, 'the example profiles are there');
  for (const entry of corpusDocuments()) {
    for (const profile of profiles) {
      const r = await tseq('eval', entry.path, '--profile', profile, '--json');
      assert.equal(r.code, 0, `${entry.file} on ${profile}: ${r.stderr}`);
      assert.ok(JSON.parse(r.stdout).steps.length > 0 || entry.steps + entry.groups === 0);
    }
  }
});

test('run --simulate: outcomes by name and path, exit 1 on failure, --json shape', async () => {
  const outcomes = write('outcomes.json', JSON.stringify({ 'Install Dell drivers': 5, '2/4': 3 }));
  const r = await tseq('run', example, '--simulate', '--profile', LATITUDE, '--outcomes', outcomes, '--json');
  assert.equal(r.code, 1, r.stderr);
  const t = JSON.parse(r.stdout);
  assert.equal(t.result, 'failure');
  const byPath = Object.fromEntries(t.steps.map((s: { path: string }) => [s.path, s]));
  assert.deepEqual({ status: byPath['2/3'].status, exitCode: byPath['2/3'].exitCode, continued: byPath['2/3'].continued }, { status: 'failure', exitCode: 5, continued: true });
  assert.deepEqual({ status: byPath['2/4'].status, exitCode: byPath['2/4'].exitCode, continued: byPath['2/4'].continued }, { status: 'failure', exitCode: 3, continued: false });
  assert.equal(byPath['2'].status, 'failure');
  assert.equal(t.variables._SMSTSLastActionRetCode, '3');
  const ok = await tseq('run', example, '--simulate', '--profile', LATITUDE, '--json');
  assert.equal(ok.code, 0);
  assert.equal(JSON.parse(ok.stdout).variables.DeployedBy, 'tseq example');
});

test('run: bad input exits 2 with one line', async () => {
  assert.equal((await tseq('run', example)).code, 2);
  assert.equal((await tseq('run', example, '--simulate')).code, 2);
  const r = await tseq('run', example, '--simulate', '--profile', LATITUDE, '--outcomes', write('o.json', '{"x": "one"}'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /RUN001 outcome for "x" must be a whole number/);
  assert.equal((await tseq('run', '--state', join(tmp, 'no-such-state'))).code, 2);
});
