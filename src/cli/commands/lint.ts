import type { Command } from 'commander';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { TseqInputError } from '../../model/errors.js';
import { lintConfigFor, lintDocument, loadLintConfig, toSarif, type Finding, type LintConfig, type SarifArtifact } from '../../lint/index.js';
import { locationOf, writeDocumentText } from '../../xml/index.js';
import { EXIT_FINDING, EXIT_INPUT, EXIT_OK, UsageError, describeError } from '../exit-codes.js';
import { readTaskSequenceFile } from '../io.js';
import type { CommandContext } from '../main.js';

export interface FileFinding extends Finding {
  readonly file: string;
}

interface FileResult {
  readonly file: string;
  readonly findings: readonly Finding[];
  /** The file could not be read or parsed, or its config is wrong: this line says why. */
  readonly failure?: string;
}

export function registerLint(program: Command, ctx: CommandContext): void {
  program
    .command('lint')
    .description(
      'Semantic checks beyond validate: conditions that can never be true, steps in the wrong environment, undefined variables, clear-text passwords, … (docs/rules). Prints file:line:col: severity rule-id message (hint). Exit 0: no error-level findings; 1: some; 2: bad input or configuration.',
    )
    .argument('<files...>', 'task sequence XML files')
    .option('--format <format>', 'text, json or sarif', 'text')
    .option('--config <file>', 'the configuration (default: the nearest tseq.config.json above each file)')
    .action((files: string[], opts: { format: string; config?: string }) => {
      const format = opts.format.toLowerCase();
      if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${opts.format}"`);
      const given: LintConfig | undefined = opts.config !== undefined ? loadLintConfig(opts.config) : undefined;
      const cache = new Map<string, LintConfig>();
      const results = files.map((file) => lintFile(file, given, cache));
      if (format === 'json') {
        const all = results.flatMap((r) => (r.failure ? [{ file: r.file, rule: 'input', severity: 'error', message: r.failure, path: '' }] : r.findings.map((f) => ({ file: r.file, ...f }))));
        ctx.out(JSON.stringify(all, null, 2) + '\n');
      } else if (format === 'sarif') {
        ctx.out(JSON.stringify(sarifFor(results), null, 2) + '\n');
      } else {
        for (const r of results) {
          if (r.failure) ctx.err(`${r.failure}\n`);
          for (const f of r.findings) ctx.out(formatFinding({ file: r.file, ...f }) + '\n');
        }
      }
      const failed = results.some((r) => r.failure !== undefined);
      ctx.exitCode = failed ? EXIT_INPUT : results.some((r) => r.findings.some((f) => f.severity === 'error')) ? EXIT_FINDING : EXIT_OK;
    });
}

function lintFile(file: string, given: LintConfig | undefined, cache: Map<string, LintConfig>): FileResult {
  try {
    const config = lintConfigFor(file, given, cache);
    const { document } = readTaskSequenceFile(file, { keepTree: true });
    // The size a site stores: the sequence as tseq writes it, in UTF-8 (REFERENCE.md §7).
    const sequenceBytes = Buffer.byteLength(writeDocumentText(document, { extract: true }), 'utf8');
    return { file, findings: lintDocument(document, { config, locate: locationOf, sequenceBytes }) };
  } catch (e) {
    if (e instanceof TseqInputError) return { file, findings: [], failure: e.location.file ? e.format() : `${file}: ${e.format()}` };
    const { message, exitCode } = describeError(e);
    if (exitCode !== EXIT_INPUT) throw e;
    return { file, findings: [], failure: message };
  }
}

/** `file:line:col: severity rule-id message (hint)`: the line editors and CI annotate from. */
export function formatFinding(f: FileFinding): string {
  return `${f.file}:${f.line ?? 1}:${f.column ?? 1}: ${f.severity} ${f.rule} ${f.message}${f.hint ? ` (${f.hint})` : ''}`;
}

/** A file's URI for SARIF: relative to the working folder (base SRCROOT) when inside it, else an absolute file URI. */
function artifactUri(file: string): { uri: string; uriBaseId?: string } {
  const abs = resolve(file);
  const rel = relative(process.cwd(), abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(abs).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
}

/** Where the rule pages are: docs/rules beside the installed tseq. */
function helpBaseUri(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return pathToFileURL(resolve(dir, 'docs', 'rules')).href + '/';
}

function sarifFor(results: readonly FileResult[]): object {
  const artifacts: SarifArtifact[] = results.filter((r) => !r.failure).map((r) => ({ ...artifactUri(r.file), findings: r.findings }));
  return toSarif(artifacts, {
    helpBaseUri: helpBaseUri(),
    uriBases: { SRCROOT: pathToFileURL(process.cwd()).href + '/' },
    toolVersion: '0.1.0',
    failures: results.filter((r) => r.failure).map((r) => ({ ...artifactUri(r.file), message: r.failure! })),
  });
}
