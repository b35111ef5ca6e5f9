import type { ClassRole, PropertyDef } from '../model/class-def.js';
import { getClass, propertiesOf, variableOf } from '../model/catalog.js';

/**
 * How a step's `<defaultVarList>` variables map to model properties, and back (REFERENCE.md §2.1).
 * A variable is matched by its `property` attribute first (the WMI name), then by its variable name,
 * since MDT sometimes writes the variable name in both (`property="SMSTSRunCommandLineUserName"`).
 * Embedded-object arrays are flattened as `<Var><i><Field>` / `<Prop><i><Field>` with a counter.
 */
export type VariableResolution =
  | { readonly kind: 'property'; readonly def: PropertyDef }
  | { readonly kind: 'counter'; readonly def: PropertyDef }
  | { readonly kind: 'element'; readonly def: PropertyDef; readonly index: number; readonly field: string; readonly fieldDef: PropertyDef | undefined }
  | { readonly kind: 'unknown'; readonly key: string };


interface ClassVariableIndex {
  readonly byProperty: Map<string, PropertyDef>;
  readonly byVariable: Map<string, PropertyDef>;
  /** Embedded-object arrays with the patterns of their element fields, by property and by variable name. */
  readonly arrays: readonly { readonly def: PropertyDef; readonly byProperty: RegExp; readonly byVariable: RegExp }[];
  /**
   * Resolutions already made, by property attribute ('' when absent), then variable name: a sequence
   * repeats them step after step. Two levels, not one joined key: the parser shares attribute
   * strings, so both lookups hash strings whose hash V8 already holds.
   */
  readonly resolved: Map<string, Map<string, VariableResolution>>;
  /**
   * The resolution last made for the n-th variable of a list: steps of a class mostly list the same
   * variables in the same order, and comparing two strings costs less than hashing a new one, which
   * every lookup by a just-parsed name does.
   */
  readonly byPosition: ({ readonly name: string; readonly property: string | undefined; readonly resolution: VariableResolution } | undefined)[];
  /** The properties the class keeps in attributes (see shadowsAttribute). */
  readonly attributeProperties: ReadonlySet<string>;
}

/** Variables further down a list than this are resolved by lookup only. */
const POSITIONS_REMEMBERED = 64;

const indexCache = new Map<string, ClassVariableIndex>();

/**
 * The highest element index read into an embedded-object array. Arrays are dense, so an index
 * makes every element before it: `OSDPartitions99999999Size` would make 100 million. No step has
 * near 1,000 partitions, adapters, applications or packages (GPT allows 128 partitions); a variable
 * past the bound is kept as an unknown variable under its own name, and written back as it was.
 */
export const MAX_ARRAY_INDEX = 999;

/** The variables of a class: resolve a list's variables with resolveVariableAt against it. */
export function variablesOf(className: string): ClassVariableIndex {
  let index = indexCache.get(className);
  if (index) return index;
  const byProperty = new Map<string, PropertyDef>();
  const byVariable = new Map<string, PropertyDef>();
  const arrays: { def: PropertyDef; byProperty: RegExp; byVariable: RegExp }[] = [];
  const fieldPattern = (stem: string): RegExp => new RegExp(`^${escapeRegExp(stem)}(\\d+)([A-Za-z_][A-Za-z0-9_]*)$`, 'i');
  const attributeProperties = new Set<string>();
  for (const def of propertiesOf(className)) {
    if (def.xml.kind === 'attribute') attributeProperties.add(def.name);
    const v = variableOf(def);
    if (!v) continue;
    byProperty.set(def.name.toLowerCase(), def);
    byVariable.set(v.name.toLowerCase(), def);
    if (def.embedded) arrays.push({ def, byProperty: fieldPattern(def.name), byVariable: fieldPattern(v.name) });
  }
  index = { byProperty, byVariable, arrays, resolved: new Map(), byPosition: [], attributeProperties };
  indexCache.set(className, index);
  return index;
}

export function resolveVariable(className: string, variableName: string, propertyAttr: string | undefined): VariableResolution {
  return resolveIndexed(variablesOf(className), variableName, propertyAttr);
}

/** resolveVariable for the variable at `position` in its list (see ClassVariableIndex.byPosition). */
export function resolveVariableAt(index: ClassVariableIndex, position: number, variableName: string, propertyAttr: string | undefined): VariableResolution {
  const last = index.byPosition[position];
  if (last !== undefined && last.name === variableName && last.property === propertyAttr) return last.resolution;
  const resolution = resolveIndexed(index, variableName, propertyAttr);
  if (position < POSITIONS_REMEMBERED) index.byPosition[position] = { name: variableName, property: propertyAttr, resolution };
  return resolution;
}

function resolveIndexed(index: ClassVariableIndex, variableName: string, propertyAttr: string | undefined): VariableResolution {
  let byName = index.resolved.get(propertyAttr ?? '');
  if (!byName) index.resolved.set(propertyAttr ?? '', (byName = new Map()));
  let resolution = byName.get(variableName);
  if (!resolution) {
    resolution = (propertyAttr && resolveIn(index, propertyAttr, true)) || (variableName && resolveIn(index, variableName, false)) || { kind: 'unknown', key: propertyAttr || variableName };
    byName.set(variableName, resolution);
  }
  return resolution;
}

/** A property or variable name among a class's properties, or among the fields of its embedded-object arrays. */
function resolveIn(index: ClassVariableIndex, key: string, isProperty: boolean): VariableResolution | undefined {
  const def = (isProperty ? index.byProperty : index.byVariable).get(key.toLowerCase());
  if (def) return def.embedded ? { kind: 'counter', def } : { kind: 'property', def };
  for (const arr of index.arrays) {
    const m = (isProperty ? arr.byProperty : arr.byVariable).exec(key);
    if (m && Number(m[1]) <= MAX_ARRAY_INDEX) {
      const field = m[2]!;
      const fieldDef = propertiesOf(arr.def.embedded!).find((p) => p.name.toLowerCase() === field.toLowerCase());
      return { kind: 'element', def: arr.def, index: Number(m[1]), field: fieldDef?.name ?? field, fieldDef };
    }
  }
  return undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether an unknown variable's key names a property the class keeps in an attribute (a custom step
 * that also lists `RetryCount` among its variables). The attribute is the property; the variable
 * is not read into the model, and is written back as it was.
 */
export function shadowsAttribute(className: string, key: string): boolean {
  return variablesOf(className).attributeProperties.has(key);
}

/** The catalog roles of classes a `<step>`, `<group>` or `<subtasksequence>` can stand for. */
const STEP_ROLES: ReadonlySet<ClassRole> = new Set(['step', 'group', 'action', 'pointer']);

/**
 * The class whose properties a step of class `name` has. A class the catalog does not know is a
 * custom action, and so is a class it knows that is no step (`<step type="SMS_TaskSequence_
 * OSExpressionGroup">`): read with that class's properties, its `type` attribute was also its
 * OperatorType, and written back it had two.
 */
export function propertyClassFor(name: string, fallback = 'SMS_TaskSequence_Action'): string {
  const def = getClass(name);
  return def && STEP_ROLES.has(def.role) ? name : fallback;
}
