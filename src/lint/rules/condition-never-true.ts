import type { Operand } from '../../model/node.js';
import { isGroup, isOperator } from '../../model/node.js';
import { ConditionLogic } from '../condition-logic.js';
import { describeStep } from '../step-text.js';
import { defineRule } from '../types.js';

/**
 * A condition, or a part of one, that no machine and no variable value can make true (REFERENCE.md
 * §3.1, §9): the step or group it guards never runs, or the branch is dead. The analysis is sound:
 * see condition-logic.ts for what it claims and what it leaves alone.
 */
export default defineRule<{ emptyOr: boolean }>({
  id: 'condition-never-true',
  description: 'A condition, or a part of one, that can never be true.',
  defaultSeverity: 'warning',
  options: {
    emptyOr: { type: 'boolean', description: 'Report an "or" (If statement: Any) with no conditions in it, which tseq evaluates as false.' },
  },
  defaults: { emptyOr: true },
  check(ctx) {
    const logic = new ConditionLogic({ emptyOrIsFalse: ctx.options.emptyOr });
    for (const visit of ctx.steps) {
      const { step, path } = visit;
      const operands = step.Condition?.Operands ?? [];
      if (operands.length === 0) continue;
      const whole = logic.neverTrueAll(operands);
      const what = describeStep(step, path);
      const skipped = isGroup(step) ? 'the group and every step in it never run' : 'the step never runs';
      if (whole) {
        ctx.report(visit, `the condition of ${what} can never be true: ${whole.slice(0, 3).join('; ')}`, {
          hint: emptyOrWithSiblings(operands) ?? `${skipped}; fix the condition (or delete the ${isGroup(step) ? 'group' : 'step'})`,
        });
        continue;
      }
      // The whole can be true: report the largest parts that cannot (dead branches of an or, …).
      const dead: string[] = [];
      const visitParts = (list: readonly Operand[]): void => {
        for (const o of list) {
          if (!isOperator(o)) continue;
          const why = logic.neverTrue(o);
          if (why) dead.push(why.slice(0, 2).join('; '));
          else visitParts(o.Operands);
        }
      };
      visitParts(operands);
      for (const why of dead) {
        ctx.report(visit, `part of the condition of ${what} can never be true: ${why}`, { hint: emptyOrWithSiblings(operands) ?? 'that part decides nothing: fix it or remove it' });
      }
    }
  },
});

/**
 * The shape seen in real files (an `<operator type="or"/>` followed by the expressions meant for it):
 * the expressions are its siblings, ANDed at the top, not its operands.
 */
function emptyOrWithSiblings(operands: readonly Operand[]): string | undefined {
  const at = operands.findIndex((o) => isOperator(o) && o.Operands.length === 0 && String(o.OperatorType ?? '').toLowerCase() === 'or');
  const after = at >= 0 ? operands.length - at - 1 : 0;
  if (after === 0) return undefined;
  return `the ${after} condition${after === 1 ? '' : 's'} after the empty "or" are beside it, ANDed with everything else, not inside it: move them into the If statement (or delete it)`;
}
