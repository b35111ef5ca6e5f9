/** The lint layer's public surface: rules, lintDocument, configuration, SARIF. */
export { lintDocument, type LintOptions } from './lint.js';
export { LINT_RULES, lintRule, ruleDocsPath } from './rules/index.js';
export { CONFIG_FILE_NAME, DEFAULT_LINT_CONFIG, findLintConfig, lintConfigFor, loadLintConfig, parseLintConfig, parseLintConfigText, type LintConfig, type RuleSetting } from './config.js';
export { sarifLevel, toSarif, SARIF_SCHEMA, type SarifArtifact, type SarifOptions } from './sarif.js';
export type { Finding, LintRule, LintSeverity } from './types.js';
