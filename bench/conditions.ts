/**
 * Conditions benchmark (`npm run bench:conditions`): condition evaluation over the whole corpus
 * against a 10,000-instance machine profile, with the compiled-WQL cache on and off, and simple
 * variable expressions in a tight loop.
 *
 * Absolute times on a shared 2-core machine are noise, so the figures that matter are ratios of
 * candidates measured in the same run, in the same rounds:
 *  - cacheRatio: corpus conditions per second with compileWql's cache on ÷ with it off.
 *  - variable expressions: evaluateCondition on a one-expression condition ÷ a baseline loop doing
 *    only `VariableStore.get` and a string compare (the least any evaluator has to do).
 * Candidates are timed round-robin (one sample of each per round, after a warm-up sample of each),
 * and each figure is the median of its samples, so a slow patch of the machine hits all alike.
 *
 * The last line printed is one JSON object with the figures.
 */
import { performance } from 'node:perf_hooks';
import { evaluateCondition, evaluateOperand, indexProfile, parseMachineProfile, setWqlCacheEnabled, clearWqlCache, wqlCacheSize, VariableStore, type EvaluationContext, type Trace } from '../src/conditions/index.js';
import type { Condition, ModelObject, Operand } from '../src/model/node.js';
import { isOperator, sequenceOf, walkSteps } from '../src/model/node.js';
import { readDocument } from '../src/xml/index.js';
import { corpusDocuments, readCorpusBytes } from '../test/corpus.js';
import { generateConditionsProfile } from './conditions-profile.js';

// ---------------------------------------------------------------------------------------------
// Timing.

let sink = 0; // results flow here so no run can be optimised away

interface Candidate {
  readonly name: string;
  /** Prepares a sample, untimed (e.g. turns the cache on and primes it). */
  readonly setup?: () => void;
  /** One sample: runs the work `reps` times and returns something to consume. */
  readonly run: (reps: number) => number;
}

