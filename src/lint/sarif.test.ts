import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LINT_RULES } from './rules/index.js';
import { toSarif } from './sarif.js';
import { cmd, group, lintXml, sequence } from './fixtures.js';

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string }; helpUri: string; defaultConfiguration: { level: string } }[] } };
    originalUriBaseIds?: Record<string, { uri: string }>;
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: unknown[] }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } } }[];
    }[];
  }[];
}

const XML = sequence(cmd('First', 'x.exe'), group('Placeholder'), cmd('Map', 'net use Z: \\\\srv\\share S3cret /user:svc'));

function sarif(): SarifLog {
  const findings = lintXml(XML);
  return JSON.parse(JSON.stringify(toSarif([{ uri: 'sequences/ts.xml', uriBaseId: 'SRCROOT', findings }], { helpBaseUri: 'https://example.test/tseq/docs/rules/', uriBases: { SRCROOT: 'file:///work/repo/' }, toolVersion: '0.1.0' }))) as SarifLog;
}

test('SARIF 2.1.0: the required fields of the log, the run, the driver and its rules', () => {
  const log = sarif();
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  assert.equal(log.runs.length, 1);
  const { driver } = log.runs[0]!.tool;
  assert.equal(driver.name, 'tseq');
  assert.deepEqual(driver.rules.map((r) => r.id), LINT_RULES.map((r) => r.id));
  for (const r of driver.rules) {
    assert.ok(r.shortDescription.text.length > 0, r.id);
    assert.equal(r.helpUri, `https://example.test/tseq/docs/rules/${r.id}.md`);
    assert.ok(['error', 'warning', 'note'].includes(r.defaultConfiguration.level), r.id);
  }
  assert.equal(driver.rules.find((r) => r.id === 'empty-group')!.defaultConfiguration.level, 'note');
  assert.equal(log.runs[0]!.originalUriBaseIds!['SRCROOT']!.uri, 'file:///work/repo/');
  assert.equal(log.runs[0]!.invocations[0]!.executionSuccessful, true);
});

test('SARIF results: rule, level, message and the line and column of the step or group', () => {
  const log = sarif();
  const results = log.runs[0]!.results;
  const rules = log.runs[0]!.tool.driver.rules;
  const empty = results.find((r) => r.ruleId === 'empty-group')!;
  const password = results.find((r) => r.ruleId === 'cleartext-password')!;
  assert.equal(empty.level, 'note');
  assert.equal(password.level, 'error');
  for (const r of [empty, password]) {
    assert.equal(rules[r.ruleIndex]!.id, r.ruleId);
    assert.ok(r.message.text.length > 0);
    const loc = r.locations[0]!.physicalLocation;
    assert.equal(loc.artifactLocation.uri, 'sequences/ts.xml');
    assert.equal(loc.artifactLocation.uriBaseId, 'SRCROOT');
  }
  // Line 1 is the declaration, 2 <sequence>, then one step per line; columns are 1-based.
  assert.deepEqual(empty.locations[0]!.physicalLocation.region, { startLine: 4, startColumn: 1 });
  assert.deepEqual(password.locations[0]!.physicalLocation.region, { startLine: 5, startColumn: 1 });
  assert.ok(!password.message.text.includes('S3cret'), 'the password is masked');
});

test('SARIF: files that could not be read are notifications and the run is not successful', () => {
  const log = JSON.parse(JSON.stringify(toSarif([], { helpBaseUri: 'file:///x/docs/rules', failures: [{ uri: 'bad.xml', message: 'bad.xml:1:1: XML001 not well-formed' }] }))) as SarifLog;
  assert.equal(log.runs[0]!.invocations[0]!.executionSuccessful, false);
  assert.equal(log.runs[0]!.invocations[0]!.toolExecutionNotifications.length, 1);
  assert.equal(log.runs[0]!.tool.driver.rules[0]!.helpUri, 'file:///x/docs/rules/condition-never-true.md');
  assert.deepEqual(log.runs[0]!.results, []);
});
