import { isGroup } from '../../model/node.js';
import { ANY, OS, PE, describeEnvironments, followEnvironments, type Environments } from '../environment-flow.js';
import { describeStep } from '../step-text.js';
import { defineRule, type LintStepVisit } from '../types.js';

/**
 * A step that can never run because its run environment (runIn, REFERENCE.md §1.5, §5.5) cannot
 * hold where it stands, or a group or step whose `_SMSTSInWinPE` condition cannot hold there. The
 * engine fails a step whose runIn does not match the environment (§9), so such a step is a failure
 * waiting to happen, or dead. Only a runIn written in the file is judged (the class defaults are
 * not what every writer means: MDT files leave it out).
 */
const START: Record<string, Environments> = { any: ANY, WinPE: PE, FullOS: OS };

export default defineRule<{ start: string }>({
  id: 'unreachable-environment',
  description: 'A step whose run environment (WinPE / full OS) cannot hold where it stands.',
  defaultSeverity: 'warning',
  options: {
    start: { type: { oneOf: ['any', 'WinPE', 'FullOS'] }, description: 'Where the task sequence starts: any (default), WinPE (media / PXE only) or FullOS (Software Center only).' },
  },
  defaults: { start: 'any' },
  check(ctx) {
    const byStep = new Map<object, LintStepVisit>(ctx.steps.map((v) => [v.step, v]));
    for (const place of followEnvironments(ctx.sequence.Steps, { start: START[ctx.options.start] ?? ANY })) {
      const visit = byStep.get(place.step);
      if (!visit) continue;
      const what = describeStep(place.step, place.path);
      const because = place.because ? `: ${place.because}` : '';
      if (place.narrowed === 0) {
        // Only a condition naming _SMSTSInWinPE narrows to nothing.
        ctx.report(visit, `the _SMSTSInWinPE condition of ${what} can never hold here: only ${describeEnvironments(place.before)} is possible${because}`, {
          hint: `${isGroup(place.step) ? 'the group never runs' : 'the step never runs'}; check the condition and the restarts before it`,
        });
        continue;
      }
      if (isGroup(place.step)) continue;
      const runIn = String(place.step['SupportedEnvironment'] ?? '').trim().toLowerCase();
      const needs = runIn === 'winpe' ? PE : runIn === 'fullos' ? OS : ANY;
      if ((place.narrowed & needs) !== 0) continue;
      ctx.report(visit, `${what} runs only in ${describeEnvironments(needs)}, but only ${describeEnvironments(place.narrowed)} is possible here${because}`, {
        hint:
          needs === PE
            ? 'the step fails there: restart into the boot image (Restart Computer, target WinPE) before it, or move it before Setup Windows and ConfigMgr'
            : `the step fails there: ${place.because?.startsWith('Restart Computer') ? 'change the target of that restart to the installed OS, or ' : ''}restart into the installed OS before it, or move it after Setup Windows and ConfigMgr`,
      });
    }
  },
});
