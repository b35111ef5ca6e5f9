/**
 * A semantic diff of two task sequences: which steps were added, removed, moved, renamed, enabled or
 * disabled, and which settings and conditions changed — not which lines of XML did. Steps are matched
 * by identity (match.ts); values are compared by meaning (values.ts). Pure: no I/O.
 */
import { isSecretProperty, propertiesOf } from '../model/catalog.js';
import { summarizeCondition, summarizeOperand } from '../model/condition-text.js';
import type { Condition, Document, ModelObject, Operand, Step, TaskSequence } from '../model/node.js';
import { OPERATOR_CLASS, PACKAGE_CLASS, SEQUENCE_CLASS, isPackage, sequenceOf } from '../model/node.js';
import { describeWmiQuery } from '../conditions/index.js';
import { buildTree, matchTrees, type TreeNode } from './match.js';
import { SCRIPT_CLASS, SCRIPT_PROPERTY, decodeInlineScript, scriptLines, unifiedDiff } from './script.js';
import { canonicalCondition, isUnset, sameProperty } from './values.js';

export type ChangeKind = 'added' | 'removed' | 'moved' | 'renamed' | 'enabled' | 'disabled' | 'property' | 'condition';

/**
 * One difference. Paths are the console's 1-based numbering (`2/3`); the sequence or package itself
 * has the path "". A change to a step that exists on both sides carries both paths and both names.
 */
export interface Change {
  readonly kind: ChangeKind;
  /** The step's class (the sequence's or the package's for their own properties). */
  readonly class: string;
  readonly pathBefore?: string;
  readonly pathAfter?: string;
  readonly nameBefore?: string;
  readonly nameAfter?: string;
  /** `property`: the property name (WMI spelling). */
  readonly property?: string;
  /**
   * `property`: the values (absent when unset; `"(secret)"` for secrets; an inline script's decoded
   * text). `condition`: the conditions in words ("" for none).
   */
  readonly old?: unknown;
  readonly new?: unknown;
  /** Why a change reads as it does (a secret not shown, a condition whose words did not change). */
  readonly note?: string;
  /** `condition`: expressions, in words, in the old condition and not the new, and the other way. */
  readonly expressionsRemoved?: readonly string[];
  readonly expressionsAdded?: readonly string[];
  /** `property` SourceScript of Run PowerShell Script: a unified line diff of the decoded script. */
  readonly scriptDiff?: readonly string[];
}

/** What a secret's value is shown as. */
export const SECRET = '(secret)';

/** The differences between two documents: package properties (when both are packages), then the sequences. */
export function diffDocuments(a: Document, b: Document): Change[] {
  const out: Change[] = [];
  if (isPackage(a) && isPackage(b)) out.push(...objectChanges(a, b, ['Sequence'], { class: PACKAGE_CLASS, pathBefore: '', pathAfter: '' }));
  out.push(...diffSequences(sequenceOf(a), sequenceOf(b)));
  return out;
}

/** The differences between two sequences, grouped by step in the new sequence's order (removed steps where they were). */
export function diffSequences(a: TaskSequence, b: TaskSequence): Change[] {
  const out: Change[] = objectChanges(a, b, ['Steps'], { class: SEQUENCE_CLASS, pathBefore: '', pathAfter: '' });
  const m = matchTrees(buildTree(a), buildTree(b));
  // Where each change goes: a step of b by its place in b; a removed step where it was, that is
  // after the partner (and its contents) of the nearest earlier sibling still beside it, else first
  // under its parent's partner, else right after its removed parent or sibling.
  const placed: { at: number; after: number; changes: Change[] }[] = [];
  for (const y of m.b.nodes) {
    const x = m.bToA.get(y);
    placed.push({ at: y.order, after: 0, changes: x ? stepChanges(x, y, m.moved.has(x), m.aToB.get(x.parent!) === y.parent) : [added(y)] });
  }
  const anchors = new Map<TreeNode, number>();
  for (const x of m.a.nodes) {
    if (m.aToB.has(x)) continue;
    const parent = x.parent!;
    const parentPartner = m.aToB.get(parent);
    let anchor: number | undefined;
    for (let k = x.index - 1; k >= 0 && anchor === undefined; k--) {
      const sibling = parent.children[k]!;
      const partner = m.aToB.get(sibling);
      if (!partner) anchor = anchors.get(sibling);
      else if (partner.parent === parentPartner) anchor = lastInSubtree(partner).order;
    }
    anchor ??= parentPartner ? parentPartner.order : anchors.get(parent) ?? -1;
    anchors.set(x, anchor);
    placed.push({ at: anchor, after: 1 + x.order, changes: [removed(x)] });
  }
  placed.sort((p, q) => p.at - q.at || p.after - q.after);
  for (const p of placed) out.push(...p.changes);
  return out;
}

