import type { Command } from 'commander';
import { basename } from 'node:path';
import { documentSequence, type DocFormat } from '../../doc/index.js';
import { isPackage } from '../../model/node.js';
import { UsageError } from '../exit-codes.js';
import { readTaskSequenceFile, writeFileAtomic } from '../io.js';
import type { CommandContext } from '../main.js';
import { maxBytesOption } from '../options.js';

export function registerDoc(program: Command, ctx: CommandContext): void {
  program
    .command('doc')
    .description('Document the task sequence: a summary, every step and group numbered as the console numbers them with its settings and its condition in words, and the packages it references; as Markdown or as one self-contained HTML page.')
    .argument('<file>', 'task sequence XML (bare <sequence>, object.xml or <SmsTaskSequencePackage>)')
    .option('-f, --format <format>', 'md (GitHub-flavoured Markdown) or html; default: html when -o ends in .html or .htm, else md')
    .option('-o, --output <out>', 'write to this file (atomically) instead of stdout')
    .option('--title <title>', 'the title (default: the package name, else the file name)')
    .option('--max-bytes <n>', 'refuse input larger than this (default 32 MB)')
    .action((file: string, opts: { format?: string; output?: string; title?: string; maxBytes?: string }) => {
      const format = formatOf(opts.format, opts.output);
      const { document } = readTaskSequenceFile(file, { maxBytes: maxBytesOption(opts.maxBytes) });
      const packageName = isPackage(document) && typeof document['Name'] === 'string' && document['Name'].trim() !== '' ? document['Name'] : undefined;
      const text = documentSequence(document, { format, title: opts.title ?? packageName ?? basename(file), source: basename(file) });
      if (opts.output !== undefined) writeFileAtomic(opts.output, text);
      else ctx.out(text);
    });
}

function formatOf(format: string | undefined, output: string | undefined): DocFormat {
  if (format === undefined) return output !== undefined && /\.html?$/i.test(output) ? 'html' : 'md';
  const f = format.toLowerCase();
  if (f === 'md' || f === 'markdown') return 'md';
  if (f === 'html' || f === 'htm') return 'html';
  throw new UsageError(`doc: --format must be md or html, not "${format}"`);
}
