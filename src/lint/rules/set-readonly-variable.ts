import { describeStep } from '../step-text.js';
import { defineRule } from '../types.js';
import { variableWrites } from '../variable-usage.js';

/**
 * An attempt to set a read-only variable: names that start with `_` belong to the engine
 * (REFERENCE.md §5.7, §6.1); Set Task Sequence Variable fails on one (§9), and a rule or an output
 * variable cannot set one either.
 */
export default defineRule({
  id: 'set-readonly-variable',
  description: 'An attempt to set a read-only (_-prefixed) variable.',
  defaultSeverity: 'error',
  check(ctx) {
    for (const w of variableWrites(ctx.steps)) {
      if (!w.assigned || !w.name.startsWith('_')) continue;
      ctx.report(w.visit, `${describeStep(w.visit.step, w.visit.path)} sets ${w.name} (by ${w.via}), a read-only variable: names that start with _ are set by the engine only`, {
        hint: `use a name of your own without the leading _ (e.g. ${w.name.replace(/^_+/, '') || 'MyVariable'}) and read that instead`,
      });
    }
  },
});
