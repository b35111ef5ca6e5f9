/**
 * Property: apply random edits to a real task sequence, and the diff of the original against the
 * edited copy reports exactly those edits — the same kinds at the same paths, nothing else.
 *
 * The edit vocabulary: rename a step, toggle Enabled, change a property value, remove a step (a
 * group with everything in it), add a step, move a step into another group (or to the top level),
 * change the value of a variable expression in a condition.
 *
 * The constraints that keep each edit unambiguous (what a reader could not tell apart either):
 * - every step is the target of at most one edit, and nothing inside a removed, renamed or moved
 *   step is edited (its subtree is locked);
 * - renamed, removed and moved steps have a name + class that occurs once in the sequence, and so
 *   does every step inside them (steps with a twin are matched in document order, see match.ts);
 * - a renamed step is not beside a removed one (same parent), so "same class at the same place" can
 *   only mean the renamed step; a renamed group has had no step removed from it or added to it
 *   (moves out of it and into it are fine: its remaining children still say it is the same group);
 * - an added step is of a class of its own (a custom action no other step has), so it cannot be
 *   taken for a rename;
 * - moves and additions go into groups that are not locked; a move goes to another parent;
 * - new names and values are fresh (used nowhere else);
 * - property edits change a string property other than Name and Action, not a secret, not an inline
 *   script, and not the CommandLine of a Run Command Line step without one (whose `<action>` line is
 *   its command, see diff.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { corpusDocuments, readCorpusBytes } from '../../test/corpus.js';
import { isSecretProperty } from '../model/catalog.js';
import type { ModelObject, Operand, Step, TaskSequence } from '../model/node.js';
import { isGroup, isOperator, sequenceOf } from '../model/node.js';
import { readDocument } from '../xml/index.js';
import { diffSequences, type Change } from './diff.js';
import { SCRIPT_PROPERTY } from './script.js';

const numRuns = process.env['CI'] ? 40 : 100;

/** A mutable copy of the tree: each node keeps an id through the edits. */
interface MNode {
  readonly id: number;
  props: Record<string, unknown>;
  children: MNode[] | undefined;
  parent: MNode | undefined;
}

function toMutable(seq: TaskSequence): MNode {
  let next = 0;
  const root: MNode = { id: next++, props: {}, children: [], parent: undefined };
  const add = (parent: MNode, steps: readonly Step[]): void => {
    for (const s of steps) {
      const { Steps: _steps, ...props } = s as Step & { Steps?: unknown };
      const node: MNode = { id: next++, props, children: isGroup(s) ? [] : undefined, parent };
      parent.children!.push(node);
      if (isGroup(s)) add(node, s.Steps);
    }
  };
  add(root, seq.Steps);
  return root;
}

function toModel(root: MNode, template: TaskSequence): TaskSequence {
  const build = (n: MNode): Step => (n.children ? ({ ...n.props, Steps: n.children.map(build) } as unknown as Step) : (n.props as unknown as Step));
  return { ...template, Steps: root.children!.map(build) };
}

function* walk(n: MNode): Generator<MNode> {
  for (const c of n.children ?? []) {
    yield c;
    yield* walk(c);
  }
}

function paths(root: MNode): Map<number, string> {
  const out = new Map<number, string>();
  const visit = (n: MNode, prefix: string): void => {
    (n.children ?? []).forEach((c, i) => {
      const p = prefix ? `${prefix}/${i + 1}` : `${i + 1}`;
      out.set(c.id, p);
      visit(c, p);
    });
  };
  visit(root, '');
  return out;
}

const keyOf = (n: MNode): string => `${String(n.props['__CLASS'])}\u0000${String(n.props['Name'])}`;

type EditKind = 'rename' | 'toggle' | 'property' | 'remove' | 'add' | 'move' | 'condition';
interface EditChoice {
  readonly kind: EditKind;
  readonly pick: number;
  readonly where: number;
  readonly at: number;
}

/** What the diff must report for one edit: kind, node id (for both paths), property. */
interface Expected {
  readonly kind: Change['kind'];
  readonly id: number;
  readonly before: boolean;
  readonly after: boolean;
  readonly property?: string;
}

/** A path to a variable expression inside a condition, as operand indexes. */
function variableExpressionPath(operands: readonly Operand[]): number[] | undefined {
  for (let i = 0; i < operands.length; i++) {
    const o = operands[i]!;
    if (o.__CLASS === 'SMS_TaskSequence_VariableConditionExpression') return [i];
    if (isOperator(o)) {
      const inner = variableExpressionPath(o.Operands);
      if (inner) return [i, ...inner];
    }
  }
  return undefined;
}

