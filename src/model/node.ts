/**
 * The model: plain, immutable data shaped like the WMI classes (ARCHITECTURE.md "One model").
 * Every object names its class in `__CLASS`, as WMI's system property does; property names are
 * PascalCase as WMI spells them; a sequence's or group's children are `Steps`, a step's condition
 * `Condition`, an operator's or condition's operands `Operands`. The JSON form is the model itself.
 */

/** Any model object. Properties the catalog does not know are kept under their own names. */
export interface ModelObject {
  readonly __CLASS: string;
  readonly [property: string]: unknown;
}

export interface TaskSequence extends ModelObject {
  readonly __CLASS: 'SMS_TaskSequence';
  readonly SchemaVersion?: string;
  readonly Steps: readonly Step[];
}

/** A step or a group (SMS_TaskSequence_Step). */
export interface Step extends ModelObject {
  readonly Name: string;
  readonly Description?: string;
  readonly Enabled: boolean;
  readonly ContinueOnError: boolean;
  readonly Condition?: Condition;
}

/**
 * A step's name as shown to people. A file can lack one (validate reports TS002, Name is required):
 * it is then shown as "(no name)", never as "undefined".
 */
export function stepLabel(step: Step): string {
  return typeof step.Name === 'string' && step.Name !== '' ? step.Name : '(no name)';
}

export interface Group extends Step {
  readonly __CLASS: 'SMS_TaskSequence_Group';
  readonly Steps: readonly Step[];
}

export interface Condition extends ModelObject {
  readonly __CLASS: 'SMS_TaskSequence_Condition';
  readonly Operands: readonly Operand[];
}

/** An operator: and / or / not, or one of the OS condition groups (which are operators in WMI). */
export interface Operator extends ModelObject {
  readonly OperatorType: string;
  readonly Operands: readonly Operand[];
}

/** An expression (variable, WMI, file, folder, registry, software, OS, or one the catalog does not know). */
export type Expression = ModelObject;

export type Operand = Operator | Expression;

/** A task sequence package (SMS_TaskSequencePackage) holding its sequence, as console exports carry it. */
export interface TaskSequencePackage extends ModelObject {
  readonly __CLASS: 'SMS_TaskSequencePackage';
  readonly Sequence: TaskSequence;
}

/** What a document holds: a bare sequence, or a package around one. */
export type Document = TaskSequence | TaskSequencePackage;

export const GROUP_CLASS = 'SMS_TaskSequence_Group';
export const SEQUENCE_CLASS = 'SMS_TaskSequence';
export const CONDITION_CLASS = 'SMS_TaskSequence_Condition';
export const OPERATOR_CLASS = 'SMS_TaskSequence_ConditionOperator';
export const PACKAGE_CLASS = 'SMS_TaskSequencePackage';

export function isGroup(step: ModelObject): step is Group {
  return step.__CLASS === GROUP_CLASS;
}

export function isOperator(operand: ModelObject): operand is Operator {
  return Array.isArray(operand['Operands']);
}

export function isPackage(doc: ModelObject): doc is TaskSequencePackage {
  return doc.__CLASS === PACKAGE_CLASS;
}

/** The sequence of a document, whatever its container. */
export function sequenceOf(doc: Document): TaskSequence {
  return isPackage(doc) ? doc.Sequence : doc;
}

/** A step's place in the tree, 1-based as the console numbers it: `2/1` is the first child of the second top-level step. */
export type StepPath = string;

export interface StepVisit {
  readonly step: Step;
  readonly path: StepPath;
  readonly depth: number;
  readonly parents: readonly Group[];
}

/** Every step and group in document order, depth first. */
export function* walkSteps(steps: readonly Step[], prefix = '', parents: readonly Group[] = []): Generator<StepVisit> {
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const path = prefix ? `${prefix}/${i + 1}` : `${i + 1}`;
    yield { step, path, depth: parents.length, parents };
    if (isGroup(step)) yield* walkSteps(step.Steps, path, [...parents, step]);
  }
}
