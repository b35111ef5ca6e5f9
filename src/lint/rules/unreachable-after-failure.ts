import { valueOrDefault } from '../../model/catalog.js';
import type { Group, Step } from '../../model/node.js';
import { describeStep } from '../step-text.js';
import { defineRule, type LintStepVisit } from '../types.js';

/**
 * Steps after a step that always fails: an enabled, unconditional Run Command Line (or untyped MDT
 * step) without ContinueOnError whose command is `exit N` (`cmd /c exit 1`, `cmd.exe /c "exit /b 5"`,
 * `powershell.exe -Command "exit 1"`) with N not among its success codes. A failure stops the group
 * (REFERENCE.md §5.2 step 8), so the steps after it in the group never run; when the group is
 * itself enabled, unconditional and without ContinueOnError, its failure stops its parent in turn.
 */
const EXIT = /^\s*(?:(?:%comspec%|(?:[a-z]:\\[^"]*\\)?cmd(?:\.exe)?)\s+\/c\s+|(?:powershell|pwsh)(?:\.exe)?\s+(?:-\w+\s+)*?(?:-c(?:ommand)?\s+)?)?"?\s*exit\s+(?:\/b\s+)?(-?\d+)\s*"?\s*$/i;

/** The exit code of a command that does nothing but exit, or undefined. */
export function constantExitCode(command: string): number | undefined {
  const m = EXIT.exec(command);
  return m ? Number(m[1]) : undefined;
}

function alwaysFails(step: Step): number | undefined {
  if (step.__CLASS !== 'SMS_TaskSequence_RunCommandLineAction' || !step.Enabled || step.ContinueOnError) return undefined;
  if ((step.Condition?.Operands.length ?? 0) > 0) return undefined;
  const command = step['CommandLine'];
  if (typeof command !== 'string') return undefined;
  const code = constantExitCode(command);
  if (code === undefined) return undefined;
  const codes = String(valueOrDefault(step, 'SuccessCodeList') ?? '0 3010').trim().split(/\s+/).map(Number);
  return codes.includes(code) ? undefined : code;
}

export default defineRule({
  id: 'unreachable-after-failure',
  description: 'Steps after a step that always fails, which never run.',
  defaultSeverity: 'warning',
  check(ctx) {
    const byStep = new Map<object, LintStepVisit>(ctx.steps.map((v) => [v.step, v]));
    const reportedIn = new Set<object>();
    for (const visit of ctx.steps) {
      if (!visit.enabled) continue;
      const code = alwaysFails(visit.step);
      if (code === undefined) continue;
      // The failing step, then each enclosing group that fails with it.
      let failing: Step = visit.step;
      let chain = [...visit.parents];
      let container: readonly Step[] = chain.length ? chain[chain.length - 1]!.Steps : ctx.sequence.Steps;
      for (;;) {
        const after = container.slice(container.indexOf(failing) + 1).filter((s) => s.Enabled);
        const first = after[0];
        const firstVisit = first ? byStep.get(first) : undefined;
        if (firstVisit && !reportedIn.has(container)) {
          reportedIn.add(container);
          const cause = failing === visit.step ? `${describeStep(visit.step, visit.path)} always fails (exit ${code})` : `the group ${describeStep(failing, byStep.get(failing)?.path ?? '?')} always fails, since ${describeStep(visit.step, visit.path)} in it exits ${code}`;
          ctx.report(firstVisit, `${describeStep(first!, firstVisit.path)}${after.length > 1 ? ` and the ${after.length - 1} enabled step${after.length > 2 ? 's' : ''} after it` : ''} never run${after.length > 1 ? '' : 's'}: ${cause}`, {
            hint: 'set Continue on error on the failing step or its group, put a condition on it, or remove the steps that can never run',
          });
        }
        const group: Group | undefined = chain[chain.length - 1];
        if (!group || !group.Enabled || group.ContinueOnError || (group.Condition?.Operands.length ?? 0) > 0) break;
        failing = group;
        chain = chain.slice(0, -1);
        container = chain.length ? chain[chain.length - 1]!.Steps : ctx.sequence.Steps;
      }
    }
  },
});
