import type { PropertyDef } from '../model/class-def.js';
import { defaultOf, getClass, propertiesOf, variableOf } from '../model/catalog.js';
import type { Condition, ModelObject, Operand, Step, TaskSequence } from '../model/node.js';
import { GROUP_CLASS, isGroup } from '../model/node.js';
import { provenanceOf } from '../model/provenance.js';
import { expandCommandLine } from './command-line.js';
import { EXPRESSION_CLASS, OPERAND_ELEMENTS, STEP_ELEMENTS, SUBTASKSEQUENCE_CLASS, UNTYPED_STEP_CLASS, expressionVariableKey, isUnreadVariable, isUntypedStep, stepClassOf } from './read-model.js';
import { isLazySource, sourceElementAt } from './lazy-source.js';
import { renderValue, textMeans } from './values.js';
import { propertyClassFor, resolveVariable } from './variable-map.js';
import { attr, element, firstChild, text, textContent, type XmlElement, type XmlNode } from './xml-tree.js';

/**
 * Model to XML. An object created in code is written the way ConfigMgr writes it (attribute order,
 * `<defaultVarList>`, the `<action>` line). An object read from a file is written back from the
 * element it was read from: the catalog's properties take their values from the model, spelled as
 * the file spelled them when the value is unchanged, and everything else (unknown attributes and
 * elements, comments, the order of children) stays where it was.
 */

/** ConfigMgr's attribute order on a step (observed in console exports, REFERENCE.md §4). */
const STEP_ATTRIBUTE_ORDER = ['type', 'name', 'description', 'disable', 'continueOnError', 'timeout', 'runIn', 'successCodeList', 'retryCount', 'runFromNet', 'startIn'];
/** Attributes ConfigMgr writes on every step even at their defaults. */
const ALWAYS_WRITTEN = new Set(['type', 'name', 'description', 'runIn', 'successCodeList', 'retryCount', 'runFromNet']);

/** The element an object was read from: held by the object, or found in its lazily parsed source. */
function sourceOf(obj: object): XmlElement | undefined {
  const provenance = provenanceOf(obj);
  const node = provenance?.node as XmlElement | undefined;
  if (isLazySource(node)) return sourceElementAt(node, provenance!.line, provenance!.column);
  return node && node.type === 'element' ? node : undefined;
}

export function writeSequence(seq: TaskSequence): XmlElement {
  const src = sourceOf(seq);
  const attributes = mergeAttributes(src, [['version', seq.SchemaVersion ?? (src ? undefined : '3.00'), undefined, !src]]);
  const steps = seq.Steps.map(writeStep);
  return element('sequence', attributes, src ? mergeChildren(src, STEP_ELEMENTS, steps) : steps);
}

