import type { Command } from 'commander';
import { diffDocuments, formatChanges } from '../../diff/index.js';
import { EXIT_FINDING, EXIT_OK } from '../exit-codes.js';
import { readTaskSequenceFile } from '../io.js';
import type { CommandContext } from '../main.js';
import { maxBytesOption } from '../options.js';

export function registerDiff(program: Command, ctx: CommandContext): void {
  program
    .command('diff')
    .description(
      'Compare two task sequences by meaning: steps added, removed, moved, renamed, enabled or disabled, settings and conditions changed (in words), inline scripts line by line; secrets are never shown. Exit 0: the same; 1: different; 2: a file cannot be read or parsed.',
    )
    .argument('<old>', 'the task sequence before (bare <sequence>, object.xml or <SmsTaskSequencePackage>)')
    .argument('<new>', 'the task sequence after')
    .option('--json', 'print the changes as a JSON array')
    .option('--max-bytes <n>', 'refuse input larger than this (default 32 MB)')
    .action((oldFile: string, newFile: string, opts: { json?: boolean; maxBytes?: string }) => {
      const maxBytes = maxBytesOption(opts.maxBytes);
      const a = readTaskSequenceFile(oldFile, { maxBytes }).document;
      const b = readTaskSequenceFile(newFile, { maxBytes }).document;
      const changes = diffDocuments(a, b);
      if (opts.json) ctx.out(JSON.stringify(changes, null, 2) + '\n');
      else ctx.out(formatChanges(changes));
      ctx.exitCode = changes.length === 0 ? EXIT_OK : EXIT_FINDING;
    });
}
