import { getClass, propertiesOf } from '../../model/catalog.js';
import type { Step } from '../../model/node.js';
import { describeStep, inlineScriptOf, stepTexts } from '../step-text.js';
import { defineRule, type LintSeverity } from '../types.js';
import { isKnownVariable, knownVariables, WINDOWS_ENVIRONMENT } from '../variable-names.js';
import { mentionedWords, variableReads, variableWrites } from '../variable-usage.js';

/**
 * A variable read in a condition or a `%NAME%` expansion that nothing in the sequence sets and that
 * ConfigMgr does not define (REFERENCE.md §6). Collection and device variables, media variables and
 * scripts in packages can set any name (§5.7), so a plain finding is only `info`; a name that looks
 * like a misspelling of one the sequence sets or ConfigMgr knows is a `warning`.
 *
 * Not judged: sequences that use MDT (its Gather sets hundreds of variables from rules the file does
 * not hold), names a script or command line of the sequence mentions (it may set them through the
 * TSEnvironment COM object), Windows environment variables in command lines (`%windir%`), and steps
 * that cannot run (disabled).
 */
export default defineRule<{ known: string[] }>({
  id: 'undefined-variable',
  description: 'A variable read but never set by the sequence, nor defined by ConfigMgr.',
  defaultSeverity: 'info',
  options: {
    known: { type: 'stringArray', description: 'Variables your site sets (collection, device or media variables): never reported.' },
  },
  defaults: { known: [] },
  check(ctx) {
    const steps = ctx.steps;
    if (usesMdt(steps.map((v) => v.step))) return;
    const configured = new Set(ctx.options.known.map((n) => n.toLowerCase()));
    const writes = variableWrites(steps);
    const exact = new Map<string, string>();
    const prefixes: string[] = [];
    for (const w of writes) {
      if (w.name.includes('%')) continue;
      if (w.prefix) prefixes.push(w.name.toLowerCase());
      else exact.set(w.name.toLowerCase(), w.name);
    }
    // Action variables the catalog does not know (custom actions, MDT's extra variables) exist while their step runs.
    for (const { step } of steps) {
      const properties = new Set(propertiesOf(getClass(step.__CLASS) ? step.__CLASS : 'SMS_TaskSequence_Action').map((p) => p.name));
      for (const key of Object.keys(step)) if (!properties.has(key) && key !== 'Action' && key !== 'Steps' && /^[A-Za-z][A-Za-z0-9_-]*$/.test(key)) exact.set(key.toLowerCase(), key);
    }
    const mentioned = mentionedWords(steps);
    const isSet = (lower: string): boolean =>
      exact.has(lower) || configured.has(lower) || isKnownVariable(lower) || prefixes.some((p) => lower.startsWith(p) && /^\d+$/.test(lower.slice(p.length))) || mentioned.has(lower);
    const candidates = [...new Set([...exact.values(), ...knownVariables().values()])];
    const opaque = steps.map((v, i) => ({ v, i })).filter(({ v }) => v.enabled && runsUnreadableCode(v.step));
    const ordinal = new Map<object, number>(steps.map((v, i) => [v.step, i]));
    const reported = new Set<string>();
    for (const read of variableReads(steps)) {
      if (!read.visit.enabled) continue;
      const lower = read.name.toLowerCase();
      if (read.via === 'expansion' && WINDOWS_ENVIRONMENT.has(lower)) continue;
      if (isSet(lower)) continue;
      const key = `${read.visit.path}\u0000${lower}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const where = read.via === 'condition' ? 'its condition reads' : `%${read.name}% in ${read.property ?? 'a property'} expands`;
      const typo = nearestName(read.name, candidates);
      const what = describeStep(read.visit.step, read.visit.path);
      if (typo) {
        const severity: LintSeverity = 'warning';
        ctx.report(read.visit, `${what}: ${where} ${read.name}, which nothing sets; it looks like a misspelling of ${typo}`, { hint: `did you mean ${typo}? (variable names are case-insensitive)`, severity });
      } else {
        const at = ordinal.get(read.visit.step) ?? 0;
        // The first step before the read whose code lint cannot read: a gather or download script, typically.
        const before = opaque.filter((o) => o.i < at);
        const script = before[0];
        const others = before.length - 1;
        const maybe = script ? ` (a script lint cannot read may set it: ${describeStep(script.v.step, script.v.path)}${others > 0 ? ` or ${others} other step${others > 1 ? 's' : ''} before it` : ''})` : '';
        ctx.report(read.visit, `${what}: ${where} ${read.name}, which no step of this sequence visibly sets and ConfigMgr does not define${maybe}`, {
          hint: 'set it in the sequence, or make sure a collection, device or media variable sets it (list it under "known" in tseq.config.json to silence this)',
        });
      }
    }
  },
});

/**
 * A step running code lint cannot read, which may set any variable through the TSEnvironment COM
 * object (REFERENCE.md §5.7): a script from a package, a script file named on a command line, a
 * custom action, a child task sequence.
 */
function runsUnreadableCode(step: Step): boolean {
  const def = getClass(step.__CLASS);
  // A custom action, or a child task sequence (its steps are not in this file; it shares the environment, §5.8).
  if (!def || step.__CLASS === 'SMS_TaskSequence_SubTasksequence') return true;
  if (step.__CLASS === 'SMS_TaskSequence_RunPowerShellScriptAction') return !inlineScriptOf(step);
  if (step.__CLASS === 'SMS_TaskSequence_RunCommandLineAction') {
    const pkg = step['PackageID'];
    const cmd = String(step['CommandLine'] ?? '');
    return (typeof pkg === 'string' && pkg.trim() !== '') || /\.(ps1|vbs|wsf|js|cmd|bat|exe)\b|powershell|cscript|wscript/i.test(cmd);
  }
  return false;
}

/** MDT: a Gather step, its scripts or its deployment-share variables. */
function usesMdt(steps: readonly Step[]): boolean {
  const mdtText = /ZTI\w*\.wsf|LTI\w*\.wsf|LiteTouch|%SCRIPTROOT%|%DEPLOYROOT%|%TOOLROOT%/i;
  return steps.some((s) => s.__CLASS.startsWith('BDD_') || stepTexts(s).some((t) => mdtText.test(t.text)));
}

/**
 * The known name a misspelt one most resembles: one edit (insert, delete, substitute, swap) away
 * for names of 5 characters or more, two for 10 or more; never a name that differs only in digits
 * (`Package001` is not a misspelling of `Package002`).
 */
function nearestName(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  if (lower.length < 5) return undefined;
  const limit = lower.length >= 10 ? 2 : 1;
  let best: { name: string; d: number } | undefined;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    if (cl === lower || Math.abs(cl.length - lower.length) > limit) continue;
    if (cl.replace(/\d+/g, '#') === lower.replace(/\d+/g, '#')) continue;
    const d = editDistance(lower, cl, limit);
    if (d <= limit && (!best || d < best.d)) best = { name: c, d };
  }
  return best?.name;
}

/** Damerau-Levenshtein (optimal string alignment) distance, cut off above `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (i > 0 && rowMin > limit) return limit + 1;
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}