export function writeStep(step: Step): XmlElement {
  const src = sourceOf(step);
  const cls = step.__CLASS;
  const group = isGroup(step);
  const untyped = src !== undefined && isUntypedStep(src) && cls === UNTYPED_STEP_CLASS;
  const elementName = src && stepClassOf(src) === cls ? src.name : group ? 'group' : cls === SUBTASKSEQUENCE_CLASS ? 'subtasksequence' : 'step';
  const propClass = propertyClassFor(cls);

  const wanted: WantedAttribute[] = [];
  if (!group && !untyped) wanted.push(['type', cls, undefined, true]);
  for (const def of propertiesOf(propClass)) {
    if (def.xml.kind !== 'attribute') continue;
    let value = step[def.name];
    if (def.name === 'Enabled') value = typeof value === 'boolean' ? !value : value;
    const absent = def.name === 'Enabled' || def.name === 'ContinueOnError' ? false : undefined;
    // Created in code: ConfigMgr writes its always-present attributes with the class defaults.
    // Run Task Sequence has no runIn attribute (REFERENCE.md §2.2 item 9).
    const always = ALWAYS_WRITTEN.has(def.xml.name) && !(elementName === 'subtasksequence' && def.xml.name === 'runIn');
    if (!src && value === undefined && always && !group) value = defaultOf(propClass, def.name) ?? (def.type === 'string' ? '' : undefined);
    if (!src && value === undefined && group && def.name === 'Description') value = '';
    // A property kept beside its attribute in a variable (RetryCount) that the source holds in the
    // variable alone is written there (writeDefaultVarList), not given an attribute too.
    if (src && def.xml.variable && !hasAttribute(src, def.xml) && holdsVariableOf(src, propClass, def)) value = undefined;
    wanted.push([def.xml.name, value, def, !src && always, absent, def.xml.aliases]);
  }
  const attributes = mergeAttributes(src, orderAttributes(wanted));

  const known: XmlElement[] = [];
  const condition = step.Condition ? writeCondition(step.Condition) : undefined;
  if (condition) known.push(condition);
  // The reader reads a step's first <condition> and first <action> (a group's none): any other is
  // not in the model, so it stays where it was. By position: equal short leaves are one shared
  // node (parse-tree.ts).
  const firstCondition = src ? src.children.findIndex((c) => c.type === 'element' && c.name === 'condition') : -1;
  const firstAction = src ? src.children.findIndex((c) => c.type === 'element' && c.name === 'action') : -1;
  if (!group) {
    const action = actionLine(step, untyped);
    if (action !== undefined) {
      // The same line as the source's <action>: that element as it was, whatever else it holds.
      const srcAction = firstAction >= 0 ? (src!.children[firstAction] as XmlElement) : undefined;
      known.push(srcAction && textContent(srcAction) === action ? srcAction : element('action', [], action === '' ? [] : [text(action)]));
    }
  }
  // A group has no variables of its own, but one read from a `<step type="SMS_TaskSequence_Group">`
  // may have had some: read into the model, they are written back.
  const vars = writeDefaultVarList(step, propClass, src, untyped);
  if (vars) known.push(vars);
  const steps = group ? (step['Steps'] as readonly Step[]).map(writeStep) : [];
  if (!src) return element(elementName, attributes, [...known, ...steps]);
  const firstVariables = src.children.findIndex((c) => c.type === 'element' && c.name === 'defaultVarList');
  const unread = (el: XmlElement, index: number): boolean =>
    (el.name === 'condition' && index !== firstCondition) || (el.name === 'action' && (group || index !== firstAction)) || (el.name === 'defaultVarList' && index !== firstVariables);
  const merged = mergeChildren(src, new Set(['condition', 'action', 'defaultVarList']), known, unread);
  return element(elementName, attributes, group ? mergeChildren({ ...src, children: merged }, STEP_ELEMENTS, steps) : merged);
}

/** A `<variable>` holding `value` instead of its text. */
function withText(variable: XmlElement, value: string): XmlElement {
  return { ...variable, children: value === '' ? [] : [text(value)] };
}

function hasAttribute(el: XmlElement, mapping: { readonly name: string; readonly aliases?: readonly string[] }): boolean {
  return attr(el, mapping.name) !== undefined || (mapping.aliases ?? []).some((a) => attr(el, a) !== undefined);
}

/** Whether a step's first `<defaultVarList>` (the one read and written back) has a variable of this property. */
function holdsVariableOf(step: XmlElement, propClass: string, def: PropertyDef): boolean {
  const list = firstChild(step, 'defaultVarList');
  return (list?.children ?? []).some((v) => {
    if (v.type !== 'element' || v.name !== 'variable') return false;
    const r = resolveVariable(propClass, attr(v, 'name') ?? '', attr(v, 'property'));
    return r.kind === 'property' && r.def === def;
  });
}

/** [name, model value, catalog def, write even at its default, value that absence means, older spellings] */
type WantedAttribute = [name: string, value: unknown, def: PropertyDef | undefined, always: boolean, absent?: unknown, aliases?: readonly string[]];

function orderAttributes(wanted: WantedAttribute[]): WantedAttribute[] {
  const rank = (n: string): number => {
    const i = STEP_ATTRIBUTE_ORDER.indexOf(n);
    return i < 0 ? STEP_ATTRIBUTE_ORDER.length : i;
  };
  return [...wanted].sort((a, b) => rank(a[0]) - rank(b[0]));
}

/**
 * The attributes of an element: the catalog's first, in ConfigMgr's order, each spelled as the
 * source spelled it when it still means the model's value; then the source's other attributes.
 */
function mergeAttributes(src: XmlElement | undefined, wanted: readonly WantedAttribute[]): string[] {
  const out: string[] = [];
  const used = new Set<string>();
  for (const [name, value, def, always, absent, aliases] of wanted) {
    let srcName = name;
    let srcText = src ? attr(src, name) : undefined;
    if (srcText === undefined && aliases && src) {
      for (const a of aliases) {
        const t = attr(src, a);
        if (t !== undefined) {
          srcName = a;
          srcText = t;
          break;
        }
      }
    }
    used.add(srcName);
    if (srcText !== undefined) {
      if (value === undefined) continue;
      out.push(srcName, textMeans(srcText, value, def) ? srcText : renderValue(value));
    } else if (value !== undefined && (always || value !== absent)) {
      out.push(name, renderValue(value));
    }
  }
  if (src) {
    const list = src.attributes;
    for (let i = 0; i < list.length; i += 2) if (!used.has(list[i]!)) out.push(list[i]!, list[i + 1]!);
  }
  return out;
}

