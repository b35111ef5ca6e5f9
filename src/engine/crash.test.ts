/**
 * The crash test: a real run (`tseq run FILE --state DIR`, a child process) of a generated 200-step
 * sequence is killed with SIGKILL at random instants and resumed (`tseq run --state DIR`) until it
 * finishes. The journal must make every kill harmless:
 *
 *  - a step whose completion was journaled never runs again; only a step in flight at a kill (its
 *    `stepStart` is the last intact journal record, appended by the killed process) runs again, once
 *    per such kill — so each step's journaled starts are exactly 1 + its in-flight kills;
 *  - every step that ran in an uninterrupted run leaves its number in ran.txt at least once and at
 *    most as many times as it started;
 *  - no resume errors; the final trace.json has the uninterrupted run's step statuses and variables.
 *
 * The kill instants come from a seeded PRNG and are spread over the whole run: the uninterrupted
 * run is timed first (both its processes: up to the Restart Computer step's exit 3, then the resume
 * to the end), and each trial draws its kill points uniformly over that timeline. Every kill is
 * classified from the journal as before the restart, during it (the restart step completed, no step
 * started after it yet) or after it, and the test insists that every phase was hit.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { projectRoot } from '../../test/corpus.js';
import { readJournal } from './journal/index.js';
import { seededRandom as prng, escapeXml as esc } from '../../test/seeded-random.js';

// ---------------------------------------------------------------------------------------------
// The sequence.



function variableCondition(variable: string, operator: string, value: string): string {
  return `<condition><expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">${operator}</variable><variable name="Value">${esc(value)}</variable><variable name="Variable">${variable}</variable></expression></condition>`;
}

interface GeneratedSequence {
  readonly xml: string;
  /** Instruction indexes of the steps that append their number to ran.txt. */
  readonly commandSteps: ReadonlySet<number>;
  readonly rebootIndex: number;
  readonly stepCount: number;
}

/**
 * 200 steps in nested groups. Every command step appends its instruction index to $TSEQ_CRASH_RAN
 * with one `echo N >> file` (a single O_APPEND write, so lines never tear). Some also set V<i>=done
 * through $TSEQ_ENV_FILE; Set Task Sequence Variable steps set W<i> = `%V<j>%-x` from an earlier V;
 * a few steps and one group carry conditions on those variables (some true, some false); one step
 * fails with continue on error; a Restart Computer step sits in the middle (not under a false condition).
 */
