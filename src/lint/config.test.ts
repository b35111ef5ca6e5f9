import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { TseqInputError } from '../model/errors.js';
import { findLintConfig, lintConfigFor, loadLintConfig, parseLintConfig, parseLintConfigText } from './config.js';
import { cmd, condition, group, lintXml, sequence, v } from './fixtures.js';

const XML = sequence(group('Empty'), cmd('A', 'x', { cond: condition(v('Model', 'like', 'Latitude')) }));

test('no config: every rule at its default severity', () => {
  const rules = lintXml(XML).map((f) => `${f.rule}:${f.severity}`);
  assert.ok(rules.includes('empty-group:info'));
  assert.ok(rules.includes('like-without-wildcard:info'));
});

test('"off" turns a rule off', () => {
  const found = lintXml(XML, { rules: { 'empty-group': 'off' } });
  assert.ok(!found.some((f) => f.rule === 'empty-group'));
  assert.ok(found.some((f) => f.rule === 'like-without-wildcard'));
});

test('a level changes the severity of every finding of the rule', () => {
  const found = lintXml(XML, { rules: { 'empty-group': 'error', 'like-without-wildcard': ['warning', {}] } });
  assert.equal(found.find((f) => f.rule === 'empty-group')!.severity, 'error');
  assert.equal(found.find((f) => f.rule === 'like-without-wildcard')!.severity, 'warning');
});

test('options reach the rule', () => {
  const found = lintXml(XML, { rules: { 'empty-group': ['info', { allow: ['Emp*'] }] } });
  assert.ok(!found.some((f) => f.rule === 'empty-group'));
});

/** The error a bad config gives: code LINT001, the file, and a message naming the key. */
function configError(json: unknown): TseqInputError {
  try {
    parseLintConfig(json, 'tseq.config.json');
  } catch (e) {
    assert.ok(e instanceof TseqInputError, String(e));
    assert.equal(e.code, 'LINT001');
    assert.equal(e.location.file, 'tseq.config.json');
    return e;
  }
  assert.fail(`accepted ${JSON.stringify(json)}`);
}

test('bad configurations are refused with a clear error', () => {
  assert.match(configError([]).message, /must be a JSON object/);
  assert.match(configError({ lnit: {} }).message, /unknown key "lnit"/);
  assert.match(configError({ lint: { rule: {} } }).message, /unknown key "lint.rule"/);
  assert.match(configError({ lint: { rules: [] } }).message, /"lint.rules" must be an object/);
  const unknown = configError({ lint: { rules: { 'empty-groups': 'off' } } });
  assert.match(unknown.message, /no lint rule "empty-groups"; did you mean "empty-group"\?/);
  assert.match(unknown.hint ?? '', /condition-never-true/);
  assert.match(configError({ lint: { rules: { 'empty-group': 'warn' } } }).message, /lint.rules\["empty-group"\]: the level must be "off", "info", "warning" or "error", not "warn"/);
  assert.match(configError({ lint: { rules: { 'empty-group': ['warning', 'x'] } } }).message, /options \(second item\) must be an object/);
  assert.match(configError({ lint: { rules: { 'empty-group': ['warning', {}, 1] } } }).message, /expected a level/);
  assert.match(configError({ lint: { rules: { 'empty-group': ['warning', { alow: [] }] } } }).message, /no option "alow"/);
  assert.match(configError({ lint: { rules: { 'sequence-size': ['warning', { maxBytes: 'big' }] } } }).message, /option "maxBytes" must be a number greater than 0, not "big"/);
  assert.match(configError({ lint: { rules: { 'sequence-size': ['warning', { warnRatio: 1.5 }] } } }).message, /at most 1/);
  assert.match(configError({ lint: { rules: { 'unreachable-environment': ['warning', { start: 'PXE' }] } } }).message, /one of "any", "WinPE", "FullOS"/);
  assert.match(configError({ lint: { rules: { 'cleartext-password': ['error', { x: 1 }] } } }).hint ?? '', /takes no options/);
  assert.throws(() => parseLintConfigText('{ "lint": ', 'tseq.config.json'), /LINT001|not valid JSON/);
  assert.match((() => { try { parseLintConfigText('{ "lint": ', 'c.json'); } catch (e) { return (e as TseqInputError).format(); } return ''; })(), /^c\.json: LINT001 is not valid JSON/);
});

test('a good configuration is accepted whole', () => {
  const c = parseLintConfig({ $schema: 'x', lint: { rules: { 'empty-group': 'off', 'sequence-size': ['error', { maxBytes: 1000, warnRatio: 0.5 }] } } });
  assert.equal(c.rules.get('empty-group')!.severity, 'off');
  assert.deepEqual(c.rules.get('sequence-size'), { severity: 'error', options: { maxBytes: 1000, warnRatio: 0.5 } });
  assert.equal(parseLintConfig({}).rules.size, 0);
});

const tmp = mkdtempSync(join(tmpdir(), 'tseq-lint-config-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

test('the config is found from the linted file\'s folder upward', () => {
  const root = join(tmp, 'repo');
  const deep = join(root, 'sequences', 'osd');
  mkdirSync(deep, { recursive: true });
  writeFileSync(join(root, 'tseq.config.json'), JSON.stringify({ lint: { rules: { 'empty-group': 'off' } } }));
  assert.equal(findLintConfig(deep), join(root, 'tseq.config.json'));
  const config = lintConfigFor(join(deep, 'ts.xml'));
  assert.equal(config.rules.get('empty-group')!.severity, 'off');
  assert.equal(config.source, join(root, 'tseq.config.json'));
  // A nearer one wins.
  writeFileSync(join(deep, 'tseq.config.json'), JSON.stringify({ lint: { rules: { 'empty-group': 'error' } } }));
  assert.equal(lintConfigFor(join(deep, 'ts.xml')).rules.get('empty-group')!.severity, 'error');
  // A given one wins over both.
  const given = parseLintConfig({ lint: { rules: { 'empty-group': 'warning' } } });
  assert.equal(lintConfigFor(join(deep, 'ts.xml'), given), given);
});

test('a config file that cannot be read or parsed is an input error', () => {
  assert.throws(() => loadLintConfig(join(tmp, 'missing.json')), (e: unknown) => e instanceof TseqInputError && /no such file/.test(e.message));
  const bad = join(tmp, 'bad.json');
  writeFileSync(bad, '{ "lint": { "rules": { "nope": "off" } } }');
  assert.throws(() => loadLintConfig(bad), (e: unknown) => e instanceof TseqInputError && e.location.file === bad && /no lint rule "nope"/.test(e.message));
});
