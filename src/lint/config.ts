import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { TseqInputError } from '../model/errors.js';
import { LINT_RULES, lintRule } from './rules/index.js';
import { DEFAULT_LINT_CONFIG, SEVERITIES, type LintConfig, type LintSeverity, type OptionSpec, type RuleSetting } from './types.js';

/**
 * The lint section of `tseq.config.json`:
 *
 *   { "lint": { "rules": { "<rule-id>": "off" | "info" | "warning" | "error" | ["warning", { options }] } } }
 *
 * Everything is checked, with an error that names the file, the key and what is allowed (code
 * LINT001, exit 2 in the CLI). The file is found by searching from the linted file's folder upward,
 * or given with `--config`. Parsing is pure; finding and reading the file are the only I/O in the
 * lint layer, and lint.ts does not import this module.
 */
export const CONFIG_FILE_NAME = 'tseq.config.json';

export { DEFAULT_LINT_CONFIG, type LintConfig, type RuleSetting };

const LEVELS = ['off', ...SEVERITIES] as const;

function fail(file: string | undefined, message: string, hint?: string): never {
  throw new TseqInputError('LINT001', message, file ? { file } : {}, hint);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}

/** The nearest of a few names, for "did you mean": at most a third of its letters off. */
function closest(name: string, names: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
      prev = row;
    }
    return prev[b.length]!;
  };
  const best = names.map((n) => ({ n, d: distance(name.toLowerCase(), n) })).sort((a, b) => a.d - b.d)[0];
  return best && best.d <= Math.max(2, Math.floor(name.length / 3)) ? best.n : undefined;
}

function checkOption(file: string | undefined, where: string, name: string, spec: OptionSpec, value: unknown): unknown {
  const bad = (expected: string): never => fail(file, `${where}: option "${name}" must be ${expected}, not ${show(value)}`, spec.description);
  const type = spec.type;
  if (type === 'boolean') return typeof value === 'boolean' ? value : bad('true or false');
  if (type === 'positiveNumber') return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : bad('a number greater than 0');
  if (type === 'ratio') return typeof value === 'number' && value > 0 && value <= 1 ? value : bad('a number greater than 0 and at most 1');
  if (type === 'stringArray') return Array.isArray(value) && value.every((x) => typeof x === 'string') ? value : bad('an array of strings');
  return typeof value === 'string' && type.oneOf.includes(value) ? value : bad(`one of ${type.oneOf.map((x) => `"${x}"`).join(', ')}`);
}

function parseRuleSetting(file: string | undefined, id: string, value: unknown): RuleSetting {
  const where = `lint.rules["${id}"]`;
  const rule = lintRule(id);
  if (!rule) {
    const guess = closest(id, LINT_RULES.map((r) => r.id));
    fail(file, `${where}: there is no lint rule "${id}"${guess ? `; did you mean "${guess}"?` : ''}`, `the rules: ${LINT_RULES.map((r) => r.id).join(', ')}`);
  }
  const level = (v: unknown): LintSeverity | 'off' => {
    if (typeof v === 'string' && (LEVELS as readonly string[]).includes(v)) return v as LintSeverity | 'off';
    return fail(file, `${where}: the level must be "off", "info", "warning" or "error", not ${show(v)}`);
  };
  if (typeof value === 'string') return { severity: level(value), options: {} };
  if (!Array.isArray(value) || value.length < 1 || value.length > 2) {
    fail(file, `${where}: expected a level ("off", "info", "warning", "error") or [level, { options }], not ${show(value)}`);
  }
  const severity = level(value[0]);
  const given = value[1] ?? {};
  if (!isPlainObject(given)) fail(file, `${where}: the options (second item) must be an object, not ${show(given)}`);
  const specs = (rule.options ?? {}) as Record<string, OptionSpec>;
  const options: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(given)) {
    const spec = specs[name];
    if (!spec) {
      const known = Object.keys(specs);
      fail(file, `${where}: the rule has no option "${name}"`, known.length ? `its options: ${known.join(', ')}` : 'it takes no options');
    }
    options[name] = checkOption(file, where, name, spec, v);
  }
  return { severity, options };
}

/** Checks a parsed config file and returns the lint settings; throws TseqInputError (LINT001) on anything wrong. */
export function parseLintConfig(json: unknown, file?: string): LintConfig {
  if (!isPlainObject(json)) fail(file, `the configuration must be a JSON object, not ${show(json)}`);
  for (const key of Object.keys(json)) {
    if (key !== 'lint' && key !== '$schema') fail(file, `unknown key "${key}" at the top level; expected "lint"`);
  }
  const lint = json['lint'];
  if (lint === undefined) return { rules: new Map(), ...(file ? { source: file } : {}) };
  if (!isPlainObject(lint)) fail(file, `"lint" must be an object, not ${show(lint)}`);
  for (const key of Object.keys(lint)) if (key !== 'rules') fail(file, `unknown key "lint.${key}"; expected "lint.rules"`);
  const rules = lint['rules'] ?? {};
  if (!isPlainObject(rules)) fail(file, `"lint.rules" must be an object of rule ids, not ${show(rules)}`);
  const out = new Map<string, RuleSetting>();
  for (const [id, value] of Object.entries(rules)) out.set(id, parseRuleSetting(file, id, value));
  return { rules: out, ...(file ? { source: file } : {}) };
}

/** Parses the text of a config file. */
export function parseLintConfigText(text: string, file?: string): LintConfig {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    fail(file, `is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseLintConfig(json, file);
}

/** Reads and checks a config file. */
export function loadLintConfig(path: string): LintConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(path, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? String(e)})`);
  }
  return parseLintConfigText(text, path);
}

/** The nearest tseq.config.json in `dir` or a folder above it. */
export function findLintConfig(dir: string): string | undefined {
  let at = resolve(dir);
  for (;;) {
    const candidate = join(at, CONFIG_FILE_NAME);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    const up = dirname(at);
    if (up === at) return undefined;
    at = up;
  }
}

/** The config for a linted file: the one given, else the nearest above the file, else the defaults. */
export function lintConfigFor(file: string, given?: LintConfig, cache: Map<string, LintConfig> = new Map()): LintConfig {
  if (given) return given;
  const found = findLintConfig(dirname(resolve(file)));
  if (!found) return DEFAULT_LINT_CONFIG;
  let config = cache.get(found);
  if (!config) {
    config = loadLintConfig(found);
    cache.set(found, config);
  }
  return config;
}
