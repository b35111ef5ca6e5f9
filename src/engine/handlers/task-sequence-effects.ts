import { applyDynamicRules, DynamicRulesError, machineIdentityVariables, parseDynamicRules } from '../../conditions/index.js';
import { E_FAIL } from '../core.js';
import type { ActionHandler, HandlerResult } from './types.js';

/**
 * The actions whose effect is on the task sequence itself. They behave the same in a simulation and
 * in a real run (REFERENCE.md §9): Set Task Sequence Variable, Set Dynamic Variables, Restart Computer.
 */

/** Names ConfigMgr accepts: letters, digits, `_` and `-`, 1-256 characters (REFERENCE.md §5.7). */
const VARIABLE_NAME = /^[A-Za-z0-9_-]{1,256}$/;

/** Set Task Sequence Variable: sets (or, with "", deletes) the variable; a read-only `_` name fails (§2.2 item 7). */
export const setTaskSequenceVariable: ActionHandler = ({ prepared, log }): HandlerResult => {
  const name = String(prepared.properties['VariableName'] ?? '').trim();
  const value = String(prepared.properties['VariableValue'] ?? '');
  if (name.startsWith('_')) return { exitCode: E_FAIL, error: `cannot set "${name}": variables that start with _ are read-only` };
  if (!VARIABLE_NAME.test(name)) return { exitCode: E_FAIL, error: `"${name}" is not a variable name ConfigMgr accepts (letters, digits, _ and -, 1 to 256 characters)` };
  const hidden = prepared.properties['DoNotShowVariableValue'] === true;
  log(value === '' ? `Deleting variable ${name}` : `Setting variable ${name} to ${hidden ? '(hidden)' : `"${value}"`}`);
  return { exitCode: 0, setVariables: [[name, value]] };
};

/** Set Dynamic Variables: the machine's identity variables first, then every matching rule's variables. */
export const setDynamicVariables: ActionHandler = ({ prepared, profile, variables, log }): HandlerResult => {
  const identity = machineIdentityVariables({ profile, variables });
  let env = variables;
  for (const [k, v] of identity) env = env.with(k, v);
  let rules;
  try {
    rules = parseDynamicRules(String(prepared.properties['Rules'] ?? '<Rules/>') || '<Rules/>');
  } catch (e) {
    return { exitCode: E_FAIL, error: e instanceof DynamicRulesError ? e.message : String(e) };
  }
  const { variables: set, matched } = applyDynamicRules(rules, { profile, variables: env });
  log(`${rules.length} rule(s), ${matched.length} matched${matched.length ? ` (${matched.map((i) => i + 1).join(', ')})` : ''}`);
  return { exitCode: 0, setVariables: [...identity, ...set] };
};

/** Restart Computer: into the installed OS (HD) or the boot image (WinPE) (§2.2 item 6). */
export const restartComputer: ActionHandler = ({ prepared, log }): HandlerResult => {
  const target = String(prepared.properties['Target'] ?? 'HD').trim();
  const into = /^winpe$/i.test(target) ? 'WinPE' : 'FullOS';
  log(`Restarting into ${into === 'WinPE' ? 'the boot image (WinPE)' : 'the installed operating system (HD)'}`);
  return { exitCode: 0, restartTo: into };
};

export const TASK_SEQUENCE_EFFECT_HANDLERS = {
  SMS_TaskSequence_SetVariableAction: setTaskSequenceVariable,
  SMS_TaskSequence_SetDynamicVariablesAction: setDynamicVariables,
  SMS_TaskSequence_RebootAction: restartComputer,
} as const;
