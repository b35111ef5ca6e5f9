import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { getClass } from '../../model/catalog.js';
import { TseqInputError } from '../../model/errors.js';
import { E_FAIL } from '../core.js';
import { runCommandLine, runPowerShellScript } from './run-command-line.js';
import { TASK_SEQUENCE_EFFECT_HANDLERS } from './task-sequence-effects.js';
import type { ActionHandler, HandlerTable } from './types.js';

export { simulationHandlers, outcomeFor, type Outcomes } from './simulated.js';
export type { ActionHandler, HandlerInput, HandlerResult, HandlerTable } from './types.js';
export { decodeInlineScript, findOnPath, runShellCommand } from './run-command-line.js';

/** The actions tseq runs for real on any platform; every other class needs --simulate or a plug-in. */
export function realHandlers(): { table: HandlerTable; fallback: ActionHandler } {
  const table: Record<string, ActionHandler> = {
    ...TASK_SEQUENCE_EFFECT_HANDLERS,
    SMS_TaskSequence_RunCommandLineAction: runCommandLine,
    SMS_TaskSequence_RunPowerShellScriptAction: runPowerShellScript,
  };
  const fallback: ActionHandler = (input) => {
    // A custom action the catalog does not know, with a plain command as its <action>: run the command.
    if (!getClass(input.step.__CLASS) && typeof input.prepared.properties['Action'] === 'string' && input.prepared.properties['Action'] !== '') {
      return runCommandLine(input);
    }
    return {
      exitCode: E_FAIL,
      error: `no real handler for ${input.step.__CLASS} on this platform: rehearse the task sequence with tseq run --simulate, or supply a handler with --handlers FILE (a module that exports handlers by class name)`,
    };
  };
  return { table, fallback };
}

/**
 * Loads a handler plug-in: an ES module whose default export (or named exports) maps class names to
 * functions `(input) => { exitCode, setVariables?, restartTo?, error? }` (docs/engine.md).
 */
export async function loadHandlerPlugin(file: string): Promise<HandlerTable> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  } catch (e) {
    throw new TseqInputError('RUN003', `cannot load the handler module: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, { file });
  }
  const source = mod['default'] && typeof mod['default'] === 'object' ? (mod['default'] as Record<string, unknown>) : mod;
  const table: Record<string, ActionHandler> = {};
  for (const [name, value] of Object.entries(source)) {
    if (name === 'default') continue;
    if (typeof value !== 'function') throw new TseqInputError('RUN003', `the handler module exports "${name}", which is not a function`, { file });
    table[name] = value as ActionHandler;
  }
  if (Object.keys(table).length === 0) throw new TseqInputError('RUN003', 'the handler module exports no handlers (export functions named by class, e.g. BDD_Gather)', { file });
  return table;
}
