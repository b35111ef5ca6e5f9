/**
 * fast-check arbitraries for the model: random task sequences of every step class the catalog knows
 * (plus MDT's BDD_* steps and a custom action it does not know), with properties of their catalog
 * types and conditions of every expression class nested up to six deep. Objects are made either
 * through the builders (src/model/builders) or directly as model objects, never with provenance, so
 * the XML writer writes them the way ConfigMgr writes a sequence made in code.
 *
 * Values that cannot come back from the XML as they went in are not generated; each exclusion says why.
 */
import fc from 'fast-check';
import type { ClassDef, PropertyDef } from '../src/model/class-def.js';
import { allClasses, defaultOf, getClass, propertiesOf } from '../src/model/catalog.js';
import * as b from '../src/model/builders/index.js';
import type { Condition, ModelObject, Operand, Step, TaskSequence } from '../src/model/node.js';
import { CONDITION_CLASS, GROUP_CLASS, OPERATOR_CLASS, SEQUENCE_CLASS, isGroup } from '../src/model/node.js';
import { expandCommandLine } from '../src/xml/index.js';

// ---------------------------------------------------------------------------------------------
// Text

/**
 * Characters XML 1.0 can carry: #x9 #xA #xD, #x20-#xD7FF, #xE000-#xFFFD, #x10000-#x10FFFF. Control
 * characters other than tab / LF / CR, lone surrogates and U+FFFE / U+FFFF cannot be written at all,
 * so they are not generated. CR survives because the writer escapes it (&#xD;); tab and LF in
 * attributes likewise (&#x9; / &#xA;).
 */
const xmlCodePoint = fc.oneof(
  { weight: 1, arbitrary: fc.integer({ min: 0x7f, max: 0xd7ff }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xe000, max: 0xfffd }) },
  { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }) },
);

/** Pieces real task sequences hold, and the ones that break naive writers. */
const SPECIAL_PIECES = [
  '<', '>', '&', '"', "'", ']]>', '&amp;', '&#xD;', '<!--', '?>', '%OSDComputerName%', '%', '\\', '\\\\server\\share',
  ' ', '  ', '\t', '\n', '\r', '\r\n', '\n\n',
  'é', 'ü', 'ı', 'İ', 'ş', 'Ğ', 'å', 'Ö', '“', '”', '’', '\u200b', '\u00a0', '\u0085', '\u2028', '\ufeff', '中文', '日本語', '😀', '🇸🇪',
];

const textUnit = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_PIECES) },
  { weight: 1, arbitrary: xmlCodePoint.map((c) => String.fromCodePoint(c)) },
);

/** Any text XML can carry, leading and trailing whitespace included (the writer writes values inline, kept). */
export function arbText(options: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<string> {
  const body = fc.string({ unit: textUnit, minLength: options.minLength ?? 0, maxLength: options.maxLength ?? 12 });
  return fc.oneof(
    { weight: 5, arbitrary: body },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(' ', '  ', '\t', '\n', '\r\n'), body, fc.constantFrom(' ', '\n', '\t ', '')).map(([a, s, z]) => a + s + z) },
  );
}

/** A task sequence variable reference, legal in any typed property (read back as the string it is). */
const arbVariableReference = fc.stringMatching(/^%[A-Za-z_][A-Za-z0-9_]{0,10}%$/);

/**
 * Names of properties the catalog does not know: kept as `<variable name="X" property="X">`. They start
 * with `X_` so that none is read back as a catalog property by its variable name (a custom key named
 * `SMSTSDisableWow64Redirection` on Run Command Line is that property, by design), and they are unique
 * ignoring case, since WMI property names are case-insensitive: two that differ only in case are one.
 */
const arbExtraKeys = fc.uniqueArray(fc.stringMatching(/^X_[A-Za-z0-9]{1,8}$/), { maxLength: 2, selector: (k) => k.toLowerCase() });

// ---------------------------------------------------------------------------------------------
// Property values by catalog type

