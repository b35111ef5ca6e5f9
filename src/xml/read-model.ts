import type { PropertyDef } from '../model/class-def.js';
import { getClass, propertiesOf } from '../model/catalog.js';
import { TseqInputError } from '../model/errors.js';
import type { Condition, ModelObject, Operand, Step, TaskSequence } from '../model/node.js';
import { CONDITION_CLASS, GROUP_CLASS, OPERATOR_CLASS, SEQUENCE_CLASS } from '../model/node.js';
import { SOURCE, type Provenance } from '../model/provenance.js';
import { ModelDraft } from './model-draft.js';
import type { LazySource } from './lazy-source.js';
import { parseValue } from './values.js';
import { propertyClassFor, resolveVariableAt, shadowsAttribute, variablesOf, type VariableResolution } from './variable-map.js';
import { attr, textContent, type XmlElement } from './xml-tree.js';

/** The class of an untyped `<step>`: MDT writes many; the `<action>` line is the command (REFERENCE.md §10). */
export const UNTYPED_STEP_CLASS = 'SMS_TaskSequence_RunCommandLineAction';
export const SUBTASKSEQUENCE_CLASS = 'SMS_TaskSequence_SubTasksequence';
/** The class of an `<expression>` with no type. */
export const EXPRESSION_CLASS = 'SMS_TaskSequence_ConditionExpression';

/** Elements of a container that are steps. */
export const STEP_ELEMENTS: ReadonlySet<string> = new Set(['step', 'group', 'subtasksequence']);
/** Elements of a condition or operator that are operands. */
export const OPERAND_ELEMENTS: ReadonlySet<string> = new Set(['expression', 'operator', 'osConditionGroup', 'osExpressionGroup']);

/**
 * Attach where an object came from (see provenance.ts): the element, or the lazy source (streaming
 * read), and where the object starts. Then freeze it: the model is immutable.
 */
export function sourced<T extends ModelObject>(obj: Record<string, unknown>, node: unknown, line: number, column: number): T {
  const provenance: Provenance = { read: obj, node, line, column };
  (obj as { [SOURCE]?: Provenance })[SOURCE] = provenance;
  return Object.freeze(obj) as T;
}

/** sourced for a draft: the provenance is made with the object (ModelDraft.build). */
function built<T extends ModelObject>(draft: ModelDraft, node: unknown, line: number, column: number): T {
  return draft.build({ read: NOT_YET_BUILT, node, line, column }) as T;
}
const NOT_YET_BUILT: object = Object.freeze({});

/**
 * How a read is wired: what a model object records as its source, and where a container's steps
 * come from. Read from a tree, both are the tree's; read while parsing (SequenceStreamReader), a
 * step's element is gone once read, so its object records the lazy source (lazy-source.ts) and
 * where it starts in it, and containers collect their steps as they close.
 */
interface ReadContext {
  nodeOf(el: XmlElement): unknown;
  stepsOf(container: XmlElement): readonly Step[];
}

const FROM_TREE: ReadContext = {
  nodeOf: (el) => el,
  stepsOf: (container) => readSteps(container, FROM_TREE),
};

/** The elements that stand for model objects: never shared leaves, so each has a position (see parse-tree.ts). */
export const MODEL_ELEMENTS: ReadonlySet<string> = new Set(['sequence', ...STEP_ELEMENTS, 'condition', ...OPERAND_ELEMENTS]);

/** A `<sequence>` element to the model. */
export function readSequence(el: XmlElement): TaskSequence {
  return readSequenceWith(el, FROM_TREE);
}

function readSequenceWith(el: XmlElement, ctx: ReadContext): TaskSequence {
  if (el.name !== 'sequence') {
    throw new TseqInputError('XML006', `expected a <sequence> element, found <${el.name}>`, { line: el.line, column: el.column });
  }
  const obj = ModelDraft.start();
  obj.set('__CLASS', SEQUENCE_CLASS);
  const version = attr(el, 'version');
  if (version !== undefined) obj.set('SchemaVersion', version);
  obj.set('Steps', ctx.stepsOf(el));
  return built<TaskSequence>(obj, ctx.nodeOf(el), el.line, el.column);
}

function readSteps(container: XmlElement, ctx: ReadContext): readonly Step[] {
  const steps: Step[] = [];
  for (const c of container.children) if (c.type === 'element' && STEP_ELEMENTS.has(c.name)) steps.push(readStep(c, ctx));
  return exactFrozen(steps);
}

