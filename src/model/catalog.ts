import type { ClassDef, PropertyDef, ScalarValue } from './class-def.js';
import { ALL_CLASSES } from './catalog/index.js';

/**
 * Lookups over the catalog. Built once; every layer asks here instead of keeping its own tables.
 */
const byName = new Map<string, ClassDef>();
const byLowerName = new Map<string, ClassDef>();
for (const def of ALL_CLASSES) {
  byName.set(def.name, def);
  byLowerName.set(def.name.toLowerCase(), def);
}

export function allClasses(): readonly ClassDef[] {
  return ALL_CLASSES;
}

/** The class entry, by exact name, else case-insensitively (WMI class names are case-insensitive). */
export function getClass(name: string): ClassDef | undefined {
  return byName.get(name) ?? byLowerName.get(name.toLowerCase());
}

/** The class and its ancestors, the class first. */
export function ancestry(name: string): ClassDef[] {
  const chain: ClassDef[] = [];
  let def = getClass(name);
  while (def) {
    chain.push(def);
    def = def.parent ? getClass(def.parent) : undefined;
  }
  return chain;
}

export function isSubclassOf(name: string, ancestor: string): boolean {
  return ancestry(name).some((d) => d.name === ancestor);
}

const propertiesCache = new Map<string, readonly PropertyDef[]>();

/**
 * Every property of a class, inherited ones first in ancestor order; a subclass entry with the same
 * name overrides the inherited one in its place (a different default, an extra XML mapping).
 */
export function propertiesOf(name: string): readonly PropertyDef[] {
  const cached = propertiesCache.get(name);
  if (cached) return cached;
  const out: PropertyDef[] = [];
  for (const def of ancestry(name).reverse()) {
    for (const p of def.properties) {
      const at = out.findIndex((q) => q.name === p.name);
      if (at >= 0) out[at] = p;
      else out.push(p);
    }
  }
  propertiesCache.set(name, out);
  return out;
}

export function propertyOf(className: string, propertyName: string): PropertyDef | undefined {
  return propertiesOf(className).find((p) => p.name === propertyName);
}

/** A class property's value, or its catalog default when absent. */
export function valueOrDefault(obj: { readonly __CLASS: string; readonly [k: string]: unknown }, property: string): unknown {
  const v = obj[property];
  if (v !== undefined) return v;
  return defaultOf(obj.__CLASS, property);
}

/** The default of a property for a class, including the class-level step defaults (runIn, success codes, retries). */
export function defaultOf(className: string, property: string): ScalarValue | undefined {
  const classDefault = classLevelDefault(className, property);
  if (classDefault !== undefined) return classDefault;
  return propertyOf(className, property)?.default;
}

function classLevelDefault(className: string, property: string): ScalarValue | undefined {
  for (const def of ancestry(className)) {
    if (property === 'SupportedEnvironment' && def.defaultRunIn) return def.defaultRunIn;
    if (property === 'SuccessCodeList' && def.defaultSuccessCodes) return def.defaultSuccessCodes;
    if (property === 'RetryCount' && def.defaultRetryCount !== undefined) return def.defaultRetryCount;
  }
  return undefined;
}

/** The role of a class; an unknown class in a `<step>` is a custom action (REFERENCE.md §1.5). */
export function roleOf(name: string): ClassDef['role'] | undefined {
  return getClass(name)?.role;
}

/** The console name of a class ("Run Command Line"), or the class name for classes it does not know. */
export function displayNameOf(name: string): string {
  return getClass(name)?.displayName ?? name;
}

/** Secret and quasi-secret properties of a class: never shown, logged or journalled. */
export function isSecretProperty(className: string, property: string): boolean {
  const def = propertyOf(className, property);
  if (def) return def.secret !== undefined;
  // A class the catalog does not know: treat what is named like a password as one.
  return /passw(or)?d|pwd$|^pin$/i.test(property);
}

/** The defaultVarList variable of a property: its own, or the one beside an attribute (RetryCount, RunFromNet). */
export function variableOf(def: PropertyDef): { readonly name: string; readonly hidden?: boolean } | undefined {
  if (def.xml.kind === 'variable') return def.xml;
  if (def.xml.kind === 'attribute' && def.xml.variable) return def.xml.variable;
  return undefined;
}
