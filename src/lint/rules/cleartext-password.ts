import { findClearTextPasswords, isLiteralPasswordValue, isPasswordVariable } from '../password-patterns.js';
import { describeStep, dynamicRulesOf, inlineScriptOf, stepTexts } from '../step-text.js';
import { defineRule } from '../types.js';

/**
 * A password written in clear text into a command line, a script or a variable value (REFERENCE.md
 * §9). Exports strip secret properties (§1.4 ExportXml), but not what is typed into a command line:
 * anyone who can read the task sequence (and smsts.log, which logs command lines unless
 * OSDDoNotLogCommand is set, §5.9) reads the password. Secret properties themselves are validate's
 * TS018.
 */
export default defineRule({
  id: 'cleartext-password',
  description: 'A password in clear text in a command line, script or variable value.',
  defaultSeverity: 'error',
  check(ctx) {
    for (const visit of ctx.steps) {
      const { step, path } = visit;
      const what = describeStep(step, path);
      const found = new Map<string, string>();
      const note = (form: string, where: string): void => {
        if (!found.has(form)) found.set(form, where);
      };
      for (const { property, text } of stepTexts(step)) for (const m of findClearTextPasswords(text)) note(m.form, property);
      const script = inlineScriptOf(step);
      if (script) for (const m of findClearTextPasswords(script)) note(m.form, 'the inline script');
      if (step.__CLASS === 'SMS_TaskSequence_SetVariableAction') {
        const name = String(step['VariableName'] ?? '');
        const value = step['VariableValue'];
        if (isPasswordVariable(name) && typeof value === 'string' && isLiteralPasswordValue(value)) note(`${name.trim()}=********`, 'Set Task Sequence Variable');
      }
      for (const rule of dynamicRulesOf(step) ?? []) {
        for (const v of rule.variables) {
          if (isPasswordVariable(v.name) && isLiteralPasswordValue(v.value)) note(`${v.name.trim()}=********`, 'a Set Dynamic Variables rule');
          for (const m of findClearTextPasswords(v.value)) note(m.form, `the rule value of ${v.name}`);
        }
      }
      for (const [form, where] of found) {
        ctx.report(visit, `${what} holds a password in clear text (${form} in ${where})`, {
          hint: 'pass it in a variable set on the site (a hidden collection variable, or a Secret property such as Run Command Line\'s run-as password) and write %NAME% here; change the password, it has been exposed',
        });
      }
    }
  },
});
