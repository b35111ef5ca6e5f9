import { evaluateCondition, explainFalse, indexProfile, type MachineProfile, type ProfileIndex, type Trace, VariableStore } from '../conditions/index.js';
import { valueOrDefault } from '../model/catalog.js';
import type { Program } from './program.js';

/**
 * The engine's rules as one pure function: `next(state, event) -> { state, effects }`
 * (ARCHITECTURE.md, STYLE.md "decisions are pure"). No I/O and no clock: the shell performs the
 * effects (run a step, restart, finish) and feeds their results back as events. Simulation and
 * real runs share this core; replaying the journal's events through it rebuilds the state exactly.
 * The semantics are REFERENCE.md §5 and §9.
 */
export type Environment = 'WinPE' | 'FullOS';

export type StepStatus = 'success' | 'failure' | 'skipped' | 'notRun';

export interface StepRecord {
  readonly status: StepStatus;
  readonly reason?: 'condition' | 'disabled' | 'parent' | null;
  readonly exitCode?: number;
  /** A failure swallowed by this step's or a group's ContinueOnError. */
  readonly continued?: boolean;
  /** Why a condition was false, or why the step failed. */
  readonly message?: string;
  readonly trace?: Trace;
  /** How many times the step ran (retries after restarts, re-runs after a crash). */
  readonly runs?: number;
}

export interface EngineState {
  /** The instruction pointer: the next instruction to consider. */
  readonly pc: number;
  readonly environment: Environment;
  readonly variables: VariableStore;
  /** One record per instruction once decided. */
  readonly records: readonly (StepRecord | undefined)[];
  /** Groups entered and not yet left, innermost last. */
  readonly openGroups: readonly number[];
  /** The step whose run effect was issued and whose result has not come back. */
  readonly inFlight?: number;
  /** A restart asked for and not yet done; `retry` runs the same step again after it. */
  readonly pendingRestart?: { readonly target: Environment; readonly retry: number | undefined };
  readonly outcome?: 'success' | 'failure';
}

export type EngineEvent =
  | { readonly type: 'start' }
  | {
      readonly type: 'stepCompleted';
      readonly index: number;
      readonly exitCode: number;
      /** Variables the action set (Set Task Sequence Variable, Set Dynamic Variables, a script through TSEnvironment). */
      readonly setVariables?: readonly (readonly [string, string])[];
      /** A failure that is not an exit code: time-out, wrong environment, no handler. */
      readonly error?: string;
      /** The action restarts the machine (Restart Computer) into this environment when it succeeds. */
      readonly restartTo?: Environment;
    }
  | { readonly type: 'restarted' };

export type EngineEffect =
  | { readonly type: 'runStep'; readonly index: number; readonly variables: VariableStore; readonly environment: Environment }
  | { readonly type: 'restart'; readonly target: Environment; readonly afterIndex: number }
  | { readonly type: 'finished'; readonly outcome: 'success' | 'failure' };

export interface EngineContext {
  readonly program: Program;
  readonly profile: ProfileIndex;
}

export function makeContext(program: Program, profile: MachineProfile): EngineContext {
  return { program, profile: indexProfile(profile) };
}

export function initialState(variables: VariableStore, environment: Environment): EngineState {
  return { pc: 0, environment, variables: variables.with('_SMSTSInWinPE', environment === 'WinPE' ? 'true' : 'false'), records: [], openGroups: [] };
}

export interface Transition {
  readonly state: EngineState;
  readonly effects: readonly EngineEffect[];
}

/** A failure code for failures that have no process exit code (ConfigMgr's generic 0x80004005). */
export const E_FAIL = -2147467259;

export function next(ctx: EngineContext, state: EngineState, event: EngineEvent): Transition {
  return transition(ctx, state, event, false);
}

/**
 * `next` for a caller that owns `state` and never looks at it again (the runner, which keeps only
 * the latest state): the result may reuse and update the input's `records` array in place instead
 * of copying it, which keeps a run linear in its length (a copy per step is quadratic: 100,000
 * steps would copy 10^10 entries). The result is the one `next` gives; only the input is consumed.
 */
export function nextOwned(ctx: EngineContext, state: EngineState, event: EngineEvent): Transition {
  return transition(ctx, state, event, true);
}

/** `owned`: the input state's records array may be updated in place (nextOwned) rather than copied (next). */
function transition(ctx: EngineContext, state: EngineState, event: EngineEvent, owned: boolean): Transition {
  switch (event.type) {
    case 'start':
      return advance(ctx, state, owned);
    case 'restarted': {
      if (!state.pendingRestart) return advance(ctx, state, owned);
      const { target, retry } = state.pendingRestart;
      const s: EngineState = { ...withoutRestart(state), environment: target, variables: state.variables.with('_SMSTSInWinPE', target === 'WinPE' ? 'true' : 'false') };
      return advance(ctx, retry !== undefined ? { ...s, pc: retry } : s, owned);
    }
    case 'stepCompleted':
      return completeStep(ctx, state, event, owned);
  }
}

