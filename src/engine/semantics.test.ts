/**
 * The engine's execution rules, one test per rule (REFERENCE.md §5.2, §5.4, §5.6, §9), driven through
 * `runSequence` with simulation handlers (in memory, no process runs) except the time-out test, which
 * runs a real command. A few tests drive the pure core `next()` directly.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { VariableStore, type MachineProfile } from '../conditions/index.js';
import {
  action,
  applyOperatingSystem,
  group,
  restartComputer,
  runCommandLine,
  setDynamicVariables,
  setupWindowsAndConfigMgr,
  setVariable,
  taskSequence,
  variable,
} from '../model/builders/index.js';
import type { Step, TaskSequence } from '../model/node.js';
import { initialState, makeContext, next, type EngineEvent, type Environment } from './core.js';
import { realHandlers, simulationHandlers, type ActionHandler, type HandlerInput, type Outcomes } from './handlers/index.js';
import { compileProgram } from './program.js';
import { runSequence, traceOf, type RunResult, type RunTrace } from './runner.js';

// ---------------------------------------------------------------------------------------------
// Helpers

const PROFILE: MachineProfile = { name: 'semantics test machine' };

const workDir = mkdtempSync(join(tmpdir(), 'tseq-semantics-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

interface SimOptions {
  readonly outcomes?: Outcomes;
  readonly variables?: Readonly<Record<string, string>>;
  readonly environment?: Environment;
  readonly profile?: MachineProfile;
  /** Handlers that replace the simulated ones, by class. */
  readonly handlers?: Readonly<Record<string, ActionHandler>>;
  readonly log?: string[];
}

interface Simulated {
  readonly run: RunResult;
  readonly trace: RunTrace;
}

async function simulate(seq: TaskSequence, o: SimOptions = {}): Promise<Simulated> {
  const { table, fallback } = simulationHandlers(o.outcomes ?? {});
  const run = await runSequence({
    program: compileProgram(seq),
    profile: o.profile ?? PROFILE,
    variables: VariableStore.from(o.variables ?? {}),
    environment: o.environment ?? 'FullOS',
    handlers: { ...table, ...(o.handlers ?? {}) },
    fallback,
    workDir,
    stopAtRestart: false,
    ...(o.log ? { log: { write: (component: string, message: string) => o.log!.push(`${component}: ${message}`) } } : {}),
  });
  return { run, trace: traceOf(run) };
}

/** A plain step whose simulated process returns what the outcomes say (0 by default). */
function cmd(name: string, options: Record<string, unknown> = {}): Step {
  return runCommandLine(name, { CommandLine: `cmd.exe /c echo ${name}`, ...options });
}

/**
 * Expected trace rows, one string per step in document order:
 * `PATH STATUS [reason=R] [exit=N] [continued]`, e.g. `1/2 failure exit=1 continued`.
 * Unlisted fields must have their defaults (reason null, exitCode null, continued false).
 */
function rows(trace: RunTrace): string[] {
  return trace.steps.map((s) => [s.path, s.status, s.reason ? `reason=${s.reason}` : '', s.exitCode !== null ? `exit=${s.exitCode}` : '', s.continued ? 'continued' : ''].filter((x) => x !== '').join(' '));
}

function stepOf(trace: RunTrace, name: string): RunTrace['steps'][number] {
  const s = trace.steps.find((x) => x.name === name);
  assert.ok(s, `no step named ${name} in the trace`);
  return s;
}

/** A handler that records what it was given and returns a fixed result. */
function capturing(into: HandlerInput[], result: { exitCode: number; setVariables?: [string, string][] } = { exitCode: 0 }): ActionHandler {
  return (input) => {
    into.push(input);
    return result;
  };
}

// ---------------------------------------------------------------------------------------------
// Table: order, Enabled, conditions, ContinueOnError, propagation, success codes

interface Case {
  readonly rule: string;
  readonly seq: TaskSequence;
  readonly outcomes?: Outcomes;
  readonly variables?: Readonly<Record<string, string>>;
  readonly expect: readonly string[];
  readonly result: 'success' | 'failure';
  /** Step names in the order their handlers must have been called. */
  readonly ran?: readonly string[];
}

