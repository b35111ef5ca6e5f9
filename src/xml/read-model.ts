import type { PropertyDef } from '../model/class-def.js';
import { getClass, propertiesOf } from '../model/catalog.js';
import { TseqInputError } from '../model/errors.js';
import type { Condition, ModelObject, Operand, Step, TaskSequence } from '../model/node.js';
import { CONDITION_CLASS, GROUP_CLASS, OPERATOR_CLASS, SEQUENCE_CLASS } from '../model/node.js';
import { SOURCE, type Provenance } from '../model/provenance.js';
import { parseValue } from './values.js';
import { propertyClassFor, resolveVariable } from './variable-map.js';
import { attr, textContent, type XmlElement } from './xml-tree.js';

/** The class of an untyped `<step>`: MDT writes many; the `<action>` line is the command (REFERENCE.md §10). */
export const UNTYPED_STEP_CLASS = 'SMS_TaskSequence_RunCommandLineAction';
export const SUBTASKSEQUENCE_CLASS = 'SMS_TaskSequence_SubTasksequence';

/** Elements of a container that are steps. */
export const STEP_ELEMENTS: ReadonlySet<string> = new Set(['step', 'group', 'subtasksequence']);
/** Elements of a condition or operator that are operands. */
export const OPERAND_ELEMENTS: ReadonlySet<string> = new Set(['expression', 'operator', 'osConditionGroup', 'osExpressionGroup']);

/**
 * Attach where an object came from (see provenance.ts), then freeze it: the model is immutable.
 * (Objects with many properties, filled under computed names, are V8 dictionaries. A fast copy
 * cost a sixth of the model's read and made no measurable difference to the engine's benchmark.)
 */
export function sourced<T extends ModelObject>(obj: Record<string, unknown>, node: unknown): T {
  const provenance: Provenance = { read: obj, node };
  (obj as { [SOURCE]?: Provenance })[SOURCE] = provenance;
  return Object.freeze(obj) as T;
}

/** A `<sequence>` element to the model. */
export function readSequence(el: XmlElement): TaskSequence {
  if (el.name !== 'sequence') {
    throw new TseqInputError('XML006', `expected a <sequence> element, found <${el.name}>`, { line: el.line, column: el.column });
  }
  const obj: Record<string, unknown> = { __CLASS: SEQUENCE_CLASS };
  const version = attr(el, 'version');
  if (version !== undefined) obj['SchemaVersion'] = version;
  obj['Steps'] = readSteps(el);
  return sourced<TaskSequence>(obj, el);
}

function readSteps(container: XmlElement): readonly Step[] {
  const steps: Step[] = [];
  for (const c of container.children) if (c.type === 'element' && STEP_ELEMENTS.has(c.name)) steps.push(readStep(c));
  return Object.freeze(steps);
}

/** The class a step element stands for. */
export function stepClassOf(el: XmlElement): string {
  if (el.name === 'group') return GROUP_CLASS;
  const type = attr(el, 'type');
  if (type) return type;
  return el.name === 'subtasksequence' ? SUBTASKSEQUENCE_CLASS : UNTYPED_STEP_CLASS;
}