function withValue(o: ModelObject & { Operands?: readonly Operand[] }, path: readonly number[], value: string): ModelObject {
  if (path.length === 0) return { ...o, Value: value };
  const [i, ...rest] = path;
  return { ...o, Operands: o.Operands!.map((x, k) => (k === i ? withValue(x, rest, value) : x)) };
}

function applyEdits(root: MNode, choices: readonly EditChoice[]): Expected[] {
  const counts = new Map<string, number>();
  for (const n of walk(root)) counts.set(keyOf(n), (counts.get(keyOf(n)) ?? 0) + 1);
  const uniqueSubtree = (n: MNode): boolean => [n, ...walk(n)].every((x) => counts.get(keyOf(x)) === 1);
  const touched = new Set<number>(); // targets of an edit
  const locked = new Set<number>(); // inside a removed, renamed or moved step
  const removedFrom = new Set<number>(); // parents a step was removed from
  const renamedIn = new Set<number>(); // parents holding a renamed step
  const addedTo = new Set<number>(); // parents a step was added to
  const free = (n: MNode): boolean => !touched.has(n.id) && !locked.has(n.id);
  const subtreeFree = (n: MNode): boolean => [n, ...walk(n)].every(free);
  const expected: Expected[] = [];
  let fresh = 0;

  for (const c of choices) {
    const steps = [...walk(root)];
    const groups = [root, ...steps.filter((n) => n.children !== undefined && !locked.has(n.id) && !touched.has(n.id))];
    const pick = <T>(xs: readonly T[], k: number): T | undefined => (xs.length ? xs[k % xs.length] : undefined);
    const lockSubtree = (n: MNode): void => {
      for (const x of [n, ...walk(n)]) locked.add(x.id);
    };
    fresh++;
    switch (c.kind) {
      case 'rename': {
        const t = pick(steps.filter((n) => subtreeFree(n) && uniqueSubtree(n) && !removedFrom.has(n.parent!.id) && !removedFrom.has(n.id) && !addedTo.has(n.id)), c.pick);
        if (!t) continue;
        t.props = { ...t.props, Name: `renamed ${fresh}` };
        touched.add(t.id);
        lockSubtree(t);
        renamedIn.add(t.parent!.id);
        expected.push({ kind: 'renamed', id: t.id, before: true, after: true });
        break;
      }
      case 'toggle': {
        const t = pick(steps.filter(free), c.pick);
        if (!t) continue;
        const enabled = t.props['Enabled'] !== false;
        t.props = { ...t.props, Enabled: !enabled };
        touched.add(t.id);
        expected.push({ kind: enabled ? 'disabled' : 'enabled', id: t.id, before: true, after: true });
        break;
      }
      case 'property': {
        const editable = (n: MNode): string[] => {
          const cls = String(n.props['__CLASS']);
          const keys = Object.keys(n.props).filter((k) => {
            if (k === '__CLASS' || k === 'Name' || k === 'Action' || k === SCRIPT_PROPERTY || typeof n.props[k] !== 'string') return false;
            if (isSecretProperty(cls, k)) return false;
            if (k === 'CommandLine' && n.props[k] === '') return false;
            return true;
          });
          return keys.length ? keys : ['Description'];
        };
        const t = pick(steps.filter(free), c.pick);
        if (!t) continue;
        const property = pick(editable(t), c.where)!;
        t.props = { ...t.props, [property]: `edited value ${fresh}` };
        touched.add(t.id);
        expected.push({ kind: 'property', id: t.id, before: true, after: true, property });
        break;
      }
      case 'condition': {
        const t = pick(
          steps.filter((n) => free(n) && n.props['Condition'] !== undefined && variableExpressionPath((n.props['Condition'] as { Operands: readonly Operand[] }).Operands) !== undefined),
          c.pick,
        );
        if (!t) continue;
        const condition = t.props['Condition'] as ModelObject & { Operands: readonly Operand[] };
        const path = variableExpressionPath(condition.Operands)!;
        t.props = { ...t.props, Condition: withValue(condition, path, `edited value ${fresh}`) };
        touched.add(t.id);
        expected.push({ kind: 'condition', id: t.id, before: true, after: true });
        break;
      }
      case 'remove': {
        const t = pick(steps.filter((n) => subtreeFree(n) && uniqueSubtree(n) && !renamedIn.has(n.parent!.id)), c.pick);
        if (!t) continue;
        for (const x of [t, ...walk(t)]) expected.push({ kind: 'removed', id: x.id, before: true, after: false });
        touched.add(t.id);
        lockSubtree(t);
        removedFrom.add(t.parent!.id);
        t.parent!.children!.splice(t.parent!.children!.indexOf(t), 1);
        break;
      }
      case 'add': {
        const parent = pick(groups, c.where)!;
        const node: MNode = {
          id: 100000 + fresh,
          props: { __CLASS: `Contoso_AddedAction${fresh}`, Name: `added ${fresh}`, Enabled: true, ContinueOnError: false },
          children: undefined,
          parent,
        };
        parent.children!.splice(c.at % (parent.children!.length + 1), 0, node);
        touched.add(node.id);
        locked.add(node.id);
        addedTo.add(parent.id);
        expected.push({ kind: 'added', id: node.id, before: false, after: true });
        break;
      }
      case 'move': {
        const t = pick(steps.filter((n) => subtreeFree(n) && uniqueSubtree(n)), c.pick);
        if (!t) continue;
        const inside = new Set([t, ...walk(t)].map((x) => x.id));
        const parent = pick(groups.filter((g) => g !== t.parent && !inside.has(g.id)), c.where);
        if (!parent) continue;
        t.parent!.children!.splice(t.parent!.children!.indexOf(t), 1);
        parent.children!.splice(c.at % (parent.children!.length + 1), 0, t);
        t.parent = parent;
        touched.add(t.id);
        lockSubtree(t);
        expected.push({ kind: 'moved', id: t.id, before: true, after: true });
        break;
      }
    }
  }
  return expected;
}

