import type { Operand } from '../../model/node.js';
import { isOperator } from '../../model/node.js';
import { describeStep, dynamicRulesOf } from '../step-text.js';
import { defineRule, type LintStepVisit } from '../types.js';
import { VARIABLE_NAME_SHAPE } from '../variable-names.js';
import { variableWrites } from '../variable-usage.js';

/**
 * A variable name ConfigMgr refuses (REFERENCE.md §5.7): letters, digits, `_` and `-`, 1 to 256
 * characters, no spaces (leading and trailing ones are trimmed). Checked where a name is set, and
 * where a condition reads one: no variable can have an invalid name, so such a condition never sees
 * a value. A name holding a `%VARIABLE%` is built at run time and not judged.
 *
 * §5.7 also says a user variable starts with a letter; but ConfigMgr saved and exported
 * `2PintTurboLicense` in a real, published task sequence (corpus: 2Pint OSD Toolkit), so the site
 * does not enforce it: that check is off unless the option `leadingLetter` turns it on.
 */
export function variableNameProblem(raw: string, setting: boolean, leadingLetter = false): string | undefined {
  const name = raw.trim();
  if (name.includes('%')) return undefined;
  if (name === '') return 'is empty';
  if (name.length > 256) return `is ${name.length} characters long (at most 256)`;
  if (!VARIABLE_NAME_SHAPE.test(name)) {
    const bad = [...new Set([...name].filter((c) => !/[A-Za-z0-9_-]/.test(c)))].map((c) => (c === ' ' ? 'a space' : `"${c}"`));
    return `holds ${bad.join(', ')}; only letters, digits, _ and - are allowed`;
  }
  if (setting && leadingLetter && !/^[A-Za-z_]/.test(name)) return 'does not start with a letter (the documented rule for user variables)';
  return undefined;
}

export default defineRule<{ leadingLetter: boolean }>({
  id: 'invalid-variable-name',
  description: 'A variable name ConfigMgr would refuse.',
  defaultSeverity: 'error',
  options: {
    leadingLetter: { type: 'boolean', description: 'Also require a set variable\'s name to start with a letter, as the documentation says (ConfigMgr does not enforce it).' },
  },
  defaults: { leadingLetter: false },
  check(ctx) {
    for (const w of variableWrites(ctx.steps)) {
      if (!w.assigned) continue;
      const problem = variableNameProblem(w.name, true, ctx.options.leadingLetter);
      if (problem) ctx.report(w.visit, `${describeStep(w.visit.step, w.visit.path)} sets the variable "${w.name}" (by ${w.via}), whose name ${problem}`, { hint: 'name it with letters, digits, _ and -, starting with a letter, 256 characters at most' });
    }
    for (const visit of ctx.steps) {
      const reads = (operands: readonly Operand[], where: string): void => {
        for (const o of operands) {
          if (isOperator(o)) reads(o.Operands, where);
          else if (o.__CLASS === 'SMS_TaskSequence_VariableConditionExpression') {
            const name = String(o['Variable'] ?? '');
            const problem = name.trim() === '' ? undefined : variableNameProblem(name, false);
            if (problem) report(visit, `${where} of ${describeStep(visit.step, visit.path)} reads the variable "${name}", whose name ${problem}, so no variable can have it`);
          }
        }
      };
      const report = (v: LintStepVisit, message: string): void => ctx.report(v, message, { hint: 'correct the variable name' });
      reads(visit.step.Condition?.Operands ?? [], 'the condition');
      for (const rule of dynamicRulesOf(visit.step) ?? []) reads(rule.condition, 'a Set Dynamic Variables rule');
    }
  },
});
