import type { Step, TaskSequence } from '../node.js';
import { SEQUENCE_CLASS } from '../node.js';
import { frozen } from './frozen.js';

export interface TaskSequenceOptions {
  /**
   * The `<sequence version>`. Default '3.10', what current-branch ConfigMgr writes (REFERENCE.md §1.4, §4);
   * '3.00' is the SDK's and MDT's. The client refuses a version it does not know.
   */
  readonly schemaVersion?: string;
}

/** A task sequence of top-level steps and groups: `taskSequence([group('Setup', […]), restartComputer(…)])`. */
export function taskSequence(steps: readonly Step[], options: TaskSequenceOptions = {}): TaskSequence {
  if (!Array.isArray(steps)) throw new TypeError('taskSequence(): steps must be an array of steps');
  return frozen({ __CLASS: SEQUENCE_CLASS, SchemaVersion: options.schemaVersion ?? '3.10', Steps: frozen([...steps]) }) as TaskSequence;
}