/** Where a move went, in words: between groups, or within one. */
function moveNote(x: TreeNode, y: TreeNode, sameParent: boolean): string {
  const groupName = (n: TreeNode | undefined): string => (n?.step ? `group ${JSON.stringify(n.step.Name)}` : 'the top level');
  return sameParent ? `reordered within ${groupName(y.parent)}` : `from ${groupName(x.parent)} to ${groupName(y.parent)}`;
}

function lastInSubtree(n: TreeNode): TreeNode {
  let last = n;
  while (last.children.length > 0) last = last.children[last.children.length - 1]!;
  return last;
}

function added(y: TreeNode): Change {
  return { kind: 'added', class: y.step!.__CLASS, pathAfter: y.path, nameAfter: y.step!.Name };
}

function removed(x: TreeNode): Change {
  return { kind: 'removed', class: x.step!.__CLASS, pathBefore: x.path, nameBefore: x.step!.Name };
}

/** Not compared as properties: the identity, the flags with their own kinds, and the children. */
const NOT_PROPERTIES = new Set(['__CLASS', 'Name', 'Enabled', 'Steps', 'Condition']);

function stepChanges(x: TreeNode, y: TreeNode, moved: boolean, sameParent: boolean): Change[] {
  const sa = x.step!;
  const sb = y.step!;
  const where = { class: sb.__CLASS, pathBefore: x.path, pathAfter: y.path, nameBefore: sa.Name, nameAfter: sb.Name };
  const out: Change[] = [];
  if (moved) out.push({ kind: 'moved', ...where, note: moveNote(x, y, sameParent) });
  if (sa.Name !== sb.Name) out.push({ kind: 'renamed', ...where });
  const enabledA = sa.Enabled !== false;
  const enabledB = sb.Enabled !== false;
  if (enabledA !== enabledB) out.push({ kind: enabledB ? 'enabled' : 'disabled', ...where });
  out.push(...objectChanges(commandView(sa), commandView(sb), [...NOT_PROPERTIES], where));
  const condition = conditionChange(sa, sb);
  if (condition) out.push({ kind: 'condition', ...where, ...condition });
  return out;
}

const RUN_COMMAND_LINE = 'SMS_TaskSequence_RunCommandLineAction';

/**
 * A Run Command Line step with no CommandLine runs its `<action>` line: MDT writes such steps both
 * untyped (the reader puts the line in CommandLine) and typed with only an `<action>` (the line stays
 * in Action). Both run the same command, so for comparison the line is the step's CommandLine.
 */
function commandView(step: Step): Step {
  if (step.__CLASS !== RUN_COMMAND_LINE || !isUnset(step['CommandLine']) || isUnset(step['Action'])) return step;
  const { Action, ...rest } = step;
  return { ...rest, CommandLine: Action } as Step;
}

interface Where {
  readonly class: string;
  readonly pathBefore?: string;
  readonly pathAfter?: string;
  readonly nameBefore?: string;
  readonly nameAfter?: string;
}

/** Property changes between two objects of one class: catalog properties in catalog order, then the others by name. */
function objectChanges(a: ModelObject, b: ModelObject, skip: readonly string[], where: Where): Change[] {
  const skipped = new Set(['__CLASS', ...skip]);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => !skipped.has(k)));
  const catalog = propertiesOf(b.__CLASS).map((p) => p.name);
  const ordered = [...catalog.filter((k) => keys.has(k)), ...[...keys].filter((k) => !catalog.includes(k)).sort()];
  const secrets = [...secretValues(a), ...secretValues(b)];
  const out: Change[] = [];
  for (const property of ordered) {
    const change = propertyChange(a, b, property, secrets);
    if (change) out.push({ kind: 'property', ...where, property, ...change });
  }
  return out;
}

const SET_VARIABLE = 'SMS_TaskSequence_SetVariableAction';

