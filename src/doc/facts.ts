import { parseDynamicRules } from '../conditions/index.js';
import { displayNameOf, getClass, isSecretProperty, propertiesOf, valueOrDefault } from '../model/catalog.js';
import type { Document, Group, ModelObject, Step } from '../model/node.js';
import { isGroup, isPackage, sequenceOf, walkSteps } from '../model/node.js';
import { describeConditionInWords, describeOperandInWords } from './condition-words.js';

/**
 * What a document says, gathered once for both output formats: the summary, one row per step and
 * group in document order, and the packages and applications the steps reference. Pure data; the
 * renderers only lay it out and escape it.
 */
export interface DocumentFacts {
  readonly title: string;
  /** Package-level facts (PackageID, description, …) when the document is a package. */
  readonly packageFacts: readonly (readonly [string, string])[];
  readonly source?: string;
  readonly schemaVersion?: string;
  readonly stepCount: number;
  readonly groupCount: number;
  /** Deepest level of group nesting: 1 when every group is top-level, 0 without groups. */
  readonly maxDepth: number;
  /** Step classes used, by display name, most used first. */
  readonly classes: readonly { readonly name: string; readonly className: string; readonly count: number }[];
  /** Effective run environments of the steps (groups have none), most used first. */
  readonly environments: readonly { readonly environment: string; readonly count: number }[];
  /** The display names of the step classes that make this an OS deployment (SequenceCategory "OSD"); empty if none. */
  readonly osdClasses: readonly string[];
  readonly conditioned: number;
  readonly disabled: number;
  readonly continueOnError: number;
  readonly rows: readonly StepRow[];
  readonly references: readonly Reference[];
  /** Top-level items, for the flow diagram. */
  readonly topLevel: readonly Step[];
}

export interface StepRow {
  readonly path: string;
  readonly depth: number;
  readonly step: Step;
  readonly isGroup: boolean;
  readonly name: string;
  readonly typeName: string;
  readonly description: string;
  readonly properties: readonly PropertyFact[];
  /** The condition in words, "" when there is none. */
  readonly condition: string;
  readonly disabled: boolean;
  /** Enabled itself, but inside a disabled group: never runs either. */
  readonly inDisabledGroup: boolean;
  readonly continueOnError: boolean;
  /** Steps inside a group, at any depth (0 for a step). */
  readonly stepsInside: number;
  readonly packages: readonly string[];
}

export interface PropertyFact {
  readonly name: string;
  /** The value's lines; one line for a single-line value. Already masked and truncated. */
  readonly lines: readonly string[];
  /** A multi-line value (a script, rules, a list of partitions): shown as a code block. */
  readonly block: boolean;
  readonly secret: boolean;
}

export interface Reference {
  readonly id: string;
  /** What kind of content, from the property that names it ("Package", "Image package", "Application", …). */
  readonly kinds: readonly string[];
  readonly usedBy: readonly { readonly path: string; readonly name: string }[];
}

export const SECRET_MASK = '********';
/** Longest single line shown; longer ones are cut with a count of what was left out. */
export const MAX_LINE = 160;
/** Most lines of a multi-line value shown. */
export const MAX_LINES = 10;

/** The inherited step attributes (name, description, enabled, run environment, time-out, …): not shown as properties. */
const STEP_ATTRIBUTES: ReadonlySet<string> = new Set(
  ['SMS_TaskSequence_Action', 'SMS_TaskSequence_Pointer', 'SMS_TaskSequence_Group'].flatMap((c) => propertiesOf(c).map((p) => p.name)),
);
/** Keys of a step that are never properties to show: the class, the command line ConfigMgr derives, children. */
const NOT_PROPERTIES: ReadonlySet<string> = new Set(['__CLASS', 'Condition', 'Steps', 'Action']);

const ENVIRONMENT_NAMES: Record<string, string> = {
  winpe: 'Windows PE',
  fullos: 'Full OS',
  winpeandfullos: 'Windows PE and full OS',
};

export function environmentName(env: string): string {
  return ENVIRONMENT_NAMES[env.toLowerCase()] ?? env;
}

