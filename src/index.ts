/**
 * The public API of the `tseq` package: what a task-sequence-as-code file imports (docs/code-first.md).
 *
 *   import { defineTaskSequence, group, runCommandLine, variable } from 'tseq';
 *
 * The builders and `defineTaskSequence` make the model; `validateSequence` checks it as `tseq validate`
 * does; `readDocument` and `writeDocumentText` read and write the XML ConfigMgr and MDT use.
 */

// ---- builders: steps, groups, conditions, the sequence ----
export * from './model/builders/index.js';

// ---- the model ----
export type {
  Condition,
  Document,
  Expression,
  Group,
  ModelObject,
  Operand,
  Operator,
  Step,
  StepPath,
  StepVisit,
  TaskSequence,
  TaskSequencePackage,
} from './model/node.js';
export { CONDITION_CLASS, GROUP_CLASS, OPERATOR_CLASS, PACKAGE_CLASS, SEQUENCE_CLASS, isGroup, isOperator, isPackage, sequenceOf, walkSteps } from './model/node.js';
export { TseqInputError } from './model/errors.js';
export type { SourceLocation } from './model/errors.js';

// ---- validation ----
export { RULES, validateDocument, validateSequence } from './model/validate.js';
export type { Diagnostic, RuleCode, Severity, ValidateOptions } from './model/validate.js';

// ---- XML ----
export { readDocument, writeDocumentBytes, writeDocumentText } from './xml/index.js';
export type { DocumentKind, ReadOptions, ReadResult, WriteOptions } from './xml/index.js';
