import type { Condition, Operand, Step } from '../model/node.js';
import { isGroup, isOperator, stepLabel } from '../model/node.js';
import { canonicalOperator } from '../conditions/index.js';
import { dynamicRulesOf, inlineScriptOf, stepTexts } from './step-text.js';

/**
 * Where a task sequence can be — Windows PE or the full OS — before each step, followed through the
 * sequence (REFERENCE.md §5.2, §5.5, §5.6). The set of environments only ever grows where the
 * analysis is unsure, so a step is judged out of place only when no path can bring it where it runs.
 *
 * What moves the task sequence:
 * - Restart Computer to `WinPE` or `HD` (the installed OS), when its Target says so; a Target left to
 *   the `<action>` line or a variable (as MDT writes it) may go anywhere;
 * - Setup Windows and ConfigMgr: the WinPE → full OS transition (§5.5);
 * - Prepare Windows for Capture: the capture that follows runs in WinPE;
 * - `SMSTSRebootRequested` set to `WinPE` or `HD` (§5.6), by Set Task Sequence Variable; a script or a
 *   rule that mentions it may restart anywhere;
 * - Run Task Sequence: the child may restart anywhere.
 * Conditions on `_SMSTSInWinPE` narrow where a group's steps or a step can be.
 */
export const PE = 1;
export const OS = 2;
export const ANY = PE | OS;
export type Environments = number;

export function describeEnvironments(e: Environments): string {
  return e === PE ? 'Windows PE' : e === OS ? 'the full OS' : e === ANY ? 'Windows PE or the full OS' : 'nowhere';
}

/** What the flow learnt about one step: where it can be, and why. */
export interface StepPlace {
  readonly step: Step;
  readonly path: string;
  /** Where the step can stand, before its own condition. */
  readonly before: Environments;
  /** Where it can run: `before` narrowed by its own `_SMSTSInWinPE` condition. */
  readonly narrowed: Environments;
  /** The step that last moved the task sequence to where it must be, in words; or the condition that narrowed it. */
  readonly because?: string;
  /** Whether the step's (or group's) own condition names `_SMSTSInWinPE`. */
  readonly conditionNamesInWinPE: boolean;
}

interface State {
  readonly env: Environments;
  /** Why `env` is what it is, when that is a single environment. */
  readonly because?: string;
}

function union(a: State, b: State): State {
  const env = a.env | b.env;
  if (env === a.env && a.because) return { env, because: a.because };
  if (env === b.env && b.because) return { env, because: b.because };
  return { env };
}

const IN_WINPE = '_smstsinwinpe';

function isTrueText(v: unknown): boolean | undefined {
  const s = String(v ?? '').trim().toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : undefined;
}

/** The environments a condition lets through, from its `_SMSTSInWinPE` tests ANDed at the top (and not-wrapped single tests). */
export function environmentsAllowed(condition: Condition | undefined): { env: Environments; names: boolean } {
  let env = ANY;
  let names = false;
  const literal = (o: Operand, negate: boolean): void => {
    if (isOperator(o) || o.__CLASS !== 'SMS_TaskSequence_VariableConditionExpression') return;
    if (String(o['Variable'] ?? '').trim().toLowerCase() !== IN_WINPE) return;
    names = true;
    const op = canonicalOperator(o['Operator']);
    const value = isTrueText(o['Value']);
    if (value === undefined || (op !== 'equals' && op !== 'notEquals')) return;
    // _SMSTSInWinPE always exists (the engine sets it, §6.1): notEquals true is equals false.
    let inPE = op === 'equals' ? value : !value;
    if (negate) inPE = !inPE;
    env &= inPE ? PE : OS;
  };
  const walk = (operands: readonly Operand[]): void => {
    for (const o of operands) {
      if (isOperator(o) && o.__CLASS === 'SMS_TaskSequence_ConditionOperator') {
        const type = String(o.OperatorType ?? '').toLowerCase();
        if (type === 'and') walk(o.Operands);
        else if (type === 'not') for (const c of o.Operands) literal(c, true);
        else if (mentionsInWinPE(o.Operands)) names = true;
      } else literal(o, false);
    }
  };
  walk(condition?.Operands ?? []);
  return { env, names };
}

