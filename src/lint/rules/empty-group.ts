import { isGroup } from '../../model/node.js';
import { describeStep } from '../step-text.js';
import { defineRule } from '../types.js';

/** A group with no steps in it: it does nothing, and its condition decides nothing (REFERENCE.md §1.5, §5.2). */
export default defineRule({
  id: 'empty-group',
  description: 'A group with no steps.',
  defaultSeverity: 'info',
  check(ctx) {
    for (const visit of ctx.steps) {
      if (isGroup(visit.step) && visit.step.Steps.length === 0) {
        ctx.report(visit, `the group ${describeStep(visit.step, visit.path)} has no steps`, { hint: 'add the steps it was made for, or delete it' });
      }
    }
  },
});
