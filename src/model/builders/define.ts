import type { Step, TaskSequence } from '../node.js';
import { frozen } from './frozen.js';
import { taskSequence } from './sequence.js';

/**
 * The entry point of a task sequence written as code (docs/code-first.md):
 *
 *   import { defineTaskSequence, group, restartComputer, variable } from 'tseq';
 *
 *   export default defineTaskSequence({
 *     name: 'Windows 11 Enterprise',
 *     steps: [group('Install Operating System', [ … ])],
 *   });
 *
 * `tseq build` imports the file and writes the sequence as the XML ConfigMgr imports.
 */
export interface TaskSequenceDefinition {
  /**
   * The task sequence's name. The `<sequence>` element has none (REFERENCE.md §1.4): the name belongs to
   * the package (SMS_TaskSequencePackage.Name), which `tseq build --package` writes.
   */
  readonly name?: string;
  /** The package's description (SMS_TaskSequencePackage.Description), written by `tseq build --package`. */
  readonly description?: string;
  /** The `<sequence version>`; default '3.10', what current-branch ConfigMgr writes. */
  readonly schemaVersion?: string;
  /** The top-level steps and groups, in order. */
  readonly steps: readonly Step[];
}

/** The name and description a definition gave its sequence: package metadata, not part of the sequence XML. */
export interface TaskSequenceMetadata {
  readonly name?: string;
  readonly description?: string;
}

/**
 * Where the metadata sits on the sequence: a non-enumerable property under a registered symbol, so it
 * stays out of the model's JSON and XML, and survives a second copy of this module (Symbol.for is global).
 */
const METADATA = Symbol.for('tseq.taskSequenceMetadata');

/**
 * A frozen task sequence from its definition: the steps as `taskSequence()` takes them, the name and
 * description kept beside the model (read them with `taskSequenceMetadata`). Throws a TypeError on a
 * malformed definition.
 */
export function defineTaskSequence(definition: TaskSequenceDefinition): TaskSequence {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    throw new TypeError('defineTaskSequence(): give it an object: { name?, description?, schemaVersion?, steps: [...] }');
  }
  const { name, description, schemaVersion, steps } = definition;
  if (!Array.isArray(steps)) throw new TypeError('defineTaskSequence(): steps must be an array of steps and groups');
  for (const [key, value] of [
    ['name', name],
    ['description', description],
    ['schemaVersion', schemaVersion],
  ] as const) {
    if (value !== undefined && typeof value !== 'string') throw new TypeError(`defineTaskSequence(): ${key} must be a string, got ${typeof value}`);
  }
  steps.forEach((step: unknown, i) => {
    if (typeof step !== 'object' || step === null || typeof (step as { __CLASS?: unknown }).__CLASS !== 'string' || typeof (step as { Name?: unknown }).Name !== 'string') {
      throw new TypeError(`defineTaskSequence(): steps[${i}] is not a step or group (make it with a builder such as group() or runCommandLine())`);
    }
  });
  const seq = { ...taskSequence(steps, schemaVersion !== undefined ? { schemaVersion } : {}) };
  const metadata: TaskSequenceMetadata = frozen({ ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}) });
  Object.defineProperty(seq, METADATA, { value: metadata, enumerable: false });
  return frozen(seq) as TaskSequence;
}

/** The name and description `defineTaskSequence` was given; undefined for a sequence made otherwise. */
export function taskSequenceMetadata(seq: TaskSequence): TaskSequenceMetadata | undefined {
  const value = (seq as unknown as Record<symbol, unknown>)[METADATA];
  return typeof value === 'object' && value !== null ? (value as TaskSequenceMetadata) : undefined;
}
