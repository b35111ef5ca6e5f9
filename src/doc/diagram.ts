import type { Group, Step } from '../model/node.js';
import { isGroup, stepLabel } from '../model/node.js';
import { escapeHtml } from './escape.js';
import { countSteps } from './facts.js';

/**
 * The flow of a task sequence as inline SVG, laid out here (no library, no script).
 *
 * - Lanes: one lane per top-level group (a run of top-level steps between groups makes a lane of its
 *   own), stacked in order with arrows down between them; inside a lane, the group's direct subgroups
 *   as boxes in order with arrows between siblings, wrapping onto further rows when they do not fit.
 * - When no top-level group has subgroups, lanes would be one box each: the top-level items are then
 *   laid out as one row of boxes with arrows between them, wrapping the same way.
 *
 * Dashed boxes are disabled; every box links to its row in the steps table.
 */

/** The widest the diagram gets; boxes wrap onto further rows beyond it. */
const MAX_WIDTH = 1100;
const MARGIN = 10;
const LANE_PAD = 10;
const HEAD_W = 250;
const BOX_H = 44;
const GAP_X = 30;
const GAP_ROW = 18;
const LANE_GAP = 26;
const BOX_MIN_W = 130;
const BOX_MAX_W = 240;
/** Average glyph widths of the label (12.5px) and detail (11px) fonts, for sizing and cutting text. */
const LABEL_CHAR_W = 6.9;
const DETAIL_CHAR_W = 6.0;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly label: string;
  readonly detail: string;
  readonly title: string;
  readonly href: string;
  readonly kind: 'group' | 'steps';
  readonly head: boolean;
  readonly disabled: boolean;
}

/** What a box shows before it is placed. */
type BoxSpec = Omit<Box, 'x' | 'y' | 'w' | 'head'>;

export function anchorOf(path: string): string {
  return `step-${path.replace(/\//g, '-')}`;
}

/** True when the diagram says something: the sequence has at least one group. */
export function hasFlow(topLevel: readonly Step[]): boolean {
  return topLevel.some((s) => isGroup(s));
}

export function flowDiagramSvg(topLevel: readonly Step[]): string {
  const items = topLevelItems(topLevel);
  const nested = topLevel.some((s) => isGroup(s) && s.Steps.some(isGroup));
  const layout = nested ? laneLayout(items) : rowLayout(items.map((i) => i.spec));
  const { width, height, lanes, edges, boxes } = layout;
  return [
    `<svg class="flow" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Flow of the top-level groups${nested ? ' and their subgroups' : ''}">`,
    '<defs><marker id="flow-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>',
    ...lanes,
    ...edges,
    ...boxes.map(renderBox),
    '</svg>',
  ].join('\n');
}

interface Item {
  readonly spec: BoxSpec;
  /** The group's direct subgroups (none for a run of steps). */
  readonly subs: readonly BoxSpec[];
}

/** Top-level groups, and runs of top-level steps between them, in order. */
function topLevelItems(topLevel: readonly Step[]): Item[] {
  const items: Item[] = [];
  let i = 0;
  while (i < topLevel.length) {
    const step = topLevel[i]!;
    if (isGroup(step)) {
      const path = String(i + 1);
      const subs: BoxSpec[] = [];
      step.Steps.forEach((child, j) => {
        if (isGroup(child)) subs.push(groupSpec(child, `${path}/${j + 1}`, step.Enabled === false));
      });
      items.push({ spec: groupSpec(step, path, false), subs });
      i++;
      continue;
    }
    const start = i;
    while (i < topLevel.length && !isGroup(topLevel[i]!)) i++;
    const run = topLevel.slice(start, i);
    const first = run[0]!;
    const one = run.length === 1;
    items.push({
      spec: {
        label: one ? `${start + 1}  ${stepLabel(first)}` : `Steps ${start + 1}–${i}`,
        detail: one ? 'step' : `${run.length} steps`,
        title: run.map((s, k) => `${start + k + 1} ${stepLabel(s)}`).join('\n'),
        href: `#${anchorOf(String(start + 1))}`,
        kind: 'steps',
        disabled: run.every((s) => s.Enabled === false),
      },
      subs: [],
    });
  }
  return items;
}

function groupSpec(group: Group, path: string, parentDisabled: boolean): BoxSpec {
  const steps = countSteps(group);
  const nested = group.Steps.filter(isGroup).length;
  const detail = [`${steps} step${steps === 1 ? '' : 's'}`];
  if (nested) detail.push(`${nested} subgroup${nested === 1 ? '' : 's'}`);
  if (group.Condition && group.Condition.Operands.length) detail.push('if …');
  if (group.Enabled === false) detail.push('disabled');
  return {
    label: `${path}  ${stepLabel(group)}`,
    detail: detail.join(' · '),
    title: `${path} ${stepLabel(group)}`,
    href: `#${anchorOf(path)}`,
    kind: 'group',
    disabled: parentDisabled || group.Enabled === false,
  };
}

/** A box's width: enough for its label and detail, within bounds. */
function widthOf(spec: BoxSpec): number {
  const need = Math.max([...spec.label].length * LABEL_CHAR_W, [...spec.detail].length * DETAIL_CHAR_W) + 20;
  return Math.min(BOX_MAX_W, Math.max(BOX_MIN_W, Math.ceil(need)));
}

