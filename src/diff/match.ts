/**
 * Which step of one sequence is which step of the other: the heart of the diff.
 *
 * A step's identity is its name and class (`key`). The matching runs in passes, each only over steps
 * the earlier ones left unmatched, then decides which matched steps moved:
 *
 * 1. **In place.** Top down from the two sequences: the children of two matched containers are
 *    aligned on a longest common subsequence of their keys (Myers' diff), and matched groups are
 *    aligned the same way in turn. A step inserted or removed before others shifts their positions
 *    (`2/3` becomes `2/4`) without making them moves.
 * 2. **Anywhere (moves), certain ones.** A step whose key is left on exactly one unmatched step on
 *    each side is matched with that step wherever it is. A matched group pair has its children
 *    aligned as in pass 1, so the contents of a moved group stay matched in place.
 * 3. **Same place, new name (renames).** Under every matched pair of containers, the children that
 *    are still unmatched are split into gaps by the children matched in order (the anchors); within a
 *    gap every unmatched step of one side is a candidate for every unmatched step of the same class
 *    on the other, and a candidate pair is a rename when the two are alike enough (`similarity`):
 *    for a group, at least half of its children are shared with the other (matched into it, or of the
 *    same key), over the larger side and not counting children that moved out or in; for a step,
 *    more than half of its settings that are set on either side (the properties other than name,
 *    description, Enabled and ContinueOnError, a default or empty value counting as unset, and the
 *    condition) are equal, and a step with no setting at all on either side is alike. The most alike
 *    pairs are taken first, and a pair that would cross one taken in the same gap is not. A replaced
 *    step (same class, same place, other settings) is thus reported as removed and added, not as a
 *    rename of something else.
 * 4. **Anywhere, the rest.** Steps whose key is left on several steps (twins: MDT's many "Gather" and
 *    "Use Toolkit Package") are matched in document order, each preferring a twin under the partner
 *    of its own parent; then pass 3 runs again for what is still unmatched. Renaming groups before
 *    placing twins lets a renamed group's children be matched inside it rather than with a twin
 *    elsewhere.
 *
 * Moves: a matched step moved when its parent is not its partner's parent's partner, or when, among
 * the siblings matched between those two parents, it is not in a longest run kept in the same order
 * (a longest increasing subsequence of their new positions): swapping two steps moves one of them.
 *
 * Steps whose key appears more than once are matched in document order within each pass, which is
 * right when they keep their relative order; a step with a duplicate key moved past its twin can be
 * reported as the twin moving.
 */
import type { Step, TaskSequence } from '../model/node.js';
import { isGroup } from '../model/node.js';
import { longestIncreasing, lcsPairs } from './lcs.js';
import { canonicalCondition, canonicalValue, effectiveValue, isUnset } from './values.js';
import { defaultOf, propertyOf } from '../model/catalog.js';

/** A step in its tree; the sequence itself is the root (step undefined, path ""). */
export interface TreeNode {
  readonly step: Step | undefined;
  readonly path: string;
  readonly parent: TreeNode | undefined;
  readonly index: number;
  /** Position in document order (preorder); the root is -1. */
  readonly order: number;
  readonly children: TreeNode[];
}

export interface Tree {
  readonly root: TreeNode;
  /** Every step in document order. */
  readonly nodes: readonly TreeNode[];
}

export function buildTree(seq: TaskSequence): Tree {
  const nodes: TreeNode[] = [];
  const root: TreeNode = { step: undefined, path: '', parent: undefined, index: 0, order: -1, children: [] };
  const add = (parent: TreeNode, steps: readonly Step[]): void => {
    steps.forEach((step, index) => {
      const node: TreeNode = { step, path: parent.path ? `${parent.path}/${index + 1}` : `${index + 1}`, parent, index, order: nodes.length, children: [] };
      nodes.push(node);
      parent.children.push(node);
      if (isGroup(step)) add(node, step.Steps);
    });
  };
  add(root, seq.Steps);
  return { root, nodes };
}

/** The identity of a step: class and name. */
export function keyOf(node: TreeNode): string {
  return `${node.step?.__CLASS ?? ''}\u0000${node.step?.Name ?? ''}`;
}

export interface Matching {
  readonly a: Tree;
  readonly b: Tree;
  /** Partner of each matched node of a (the roots are partners). */
  readonly aToB: ReadonlyMap<TreeNode, TreeNode>;
  readonly bToA: ReadonlyMap<TreeNode, TreeNode>;
  /** Matched nodes of a that moved. */
  readonly moved: ReadonlySet<TreeNode>;
}