function generateSequence(seed: number, total = 200): GeneratedSequence {
  const rnd = prng(seed);
  const commandSteps = new Set<number>();
  let index = 0; // the next instruction index (groups take one too, in document order)
  let steps = 0;
  let rebootIndex = -1;
  let lastV: number | undefined;
  let lastW: number | undefined;
  let groupConditions = 0;

  const step = (): string => {
    const i = index++;
    steps++;
    const n = steps;
    const name = `s${i}`;
    if (n === Math.floor(total / 2)) {
      rebootIndex = i;
      return `<step type="SMS_TaskSequence_RebootAction" name="${name}"><defaultVarList><variable name="SMSRebootMessage" property="Message"></variable><variable name="SMSRebootTarget" property="Target">HD</variable></defaultVarList></step>`;
    }
    if (n % 11 === 0 && lastV !== undefined) {
      lastW = i;
      return `<step type="SMS_TaskSequence_SetVariableAction" name="${name}"><defaultVarList><variable name="VariableName" property="VariableName">W${i}</variable><variable name="VariableValue" property="VariableValue">%V${lastV}%-x</variable></defaultVarList></step>`;
    }
    let condition = '';
    if (n % 23 === 0 && lastW !== undefined) condition = variableCondition(`W${lastW}`, 'equals', 'done-x'); // true
    else if (n % 29 === 0 && lastV !== undefined) condition = variableCondition(`V${lastV}`, 'equals', 'not-done'); // false: skipped
    else if (n % 31 === 0) condition = variableCondition(`V${i}`, 'exists', ''); // false: set only by this very step
    let command = `echo ${i} >> "$TSEQ_CRASH_RAN"`;
    let attrs = '';
    if (n % 7 === 0) {
      command += `; echo V${i}=done >> "$TSEQ_ENV_FILE"`;
      lastV = i;
    }
    if (n === 78) {
      command += '; exit 3'; // not a success code: fails, swallowed by continue on error
      attrs = ' continueOnError="true"';
    }
    if (!condition.includes('not-done') && !condition.includes('exists')) commandSteps.add(i);
    if (rnd() < 0.5) return `<step name="${name}"${attrs}>${condition}<action>${esc(command)}</action></step>`;
    return `<step type="SMS_TaskSequence_RunCommandLineAction" name="${name}"${attrs}>${condition}<action>smsswd.exe /run: ${esc(command)}</action><defaultVarList><variable name="CommandLine" property="CommandLine">${esc(command)}</variable></defaultVarList></step>`;
  };

  const fill = (depth: number, budget: number): string => {
    let out = '';
    let left = budget;
    while (left > 0) {
      if (depth < 4 && left >= 4 && rnd() < 0.18) {
        const size = Math.min(left, 3 + Math.floor(rnd() * 10));
        const g = index++;
        let condition = '';
        // One group, after the restart, under a false condition: it and all its steps are skipped.
        if (steps > total * 0.7 && groupConditions === 0 && lastV !== undefined) {
          condition = variableCondition(`V${lastV}`, 'notEquals', 'done');
          groupConditions++;
        } else if (steps > total * 0.3 && groupConditions === 0 && lastW !== undefined && rnd() < 0.3) {
          condition = variableCondition(`W${lastW}`, 'equals', 'done-x'); // true
        }
        const skipped = condition.includes('notEquals');
        const before = new Set(commandSteps);
        const inner = fill(depth + 1, size);
        if (skipped) {
          for (const i of commandSteps) if (!before.has(i)) commandSteps.delete(i);
          if (rebootIndex > g) throw new Error('generator: the restart step ended up in a skipped group');
        }
        out += `<group name="g${g}">${condition}${inner}</group>`;
        left -= size;
      } else {
        out += step();
        left--;
      }
    }
    return out;
  };

  const body = fill(0, total);
  if (rebootIndex < 0) throw new Error('generator: no restart step');
  return { xml: `<?xml version="1.0"?>\n<sequence version="3.10">${body}</sequence>\n`, commandSteps, rebootIndex, stepCount: steps };
}

// ---------------------------------------------------------------------------------------------
// Running tseq as a child process.

const root = projectRoot();
const BIN = join(root, 'bin', 'tseq.js');
const tmp = mkdtempSync(join(tmpdir(), 'tseq-crash-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly ms: number;
  readonly stderr: string;
  /** The SIGKILL was sent and the process died of it (not: it had already exited on its own). */
  readonly killed: boolean;
}

/** Runs `node bin/tseq.js ...args`, killing it with SIGKILL after `killAfterMs` if it is still running. */
function tseq(args: readonly string[], ranFile: string, killAfterMs?: number): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TSEQ_CRASH_RAN: ranFile } });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    let sent = false;
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => {
      sent = child.kill('SIGKILL');
    }, killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, ms: performance.now() - t0, stderr, killed: sent && signal === 'SIGKILL' });
    });
  });
}

interface Trace {
  readonly result: string;
  readonly steps: readonly { readonly name: string; readonly status: string; readonly reason: string | null }[];
  readonly variables: Readonly<Record<string, string>>;
}

type Rec = { t: 'stepStart'; i: number } | { t: 'event'; e: { type: string; index?: number } };

function journalOf(dir: string): Rec[] {
  return readJournal(join(dir, 'journal.jsonl')).records as Rec[];
}

/** The trace with the state directory's own path (in _SMSTSLogPath …) replaced, so runs in different directories compare. */
function normalisedTrace(dir: string): Trace {
  const raw = readFileSync(join(dir, 'trace.json'), 'utf8');
  return JSON.parse(raw.split(JSON.stringify(dir).slice(1, -1)).join('<STATE>')) as Trace;
}

