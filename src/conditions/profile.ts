import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../schemas/machine-profile.schema.json' with { type: 'json' };
import { TseqInputError } from '../model/errors.js';

/**
 * A machine profile: one machine as task sequence conditions see it (the JSON shape,
 * schemas/machine-profile.schema.json). Every key but `name` is optional and a missing one is an
 * empty one (REFERENCE.md §9).
 */
export type WmiValue = string | number | boolean | null | readonly (string | number | boolean | null)[];
export type WmiInstance = Readonly<Record<string, WmiValue>>;

export interface RegistryValue {
  readonly type: 'REG_SZ' | 'REG_EXPAND_SZ' | 'REG_MULTI_SZ' | 'REG_DWORD' | 'REG_QWORD' | 'REG_BINARY' | 'REG_NONE';
  readonly data: string | number | readonly string[];
}

export interface InstalledSoftware {
  readonly productCode?: string;
  readonly upgradeCode?: string;
  readonly name?: string;
  readonly version?: string;
}

export interface MachineProfile {
  readonly name: string;
  readonly description?: string;
  readonly inWinPE?: boolean;
  readonly variables?: Readonly<Record<string, string | number | boolean>>;
  /** Environment variables: `%NAME%` falls back to them when no task sequence variable has the name. */
  readonly environment?: Readonly<Record<string, string>>;
  readonly wmi?: Readonly<Record<string, Readonly<Record<string, readonly WmiInstance[]>>>>;
  readonly registry?: Readonly<Record<string, Readonly<Record<string, RegistryValue>>>>;
  readonly files?: Readonly<Record<string, { readonly version?: string; readonly modified?: string; readonly size?: number }>>;
  readonly folders?: Readonly<Record<string, { readonly modified?: string }>>;
  readonly software?: readonly InstalledSoftware[];
}

let validateSchema: ValidateFunction<MachineProfile> | undefined;

/** Checks a parsed JSON value against the schema; throws one clear error naming every problem's place. */
export function parseMachineProfile(json: unknown, file?: string): MachineProfile {
  // Compiled on first use: commands that never read a profile do not pay for it.
  validateSchema ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile<MachineProfile>(schema);
  if (validateSchema(json)) return json;
  const problems = (validateSchema.errors ?? []).slice(0, 5).map(describeSchemaError);
  throw new TseqInputError('PRF001', `not a valid machine profile: ${problems.join('; ')}`, file ? { file } : {}, 'see schemas/machine-profile.schema.json');
}

function describeSchemaError(e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.replace(/~1/g, '/').replace(/~0/g, '~') : '(top level)';
  if (e.keyword === 'additionalProperties') return `${where}: unknown key "${String((e.params as { additionalProperty: string }).additionalProperty)}"`;
  if (e.keyword === 'enum') return `${where}: must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ')}`;
  return `${where}: ${e.message ?? e.keyword}`;
}

/** Hive abbreviations accepted in profiles and conditions, to the names ConfigMgr writes. */
const HIVES: Record<string, string> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKU: 'HKEY_USERS',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKCC: 'HKEY_CURRENT_CONFIG',
};

/** A Windows path as Windows compares it: case-insensitive, either slash, no trailing separator. */
export function normalizeWindowsPath(path: string): string {
  let p = path.trim().replace(/\//g, '\\').replace(/\\{2,}/g, (m, offset: number) => (offset === 0 ? m : '\\'));
  while (p.length > 3 && p.endsWith('\\')) p = p.slice(0, -1);
  return p.toLowerCase();
}

/** A registry key path with its hive spelled out, compared case-insensitively. */
export function normalizeRegistryKey(path: string): string {
  const p = path.trim().replace(/\//g, '\\').replace(/\\+$/, '');
  const i = p.indexOf('\\');
  const hive = (i < 0 ? p : p.slice(0, i)).toUpperCase();
  const rest = i < 0 ? '' : p.slice(i);
  return ((HIVES[hive] ?? hive) + rest).toLowerCase();
}

/** Normalises GUIDs so `{ABC…}` and `abc…` compare equal. */
export function normalizeGuid(code: string): string {
  return code.trim().replace(/^\{|\}$/g, '').toLowerCase();
}

/**
 * The profile indexed the way the evaluator asks: everything by case-insensitive name, paths as
 * Windows compares them. Built once per profile.
 */
export interface ProfileIndex {
  readonly profile: MachineProfile;
  instancesOf(namespace: string, className: string): readonly WmiInstance[] | undefined;
  hasNamespace(namespace: string): boolean;
  /** undefined: no such key. */
  registryKey(keyPath: string): ReadonlyMap<string, RegistryValue> | undefined;
  file(path: string): { version?: string; modified?: string; size?: number } | undefined;
  folder(path: string): { modified?: string } | undefined;
  readonly software: readonly InstalledSoftware[];
  /** An environment variable, case-insensitively. */
  environmentVariable(name: string): string | undefined;
}

export function indexProfile(profile: MachineProfile): ProfileIndex {
  const namespaces = new Map<string, Map<string, readonly WmiInstance[]>>();
  for (const [ns, classes] of Object.entries(profile.wmi ?? {})) {
    const key = normalizeNamespace(ns);
    const map = namespaces.get(key) ?? new Map<string, readonly WmiInstance[]>();
    for (const [cls, instances] of Object.entries(classes)) map.set(cls.toLowerCase(), [...(map.get(cls.toLowerCase()) ?? []), ...instances]);
    namespaces.set(key, map);
  }
  const registry = new Map<string, Map<string, RegistryValue>>();
  for (const [key, values] of Object.entries(profile.registry ?? {})) {
    const k = normalizeRegistryKey(key);
    const map = registry.get(k) ?? new Map<string, RegistryValue>();
    for (const [name, value] of Object.entries(values)) map.set(name.toLowerCase(), value);
    registry.set(k, map);
    // A key implies its parents exist.
    let parent = k;
    while (parent.includes('\\')) {
      parent = parent.slice(0, parent.lastIndexOf('\\'));
      if (!registry.has(parent)) registry.set(parent, new Map());
    }
  }
  const environment = new Map(Object.entries(profile.environment ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const files = new Map(Object.entries(profile.files ?? {}).map(([p, f]) => [normalizeWindowsPath(p), f]));
  const folders = new Map(Object.entries(profile.folders ?? {}).map(([p, f]) => [normalizeWindowsPath(p), f]));
  // A file implies the folders above it exist.
  for (const p of [...files.keys(), ...folders.keys()]) {
    let parent = p;
    while (parent.lastIndexOf('\\') > 2) {
      parent = parent.slice(0, parent.lastIndexOf('\\'));
      if (!folders.has(parent)) folders.set(parent, {});
    }
  }
  return {
    profile,
    instancesOf: (ns, cls) => namespaces.get(normalizeNamespace(ns))?.get(cls.toLowerCase()),
    hasNamespace: (ns) => namespaces.has(normalizeNamespace(ns)),
    registryKey: (key) => registry.get(normalizeRegistryKey(key)),
    file: (p) => files.get(normalizeWindowsPath(p)),
    folder: (p) => folders.get(normalizeWindowsPath(p)),
    software: profile.software ?? [],
    environmentVariable: (name) => environment.get(name.toLowerCase()),
  };
}

/** `root\cimv2`, `ROOT/CIMV2` and `\\.\root\cimv2` name the same namespace. */
export function normalizeNamespace(ns: string): string {
  return ns.trim().replace(/\//g, '\\').replace(/^\\\\[^\\]+\\/, '').toLowerCase();
}
