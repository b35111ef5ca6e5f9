import { getClass, isSecretProperty } from '../model/catalog.js';
import type { ModelObject, Step } from '../model/node.js';
import { isGroup, stepLabel } from '../model/node.js';
import { parseDynamicRules, type DynamicRule } from '../conditions/index.js';

/**
 * The text a step carries, for the rules that read command lines and values: which property, and
 * the text. Name and Description are labels, not run; secrets are validate's business (TS018); the
 * Set Dynamic Variables rules document and an inline PowerShell script are read by their own helpers.
 */
export interface StepText {
  readonly property: string;
  readonly text: string;
}

const NOT_RUN = new Set(['__CLASS', 'Name', 'Description', 'Steps', 'Condition', 'Enabled', 'ContinueOnError', 'Rules', 'SourceScript', 'SuccessCodeList', 'SuccessCodes']);

export function stepTexts(step: Step): StepText[] {
  if (isGroup(step)) return [];
  const out: StepText[] = [];
  for (const [key, value] of Object.entries(step)) {
    if (NOT_RUN.has(key) || typeof value !== 'string' || value === '') continue;
    if (isSecretProperty(step.__CLASS, key)) continue;
    out.push({ property: key, text: value });
  }
  return out;
}

/** The command line a step runs: Run Command Line's (and an untyped MDT step's) CommandLine, else its `<action>` line. */
export function commandLineOf(step: Step): string | undefined {
  const cmd = step['CommandLine'];
  if (typeof cmd === 'string' && cmd.trim() !== '') return cmd;
  const action = step['Action'];
  return typeof action === 'string' && action.trim() !== '' ? action : undefined;
}

/**
 * The inline script of a Run PowerShell Script step: base64 of its UTF-16 LE text with a BOM
 * (REFERENCE.md §2.2 item 2, §10); undefined when there is none or it does not decode.
 */
export function inlineScriptOf(step: Step): string | undefined {
  const source = step['SourceScript'];
  if (typeof source !== 'string' || source.trim() === '') return undefined;
  const compact = source.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  // atob and TextDecoder rather than Buffer: the lint layer runs where Node's globals do not.
  const bytes = Uint8Array.from(atob(compact), (c) => c.charCodeAt(0));
  const decode = (encoding: string, from: number): string => new TextDecoder(encoding).decode(bytes.subarray(from));
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decode('utf-16le', 2);
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decode('utf-8', 3);
  // No BOM: UTF-16 LE when every other byte is zero (ASCII text), else UTF-8.
  const zeros = bytes.filter((b, i) => i % 2 === 1 && b === 0).length;
  return zeros > bytes.length / 4 ? decode('utf-16le', 0) : decode('utf-8', 0);
}

/** Set Dynamic Variables' rules, or undefined when the step has none or they do not parse (the step then fails; not lint's finding). */
export function dynamicRulesOf(step: Step): DynamicRule[] | undefined {
  if (step.__CLASS !== 'SMS_TaskSequence_SetDynamicVariablesAction') return undefined;
  const text = step['Rules'];
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  try {
    return parseDynamicRules(text);
  } catch {
    return undefined;
  }
}

/** Whether a value is, or holds, a `%VARIABLE%` reference resolved at run time. */
export function hasVariableReference(text: string): boolean {
  return /%[^%\s]+%/.test(text);
}

/** The catalog's console name of a step's class, or the class name. */
export function kindOf(step: ModelObject): string {
  if (isGroup(step)) return 'group';
  return getClass(step.__CLASS)?.displayName ?? step.__CLASS;
}

/** `"Name" (2/1)`: how findings name a step. */
export function describeStep(step: Step, path: string): string {
  return `"${stepLabel(step)}" (${path})`;
}