/**
 * Whether a property's value is never shown: a secret or quasi-secret of the catalog (or, for a class
 * it does not know, a name like a password), and Set Task Sequence Variable's value when the step
 * hides it (DoNotShowVariableValue), as the console does.
 */
export function isMasked(obj: ModelObject, property: string): boolean {
  if (isSecretProperty(obj.__CLASS, property)) return true;
  const hides = obj['DoNotShowVariableValue'];
  return property === 'VariableValue' && obj.__CLASS === SET_VARIABLE && (hides === true || (typeof hides === 'string' && hides.toLowerCase() === 'true'));
}

/** The values of an object's masked properties, to keep them out of the other values that quote them (an `<action>` line). */
function secretValues(obj: ModelObject): string[] {
  return Object.keys(obj).filter((k) => isMasked(obj, k) && typeof obj[k] === 'string' && obj[k] !== '').map((k) => obj[k] as string);
}

type Detail = Pick<Change, 'old' | 'new' | 'note' | 'scriptDiff'>;

function propertyChange(a: ModelObject, b: ModelObject, property: string, secrets: readonly string[]): Detail | undefined {
  const va = a[property];
  const vb = b[property];
  if (b.__CLASS === SCRIPT_CLASS && property === SCRIPT_PROPERTY) {
    const ta = isUnset(va) ? '' : decodeInlineScript(va);
    const tb = isUnset(vb) ? '' : decodeInlineScript(vb);
    if (ta !== undefined && tb !== undefined) {
      if (ta === tb) return undefined;
      return {
        ...(ta !== '' ? { old: ta } : {}),
        ...(tb !== '' ? { new: tb } : {}),
        note: 'inline script, compared as decoded text',
        scriptDiff: unifiedDiff(ta === '' ? [] : scriptLines(ta), tb === '' ? [] : scriptLines(tb)),
      };
    }
  }
  if (sameProperty(a, b, property)) return undefined;
  if (isMasked(a, property) || isMasked(b, property)) return { old: SECRET, new: SECRET, note: 'a secret: it changed, its values are not shown' };
  const quotes = (v: unknown): boolean => typeof v === 'string' && secrets.some((x) => v.includes(x));
  if (quotes(va) || quotes(vb)) return { old: SECRET, new: SECRET, note: 'it holds a secret value of the step: it changed, its values are not shown' };
  return { ...(isUnset(va) ? {} : { old: va }), ...(isUnset(vb) ? {} : { new: vb }) };
}

const WORDS = { describeWmi: describeWmiQuery };

function conditionChange(a: Step, b: Step): Detail & Pick<Change, 'expressionsRemoved' | 'expressionsAdded'> | undefined {
  if (canonicalCondition(a.Condition) === canonicalCondition(b.Condition)) return undefined;
  const before = summarizeCondition(a.Condition, WORDS);
  const after = summarizeCondition(b.Condition, WORDS);
  const ea = expressionWords(a.Condition);
  const eb = expressionWords(b.Condition);
  const expressionsRemoved = multisetMinus(ea, eb);
  const expressionsAdded = multisetMinus(eb, ea);
  return {
    old: before,
    new: after,
    expressionsRemoved,
    expressionsAdded,
    ...(before === after ? { note: 'the words are the same: a detail they do not show changed (such as ignoreQueryFailure or an OS platform key)' } : {}),
  };
}

/**
 * The expressions of a condition in words: the leaves under and / or / not operators. An OS condition
 * group counts as one expression ("OS is …"), as the console shows it.
 */
function expressionWords(condition: Condition | undefined): string[] {
  const out: string[] = [];
  const visit = (operands: readonly Operand[]): void => {
    for (const o of operands) {
      if (o.__CLASS === OPERATOR_CLASS && Array.isArray(o['Operands'])) visit(o['Operands'] as readonly Operand[]);
      else out.push(summarizeOperand(o, true, WORDS));
    }
  };
  if (condition) visit(condition.Operands);
  return out;
}

function multisetMinus(xs: readonly string[], ys: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const y of ys) left.set(y, (left.get(y) ?? 0) + 1);
  const out: string[] = [];
  for (const x of xs) {
    const n = left.get(x) ?? 0;
    if (n > 0) left.set(x, n - 1);
    else out.push(x);
  }
  return out;
}