function withoutRestart(state: EngineState): EngineState {
  const { pendingRestart: _p, ...rest } = state;
  return rest;
}

function setRecord(records: readonly (StepRecord | undefined)[], index: number, record: StepRecord, owned: boolean): (StepRecord | undefined)[] {
  const copy = writable(records, owned);
  copy[index] = record;
  return copy;
}

/** The records to write to: the array itself when the caller owns the state, a copy otherwise. */
function writable(records: readonly (StepRecord | undefined)[], owned: boolean): (StepRecord | undefined)[] {
  return owned ? (records as (StepRecord | undefined)[]) : records.slice();
}

/** Marks the instructions from..to that have no record yet. */
function markSubtree(records: (StepRecord | undefined)[], from: number, to: number, record: StepRecord): void {
  for (let i = from; i < to; i++) if (!records[i]) records[i] = record;
}

/**
 * Moves the instruction pointer forward until a step must run (emit runStep) or the sequence ends.
 * Disabled and condition-false steps and groups are skipped with their children (§5.2 steps 1-2);
 * a group's condition is evaluated once, before entering it.
 */
function advance(ctx: EngineContext, start: EngineState, owned: boolean): Transition {
  const { instructions } = ctx.program;
  let state = start;
  let records = writable(state.records, owned);
  let openGroups = state.openGroups.slice();
  let pc = state.pc;
  for (;;) {
    // Leave the groups whose subtree is done: they succeeded (a swallowed failure inside does not fail them).
    while (openGroups.length > 0 && pc >= instructions[openGroups[openGroups.length - 1]!]!.end) {
      const g = openGroups.pop()!;
      if (!records[g]) records[g] = { status: 'success' };
    }
    if (pc >= instructions.length) {
      const s: EngineState = { ...state, pc, records, openGroups, outcome: 'success' };
      return { state: s, effects: [{ type: 'finished', outcome: 'success' }] };
    }
    const ins = instructions[pc]!;
    const step = ins.step;
    if (!step.Enabled) {
      records[pc] = { status: 'skipped', reason: 'disabled' };
      markSubtree(records, pc + 1, ins.end, { status: 'skipped', reason: 'parent' });
      pc = ins.end;
      continue;
    }
    if (step.Condition) {
      const trace = evaluateCondition(step.Condition, { profile: ctx.profile, variables: state.variables });
      if (!trace.result) {
        records[pc] = { status: 'skipped', reason: 'condition', message: explainFalse(trace), trace };
        markSubtree(records, pc + 1, ins.end, { status: 'skipped', reason: 'parent' });
        pc = ins.end;
        continue;
      }
    }
    if (ins.isGroup) {
      openGroups.push(pc);
      pc++;
      continue;
    }
    // §5.2 step 4: _SMSTSCurrentActionName is set before the step runs.
    const variables = state.variables.with('_SMSTSCurrentActionName', step.Name ?? '');
    state = { ...state, pc, records, openGroups, variables, inFlight: pc };
    // §9: a step whose run environment does not hold fails, naming both; ContinueOnError applies.
    const runIn = String(valueOrDefault(step, 'SupportedEnvironment') ?? 'WinPEandFullOS');
    if ((runIn === 'WinPE' && state.environment === 'FullOS') || (runIn === 'FullOS' && state.environment === 'WinPE')) {
      const where = state.environment === 'WinPE' ? 'Windows PE' : 'the full OS';
      return completeStep(ctx, state, { type: 'stepCompleted', index: pc, exitCode: E_FAIL, error: `the step runs only in ${runIn === 'WinPE' ? 'Windows PE' : 'the full OS'} (runIn ${runIn}) and the machine is in ${where}` }, owned);
    }
    return { state, effects: [{ type: 'runStep', index: pc, variables, environment: state.environment }] };
  }
}

/** The exit codes that count as success: the step's list, default `0 3010` (REFERENCE.md §9). */
export function successCodesOf(step: { readonly __CLASS: string; readonly [k: string]: unknown }): number[] {
  const list = String(valueOrDefault(step, 'SuccessCodeList') ?? '0 3010');
  let codes = successCodeLists.get(list);
  if (!codes) {
    const parsed = list.split(/\s+/).filter((c) => /^-?\d+$/.test(c)).map(Number);
    codes = parsed.length > 0 ? parsed : [0, 3010];
    if (successCodeLists.size < 1000) successCodeLists.set(list, codes);
  }
  return codes.slice();
}

/** Parsed success code lists by their text: a sequence has a handful, and every completed step asks. */
const successCodeLists = new Map<string, readonly number[]>();

