import { getClass, propertiesOf } from '../catalog.js';
import type { Step } from '../node.js';
import { toCondition, type ConditionInput } from './conditions.js';
import { frozen } from './frozen.js';

/**
 * What every step builder shares: the options common to all steps (REFERENCE.md §1.5), the model
 * object they make, and the one check builders make — that required properties are there.
 * Builders copy what they are given and fill only Enabled (true) and ContinueOnError (false), which a
 * WMI step instance always carries (the reader fills them the same way); every other property a
 * step leaves out keeps its class default, which the XML writer writes where ConfigMgr does.
 */

export type SupportedEnvironment = 'WinPE' | 'FullOS' | 'WinPEandFullOS';

/** The properties of SMS_TaskSequence_Step, as options. */
export interface StepOptions {
  readonly Description?: string;
  /** false: the step is skipped entirely (XML `disable="true"`). Default true. */
  readonly Enabled?: boolean;
  /** true: a failure of this step does not fail its parent. Default false. */
  readonly ContinueOnError?: boolean;
  /** A condition, one operand, or several operands (ANDed). */
  readonly Condition?: ConditionInput;
}

/** The attributes of SMS_TaskSequence_Pointer (Run Task Sequence): no time-out. */
export interface PointerOptions extends StepOptions {
  /** Where the step may run (XML `runIn`); the class default when left out. */
  readonly SupportedEnvironment?: SupportedEnvironment;
  /** Exit codes that count as success, space separated (XML `successCodeList`). */
  readonly SuccessCodeList?: string;
  readonly RetryCount?: number;
  /** Access content directly from the distribution point (XML `runFromNet`). */
  readonly RunFromNet?: boolean;
}

/** The attributes of SMS_TaskSequence_Action. */
export interface ActionOptions extends PointerOptions {
  /** Seconds; the engine stops the step when it runs longer (XML `timeout`, REFERENCE.md §1.5). */
  readonly Timeout?: number;
  readonly StartIn?: string;
}

/** "Run Command Line (SMS_TaskSequence_RunCommandLineAction)", for messages. */
export function describeClass(className: string): string {
  const display = getClass(className)?.displayName;
  return display ? `${display} (${className})` : className;
}

/** The Not_Null properties of a class that have no default: a builder cannot do without them. */
export function requiredProperties(className: string): string[] {
  if (!getClass(className)) return [];
  return propertiesOf(className)
    .filter((p) => p.required === true && p.default === undefined && p.name !== 'Name' && p.xml.kind !== 'steps' && p.xml.kind !== 'operands')
    .map((p) => p.name);
}

function checkRequired(className: string, props: Readonly<Record<string, unknown>>, where: string): void {
  const missing = requiredProperties(className).filter((p) => props[p] === undefined || props[p] === null);
  if (missing.length > 0) {
    const list = missing.join(', ');
    throw new TypeError(`${where} needs ${list}: ${missing.length > 1 ? 'they are' : 'it is'} required (Not_Null) and ${missing.length > 1 ? 'have' : 'has'} no default`);
  }
}

/** An embedded-object array (Partitions, Adapters, …): each element an object of the embedded class. */
function embeddedList(ownerClass: string, property: string, value: unknown, where: string): unknown {
  const def = getClass(ownerClass) ? propertiesOf(ownerClass).find((p) => p.name === property) : undefined;
  const elementClass = def?.array && def.embedded ? def.embedded : undefined;
  if (!elementClass || getClass(elementClass)?.role !== 'embedded') return value;
  if (!Array.isArray(value)) throw new TypeError(`${where}: ${property} must be an array of ${elementClass} objects`);
  return frozen(
    value.map((item: unknown, i: number) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new TypeError(`${where}: ${property}[${i}] must be an object`);
      const element: Record<string, unknown> = { __CLASS: elementClass };
      for (const [k, v] of Object.entries(item)) if (v !== undefined) element[k] = v;
      checkRequired(elementClass, element, `${where}: ${property}[${i}]`);
      return frozen(element);
    }),
  );
}

/**
 * A step of any class that is not a group: the common options, then the given properties as they are
 * (undefined ones left out, embedded arrays given their element class). Throws a TypeError when the
 * name or a required property is missing.
 */
export function buildStep(className: string, name: string, props: Readonly<Record<string, unknown>>): Step {
  const label = describeClass(className);
  if (typeof name !== 'string' || name === '') throw new TypeError(`${label}: a step needs a name (a non-empty string), got ${JSON.stringify(name) ?? 'nothing'}`);
  const where = `${label} "${name}"`;
  if (typeof props !== 'object' || props === null) throw new TypeError(`${where}: the properties must be an object`);
  for (const reserved of ['__CLASS', 'Name', 'Steps']) {
    if (props[reserved] !== undefined) throw new TypeError(`${where}: ${reserved} cannot be given as a property`);
  }
  checkRequired(className, props, where);
  const { Description, Enabled, ContinueOnError, Condition, ...rest } = props;
  const obj: Record<string, unknown> = { __CLASS: className, Name: name };
  if (Description !== undefined) obj['Description'] = Description;
  obj['Enabled'] = Enabled ?? true;
  obj['ContinueOnError'] = ContinueOnError ?? false;
  if (Condition !== undefined) obj['Condition'] = toCondition(Condition as ConditionInput);
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) obj[k] = embeddedList(className, k, v, where);
  return frozen(obj) as Step;
}