export function gatherFacts(doc: Document, options: { readonly title?: string; readonly source?: string } = {}): DocumentFacts {
  const seq = sequenceOf(doc);
  const rows: StepRow[] = [];
  const classCounts = new Map<string, number>();
  const envCounts = new Map<string, number>();
  const osd = new Set<string>();
  const refs = new Map<string, { kinds: Set<string>; usedBy: { path: string; name: string }[] }>();
  let stepCount = 0;
  let groupCount = 0;
  let maxDepth = 0;
  let conditioned = 0;
  let disabled = 0;
  let continueOnError = 0;

  for (const { step, path, depth, parents } of walkSteps(seq.Steps)) {
    const group = isGroup(step);
    if (group) {
      groupCount++;
      maxDepth = Math.max(maxDepth, depth + 1);
    }
    else {
      stepCount++;
      classCounts.set(step.__CLASS, (classCounts.get(step.__CLASS) ?? 0) + 1);
      const env = valueOrDefault(step, 'SupportedEnvironment');
      if (typeof env === 'string' && env !== '') envCounts.set(environmentName(env), (envCounts.get(environmentName(env)) ?? 0) + 1);
      if (getClass(step.__CLASS)?.osd) osd.add(displayNameOf(step.__CLASS));
    }
    const condition = describeConditionInWords(step.Condition);
    if (condition) conditioned++;
    if (step.Enabled === false) disabled++;
    if (step.ContinueOnError === true) continueOnError++;
    const packages = group ? [] : packagesOf(step);
    for (const p of packages) {
      const entry = refs.get(p.id) ?? { kinds: new Set<string>(), usedBy: [] };
      entry.kinds.add(p.kind);
      if (!entry.usedBy.some((u) => u.path === path)) entry.usedBy.push({ path, name: step.Name });
      refs.set(p.id, entry);
    }
    rows.push({
      path,
      depth,
      step,
      isGroup: group,
      name: String(step.Name ?? ''),
      typeName: group ? 'Group' : displayNameOf(step.__CLASS),
      description: typeof step.Description === 'string' ? step.Description : '',
      properties: group ? [] : propertyFacts(step),
      condition,
      disabled: step.Enabled === false,
      inDisabledGroup: step.Enabled !== false && parents.some((g) => g.Enabled === false),
      continueOnError: step.ContinueOnError === true,
      stepsInside: group ? countSteps(step) : 0,
      packages: [...new Set(packages.map((p) => p.id))],
    });
  }

  const byCount = <K>(m: Map<K, number>): [K, number][] => [...m.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
  return {
    title: options.title ?? defaultTitle(doc),
    packageFacts: packageFactsOf(doc),
    ...(options.source !== undefined ? { source: options.source } : {}),
    ...(typeof seq.SchemaVersion === 'string' ? { schemaVersion: seq.SchemaVersion } : {}),
    stepCount,
    groupCount,
    maxDepth,
    classes: byCount(classCounts).map(([className, count]) => ({ name: displayNameOf(className), className, count })),
    environments: byCount(envCounts).map(([environment, count]) => ({ environment, count })),
    osdClasses: [...osd].sort(),
    conditioned,
    disabled,
    continueOnError,
    rows,
    references: [...refs.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([id, r]) => ({ id, kinds: [...r.kinds].sort(), usedBy: r.usedBy })),
    topLevel: seq.Steps,
  };
}

function defaultTitle(doc: Document): string {
  if (isPackage(doc)) {
    const name = doc['Name'];
    if (typeof name === 'string' && name.trim() !== '') return name;
  }
  return 'Task sequence';
}

function packageFactsOf(doc: Document): [string, string][] {
  if (!isPackage(doc)) return [];
  const out: [string, string][] = [];
  for (const key of ['PackageID', 'Name', 'Description', 'Version', 'Manufacturer', 'Language', 'BootImageID', 'Category']) {
    const v = doc[key];
    if (v !== undefined && v !== null && String(v).trim() !== '') out.push([key, String(v)]);
  }
  return out;
}

/** Steps (not groups) inside a group, at any depth. */
export function countSteps(group: Group): number {
  let n = 0;
  for (const { step } of walkSteps(group.Steps)) if (!isGroup(step)) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Properties

/**
 * The properties worth showing for a step: the class's own catalog properties that are set (not
 * the inherited step attributes); for a class the catalog does not know (a custom action), every
 * key that is not a step attribute. Secret values are masked; Set Task Sequence Variable's value is
 * masked when the step hides it (DoNotShowVariableValue), as the console does.
 */
export function propertyFacts(step: Step): PropertyFact[] {
  const known = getClass(step.__CLASS) !== undefined;
  const names = known
    ? propertiesOf(step.__CLASS)
        .map((p) => p.name)
        .filter((n) => !STEP_ATTRIBUTES.has(n) && !NOT_PROPERTIES.has(n))
    : Object.keys(step).filter((k) => !STEP_ATTRIBUTES.has(k) && k !== '__CLASS' && k !== 'Condition' && k !== 'Steps');
  const out: PropertyFact[] = [];
  for (const name of names) {
    const v = step[name];
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    const secret =
      isSecretProperty(step.__CLASS, name) ||
      (name === 'VariableValue' && step.__CLASS === 'SMS_TaskSequence_SetVariableAction' && isTrue(step['DoNotShowVariableValue']));
    if (secret) {
      out.push({ name, lines: [SECRET_MASK], block: false, secret: true });
      continue;
    }
    const lines = valueLines(step, name, v);
    const shown = truncateLines(lines);
    out.push({ name, lines: shown, block: lines.length > 1, secret: false });
  }
  return out;
}

function isTrue(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
}

/** A value as lines of text, before truncation. */
function valueLines(step: Step, name: string, v: unknown): string[] {
  if (name === 'SourceScript' && typeof v === 'string') {
    const script = decodeInlineScript(v);
    if (script !== undefined) return splitLines(script);
  }
  if (name === 'Rules' && step.__CLASS === 'SMS_TaskSequence_SetDynamicVariablesAction' && typeof v === 'string') {
    const rules = rulesInWords(v);
    if (rules) return rules;
  }
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x))) {
      return v.map((x, i) => `${i + 1}. ${embeddedInWords(x as ModelObject)}`);
    }
    return [v.map((x) => String(x)).join(', ')];
  }
  if (typeof v === 'object' && v !== null) return [embeddedInWords(v as ModelObject)];
  return splitLines(String(v));
}

