import type { Step, TaskSequence } from '../model/node.js';
import { isGroup } from '../model/node.js';

/**
 * The sequence flattened into a numbered instruction list, as TSManager does (REFERENCE.md §5.1:
 * "Instruction at 0,1,2…"): every step and group once, in document order, each knowing its
 * parent and where its subtree ends. The engine's instruction pointer is an index into this list.
 */
export interface Instruction {
  readonly index: number;
  readonly step: Step;
  /** 1-based path as the console numbers it: `2/1`. */
  readonly path: string;
  readonly isGroup: boolean;
  /** Index of the enclosing group, -1 at the top level. */
  readonly parent: number;
  /** Index just past this instruction's subtree (index + 1 for a step). */
  readonly end: number;
  readonly depth: number;
}

export interface Program {
  readonly instructions: readonly Instruction[];
  /** Steps that are not groups: what `step n of N` counts. */
  readonly actionCount: number;
}

export function compileProgram(seq: TaskSequence): Program {
  const instructions: Instruction[] = [];
  let actionCount = 0;
  const visit = (steps: readonly Step[], prefix: string, parent: number, depth: number): void => {
    steps.forEach((step, i) => {
      const index = instructions.length;
      const path = prefix ? `${prefix}/${i + 1}` : `${i + 1}`;
      const group = isGroup(step);
      const slot: { -readonly [K in keyof Instruction]: Instruction[K] } = { index, step, path, isGroup: group, parent, end: index + 1, depth };
      instructions.push(slot);
      if (group) {
        visit(step.Steps, path, index, depth + 1);
        slot.end = instructions.length;
      } else actionCount++;
    });
  };
  visit(seq.Steps, '', -1, 0);
  return { instructions, actionCount };
}
