import { getClass, propertiesOf } from '../../model/catalog.js';
import { describeStep, kindOf } from '../step-text.js';
import { defineRule } from '../types.js';
import { DEPRECATED_VARIABLES } from '../variable-names.js';
import { variableWrites } from '../variable-usage.js';

/**
 * A step class the catalog marks deprecated (one ConfigMgr no longer offers or MDT retired), a
 * deprecated variable of REFERENCE.md §6.2 (OSDAllowUnsignedDriver, OSDBuildStorageDriverList,
 * OSDDiskpartBiosCompatibilityMode, OSDInstallEditionIndex, OSDPreserveDriveLetter) set by a step,
 * and a step option behind such a variable turned on.
 */
const DEPRECATED = new Map(DEPRECATED_VARIABLES.map((n) => [n.toLowerCase(), n]));

/**
 * A yes/no option turned on. Only booleans: a number behind a deprecated variable (Apply Operating
 * System's edition index) is written by the console whenever the step installs from setup files.
 */
function turnedOn(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.trim().toLowerCase() === 'true');
}

export default defineRule({
  id: 'deprecated-class',
  description: 'A deprecated step class, or a deprecated variable set by a step.',
  defaultSeverity: 'warning',
  check(ctx) {
    // What cannot run sets nothing: disabled steps are left alone.
    for (const visit of ctx.steps) {
      if (!visit.enabled) continue;
      const { step, path } = visit;
      const def = getClass(step.__CLASS);
      if (def?.deprecated) {
        ctx.report(visit, `${describeStep(step, path)} is a ${kindOf(step)} step (${step.__CLASS}), which is deprecated`, { hint: 'replace it with a supported step (a Run Command Line or Run PowerShell Script doing the same), or remove it' });
      }
      for (const p of def ? propertiesOf(step.__CLASS) : []) {
        const variable = p.xml.kind === 'variable' ? p.xml.name : undefined;
        const deprecatedVariable = variable ? DEPRECATED.get(variable.toLowerCase()) : undefined;
        if ((p.deprecated || deprecatedVariable) && turnedOn(step[p.name])) {
          ctx.report(visit, `${describeStep(step, path)} turns on ${p.name}${deprecatedVariable ? ` (variable ${deprecatedVariable})` : ''}, which is deprecated`, { hint: 'turn the option off: current Windows and ConfigMgr versions ignore or refuse it' });
        }
      }
    }
    for (const w of variableWrites(ctx.steps)) {
      if (!w.assigned || !w.visit.enabled) continue;
      const name = DEPRECATED.get(w.name.toLowerCase());
      if (name) ctx.report(w.visit, `${describeStep(w.visit.step, w.visit.path)} sets ${name} (by ${w.via}), a deprecated variable`, { hint: 'remove it: the engine no longer acts on it (REFERENCE.md §6.2)' });
    }
  },
});