function ranCounts(file: string): Map<number, number> {
  const counts = new Map<number, number>();
  if (!existsSync(file)) return counts;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    assert.match(line, /^\d+$/, `ran.txt holds a torn or foreign line: ${JSON.stringify(line)}`);
    counts.set(Number(line), (counts.get(Number(line)) ?? 0) + 1);
  }
  return counts;
}

function startsAndCompletions(records: readonly Rec[]): { starts: Map<number, number>; completions: Map<number, number> } {
  const starts = new Map<number, number>();
  const completions = new Map<number, number>();
  for (const r of records) {
    if (r.t === 'stepStart') starts.set(r.i, (starts.get(r.i) ?? 0) + 1);
    else if (r.e.type === 'stepCompleted') completions.set(r.e.index!, (completions.get(r.e.index!) ?? 0) + 1);
  }
  return { starts, completions };
}

type Phase = 'before' | 'during' | 'after';

/** Where in the run the journal says a kill landed, relative to the restart step at `reboot`. */
function phaseOf(records: readonly Rec[], reboot: number): Phase {
  const done = records.findIndex((r) => r.t === 'event' && r.e.type === 'stepCompleted' && r.e.index === reboot);
  if (done < 0) return 'before';
  return records.slice(done + 1).some((r) => r.t === 'stepStart') ? 'after' : 'during';
}

// ---------------------------------------------------------------------------------------------
// The test.

const SEED = 0x7e5e9;
const TARGET_KILLS = 50;
/** The whole test should take about this long; the number of state directories (trials) is sized to it. */
const BUDGET_MS = 90_000;
const MAX_TRIALS = 5;
/** Under CI, when 50 kills cannot fit, no fewer than this (the phases are then made sure of separately). */
const MIN_KILLS = 12;
const PHASES = ['before', 'during', 'after'] as const;

