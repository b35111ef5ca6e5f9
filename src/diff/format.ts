/**
 * The diff as text for a reader: one heading per step, indented by its depth as `tseq show` indents,
 * and its changes under it.
 *
 *   ~ 2/3  Install drivers  (Run Command Line)
 *         > moved from 3/1 to 2/3
 *         ~ CommandLine: "a.cmd" → "b.cmd"
 *   + 2/4  Record date  (Set Task Sequence Variable)
 *   - 4  Cleanup  (group)
 */
import { displayNameOf } from '../model/catalog.js';
import { GROUP_CLASS, PACKAGE_CLASS, SEQUENCE_CLASS } from '../model/node.js';
import { SECRET, type Change } from './diff.js';

export function formatChanges(changes: readonly Change[]): string {
  const lines: string[] = [];
  let i = 0;
  while (i < changes.length) {
    const first = changes[i]!;
    let j = i + 1;
    while (j < changes.length && sameStep(first, changes[j]!)) j++;
    lines.push(...formatStep(changes.slice(i, j)));
    i = j;
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

function sameStep(p: Change, q: Change): boolean {
  if (p.kind === 'added' || p.kind === 'removed' || q.kind === 'added' || q.kind === 'removed') return false;
  return p.pathBefore === q.pathBefore && p.pathAfter === q.pathAfter && p.class === q.class;
}

function depthOf(path: string): number {
  return path === '' ? 0 : path.split('/').length - 1;
}

function kindOf(cls: string): string {
  return cls === GROUP_CLASS ? 'group' : displayNameOf(cls);
}

function formatStep(group: readonly Change[]): string[] {
  const first = group[0]!;
  if (first.kind === 'added' || first.kind === 'removed') {
    const path = (first.kind === 'added' ? first.pathAfter : first.pathBefore) ?? '';
    const name = (first.kind === 'added' ? first.nameAfter : first.nameBefore) ?? '';
    return [`${'  '.repeat(depthOf(path))}${first.kind === 'added' ? '+' : '-'} ${path}  ${name}  (${kindOf(first.class)})`];
  }
  const path = first.pathAfter ?? first.pathBefore ?? '';
  const pad = '  '.repeat(depthOf(path));
  const lines: string[] = [];
  if (path === '') lines.push(first.class === PACKAGE_CLASS ? '~ (package)' : first.class === SEQUENCE_CLASS ? '~ (task sequence)' : `~ (${first.class})`);
  else lines.push(`${pad}~ ${path}  ${first.nameAfter ?? first.nameBefore ?? ''}  (${kindOf(first.class)})`);
  const inner = pad + '      ';
  for (const c of group) lines.push(...formatDetail(c).map((l) => inner + l));
  return lines;
}

function formatDetail(c: Change): string[] {
  switch (c.kind) {
    case 'moved':
      return [`> moved from ${c.pathBefore} to ${c.pathAfter}${c.note ? ` (${c.note})` : ''}`];
    case 'renamed':
      return [`renamed ${JSON.stringify(c.nameBefore)} → ${JSON.stringify(c.nameAfter)}`];
    case 'enabled':
      return ['enabled (was disabled)'];
    case 'disabled':
      return ['disabled (was enabled)'];
    case 'condition': {
      const out = ['~ condition', `    before: ${conditionWords(c.old)}`, `    after:  ${conditionWords(c.new)}`];
      for (const e of c.expressionsRemoved ?? []) out.push(`    - ${e}`);
      for (const e of c.expressionsAdded ?? []) out.push(`    + ${e}`);
      if (c.note) out.push(`    (${c.note})`);
      return out;
    }
    case 'property': {
      if (c.scriptDiff) return [`~ ${c.property} (inline script):`, ...c.scriptDiff.map((l) => '    ' + l)];
      if (c.old === SECRET && c.new === SECRET) return [`~ ${c.property}: changed (a secret: values not shown)`];
      return [`~ ${c.property}: ${formatValue(c.old)} → ${formatValue(c.new)}`];
    }
    default:
      return [c.kind];
  }
}

function conditionWords(v: unknown): string {
  return typeof v === 'string' && v !== '' ? `if ${v}` : '(no condition)';
}

/** A value on one line: strings quoted (JSON escapes, so line breaks show as \n), unset as (unset). */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return '(unset)';
  if (typeof v === 'string' || typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
