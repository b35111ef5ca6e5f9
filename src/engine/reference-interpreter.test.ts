/**
 * Property: the engine agrees with a small reference interpreter of the execution rules
 * (REFERENCE.md §5.2, §9) on random trees. The reference below is written separately from
 * src/engine: it is recursive over the tree (the engine flattens it into instructions and walks
 * them with an instruction pointer) and shares no code with it. It covers order, Enabled,
 * conditions on variables, ContinueOnError on steps and groups, propagation to the root, notRun
 * for what a failure made unreachable, success codes, and Set Task Sequence Variable's effect.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { VariableStore } from '../conditions/index.js';
import { group, runCommandLine, setVariable, taskSequence, variable } from '../model/builders/index.js';
import type { Step } from '../model/node.js';
import { simulationHandlers } from './handlers/index.js';
import { compileProgram } from './program.js';
import { runSequence, traceOf } from './runner.js';

// ---------------------------------------------------------------------------------------------
// The generated trees

const FLAGS = 4;

interface Common {
  readonly enabled: boolean;
  readonly coe: boolean;
  /** `Flag<k> equals true`, or no condition. */
  readonly cond: number | null;
}

interface GenStep extends Common {
  readonly kind: 'step';
  /** A Set Task Sequence Variable step setting Flag<k> (value "" deletes it), or a plain Run Command Line step. */
  readonly set: { readonly flag: number; readonly value: 'true' | 'false' | 'TRUE' | '' } | null;
  /** The simulated exit code (undefined: not listed in the outcomes, so 0). */
  readonly outcome: number | undefined;
  /** successCodeList, or the class default. */
  readonly codes: string | undefined;
}

interface GenGroup extends Common {
  readonly kind: 'group';
  readonly children: readonly GenNode[];
}

type GenNode = GenStep | GenGroup;

interface Scenario {
  readonly tree: readonly GenNode[];
  readonly initial: Readonly<Record<string, string>>;
}

const commonArb = fc.record({
  enabled: fc.integer({ min: 0, max: 9 }).map((n) => n > 0), // 90% enabled
  coe: fc.integer({ min: 0, max: 9 }).map((n) => n < 3), // 30% ContinueOnError
  cond: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: FLAGS - 1 }) }),
});

const stepArb: fc.Arbitrary<GenStep> = fc
  .record({
    common: commonArb,
    set: fc.oneof(
      { weight: 3, arbitrary: fc.constant(null) },
      { weight: 2, arbitrary: fc.record({ flag: fc.integer({ min: 0, max: FLAGS - 1 }), value: fc.constantFrom('true' as const, 'false' as const, 'TRUE' as const, '' as const) }) },
    ),
    outcome: fc.constantFrom(undefined, undefined, 0, 0, 1, 3010, 5),
    codes: fc.constantFrom(undefined, undefined, '0', '0 3010', '0 1', '0 5 3010', '3010'),
  })
  .map(({ common, ...rest }) => ({ kind: 'step' as const, ...common, ...rest }));

/** A node at `depth` (1 = top level): groups are nested at most 4 deep. */
function nodeArb(depth: number): fc.Arbitrary<GenNode> {
  if (depth > 4) return stepArb;
  return fc.oneof({ weight: 3, arbitrary: stepArb }, { weight: 1, arbitrary: groupArb(depth) });
}

function groupArb(depth: number): fc.Arbitrary<GenGroup> {
  return fc
    .record({ common: commonArb, children: fc.array(nodeArb(depth + 1), { minLength: 0, maxLength: 5 }) })
    .map(({ common, children }) => ({ kind: 'group' as const, ...common, children }));
}

function countSteps(nodes: readonly GenNode[]): number {
  return nodes.reduce((n, node) => n + (node.kind === 'step' ? 1 : countSteps(node.children)), 0);
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    tree: fc.array(nodeArb(1), { minLength: 1, maxLength: 8 }).filter((t) => {
      const n = countSteps(t);
      return n >= 1 && n <= 30;
    }),
    initial: fc.array(fc.option(fc.constantFrom('true', 'True', 'false'), { nil: undefined }), { minLength: FLAGS, maxLength: FLAGS }),
  })
  .map(({ tree, initial }) => {
    const vars: Record<string, string> = {};
    initial.forEach((v, k) => {
      if (v !== undefined) vars[`Flag${k}`] = v;
    });
    return { tree, initial: vars };
  });

