import type { Condition, ModelObject, Operand } from '../model/node.js';
import { isOperator } from '../model/node.js';
import { dynamicRulesOf, inlineScriptOf, stepTexts } from './step-text.js';
import type { LintStepVisit } from './types.js';

/**
 * Where a sequence sets and reads task sequence variables, from its structure: the steps whose
 * effect is on variables (REFERENCE.md §2.2 items 1, 2, 3, 7, 13, 14), the read-outs of conditions
 * and the `%NAME%` references expanded from step properties and condition paths (§9).
 */
export interface VariableWrite {
  /** The name as written (trimmed). */
  readonly name: string;
  readonly visit: LintStepVisit;
  /** How the step sets it, in words ("Set Task Sequence Variable", "a Set Dynamic Variables rule", …). */
  readonly via: string;
  /** The value, where the sequence holds it. */
  readonly value?: string;
  /** The step sets `<name>01`, `<name>02`, … rather than the name itself (Download Package Content). */
  readonly prefix?: boolean;
  /** The name is the target of an assignment the administrator wrote (not a step's own output or action variable). */
  readonly assigned: boolean;
}

export interface VariableRead {
  readonly name: string;
  readonly visit: LintStepVisit;
  /** `condition` (a variable condition) or `expansion` (a `%NAME%` in a property or a condition path). */
  readonly via: 'condition' | 'expansion';
  /** The property the `%NAME%` stands in. */
  readonly property?: string;
}

/** Variables the step classes set as their output (REFERENCE.md §2.2). */
const CLASS_OUTPUTS: Readonly<Record<string, readonly string[]>> = {
  SMS_TaskSequence_ApplyOperatingSystemAction: ['OSDTargetSystemDrive'],
  SMS_TaskSequence_PrepareOSAction: ['OSDTargetSystemRoot'],
  SMS_TaskSequence_RequestStateStoreAction: ['OSDStateStorePath'],
  SMS_TaskSequence_CaptureWindowsSettingsAction: ['OSDComputerName', 'OSDRegisteredOrgName', 'OSDTimeZone'],
};

export function variableWrites(steps: readonly LintStepVisit[]): VariableWrite[] {
  const out: VariableWrite[] = [];
  const push = (w: VariableWrite): void => {
    if (w.name.trim() !== '') out.push({ ...w, name: w.name.trim() });
  };
  for (const visit of steps) {
    const step = visit.step;
    const s = (k: string): string | undefined => (typeof step[k] === 'string' ? (step[k] as string) : undefined);
    switch (step.__CLASS) {
      case 'SMS_TaskSequence_SetVariableAction': {
        const name = s('VariableName');
        const value = step['VariableValue'];
        if (name !== undefined) push({ name, visit, via: 'Set Task Sequence Variable', assigned: true, ...(value !== undefined && value !== null ? { value: String(value) } : {}) });
        break;
      }
      case 'SMS_TaskSequence_SetDynamicVariablesAction':
        for (const rule of dynamicRulesOf(step) ?? []) {
          for (const v of rule.variables) push({ name: v.name, visit, via: 'a Set Dynamic Variables rule', value: v.value, assigned: true });
        }
        break;
      case 'SMS_TaskSequence_DownloadPackageContentAction': {
        const base = s('DestinationVariable');
        if (base) push({ name: base, visit, via: 'Download Package Content (its output variables)', prefix: true, assigned: true });
        break;
      }
      case 'SMS_TaskSequence_PartitionDiskAction': {
        const parts = step['Partitions'];
        if (Array.isArray(parts)) {
          for (const p of parts as ModelObject[]) {
            const v = p['VolumeLetterVariable'];
            if (typeof v === 'string') push({ name: v, visit, via: 'Format and Partition Disk (a partition\'s drive letter variable)', assigned: true });
          }
        }
        break;
      }
    }
    // Download Package Content's output base can also be given as a variable (the OSDDownloadContent.exe idiom).
    for (const w of out.slice()) {
      if (w.visit === visit && w.assigned && w.name.toLowerCase() === 'osddownloaddestinationvariable' && w.value && !w.value.includes('%')) {
        push({ name: w.value, visit, via: `${w.via} (OSDDownloadDestinationVariable, for Download Package Content)`, prefix: true, assigned: false });
      }
    }
    const output = s('OutputVariableName');
    if (output) push({ name: output, visit, via: 'the step\'s output variable', assigned: true });
    for (const name of CLASS_OUTPUTS[step.__CLASS] ?? []) push({ name, visit, via: 'the step (its output)', assigned: false });
  }
  return out;
}

