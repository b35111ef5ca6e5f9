import type { Document } from '../model/node.js';
import { sequenceOf, walkSteps } from '../model/node.js';
import { LINT_RULES } from './rules/index.js';
import { DEFAULT_LINT_CONFIG, type Finding, type LintConfig, type LintSeverity, type LintStepVisit, type ReportTarget, type RuleContext } from './types.js';

export interface LintOptions {
  /** Which rules run, at which severity, with which options; every rule at its default when absent. */
  readonly config?: LintConfig;
  /** Where an object stands in its file (the XML layer's locationOf); objects made in code have no place. */
  readonly locate?: (obj: object) => { line: number; column: number } | undefined;
  /** The size of the written sequence XML in bytes (UTF-8), for sequence-size; that rule is skipped without it. */
  readonly sequenceBytes?: number;
}

/**
 * Runs every enabled rule over a document. Pure: the caller reads the file, measures the sequence
 * and finds the config. Findings come in document order (by line, then rule order).
 */
export function lintDocument(doc: Document, options: LintOptions = {}): Finding[] {
  const config = options.config ?? DEFAULT_LINT_CONFIG;
  const sequence = sequenceOf(doc);
  const steps: LintStepVisit[] = [...walkSteps(sequence.Steps)].map((v) => ({ ...v, enabled: v.step.Enabled !== false && v.parents.every((p) => p.Enabled !== false) }));
  const findings: { finding: Finding; rule: number; ordinal: number }[] = [];
  const ordinals = new Map<object, number>(steps.map((v, i) => [v.step, i]));
  LINT_RULES.forEach((rule, ruleIndex) => {
    const setting = config.rules.get(rule.id);
    if (setting?.severity === 'off') return;
    const configured: LintSeverity | undefined = setting?.severity;
    const report = (at: ReportTarget, message: string, extra: { hint?: string; severity?: LintSeverity } = {}): void => {
      // A severity in the config applies to every finding of the rule; otherwise the rule's own choice.
      const severity = configured ?? extra.severity ?? rule.defaultSeverity;
      const obj = 'sequence' in at ? at.sequence : at.step;
      const loc = options.locate?.(obj);
      const finding: Finding = {
        rule: rule.id,
        severity,
        message,
        path: 'sequence' in at ? '' : at.path,
        ...('sequence' in at ? {} : { stepName: at.step.Name }),
        ...(loc ? { line: loc.line, column: loc.column } : {}),
        ...(extra.hint ? { hint: extra.hint } : {}),
      };
      findings.push({ finding, rule: ruleIndex, ordinal: 'sequence' in at ? -1 : ordinals.get(at.step) ?? -1 });
    };
    const ctx: RuleContext<Record<string, unknown>> = {
      document: doc,
      sequence,
      steps,
      options: { ...(rule.defaults ?? {}), ...(setting?.options ?? {}) },
      ...(options.sequenceBytes !== undefined ? { sequenceBytes: options.sequenceBytes } : {}),
      report,
    };
    rule.check(ctx);
  });
  // Document order: by position in the file, else by the step's place in the tree; then rule order. The sort is stable.
  return findings
    .sort((a, b) => (a.finding.line ?? 0) - (b.finding.line ?? 0) || (a.finding.column ?? 0) - (b.finding.column ?? 0) || a.ordinal - b.ordinal || a.rule - b.rule)
    .map((f) => f.finding);
}
