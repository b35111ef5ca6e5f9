import type { ProfileIndex, VariableStore } from '../../conditions/index.js';
import type { Step } from '../../model/node.js';
import type { Environment } from '../core.js';
import type { PreparedStep } from '../step-input.js';

/**
 * The plug-in API for actions: a handler runs one step and says how it ended. A module passed with
 * `tseq run --handlers FILE` exports handlers by class name (`export default { "BDD_Gather": handler }`
 * or named exports), which take precedence over tseq's own (docs/engine.md).
 */
export interface HandlerInput {
  readonly index: number;
  readonly path: string;
  readonly step: Step;
  /** Properties after variable overrides and %NAME% expansion. */
  readonly prepared: PreparedStep;
  readonly variables: VariableStore;
  /** The machine as conditions see it (Set Dynamic Variables reads it). */
  readonly profile: ProfileIndex;
  readonly environment: Environment;
  /** Milliseconds the step may run (its Timeout), undefined for none. */
  readonly timeoutMs: number | undefined;
  /** Writes a line to smsts.log under the step's component. */
  readonly log: (message: string, type?: 1 | 2 | 3) => void;
  /** The run's working folder (the state directory in a real run). */
  readonly workDir: string;
}

export interface HandlerResult {
  readonly exitCode: number;
  /** Variables the action set; applied when the step succeeds. */
  readonly setVariables?: readonly (readonly [string, string])[];
  /** Restart Computer: the environment the machine restarts into. */
  readonly restartTo?: Environment;
  /** A failure that is not an exit code (time-out, no handler, wrong input). */
  readonly error?: string;
}

export type ActionHandler = (input: HandlerInput) => Promise<HandlerResult> | HandlerResult;

export type HandlerTable = Readonly<Record<string, ActionHandler>>;
