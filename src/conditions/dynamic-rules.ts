import { SaxesParser } from 'saxes';
import type { ModelObject, Operand } from '../model/node.js';
import { evaluateOperand, type EvaluationContext, type Trace } from './evaluate.js';
import { matchesWildcard } from './compare.js';
import type { WmiInstance } from './profile.js';

/**
 * Set Dynamic Variables' rules (REFERENCE.md §2.2 item 3): an escaped `<Rules>` document in the
 * step's Rules property. Each rule has an optional condition (absent: unconditional) and variables;
 * rules are evaluated in order and each matching rule sets its variables.
 */
export interface DynamicRule {
  readonly condition: readonly Operand[];
  readonly variables: readonly { readonly name: string; readonly value: string; readonly isSecret: boolean }[];
}

export class DynamicRulesError extends Error {
  override readonly name = 'DynamicRulesError';
}

/** Parses the rules text; throws DynamicRulesError on malformed text (the step then fails). */
export function parseDynamicRules(text: string): DynamicRule[] {
  const rules: { condition: Operand[]; variables: { name: string; value: string; isSecret: boolean }[] }[] = [];
  const parser = new SaxesParser();
  let rule: (typeof rules)[number] | undefined;
  let inCondition = false;
  let expression: Record<string, unknown> | undefined;
  let variableName: string | undefined;
  let ruleVariable: { name: string; value: string; isSecret: boolean } | undefined;
  let textBuf = '';
  parser.on('error', (e) => {
    throw new DynamicRulesError(`the rules are not well-formed XML: ${e.message}`);
  });
  parser.on('doctype', () => {
    throw new DynamicRulesError('the rules may not contain a DOCTYPE');
  });
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    textBuf = '';
    switch (tag.name) {
      case 'Rule':
        rule = { condition: [], variables: [] };
        rules.push(rule);
        break;
      case 'condition':
        inCondition = true;
        break;
      case 'expression':
        if (inCondition) expression = { __CLASS: a['type'] ?? 'SMS_TaskSequence_ConditionExpression' };
        break;
      case 'variable':
        variableName = a['name'];
        break;
      case 'Variable':
        ruleVariable = { name: a['Name'] ?? '', value: '', isSecret: /^true$/i.test(a['IsSecret'] ?? '') };
        break;
    }
  });
  parser.on('text', (t) => {
    textBuf += t;
  });
  parser.on('closetag', (tag) => {
    switch (tag.name) {
      case 'variable':
        if (expression && variableName !== undefined) expression[variableName] = textBuf;
        variableName = undefined;
        break;
      case 'expression':
        if (rule && expression) rule.condition.push(expression as ModelObject);
        expression = undefined;
        break;
      case 'condition':
        inCondition = false;
        break;
      case 'Variable':
        if (rule && ruleVariable) rule.variables.push({ ...ruleVariable, value: textBuf });
        ruleVariable = undefined;
        break;
    }
    textBuf = '';
  });
  parser.write(text).close();
  return rules;
}

/** The read-only variables the step sets first (§2.2 item 3), from the machine's WMI. */
export function machineIdentityVariables(ctx: EvaluationContext): [string, string][] {
  const first = (cls: string): WmiInstance | undefined => ctx.profile.instancesOf('root\\cimv2', cls)?.[0];
  const prop = (inst: WmiInstance | undefined, name: string): string => {
    if (!inst) return '';
    const hit = Object.entries(inst).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    return hit === undefined || hit === null ? '' : Array.isArray(hit) ? hit.join(',') : String(hit);
  };
  const nics = (ctx.profile.instancesOf('root\\cimv2', 'Win32_NetworkAdapterConfiguration') ?? []).filter((n) => prop(n, 'IPEnabled') !== 'false');
  const joinAll = (name: string): string => nics.map((n) => prop(n, name)).filter((x) => x !== '').join(',');
  return [
    ['_SMSTSMake', prop(first('Win32_ComputerSystem'), 'Manufacturer')],
    ['_SMSTSModel', prop(first('Win32_ComputerSystem'), 'Model')],
    ['_SMSTSSerialNumber', prop(first('Win32_BIOS'), 'SerialNumber')],
    ['_SMSTSAssetTag', prop(first('Win32_SystemEnclosure'), 'SMBIOSAssetTag')],
    ['_SMSTSUUID', prop(first('Win32_ComputerSystemProduct'), 'UUID')],
    ['_SMSTSMacAddresses', joinAll('MACAddress')],
    ['_SMSTSIPAddresses', joinAll('IPAddress')],
    ['_SMSTSDefaultGateways', joinAll('DefaultIPGateway')],
  ];
}

/** Whether one rule expression holds; the rule-only classes read the identity variables. */
function ruleExpressionHolds(e: Operand, ctx: EvaluationContext): Trace | boolean {
  const get = (n: string): string => ctx.variables.get(n) ?? '';
  const str = (k: string): string => (e[k] === undefined || e[k] === null ? '' : String(e[k]));
  switch (e.__CLASS) {
    case 'SMS_TaskSequence_MakeModelConditionExpression':
      // Both must match; * any run, ? one character.
      return matchesWildcard(get('_SMSTSMake'), str('Make') || '*') && matchesWildcard(get('_SMSTSModel'), str('Model') || '*');
    case 'SMS_TaskSequence_ComputerConditionExpression': {
      // True when any listed value matches.
      const pairs: [string, string][] = [['AssetTag', '_SMSTSAssetTag'], ['SerialNumber', '_SMSTSSerialNumber'], ['UUID', '_SMSTSUUID']];
      if (pairs.some(([p, v]) => str(p) !== '' && str(p).toLowerCase() === get(v).toLowerCase())) return true;
      const mac = str('MACAddress').toLowerCase().replace(/-/g, ':');
      return mac !== '' && get('_SMSTSMacAddresses').toLowerCase().replace(/-/g, ':').split(',').includes(mac);
    }
    case 'SMS_TaskSequence_LocationConditionExpression':
      return str('DefaultGateway') !== '' && get('_SMSTSDefaultGateways').split(',').includes(str('DefaultGateway'));
    default:
      return evaluateOperand(e, ctx);
  }
}

/** Applies the rules in order: the variables of every matching rule, later rules winning. */
export function applyDynamicRules(rules: readonly DynamicRule[], ctx: EvaluationContext): { variables: [string, string][]; matched: number[] } {
  const out: [string, string][] = [];
  const matched: number[] = [];
  rules.forEach((rule, i) => {
    const holds = rule.condition.every((c) => {
      const r = ruleExpressionHolds(c, ctx);
      return typeof r === 'boolean' ? r : r.result;
    });
    if (!holds) return;
    matched.push(i);
    for (const v of rule.variables) out.push([v.name, v.value]);
  });
  return { variables: out, matched };
}