function readStep(el: XmlElement): Step {
  const cls = stepClassOf(el);
  const propClass = propertyClassFor(cls);
  const obj: Record<string, unknown> = { __CLASS: cls };
  readAttributes(el, propClass, obj);
  // Enabled and ContinueOnError are always present, as on a WMI instance; absent attributes mean true / false.
  if (obj['Enabled'] === undefined) obj['Enabled'] = true;
  if (obj['ContinueOnError'] === undefined) obj['ContinueOnError'] = false;
  const untyped = el.name === 'step' && attr(el, 'type') === undefined;
  for (const c of el.children) {
    if (c.type !== 'element') continue;
    if (c.name === 'condition' && obj['Condition'] === undefined) obj['Condition'] = readCondition(c);
    else if (c.name === 'defaultVarList') readDefaultVarList(c, propClass, obj);
    else if (c.name === 'action' && el.name !== 'group' && obj['Action'] === undefined) {
      const line = textContent(c);
      // An untyped step runs its <action> as a command line; a typed one keeps the line ConfigMgr wrote.
      if (untyped) {
        if (obj['CommandLine'] === undefined) obj['CommandLine'] = line;
      } else obj['Action'] = line;
    }
  }
  if (cls === GROUP_CLASS) obj['Steps'] = readSteps(el);
  return sourced<Step>(obj, el);
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
function readAttributes(el: XmlElement, className: string, obj: Record<string, unknown>): void {
  if (el.attributes.length === 0) return;
  for (const def of attributeDefsOf(className)) {
    let text = attr(el, def.xml.name);
    if (text === undefined && def.xml.aliases) for (const a of def.xml.aliases) text ??= attr(el, a);
    if (text === undefined) continue;
    const value = parseValue(text, def);
    // Stored inverted: disable="true" is Enabled false (REFERENCE.md §4).
    obj[def.name] = def.name === 'Enabled' ? (typeof value === 'boolean' ? !value : value) : value;
  }
}

function readDefaultVarList(list: XmlElement, className: string, obj: Record<string, unknown>): void {
  for (const v of list.children) {
    if (v.type !== 'element' || v.name !== 'variable') continue;
    const name = attr(v, 'name') ?? '';
    const property = attr(v, 'property');
    const text = textContent(v);
    const r = resolveVariable(className, name, property);
    switch (r.kind) {
      case 'property':
        obj[r.def.name] = parseValue(text, r.def);
        break;
      case 'counter':
        // The element count is derived from the array; make sure the array exists even when empty.
        if (obj[r.def.name] === undefined) obj[r.def.name] = [];
        break;
      case 'element': {
        const arr = (Array.isArray(obj[r.def.name]) ? (obj[r.def.name] as Record<string, unknown>[]) : []).slice();
        while (arr.length <= r.index) arr.push({ __CLASS: r.def.embedded! });
        arr[r.index] = { ...arr[r.index], [r.field]: parseValue(text, r.fieldDef) };
        obj[r.def.name] = arr;
        break;
      }
      case 'unknown':
        obj[r.key] = text;
        break;
    }
  }
}

/** A `<condition>` element: its operands are ANDed (REFERENCE.md §3.1). */
export function readCondition(el: XmlElement): Condition {
  return sourced<Condition>({ __CLASS: CONDITION_CLASS, Operands: readOperands(el) }, el);
}

function readOperands(el: XmlElement): readonly Operand[] {
  const operands: Operand[] = [];
  for (const c of el.children) if (c.type === 'element' && OPERAND_ELEMENTS.has(c.name)) operands.push(readOperand(c));
  return Object.freeze(operands);
}

const OPERATOR_ELEMENT_CLASS: Record<string, string> = {
  operator: OPERATOR_CLASS,
  osConditionGroup: 'SMS_TaskSequence_OSConditionGroup',
  osExpressionGroup: 'SMS_TaskSequence_OSExpressionGroup',
};

function readOperand(el: XmlElement): Operand {
  const operatorClass = OPERATOR_ELEMENT_CLASS[el.name];
  if (operatorClass) {
    const obj: Record<string, unknown> = { __CLASS: operatorClass };
    readAttributes(el, operatorClass, obj);
    readChildAttributes(el, operatorClass, obj);
    obj['Operands'] = readOperands(el);
    return sourced<Operand>(obj, el);
  }
  const cls = attr(el, 'type') ?? 'SMS_TaskSequence_ConditionExpression';
  const obj: Record<string, unknown> = { __CLASS: cls };
  const known = getClass(cls) ? propertiesOf(cls) : [];
  readAttributes(el, cls, obj);
  for (const v of el.children) {
    if (v.type !== 'element' || v.name !== 'variable') continue;
    const name = attr(v, 'name') ?? '';
    const def: PropertyDef | undefined = known.find((p) => p.xml.kind === 'variable' && p.xml.name.toLowerCase() === name.toLowerCase());
    obj[def?.name ?? name] = parseValue(textContent(v), def);
  }
  return sourced<Operand>(obj, el);
}

/** Properties stored as attributes of a fixed child (`<platformKey arch="x64" …/>`). */
function readChildAttributes(el: XmlElement, className: string, obj: Record<string, unknown>): void {
  for (const def of propertiesOf(className)) {
    if (def.xml.kind !== 'childAttribute') continue;
    const { element: childName, name } = def.xml;
    const child = el.children.find((c): c is XmlElement => c.type === 'element' && c.name === childName);
    const text = child ? attr(child, name) : undefined;
    if (text !== undefined) obj[def.name] = parseValue(text, def);
  }
}