// ---------------------------------------------------------------------------------------------
// The model the engine runs, built from a generated tree

function toModel(nodes: readonly GenNode[], prefix = ''): Step[] {
  return nodes.map((node, i) => {
    const path = prefix ? `${prefix}/${i + 1}` : `${i + 1}`;
    const name = `${node.kind === 'group' ? 'Group' : 'Step'} ${path}`;
    const condition = node.cond === null ? undefined : variable(`Flag${node.cond}`).equals('true');
    if (node.kind === 'group') {
      return group(name, toModel(node.children, path), { enabled: node.enabled, continueOnError: node.coe, ...(condition ? { condition } : {}) });
    }
    const options = { Enabled: node.enabled, ContinueOnError: node.coe, ...(condition ? { Condition: condition } : {}), ...(node.codes !== undefined ? { SuccessCodeList: node.codes } : {}) };
    return node.set
      ? setVariable(name, { VariableName: `Flag${node.set.flag}`, VariableValue: node.set.value, ...options })
      : runCommandLine(name, { CommandLine: 'cmd.exe /c exit 0', ...options });
  });
}

function outcomesOf(nodes: readonly GenNode[], prefix = '', out: Record<string, number> = {}): Record<string, number> {
  nodes.forEach((node, i) => {
    const path = prefix ? `${prefix}/${i + 1}` : `${i + 1}`;
    if (node.kind === 'group') outcomesOf(node.children, path, out);
    else if (node.outcome !== undefined) out[path] = node.outcome;
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// The reference interpreter

interface Row {
  readonly path: string;
  readonly status: 'success' | 'failure' | 'skipped' | 'notRun';
  readonly reason: 'condition' | 'disabled' | 'parent' | null;
  readonly exitCode: number | null;
  readonly continued: boolean;
}

interface Expected {
  readonly result: 'success' | 'failure';
  readonly rows: readonly Row[];
  readonly flags: Readonly<Record<string, string | undefined>>;
}

/**
 * Default success codes by class (REFERENCE.md §2.2 / §4: Run Command Line `0 3010`; Set Task
 * Sequence Variable is exported with `successCodeList="0"`).
 */
const DEFAULT_CODES = { command: '0 3010', setVariable: '0' } as const;

function reference(scenario: Scenario): Expected {
  // Variable names are case-insensitive: keep them by lower-case name.
  const vars = new Map<string, string>(Object.entries(scenario.initial).map(([k, v]) => [k.toLowerCase(), v]));
  const rows: Row[] = [];
  const row = (path: string, status: Row['status'], extra: Partial<Omit<Row, 'path' | 'status'>> = {}): void => {
    rows.push({ path, status, reason: extra.reason ?? null, exitCode: extra.exitCode ?? null, continued: extra.continued ?? false });
  };
  /** Every descendant of a node that was not entered, with the same status and reason. */
  const markChildren = (node: GenNode, path: string, status: Row['status'], reason: Row['reason']): void => {
    if (node.kind !== 'group') return;
    node.children.forEach((c, i) => {
      const p = `${path}/${i + 1}`;
      row(p, status, { reason });
      markChildren(c, p, status, reason);
    });
  };
  /** A condition `Flag<k> equals true`: equals compares case-insensitively; a missing variable is false. */
  const holds = (cond: number | null): boolean => cond === null || (vars.get(`flag${cond}`) ?? '').toLowerCase() === 'true';

  /** Runs a list of siblings; true when a failure left it (was not swallowed inside). */
  const runList = (nodes: readonly GenNode[], prefix: string): boolean => {
    let failed = false;
    nodes.forEach((node, i) => {
      const path = prefix ? `${prefix}/${i + 1}` : `${i + 1}`;
      if (failed) {
        // A failure that left this list made everything after it unreachable.
        row(path, 'notRun');
        markChildren(node, path, 'notRun', null);
        return;
      }
      if (!node.enabled) {
        row(path, 'skipped', { reason: 'disabled' });
        markChildren(node, path, 'skipped', 'parent');
        return;
      }
      if (!holds(node.cond)) {
        row(path, 'skipped', { reason: 'condition' });
        markChildren(node, path, 'skipped', 'parent');
        return;
      }
      if (node.kind === 'group') {
        const at = rows.length;
        row(path, 'success'); // placeholder, decided after the children
        const childFailed = runList(node.children, path);
        if (childFailed) {
          rows[at] = { path, status: 'failure', reason: null, exitCode: null, continued: node.coe };
          if (!node.coe) failed = true;
        }
        return;
      }
      const code = node.outcome ?? 0;
      const list = node.codes ?? (node.set ? DEFAULT_CODES.setVariable : DEFAULT_CODES.command);
      const ok = list.split(' ').map(Number).includes(code);
      if (ok) {
        if (node.set) {
          const key = `flag${node.set.flag}`;
          if (node.set.value === '') vars.delete(key);
          else vars.set(key, node.set.value);
        }
        row(path, 'success', { exitCode: code });
      } else {
        row(path, 'failure', { exitCode: code, continued: node.coe });
        if (!node.coe) failed = true;
      }
    });
    return failed;
  };

  const failed = runList(scenario.tree, '');
  const flags: Record<string, string | undefined> = {};
  for (let k = 0; k < FLAGS; k++) flags[`Flag${k}`] = vars.get(`flag${k}`);
  return { result: failed ? 'failure' : 'success', rows, flags };
}

// ---------------------------------------------------------------------------------------------
// The property

function describeTree(nodes: readonly GenNode[], indent = ''): string {
  return nodes
    .map((n) => {
      const opts = [n.enabled ? '' : 'disabled', n.coe ? 'COE' : '', n.cond !== null ? `if Flag${n.cond}` : ''].filter(Boolean).join(',');
      if (n.kind === 'group') return `${indent}G(${opts})\n${describeTree(n.children, indent + '  ')}`;
      const what = n.set ? `set Flag${n.set.flag}="${n.set.value}"` : 'cmd';
      return `${indent}${what}(${opts}) exit=${n.outcome ?? '-'} codes=${n.codes ?? 'default'}`;
    })
    .join('\n');
}

test('the engine agrees with the reference interpreter on random trees', async () => {
  await fc.assert(
    fc.asyncProperty(scenarioArb, async (scenario) => {
      const { table, fallback } = simulationHandlers(outcomesOf(scenario.tree));
      const run = await runSequence({
        program: compileProgram(taskSequence(toModel(scenario.tree))),
        profile: { name: 'reference' },
        variables: VariableStore.from(scenario.initial),
        environment: 'FullOS',
        handlers: table,
        fallback,
        workDir: '.',
        stopAtRestart: false,
      });
      const trace = traceOf(run);
      const want = reference(scenario);
      const got = trace.steps.map((s) => ({ path: s.path, status: s.status, reason: s.reason, exitCode: s.exitCode, continued: s.continued }));
      const context = `\n${describeTree(scenario.tree)}\ninitial: ${JSON.stringify(scenario.initial)}`;
      assert.deepEqual(got, want.rows, `per-step results${context}`);
      assert.equal(trace.result, want.result, `result${context}`);
      const flags: Record<string, string | undefined> = {};
      for (let k = 0; k < FLAGS; k++) flags[`Flag${k}`] = run.state.variables.get(`Flag${k}`);
      assert.deepEqual(flags, want.flags, `final flag variables${context}`);
    }),
    { numRuns: process.env['CI'] ? 100 : 300, includeErrorInReport: true },
  );
});

test('the reference interpreter reproduces REFERENCE.md §5.2 worked example', () => {
  // G1(COE){S1(COE),S2,S3}, G2{S4,S5,S6}: S1, S2 and S4 fail.
  const s = (coe: boolean, outcome: number | undefined): GenStep => ({ kind: 'step', enabled: true, coe, cond: null, set: null, outcome, codes: undefined });
  const tree: GenNode[] = [
    { kind: 'group', enabled: true, coe: true, cond: null, children: [s(true, 1), s(false, 1), s(false, undefined)] },
    { kind: 'group', enabled: true, coe: false, cond: null, children: [s(false, 1), s(false, undefined), s(false, undefined)] },
  ];
  const want = reference({ tree, initial: {} });
  assert.equal(want.result, 'failure');
  assert.deepEqual(
    want.rows.map((r) => `${r.path} ${r.status}${r.continued ? ' continued' : ''}`),
    ['1 failure continued', '1/1 failure continued', '1/2 failure', '1/3 notRun', '2 failure', '2/1 failure', '2/2 notRun', '2/3 notRun'],
  );
});
