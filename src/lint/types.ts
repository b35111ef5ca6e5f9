import type { Document, ModelObject, Step, StepVisit, TaskSequence } from '../model/node.js';
import type { StepFinding } from '../model/validate.js';

/**
 * Lint: semantic advice beyond the structural rules of `validate` (src/model/validate.ts). Each rule
 * has a kebab-case id, a default severity, a page `docs/rules/<id>.md` and a fix hint per finding.
 */
export type LintSeverity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly LintSeverity[] = ['error', 'warning', 'info'];

export interface Finding extends StepFinding {
  /** The rule's id, e.g. `condition-never-true`. */
  readonly rule: string;
  readonly severity: LintSeverity;
}

/** The type of a rule option, for the config file's validation. */
export type OptionType = 'boolean' | 'positiveNumber' | 'ratio' | 'stringArray' | { readonly oneOf: readonly string[] };

export interface OptionSpec {
  readonly type: OptionType;
  readonly description: string;
}

/** What a rule sees: the sequence, its options, the shared facts, and a way to report. */
export interface RuleContext<O> {
  readonly document: Document;
  readonly sequence: TaskSequence;
  /** Every step and group in document order, with whether it can run at all (itself and its groups enabled). */
  readonly steps: readonly LintStepVisit[];
  /** The rule's options: the defaults, overridden by the config file. */
  readonly options: O;
  /** The sequence XML's size in bytes (UTF-8), when the caller measured it. */
  readonly sequenceBytes?: number;
  /** Reports a finding about a step or group (or the sequence when `at` is the sequence). */
  report(at: ReportTarget, message: string, extra?: { readonly hint?: string; readonly severity?: LintSeverity }): void;
}

export interface LintStepVisit extends StepVisit {
  /** The step and every group around it are enabled: the step can run at all. */
  readonly enabled: boolean;
}

/** A step visit, or the sequence itself (`{ sequence }`). */
export type ReportTarget = LintStepVisit | { readonly sequence: TaskSequence };

export interface LintRule<O extends object = object> {
  readonly id: string;
  /** One line: what the rule finds. */
  readonly description: string;
  readonly defaultSeverity: LintSeverity;
  /** The options the rule takes, with their defaults. */
  readonly options?: { readonly [K in keyof O]: OptionSpec };
  readonly defaults?: O;
  check(ctx: RuleContext<O>): void;
}

/** A rule with its option type erased, as the registry holds it. */
export type AnyLintRule = LintRule<Record<string, unknown>>;

/** Declares a rule with typed options; the registry keeps it type-erased. */
export function defineRule<O extends object>(rule: LintRule<O>): AnyLintRule {
  return rule as unknown as AnyLintRule;
}

/** One rule's setting from the configuration (config.ts reads and checks it). */
export interface RuleSetting {
  /** `off`, or the severity every finding of the rule gets; undefined keeps the rule's own. */
  readonly severity?: LintSeverity | 'off';
  readonly options: Readonly<Record<string, unknown>>;
}

export interface LintConfig {
  readonly rules: ReadonlyMap<string, RuleSetting>;
  /** The file it was read from. */
  readonly source?: string;
}

/** Every rule at its default severity, with its default options. */
export const DEFAULT_LINT_CONFIG: LintConfig = { rules: new Map() };

export type { Document, ModelObject, Step, TaskSequence };