/**
 * The children of a source element with the ones in `replaceable` put back from the model:
 * each source child of those names is replaced, in order, by the next new child of the same name;
 * the rest of the new children go after the last replaced one (or at the end); source children of
 * those names with no counterpart are dropped. Everything else stays where it was.
 */
function mergeChildren(src: XmlElement, replaceable: ReadonlySet<string>, fresh: readonly XmlElement[], keep?: (el: XmlElement, index: number) => boolean): XmlNode[] {
  const out: XmlNode[] = [];
  // The fresh children not placed yet, in order, without moving the array (a sequence can have
  // thousands of steps: taking each from the front of a shrinking copy was quadratic).
  const taken: boolean[] = new Array<boolean>(fresh.length).fill(false);
  let first = 0; // the first one not taken
  let stepsLeft = fresh.filter((f) => STEP_ELEMENTS.has(f.name)).length;
  const take = (i: number): XmlElement => {
    taken[i] = true;
    if (STEP_ELEMENTS.has(fresh[i]!.name)) stepsLeft--;
    while (first < fresh.length && taken[first]) first++;
    return fresh[i]!;
  };
  let insertAt = -1;
  for (const [index, c] of src.children.entries()) {
    if (c.type === 'element' && replaceable.has(c.name) && !(keep && keep(c, index))) {
      let at = -1;
      // Steps keep their relative order: take the next fresh step whatever its element.
      if (STEP_ELEMENTS.has(c.name)) at = stepsLeft > 0 ? first : -1;
      else for (let i = first; i < fresh.length && at < 0; i++) if (!taken[i] && fresh[i]!.name === c.name) at = i;
      if (at >= 0) {
        out.push(take(at));
        insertAt = out.length;
      }
      continue;
    }
    out.push(c);
  }
  const rest = fresh.filter((_, i) => !taken[i]);
  if (rest.length === 0) return out;
  // Nothing replaced: new children go at the end. (Array spreads, not call arguments: there may be
  // more new children than a call takes arguments.)
  return insertAt < 0 ? [...out, ...rest] : [...out.slice(0, insertAt), ...rest, ...out.slice(insertAt)];
}

/** The `<action>` line: the one read while the step is unchanged, else from the class command line. */
function actionLine(step: Step, untyped: boolean): string | undefined {
  // An untyped step read without an <action> (none in real files) gains none: that would be a CommandLine of ''.
  if (untyped) return step['CommandLine'] === undefined ? undefined : renderValue(step['CommandLine']);
  const written = step['Action'];
  const prov = provenanceOf(step);
  const def = getClass(step.__CLASS);
  if (!def?.commandLine) return typeof written === 'string' ? written : undefined;
  const read = prov?.read as ModelObject | undefined;
  // Read without an <action> and not changed since: it gains none (fmt changes layout, not content).
  if (written === undefined && read && read['Action'] === undefined && sameProperties(read, step)) return undefined;
  if (typeof written === 'string') {
    if (!read) return written;
    if (read['Action'] !== written) return written; // edited by hand: the caller's line wins
    if (sameProperties(read, step)) return written;
  }
  return expandCommandLine(def.commandLine, step);
}

function sameProperties(a: ModelObject, b: ModelObject): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k === 'Condition' || k === 'Steps' || k === 'Name' || k === 'Description' || k === 'Enabled' || k === 'ContinueOnError') continue;
    if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) return false;
  }
  return true;
}

interface WantedVariable {
  readonly name: string;
  readonly property: string;
  readonly hidden: boolean;
  readonly value: unknown;
  readonly def: PropertyDef | undefined;
  /** The variable beside an attribute (RetryCount): written back where the source had it, and for new steps. */
  readonly besideAttribute?: boolean;
  /** The count of an embedded-object array, by the array property: a list read without one gains none while the array is the one read. */
  readonly counts?: string;
}

