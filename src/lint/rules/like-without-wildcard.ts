import type { Operand } from '../../model/node.js';
import { isOperator } from '../../model/node.js';
import { canonicalOperator, compileWql, type WqlExpr } from '../../conditions/index.js';
import { describeStep } from '../step-text.js';
import { defineRule } from '../types.js';

/**
 * A LIKE with no wildcard matches only the whole value, as equals does (REFERENCE.md §9 for variable
 * conditions: `*` and `?`; §11 for WQL: `%`, `_`, `[`). Usually a wildcard was meant (`*Latitude*`),
 * or the other language's wildcard was used: `%` is literal in a variable condition. A plain
 * whole-value LIKE works (as a case-insensitive equals), so it is `info`; the other language's
 * wildcard is almost certainly a mistake, so that is a `warning`.
 */
export default defineRule({
  id: 'like-without-wildcard',
  description: 'A like / notLike or WQL LIKE pattern with no wildcard.',
  defaultSeverity: 'info',
  check(ctx) {
    for (const visit of ctx.steps) {
      const what = describeStep(visit.step, visit.path);
      const walk = (operands: readonly Operand[]): void => {
        for (const o of operands) {
          if (isOperator(o)) {
            walk(o.Operands);
            continue;
          }
          if (o.__CLASS === 'SMS_TaskSequence_VariableConditionExpression') {
            const op = canonicalOperator(o['Operator']);
            const pattern = String(o['Value'] ?? '');
            if ((op === 'like' || op === 'notLike') && !/[*?]/.test(pattern)) {
              const sql = /[%_]/.test(pattern);
              ctx.report(visit, `${what}: ${String(o['Variable'] ?? '')} ${op} "${pattern}" has no wildcard, so it matches only the whole value "${pattern}"`, {
                hint: sql ? 'a variable condition\'s wildcards are * and ?, not % and _ (which are literal here): write *…*' : `use ${op === 'like' ? 'equals' : 'notEquals'} for a whole value, or add * (any characters) or ? (one character)`,
                ...(sql ? { severity: 'warning' as const } : {}),
              });
            }
          } else if (o.__CLASS === 'SMS_TaskSequence_WMIConditionExpression') {
            const parsed = compileWql(String(o['Query'] ?? ''));
            if (!parsed.ok || !parsed.query.where) continue;
            for (const c of likesWithoutWildcard(parsed.query.where)) {
              const wrong = /[*?]/.test(c.pattern);
              ctx.report(visit, `${what}: the WMI query's ${c.property} LIKE '${c.pattern}' has no wildcard, so it matches only the whole value`, {
                hint: wrong ? 'WQL\'s wildcards are % and _, not * and ? (which are literal here): write %…%' : 'use = for a whole value, or add % (any characters), _ (one character) or [a-z]',
                ...(wrong ? { severity: 'warning' as const } : {}),
              });
            }
          }
        }
      };
      walk(visit.step.Condition?.Operands ?? []);
    }
  },
});

function likesWithoutWildcard(e: WqlExpr): { property: string; pattern: string }[] {
  switch (e.kind) {
    case 'and':
    case 'or':
      return [...likesWithoutWildcard(e.left), ...likesWithoutWildcard(e.right)];
    case 'not':
      return likesWithoutWildcard(e.operand);
    case 'comparison':
      if (e.op === 'like' && e.value.kind === 'string' && !/[%_[]/.test(e.value.value)) return [{ property: e.property, pattern: e.value.value }];
      return [];
    default:
      return [];
  }
}