const UINT32_MAX = 0xffffffff;
const SINT32 = { min: -0x80000000, max: 0x7fffffff };

/**
 * A value of a catalog property. Typed properties also get `%VAR%` references, which stay strings;
 * other strings in a typed property are not generated, since text that parses as the type is the
 * typed value (' 12' in a uint32 reads back as 12, 'TRUE' in a boolean as true).
 */
export function arbValue(def: PropertyDef): fc.Arbitrary<unknown> {
  if (def.array && def.embedded && getClass(def.embedded)?.role === 'embedded') return arbEmbeddedList(def.embedded);
  // WMI arrays of scalars (CategoryList, ConfigFiles, DNSSuffixSearchOrder, an adapter's DNSServerList or
  // TCPFilterPortList, …) are one <variable> whose text the reader parses as one value of the element type;
  // a JS array would be written as JSON text and read back as that string (reported), so the model form
  // generated is the single value.
  if (def.array) return arbValue({ ...def, array: false });
  switch (def.type) {
    case 'boolean':
      return fc.oneof({ weight: 6, arbitrary: fc.boolean() }, { weight: 1, arbitrary: arbVariableReference });
    case 'uint32':
    case 'uint64':
    case 'sint32': {
      const numbers = def.allowed
        ? fc.constantFrom(...def.allowed.map(Number))
        : def.range
          ? fc.integer({ min: def.range[0], max: def.range[1] })
          : def.type === 'sint32'
            ? fc.integer(SINT32)
            : fc.integer({ min: 0, max: UINT32_MAX });
      return fc.oneof({ weight: 6, arbitrary: numbers }, { weight: 1, arbitrary: arbVariableReference });
    }
    default:
      return def.allowed && def.allowed.length > 0 ? fc.constantFrom(...def.allowed) : arbText();
  }
}

/** An object of the given properties: required ones always, the others now and then. */
function arbProperties(defs: readonly PropertyDef[], required: (def: PropertyDef) => boolean): fc.Arbitrary<Record<string, unknown>> {
  const entries = defs.map((def) =>
    required(def) ? arbValue(def).map((v) => [def.name, v] as const) : fc.option(arbValue(def), { nil: undefined, freq: 2 }).map((v) => [def.name, v] as const),
  );
  return fc.tuple(...entries).map((pairs) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of pairs) if (v !== undefined) out[k] = v;
    return out;
  });
}

const embeddedCache = new Map<string, fc.Arbitrary<readonly ModelObject[]>>();

/**
 * 0-3 elements of an embedded class, with the fields the builders require. Each element has at least
 * one field: an element with none writes no variable at all (only the counter, which the reader does
 * not trust), so it cannot come back.
 */
function arbEmbeddedList(className: string): fc.Arbitrary<readonly ModelObject[]> {
  let arb = embeddedCache.get(className);
  if (arb) return arb;
  const defs = propertiesOf(className);
  const element = fc
    .tuple(arbProperties(defs, isRequired), fc.nat({ max: defs.length - 1 }))
    .chain(([props, i]) => {
      if (Object.keys(props).length > 0) return fc.constant(props);
      const def = defs[i]!;
      return arbValue(def).map((v) => ({ [def.name]: v }));
    })
    .map((props) => ({ __CLASS: className, ...props }) as ModelObject);
  arb = fc.array(element, { maxLength: 3 });
  embeddedCache.set(className, arb);
  return arb;
}

// ---------------------------------------------------------------------------------------------
// Conditions

const expressionClasses: readonly ClassDef[] = allClasses().filter((c) => c.role === 'expression' && !c.abstract);

function arbExpressionOf(def: ClassDef): fc.Arbitrary<Operand> {
  const defs = propertiesOf(def.name);
  return fc.tuple(arbProperties(defs, (p) => p.required === true), arbExtraKeys, fc.array(arbText(), { minLength: 2, maxLength: 2 })).map(([props, keys, values]) => {
    const obj: Record<string, unknown> = { __CLASS: def.name, ...props };
    keys.forEach((k, i) => (obj[k] = values[i]));
    return obj as Operand;
  });
}