/** `%NAME%` references: a name of variable-name characters between two percent signs, not `%1` or `%%i`. */
export function expansionsIn(text: string): string[] {
  const out: string[] = [];
  const re = /%([A-Za-z_][A-Za-z0-9_-]*)%/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    // `%%NAME%%` in a batch line is an escaped percent, not a reference; skip it.
    if (text[m.index - 1] === '%' && text[m.index + m[0].length] === '%') continue;
    out.push(m[1]!);
  }
  return out;
}

const PATH_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  SMS_TaskSequence_FileConditionExpression: ['Path'],
  SMS_TaskSequence_FolderConditionExpression: ['Path'],
  SMS_TaskSequence_RegistryConditionExpression: ['KeyPath'],
};

/** Every variable a condition reads: variable conditions, and `%NAME%` in file, folder and registry paths (§9). */
export function conditionReads(operands: readonly Operand[], visit: LintStepVisit, out: VariableRead[]): void {
  for (const o of operands) {
    if (isOperator(o)) {
      conditionReads(o.Operands, visit, out);
      continue;
    }
    if (o.__CLASS === 'SMS_TaskSequence_VariableConditionExpression') {
      const name = typeof o['Variable'] === 'string' ? (o['Variable'] as string).trim() : '';
      if (name !== '' && !name.includes('%')) out.push({ name, visit, via: 'condition' });
    }
    for (const p of PATH_PROPERTIES[o.__CLASS] ?? []) {
      const text = o[p];
      if (typeof text === 'string') for (const name of expansionsIn(text)) out.push({ name, visit, via: 'expansion', property: `condition ${p}` });
    }
  }
}

export function variableReads(steps: readonly LintStepVisit[]): VariableRead[] {
  const out: VariableRead[] = [];
  for (const visit of steps) {
    const step = visit.step;
    const condition: Condition | undefined = step.Condition;
    if (condition) conditionReads(condition.Operands, visit, out);
    for (const { property, text } of stepTexts(step)) {
      for (const name of expansionsIn(text)) out.push({ name, visit, via: 'expansion', property });
    }
    for (const rule of dynamicRulesOf(step) ?? []) {
      conditionReads(rule.condition, visit, out);
      for (const v of rule.variables) for (const name of expansionsIn(v.value)) out.push({ name, visit, via: 'expansion', property: `rule value of ${v.name}` });
    }
  }
  return out;
}

/**
 * Every word that scripts and command lines of the sequence mention outside a `%NAME%` reference:
 * a script that writes `$tsenv.Value("IsVM") = "True"` or `tsenv.exe IsVM=True` sets IsVM, and only
 * its text tells. Lower-case.
 */
export function mentionedWords(steps: readonly LintStepVisit[]): Set<string> {
  const words = new Set<string>();
  const add = (text: string): void => {
    const stripped = text.replace(/%[A-Za-z_][A-Za-z0-9_-]*%/g, ' ');
    for (const w of stripped.match(/[A-Za-z_][A-Za-z0-9_-]*/g) ?? []) words.add(w.toLowerCase());
  };
  for (const { step } of steps) {
    for (const { text } of stepTexts(step)) add(text);
    const script = inlineScriptOf(step);
    if (script) add(script);
  }
  return words;
}