const CASES: readonly Case[] = [
  {
    rule: '§5.1 steps run in order, depth first through groups',
    seq: taskSequence([cmd('A'), group('G', [cmd('B'), group('H', [cmd('C')]), cmd('D')]), cmd('E')]),
    expect: ['1 success exit=0', '2 success', '2/1 success exit=0', '2/2 success', '2/2/1 success exit=0', '2/3 success exit=0', '3 success exit=0'],
    result: 'success',
    ran: ['A', 'B', 'C', 'D', 'E'],
  },
  {
    rule: '§5.2.1 a disabled step is skipped (reason disabled), not a failure',
    seq: taskSequence([cmd('A'), cmd('B', { Enabled: false }), cmd('C')]),
    outcomes: { B: 1 },
    expect: ['1 success exit=0', '2 skipped reason=disabled', '3 success exit=0'],
    result: 'success',
    ran: ['A', 'C'],
  },
  {
    rule: '§5.2.1 a disabled group skips all its descendants (reason parent)',
    seq: taskSequence([group('G', [cmd('A'), group('H', [cmd('B')])], { enabled: false }), cmd('C')]),
    expect: ['1 skipped reason=disabled', '1/1 skipped reason=parent', '1/2 skipped reason=parent', '1/2/1 skipped reason=parent', '2 success exit=0'],
    result: 'success',
    ran: ['C'],
  },
  {
    rule: '§5.2.2 a step whose condition is false is skipped (reason condition)',
    seq: taskSequence([cmd('A', { Condition: variable('Mode').equals('yes') }), cmd('B', { Condition: variable('Mode').equals('no') })]),
    variables: { Mode: 'no' },
    expect: ['1 skipped reason=condition', '2 success exit=0'],
    result: 'success',
    ran: ['B'],
  },
  {
    rule: '§5.2.2 a group whose condition is false is skipped with its children (reason parent)',
    seq: taskSequence([group('G', [cmd('A'), group('H', [cmd('B')])], { condition: variable('Mode').equals('yes') }), cmd('C')]),
    variables: { Mode: 'no' },
    expect: ['1 skipped reason=condition', '1/1 skipped reason=parent', '1/2 skipped reason=parent', '1/2/1 skipped reason=parent', '2 success exit=0'],
    result: 'success',
    ran: ['C'],
  },
  {
    rule: '§5.2.9 a group condition is evaluated once, before entering: a change inside does not stop the group',
    seq: taskSequence([
      group('G', [setVariable('Turn off', { VariableName: 'Go', VariableValue: 'no' }), cmd('Still runs')], { condition: variable('Go').equals('yes') }),
      group('G2', [cmd('Does not run')], { condition: variable('Go').equals('yes') }),
    ]),
    variables: { Go: 'yes' },
    expect: ['1 success', '1/1 success exit=0', '1/2 success exit=0', '2 skipped reason=condition', '2/1 skipped reason=parent'],
    result: 'success',
    ran: ['Turn off', 'Still runs'],
  },
  {
    rule: '§5.2.8 a failing step with ContinueOnError: processing goes on with the next step',
    seq: taskSequence([cmd('A', { ContinueOnError: true }), cmd('B')]),
    outcomes: { A: 1 },
    expect: ['1 failure exit=1 continued', '2 success exit=0'],
    result: 'success',
    ran: ['A', 'B'],
  },
  {
    rule: '§5.2.8 a failure in a group with ContinueOnError: remaining siblings not run, the group failure continued, processing goes on after the group',
    seq: taskSequence([group('G', [cmd('A'), cmd('B'), group('H', [cmd('C')]), cmd('D')], { continueOnError: true }), cmd('E')]),
    outcomes: { B: 4 },
    expect: ['1 failure continued', '1/1 success exit=0', '1/2 failure exit=4', '1/3 notRun', '1/3/1 notRun', '1/4 notRun', '2 success exit=0'],
    result: 'success',
    ran: ['A', 'B', 'E'],
  },
  {
    rule: '§5.2.8 a failure in a group without ContinueOnError inside one with it: both groups fail, the outer one continues',
    seq: taskSequence([group('Outer', [group('Inner', [cmd('A'), cmd('B')]), cmd('C')], { continueOnError: true }), cmd('D')]),
    outcomes: { A: 2 },
    expect: ['1 failure continued', '1/1 failure', '1/1/1 failure exit=2', '1/1/2 notRun', '1/2 notRun', '2 success exit=0'],
    result: 'success',
    ran: ['A', 'D'],
  },
  {
    rule: '§5.2.8 a failure at the root: the task sequence fails and nothing after it runs',
    seq: taskSequence([cmd('A'), cmd('B'), cmd('C'), group('G', [cmd('D')]), cmd('E', { Enabled: false })]),
    outcomes: { B: 1 },
    expect: ['1 success exit=0', '2 failure exit=1', '3 notRun', '4 notRun', '4/1 notRun', '5 notRun'],
    result: 'failure',
    ran: ['A', 'B'],
  },
  {
    rule: '§5.2.8 worked example: G1(COE){S1(COE),S2,S3}, G2{S4,S5,S6}',
    seq: taskSequence([
      group('G1', [cmd('S1', { ContinueOnError: true }), cmd('S2'), cmd('S3')], { continueOnError: true }),
      group('G2', [cmd('S4'), cmd('S5'), cmd('S6')]),
    ]),
    outcomes: { S1: 1, S2: 1, S4: 1 },
    expect: ['1 failure continued', '1/1 failure exit=1 continued', '1/2 failure exit=1', '1/3 notRun', '2 failure', '2/1 failure exit=1', '2/2 notRun', '2/3 notRun'],
    result: 'failure',
    ran: ['S1', 'S2', 'S4'],
  },
  {
    rule: '§5.2.7 a continued failure is visible to the next condition (_SMSTSLastActionRetCode / _SMSTSLastActionSucceeded)',
    seq: taskSequence([
      cmd('A', { ContinueOnError: true }),
      cmd('On failure', { Condition: [variable('_SMSTSLastActionSucceeded').equals('false'), variable('_SMSTSLastActionRetCode').equals('5')] }),
      // On failure succeeded with 0: the last action's values are now its own.
      cmd('Still failed?', { Condition: variable('_SMSTSLastActionRetCode').equals('5') }),
      cmd('Succeeded', { Condition: variable('_SMSTSLastActionSucceeded').equals('true') }),
    ]),
    outcomes: { A: 5 },
    expect: ['1 failure exit=5 continued', '2 success exit=0', '3 skipped reason=condition', '4 success exit=0'],
    result: 'success',
  },
  {
    rule: '§5.2.1 skipped steps (disabled, condition false) leave _SMSTSLastActionRetCode / _SMSTSLastActionSucceeded unchanged',
    seq: taskSequence([
      cmd('A', { ContinueOnError: true }),
      cmd('Disabled', { Enabled: false }),
      cmd('False condition', { Condition: variable('Nope').exists() }),
      group('Disabled group', [cmd('Inside')], { enabled: false }),
      cmd('Sees A', { Condition: [variable('_SMSTSLastActionRetCode').equals('7'), variable('_SMSTSLastActionSucceeded').equals('false'), variable('_SMSTSLastActionName').equals('A')] }),
    ]),
    outcomes: { A: 7 },
    expect: ['1 failure exit=7 continued', '2 skipped reason=disabled', '3 skipped reason=condition', '4 skipped reason=disabled', '4/1 skipped reason=parent', '5 success exit=0'],
    result: 'success',
  },
  {
    rule: '§5.3 the error-handler idiom: a ContinueOnError group, then a group conditioned on _SMSTSLastActionSucceeded equals false',
    seq: taskSequence([
      group('Work', [cmd('A'), cmd('B')], { continueOnError: true }),
      group('Error handler', [cmd('Copy logs')], { condition: variable('_SMSTSLastActionSucceeded').equals('false') }),
    ]),
    outcomes: { A: 1 },
    expect: ['1 failure continued', '1/1 failure exit=1', '1/2 notRun', '2 success', '2/1 success exit=0'],
    result: 'success',
  },
  {
    rule: '§9 3010 is in the default success list: success, and the run goes on (with _SMSTSLastActionRetCode 3010)',
    seq: taskSequence([cmd('A'), cmd('B', { Condition: variable('_SMSTSLastActionRetCode').equals('3010') })]),
    outcomes: { A: 3010 },
    expect: ['1 success exit=3010', '2 success exit=0'],
    result: 'success',
  },
  {
    rule: '§9 3010 is a failure when the success list is 0',
    seq: taskSequence([cmd('A', { SuccessCodeList: '0' }), cmd('B')]),
    outcomes: { A: 3010 },
    expect: ['1 failure exit=3010', '2 notRun'],
    result: 'failure',
  },
  {
    rule: '§5.2.6 custom success codes: a listed code succeeds, 0 fails when not listed',
    seq: taskSequence([cmd('A', { SuccessCodeList: '0 17 1641' }), cmd('B', { SuccessCodeList: '1641' }), cmd('C', { SuccessCodeList: '5' })]),
    outcomes: { A: 17, B: 1641 },
    expect: ['1 success exit=17', '2 success exit=1641', '3 failure exit=0'],
    result: 'failure',
  },
  {
    rule: '§5.4 Setup Windows and ConfigMgr ignores its ContinueOnError: the task sequence fails',
    seq: taskSequence([setupWindowsAndConfigMgr('Setup', { ClientPackageID: 'PS100002', ContinueOnError: true }), cmd('After')]),
    outcomes: { Setup: 1 },
    expect: ['1 failure exit=1', '2 notRun'],
    result: 'failure',
  },
  {
    rule: '§5.4 Setup Windows and ConfigMgr: any error fails the task sequence, even inside a group with ContinueOnError',
    seq: taskSequence([group('Install', [setupWindowsAndConfigMgr('Setup', { ClientPackageID: 'PS100002', ContinueOnError: true }), cmd('In group')], { continueOnError: true }), cmd('After')]),
    outcomes: { Setup: 1 },
    expect: ['1 failure', '1/1 failure exit=1', '1/2 notRun', '2 notRun'],
    result: 'failure',
  },
];