function splitLines(s: string): string[] {
  const lines = s.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 1 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines;
}

/** One element of an embedded-object array ("Type: EFI, FileSystem: FAT32, Size: 499, SizeUnits: MB"), secrets masked. */
function embeddedInWords(o: ModelObject): string {
  const cls = typeof o.__CLASS === 'string' ? o.__CLASS : '';
  return Object.keys(o)
    .filter((k) => k !== '__CLASS' && o[k] !== undefined && o[k] !== '')
    .map((k) => `${k}: ${cls && isSecretProperty(cls, k) ? SECRET_MASK : String(o[k])}`)
    .join(', ');
}

/** Run PowerShell Script's inline script: base64 of UTF-16 LE text with a BOM (REFERENCE.md §10). */
export function decodeInlineScript(b64: string): string | undefined {
  const compact = b64.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return undefined;
}

/** Set Dynamic Variables rules as "if <condition>: NAME = value, …", secret values masked; undefined if they do not parse. */
function rulesInWords(text: string): string[] | undefined {
  let rules;
  try {
    rules = parseDynamicRules(text);
  } catch {
    return undefined;
  }
  if (rules.length === 0) return undefined;
  return rules.map((r) => {
    const when = r.condition.length ? `if ${r.condition.map((c) => describeOperandInWords(c, false)).join(' and ')}` : 'always';
    const sets = r.variables.map((v) => `${v.name} = ${v.isSecret ? SECRET_MASK : v.value}`).join(', ');
    return `${when}: ${sets || '(no variables)'}`;
  });
}

/** At most MAX_LINES lines of at most MAX_LINE characters each; what is cut is counted. */
export function truncateLines(lines: readonly string[]): string[] {
  const out = lines.slice(0, MAX_LINES).map(truncateLine);
  if (lines.length > MAX_LINES) out.push(`… (${lines.length - MAX_LINES} more lines)`);
  return out;
}

export function truncateLine(line: string): string {
  const chars = [...line];
  if (chars.length <= MAX_LINE) return line;
  return `${chars.slice(0, MAX_LINE - 20).join('')}… (${chars.length - (MAX_LINE - 20)} more characters)`;
}

// ---------------------------------------------------------------------------------------------
// References

const PACKAGE_KINDS: Record<string, string> = {
  PackageID: 'Package',
  ImagePackageID: 'Image package',
  InstallPackageID: 'OS upgrade package',
  DriverPackageID: 'Driver package',
  ClientPackageID: 'Client package',
  ClientPreProductionPackageID: 'Client package (pre-production)',
  UsmtPackageID: 'USMT package',
  UsmtRestorePackageID: 'USMT package',
  SysprepPackageID: 'Sysprep package',
  TsPackageID: 'Task sequence',
  BootImagePackageID: 'Boot image',
  ApplicationName: 'Application',
  DownloadPackages: 'Package (downloaded)',
};

/**
 * The packages and applications a step names: properties whose name ends with PackageID, and
 * ApplicationName / DownloadPackages (comma-separated lists). The `<referenceList>` is not in the
 * model; this is what the steps themselves say.
 */
export function packagesOf(step: Step): { id: string; kind: string }[] {
  const out: { id: string; kind: string }[] = [];
  for (const key of Object.keys(step)) {
    if (!/PackageID$/i.test(key) && key !== 'ApplicationName' && key !== 'DownloadPackages') continue;
    const v = step[key];
    if (typeof v !== 'string') continue;
    const list = key === 'ApplicationName' || key === 'DownloadPackages' ? v.split(',') : [v];
    for (const raw of list) {
      const id = raw.trim();
      if (id !== '') out.push({ id, kind: PACKAGE_KINDS[key] ?? key });
    }
  }
  return out;
}