/**
 * Reads a sequence while its XML is parsed (ParseOptions.onClose): each step is read as its element
 * closes and then dropped, so the parser never holds more of the tree than the step it is in. The
 * objects are the same as readSequence makes from a tree; each records `source` and where it starts.
 */
export class SequenceStreamReader {
  /** Steps read so far, by the container (sequence or group) they are in. */
  private readonly collected = new Map<XmlElement, Step[]>();
  private readonly ctx: ReadContext;
  /** The sequence, once its root element has closed. */
  sequence: TaskSequence | undefined;

  constructor(source: LazySource) {
    this.ctx = {
      nodeOf: () => source,
      stepsOf: (container) => {
        const steps = this.collected.get(container);
        this.collected.delete(container);
        return exactFrozen(steps ?? []);
      },
    };
  }

  /** The onClose hook: true for a step it has read (the parser may drop its element). */
  readonly onClose = (el: XmlElement, ancestors: readonly XmlElement[]): boolean => {
    if (ancestors.length === 0) {
      if (el.name === 'sequence') this.sequence = readSequenceWith(el, this.ctx);
      return false;
    }
    // Called for every element: names compared directly (they are new strings, with no hash yet).
    const name = el.name;
    if ((name !== 'step' && name !== 'group' && name !== 'subtasksequence') || !isStepContainer(ancestors)) return false;
    const container = ancestors[ancestors.length - 1]!;
    const step = readStep(el, this.ctx);
    const steps = this.collected.get(container);
    if (steps) steps.push(step);
    else this.collected.set(container, [step]);
    return true;
  };
}

/** Whether the innermost of these elements holds steps: the root `<sequence>`, then groups within groups. */
function isStepContainer(ancestors: readonly XmlElement[]): boolean {
  if (ancestors[0]!.name !== 'sequence') return false;
  for (let i = 1; i < ancestors.length; i++) if (ancestors[i]!.name !== 'group') return false;
  return true;
}

/**
 * A list of a model's children as kept: an array grown by push holds room for 16 items or more,
 * and most lists (a condition's operands, a group's steps) hold one or two; a sequence keeps
 * thousands of them.
 */
function exactFrozen<T>(items: T[]): readonly T[] {
  return Object.freeze(items.length === 0 ? items : items.slice());
}

/**
 * The catalog's own string for a class name the file spells as the catalog does: one string shared
 * by every object of the class, where the file's text gives each step its own copy (and comparing
 * two copies compares their characters).
 */
function sharedClassName(name: string): string {
  const def = getClass(name);
  return def !== undefined && def.name === name ? def.name : name;
}

/** A `<step>` with no type (or an empty one): its `<action>` is its command line (REFERENCE.md §10). */
export function isUntypedStep(el: XmlElement): boolean {
  return el.name === 'step' && !attr(el, 'type');
}

/** The class a step element stands for. */
export function stepClassOf(el: XmlElement): string {
  if (el.name === 'group') return GROUP_CLASS;
  const type = attr(el, 'type');
  if (type) return type;
  return el.name === 'subtasksequence' ? SUBTASKSEQUENCE_CLASS : UNTYPED_STEP_CLASS;
}

function readStep(el: XmlElement, ctx: ReadContext): Step {
  const cls = sharedClassName(stepClassOf(el));
  const propClass = propertyClassFor(cls);
  const obj = ModelDraft.start();
  obj.set('__CLASS', cls);
  readAttributes(el, propClass, obj);
  // Enabled and ContinueOnError are always present, as on a WMI instance; absent attributes mean true / false.
  if (obj.get('Enabled') === undefined) obj.set('Enabled', true);
  if (obj.get('ContinueOnError') === undefined) obj.set('ContinueOnError', false);
  const untyped = isUntypedStep(el);
  let variablesRead = false;
  for (const c of el.children) {
    if (c.type !== 'element') continue;
    if (c.name === 'condition' && obj.get('Condition') === undefined) obj.set('Condition', readConditionWith(c, ctx));
    else if (c.name === 'defaultVarList' && !variablesRead) {
      // The first list only, as for <condition> and <action>: others stay in the file.
      variablesRead = true;
      readDefaultVarList(c, propClass, obj, untyped);
    }
    else if (c.name === 'action' && el.name !== 'group' && obj.get('Action') === undefined) {
      const line = textContent(c);
      // An untyped step runs its <action> as a command line; a typed one keeps the line ConfigMgr wrote.
      if (untyped) {
        if (obj.get('CommandLine') === undefined) obj.set('CommandLine', line);
      } else obj.set('Action', line);
    }
  }
  if (cls === GROUP_CLASS) obj.set('Steps', ctx.stepsOf(el));
  return built<Step>(obj, ctx.nodeOf(el), el.line, el.column);
}