describe('execution rules (table)', () => {
  for (const c of CASES) {
    test(c.rule, async () => {
      const ran: string[] = [];
      const { table, fallback } = simulationHandlers(c.outcomes ?? {});
      const record =
        (h: ActionHandler): ActionHandler =>
        (input) => {
          ran.push(input.step.Name);
          return h(input);
        };
      const handlers = Object.fromEntries(Object.entries(table).map(([k, h]) => [k, record(h)]));
      const run = await runSequence({
        program: compileProgram(c.seq),
        profile: PROFILE,
        variables: VariableStore.from(c.variables ?? {}),
        environment: 'FullOS',
        handlers,
        fallback: record(fallback),
        workDir,
        stopAtRestart: false,
      });
      const trace = traceOf(run);
      assert.deepEqual(rows(trace), [...c.expect]);
      assert.equal(trace.result, c.result);
      if (c.ran) assert.deepEqual(ran, [...c.ran], 'the handlers ran in this order');
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Rules that need more than a trace

describe('execution rules (individual)', () => {
  test('§5.2.1 a disabled step does not change _SMSTSLastActionRetCode in the final variables', async () => {
    const { trace } = await simulate(taskSequence([cmd('A'), cmd('Off', { Enabled: false })]), { outcomes: { A: 0, Off: 9 } });
    assert.equal(trace.variables['_SMSTSLastActionRetCode'], '0');
    assert.equal(trace.variables['_SMSTSLastActionName'], 'A');
  });

  test('§9 a 3010 that is a success restarts the machine into the environment it is in, then goes on', async () => {
    const log: string[] = [];
    const { trace } = await simulate(taskSequence([cmd('A'), cmd('B', { Condition: variable('_SMSTSInWinPE').equals('false') })]), { outcomes: { A: 3010 }, log });
    assert.deepEqual(rows(trace), ['1 success exit=3010', '2 success exit=0']);
    assert.ok(log.some((l) => /Restarted into the full OS/.test(l)), `a restart into the full OS is logged:\n${log.join('\n')}`);
  });

  test('§5.2.6 a step that runs longer than its time-out is ended and fails (real handler)', async () => {
    if (process.platform === 'win32') return; // `sleep` is a POSIX command
    const { table, fallback } = realHandlers();
    const started = Date.now();
    const run = await runSequence({
      program: compileProgram(taskSequence([runCommandLine('Sleep', { CommandLine: 'sleep 5', Timeout: 1 }), cmd('After')])),
      profile: PROFILE,
      variables: VariableStore.empty(),
      environment: 'FullOS',
      handlers: table,
      fallback,
      workDir,
      stopAtRestart: false,
    });
    const elapsed = Date.now() - started;
    const trace = traceOf(run);
    assert.equal(trace.result, 'failure');
    const s = stepOf(trace, 'Sleep');
    assert.equal(s.status, 'failure');
    assert.match(s.message ?? '', /time-?out/i);
    assert.equal(stepOf(trace, 'After').status, 'notRun');
    assert.ok(elapsed < 4000, `the step was ended at its time-out, not after the command finished (took ${elapsed} ms)`);
  });

  test('§5.2.3 / §9 a WinPE-only step in the full OS fails with a message naming both environments', async () => {
    const ran: HandlerInput[] = [];
    const { trace } = await simulate(taskSequence([cmd('PE only', { SupportedEnvironment: 'WinPE' }), cmd('After')]), { handlers: { SMS_TaskSequence_RunCommandLineAction: capturing(ran) } });
    assert.equal(trace.result, 'failure');
    const s = stepOf(trace, 'PE only');
    assert.equal(s.status, 'failure');
    assert.match(s.message ?? '', /Windows PE/);
    assert.match(s.message ?? '', /full OS/);
    assert.equal(stepOf(trace, 'After').status, 'notRun');
    assert.deepEqual(ran, [], 'the action itself never ran');
  });

  test('§9 a wrong-environment failure obeys ContinueOnError', async () => {
    const { trace } = await simulate(taskSequence([cmd('PE only', { SupportedEnvironment: 'WinPE', ContinueOnError: true }), cmd('Full OS only', { SupportedEnvironment: 'FullOS' }), cmd('After')]));
    assert.deepEqual(rows(trace).map((r) => r.replace(/ exit=-?\d+/, '')), ['1 failure continued', '2 success', '3 success']);
    assert.equal(trace.result, 'success');
    assert.equal(trace.variables['_SMSTSLastActionName'], 'After');
  });

  test('§5.6 Restart Computer into WinPE switches the environment: a later _SMSTSInWinPE equals true condition holds', async () => {
    const seq = taskSequence([
      cmd('Before', { Condition: variable('_SMSTSInWinPE').equals('false') }),
      restartComputer('Restart in WinPE', { Target: 'WinPE' }),
      cmd('In WinPE', { Condition: variable('_SMSTSInWinPE').equals('true') }),
      cmd('PE only', { SupportedEnvironment: 'WinPE' }),
      cmd('Not in full OS', { Condition: variable('_SMSTSInWinPE').equals('false') }),
      restartComputer('Restart in OS', { Target: 'HD' }),
      cmd('Back in the OS', { Condition: variable('_SMSTSInWinPE').equals('false') }),
    ]);
    const { run, trace } = await simulate(seq, { variables: { _SMSTSInWinPE: 'false' } });
    assert.deepEqual(rows(trace), ['1 success exit=0', '2 success exit=0', '3 success exit=0', '4 success exit=0', '5 skipped reason=condition', '6 success exit=0', '7 success exit=0']);
    assert.equal(run.state.environment, 'FullOS');
  });

  test('§5.6 SMSTSRebootRequested + SMSTSRetryRequested set by a step: the same step runs again after the restart', async () => {
    let calls = 0;
    const environments: string[] = [];
    const retrying: ActionHandler = (input) => {
      calls++;
      environments.push(input.environment);
      return calls === 1
        ? { exitCode: 0, setVariables: [['SMSTSRebootRequested', 'WinPE'], ['SMSTSRetryRequested', 'true']] }
        : { exitCode: 0 };
    };
    const log: string[] = [];
    const seq = taskSequence([cmd('Before'), action('Contoso_RetryAction', 'Retry me'), cmd('After')]);
    const { run, trace } = await simulate(seq, { handlers: { Contoso_RetryAction: retrying }, log });
    assert.equal(calls, 2, 'the step ran twice');
    assert.deepEqual(environments, ['FullOS', 'WinPE'], 'the second run is after the restart into the requested environment');
    assert.deepEqual([...run.starts], [1, 2, 1]);
    assert.deepEqual(rows(trace), ['1 success exit=0', '2 success exit=0', '3 success exit=0']);
    assert.equal(run.state.records[1]?.runs, 2);
    assert.equal(trace.variables['SMSTSRebootRequested'], undefined, 'the request is consumed by the restart');
    assert.equal(trace.variables['SMSTSRetryRequested'], undefined);
    assert.ok(log.some((l) => /Restarted into Windows PE/.test(l)));
  });

  test('§5.6 SMSTSRebootRequested without SMSTSRetryRequested: restart, then the next step', async () => {
    let calls = 0;
    const once: ActionHandler = () => {
      calls++;
      return { exitCode: 0, setVariables: [['SMSTSRebootRequested', 'HD']] };
    };
    const log: string[] = [];
    const { run, trace } = await simulate(taskSequence([action('Contoso_RebootAction', 'Ask for restart'), cmd('After')]), { handlers: { Contoso_RebootAction: once }, log });
    assert.equal(calls, 1);
    assert.deepEqual([...run.starts], [1, 1]);
    assert.equal(trace.result, 'success');
    assert.ok(log.some((l) => /Restarted into the full OS/.test(l)));
  });

  test('§9 Set Task Sequence Variable: sets a variable later conditions see; "" deletes it; a _ name fails', async () => {
    const seq = taskSequence([
      setVariable('Set colour', { VariableName: 'Colour', VariableValue: 'Blue' }),
      cmd('If blue', { Condition: variable('colour').equals('blue') }),
      setVariable('Delete colour', { VariableName: 'Colour', VariableValue: '' }),
      cmd('If colour exists', { Condition: variable('Colour').exists() }),
      cmd('If colour does not exist', { Condition: variable('Colour').notExists() }),
      setVariable('Read-only', { VariableName: '_SMSTSMine', VariableValue: 'x', ContinueOnError: true }),
      cmd('After read-only', { Condition: variable('_SMSTSLastActionSucceeded').equals('false') }),
    ]);
    const { trace } = await simulate(seq);
    assert.deepEqual(rows(trace).map((r) => r.replace(/ exit=-\d+/, ' exit=E')), [
      '1 success exit=0',
      '2 success exit=0',
      '3 success exit=0',
      '4 skipped reason=condition',
      '5 success exit=0',
      '6 failure exit=E continued',
      '7 success exit=0',
    ]);
    assert.match(stepOf(trace, 'Read-only').message ?? '', /read-only/);
    assert.equal(trace.variables['Colour'], undefined);
    assert.equal(trace.variables['_SMSTSMine'], undefined);
  });

  test('§9 Set Task Sequence Variable expands %NAME% in its value', async () => {
    const seq = taskSequence([setVariable('Set', { VariableName: 'Target', VariableValue: '%Drive%\\Apps\\%Unknown%' }), cmd('Check', { Condition: variable('Target').equals('D:\\Apps\\%Unknown%') })]);
    const { trace } = await simulate(seq, { variables: { Drive: 'D:' } });
    assert.equal(trace.variables['Target'], 'D:\\Apps\\%Unknown%');
    assert.equal(stepOf(trace, 'Check').status, 'success');
  });

  test('§9 Set Dynamic Variables applies the matching rules (Make/Model wildcard, variable rule)', async () => {
    const rules =
      '<Rules>' +
      '<Rule><condition><expression type="SMS_TaskSequence_MakeModelConditionExpression"><variable name="Make">Dell*</variable><variable name="Model">Latitude ?440</variable></expression></condition>' +
      '<Variables><Variable Name="DriverPack" IsSecret="false">LAT7440</Variable></Variables></Rule>' +
      '<Rule><condition><expression type="SMS_TaskSequence_MakeModelConditionExpression"><variable name="Make">*</variable><variable name="Model">*VMware*</variable></expression></condition>' +
      '<Variables><Variable Name="IsVM" IsSecret="false">True</Variable></Variables></Rule>' +
      '<Rule><condition><expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">equals</variable><variable name="Value">Kiosk</variable><variable name="Variable">Role</variable></expression></condition>' +
      '<Variables><Variable Name="KioskMode" IsSecret="false">on</Variable><Variable Name="Shell" IsSecret="false">kiosk.exe</Variable></Variables></Rule>' +
      '<Rule><condition><expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">equals</variable><variable name="Value">Server</variable><variable name="Variable">Role</variable></expression></condition>' +
      '<Variables><Variable Name="ServerMode" IsSecret="false">on</Variable></Variables></Rule>' +
      '<Rule><Variables><Variable Name="Always" IsSecret="false">1</Variable></Variables></Rule>' +
      '</Rules>';
    const profile: MachineProfile = {
      name: 'Dell laptop',
      wmi: { 'root\\cimv2': { Win32_ComputerSystem: [{ Manufacturer: 'Dell Inc.', Model: 'Latitude 7440' }], Win32_BIOS: [{ SerialNumber: 'ABC1234' }] } },
    };
    const seq = taskSequence([
      setDynamicVariables('Dynamic', { Rules: rules }),
      cmd('Drivers', { Condition: variable('DriverPack').equals('LAT7440') }),
      cmd('VM only', { Condition: variable('IsVM').equals('True') }),
    ]);
    const { trace } = await simulate(seq, { profile, variables: { Role: 'kiosk' } });
    assert.equal(trace.variables['DriverPack'], 'LAT7440');
    assert.equal(trace.variables['KioskMode'], 'on');
    assert.equal(trace.variables['Shell'], 'kiosk.exe');
    assert.equal(trace.variables['Always'], '1');
    assert.equal(trace.variables['IsVM'], undefined);
    assert.equal(trace.variables['ServerMode'], undefined);
    assert.equal(trace.variables['_SMSTSMake'], 'Dell Inc.');
    assert.equal(trace.variables['_SMSTSModel'], 'Latitude 7440');
    assert.equal(trace.variables['_SMSTSSerialNumber'], 'ABC1234');
    assert.deepEqual(rows(trace), ['1 success exit=0', '2 success exit=0', '3 skipped reason=condition']);
  });

  test('§5.2.5 / §9 %NAME% references in step properties are expanded before the step runs; unknown ones stay as written', async () => {
    const seen: HandlerInput[] = [];
    const seq = taskSequence([
      setVariable('Set dir', { VariableName: 'AppDir', VariableValue: 'C:\\Apps' }),
      runCommandLine('Install', { CommandLine: 'setup.exe /dir:%AppDir% /log:%LogDir%\\x.log /name:"%_SMSTSCurrentActionName%" /keep:%NoSuchVar%', WorkingDirectory: '%AppDir%\\bin' }),
    ]);
    const { trace } = await simulate(seq, { variables: { LogDir: 'X:\\Logs' }, handlers: { SMS_TaskSequence_RunCommandLineAction: capturing(seen) } });
    assert.equal(trace.result, 'success');
    assert.equal(seen.length, 1);
    const p = seen[0]!.prepared.properties;
    assert.equal(p['CommandLine'], 'setup.exe /dir:C:\\Apps /log:X:\\Logs\\x.log /name:"Install" /keep:%NoSuchVar%');
    assert.equal(p['WorkingDirectory'], 'C:\\Apps\\bin');
    assert.equal(seen[0]!.step['CommandLine'], 'setup.exe /dir:%AppDir% /log:%LogDir%\\x.log /name:"%_SMSTSCurrentActionName%" /keep:%NoSuchVar%', 'the model is not changed');
  });

  test('§5.2.5 / §5.7 action variables: a variable already set overrides the step default for its mapped variable', async () => {
    const seen: HandlerInput[] = [];
    const seq = taskSequence([applyOperatingSystem('Apply', { ImagePackageID: 'PS100001', ImageIndex: 1 })]);
    const handlers = { SMS_TaskSequence_ApplyOperatingSystemAction: capturing(seen) };
    // Apply Operating System runs only in WinPE.
    const without = await simulate(seq, { environment: 'WinPE', handlers });
    assert.equal(without.trace.result, 'success');
    assert.equal(seen[0]?.prepared.properties['ImageIndex'], 1, 'the step value when nothing is set');
    assert.equal(without.trace.variables['OSDImageIndex'], undefined, "the step default does not outlive the step");
    const overridden = await simulate(seq, { environment: 'WinPE', handlers, variables: { OSDImageIndex: '3' } });
    assert.equal(overridden.trace.result, 'success');
    assert.equal(String(seen[1]?.prepared.properties['ImageIndex']), '3', 'OSDImageIndex overrides ImageIndex');
    assert.equal(overridden.trace.variables['OSDImageIndex'], '3', 'an explicit value persists');
  });

  test('§5.2.4 _SMSTSCurrentActionName is set to the step name before the step runs', async () => {
    const seen: HandlerInput[] = [];
    const seq = taskSequence([cmd('First'), group('G', [cmd('Second step')])]);
    const { trace } = await simulate(seq, { handlers: { SMS_TaskSequence_RunCommandLineAction: capturing(seen) } });
    assert.deepEqual(
      seen.map((s) => s.variables.get('_SMSTSCurrentActionName')),
      ['First', 'Second step'],
    );
    assert.equal(seen[1]!.variables.get('_SMSTSLastActionName'), 'First', 'the last action is still the previous step while this one runs');
    assert.equal(trace.variables['_SMSTSLastActionName'], 'Second step');
  });
});

// ---------------------------------------------------------------------------------------------
// The pure core

describe('next() is pure', () => {
  const seq = taskSequence([cmd('A'), group('G', [cmd('B'), cmd('C')], { continueOnError: true }), cmd('D')]);
  const ctx = makeContext(compileProgram(seq), PROFILE);
  const s0 = initialState(VariableStore.from({ X: '1' }), 'FullOS');

  test('start: the first step is run, and the same state and event give the same result', () => {
    const snapshot = JSON.stringify(s0);
    const a = next(ctx, s0, { type: 'start' });
    const b = next(ctx, s0, { type: 'start' });
    assert.deepEqual(a, b);
    assert.equal(JSON.stringify(s0), snapshot, 'the input state is not changed');
    assert.deepEqual(
      a.effects.map((e) => ({ type: e.type, index: e.type === 'runStep' ? e.index : undefined })),
      [{ type: 'runStep', index: 0 }],
    );
    assert.equal(a.state.inFlight, 0);
    assert.equal(a.state.variables.get('_SMSTSCurrentActionName'), 'A');
  });

  test('a stale stepCompleted for another index changes nothing', () => {
    const started = next(ctx, s0, { type: 'start' }).state;
    const stale = next(ctx, started, { type: 'stepCompleted', index: 2, exitCode: 1 });
    assert.equal(stale.state, started);
    assert.deepEqual(stale.effects, []);
    const outOfRange = next(ctx, started, { type: 'stepCompleted', index: 99, exitCode: 0 });
    assert.equal(outOfRange.state, started);
    assert.deepEqual(outOfRange.effects, []);
  });

  test('a duplicate stepCompleted (the step already completed) changes nothing', () => {
    const started = next(ctx, s0, { type: 'start' }).state;
    const done = next(ctx, started, { type: 'stepCompleted', index: 0, exitCode: 0 }).state;
    const again = next(ctx, done, { type: 'stepCompleted', index: 0, exitCode: 0 });
    assert.equal(again.state, done);
    assert.deepEqual(again.effects, []);
  });

  test('driving events by hand follows the rules: a failure in a ContinueOnError group goes on after the group', () => {
    const events: EngineEvent[] = [{ type: 'start' }];
    let state = s0;
    const effects: string[] = [];
    const feed = (e: EngineEvent): void => {
      const t = next(ctx, state, e);
      state = t.state;
      for (const f of t.effects) effects.push(f.type === 'runStep' ? `run ${f.index}` : f.type === 'finished' ? `finished ${f.outcome}` : `restart ${f.target}`);
    };
    feed(events[0]!);
    feed({ type: 'stepCompleted', index: 0, exitCode: 0 }); // A
    feed({ type: 'stepCompleted', index: 2, exitCode: 1 }); // B fails: C not run, G continues
    feed({ type: 'stepCompleted', index: 4, exitCode: 0 }); // D
    assert.deepEqual(effects, ['run 0', 'run 2', 'run 4', 'finished success']);
    assert.deepEqual(
      state.records.map((r) => r && { status: r.status, continued: r.continued ?? false }),
      [
        { status: 'success', continued: false },
        { status: 'failure', continued: true },
        { status: 'failure', continued: false },
        { status: 'notRun', continued: false },
        { status: 'success', continued: false },
      ],
    );
    assert.equal(state.outcome, 'success');
  });

  test('replaying the same events from the same state gives an equal final state', () => {
    const events: EngineEvent[] = [
      { type: 'start' },
      { type: 'stepCompleted', index: 0, exitCode: 3010 },
      { type: 'restarted' },
      { type: 'stepCompleted', index: 2, exitCode: 0, setVariables: [['Y', '2']] },
      { type: 'stepCompleted', index: 3, exitCode: 0 },
      { type: 'stepCompleted', index: 4, exitCode: 0 },
    ];
    const play = (): ReturnType<typeof next> => {
      let s = s0;
      let t: ReturnType<typeof next> | undefined;
      for (const e of events) {
        t = next(ctx, s, e);
        s = t.state;
      }
      return t!;
    };
    const a = play();
    const b = play();
    assert.deepEqual(a, b);
    assert.deepEqual(a.effects, [{ type: 'finished', outcome: 'success' }]);
    assert.equal(a.state.variables.get('Y'), '2');
  });

  test('a 3010 success emits a restart into the current environment; the next step is run only after restarted', () => {
    const started = next(ctx, initialState(VariableStore.empty(), 'WinPE'), { type: 'start' }).state;
    const t = next(ctx, started, { type: 'stepCompleted', index: 0, exitCode: 3010 });
    assert.deepEqual(t.effects, [{ type: 'restart', target: 'WinPE', afterIndex: 0 }]);
    const r = next(ctx, t.state, { type: 'restarted' });
    assert.equal(r.effects[0]?.type, 'runStep');
    assert.equal(r.effects[0]?.type === 'runStep' ? r.effects[0].index : -1, 2);
    assert.equal(r.state.environment, 'WinPE');
  });
});
