import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { tseq } from '../../test/cli-harness.js';
import { cmd, group, sequence, setupWindows, typed } from '../lint/fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'tseq-lint-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const p = join(tmp, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return p;
}

const CLEAN = sequence(cmd('Hello', 'cmd /c echo hello'));
const WARNS = sequence(setupWindows(), typed('Partition', 'SMS_TaskSequence_PartitionDiskAction', { runIn: 'WinPE' }), group('Placeholder'));
const ERRORS = sequence(cmd('Map', 'net use Z: \\\\srv\\share S3cret /user:svc'));

test('lint: a clean file prints nothing and exits 0', async () => {
  const r = await tseq('lint', file('clean/ts.xml', CLEAN));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
});

test('lint: text lines are file:line:col: severity rule-id message (hint); warnings exit 0', async () => {
  const p = file('warn/ts.xml', WARNS);
  const r = await tseq('lint', p);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 2, r.stdout);
  assert.match(lines[0]!, new RegExp(`^${p.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}:4:1: warning unreachable-environment "Partition" \\(2\\) runs only in Windows PE, but only the full OS is possible here: .* \\(.+\\)$`));
  assert.match(lines[1]!, /:5:1: info empty-group the group "Placeholder" \(3\) has no steps \(add the steps/);
});

test('lint: an error-level finding exits 1; several files are all linted', async () => {
  const r = await tseq('lint', file('err/ts.xml', ERRORS), file('warn2/ts.xml', WARNS));
  assert.equal(r.code, 1);
  assert.match(r.stdout, /err\/ts\.xml:3:1: error cleartext-password "Map" \(1\) holds a password in clear text/);
  assert.match(r.stdout, /warn2\/ts\.xml:4:1: warning unreachable-environment/);
  assert.ok(!r.stdout.includes('S3cret'));
});

test('lint: a file that cannot be read or parsed exits 2, and the others are still linted', async () => {
  const r = await tseq('lint', file('bad/ts.xml', '<sequence><group'), join(tmp, 'missing.xml'), file('err2/ts.xml', ERRORS));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /bad\/ts\.xml:1:\d+: XML001/);
  assert.match(r.stderr, /missing\.xml: no such file/);
  assert.match(r.stdout, /err2\/ts\.xml:3:1: error cleartext-password/);
});

test('lint --format json: one object per finding, with the file', async () => {
  const p = file('json/ts.xml', WARNS);
  const r = await tseq('lint', '--format', 'json', p);
  assert.equal(r.code, 0);
  const found = JSON.parse(r.stdout) as { file: string; rule: string; severity: string; line: number; column: number; path: string; stepName: string; hint: string }[];
  assert.deepEqual(found.map((f) => [f.rule, f.severity, f.line, f.path, f.stepName]), [
    ['unreachable-environment', 'warning', 4, '2', 'Partition'],
    ['empty-group', 'info', 5, '3', 'Placeholder'],
  ]);
  assert.ok(found.every((f) => f.file === p && f.hint));
});

test('lint --format sarif: a SARIF 2.1.0 log locating each result at its step, URIs relative to the working folder', async () => {
  const p = file('sarif/ts.xml', sequence(cmd('First', 'x.exe'), group('Placeholder'), cmd('Map', 'net use Z: \\\\srv\\share S3cret /user:svc')));
  const r = await tseq('lint', '--format', 'sarif', p);
  assert.equal(r.code, 1);
  const log = JSON.parse(r.stdout);
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'tseq');
  assert.ok(run.tool.driver.rules.every((rule: { id: string; helpUri: string }) => /^file:\/\/.*\/docs\/rules\/[a-z-]+\.md$/.test(rule.helpUri) && rule.helpUri.endsWith(`${rule.id}.md`)));
  const byRule = Object.fromEntries(run.results.map((x: { ruleId: string }) => [x.ruleId, x]));
  const loc = byRule['cleartext-password'].locations[0].physicalLocation;
  assert.equal(byRule['cleartext-password'].level, 'error');
  assert.deepEqual(loc.region, { startLine: 5, startColumn: 1 });
  assert.equal(byRule['empty-group'].locations[0].physicalLocation.region.startLine, 4);
  const rel = relative(process.cwd(), p);
  if (!rel.startsWith('..')) {
    assert.equal(loc.artifactLocation.uri, rel.split(/[\\/]/).map(encodeURIComponent).join('/'));
    assert.equal(loc.artifactLocation.uriBaseId, 'SRCROOT');
  } else assert.match(loc.artifactLocation.uri, /^file:\/\//);
});

test('lint: the nearest tseq.config.json applies; --config overrides it', async () => {
  const p = file('configured/osd/ts.xml', WARNS);
  writeFileSync(join(tmp, 'configured', 'tseq.config.json'), JSON.stringify({ lint: { rules: { 'empty-group': 'off', 'unreachable-environment': 'error' } } }));
  const r = await tseq('lint', p);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /error unreachable-environment/);
  assert.ok(!r.stdout.includes('empty-group'));
  const other = file('other.json', JSON.stringify({ lint: { rules: { 'unreachable-environment': 'off' } } }));
  const r2 = await tseq('lint', '--config', other, p);
  assert.equal(r2.code, 0);
  assert.match(r2.stdout, /info empty-group/);
  assert.ok(!r2.stdout.includes('unreachable-environment'));
});

test('lint: a bad configuration or format is a usage error (exit 2)', async () => {
  const bad = file('badconfig.json', JSON.stringify({ lint: { rules: { 'empty-group': 'loud' } } }));
  const r = await tseq('lint', '--config', bad, file('c/ts.xml', CLEAN));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /badconfig\.json: LINT001 lint\.rules\["empty-group"\]: the level must be/);
  const found = file('found/tseq.config.json', '{ not json');
  void found;
  const r2 = await tseq('lint', file('found/ts.xml', CLEAN));
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /tseq\.config\.json: LINT001 is not valid JSON/);
  const r3 = await tseq('lint', '--format', 'xml', file('d/ts.xml', CLEAN));
  assert.equal(r3.code, 2);
  assert.match(r3.stderr, /--format must be text, json or sarif/);
});