/** The variables the model's properties call for, in catalog order, arrays flattened (REFERENCE.md §2.1). */
function wantedVariables(step: Step, propClass: string, untyped: boolean, created: boolean): WantedVariable[] {
  const out: WantedVariable[] = [];
  const mapped = new Set<string>(['__CLASS', 'Action', 'Condition', 'Steps']);
  for (const def of propertiesOf(propClass)) {
    if (def.xml.kind === 'attribute' || def.xml.kind === 'condition' || def.xml.kind === 'steps') mapped.add(def.name);
    const v = variableOf(def);
    if (!v) continue;
    mapped.add(def.name);
    if (untyped && def.name === 'CommandLine') continue;
    let value = step[def.name];
    // Made in code: the hidden variable beside an attribute (RetryCount) is written as current exports write it.
    if (value === undefined && created && def.xml.kind === 'attribute') value = defaultOf(step.__CLASS, def.name);
    if (value === undefined) continue;
    if (def.embedded && Array.isArray(value)) {
      out.push({ name: v.name, property: def.name, hidden: v.hidden ?? false, value: value.length, def: undefined, counts: def.name });
      value.forEach((item: Record<string, unknown>, i: number) => {
        const fields = propertiesOf(def.embedded!);
        const names = [...fields.map((f) => f.name).filter((n) => item[n] !== undefined), ...Object.keys(item).filter((k) => k !== '__CLASS' && !fields.some((f) => f.name === k))];
        for (const field of names) {
          out.push({ name: `${v.name}${i}${field}`, property: `${def.name}${i}${field}`, hidden: false, value: item[field], def: fields.find((f) => f.name === field) });
        }
      });
    } else {
      out.push({ name: v.name, property: def.name, hidden: v.hidden ?? false, value, def, besideAttribute: def.xml.kind === 'attribute' });
    }
  }
  // Properties the catalog does not know for this class (custom and MDT steps): variable named as the property.
  for (const key of Object.keys(step)) {
    if (mapped.has(key) || (untyped && key === 'CommandLine')) continue;
    out.push({ name: key, property: key, hidden: false, value: step[key], def: undefined });
  }
  return out;
}

function writeDefaultVarList(step: Step, propClass: string, src: XmlElement | undefined, untyped: boolean): XmlElement | undefined {
  const wanted = wantedVariables(step, propClass, untyped, src === undefined);
  const srcList = src && firstChild(src, 'defaultVarList');
  if (!srcList && wanted.length === 0) return undefined;
  const byProperty = new Map(wanted.map((w) => [w.property.toLowerCase(), w]));
  const read = provenanceOf(step)?.read as ModelObject | undefined;
  const written = new Set<WantedVariable>();
  const keysRead = new Set<string>();
  const children: XmlNode[] = [];
  for (const c of srcList?.children ?? []) {
    if (c.type !== 'element' || c.name !== 'variable') {
      children.push(c);
      continue;
    }
    const name = attr(c, 'name') ?? '';
    const property = attr(c, 'property');
    const r = resolveVariable(propClass, name, property);
    const key =
      r.kind === 'property' ? r.def.name : r.kind === 'counter' ? r.def.name : r.kind === 'element' ? `${r.def.name}${r.index}${r.field}` : r.key;
    // Never in the model (read-model.ts readDefaultVarList): kept as it was. So is a later variable
    // for a key read before.
    if (isUnreadVariable(r, propClass, untyped) || (r.kind !== 'counter' && keysRead.has(key))) {
      children.push(c);
      continue;
    }
    if (r.kind !== 'counter') keysRead.add(key);
    const w = byProperty.get(key.toLowerCase());
    if (!w) continue; // the model no longer has it
    written.add(w);
    const old = textContent(c);
    // Beside an attribute the source has, the attribute is the property and this its mirror: kept
    // as it was while the property is the one read, made to agree with it once it changes.
    if (w.besideAttribute && src !== undefined && r.kind === 'property' && r.def.xml.kind === 'attribute' && hasAttribute(src, r.def.xml)) {
      children.push(read !== undefined && read[r.def.name] === step[r.def.name] ? c : withText(c, renderValue(w.value)));
      continue;
    }
    // A counter is the array's length, but the file's own count is kept while the array is the one
    // read: fmt changes layout, never a value, even one that disagrees with the elements it counts.
    const counterKept = r.kind === 'counter' && (old === renderValue(w.value) || (read !== undefined && read[r.def.name] === step[r.def.name]));
    // An unchanged value keeps its element as it was: comments, CDATA and stray elements inside too.
    children.push(counterKept || textMeans(old, w.value, w.def) ? c : withText(c, renderValue(w.value)));
  }
  for (const w of wanted) {
    if (written.has(w) || (src && w.besideAttribute) || (w.counts !== undefined && read !== undefined && read[w.counts] === step[w.counts])) continue;
    const attributes = ['name', w.name, 'property', w.property];
    if (w.hidden) attributes.push('hidden', 'true');
    const value = renderValue(w.value);
    children.push(element('variable', attributes, value === '' ? [] : [text(value)]));
  }
  if (!srcList && children.length === 0) return undefined; // only variables beside attributes, which a read step had not written
  return srcList ? { ...srcList, children } : element('defaultVarList', [], children);
}

