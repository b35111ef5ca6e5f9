import type { Command } from 'commander';
import { displayNameOf } from '../../model/catalog.js';
import { summarizeCondition } from '../../model/condition-text.js';
import { describeWmiQuery } from '../../conditions/index.js';
import { isGroup, isPackage, sequenceOf, stepLabel, walkSteps } from '../../model/node.js';
import { toJson } from '../../model/json.js';
import { readTaskSequenceFile } from '../io.js';
import type { CommandContext } from '../main.js';
import { maxBytesOption } from '../options.js';

export function registerShow(program: Command, ctx: CommandContext): void {
  program
    .command('show')
    .description('Print the task sequence as a numbered tree, as the console shows it: disabled and continue-on-error steps marked, each condition on one line.')
    .argument('<file>', 'task sequence XML (bare <sequence>, object.xml or <SmsTaskSequencePackage>)')
    .option('--json', 'print the model as JSON (__CLASS, Steps, Condition, Operands as WMI names them)')
    .option('--max-bytes <n>', 'refuse input larger than this (default 32 MB)')
    .action((file: string, opts: { json?: boolean; maxBytes?: string }) => {
      const { document } = readTaskSequenceFile(file, { maxBytes: maxBytesOption(opts.maxBytes) });
      if (opts.json) {
        ctx.out(toJson(document) + '\n');
        return;
      }
      const lines: string[] = [];
      if (isPackage(document)) {
        const id = document['PackageID'] ? ` (${String(document['PackageID'])})` : '';
        lines.push(`${String(document['Name'] ?? 'Task sequence package')}${id}`);
      }
      const seq = sequenceOf(document);
      for (const { step, path, depth } of walkSteps(seq.Steps)) {
        const marks: string[] = [];
        if (!step.Enabled) marks.push('[disabled]');
        if (step.ContinueOnError) marks.push('[continue on error]');
        const kind = isGroup(step) ? 'group' : displayNameOf(step.__CLASS);
        const pad = '  '.repeat(depth);
        lines.push(`${pad}${path}  ${stepLabel(step)}  (${kind})${marks.length ? ' ' + marks.join(' ') : ''}`);
        const condition = summarizeCondition(step.Condition, { describeWmi: describeWmiQuery });
        if (condition) lines.push(`${pad}${' '.repeat(path.length + 2)}if ${condition}`);
      }
      ctx.out(lines.join('\n') + '\n');
    });
}
