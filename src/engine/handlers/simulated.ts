import { allClasses } from '../../model/catalog.js';
import { successCodesOf } from '../core.js';
import type { ActionHandler, HandlerTable } from './types.js';
import { TASK_SEQUENCE_EFFECT_HANDLERS } from './task-sequence-effects.js';

/**
 * Simulation: every step's process "returns" the exit code --outcomes gives it (by name or by
 * 1-based path such as `2/1`), 0 otherwise (REFERENCE.md §9). Steps whose effect is on the task
 * sequence itself perform it when they succeed, as in a real run.
 */
export type Outcomes = Readonly<Record<string, number>>;

export function outcomeFor(outcomes: Outcomes, path: string, name: string): number | undefined {
  if (isEmpty(outcomes)) return undefined; // the usual simulation: nothing to look up (and hashing path and name is not free)
  if (Object.hasOwn(outcomes, path)) return outcomes[path];
  if (Object.hasOwn(outcomes, name)) return outcomes[name];
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(outcomes)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function isEmpty(outcomes: Outcomes): boolean {
  for (const k in outcomes) if (Object.hasOwn(outcomes, k)) return false;
  return true;
}

export function simulationHandlers(outcomes: Outcomes): { table: HandlerTable; fallback: ActionHandler } {
  const simulated = (effect?: ActionHandler): ActionHandler => async (input) => {
    const code = outcomeFor(outcomes, input.path, input.step.Name);
    // A step whose effect is on the task sequence performs it whenever it succeeds (REFERENCE.md §9),
    // also with a success code other than 0 (3010, or one its successCodeList adds).
    if (code !== undefined && code !== 0 && !(effect && successCodesOf(input.step).includes(code))) {
      input.log(`Simulated exit code ${code}`);
      return { exitCode: code };
    }
    if (effect) {
      const r = await effect(input);
      return code === undefined ? r : { ...r, exitCode: r.error ? r.exitCode : code };
    }
    input.log(`Simulated: ${input.step.__CLASS}${code !== undefined ? ` returns ${code}` : ''}`);
    return { exitCode: code ?? 0 };
  };
  const table: Record<string, ActionHandler> = {};
  // Every catalog class (built-in and MDT BDD_*) has a simulation handler.
  for (const def of allClasses()) if ((def.role === 'action' || def.role === 'pointer') && !def.abstract) table[def.name] = simulated();
  for (const [cls, h] of Object.entries(TASK_SEQUENCE_EFFECT_HANDLERS)) table[cls] = simulated(h);
  return { table, fallback: simulated() };
}
