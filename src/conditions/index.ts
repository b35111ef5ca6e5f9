/** The conditions layer's public surface: evaluation with traces, WQL, machine profiles. Pure code. */
export { evaluateCondition, evaluateOperand, explainFalse, parseDateTime, type EvaluationContext, type Trace, type TraceDiagnostic } from './evaluate.js';
export { applyComparison, canonicalOperator, compareValues, compareVersions, expandVariables, holds, matchesWildcard, type ComparisonOperator } from './compare.js';
export { indexProfile, normalizeGuid, normalizeNamespace, normalizeRegistryKey, normalizeWindowsPath, parseMachineProfile, type InstalledSoftware, type MachineProfile, type ProfileIndex, type RegistryValue, type WmiInstance } from './profile.js';
export { VariableStore } from './variables.js';
export { describeWmiQuery } from './describe-wmi.js';
export { validateConditions } from './validate-conditions.js';
export { applyDynamicRules, DynamicRulesError, machineIdentityVariables, parseDynamicRules, type DynamicRule } from './dynamic-rules.js';
export { decideSteps, type StepDecision } from './decide.js';
export * from './wql/index.js';