export function matchTrees(a: Tree, b: Tree): Matching {
  const aToB = new Map<TreeNode, TreeNode>([[a.root, b.root]]);
  const bToA = new Map<TreeNode, TreeNode>([[b.root, a.root]]);
  const pair = (x: TreeNode, y: TreeNode): void => {
    aToB.set(x, y);
    bToA.set(y, x);
  };

  // Pass 1: in place, top down.
  const alignByKey = (pa: TreeNode, pb: TreeNode): void => {
    const ca = pa.children.filter((n) => !aToB.has(n));
    const cb = pb.children.filter((n) => !bToA.has(n));
    for (const [i, j] of lcsPairs(ca.map(keyOf), cb.map(keyOf))) pair(ca[i]!, cb[j]!);
    for (const child of pa.children) {
      const partner = aToB.get(child);
      if (partner && partner.parent === pb && child.children.length + partner.children.length > 0) alignByKey(child, partner);
    }
  };
  alignByKey(a.root, b.root);

  // Passes 2 and 4: same key anywhere; with uniqueOnly, only keys left on exactly one unmatched step of each side.
  const anywhere = (uniqueOnly: boolean): void => {
    const unmatchedA = new Map<string, number>();
    for (const n of a.nodes) if (!aToB.has(n)) unmatchedA.set(keyOf(n), (unmatchedA.get(keyOf(n)) ?? 0) + 1);
    const unmatchedB = new Map<string, TreeNode[]>();
    for (const n of b.nodes) {
      if (bToA.has(n)) continue;
      const list = unmatchedB.get(keyOf(n));
      if (list) list.push(n);
      else unmatchedB.set(keyOf(n), [n]);
    }
    for (const n of a.nodes) {
      if (aToB.has(n)) continue;
      const all = unmatchedB.get(keyOf(n)) ?? [];
      if (uniqueOnly && (all.length !== 1 || unmatchedA.get(keyOf(n)) !== 1)) continue;
      const candidates = all.filter((c) => !bToA.has(c));
      if (candidates.length === 0) continue;
      const parentPartner = n.parent ? aToB.get(n.parent) : undefined;
      const chosen = candidates.find((c) => c.parent === parentPartner) ?? candidates[0]!;
      pair(n, chosen);
      if (n.children.length + chosen.children.length > 0) alignByKey(n, chosen);
    }
  };

  // Pass 3: renames at the same place, under every matched pair of containers, top down.
  const renames = (): void => {
    for (const n of [a.root, ...a.nodes]) {
      const partner = aToB.get(n);
      if (!partner || (n !== a.root && !(n.step && isGroup(n.step)))) continue;
      for (const [gapA, gapB] of gaps(n, partner, aToB)) {
        const ua = gapA.filter((x) => !aToB.has(x));
        const ub = gapB.filter((x) => !bToA.has(x));
        // The most alike pairs first; a pair may not cross one already taken (that would be a move).
        const candidates: { x: TreeNode; y: TreeNode; score: number }[] = [];
        for (const x of ua) for (const y of ub) if (x.step!.__CLASS === y.step!.__CLASS && alike(x, y, aToB, bToA)) candidates.push({ x, y, score: similarity(x, y, aToB, bToA) });
        candidates.sort((p, q) => q.score - p.score || p.x.index + p.y.index - (q.x.index + q.y.index) || p.x.index - q.x.index);
        const taken: { x: TreeNode; y: TreeNode }[] = [];
        for (const { x, y } of candidates) {
          if (aToB.has(x) || bToA.has(y)) continue;
          if (taken.some((t) => (t.x.index < x.index) !== (t.y.index < y.index))) continue;
          taken.push({ x, y });
          pair(x, y);
          if (x.children.length + y.children.length > 0) alignByKey(x, y);
        }
      }
    }
  };

  anywhere(true); // pass 2
  renames(); // pass 3
  anywhere(false); // pass 4
  renames();

  return { a, b, aToB, bToA, moved: movedNodes(a, aToB) };
}

