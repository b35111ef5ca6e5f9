import type { ClassDef } from '../class-def.js';

/** The task sequence itself and the abstract step classes every step inherits (REFERENCE.md §1.4, §1.5, §4). */
export const baseClasses: readonly ClassDef[] = [
  {
    name: 'SMS_TaskSequence',
    parent: null,
    role: 'sequence',
    description: 'A task sequence: its schema version and its top-level steps and groups.',
    properties: [
      // 3.00 as the SDK and MDT write; current-branch exports carry 3.10 (REFERENCE.md §1.4).
      { name: 'SchemaVersion', type: 'string', default: '3.00', allowed: ['3.00', '3.10'], xml: { kind: 'attribute', name: 'version' } },
      { name: 'Steps', type: 'string', array: true, embedded: 'SMS_TaskSequence_Step', xml: { kind: 'steps' } },
    ],
  },
  {
    name: 'SMS_TaskSequence_Step',
    parent: null,
    role: 'step',
    abstract: true,
    description: 'Common properties of every step and group.',
    properties: [
      // WMI AllowedLen 1-100; the console editor stops at 50 (REFERENCE.md §7).
      { name: 'Name', type: 'string', required: true, length: [1, 100], xml: { kind: 'attribute', name: 'name' } },
      { name: 'Description', type: 'string', length: [0, 255], xml: { kind: 'attribute', name: 'description' } },
      // Stored inverted as disable="true" (REFERENCE.md §4).
      { name: 'Enabled', type: 'boolean', default: true, xml: { kind: 'attribute', name: 'disable' } },
      { name: 'ContinueOnError', type: 'boolean', default: false, xml: { kind: 'attribute', name: 'continueOnError' } },
      { name: 'Condition', type: 'string', embedded: 'SMS_TaskSequence_Condition', xml: { kind: 'condition' } },
    ],
  },
  {
    name: 'SMS_TaskSequence_Group',
    parent: 'SMS_TaskSequence_Step',
    role: 'group',
    element: 'group',
    displayName: 'Group',
    description: 'A container of steps; its condition and Enabled apply to everything inside it.',
    properties: [
      { name: 'Steps', type: 'string', array: true, embedded: 'SMS_TaskSequence_Step', xml: { kind: 'steps' } },
    ],
  },
  {
    name: 'SMS_TaskSequence_Action',
    parent: 'SMS_TaskSequence_Step',
    role: 'action',
    abstract: true,
    element: 'step',
    description: 'A step that runs something; adds the run environment, the time-out and the step attributes.',
    properties: [
      {
        name: 'SupportedEnvironment',
        type: 'string',
        default: 'WinPEandFullOS',
        allowed: ['WinPE', 'FullOS', 'WinPEandFullOS'],
        xml: { kind: 'attribute', name: 'runIn' },
      },
      // Seconds (REFERENCE.md §1.5); the console offers 1-999 minutes.
      { name: 'Timeout', type: 'uint32', xml: { kind: 'attribute', name: 'timeout' } },
      // Exit codes that count as success, space separated; older MDT files spell the attribute successCodes (§10).
      { name: 'SuccessCodeList', type: 'string', default: '0', xml: { kind: 'attribute', name: 'successCodeList', aliases: ['successCodes'] } },
      // Retries after an unexpected restart (Install Application / Install Software Updates 2, else 0, REFERENCE.md §4).
      { name: 'RetryCount', type: 'uint32', default: 0, xml: { kind: 'attribute', name: 'retryCount' } },
      // "Access content directly from the distribution point".
      { name: 'RunFromNet', type: 'boolean', default: false, xml: { kind: 'attribute', name: 'runFromNet' } },
      // MDT writes startIn="" on every step (§10); kept as a property so it round-trips and can be edited.
      { name: 'StartIn', type: 'string', xml: { kind: 'attribute', name: 'startIn' } },
    ],
  },
  {
    name: 'SMS_TaskSequence_Pointer',
    parent: 'SMS_TaskSequence_Step',
    role: 'pointer',
    abstract: true,
    description: 'A step that points at another task sequence; adds the run environment, no time-out.',
    properties: [
      {
        name: 'SupportedEnvironment',
        type: 'string',
        default: 'WinPEandFullOS',
        allowed: ['WinPE', 'FullOS', 'WinPEandFullOS'],
        xml: { kind: 'attribute', name: 'runIn' },
      },
      { name: 'SuccessCodeList', type: 'string', default: '0', xml: { kind: 'attribute', name: 'successCodeList', aliases: ['successCodes'] } },
      { name: 'RetryCount', type: 'uint32', default: 0, xml: { kind: 'attribute', name: 'retryCount' } },
      { name: 'RunFromNet', type: 'boolean', default: false, xml: { kind: 'attribute', name: 'runFromNet' } },
    ],
  },
];