// Sequences with at least two steps; the larger ones are where the interesting edits happen.
const SEQUENCES: TaskSequence[] = corpusDocuments()
  .map((e) => sequenceOf(readDocument(readCorpusBytes(e), { file: e.file }).document))
  .filter((s) => s.Steps.length > 0 && [...walk(toMutable(s))].length >= 2);

const arbEdit: fc.Arbitrary<EditChoice> = fc.record({
  kind: fc.constantFrom<EditKind>('rename', 'toggle', 'property', 'remove', 'add', 'move', 'condition'),
  pick: fc.nat(),
  where: fc.nat(),
  at: fc.nat(),
});

test('the diff of a sequence and an edited copy reports exactly the edits made', () => {
  assert.ok(SEQUENCES.length > 100);
  fc.assert(
    fc.property(fc.nat({ max: SEQUENCES.length - 1 }), fc.array(arbEdit, { minLength: 1, maxLength: 8 }), (which, choices) => {
      const original = SEQUENCES[which]!;
      const before = toMutable(original);
      const pathsBefore = paths(before);
      const root = toMutable(original);
      const expected = applyEdits(root, choices);
      const edited = toModel(root, original);
      const pathsAfter = paths(root);
      const want = expected
        .map((e) => [e.kind, e.before ? pathsBefore.get(e.id) : '-', e.after ? pathsAfter.get(e.id) : '-', e.property ?? ''].join(' ').trim())
        .sort();
      const got = diffSequences(original, edited)
        .map((c) => [c.kind, c.pathBefore ?? '-', c.pathAfter ?? '-', c.property ?? ''].join(' ').trim())
        .sort();
      assert.deepEqual(got, want);
    }),
    { numRuns },
  );
});

test('the diff is symmetric: the edited copy against the original reports the same changes the other way round', () => {
  fc.assert(
    fc.property(fc.nat({ max: SEQUENCES.length - 1 }), fc.array(arbEdit, { minLength: 1, maxLength: 8 }), (which, choices) => {
      const original = SEQUENCES[which]!;
      const root = toMutable(original);
      applyEdits(root, choices);
      const edited = toModel(root, original);
      // Symmetry: b against a reports as many changes of each kind, with added and removed swapped.
      const forward = diffSequences(original, edited).map((c) => c.kind);
      const backward = diffSequences(edited, original).map((c) => (c.kind === 'added' ? 'removed' : c.kind === 'removed' ? 'added' : c.kind === 'enabled' ? 'disabled' : c.kind === 'disabled' ? 'enabled' : c.kind));
      assert.deepEqual(backward.sort(), forward.sort());
      assert.deepEqual(diffSequences(edited, edited), []);
    }),
    { numRuns },
  );
});