/** A property stored as an attribute of its element. */
type AttributeProperty = PropertyDef & { readonly xml: Extract<PropertyDef['xml'], { kind: 'attribute' }> };

/** The attribute-mapped properties of each class, found once: every step and operand reads them. */
const attributeDefsCache = new Map<string, readonly AttributeProperty[]>();
function attributeDefsOf(className: string): readonly AttributeProperty[] {
  let defs = attributeDefsCache.get(className);
  if (!defs) {
    defs = propertiesOf(className).filter((d): d is AttributeProperty => d.xml.kind === 'attribute');
    attributeDefsCache.set(className, defs);
  }
  return defs;
}

/** Attribute-mapped properties of a class; attributes it does not know stay in the source element. */
function readAttributes(el: XmlElement, className: string, obj: ModelDraft): void {
  if (el.attributes.length === 0) return;
  for (const def of attributeDefsOf(className)) {
    let text = attr(el, def.xml.name);
    if (text === undefined && def.xml.aliases) for (const a of def.xml.aliases) text ??= attr(el, a);
    if (text === undefined) continue;
    const value = parseValue(text, def);
    // Stored inverted: disable="true" is Enabled false (REFERENCE.md §4).
    obj.set(def.name, def.name === 'Enabled' ? (typeof value === 'boolean' ? !value : value) : value);
  }
}

/**
 * A step's first `<defaultVarList>` into the draft. A variable is read only into a property not set
 * yet: a later variable for a key read before (a duplicate, two spellings of one property), one for
 * a property its attribute gave (the attribute is the property: RetryCount beside retryCount), and
 * one named like what the model holds otherwise (__CLASS, Condition) stay in the file and out of the
 * model, as unknown nodes do; write-model.ts keeps them as they were.
 */
function readDefaultVarList(list: XmlElement, className: string, obj: ModelDraft, untyped: boolean): void {
  const variables = variablesOf(className);
  let position = 0;
  for (const v of list.children) {
    if (v.type !== 'element' || v.name !== 'variable') continue;
    const name = attr(v, 'name') ?? '';
    const property = attr(v, 'property');
    const text = textContent(v);
    const r = resolveVariableAt(variables, position++, name, property);
    if (isUnreadVariable(r, className, untyped)) continue;
    switch (r.kind) {
      case 'property':
        if (obj.position(r.def.name) < 0) obj.add(r.def.name, parseValue(text, r.def));
        break;
      case 'counter':
        // The element count is derived from the array; make sure the array exists even when empty.
        if (obj.get(r.def.name) === undefined) obj.set(r.def.name, []);
        break;
      case 'element': {
        // The array and its elements are made here, for this step: filled in place.
        let arr = obj.get(r.def.name) as Record<string, unknown>[] | undefined;
        if (!Array.isArray(arr)) obj.set(r.def.name, (arr = []));
        while (arr.length <= r.index) arr.push({ __CLASS: r.def.embedded! });
        const element = arr[r.index]!;
        if (Object.hasOwn(element, r.field)) break; // read from an earlier variable of the list
        const value = parseValue(text, r.fieldDef);
        // A field named __proto__ (a variable may say anything) is a property, not the prototype.
        if (r.field === '__proto__') Object.defineProperty(element, r.field, { value, enumerable: true, writable: true, configurable: true });
        else element[r.field] = value;
        break;
      }
      case 'unknown':
        if (obj.position(r.key) < 0) obj.add(r.key, text);
        break;
    }
  }
}

/**
 * Whether a list variable is never read into the model, whatever else the list holds: an untyped
 * step's CommandLine (its <action> is its command line), and a name the model holds otherwise (a
 * property kept in an attribute, __CLASS, Condition, …). The writer keeps such a variable as it was.
 */
export function isUnreadVariable(r: VariableResolution, className: string, untyped: boolean): boolean {
  if (r.kind === 'property') return untyped && r.def.name === 'CommandLine';
  return r.kind === 'unknown' && (RESERVED_KEYS.has(r.key) || shadowsAttribute(className, r.key));
}

/** A `<condition>` element: its operands are ANDed (REFERENCE.md §3.1). */
export function readCondition(el: XmlElement): Condition {
  return readConditionWith(el, FROM_TREE);
}

function readConditionWith(el: XmlElement, ctx: ReadContext): Condition {
  return sourced<Condition>({ __CLASS: CONDITION_CLASS, Operands: readOperands(el, ctx) }, ctx.nodeOf(el), el.line, el.column);
}

