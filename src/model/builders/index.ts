/**
 * Task sequences as code: builders that make the model (src/model/node.ts), pure and frozen.
 *
 *   taskSequence([
 *     group('Prepare', [
 *       runCommandLine('Echo', { CommandLine: 'cmd.exe /c echo hi' }),
 *       restartComputer('Restart', { Target: 'WinPE', Condition: variable('_SMSTSInWinPE').equals('false') }),
 *     ]),
 *   ])
 */
export { taskSequence } from './sequence.js';
export type { TaskSequenceOptions } from './sequence.js';
export { defineTaskSequence, taskSequenceMetadata } from './define.js';
export type { TaskSequenceDefinition, TaskSequenceMetadata } from './define.js';
export { group } from './group.js';
export type { GroupOptions } from './group.js';
export * from './steps.js';
export type { ActionOptions, PointerOptions, StepOptions, SupportedEnvironment } from './step-options.js';
export { and, condition, file, folder, not, operatingSystem, or, osVersion, platform, registry, software, toCondition, variable, wmi } from './conditions.js';
export type {
  ComparedValue,
  ComparisonOperator,
  ConditionInput,
  DateTimeValue,
  FileOptions,
  FolderOptions,
  PlatformKey,
  RegistryTest,
  RegistryType,
  SoftwareOptions,
  VariableTest,
  WmiOptions,
} from './conditions.js';
export type { PropertiesOf, PropertyTable, VariableReference } from './property-tables.js';
