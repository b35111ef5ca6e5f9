import { VariableStore, type MachineProfile } from '../conditions/index.js';
import { valueOrDefault } from '../model/catalog.js';
import { stepLabel } from '../model/node.js';
import { E_FAIL, initialState, makeContext, nextOwned, type EngineContext, type EngineEffect, type EngineEvent, type EngineState, type Environment, type Transition } from './core.js';
import type { ActionHandler, HandlerResult, HandlerTable } from './handlers/types.js';
import type { Program } from './program.js';
import { prepareStep } from './step-input.js';

/**
 * The imperative shell around the pure core: performs effects through action handlers, journals
 * every event before acting on it, and feeds results back. A run resumes by replaying the journal's
 * events through the same core (a step whose start was journaled but not its end is run again,
 * REFERENCE.md §9). The shell keeps only the latest state, so it uses `nextOwned` (records updated
 * in place, linear in the run's length) rather than `next`.
 */
export interface JournalSink {
  append(record: JournalRecord): void;
}

export type JournalRecord =
  | { readonly t: 'event'; readonly e: EngineEvent }
  | { readonly t: 'stepStart'; readonly i: number; readonly path: string; readonly name: string };

export interface LogSink {
  write(component: string, message: string, type: 1 | 2 | 3): void;
}

export interface Progress {
  readonly stepNumber: number;
  readonly stepCount: number;
  readonly path: string;
  readonly name: string;
  readonly group: string | undefined;
}

export interface RunOptions {
  readonly program: Program;
  readonly profile: MachineProfile;
  /** Variables the run starts with (profile, site, --var, engine built-ins). */
  readonly variables: VariableStore;
  readonly environment: Environment;
  readonly handlers: HandlerTable;
  /** For classes with no handler in the table. */
  readonly fallback: ActionHandler;
  readonly workDir: string;
  readonly journal?: JournalSink;
  /** Records of an earlier, interrupted run of the same sequence to resume from. */
  readonly replay?: readonly JournalRecord[];
  readonly log?: LogSink;
  readonly onProgress?: (p: Progress) => void;
  /** A real run stops at a restart (the machine restarts; `tseq run --state DIR` resumes); a simulation goes on. */
  readonly stopAtRestart: boolean;
}

export interface RunResult {
  readonly state: EngineState;
  readonly ctx: EngineContext;
  /** finished, or stopped for a restart. */
  readonly status: 'success' | 'failure' | 'restart';
  /** How many times each instruction's action started (in this process and the replayed journal). */
  readonly starts: readonly number[];
}

/** The log's component for a class, as smsts.log names them (RunCommandLine, SMSTSRebootAction …). */
function componentOf(cls: string): string {
  return cls.replace(/^SMS_TaskSequence_/, '').replace(/Action$/, '') || 'TSManager';
}

