/** The lint rules, in the order their pages list them (docs/rules/README.md). */
import type { AnyLintRule } from '../types.js';
import conditionNeverTrue from './condition-never-true.js';
import unreachableEnvironment from './unreachable-environment.js';
import undefinedVariable from './undefined-variable.js';
import cleartextPassword from './cleartext-password.js';
import likeWithoutWildcard from './like-without-wildcard.js';
import emptyGroup from './empty-group.js';
import unreachableAfterFailure from './unreachable-after-failure.js';
import deprecatedClass from './deprecated-class.js';
import sequenceSize from './sequence-size.js';
import variableValueTooLong from './variable-value-too-long.js';
import invalidVariableName from './invalid-variable-name.js';
import setReadonlyVariable from './set-readonly-variable.js';

export const LINT_RULES: readonly AnyLintRule[] = [
  conditionNeverTrue,
  unreachableEnvironment,
  undefinedVariable,
  cleartextPassword,
  likeWithoutWildcard,
  emptyGroup,
  unreachableAfterFailure,
  deprecatedClass,
  sequenceSize,
  variableValueTooLong,
  invalidVariableName,
  setReadonlyVariable,
];

const byId = new Map(LINT_RULES.map((r) => [r.id, r]));

export function lintRule(id: string): AnyLintRule | undefined {
  return byId.get(id);
}

/** The rule's documentation page, relative to the project root. */
export function ruleDocsPath(id: string): string {
  return `docs/rules/${id}.md`;
}