export function writeCondition(condition: Condition): XmlElement {
  const src = sourceOf(condition);
  const operands = condition.Operands.map(writeOperand);
  return src ? { ...src, children: mergeChildren(src, OPERAND_ELEMENTS, operands, () => false) } : element('condition', [], operands);
}

const OPERATOR_ELEMENTS: Record<string, string> = {
  SMS_TaskSequence_ConditionOperator: 'operator',
  SMS_TaskSequence_OSConditionGroup: 'osConditionGroup',
  SMS_TaskSequence_OSExpressionGroup: 'osExpressionGroup',
};

function writeOperand(operand: Operand): XmlElement {
  const src = sourceOf(operand);
  const cls = operand.__CLASS;
  const operatorElement = OPERATOR_ELEMENTS[cls];
  const defs = getClass(cls) ? propertiesOf(cls) : [];
  const wantedAttrs: WantedAttribute[] = [];
  // An <expression> read without a type is of the base class (read-model.ts), and stays without one.
  const untypedExpression = src !== undefined && attr(src, 'type') === undefined && cls === EXPRESSION_CLASS;
  if (!operatorElement && !untypedExpression) wantedAttrs.push(['type', cls, undefined, true]);
  for (const def of defs) if (def.xml.kind === 'attribute') wantedAttrs.push([def.xml.name, operand[def.name], def, true, def.default]);
  const attributes = mergeAttributes(src, wantedAttrs);

  const fresh: XmlElement[] = [];
  const replaceable = new Set<string>();
  let readVariables: Set<number> | undefined;
  if (operatorElement) {
    const platformAttrs: WantedAttribute[] = [];
    for (const def of defs) if (def.xml.kind === 'childAttribute') platformAttrs.push([def.xml.name, operand[def.name], def, true]);
    if (platformAttrs.some((p) => p[1] !== undefined)) {
      const srcKey = src?.children.find((c): c is XmlElement => c.type === 'element' && c.name === 'platformKey');
      fresh.push(element('platformKey', mergeAttributes(srcKey, platformAttrs), srcKey?.children ?? []));
    }
    replaceable.add('platformKey');
    for (const o of (operand['Operands'] as readonly Operand[] | undefined) ?? []) fresh.push(writeOperand(o));
    for (const n of OPERAND_ELEMENTS) replaceable.add(n);
  } else {
    // Expression values are <variable name="Prop"> children; names sorted on export (REFERENCE.md §3.3).
    const mapped = new Set(['__CLASS', ...defs.filter((d) => d.xml.kind === 'attribute').map((d) => d.name)]);
    // The variable each key was read from: the first for it (read-model.ts readOperand). The others
    // were not read (duplicates, names kept elsewhere) and stay where they are.
    // By position: equal short leaves (two `<variable name="Value">3</variable>`) are one shared node (parse-tree.ts).
    const readFrom = new Map<string, XmlElement>();
    readVariables = new Set<number>();
    for (const [index, c] of (src?.children ?? []).entries()) {
      if (c.type !== 'element' || c.name !== 'variable') continue;
      const key = expressionVariableKey(cls, attr(c, 'name') ?? '');
      if (key !== undefined && !readFrom.has(key)) {
        readFrom.set(key, c);
        readVariables.add(index);
      }
    }
    const written = (k: string): boolean => !mapped.has(k) && operand[k] !== undefined;
    // Read: the source's variables in its order (a key such as "0" would come first among an
    // object's keys), then the new ones.
    const keys = src
      ? [...[...readFrom.keys()].filter(written), ...Object.keys(operand).filter((k) => written(k) && !readFrom.has(k))]
      : Object.keys(operand).filter(written).sort();
    for (const key of keys) {
      const def = defs.find((d) => d.name === key);
      const name = def?.xml.kind === 'variable' ? def.xml.name : key;
      const srcVar = readFrom.get(key);
      const old = srcVar ? textContent(srcVar) : undefined;
      if (srcVar && old !== undefined && textMeans(old, operand[key], def)) {
        fresh.push(srcVar); // unchanged: kept as it was, whatever it holds
        continue;
      }
      fresh.push(withText(srcVar ?? element('variable', ['name', name]), renderValue(operand[key])));
    }
    replaceable.add('variable');
  }
  const name = src?.name ?? operatorElement ?? 'expression';
  if (!src) return element(name, attributes, fresh);
  const unread = (el: XmlElement, index: number): boolean => readVariables !== undefined && el.name === 'variable' && !readVariables.has(index);
  return { ...src, attributes, children: mergeChildren(src, replaceable, fresh, unread) };
}

export { GROUP_CLASS };
