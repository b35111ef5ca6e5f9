import type { Group, Step } from '../node.js';
import { GROUP_CLASS } from '../node.js';
import { toCondition, type ConditionInput } from './conditions.js';
import { frozen } from './frozen.js';

export interface GroupOptions {
  readonly description?: string;
  /** false: the group and everything in it is skipped (XML `disable="true"`). Default true. */
  readonly enabled?: boolean;
  /** true: a failure inside does not fail the group's parent. Default false. */
  readonly continueOnError?: boolean;
  /** A condition, one operand, or several operands (ANDed); false skips everything inside. */
  readonly condition?: ConditionInput;
}

/** A group of steps (SMS_TaskSequence_Group, REFERENCE.md §1.5): `group('Install', [step, …], { continueOnError: true })`. */
export function group(name: string, steps: readonly Step[], options: GroupOptions = {}): Group {
  if (typeof name !== 'string' || name === '') throw new TypeError(`group(): a group needs a name (a non-empty string), got ${JSON.stringify(name) ?? 'nothing'}`);
  if (!Array.isArray(steps)) throw new TypeError(`group "${name}": steps must be an array of steps`);
  const obj: Record<string, unknown> = { __CLASS: GROUP_CLASS, Name: name };
  if (options.description !== undefined) obj['Description'] = options.description;
  obj['Enabled'] = options.enabled ?? true;
  obj['ContinueOnError'] = options.continueOnError ?? false;
  if (options.condition !== undefined) obj['Condition'] = toCondition(options.condition);
  obj['Steps'] = frozen([...steps]);
  return frozen(obj) as Group;
}
