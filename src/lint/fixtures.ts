/**
 * Small builders of task sequence XML for the lint tests: each test reads its document through the
 * XML layer, as the CLI does, so that positions and the model are the real ones.
 */
import { readDocument, locationOf } from '../xml/index.js';
import { lintDocument, type LintOptions } from './lint.js';
import { parseLintConfig } from './config.js';
import type { Finding } from './types.js';

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function sequence(...body: string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<sequence version="3.10">\n${body.join('\n')}\n</sequence>\n`;
}

export function condition(...operands: string[]): string {
  return `<condition>${operands.join('')}</condition>`;
}

export function v(variable: string, operator: string, value?: string): string {
  return `<expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">${esc(operator)}</variable>${value !== undefined ? `<variable name="Value">${esc(value)}</variable>` : ''}<variable name="Variable">${esc(variable)}</variable></expression>`;
}

export function wmi(query: string): string {
  return `<expression type="SMS_TaskSequence_WMIConditionExpression"><variable name="Namespace">root\\cimv2</variable><variable name="Query">${esc(query)}</variable></expression>`;
}

export function op(type: string, ...operands: string[]): string {
  return operands.length ? `<operator type="${type}">${operands.join('')}</operator>` : `<operator type="${type}"/>`;
}

export function osExpr(architecture: string, version: string, operator = 'equals'): string {
  return `<expression type="SMS_TaskSequence_OSConditionExpression"><variable name="Architecture">${architecture}</variable><variable name="Version">${version}</variable><variable name="Operator">${operator}</variable></expression>`;
}

export interface StepOptions {
  readonly cond?: string;
  readonly runIn?: string;
  readonly disabled?: boolean;
  readonly continueOnError?: boolean;
  readonly successCodes?: string;
}

function attrs(o: StepOptions, defaultRunIn = 'WinPEandFullOS'): string {
  return `${o.disabled ? ' disable="true"' : ''}${o.continueOnError ? ' continueOnError="true"' : ''} runIn="${o.runIn ?? defaultRunIn}"`;
}

export function cmd(name: string, commandLine: string, o: StepOptions = {}): string {
  return `<step type="SMS_TaskSequence_RunCommandLineAction" name="${esc(name)}" description=""${attrs(o)} successCodeList="${o.successCodes ?? '0 3010'}">${o.cond ?? ''}<action>smsswd.exe /run: ${esc(commandLine)}</action><defaultVarList><variable name="CommandLine" property="CommandLine" hidden="true">${esc(commandLine)}</variable><variable name="SuccessCodes" property="SuccessCodes" hidden="true">${o.successCodes ?? '0 3010'}</variable></defaultVarList></step>`;
}

export function setVar(name: string, variable: string, value: string, o: StepOptions = {}): string {
  return `<step type="SMS_TaskSequence_SetVariableAction" name="${esc(name)}" description=""${attrs(o)} successCodeList="0">${o.cond ?? ''}<action>tsenv.exe "${esc(variable)}=${esc(value)}"</action><defaultVarList><variable name="VariableName" property="VariableName" hidden="true">${esc(variable)}</variable><variable name="VariableValue" property="VariableValue" hidden="true">${esc(value)}</variable></defaultVarList></step>`;
}

export function dynamicVars(name: string, rules: string, o: StepOptions = {}): string {
  return `<step type="SMS_TaskSequence_SetDynamicVariablesAction" name="${esc(name)}" description=""${attrs(o)} successCodeList="0">${o.cond ?? ''}<action>OSDSetDynamicVariables.exe</action><defaultVarList><variable name="OSDSetDynamicVariablesRules" property="Rules">${esc(rules)}</variable></defaultVarList></step>`;
}

export function rule(variables: Record<string, string>, conditionXml = ''): string {
  const vars = Object.entries(variables).map(([n, val]) => `<Variable Name="${n}" IsSecret="false">${esc(val)}</Variable>`).join('');
  return `<Rule>${conditionXml ? `<condition>${conditionXml}</condition>` : ''}<Variables>${vars}</Variables></Rule>`;
}

