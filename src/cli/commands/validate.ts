import type { Command } from 'commander';
import { TseqInputError } from '../../model/errors.js';
import { validateDocument, type Diagnostic } from '../../model/validate.js';
import { validateConditions } from '../../conditions/index.js';
import { locationOf, writeDocumentText } from '../../xml/index.js';
import { EXIT_FINDING, EXIT_INPUT, EXIT_OK, describeError } from '../exit-codes.js';
import { readTaskSequenceFile } from '../io.js';
import type { CommandContext } from '../main.js';
import { maxBytesOption } from '../options.js';

export interface FileDiagnostic extends Diagnostic {
  readonly file: string;
}

export function registerValidate(program: Command, ctx: CommandContext): void {
  program
    .command('validate')
    .description('Check task sequences against the catalog and ConfigMgr\'s rules; prints file:line:col: severity code message. Exit 0: no errors; 1: errors; 2: a file cannot be read or parsed.')
    .argument('<files...>', 'task sequence XML files')
    .option('--json', 'print the diagnostics as a JSON array')
    .option('--max-bytes <n>', 'refuse input larger than this (default 32 MB)')
    .option('--max-sequence-bytes <n>', 'the largest sequence a site stores (default 2 MB)')
    .action((files: string[], opts: { json?: boolean; maxBytes?: string; maxSequenceBytes?: string }) => {
      const all: FileDiagnostic[] = [];
      let unreadable = false;
      for (const file of files) {
        try {
          const { document } = readTaskSequenceFile(file, { maxBytes: maxBytesOption(opts.maxBytes), keepTree: true });
          const sequenceBytes = Buffer.byteLength(writeDocumentText(document, { extract: true }), 'utf8');
          const maxSequenceBytes = maxBytesOption(opts.maxSequenceBytes);
          const found = [
            ...validateDocument(document, { locate: locationOf, sequenceBytes, ...(maxSequenceBytes ? { maxSequenceBytes } : {}) }),
            ...validateConditions(document, { locate: locationOf }),
          ].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
          for (const d of found) all.push({ file, ...d });
        } catch (e) {
          if (!(e instanceof TseqInputError)) {
            const { message } = describeError(e);
            all.push({ file, code: 'IO001', severity: 'error', message: message.replace(`${file}: `, ''), path: '' });
          } else {
            all.push({ file, code: e.code, severity: 'error', message: e.message, path: '', ...(e.location.line ? { line: e.location.line, column: e.location.column ?? 1 } : {}) });
          }
          unreadable = true;
        }
      }
      if (opts.json) ctx.out(JSON.stringify(all, null, 2) + '\n');
      else for (const d of all) ctx.out(formatDiagnostic(d) + '\n');
      ctx.exitCode = unreadable ? EXIT_INPUT : all.some((d) => d.severity === 'error') ? EXIT_FINDING : EXIT_OK;
    });
}

/** `file:line:col: severity code message` — the format editors and CI annotate from. */
export function formatDiagnostic(d: FileDiagnostic): string {
  const where = `${d.file}:${d.line ?? 1}:${d.column ?? 1}`;
  const step = d.path ? ` [step ${d.path}${d.stepName ? ` "${d.stepName}"` : ''}]` : '';
  return `${where}: ${d.severity} ${d.code} ${d.message}${step}`;
}
