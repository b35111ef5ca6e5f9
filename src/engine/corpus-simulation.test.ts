/**
 * Every corpus document simulates on every example machine profile without an error, and the trace
 * lists every step and group exactly once, in document order. Simulation handlers only: no process
 * runs, so this stays fast.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { corpusDocuments, projectRoot, readCorpusBytes } from '../../test/corpus.js';
import { parseMachineProfile, VariableStore, type MachineProfile } from '../conditions/index.js';
import { sequenceOf, walkSteps, type TaskSequence } from '../model/node.js';
import { readDocument } from '../xml/index.js';
import { E_FAIL } from './core.js';
import { simulationHandlers, type ActionHandler } from './handlers/index.js';
import { compileProgram } from './program.js';
import { runSequence, traceOf } from './runner.js';

const documents = corpusDocuments();
const profileDir = join(projectRoot(), 'examples', 'profiles');
const profiles: { readonly file: string; readonly profile: MachineProfile }[] = readdirSync(profileDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ file: f, profile: parseMachineProfile(JSON.parse(readFileSync(join(profileDir, f), 'utf8')), join(profileDir, f)) }));

/** More starts than this for one step means the run is looping (a retry that never ends). */
const MAX_STARTS_PER_STEP = 10;

test('the corpus and the example profiles are there', () => {
  assert.ok(documents.length >= 150, `expected the corpus's documents, found ${documents.length}`);
  assert.ok(profiles.length >= 1, `expected example profiles in ${profileDir}`);
});

/** Simulates the sequence on one profile and checks the trace; messages name the profile. */
async function check(seq: TaskSequence, file: string, profile: MachineProfile): Promise<void> {
  const { table, fallback } = simulationHandlers({});
  const starts = new Map<number, number>();
  const guard =
    (h: ActionHandler): ActionHandler =>
    (input) => {
      const n = (starts.get(input.index) ?? 0) + 1;
      starts.set(input.index, n);
      if (n > MAX_STARTS_PER_STEP) return { exitCode: E_FAIL, error: `LOOP: step ${input.path} started ${n} times` };
      return h(input);
    };
  let variables = VariableStore.from(Object.entries(profile.variables ?? {}).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v)] as const));
  if (!variables.has('_SMSTSInWinPE')) variables = variables.with('_SMSTSInWinPE', profile.inWinPE ? 'true' : 'false');
  const errors: string[] = [];
  const run = await runSequence({
    program: compileProgram(seq),
    profile,
    variables,
    environment: profile.inWinPE ? 'WinPE' : 'FullOS',
    handlers: Object.fromEntries(Object.entries(table).map(([k, h]) => [k, guard(h)])),
    fallback: guard(fallback),
    workDir: '.',
    stopAtRestart: false,
    log: { write: (_c, message) => void (/^(LOOP|the handler for)/.test(message) && errors.push(message)) },
  });
  assert.deepEqual(errors, [], `${file}: no handler threw and no step looped`);
  const trace = traceOf(run);
  assert.ok(trace.result === 'success' || trace.result === 'failure', `${file}: the run finished (${trace.result})`);
  const visits = [...walkSteps(seq.Steps)];
  const got = trace.steps.map((s) => s.path);
  assert.deepEqual(got, visits.map((v) => v.path), `${file}: every step and group once, in document order`);
  assert.equal(new Set(got).size, got.length, `${file}: no path twice`);
  // Names and classes match the document too, and every step has a decided status.
  trace.steps.forEach((s, i) => {
    assert.equal(s.name, visits[i]!.step.Name, `${file}: name at ${s.path}`);
    assert.equal(s.class, visits[i]!.step.__CLASS, `${file}: class at ${s.path}`);
    assert.ok(['success', 'failure', 'skipped', 'notRun'].includes(s.status), `${file}: status at ${s.path}`);
  });
}

// One test per document (read once), run on every profile.
for (const entry of documents) {
  test(`simulates on every example profile: ${entry.file}`, async () => {
    const { document } = readDocument(readCorpusBytes(entry), { file: entry.file });
    const seq = sequenceOf(document);
    for (const { file, profile } of profiles) await check(seq, file, profile);
  });
}
