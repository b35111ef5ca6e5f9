import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { writeDocumentBytes } from '../../xml/index.js';
import { EXIT_FINDING, UsageError } from '../exit-codes.js';
import { readTaskSequenceFile, writeFileAtomic } from '../io.js';
import type { CommandContext } from '../main.js';
import { layoutOptions, maxBytesOption } from '../options.js';

export function registerFmt(program: Command, ctx: CommandContext): void {
  program
    .command('fmt')
    .description('Print the task sequence in canonical form: layout as ConfigMgr writes it (indentation, line endings, attribute order and quoting); content, order of children, spellings and unknown nodes stay as they are.')
    .argument('<file>', 'task sequence XML (bare <sequence>, object.xml or <SmsTaskSequencePackage>)')
    .option('-w, --write', 'rewrite the file in place (atomically)')
    .option('-c, --check', 'exit 1 when the file is not in canonical form; print nothing')
    .option('--extract', 'write the bare <sequence> of a package')
    .option('--encoding <encoding>', 'utf-8 (default), utf-16le or utf-16be', 'utf-8')
    .option('--eol <eol>', 'line endings: crlf (as ConfigMgr writes, default) or lf', 'crlf')
    .option('--max-bytes <n>', 'refuse input larger than this (default 32 MB)')
    .action((file: string, opts: { write?: boolean; check?: boolean; extract?: boolean; encoding: string; eol: string; maxBytes?: string }) => {
      if (opts.write && opts.check) throw new UsageError('fmt: --write and --check exclude each other');
      const { document } = readTaskSequenceFile(file, { maxBytes: maxBytesOption(opts.maxBytes), keepTree: true });
      const bytes = writeDocumentBytes(document, { ...layoutOptions(opts), ...(opts.extract ? { extract: true } : {}) });
      if (opts.check) {
        if (!bytes.equals(readFileSync(file))) {
          ctx.err(`${file}: not in canonical form (run tseq fmt --write)\n`);
          ctx.exitCode = EXIT_FINDING;
        }
        return;
      }
      if (opts.write) writeFileAtomic(file, bytes);
      else ctx.out(bytes);
    });
}