function completeStep(ctx: EngineContext, state: EngineState, event: Extract<EngineEvent, { type: 'stepCompleted' }>, owned: boolean): Transition {
  const { instructions } = ctx.program;
  const ins = instructions[event.index];
  if (!ins || state.inFlight !== event.index) return { state, effects: [] }; // a stale or duplicate result changes nothing
  const step = ins.step;
  const succeeded = event.error === undefined && successCodesOf(step).includes(event.exitCode);
  // The action's variables, then (§5.2 step 7) the last action's name, code and result (read-only
  // built-ins), set in one copy of the store.
  const variables = state.variables.withAll([
    ...(succeeded ? (event.setVariables ?? []) : []),
    ['_SMSTSLastActionName', step.Name ?? ''],
    ['_SMSTSLastActionRetCode', String(event.exitCode)],
    ['_SMSTSLastActionSucceeded', succeeded ? 'true' : 'false'],
  ]);
  const previous = state.records[event.index];
  const runs = (previous?.runs ?? 0) + 1;
  const { inFlight: _done, ...rest } = state;

  if (succeeded) {
    let s: EngineState = { ...rest, variables, records: setRecord(rest.records, event.index, { status: 'success', exitCode: event.exitCode, runs }, owned), pc: ins.end };
    // A restart: Restart Computer's own, a 3010 (into the same environment, §9), or one a script asked for
    // through SMSTSRebootRequested (with SMSTSRetryRequested, the same step runs again after it, §5.6).
    const requested = variables.get('SMSTSRebootRequested');
    const retry = requested !== undefined && isTrue(variables.get('SMSTSRetryRequested'));
    let target: Environment | undefined = event.restartTo;
    if (target === undefined && requested !== undefined) target = /^winpe$/i.test(requested.trim()) ? 'WinPE' : requested.trim() === '' ? s.environment : 'FullOS';
    if (target === undefined && event.exitCode === 3010) target = s.environment;
    if (target !== undefined) {
      const cleared = s.variables.without('SMSTSRebootRequested').without('SMSTSRetryRequested');
      s = { ...s, variables: cleared, pendingRestart: { target, retry: retry ? event.index : undefined } };
      return { state: s, effects: [{ type: 'restart', target, afterIndex: event.index }] };
    }
    return advance(ctx, s, owned);
  }

  const message = event.error ?? `exit code ${event.exitCode} is not a success code (${successCodesOf(step).join(' ')})`;
  // §5.4: ContinueOnError is ignored on Setup Windows and ConfigMgr: any error fails the task sequence,
  // so neither the step's own ContinueOnError nor an enclosing group's stops the failure.
  const fatal = step.__CLASS === 'SMS_TaskSequence_SetupWindowsAndSMSAction';
  const continueOnError = step.ContinueOnError && !fatal;
  if (continueOnError) {
    const s: EngineState = { ...rest, variables, records: setRecord(rest.records, event.index, { status: 'failure', exitCode: event.exitCode, continued: true, message, runs }, owned), pc: ins.end };
    return advance(ctx, s, owned);
  }
  return propagateFailure(ctx, { ...rest, variables, records: setRecord(rest.records, event.index, { status: 'failure', exitCode: event.exitCode, continued: false, message, runs }, owned) }, event.index, fatal, owned);
}

/**
 * §5.2 step 8: a failure without ContinueOnError stops the parent group (its remaining steps do not
 * run) and fails it; a group with ContinueOnError swallows it and processing goes on after the
 * group; without, the failure goes up; at the root the task sequence fails and nothing after runs.
 * A `fatal` failure (Setup Windows and ConfigMgr, §5.4) goes to the root whatever the groups say.
 */
function propagateFailure(ctx: EngineContext, state: EngineState, failedIndex: number, fatal: boolean, owned: boolean): Transition {
  const { instructions } = ctx.program;
  const records = writable(state.records, owned);
  const openGroups = state.openGroups.slice();
  let from = instructions[failedIndex]!.end;
  while (openGroups.length > 0) {
    const g = openGroups.pop()!;
    const group = instructions[g]!;
    markSubtree(records, from, group.end, { status: 'notRun' });
    if (group.step.ContinueOnError && !fatal) {
      records[g] = { status: 'failure', continued: true, message: 'a step in the group failed' };
      return advance(ctx, { ...state, records, openGroups, pc: group.end }, owned);
    }
    records[g] = { status: 'failure', continued: false, message: 'a step in the group failed' };
    from = group.end;
  }
  markSubtree(records, from, instructions.length, { status: 'notRun' });
  const s: EngineState = { ...state, records, openGroups, pc: instructions.length, outcome: 'failure' };
  return { state: s, effects: [{ type: 'finished', outcome: 'failure' }] };
}

function isTrue(v: string | undefined): boolean {
  return v !== undefined && /^(true|1|yes)$/i.test(v.trim());
}