export function reboot(name: string, target: 'WinPE' | 'HD' | '', o: StepOptions = {}): string {
  return `<step type="SMS_TaskSequence_RebootAction" name="${esc(name)}" description=""${attrs(o)} successCodeList="0">${o.cond ?? ''}<action>smsboot.exe /target:${target || 'WinPE'}</action><defaultVarList><variable name="SMSRebootMessage" property="Message"></variable><variable name="SMSRebootTimeout" property="MessageTimeout">60</variable><variable name="SMSRebootTarget" property="Target" hidden="true">${target}</variable></defaultVarList></step>`;
}

export function setupWindows(name = 'Setup Windows and ConfigMgr', o: StepOptions = {}): string {
  return `<step type="SMS_TaskSequence_SetupWindowsAndSMSAction" name="${esc(name)}" description=""${attrs(o)} successCodeList="0">${o.cond ?? ''}<action>OSDSetupWindows.exe</action><defaultVarList><variable name="_SMSClientPackageID" property="ClientPackageID">ABC00002</variable></defaultVarList></step>`;
}

/** A step with the given class and runIn and nothing else: enough for the environment rules. */
export function typed(name: string, type: string, o: StepOptions = {}, vars = ''): string {
  return `<step type="${type}" name="${esc(name)}" description=""${attrs(o)} successCodeList="0">${o.cond ?? ''}<action>x.exe</action><defaultVarList>${vars}</defaultVarList></step>`;
}

export function group(name: string, o: StepOptions & { readonly steps?: readonly string[] } = {}): string {
  return `<group name="${esc(name)}" description=""${o.disabled ? ' disable="true"' : ''}${o.continueOnError ? ' continueOnError="true"' : ''}>${o.cond ?? ''}${(o.steps ?? []).join('')}</group>`;
}

/** Base64 of UTF-16 LE text with a BOM, as Run PowerShell Script stores an inline script. */
export function inlineScript(text: string): string {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]).toString('base64');
}

export function powershell(name: string, props: { parameters?: string; script?: string; scriptName?: string; packageId?: string }, o: StepOptions = {}): string {
  const vars = [
    `<variable name="OSDRunPowerShellScriptExecutionPolicy" property="ExecutionPolicy">Bypass</variable>`,
    `<variable name="OSDRunPowerShellScriptParameters" property="Parameters">${esc(props.parameters ?? '')}</variable>`,
    props.script !== undefined ? `<variable name="OSDRunPowerShellScriptSourceScript" property="SourceScript">${inlineScript(props.script)}</variable>` : '',
    props.scriptName ? `<variable name="OSDRunPowerShellScriptScriptName" property="ScriptName">${esc(props.scriptName)}</variable>` : '',
    props.packageId ? `<variable name="OSDRunPowerShellScriptPackageID" property="PackageID">${props.packageId}</variable>` : '',
  ].join('');
  return `<step type="SMS_TaskSequence_RunPowerShellScriptAction" name="${esc(name)}" description=""${attrs(o)} successCodeList="0 3010">${o.cond ?? ''}<action>OSDRunPowerShellScript.exe</action><defaultVarList>${vars}</defaultVarList></step>`;
}

/** Lints XML text as the CLI does; `config` is the `lint` section's `rules`. */
export function lintXml(xml: string, options: Omit<LintOptions, 'config' | 'locate'> & { rules?: Record<string, unknown> } = {}): Finding[] {
  const { document } = readDocument(xml);
  const { rules, ...rest } = options;
  return lintDocument(document, { ...rest, locate: locationOf, ...(rules ? { config: parseLintConfig({ lint: { rules } }) } : {}) });
}

/** The findings of one rule. */
export function findingsOf(ruleId: string, xml: string, options: Parameters<typeof lintXml>[1] = {}): Finding[] {
  return lintXml(xml, options).filter((f) => f.rule === ruleId);
}
