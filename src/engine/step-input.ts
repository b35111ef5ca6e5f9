import { expandVariables, type VariableStore } from '../conditions/index.js';
import { propertiesOf, getClass } from '../model/catalog.js';
import type { PropertyDef } from '../model/class-def.js';
import type { Step } from '../model/node.js';

/**
 * What a step's action gets: its properties as the engine hands them over (REFERENCE.md §5.2 step 5,
 * §5.7): a variable already set in the environment overrides the step's default for the variable the
 * property maps to, then `%NAME%` references in string values are expanded (§9: a reference to a
 * variable that does not exist stays as written). Secret values are collected so that the shell can
 * mask them wherever it writes (log, trace, journal).
 */
export interface PreparedStep {
  readonly properties: Readonly<Record<string, unknown>>;
  readonly secrets: readonly string[];
  /**
   * The step's defaultVarList as action variables (§5.2 step 5): present only while the step runs,
   * for the variables not already set (a value set earlier overrides the default and persists).
   */
  readonly actionVariables: readonly (readonly [string, string])[];
}

const byNameCache = new WeakMap<readonly PropertyDef[], ReadonlyMap<string, PropertyDef>>();

/** A class's properties by name, built once per class (propertiesOf returns the same array for a class). */
function propertiesByName(defs: readonly PropertyDef[]): ReadonlyMap<string, PropertyDef> {
  let map = byNameCache.get(defs);
  if (!map) byNameCache.set(defs, (map = new Map(defs.map((d) => [d.name, d]))));
  return map;
}

export function prepareStep(step: Step, variables: VariableStore, environment: (name: string) => string | undefined = () => undefined): PreparedStep {
  const props: Record<string, unknown> = {};
  const secrets: string[] = [];
  const actionVariables: [string, string][] = [];
  const defs = propertiesOf(getClass(step.__CLASS) ? step.__CLASS : 'SMS_TaskSequence_Action');
  const byName = propertiesByName(defs);
  const lookup = (name: string): string | undefined => variables.get(name) ?? environment(name);
  for (const key of Object.keys(step)) {
    if (key === 'Steps' || key === 'Condition') continue;
    let value = step[key];
    const def = byName.get(key);
    const variable = def?.xml.kind === 'variable' ? def.xml.name : undefined;
    if (variable && !variable.startsWith('_')) {
      const set = variables.get(variable);
      if (set !== undefined) value = set;
    }
    if (typeof value === 'string') value = expandVariables(value, lookup);
    if (variable && !variables.has(variable) && !def?.secret && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) {
      actionVariables.push([variable, typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value)]);
    }
    props[key] = value;
    if (def?.secret && typeof value === 'string' && value !== '') secrets.push(value);
  }
  return { properties: props, secrets, actionVariables };
}