interface Layout {
  readonly width: number;
  readonly height: number;
  readonly lanes: string[];
  readonly edges: string[];
  readonly boxes: Box[];
}

/** Boxes left to right from x0, wrapping before x1; rows start at y0 (`top`: these are top-level items). Returns the boxes and the arrows between them. */
function flowRow(specs: readonly BoxSpec[], x0: number, x1: number, y0: number, top: boolean): { boxes: Box[]; edges: string[]; bottom: number } {
  const boxes: Box[] = [];
  const edges: string[] = [];
  let x = x0;
  let y = y0;
  for (const spec of specs) {
    const w = widthOf(spec);
    const prev = boxes[boxes.length - 1];
    let wraps = false;
    if (prev && x + w > x1) {
      x = x0;
      y += BOX_H + GAP_ROW;
      wraps = true;
    }
    const b: Box = { ...spec, x, y, w, head: top && spec.kind === 'group' };
    if (prev) edges.push(connector(prev, b, wraps));
    boxes.push(b);
    x += w + GAP_X;
  }
  return { boxes, edges, bottom: y + BOX_H };
}

function rowLayout(specs: readonly BoxSpec[]): Layout {
  const { boxes, edges, bottom } = flowRow(specs, MARGIN, MAX_WIDTH - MARGIN, MARGIN, true);
  const right = Math.max(...boxes.map((b) => b.x + b.w));
  return { width: right + MARGIN, height: bottom + MARGIN, lanes: [], edges, boxes };
}

function laneLayout(items: readonly Item[]): Layout {
  const subX0 = MARGIN + LANE_PAD + HEAD_W + 40;
  const lanes: { y: number; h: number; head: Box; steps: boolean }[] = [];
  const edges: string[] = [];
  const boxes: Box[] = [];
  let y = MARGIN;
  for (const item of items) {
    const row = flowRow(item.subs, subX0, MAX_WIDTH - MARGIN - LANE_PAD, y + LANE_PAD, false);
    const h = item.subs.length ? row.bottom - y + LANE_PAD : BOX_H + 2 * LANE_PAD;
    const head: Box = { ...item.spec, x: MARGIN + LANE_PAD, y: y + LANE_PAD, w: HEAD_W, head: true };
    const first = row.boxes[0];
    // "contains": a dotted connector from the lane's group to its first subgroup.
    if (first) edges.push(`<path class="contains" d="M${head.x + head.w},${head.y + BOX_H / 2} L${first.x},${first.y + BOX_H / 2}"/>`);
    const above = lanes[lanes.length - 1];
    if (above) {
      const cx = above.head.x + above.head.w / 2;
      edges.push(`<path class="edge" d="M${cx},${above.head.y + BOX_H} L${cx},${head.y - 2}" marker-end="url(#flow-arrow)"/>`);
    }
    lanes.push({ y, h, head, steps: item.spec.kind === 'steps' });
    boxes.push(head, ...row.boxes);
    edges.push(...row.edges);
    y += h + LANE_GAP;
  }
  const right = Math.max(...boxes.map((b) => b.x + b.w));
  const width = right + LANE_PAD + MARGIN;
  const laneRects = lanes.map((l) => `<rect class="lane${l.steps ? ' lane-steps' : ''}" x="${MARGIN}" y="${l.y}" width="${width - 2 * MARGIN}" height="${l.h}" rx="10"/>`);
  return { width, height: y - LANE_GAP + MARGIN, lanes: laneRects, edges, boxes };
}

function fit(s: string, width: number, charW: number): string {
  const max = Math.floor(width / charW);
  const chars = [...s];
  return chars.length <= max ? s : chars.slice(0, Math.max(1, max - 1)).join('').trimEnd() + '…';
}

function renderBox(b: Box): string {
  const cls = ['box', b.head ? 'box-head' : 'box-sub', b.kind === 'steps' ? 'box-steps' : '', b.disabled ? 'box-disabled' : ''].filter(Boolean).join(' ');
  return (
    `<a href="${escapeHtml(b.href)}"><g class="${cls}"><title>${escapeHtml(b.title)}</title>` +
    `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${BOX_H}" rx="6"/>` +
    `<text class="label" x="${b.x + 8}" y="${b.y + 18}">${escapeHtml(fit(b.label, b.w - 14, LABEL_CHAR_W))}</text>` +
    `<text class="detail" x="${b.x + 8}" y="${b.y + 34}">${escapeHtml(fit(b.detail, b.w - 14, DETAIL_CHAR_W))}</text></g></a>`
  );
}

/** An arrow between siblings: straight on one row; at a row break, down from the end of the row and back to the next row's start. */
function connector(from: Box, to: Box, wraps: boolean): string {
  if (!wraps) {
    const cy = from.y + BOX_H / 2;
    return `<path class="edge" d="M${from.x + from.w},${cy} L${to.x - 2},${cy}" marker-end="url(#flow-arrow)"/>`;
  }
  const sx = from.x + from.w / 2;
  const midY = from.y + BOX_H + GAP_ROW / 2;
  const tx = to.x + Math.min(30, to.w / 2);
  return `<path class="edge" d="M${sx},${from.y + BOX_H} L${sx},${midY} L${tx},${midY} L${tx},${to.y - 2}" marker-end="url(#flow-arrow)"/>`;
}
