import { describeStep } from '../step-text.js';
import { defineRule } from '../types.js';
import { variableWrites } from '../variable-usage.js';

/**
 * A variable value over 4,000 characters (REFERENCE.md §5.7, §7): Set Task Sequence Variable's value
 * (WMI AllowedLen 0-4001) and the values of Set Dynamic Variables rules.
 */
export default defineRule<{ maxLength: number }>({
  id: 'variable-value-too-long',
  description: 'A variable value over the 4,000 characters a variable holds.',
  defaultSeverity: 'error',
  options: {
    maxLength: { type: 'positiveNumber', description: 'The longest value, in characters (default 4000).' },
  },
  defaults: { maxLength: 4000 },
  check(ctx) {
    for (const w of variableWrites(ctx.steps)) {
      if (w.value === undefined || w.value.length <= ctx.options.maxLength) continue;
      ctx.report(w.visit, `${describeStep(w.visit.step, w.visit.path)} sets ${w.name} (by ${w.via}) to ${w.value.length} characters; a variable holds at most ${ctx.options.maxLength}`, {
        hint: 'store the data in a file in a package and pass its path, or split it over several variables',
      });
    }
  },
});
