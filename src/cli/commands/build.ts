import type { Command } from 'commander';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { SourceMap, createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as TS from 'typescript';
import { validateConditions } from '../../conditions/index.js';
import { taskSequenceMetadata } from '../../model/builders/define.js';
import type { TaskSequence, TaskSequencePackage } from '../../model/node.js';
import { PACKAGE_CLASS, SEQUENCE_CLASS } from '../../model/node.js';
import { validateSequence, type Diagnostic } from '../../model/validate.js';
import { writeDocumentBytes, writeDocumentText } from '../../xml/index.js';
import { EXIT_FINDING, EXIT_INPUT, UsageError } from '../exit-codes.js';
import { writeFileAtomic } from '../io.js';
import type { CommandContext } from '../main.js';
import { layoutOptions } from '../options.js';
import { formatDiagnostic } from './validate.js';

/**
 * `tseq build FILE.ts`: a task sequence written in TypeScript (or JavaScript) with the builders, as the
 * XML ConfigMgr imports (docs/code-first.md). The file is transpiled with the TypeScript compiler API
 * (types are not checked: that is `tsc --noEmit`'s job), its imports of `tseq` pointed at this copy of
 * tseq, written to a private temporary folder, imported, and its default export validated and written.
 */
export function registerBuild(program: Command, ctx: CommandContext): void {
  program
    .command('build')
    .description(
      'Build a task sequence written as code (TypeScript or JavaScript using the tseq builders; its default export is the sequence) into the XML ConfigMgr imports. Types are not checked (run tsc --noEmit for that). Exit 0: written; 1: the sequence has validation errors (nothing written); 2: the file cannot be compiled or loaded.',
    )
    .argument('<file>', 'FILE.ts, .mts, .js or .mjs whose default export is a task sequence (or a function returning one)')
    .option('-o, --output <file>', 'write the XML here, atomically (default: stdout)')
    .option('--package', 'write an object.xml-style SMS_TaskSequencePackage instance with the Name and Description given to defineTaskSequence')
    .option('--encoding <encoding>', 'utf-8 (default), utf-16le or utf-16be', 'utf-8')
    .option('--eol <eol>', 'line endings: crlf (as ConfigMgr writes, default) or lf', 'crlf')
    .action(async (file: string, opts: { output?: string; package?: boolean; encoding: string; eol: string }) => {
      const layout = layoutOptions(opts);
      const ext = extname(file).toLowerCase();
      if (!SOURCE_EXTENSIONS.has(ext)) throw new UsageError(`build: ${file}: expected a .ts, .mts, .js or .mjs file (an ES module), not "${ext || 'no extension'}"`);
      if (opts.output !== undefined && resolve(opts.output) === resolve(file)) throw new UsageError('build: the output file is the input file');
      statSync(file); // a missing file is an input error with its name (exit 2)

      const loaded = await loadTaskSequence(file);
      if (!loaded.ok) {
        for (const line of loaded.errors) ctx.err(line + '\n');
        ctx.exitCode = EXIT_INPUT;
        return;
      }
      const { sequence, sources } = loaded;

      let sequenceText: string;
      try {
        sequenceText = writeDocumentText(sequence);
      } catch (e) {
        throw new UsageError(`${file}: the default export cannot be written as XML: ${e instanceof Error ? e.message : String(e)}`);
      }
      const diagnostics = [...validateSequence(sequence, { sequenceBytes: Buffer.byteLength(sequenceText, 'utf8') }), ...validateConditions(sequence)];
      for (const d of diagnostics) ctx.err(formatBuildDiagnostic(d, file, sources) + '\n');
      if (diagnostics.some((d) => d.severity === 'error')) {
        ctx.err(`${file}: not built: the task sequence has validation errors\n`);
        ctx.exitCode = EXIT_FINDING;
        return;
      }

      const document = opts.package ? packageOf(sequence, basename(file, extname(file))) : sequence;
      const bytes = writeDocumentBytes(document, layout);
      if (opts.output !== undefined) writeFileAtomic(opts.output, bytes);
      else ctx.out(bytes);
    });
}

const SOURCE_EXTENSIONS = new Set(['.ts', '.mts', '.js', '.mjs']);

/** What `--package` writes: the sequence in an SMS_TaskSequencePackage, as a console export's object.xml holds it. */
function packageOf(sequence: TaskSequence, fallbackName: string): TaskSequencePackage {
  const metadata = taskSequenceMetadata(sequence);
  const pkg: Record<string, unknown> = { __CLASS: PACKAGE_CLASS, Name: metadata?.name ?? fallbackName };
  if (metadata?.description !== undefined) pkg['Description'] = metadata.description;
  pkg['PackageType'] = 4; // always 4 for a task sequence (REFERENCE.md §1.3)
  pkg['Sequence'] = sequence;
  return Object.freeze(pkg) as TaskSequencePackage;
}

// ---- diagnostics: where in the source a step was made ----

/** A compiled module's source, for finding where a step named in a diagnostic was written. */
interface SourceText {
  readonly display: string;
  readonly text: string;
}

/**
 * Model objects made in code have no place in a file; a step's name usually stands in the source as a
 * string literal, though. When it does exactly once, the diagnostic points there.
 */
function formatBuildDiagnostic(d: Diagnostic, file: string, sources: readonly SourceText[]): string {
  const at = d.stepName !== undefined ? locateLiteral(d.stepName, sources) : undefined;
  if (at) return formatDiagnostic({ ...d, file: at.display, line: at.line, column: at.column });
  const step = d.path ? ` [step ${d.path}${d.stepName ? ` "${d.stepName}"` : ''}]` : '';
  return `${file}: ${d.severity} ${d.code} ${d.message}${step}`;
}

function locateLiteral(value: string, sources: readonly SourceText[]): { display: string; line: number; column: number } | undefined {
  const found: { display: string; line: number; column: number }[] = [];
  for (const { display, text } of sources) {
    for (const quote of ["'", '"', '`']) {
      const needle = quote + value + quote;
      for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) found.push({ display, ...lineColumn(text, i) });
    }
  }
  return found.length === 1 ? found[0] : undefined;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

// ---- compiling and loading the file ----

type Loaded = { ok: true; sequence: TaskSequence; sources: SourceText[] } | { ok: false; errors: string[] };

/** The absolute URL of the public entry of this copy of tseq: what `import … from 'tseq'` loads. */
const TSEQ_ENTRY = new URL('../../index.js', import.meta.url).href;

async function loadTypeScript(): Promise<typeof TS> {
  try {
    const mod = (await import('typescript')) as unknown as { default?: typeof TS } & typeof TS;
    return mod.default ?? mod;
  } catch {
    throw new UsageError('build needs the typescript package, which is not installed (npm install typescript)');
  }
}

/** Compiles the file and the local modules it imports, imports it, and takes its default export. */
async function loadTaskSequence(file: string): Promise<Loaded> {
  const ts = await loadTypeScript();
  const dir = mkdtempSync(join(tmpdir(), 'tseq-build-'));
  const compiler = new Compiler(ts, dir, resolve(file), file);
  try {
    const errors = compiler.compileAll();
    if (errors.length > 0) return { ok: false, errors };
    const sources = compiler.sources();
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = Math.max(limit, 50);
    try {
      let namespace: Record<string, unknown>;
      try {
        namespace = (await import(compiler.entryUrl)) as Record<string, unknown>;
      } catch (e) {
        return { ok: false, errors: [compiler.describeThrown(e, 'while loading')] };
      }
      if (!('default' in namespace)) {
        return { ok: false, errors: [`${file}: no default export: end the file with \`export default defineTaskSequence({ steps: [ … ] })\``] };
      }
      let value: unknown = namespace['default'];
      try {
        if (typeof value === 'function') value = await (value as () => unknown)();
        else value = await value;
      } catch (e) {
        return { ok: false, errors: [compiler.describeThrown(e, typeof namespace['default'] === 'function' ? 'in the default export function' : 'in the default export')] };
      }
      if (!isTaskSequence(value)) {
        return { ok: false, errors: [`${file}: the default export is ${describeValue(value)}, not a task sequence: export defineTaskSequence({ steps: [ … ] }) or taskSequence([ … ]), or a function returning one`] };
      }
      return { ok: true, sequence: value, sources };
    } finally {
      Error.stackTraceLimit = limit;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function isTaskSequence(value: unknown): value is TaskSequence {
  return typeof value === 'object' && value !== null && (value as { __CLASS?: unknown }).__CLASS === SEQUENCE_CLASS && Array.isArray((value as { Steps?: unknown }).Steps);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const cls = (value as { __CLASS?: unknown }).__CLASS;
    return typeof cls === 'string' ? `a ${cls}` : 'an object';
  }
  return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
}

/** One module of the file's graph: its source, where its JavaScript goes, and the map back. */
interface Module {
  readonly source: string;
  readonly outPath: string;
  readonly outUrl: string;
  text?: string;
  map?: SourceMap;
}

class Compiler {
  private readonly modules = new Map<string, Module>();
  private readonly queue: Module[] = [];
  private readonly problems: string[] = [];
  readonly entryUrl: string;

  constructor(
    private readonly ts: typeof TS,
    private readonly dir: string,
    private readonly entry: string,
    private readonly entryDisplay: string,
  ) {
    this.entryUrl = this.moduleFor(entry).outUrl;
  }

  /** Transpiles every module reachable by local imports; returns the errors, as file:line:col lines. */
  compileAll(): string[] {
    for (let m = this.queue.shift(); m; m = this.queue.shift()) this.compile(m);
    return this.problems;
  }

  sources(): SourceText[] {
    return [...this.modules.values()].filter((m) => m.text !== undefined).map((m) => ({ display: this.display(m.source), text: m.text! }));
  }

  /** file:line:col of the innermost frame of the user's code in a thrown error, and the error's message. */
  describeThrown(e: unknown, when: string): string {
    const message = e instanceof Error ? `${e.name}: ${this.clean(e.message)}` : `threw ${describeThrownValue(e)}`;
    const where = e instanceof Error && typeof e.stack === 'string' ? this.locateInStack(e.stack) : undefined;
    return `${where ?? this.entryDisplay}: error ${when}: ${message}`;
  }

  private display(source: string): string {
    if (source === this.entry) return this.entryDisplay;
    const rel = relative(process.cwd(), source);
    return rel.startsWith('..') || isAbsolute(rel) ? source : rel;
  }

  private moduleFor(source: string): Module {
    let m = this.modules.get(source);
    if (!m) {
      const stem = basename(source).replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_.-]/g, '_');
      const outPath = join(this.dir, `${this.modules.size}-${stem}.mjs`);
      m = { source, outPath, outUrl: pathToFileURL(outPath).href };
      this.modules.set(source, m);
      this.queue.push(m);
    }
    return m;
  }

  private compile(m: Module): void {
    const ts = this.ts;
    let text: string;
    try {
      text = readFileSync(m.source, 'utf8');
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      this.problems.push(`${this.display(m.source)}: cannot read it (${err.code ?? err.message})`);
      return;
    }
    m.text = text;
    const result = ts.transpileModule(text, {
      fileName: m.source,
      reportDiagnostics: true,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        sourceMap: true,
        esModuleInterop: true,
        allowJs: true,
      },
      transformers: { after: [this.rewriter(m, text)] },
    });
    for (const d of result.diagnostics ?? []) {
      if (d.category !== ts.DiagnosticCategory.Error) continue;
      const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
      if (d.file && d.start !== undefined) {
        const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
        this.problems.push(`${this.display(m.source)}:${line + 1}:${character + 1}: error TS${d.code}: ${message}`);
      } else this.problems.push(`${this.display(m.source)}: error TS${d.code}: ${message}`);
    }
    if (result.sourceMapText) m.map = new SourceMap(JSON.parse(result.sourceMapText) as ConstructorParameters<typeof SourceMap>[0]);
    writeFileSync(m.outPath, result.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'));
  }

  /**
   * Runs after TypeScript's own transforms (so type-only imports are already gone): points `tseq` at this
   * copy's entry, local modules at their compiled copies, packages at where the source's folder finds
   * them, and `import.meta.url` / `dirname` / `filename` at the source file rather than its copy.
   */
  private rewriter(m: Module, text: string): TS.TransformerFactory<TS.SourceFile> {
    const ts = this.ts;
    return (context) => (sourceFile) => {
      const f = context.factory;
      const specifier = (node: TS.Expression | undefined): TS.StringLiteral | undefined => {
        if (!node || !ts.isStringLiteralLike(node)) return undefined;
        const to = this.resolveSpecifier(node.text, m, text);
        return to === undefined || to === node.text ? undefined : f.createStringLiteral(to);
      };
      const visit = (node: TS.Node): TS.Node => {
        if (ts.isImportDeclaration(node)) {
          const to = specifier(node.moduleSpecifier);
          return to ? f.updateImportDeclaration(node, node.modifiers, node.importClause, to, node.attributes) : node;
        }
        if (ts.isExportDeclaration(node)) {
          const to = specifier(node.moduleSpecifier);
          return to ? f.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, to, node.attributes) : node;
        }
        if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
          const [first, ...rest] = node.arguments;
          const to = specifier(first);
          if (to) return f.updateCallExpression(node, node.expression, node.typeArguments, [to, ...rest.map((a) => ts.visitNode(a, visit, ts.isExpression) ?? a)]);
        }
        if (ts.isPropertyAccessExpression(node) && ts.isMetaProperty(node.expression) && node.expression.keywordToken === ts.SyntaxKind.ImportKeyword) {
          const name = node.name.text;
          if (name === 'url') return f.createStringLiteral(pathToFileURL(m.source).href);
          if (name === 'filename') return f.createStringLiteral(m.source);
          if (name === 'dirname') return f.createStringLiteral(dirname(m.source));
        }
        return ts.visitEachChild(node, visit, context);
      };
      return ts.visitNode(sourceFile, visit) as TS.SourceFile;
    };
  }

  /** What an import specifier becomes in the compiled copy; undefined leaves it as it is. */
  private resolveSpecifier(spec: string, from: Module, text: string): string | undefined {
    if (spec === 'tseq') return TSEQ_ENTRY;
    if (spec.startsWith('tseq/')) {
      this.problems.push(`${this.where(from, text, spec)}: error: '${spec}': the tseq package has one entry point; import from 'tseq'`);
      return undefined;
    }
    if (isBuiltin(spec)) return undefined;
    if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..' || spec.startsWith('/') || spec.startsWith('file:') || isAbsolute(spec)) {
      const target = resolveLocal(spec, from.source);
      if (!target) {
        this.problems.push(`${this.where(from, text, spec)}: error: cannot find module '${spec}'`);
        return undefined;
      }
      if (SOURCE_EXTENSIONS.has(extname(target).toLowerCase())) return this.moduleFor(target).outUrl;
      return pathToFileURL(target).href; // .json, .cjs, …: loaded from where it is
    }
    // A package: found from the source's folder, as it would be were the file run in place.
    try {
      return pathToFileURL(createRequire(from.source).resolve(spec)).href;
    } catch {
      return undefined;
    }
  }

  /** file:line:col of a module specifier's first appearance in the source. */
  private where(m: Module, text: string, spec: string): string {
    for (const q of ["'", '"']) {
      const i = text.indexOf(q + spec + q);
      if (i >= 0) {
        const { line, column } = lineColumn(text, i);
        return `${this.display(m.source)}:${line}:${column}`;
      }
    }
    return this.display(m.source);
  }

  /** The innermost stack frame in a compiled copy, mapped back to the source. */
  private locateInStack(stack: string): string | undefined {
    const frame = /(file:\/\/[^\s)]+?\.mjs|\/[^\s():]+?\.mjs):(\d+)(?::(\d+))?/g;
    for (const match of stack.matchAll(frame)) {
      const url = match[1]!.startsWith('file:') ? match[1]! : pathToFileURL(match[1]!).href;
      const m = [...this.modules.values()].find((x) => x.outUrl === url);
      if (!m) continue;
      const line = Number(match[2]);
      const column = match[3] !== undefined ? Number(match[3]) : 1;
      const entry = m.map?.findEntry(line - 1, column - 1) as { generatedLine?: number; generatedColumn?: number; originalLine?: number; originalColumn?: number } | undefined;
      if (entry && entry.originalLine !== undefined && entry.originalColumn !== undefined) {
        const shift = entry.generatedLine === line - 1 && entry.generatedColumn !== undefined ? column - 1 - entry.generatedColumn : 0;
        return `${this.display(m.source)}:${entry.originalLine + 1}:${entry.originalColumn + Math.max(0, shift) + 1}`;
      }
      return this.display(m.source);
    }
    return undefined;
  }

  /** A message with the compiled copies' names replaced by their sources' and tseq's entry by 'tseq'. */
  private clean(message: string): string {
    let out = message.split(TSEQ_ENTRY).join('tseq').split(fileURLToPath(TSEQ_ENTRY)).join('tseq');
    for (const m of this.modules.values()) out = out.split(m.outUrl).join(this.display(m.source)).split(m.outPath).join(this.display(m.source));
    return out;
  }
}

function describeThrownValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/** A relative import as Node and TypeScript resolve it: the path itself, its .ts twin for .js, or with an extension or /index added. */
function resolveLocal(spec: string, fromFile: string): string | undefined {
  const base = spec.startsWith('file:') ? fileURLToPath(spec) : isAbsolute(spec) ? spec : resolve(dirname(fromFile), spec);
  const ext = extname(base);
  const candidates = [base];
  const twin: Record<string, string> = { '.js': '.ts', '.mjs': '.mts' };
  if (twin[ext]) candidates.push(base.slice(0, -ext.length) + twin[ext]);
  if (ext === '' || !SOURCE_EXTENSIONS.has(ext)) candidates.push(`${base}.ts`, `${base}.mts`, `${base}.js`, `${base}.mjs`, join(base, 'index.ts'), join(base, 'index.js'));
  return candidates.find(isFile);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