/** The children of two matched containers, split into corresponding gaps by the children matched in order. */
function gaps(pa: TreeNode, pb: TreeNode, aToB: ReadonlyMap<TreeNode, TreeNode>): [TreeNode[], TreeNode[]][] {
  const anchors = inOrderChildren(pa, pb, aToB);
  const out: [TreeNode[], TreeNode[]][] = [];
  let fromA = 0;
  let fromB = 0;
  for (const x of [...anchors, undefined]) {
    const toA = x ? x.index : pa.children.length;
    const toB = x ? aToB.get(x)!.index : pb.children.length;
    out.push([pa.children.slice(fromA, toA), pb.children.slice(fromB, toB)]);
    if (x) {
      fromA = x.index + 1;
      fromB = aToB.get(x)!.index + 1;
    }
  }
  return out;
}

/** The children of pa matched to children of pb that keep their relative order (a longest such run). */
function inOrderChildren(pa: TreeNode, pb: TreeNode, aToB: ReadonlyMap<TreeNode, TreeNode>): TreeNode[] {
  const kept = pa.children.filter((c) => aToB.get(c)?.parent === pb);
  const positions = kept.map((c) => aToB.get(c)!.index);
  return longestIncreasing(positions).map((k) => kept[k]!);
}

function movedNodes(a: Tree, aToB: ReadonlyMap<TreeNode, TreeNode>): Set<TreeNode> {
  const moved = new Set<TreeNode>();
  for (const pa of [a.root, ...a.nodes]) {
    const pb = aToB.get(pa);
    const inOrder = pb ? new Set(inOrderChildren(pa, pb, aToB)) : new Set<TreeNode>();
    for (const c of pa.children) if (aToB.has(c) && !inOrder.has(c)) moved.add(c);
  }
  return moved;
}

/** Whether two unmatched steps of one class at the same place are one step renamed (see the header). */
export function alike(x: TreeNode, y: TreeNode, aToB: ReadonlyMap<TreeNode, TreeNode>, bToA: ReadonlyMap<TreeNode, TreeNode>): boolean {
  const score = similarity(x, y, aToB, bToA);
  return x.step && isGroup(x.step) ? score >= 0.5 : score > 0.5;
}

/** Settings that do not count towards a step's likeness: the name itself and the cosmetic flags. */
const NOT_SETTINGS = new Set(['__CLASS', 'Name', 'Description', 'Enabled', 'ContinueOnError', 'Steps', 'Condition']);

/**
 * How alike two steps of one class are, 0 to 1 (see the header). Groups: how many of their children
 * they share (matched into each other, or of the same key), over the larger side's children, not
 * counting the children that moved out of one or into the other (their identity is known and says
 * nothing for or against); with no children left to count, their settings as for a step.
 */
export function similarity(x: TreeNode, y: TreeNode, aToB: ReadonlyMap<TreeNode, TreeNode>, bToA: ReadonlyMap<TreeNode, TreeNode>): number {
  const ownA = x.children.filter((c) => !aToB.has(c) || aToB.get(c)!.parent === y);
  const ownB = y.children.filter((c) => !bToA.has(c) || bToA.get(c)!.parent === x);
  const larger = Math.max(ownA.length, ownB.length);
  if (larger > 0) {
    const matched = ownA.filter((c) => aToB.has(c)).length;
    const keys = new Map<string, number>();
    for (const c of ownB) keys.set(keyOf(c), (keys.get(keyOf(c)) ?? 0) + 1);
    let common = 0;
    for (const c of ownA) {
      const left = keys.get(keyOf(c)) ?? 0;
      if (left > 0) {
        keys.set(keyOf(c), left - 1);
        common++;
      }
    }
    return Math.max(matched, common) / larger;
  }
  const sa = x.step!;
  const sb = y.step!;
  let set = 0;
  let equal = 0;
  for (const k of new Set([...Object.keys(sa), ...Object.keys(sb)])) {
    if (NOT_SETTINGS.has(k)) continue;
    const va = effectiveValue(sa, k);
    const vb = effectiveValue(sb, k);
    const type = propertyOf(sb.__CLASS, k)?.type;
    const fallback = canonicalValue(defaultOf(sb.__CLASS, k), type);
    const isDefault = (v: unknown): boolean => isUnset(v) || canonicalValue(v, type) === fallback;
    if (isDefault(va) && isDefault(vb)) continue;
    set++;
    if (canonicalValue(va, type) === canonicalValue(vb, type)) equal++;
  }
  const ca = canonicalCondition(sa.Condition);
  const cb = canonicalCondition(sb.Condition);
  if (ca !== '' || cb !== '') {
    set++;
    if (ca === cb) equal++;
  }
  return set === 0 ? 1 : equal / set;
}