test('a real run killed with SIGKILL at 50 random instants resumes to the uninterrupted result', { timeout: 900_000 }, async () => {
  const started = performance.now();
  const seq = generateSequence(SEED);
  assert.equal(seq.stepCount, 200);
  const seqFile = join(tmp, 'seq.xml');
  writeFileSync(seqFile, seq.xml);

  // The uninterrupted run: its duration (both processes) and its result.
  const baseDir = join(tmp, 'baseline');
  const baseRan = join(tmp, 'baseline-ran.txt');
  const p1 = await tseq(['run', seqFile, '--state', baseDir], baseRan);
  assert.equal(p1.code, 3, `the first process stops for the restart (exit 3): ${p1.stderr}`);
  const p2 = await tseq(['run', '--state', baseDir], baseRan);
  assert.equal(p2.code, 0, `the resume after the restart finishes (exit 0): ${p2.stderr}`);
  const idle = await tseq(['run', '--state', baseDir], baseRan);
  assert.equal(idle.code, 0, 'a finished run resumed again exits as it ended');
  const T1 = p1.ms;
  const T2 = p2.ms;
  const T = T1 + T2;
  /** What a resume pays before it gets anywhere: start-up, journal replay, trace. */
  const S = idle.ms;
  const baseTrace = normalisedTrace(baseDir);
  assert.equal(baseTrace.result, 'success');
  baseTrace.steps.forEach((s, i) => assert.match(s.name, new RegExp(`^[gs]${i}$`), 'instruction indexes match the generator'));
  const base = startsAndCompletions(journalOf(baseDir));
  const baseRanCounts = ranCounts(baseRan);
  const sorted = (xs: Iterable<number>): number[] => [...xs].sort((a, b) => a - b);
  assert.deepEqual(sorted(baseRanCounts.keys()), sorted(seq.commandSteps), 'the uninterrupted run runs every command step not under a false condition');
  for (const [i, n] of baseRanCounts) assert.equal(n, 1, `step ${i} ran once in the uninterrupted run`);
  for (const [i, n] of base.starts) assert.equal(n, 1, `step ${i} started once in the uninterrupted run`);
  assert.ok(baseTrace.steps.some((s) => s.status === 'skipped' && s.reason === 'condition'), 'some steps are skipped by a condition');
  assert.ok(baseTrace.steps.some((s) => s.status === 'skipped' && s.reason === 'parent'), 'a group is skipped with its steps');
  assert.ok(baseTrace.steps.some((s) => s.status === 'failure'), 'a step fails (continue on error)');

  // Size the work to the budget. A trial (one state directory) costs about one whole run plus the
  // final idle resume, and each kill a resume start-up and the killed step again (measured: about
  // 1.3 S). More state directories when they fit.
  const left = BUDGET_MS - (performance.now() - started);
  const cost = (trials: number, kills: number): number => trials * (T + S) + kills * 1.3 * S;
  let target = TARGET_KILLS;
  if (process.env['CI'] && cost(1, target) > left) target = Math.max(MIN_KILLS, Math.floor((left - T - S) / (1.3 * S)));
  let trials = 1;
  while (trials < MAX_TRIALS && cost(trials + 1, target) <= left) trials++;
  const rnd = prng(SEED ^ 0x5a5a);

  const kills: { trial: number; phase: Phase; inFlight: number | undefined }[] = [];

  /**
   * One trial: a fresh state directory, resumed until exit 0, killed at `points` on the uninterrupted
   * run's timeline [0, T1 + T2]: each process is killed when its position on the timeline reaches the
   * next point. A process resumed after a kill at p starts at p - S (it redoes its start-up); the
   * process after the restart's exit 3 starts at T1.
   */
  const trial = async (n: number, points: readonly number[]): Promise<void> => {
    const dir = join(tmp, `trial-${n}`);
    const ran = join(tmp, `trial-${n}-ran.txt`);
    const inFlightKills = new Map<number, number>();
    let pos = 0;
    let k = 0;
    let trialKills = 0;
    for (let guard = 0; ; guard++) {
      assert.ok(guard < 500, 'the trial ends');
      const fresh = !existsSync(join(dir, 'journal.jsonl')); // killed before the journal existed: start again
      const before = fresh ? 0 : journalOf(dir).length;
      const point = points[k];
      // An instant this run already passed (it went faster than the uninterrupted one): somewhere in the start-up.
      const delay = point === undefined ? undefined : point - pos >= 1 ? point - pos : 1 + rnd() * S;
      const r = await tseq(fresh ? ['run', seqFile, '--state', dir] : ['run', '--state', dir], ran, delay);
      if (r.killed) {
        k++;
        trialKills++;
        const records = existsSync(join(dir, 'journal.jsonl')) ? journalOf(dir) : [];
        const last = records[records.length - 1];
        // In flight: the killed process journaled the step's start, and not its completion.
        const inFlight = last?.t === 'stepStart' && records.length > before ? last.i : undefined;
        if (inFlight !== undefined) inFlightKills.set(inFlight, (inFlightKills.get(inFlight) ?? 0) + 1);
        kills.push({ trial: n, phase: phaseOf(records, seq.rebootIndex), inFlight });
        pos = Math.max(pos, point! - S);
        continue;
      }
      if (r.code === 3) {
        pos = T1; // the restart: the next process is the timeline's second one
        continue;
      }
      assert.equal(r.code, 0, `trial ${n}: an unkilled process exits 0 or 3, not ${r.code ?? r.signal}: ${r.stderr}`);
      break;
    }
    // A finished run resumed again runs nothing and exits as it ended.
    const journalBytes = readFileSync(join(dir, 'journal.jsonl'));
    const ranBytes = readFileSync(ran);
    const again = await tseq(['run', '--state', dir], ran);
    assert.equal(again.code, 0, `trial ${n}: resuming a finished run exits 0: ${again.stderr}`);
    assert.ok(readFileSync(join(dir, 'journal.jsonl')).equals(journalBytes), `trial ${n}: resuming a finished run journals nothing`);
    assert.ok(readFileSync(ran).equals(ranBytes), `trial ${n}: resuming a finished run runs no step`);

    // The journal: a completed step never starts again; a step starts once, plus once per kill that
    // caught it in flight; it completes exactly once.
    const records = journalOf(dir);
    const { starts, completions } = startsAndCompletions(records);
    const completed = new Set<number>();
    for (const r of records) {
      if (r.t === 'stepStart') assert.ok(!completed.has(r.i), `trial ${n}: step ${r.i} started again after its completion was journaled`);
      else if (r.e.type === 'stepCompleted') completed.add(r.e.index!);
    }
    for (const i of new Set([...starts.keys(), ...base.starts.keys(), ...inFlightKills.keys()])) {
      assert.equal(starts.get(i) ?? 0, (base.starts.get(i) ?? 0) + (inFlightKills.get(i) ?? 0), `trial ${n}: step ${i} starts once plus once per kill that caught it in flight`);
      assert.equal(completions.get(i) ?? 0, base.completions.get(i) ?? 0, `trial ${n}: step ${i} completes exactly as often as in the uninterrupted run`);
    }
    const reruns = [...starts.values()].reduce((a, b) => a + b, 0) - base.starts.size;
    assert.ok(reruns <= trialKills, `trial ${n}: ${reruns} re-runs for ${trialKills} kills`);

    // ran.txt: every step that ran uninterrupted appears, at least once and at most once per start
    // (so more than once only if a kill caught it in flight).
    const counts = ranCounts(ran);
    assert.deepEqual(sorted(counts.keys()), sorted(baseRanCounts.keys()), `trial ${n}: the same steps ran`);
    for (const [i, c] of counts) assert.ok(c >= 1 && c <= (starts.get(i) ?? 0), `trial ${n}: step ${i} appears ${c} times in ran.txt for ${starts.get(i) ?? 0} starts`);

    // The final trace: the same step statuses and variables as the uninterrupted run.
    const trace = normalisedTrace(dir);
    assert.equal(trace.result, 'success');
    assert.deepEqual(trace.steps, baseTrace.steps, `trial ${n}: step statuses`);
    assert.deepEqual(trace.variables, baseTrace.variables, `trial ${n}: variables`);
  };

  const drawPoints = (count: number): number[] => Array.from({ length: count }, () => rnd() * T).sort((a, b) => a - b);
  let n = 0;
  for (; n < trials; n++) await trial(n, drawPoints(Math.round((target * (n + 1)) / trials) - Math.round((target * n) / trials)));
  // Instants a trial could not use (its run ended before them) are made up in another state directory.
  while (kills.length < target && n < trials + 3) await trial(n++, drawPoints(target - kills.length));
  // Every phase must have been hit; "during" (from the restart step's completion to the first step
  // after it) is the narrowest window. If chance missed a phase, aim a trial at it.
  for (let extra = 0; extra < 6 && PHASES.some((p) => !kills.some((x) => x.phase === p)); extra++) {
    const missing = PHASES.filter((p) => !kills.some((x) => x.phase === p));
    const at = missing.includes('during') ? T1 + rnd() * S : missing.includes('before') ? rnd() * T1 : T1 + S + rnd() * (T2 - S);
    await trial(n++, [at]);
  }

  const perTrial = Array.from({ length: n }, (_, t) => kills.filter((x) => x.trial === t).length);
  const byPhase = { before: 0, during: 0, after: 0 };
  for (const x of kills) byPhase[x.phase]++;
  const inFlight = kills.filter((x) => x.inFlight !== undefined).length;
  console.log(
    `crash test: ${kills.length} SIGKILLs in ${n} state directories (${perTrial.join(' + ')}; planned ${target} in ${trials}; ${byPhase.before} before the restart, ${byPhase.during} during, ${byPhase.after} after; ` +
      `${inFlight} caught a step in flight); uninterrupted run ${Math.round(T1)} + ${Math.round(T2)} ms, idle resume ${Math.round(S)} ms; total ${Math.round(performance.now() - started)} ms`,
  );
  assert.ok(kills.length >= target, `${kills.length} kills, wanted ${target}`);
  for (const p of PHASES) assert.ok(byPhase[p] > 0, `a kill landed ${p} the restart`);
});
