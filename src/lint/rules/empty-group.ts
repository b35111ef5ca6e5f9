import { isGroup } from '../../model/node.js';
import { matchesWildcard } from '../../conditions/index.js';
import { describeStep } from '../step-text.js';
import { defineRule } from '../types.js';

/**
 * A group with no steps in it: it does nothing, and its condition decides nothing (REFERENCE.md
 * §1.5, §5.2). Templates leave placeholders ("Custom Tasks", the upgrade wizard's "Post-Processing");
 * `allow` names the ones to keep quiet about.
 */
export default defineRule<{ allow: string[] }>({
  id: 'empty-group',
  description: 'A group with no steps.',
  defaultSeverity: 'info',
  options: {
    allow: { type: 'stringArray', description: 'Names of groups that may stay empty; * and ? are wildcards, case-insensitive ("Custom Tasks*").' },
  },
  defaults: { allow: [] },
  check(ctx) {
    for (const visit of ctx.steps) {
      if (isGroup(visit.step) && visit.step.Steps.length === 0 && !ctx.options.allow.some((p) => matchesWildcard(visit.step.Name, p))) {
        ctx.report(visit, `the group ${describeStep(visit.step, visit.path)} has no steps`, { hint: 'add the steps it was made for, or delete it' });
      }
    }
  },
});
