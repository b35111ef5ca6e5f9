import type { Step, TaskSequence } from '../model/node.js';
import { isGroup, stepLabel } from '../model/node.js';
import { evaluateCondition, explainFalse, type EvaluationContext, type Trace } from './evaluate.js';

/**
 * What each step of a sequence would do on a machine, from its Enabled flag and its condition alone
 * (REFERENCE.md §3.1, §5.2 steps 1-2): a disabled step or group is skipped with its children; a
 * condition evaluated false skips the step or group with its children; a condition is only looked
 * at when the step is enabled. This is a static view: variables set by earlier steps are not
 * applied (the engine's simulation does that).
 */
export interface StepDecision {
  readonly path: string;
  readonly name: string;
  readonly class: string;
  readonly decision: 'run' | 'skip';
  readonly reason: 'condition' | 'disabled' | 'parent' | null;
  /** The one-line reason a condition made it skip. */
  readonly explanation?: string;
  readonly trace: Trace | null;
  readonly depth: number;
}

export function decideSteps(seq: TaskSequence, ctx: EvaluationContext): StepDecision[] {
  const out: StepDecision[] = [];
  const visit = (steps: readonly Step[], prefix: string, depth: number, parentSkipped: boolean): void => {
    steps.forEach((step, i) => {
      const path = prefix ? `${prefix}/${i + 1}` : `${i + 1}`;
      const base = { path, name: stepLabel(step), class: step.__CLASS, depth };
      let decision: StepDecision;
      if (parentSkipped) decision = { ...base, decision: 'skip', reason: 'parent', trace: null };
      else if (!step.Enabled) decision = { ...base, decision: 'skip', reason: 'disabled', trace: null };
      else if (step.Condition) {
        const trace = evaluateCondition(step.Condition, ctx);
        decision = trace.result ? { ...base, decision: 'run', reason: null, trace } : { ...base, decision: 'skip', reason: 'condition', explanation: explainFalse(trace), trace };
      } else decision = { ...base, decision: 'run', reason: null, trace: null };
      out.push(decision);
      if (isGroup(step)) visit(step.Steps, path, depth + 1, decision.decision === 'skip');
    });
  };
  visit(seq.Steps, '', 0, false);
  return out;
}