function mentionsInWinPE(operands: readonly Operand[]): boolean {
  return operands.some((o) => (isOperator(o) ? mentionsInWinPE(o.Operands) : String(o['Variable'] ?? '').trim().toLowerCase() === IN_WINPE));
}

function hasCondition(step: Step): boolean {
  return (step.Condition?.Operands.length ?? 0) > 0;
}

/** Where the step leaves the task sequence when it succeeds, from where it ran. */
function transition(step: Step, path: string, at: State): State {
  const name = `"${stepLabel(step)}" (${path})`;
  switch (step.__CLASS) {
    case 'SMS_TaskSequence_RebootAction': {
      const target = String(step['Target'] ?? '').trim().toLowerCase();
      if (target === 'winpe') return { env: PE, because: `Restart Computer ${name} restarts into Windows PE` };
      if (target === 'hd') return { env: OS, because: `Restart Computer ${name} restarts into the installed OS` };
      return { env: ANY };
    }
    case 'SMS_TaskSequence_SetupWindowsAndSMSAction':
      return { env: OS, because: `Setup Windows and ConfigMgr ${name} moves the task sequence into the full OS` };
    case 'SMS_TaskSequence_PrepareOSAction':
      return union(at, { env: PE });
    case 'SMS_TaskSequence_SubTasksequence':
      return { env: ANY };
    case 'SMS_TaskSequence_SetVariableAction': {
      if (String(step['VariableName'] ?? '').trim().toLowerCase() !== 'smstsrebootrequested') break;
      const target = String(step['VariableValue'] ?? '').trim().toLowerCase();
      if (target === 'winpe') return union(at, { env: PE });
      if (target === 'hd') return union(at, { env: OS });
      return target.includes('%') ? { env: ANY } : at;
    }
  }
  if (requestsRestart(step)) return { env: ANY };
  return at;
}

/** A script, command line or rule that names SMSTSRebootRequested may restart the machine anywhere after the step. */
function requestsRestart(step: Step): boolean {
  const re = /SMSTSRebootRequested/i;
  if (stepTexts(step).some((t) => re.test(t.text))) return true;
  const script = inlineScriptOf(step);
  if (script && re.test(script)) return true;
  return (dynamicRulesOf(step) ?? []).some((r) => r.variables.some((v) => re.test(v.name)));
}

export interface FlowOptions {
  /** Where the task sequence starts: both by default (it may start in WinPE from media or PXE, or from Software Center). */
  readonly start?: Environments;
}

/** Follows the environments through the sequence; one entry per enabled step or group that can be reached. */
export function followEnvironments(steps: readonly Step[], options: FlowOptions = {}): StepPlace[] {
  const places: StepPlace[] = [];
  const flow = (list: readonly Step[], prefix: string, entry: State): { out: State; escaped: State } => {
    let cur = entry;
    let escaped: State = { env: 0 };
    list.forEach((step, i) => {
      const path = prefix ? `${prefix}/${i + 1}` : `${i + 1}`;
      if (!step.Enabled || cur.env === 0) return;
      const allowed = environmentsAllowed(step.Condition);
      const narrowedEnv = cur.env & allowed.env;
      const narrowed: State = narrowedEnv === cur.env ? cur : { env: narrowedEnv, because: `its condition on _SMSTSInWinPE` };
      places.push({ step, path, before: cur.env, narrowed: narrowedEnv, conditionNamesInWinPE: allowed.names, ...(narrowed.because ? { because: narrowed.because } : cur.because ? { because: cur.because } : {}) });
      const skipped = hasCondition(step) ? cur : { env: 0 };
      if (narrowedEnv === 0) {
        cur = skipped;
        return;
      }
      if (isGroup(step)) {
        const body = flow(step.Steps, path, narrowed);
        let after = body.out;
        // A failure inside leaves the group; ContinueOnError on the group goes on after it (§5.2 step 8).
        if (step.ContinueOnError) after = union(after, body.escaped);
        else escaped = union(escaped, body.escaped);
        cur = union(after, skipped);
        return;
      }
      let after = transition(step, path, narrowed);
      // A failing step leaves the task sequence where it ran.
      if (step.ContinueOnError) after = union(after, narrowed);
      else escaped = union(escaped, narrowed);
      cur = union(after, skipped);
    });
    return { out: cur, escaped };
  };
  flow(steps, '', { env: options.start ?? ANY });
  return places;
}