interface Timing {
  /** Median time of one unit of work (one rep), in ms. */
  readonly medianMs: number;
  readonly samples: number;
  readonly reps: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Times the candidates round-robin. Each candidate's reps per sample are sized from a warm-up so a
 * sample takes about `sampleMs`; then rounds (one sample of each) until `budgetMs` is spent
 * (at least `minRounds`, at most `maxRounds`). Figures are per rep, median over samples.
 */
function timeRoundRobin(candidates: readonly Candidate[], sampleMs: number, budgetMs: number, minRounds = 5, maxRounds = 41): Map<string, Timing> {
  const reps = new Map<string, number>();
  for (const c of candidates) {
    // Warm-up: let the JIT see the code, then size the sample.
    let n = 1;
    for (;;) {
      c.setup?.();
      const t0 = performance.now();
      sink += c.run(n);
      const ms = performance.now() - t0;
      if (ms >= sampleMs / 4 || n >= 1 << 24) {
        reps.set(c.name, Math.max(1, Math.round((n * sampleMs) / Math.max(ms, 0.001))));
        break;
      }
      n *= 4;
    }
  }
  const times = new Map<string, number[]>(candidates.map((c) => [c.name, []]));
  const started = performance.now();
  for (let r = 0; r < maxRounds && (r < minRounds || performance.now() - started < budgetMs); r++) {
    for (const c of candidates) {
      const n = reps.get(c.name)!;
      c.setup?.();
      const t0 = performance.now();
      sink += c.run(n);
      times.get(c.name)!.push((performance.now() - t0) / n);
    }
  }
  const out = new Map<string, Timing>();
  for (const c of candidates) {
    const ts = times.get(c.name)!;
    out.set(c.name, { medianMs: median(ts), samples: ts.length, reps: reps.get(c.name)! });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Printing.

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));
const perSec = (count: number, ms: number): number => (count * 1000) / ms;
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------
// 1. The corpus's conditions against a 10,000-instance profile.

interface CorpusCondition {
  readonly file: string;
  readonly path: string;
  readonly condition: Condition;
}

function corpusConditions(): { conditions: CorpusCondition[]; documents: number } {
  const docs = corpusDocuments();
  const conditions: CorpusCondition[] = [];
  for (const entry of docs) {
    const { document } = readDocument(readCorpusBytes(entry), { maxBytes: 1 << 30, file: entry.file });
    for (const { step, path } of walkSteps(sequenceOf(document).Steps)) if (step.Condition) conditions.push({ file: entry.file, path, condition: step.Condition });
  }
  return { conditions, documents: docs.length };
}

/** Expression classes, operators and WQL queries in a condition. */
function census(condition: Condition, into: Map<string, number>): void {
  const visit = (o: Operand): void => {
    if (isOperator(o)) {
      o.Operands.forEach(visit);
      return;
    }
    const cls = (o as ModelObject).__CLASS.replace(/^SMS_TaskSequence_/, '').replace(/ConditionExpression$/, '');
    into.set(cls, (into.get(cls) ?? 0) + 1);
  };
  condition.Operands.forEach(visit);
}

function hasWmi(o: Operand): boolean {
  return isOperator(o) ? o.Operands.some(hasWmi) : o.__CLASS === 'SMS_TaskSequence_WMIConditionExpression';
}

function countTrace(t: Trace, into: { expressions: number; diagnostics: Map<string, number> }): void {
  if (t.kind === 'expression') into.expressions++;
  if (t.diagnostic) into.diagnostics.set(t.diagnostic.code, (into.diagnostics.get(t.diagnostic.code) ?? 0) + 1);
  for (const c of t.children ?? []) countTrace(c, into);
}

function evaluateAll(conditions: readonly Condition[], ctx: EvaluationContext, reps: number): number {
  let trues = 0;
  for (let r = 0; r < reps; r++) for (let i = 0; i < conditions.length; i++) if (evaluateCondition(conditions[i], ctx).result) trues++;
  return trues;
}

// ---------------------------------------------------------------------------------------------
// 2. Simple variable expressions in a tight loop.

function variableStore(): VariableStore {
  const values: Record<string, string> = {
    OSDComputerName: 'PC0042',
    _SMSTSInWinPE: 'false',
    _SMSTSBootUEFI: 'true',
    _SMSTSMediaType: 'FullMedia',
    _SMSTSLaunchMode: 'SMS',
    _SMSTSPackageID: 'P0100042',
    _SMSTSAdvertID: 'P0120001',
    _SMSTSMachineName: 'MININT-4F2K',
    _SMSTSLogPath: 'X:\\Windows\\Temp\\SMSTSLog',
    _SMSTSMDataPath: 'C:\\_SMSTaskSequence',
    _SMSTSLastActionRetCode: '0',
    _SMSTSLastActionSucceeded: 'true',
    OSDisk: 'C:',
    OSDTargetSystemDrive: 'C:',
    OSDStateStorePath: 'C:\\_SMSTaskSequence\\UserState',
    OSDArchitecture: 'amd64',
    OSDUILanguage: 'en-US',
    OSDTimeZone: 'W. Europe Standard Time',
    OSDDomainName: 'corp.example.com',
    OSDDomainOUName: 'OU=Workstations,DC=corp,DC=example,DC=com',
    DeploymentType: 'NEWCOMPUTER',
    Make: 'Dell Inc.',
    Model: 'Latitude 7440',
    IsLaptop: 'True',
    IsDesktop: 'False',
    IsVM: 'False',
    IsUEFI: 'True',
    IsOnBattery: 'False',
    SkipWizard: 'NO',
    DoCapture: 'NO',
    BitLockerValue: '256',
    EnableBitLockerNew: 'True',
    TPM_Available: 'true',
    TPMEnabled: 'TRUE',
    TPMActivated: 'TRUE',
    Phase: 'INSTALL',
    ScriptRoot: 'C:\\MININT\\Scripts',
    DeployRoot: '\\\\mdt01\\DeploymentShare$',
    UserLoggedOn: 'FALSE',
    RebootRequired: 'FALSE',
    TSDebugMode: 'FALSE',
    SMSTS_Build: '2403',
    ImageBuild: '10.0.22631.1',
    OSCurrentVersion: '10.0.22631',
    Processor_Architecture: 'AMD64',
    SystemDrive: 'C:',
    WipeDisk: 'FALSE',
    UseWindowsUpdate: 'Yes',
    ApplyGPOPack: 'NO',
    RefImage_Mode: 'FALSE',
  };
  return VariableStore.from(values);
}

function variableCondition(op: string, value: string): Condition {
  return {
    __CLASS: 'SMS_TaskSequence_Condition',
    Operands: [{ __CLASS: 'SMS_TaskSequence_VariableConditionExpression', Variable: 'OSDComputerName', Operator: op, Value: value }],
  };
}

// ---------------------------------------------------------------------------------------------

function main(): void {
  const started = performance.now();
  console.log(`tseq conditions benchmark — node ${process.version}, ${process.platform}/${process.arch}`);

  // --- 1. Corpus conditions.
  const t0 = performance.now();
  const { conditions: corpus, documents } = corpusConditions();
  const conditions = corpus.map((c) => c.condition);
  const readMs = performance.now() - t0;
  const g0 = performance.now();
  const { profile, figures } = generateConditionsProfile(conditions);
  parseMachineProfile(JSON.parse(JSON.stringify(profile))); // the generated profile is a valid one
  const ctx: EvaluationContext = { profile: indexProfile(profile), variables: VariableStore.from(profile.variables ?? {}) };
  const genMs = performance.now() - g0;

  const kinds = new Map<string, number>();
  for (const c of conditions) census(c, kinds);
  const wmiConditions = conditions.filter((c) => c.Operands.some(hasWmi));
  const seen = { expressions: 0, diagnostics: new Map<string, number>() };
  let trueCount = 0;
  for (const c of conditions) {
    const t = evaluateCondition(c, ctx);
    if (t.result) trueCount++;
    countTrace(t, seen);
  }

  console.log(`corpus: ${documents} documents, ${conditions.length} step conditions, ${seen.expressions} expressions (read in ${readMs.toFixed(0)} ms)`);
  console.log(`  expressions by class: ${[...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`  ${wmiConditions.length} conditions hold a WMI query; ${trueCount} of ${conditions.length} conditions are true on the profile`);
  console.log(`  diagnostics: ${[...seen.diagnostics].map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}`);
  const big = Object.entries(figures.instancesByClass).sort((a, b) => b[1] - a[1]);
  console.log(`profile: ${figures.wmiInstances.toLocaleString('en-US')} WMI instances in ${figures.wmiClasses} classes (${big.slice(0, 6).map(([k, n]) => `${k} ${n}`).join(', ')}, …), ${figures.variables} variables (generated in ${genMs.toFixed(0)} ms)`);
  console.log('');

  const cacheOn = (set: readonly Condition[]): (() => void) => () => {
    setWqlCacheEnabled(true);
    clearWqlCache();
    evaluateAll(set, ctx, 1); // primes the cache: the "on" figure is the steady state
  };
  const cacheOff = (): void => setWqlCacheEnabled(false);
  const corpusTimings = timeRoundRobin(
    [
      { name: 'all on', setup: cacheOn(conditions), run: (n) => evaluateAll(conditions, ctx, n) },
      { name: 'all off', setup: cacheOff, run: (n) => evaluateAll(conditions, ctx, n) },
      { name: 'wmi on', setup: cacheOn(wmiConditions), run: (n) => evaluateAll(wmiConditions, ctx, n) },
      { name: 'wmi off', setup: cacheOff, run: (n) => evaluateAll(wmiConditions, ctx, n) },
    ],
    150,
    14_000,
  );
  setWqlCacheEnabled(true);
  clearWqlCache();
  evaluateAll(conditions, ctx, 1);
  const cachedQueries = wqlCacheSize();

  const rate = (name: string, count: number): number => perSec(count, corpusTimings.get(name)!.medianMs);
  const allOn = rate('all on', conditions.length);
  const allOff = rate('all off', conditions.length);
  const wmiOn = rate('wmi on', wmiConditions.length);
  const wmiOff = rate('wmi off', wmiConditions.length);
  const cacheRatio = allOn / allOff;
  const wmiCacheRatio = wmiOn / wmiOff;
  const row = (label: string, name: string, count: number, r: number, base: number): string[] => {
    const t = corpusTimings.get(name)!;
    return [label, String(count), t.medianMs.toFixed(2), fmt(r), (r / base).toFixed(2), `${t.samples}×${t.reps}`];
  };
  console.log('1. Corpus conditions on the 10,000-instance profile (median; ratio to the same set with the cache off, same rounds)');
  console.log(
    table(
      ['what', 'conditions', 'ms per pass', 'conditions/s', '× cache off', 'samples×passes'],
      [
        row('all conditions, WQL cache on', 'all on', conditions.length, allOn, allOff),
        row('all conditions, WQL cache off', 'all off', conditions.length, allOff, allOff),
        row('conditions with WMI, cache on', 'wmi on', wmiConditions.length, wmiOn, wmiOff),
        row('conditions with WMI, cache off', 'wmi off', wmiConditions.length, wmiOff, wmiOff),
      ],
    ),
  );
  console.log(`  cacheRatio = ${cacheRatio.toFixed(2)} (all conditions); ${wmiCacheRatio.toFixed(2)} on the conditions that hold a WMI query; ${cachedQueries} distinct queries cached`);
  console.log('');

  // --- 2. Variable expressions in a tight loop.
  const store = variableStore();
  const vctx: EvaluationContext = { profile: indexProfile({ name: 'empty' }), variables: store };
  const equalsCond = variableCondition('equals', 'PC0042');
  const likeCond = variableCondition('like', 'PC*42');
  const equalsExpr = equalsCond.Operands[0]!;
  if (!evaluateCondition(equalsCond, vctx).result || !evaluateCondition(likeCond, vctx).result) throw new Error('the variable conditions should hold');
  const loop = (cond: Condition) => (n: number): number => {
    let hits = 0;
    for (let i = 0; i < n; i++) if (evaluateCondition(cond, vctx).result) hits++;
    return hits;
  };
  const varTimings = timeRoundRobin(
    [
      {
        name: 'baseline',
        run: (n) => {
          // The least an evaluator must do: look the variable up, compare.
          let hits = 0;
          const name = 'OSDComputerName';
          const expected = 'PC0042';
          for (let i = 0; i < n; i++) if (store.get(name) === expected) hits++;
          return hits;
        },
      },
      { name: 'equals', run: loop(equalsCond) },
      { name: 'like', run: loop(likeCond) },
      {
        name: 'equals operand',
        run: (n) => {
          let hits = 0;
          for (let i = 0; i < n; i++) if (evaluateOperand(equalsExpr, vctx).result) hits++;
          return hits;
        },
      },
    ],
    60,
    8_000,
  );
  const vrate = (name: string): number => perSec(1, varTimings.get(name)!.medianMs);
  const baseline = vrate('baseline');
  const equalsRate = vrate('equals');
  const likeRate = vrate('like');
  const operandRate = vrate('equals operand');
  const variableExprPerSec = Math.min(equalsRate, likeRate);
  const vrow = (label: string, name: string): string[] => {
    const t = varTimings.get(name)!;
    const r = vrate(name);
    return [label, (t.medianMs * 1e6).toFixed(0), fmt(r), (r / baseline).toFixed(3), `${t.samples}×${t.reps}`];
  };
  console.log(`2. One variable expression in a tight loop, ${store.size} variables (median; ratio to the baseline, same rounds)`);
  console.log(
    table(
      ['what', 'ns each', 'per second', '× baseline', 'samples×reps'],
      [
        vrow('baseline: VariableStore.get + ===', 'baseline'),
        vrow('evaluateCondition: OSDComputerName equals PC0042', 'equals'),
        vrow('evaluateCondition: OSDComputerName like PC*42', 'like'),
        vrow('evaluateOperand: OSDComputerName equals PC0042', 'equals operand'),
      ],
    ),
  );
  const target = 1_000_000;
  console.log(`  variableExprPerSec (worse of equals and like) = ${fmt(variableExprPerSec)} (target ≥ ${fmt(target)}: ${variableExprPerSec >= target ? 'met' : 'NOT met'})`);

  const totalS = (performance.now() - started) / 1000;
  console.log(`  bench took ${totalS.toFixed(1)} s`);
  const json = {
    bench: 'conditions',
    variableExprPerSec: Math.round(variableExprPerSec),
    cacheRatio: round(cacheRatio, 3),
    variableEqualsPerSec: Math.round(equalsRate),
    variableLikePerSec: Math.round(likeRate),
    variableOperandPerSec: Math.round(operandRate),
    variableBaselinePerSec: Math.round(baseline),
    variableEqualsToBaseline: round(equalsRate / baseline, 4),
    variableLikeToBaseline: round(likeRate / baseline, 4),
    variableTargetMet: variableExprPerSec >= target,
    corpusConditionsPerSecCacheOn: Math.round(allOn),
    corpusConditionsPerSecCacheOff: Math.round(allOff),
    wmiConditionsPerSecCacheOn: Math.round(wmiOn),
    wmiConditionsPerSecCacheOff: Math.round(wmiOff),
    wmiCacheRatio: round(wmiCacheRatio, 3),
    corpusDocuments: documents,
    corpusConditions: conditions.length,
    corpusExpressions: seen.expressions,
    wmiConditions: wmiConditions.length,
    distinctQueries: cachedQueries,
    conditionsTrue: trueCount,
    wmiInstances: figures.wmiInstances,
    wmiClasses: figures.wmiClasses,
    profileVariables: figures.variables,
    storeVariables: store.size,
    seconds: round(totalS, 1),
    sink: sink > 0,
  };
  console.log(JSON.stringify(json));
}

main();
