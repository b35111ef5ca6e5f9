import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { VariableStore, decideSteps, indexProfile, parseMachineProfile, type MachineProfile } from '../../conditions/index.js';
import { displayNameOf } from '../../model/catalog.js';
import { TseqInputError } from '../../model/errors.js';
import { sequenceOf } from '../../model/node.js';
import { readTaskSequenceFile } from '../io.js';
import type { CommandContext } from '../main.js';
import { collectVars, maxBytesOption, parseVarAssignments } from '../options.js';

export function registerEval(program: Command, ctx: CommandContext): void {
  program
    .command('eval')
    .description('Evaluate every step\'s condition on a machine profile: which steps run, which are skipped and why (disabled, condition false with the expression that failed, or a skipped parent group). Variables set by steps while running are not applied: use tseq run --simulate for that.')
    .argument('<file>', 'task sequence XML')
    .requiredOption('-p, --profile <profile.json>', 'machine profile (schemas/machine-profile.schema.json)')
    .option('--var <NAME=VALUE>', 'set a task sequence variable (repeatable); overrides the profile', collectVars, [])
    .option('--json', 'print {"steps":[{path,name,class,decision,reason,trace}]}')
    .option('--max-bytes <n>', 'refuse input larger than this (default 32 MB)')
    .action((file: string, opts: { profile: string; var: string[]; json?: boolean; maxBytes?: string }) => {
      const profile = loadProfile(opts.profile);
      const { document } = readTaskSequenceFile(file, { maxBytes: maxBytesOption(opts.maxBytes) });
      const variables = initialVariables(profile, parseVarAssignments(opts.var));
      const decisions = decideSteps(sequenceOf(document), { profile: indexProfile(profile), variables });
      if (opts.json) {
        ctx.out(JSON.stringify({ steps: decisions.map(({ depth: _d, explanation: _e, ...d }) => d) }, null, 2) + '\n');
        return;
      }
      const lines = [`On ${profile.name}:`];
      for (const d of decisions) {
        const pad = '  '.repeat(d.depth);
        const what = d.decision === 'run' ? 'runs' : d.reason === 'disabled' ? 'skipped: disabled' : d.reason === 'parent' ? 'skipped: its group is skipped' : `skipped: ${d.explanation}`;
        lines.push(`${pad}${d.path}  ${d.name}  (${d.class === 'SMS_TaskSequence_Group' ? 'group' : displayNameOf(d.class)})  ${what}`);
      }
      ctx.out(lines.join('\n') + '\n');
    });
}

/** Reads and checks a machine profile file; errors name the file and the place in it. */
export function loadProfile(path: string): MachineProfile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    if (e instanceof SyntaxError) throw new TseqInputError('PRF002', `the profile is not valid JSON: ${e.message}`, { file: path });
    throw e;
  }
  return parseMachineProfile(json, path);
}

/** The variables a run starts with: the profile's, `_SMSTSInWinPE` from the environment, then --var. */
export function initialVariables(profile: MachineProfile, vars: ReadonlyArray<readonly [string, string]>): VariableStore {
  let store = VariableStore.from(Object.entries(profile.variables ?? {}).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v)] as const));
  if (!store.has('_SMSTSInWinPE')) store = store.with('_SMSTSInWinPE', profile.inWinPE ? 'true' : 'false');
  for (const [name, value] of vars) store = store.with(name, value);
  return store;
}