export async function runSequence(options: RunOptions): Promise<RunResult> {
  const ctx = makeContext(options.program, options.profile);
  const { instructions } = options.program;
  const starts = new Array<number>(instructions.length).fill(0);
  const log = (component: string, message: string, type: 1 | 2 | 3 = 1, secrets: readonly string[] = []): void => {
    if (!options.log) return;
    let m = message;
    for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (s) m = m.split(s).join('********');
    options.log.write(component, m, type);
  };
  const record = (r: JournalRecord): void => options.journal?.append(r);

  let state = initialState(options.variables, options.environment);
  let transition: Transition | undefined;
  let resumedIntoRestart = false;
  for (const r of options.replay ?? []) {
    if (r.t === 'stepStart') {
      starts[r.i] = (starts[r.i] ?? 0) + 1;
      continue;
    }
    transition = nextOwned(ctx, state, r.e);
    state = transition.state;
  }
  if (transition) {
    log('TSManager', `Resuming the task sequence from its journal (${options.replay?.length ?? 0} records)`);
    resumedIntoRestart = transition.effects.some((e) => e.type === 'restart');
  } else {
    log('TSManager', `Starting the task sequence: ${options.program.actionCount} steps`);
    const start: EngineEvent = { type: 'start' };
    record({ t: 'event', e: start });
    transition = nextOwned(ctx, state, start);
    state = transition.state;
  }

  let stepNumber = starts.filter((n, i) => n > 0 && !instructions[i]!.isGroup).length;
  for (;;) {
    const effect: EngineEffect | undefined = transition.effects[0];
    if (!effect) throw new Error('engine produced no effect'); // the core always ends a transition with one
    if (effect.type === 'finished') {
      log('TSManager', `Task sequence execution ${effect.outcome === 'success' ? 'completed successfully' : 'failed'}. Execution engine result code: ${effect.outcome === 'success' ? 'Success' : 'Failure'}`, effect.outcome === 'success' ? 1 : 3);
      return { state, ctx, status: effect.outcome, starts };
    }
    if (effect.type === 'restart') {
      if (options.stopAtRestart && !resumedIntoRestart) {
        log('TSManager', `The computer restarts into ${effect.target === 'WinPE' ? 'Windows PE' : 'the full OS'}; run tseq run --state again to continue`);
        return { state, ctx, status: 'restart', starts };
      }
      resumedIntoRestart = false;
      const restarted: EngineEvent = { type: 'restarted' };
      record({ t: 'event', e: restarted });
      log('TSManager', `Restarted into ${effect.target === 'WinPE' ? 'Windows PE' : 'the full OS'}`);
      transition = nextOwned(ctx, state, restarted);
      state = transition.state;
      continue;
    }
    // runStep
    const ins = instructions[effect.index]!;
    const step = ins.step;
    const prepared = prepareStep(step, effect.variables, (n) => ctx.profile.environmentVariable(n) ?? process.env[n]);
    // The handler sees the step's action variables; they are gone once the step ends (the core never stores them).
    const stepVariables = prepared.actionVariables.length > 0 ? effect.variables.withAll(prepared.actionVariables) : effect.variables;
    stepNumber++;
    const group = ins.parent >= 0 ? stepLabel(instructions[ins.parent]!.step) : undefined;
    options.onProgress?.({ stepNumber, stepCount: options.program.actionCount, path: ins.path, name: stepLabel(step), group });
    record({ t: 'stepStart', i: ins.index, path: ins.path, name: step.Name });
    starts[ins.index] = (starts[ins.index] ?? 0) + 1;
    if (options.log) log('TSManager', `Start executing an instruction. Instruction name: ${stepLabel(step)}. Instruction pointer: ${ins.index}`);
    const handler = options.handlers[step.__CLASS] ?? options.fallback;
    const timeout = valueOrDefault(step, 'Timeout');
    const component = options.log ? componentOf(step.__CLASS) : ''; // messages are only built when there is a log
    let result: HandlerResult;
    try {
      result = await handler({
        index: ins.index,
        path: ins.path,
        step,
        prepared,
        variables: stepVariables,
        profile: ctx.profile,
        environment: effect.environment,
        timeoutMs: typeof timeout === 'number' && timeout > 0 ? timeout * 1000 : undefined,
        log: (m, type = 1) => log(component, m, type, prepared.secrets),
        workDir: options.workDir,
      });
    } catch (e) {
      result = { exitCode: E_FAIL, error: `the handler for ${step.__CLASS} failed: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (result.error) log(component, result.error, 3, prepared.secrets);
    const completed: EngineEvent = {
      type: 'stepCompleted',
      index: ins.index,
      exitCode: result.exitCode,
      ...(result.setVariables ? { setVariables: result.setVariables } : {}),
      ...(result.error ? { error: result.error } : {}),
      ...(result.restartTo ? { restartTo: result.restartTo } : {}),
    };
    record({ t: 'event', e: completed });
    transition = nextOwned(ctx, state, completed);
    state = transition.state;
    const rec = state.records[ins.index];
    if (options.log) log('TSManager', `Step ${ins.path} "${stepLabel(step)}" ${rec?.status === 'success' ? 'succeeded' : rec?.continued ? 'failed; continuing (continue on error)' : 'failed'} with exit code ${result.exitCode}`, rec?.status === 'success' ? 1 : rec?.continued ? 2 : 3);
  }
}

/** The trace every caller prints (`tseq run --json`): every step and group once, in document order. */
export interface RunTrace {
  readonly result: 'success' | 'failure' | 'restart';
  readonly steps: readonly {
    readonly path: string;
    readonly name: string;
    readonly class: string;
    readonly status: 'success' | 'failure' | 'skipped' | 'notRun';
    readonly reason: 'condition' | 'disabled' | 'parent' | null;
    readonly exitCode: number | null;
    readonly continued: boolean;
    readonly message?: string;
  }[];
  readonly variables: Readonly<Record<string, string>>;
}

export function traceOf(result: RunResult, hideVariables: readonly string[] = []): RunTrace {
  const hidden = new Set(hideVariables.map((v) => v.toLowerCase()));
  const variables: Record<string, string> = {};
  for (const [k, v] of Object.entries(result.state.variables.toObject())) variables[k] = hidden.has(k.toLowerCase()) ? '********' : v;
  return {
    result: result.status,
    steps: result.ctx.program.instructions.map((ins) => {
      const r = result.state.records[ins.index];
      return {
        path: ins.path,
        name: stepLabel(ins.step),
        class: ins.step.__CLASS,
        // Not reached yet (a run stopped for a restart): not run.
        status: r?.status ?? 'notRun',
        reason: r?.reason ?? null,
        exitCode: r?.exitCode ?? null,
        continued: r?.continued ?? false,
        ...(r?.message ? { message: r.message } : {}),
      };
    }),
    variables,
  };
}

export { VariableStore };