function readOperands(el: XmlElement, ctx: ReadContext): readonly Operand[] {
  const operands: Operand[] = [];
  for (const c of el.children) if (c.type === 'element' && OPERAND_ELEMENTS.has(c.name)) operands.push(readOperand(c, ctx));
  return exactFrozen(operands);
}

const OPERATOR_ELEMENT_CLASS: Record<string, string> = {
  operator: OPERATOR_CLASS,
  osConditionGroup: 'SMS_TaskSequence_OSConditionGroup',
  osExpressionGroup: 'SMS_TaskSequence_OSExpressionGroup',
};

function readOperand(el: XmlElement, ctx: ReadContext): Operand {
  const operatorClass = OPERATOR_ELEMENT_CLASS[el.name];
  if (operatorClass) {
    const obj = ModelDraft.start();
    obj.set('__CLASS', operatorClass);
    readAttributes(el, operatorClass, obj);
    readChildAttributes(el, operatorClass, obj);
    obj.set('Operands', readOperands(el, ctx));
    return built<Operand>(obj, ctx.nodeOf(el), el.line, el.column);
  }
  const cls = sharedClassName(attr(el, 'type') ?? EXPRESSION_CLASS);
  const obj = ModelDraft.start();
  obj.set('__CLASS', cls);
  const known = expressionVariablesOf(cls);
  readAttributes(el, cls, obj);
  for (const v of el.children) {
    if (v.type !== 'element' || v.name !== 'variable') continue;
    const name = attr(v, 'name') ?? '';
    const def = expressionVariableDef(known, name);
    const key = expressionKey(cls, def, name);
    // Read once per key, as a step's variables are: a duplicate stays in the file.
    if (key === undefined || obj.position(key) >= 0) continue;
    obj.add(key, parseValue(textContent(v), def));
  }
  return built<Operand>(obj, ctx.nodeOf(el), el.line, el.column);
}

/**
 * The property an expression's `<variable name>` is read into; undefined for a name the class keeps
 * elsewhere (in an attribute, such as IgnoreQueryFailure; __CLASS, Operands), which stays in the file.
 */
export function expressionVariableKey(className: string, name: string): string | undefined {
  return expressionKey(className, expressionVariableDef(expressionVariablesOf(className), name), name);
}

/** Names match in any case, the spelling as written first: no new string in the common case. */
function expressionVariableDef(known: ReadonlyMap<string, PropertyDef>, name: string): PropertyDef | undefined {
  return known.get(name) ?? known.get(name.toLowerCase());
}

function expressionKey(className: string, def: PropertyDef | undefined, name: string): string | undefined {
  const key = def?.name ?? name;
  return RESERVED_KEYS.has(key) || shadowsAttribute(className, key) ? undefined : key;
}

/** What the model holds under these keys is read from elements, never from a `<variable>` of the name. */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__CLASS', 'Steps', 'Condition', 'Operands', 'Action']);

/** An expression class's variable-mapped properties by variable name, as written and lowercased (names match in any case). */
const expressionVariablesCache = new Map<string, ReadonlyMap<string, PropertyDef>>();
function expressionVariablesOf(className: string): ReadonlyMap<string, PropertyDef> {
  let defs = expressionVariablesCache.get(className);
  if (!defs) {
    const map = new Map<string, PropertyDef>();
    if (getClass(className)) {
      // The first property of a name wins, in either spelling, as a search in catalog order found it.
      const names: [string, PropertyDef][] = [];
      for (const p of propertiesOf(className)) if (p.xml.kind === 'variable') names.push([p.xml.name, p]);
      for (const [name, p] of names) if (!map.has(name.toLowerCase())) map.set(name.toLowerCase(), p);
      // The spelling as written, when it finds what its lowercase finds: one lookup, no new string.
      for (const [name, p] of names) if (map.get(name.toLowerCase()) === p) map.set(name, p);
    }
    expressionVariablesCache.set(className, (defs = map));
  }
  return defs;
}

/** Properties stored as attributes of a fixed child (`<platformKey arch="x64" …/>`). */
function readChildAttributes(el: XmlElement, className: string, obj: ModelDraft): void {
  for (const def of propertiesOf(className)) {
    if (def.xml.kind !== 'childAttribute') continue;
    const { element: childName, name } = def.xml;
    const child = el.children.find((c): c is XmlElement => c.type === 'element' && c.name === childName);
    const text = child ? attr(child, name) : undefined;
    if (text !== undefined) obj.set(def.name, parseValue(text, def));
  }
}