const nonEmptyText = arbText({ minLength: 1 });

/** Expressions made through the condition builders. */
const arbBuiltExpression: fc.Arbitrary<Operand> = fc.oneof(
  fc
    .tuple(nonEmptyText, fc.constantFrom('equals', 'notEquals', 'less', 'lessEqual', 'greater', 'greaterEqual', 'like', 'notLike', 'exists', 'notExists'), arbText())
    .map(([name, op, value]) => {
      const v = b.variable(name);
      return op === 'exists' || op === 'notExists' ? v[op]() : v[op](value);
    }),
  fc.tuple(nonEmptyText, fc.option(nonEmptyText, { nil: undefined }), fc.option(fc.boolean(), { nil: undefined })).map(([q, ns, ignore]) =>
    b.wmi(q, ns, ignore === undefined ? {} : { ignoreQueryFailure: ignore }),
  ),
  fc
    .tuple(nonEmptyText, fc.option(fc.tuple(arbText(), fc.constantFrom('equals', 'less', 'greaterEqual' as const)), { nil: undefined }), fc.option(fc.date({ min: new Date('1980-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }), { nil: undefined }))
    .map(([path, version, date]) =>
      b.file(path, { ...(version ? { version: version[0], versionOperator: version[1] } : {}), ...(date ? { dateTime: date, dateTimeOperator: 'greater' as const } : {}) }),
    ),
  fc.tuple(nonEmptyText, fc.option(arbText(), { nil: undefined })).map(([path, dt]) => b.folder(path, dt === undefined ? {} : { dateTime: dt, dateTimeOperator: 'lessEqual' })),
  fc
    .tuple(nonEmptyText, fc.option(arbText(), { nil: undefined }), fc.constantFrom('exists', 'notExists', 'equals', 'greater'), arbText(), fc.option(fc.constantFrom('REG_SZ', 'REG_DWORD', 'REG_EXPAND_SZ' as const), { nil: undefined }))
    .map(([key, valueName, op, data, type]) => {
      const r = b.registry(key, valueName);
      return op === 'exists' || op === 'notExists' ? r[op](type) : r[op](data, type);
    }),
  fc.tuple(fc.boolean(), nonEmptyText, fc.option(arbText(), { nil: undefined }), fc.option(arbText(), { nil: undefined })).map(([product, code, name, version]) =>
    (product ? b.software.productCode : b.software.upgradeCode)(code, { ...(name === undefined ? {} : { name }), ...(version === undefined ? {} : { version }) }),
  ),
  fc.tuple(fc.constantFrom('X86', 'X64', 'ARM64' as const), fc.constantFrom('equals', 'greaterEqual' as const), nonEmptyText).map(([arch, op, v]) => b.osVersion(arch, op, v)),
);

/** Any expression: of every catalog expression class, directly or through the builders. */
export const arbExpression: fc.Arbitrary<Operand> = fc.oneof({ weight: 3, arbitrary: fc.oneof(...expressionClasses.map(arbExpressionOf)) }, { weight: 1, arbitrary: arbBuiltExpression });

const arbPlatformQuery: fc.Arbitrary<Operand> = fc.tuple(nonEmptyText, fc.option(fc.boolean(), { nil: undefined })).map(([q, ignore]) => b.wmi(q, 'root\\cimv2', ignore === undefined ? {} : { ignoreQueryFailure: ignore }));

/** An OS condition group as ConfigMgr writes it: `<osConditionGroup type="or">` of platforms (REFERENCE.md §10). */
export const arbOsConditionGroup: fc.Arbitrary<Operand> = fc.oneof(
  fc
    .array(
      fc
        .tuple(
          fc.record(
            { name: arbText(), arch: fc.constantFrom('x64', 'x86', 'arm64'), type: fc.constantFrom('Win_NT', 'Win NT'), minVer: arbText(), maxVer: arbText() },
            { requiredKeys: [] },
          ),
          fc.array(arbPlatformQuery, { minLength: 1, maxLength: 3 }),
        )
        .map(([key, queries]) => b.platform(key, ...queries)),
      { minLength: 1, maxLength: 2 },
    )
    .map((platforms) => b.operatingSystem(...platforms)),
  // Directly, the OperatorType attributes sometimes left out (the class default applies; not written).
  fc
    .tuple(fc.boolean(), fc.array(fc.tuple(fc.boolean(), fc.option(arbText(), { nil: undefined }), fc.array(arbPlatformQuery, { minLength: 1, maxLength: 2 })), { minLength: 1, maxLength: 2 }))
    .map(([withType, groups]) => ({
      __CLASS: 'SMS_TaskSequence_OSConditionGroup',
      ...(withType ? { OperatorType: 'or' } : {}),
      Operands: groups.map(([t, name, queries]) => ({
        __CLASS: 'SMS_TaskSequence_OSExpressionGroup',
        ...(t ? { OperatorType: 'and' } : {}),
        ...(name === undefined ? {} : { Name: name }),
        Operands: queries,
      })),
    })),
);

const operandCache = new Map<number, fc.Arbitrary<Operand>>();

/** An operand with up to `depth` operators above its innermost expressions. */
export function arbOperand(depth: number): fc.Arbitrary<Operand> {
  let arb = operandCache.get(depth);
  if (arb) return arb;
  if (depth <= 0) arb = fc.oneof({ weight: 6, arbitrary: arbExpression }, { weight: 1, arbitrary: arbOsConditionGroup });
  else {
    const inner = arbOperand(depth - 1);
    const operator = fc
      .tuple(fc.constantFrom('and', 'or', 'not' as const), fc.array(inner, { maxLength: 3 }), fc.boolean())
      .map(([type, operands, built]) => (built ? b[type](...operands) : ({ __CLASS: OPERATOR_CLASS, OperatorType: type, Operands: operands } as Operand)));
    arb = fc.oneof({ weight: 5, arbitrary: arbExpression }, { weight: 2, arbitrary: operator }, { weight: 1, arbitrary: arbOsConditionGroup });
  }
  operandCache.set(depth, arb);
  return arb;
}

/** Exactly `depth` operators deep, with siblings at every level: the deep end of the range. */
function arbDeepOperand(depth: number): fc.Arbitrary<Operand> {
  if (depth <= 0) return arbExpression;
  return fc
    .tuple(fc.constantFrom('and', 'or', 'not' as const), arbDeepOperand(depth - 1), fc.array(arbOperand(0), { maxLength: 1 }))
    .map(([type, deep, siblings]) => ({ __CLASS: OPERATOR_CLASS, OperatorType: type, Operands: [...siblings, deep] }) as Operand);
}

/** The deepest nesting generated: a condition, then up to six operators, then the expressions. */
export const MAX_CONDITION_DEPTH = 6;

/** A step's condition (operands ANDed), nested up to MAX_CONDITION_DEPTH operators. */
export const arbCondition: fc.Arbitrary<Condition> = fc.oneof(
  { weight: 4, arbitrary: fc.array(arbOperand(MAX_CONDITION_DEPTH), { maxLength: 3 }).map((ops) => b.condition(...ops)) },
  { weight: 1, arbitrary: fc.array(arbOperand(2), { maxLength: 3 }).map((ops) => ({ __CLASS: CONDITION_CLASS, Operands: ops }) as Condition) },
  { weight: 1, arbitrary: arbDeepOperand(MAX_CONDITION_DEPTH).map((op) => b.condition(op)) },
);

// ---------------------------------------------------------------------------------------------
// Steps

/** A custom action the catalog does not know (REFERENCE.md §1.5). */
export const CUSTOM_ACTION_CLASS = 'Contoso_CustomInventoryAction';

/** Every class a step can be: the catalog's actions and pointers (MDT's BDD_* included) and a custom one. */
export const STEP_CLASSES: readonly string[] = [
  ...allClasses()
    .filter((c) => (c.role === 'action' || c.role === 'pointer') && !c.abstract)
    .map((c) => c.name),
  CUSTOM_ACTION_CLASS,
];

/** The properties of a step class that are its own (the step attributes are generated apart). */
function ownProperties(className: string): readonly PropertyDef[] {
  if (!getClass(className)) return [];
  const base = new Set(propertiesOf('SMS_TaskSequence_Action').map((p) => p.name));
  for (const p of propertiesOf('SMS_TaskSequence_Pointer')) base.add(p.name);
  // RetryCount and RunFromNet are also variables on some classes: generated once, with the attributes.
  return propertiesOf(className).filter((p) => !base.has(p.name));
}

/** Required properties without a default are always generated: the builders refuse a step without them. */
function isRequired(def: PropertyDef): boolean {
  return def.required === true && def.default === undefined;
}

const SUPPORTED_ENVIRONMENTS = ['WinPE', 'FullOS', 'WinPEandFullOS'] as const;

/** The attributes of an action or pointer step, each now and then. */
function arbStepAttributes(pointer: boolean): fc.Arbitrary<Record<string, unknown>> {
  const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
  return fc
    .record({
      Description: opt(arbText()),
      Enabled: opt(fc.boolean()),
      ContinueOnError: opt(fc.boolean()),
      SupportedEnvironment: opt(fc.constantFrom(...SUPPORTED_ENVIRONMENTS)),
      SuccessCodeList: opt(fc.oneof(fc.constantFrom('0', '0 3010', '0 3010 1641'), arbText())),
      RetryCount: opt(fc.integer({ min: 0, max: UINT32_MAX })),
      RunFromNet: opt(fc.boolean()),
      // A pointer (Run Task Sequence) has neither: given one, it would be an unknown property.
      Timeout: pointer ? fc.constant(undefined) : opt(fc.integer({ min: 0, max: UINT32_MAX })),
      StartIn: pointer ? fc.constant(undefined) : opt(arbText()),
      Condition: fc.option(arbCondition, { nil: undefined, freq: 3 }),
      // An explicit <action> line: written as given (the writer makes one from the class command line otherwise).
      Action: fc.option(arbText(), { nil: undefined, freq: 4 }),
    })
    .map((r) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r)) if (v !== undefined) out[k] = v;
      return out;
    });
}

const stepCache = new Map<string, fc.Arbitrary<Step>>();

/** A step of one class, made through `action()` or directly as a model object. */
export function arbStepOf(className: string): fc.Arbitrary<Step> {
  let arb = stepCache.get(className);
  if (arb) return arb;
  const def = getClass(className);
  const pointer = def?.role === 'pointer';
  const own = ownProperties(className);
  const props = own.length > 0 ? arbProperties(own, isRequired) : fc.constant({});
  arb = fc
    .tuple(arbText({ minLength: 1 }), props, arbStepAttributes(pointer), arbExtraKeys, fc.array(arbText(), { minLength: 2, maxLength: 2 }), fc.boolean())
    .map(([name, own, attributes, keys, values, built]) => {
      const all: Record<string, unknown> = { ...attributes, ...own };
      // Properties the catalog does not know for the class: strings, as the reader gives them.
      keys.forEach((k, i) => (all[k] = values[i]));
      if (built) return b.action(className, name, all);
      const { Enabled, ContinueOnError, Condition, ...rest } = all;
      return {
        __CLASS: className,
        Name: name,
        Enabled: Enabled ?? true,
        ContinueOnError: ContinueOnError ?? false,
        ...(Condition === undefined ? {} : { Condition }),
        ...rest,
      } as Step;
    });
  stepCache.set(className, arb);
  return arb;
}

/** A step of any class. */
export const arbStep: fc.Arbitrary<Step> = fc.constantFrom(...STEP_CLASSES).chain(arbStepOf);

const treeCache = new Map<number, fc.Arbitrary<readonly Step[]>>();

/** A list of steps and groups, groups nested up to `depth` deep. */
export function arbSteps(depth: number, maxLength = 4): fc.Arbitrary<readonly Step[]> {
  const key = depth * 100 + maxLength;
  let arb = treeCache.get(key);
  if (arb) return arb;
  const item = depth <= 0 ? arbStep : fc.oneof({ weight: 3, arbitrary: arbStep }, { weight: 1, arbitrary: arbGroup(depth) });
  arb = fc.array(item, { maxLength });
  treeCache.set(key, arb);
  return arb;
}

/** A group holding steps and groups down to `depth` levels. */
export function arbGroup(depth: number): fc.Arbitrary<Step> {
  return fc
    .tuple(
      arbText({ minLength: 1 }),
      arbSteps(depth - 1),
      fc.record({ description: arbText(), enabled: fc.boolean(), continueOnError: fc.boolean(), condition: arbCondition }, { requiredKeys: [] }),
      fc.boolean(),
    )
    .map(([name, steps, options, built]) => {
      if (built) return b.group(name, steps, options);
      return {
        __CLASS: GROUP_CLASS,
        Name: name,
        ...(options.description === undefined ? {} : { Description: options.description }),
        Enabled: options.enabled ?? true,
        ContinueOnError: options.continueOnError ?? false,
        ...(options.condition === undefined ? {} : { Condition: options.condition }),
        Steps: steps,
      } as Step;
    });
}

/** A whole task sequence: up to six top-level steps, groups nested up to three deep. */
export const arbTaskSequence: fc.Arbitrary<TaskSequence> = fc
  .tuple(arbSteps(3, 6), fc.option(fc.constantFrom('3.00', '3.10'), { nil: undefined }), fc.boolean())
  .map(([steps, version, built]) =>
    built ? b.taskSequence(steps, version === undefined ? {} : { schemaVersion: version }) : ({ __CLASS: SEQUENCE_CLASS, ...(version === undefined ? {} : { SchemaVersion: version }), Steps: steps } as TaskSequence),
  );

// ---------------------------------------------------------------------------------------------
// What a sequence made in code reads back as

/**
 * The model a sequence without provenance reads back as after writing: what the writer adds to an
 * object made in code, the way ConfigMgr writes it (REFERENCE.md §2.1, §4) — `version="3.00"` when the
 * sequence has none, `description=""` on every step and group, the attributes ConfigMgr always writes
 * (runIn, successCodeList, retryCount, runFromNet) at their class defaults, and the `<action>` line
 * made from the class command line. Everything else must come back exactly as it was.
 */
export function readBackForm(seq: TaskSequence): TaskSequence {
  return { ...seq, SchemaVersion: seq.SchemaVersion ?? '3.00', Steps: seq.Steps.map(stepReadBackForm) };
}

const ALWAYS_WRITTEN = ['SupportedEnvironment', 'SuccessCodeList', 'RetryCount', 'RunFromNet'];

function stepReadBackForm(step: Step): Step {
  if (isGroup(step)) return { ...step, Description: step.Description ?? '', Steps: step.Steps.map(stepReadBackForm) };
  const out: Record<string, unknown> = { ...step, Description: step.Description ?? '' };
  // A class the catalog does not know has the properties of SMS_TaskSequence_Action.
  const propClass = getClass(step.__CLASS) ? step.__CLASS : 'SMS_TaskSequence_Action';
  for (const def of propertiesOf(propClass)) {
    if (!ALWAYS_WRITTEN.includes(def.name) || out[def.name] !== undefined) continue;
    // Run Task Sequence is written without runIn (REFERENCE.md §2.2 item 9).
    if (def.name === 'SupportedEnvironment' && step.__CLASS === 'SMS_TaskSequence_SubTasksequence') continue;
    const value = defaultOf(propClass, def.name) ?? (def.type === 'string' ? '' : undefined);
    if (value !== undefined) out[def.name] = value;
  }
  const commandLine = getClass(step.__CLASS)?.commandLine;
  if (out['Action'] === undefined && commandLine !== undefined) out['Action'] = expandCommandLine(commandLine, step);
  return out as Step;
}

// ---------------------------------------------------------------------------------------------
// One step of every class, every property filled: the deterministic companion of the random runs

const SAMPLE_TEXT = ' <a & "b"> \'é\' ]]> %OSDComputerName% 中 😀\r\n\t ';

function sampleValue(def: PropertyDef, i: number): unknown {
  if (def.array && def.embedded && getClass(def.embedded)?.role === 'embedded') {
    const fields = propertiesOf(def.embedded);
    return [0, 1].map((n) => {
      const el: Record<string, unknown> = { __CLASS: def.embedded };
      fields.forEach((f, j) => (el[f.name] = sampleValue(f, i + j + n)));
      return el;
    });
  }
  if (def.array) return `${def.name}${i},${SAMPLE_TEXT}`;
  switch (def.type) {
    case 'boolean':
      return i % 2 === 0;
    case 'uint32':
    case 'uint64':
    case 'sint32':
      if (def.allowed) return Number(def.allowed[i % def.allowed.length]);
      if (def.range) return def.range[1];
      return def.type === 'sint32' ? -i - 1 : UINT32_MAX - i;
    default:
      if (def.allowed && def.allowed.length > 0) return def.allowed[i % def.allowed.length];
      return `${def.name}${SAMPLE_TEXT}${i}`;
  }
}

/** A condition holding every expression class, each operator and an OS condition group. */
export function everyExpressionCondition(): Condition {
  const expressions = expressionClasses.map((def) => {
    const obj: Record<string, unknown> = { __CLASS: def.name };
    propertiesOf(def.name).forEach((p, i) => (obj[p.name] = sampleValue(p, i)));
    return obj as Operand;
  });
  const os = b.operatingSystem(
    b.platform(
      { name: 'All x64 Windows 10 and higher Clients', arch: 'x64', type: 'Win_NT', minVer: '10.00.0000.0', maxVer: '10.00.9999.9999' },
      b.wmi("SELECT * FROM Win32_OperatingSystem WHERE Version like '10.0%' AND ProductType = 1", 'root\\cimv2', { ignoreQueryFailure: true }),
    ),
  );
  return b.condition(b.and(...expressions.slice(0, 3), b.or(...expressions.slice(3), b.not(os, b.variable('X').like('*é*')))), os);
}

/** One step of every step class, every catalog property filled, in one group and at the top. */
export function everyClassSequence(): TaskSequence {
  const steps = STEP_CLASSES.map((className, n) => {
    const props: Record<string, unknown> = { Description: `step ${n}${SAMPLE_TEXT}`, ContinueOnError: n % 2 === 0, Enabled: n % 3 !== 0 };
    ownProperties(className).forEach((def, i) => (props[def.name] = sampleValue(def, i + n)));
    if (getClass(className)?.role !== 'pointer') props['Timeout'] = 60 * (n + 1);
    if (!getClass(className)) {
      props['X_Inventory'] = `custom${SAMPLE_TEXT}`;
      props['Action'] = 'contoso.exe /inventory:%_SMSTSLogPath%';
    }
    if (n % 4 === 0) props['Condition'] = everyExpressionCondition();
    return b.action(className, `${getClass(className)?.displayName ?? className} ${n}`, props);
  });
  const half = Math.ceil(steps.length / 2);
  return b.taskSequence([b.group('First half', steps.slice(0, half), { description: 'grouped', condition: everyExpressionCondition() }), ...steps.slice(half)]);
}
