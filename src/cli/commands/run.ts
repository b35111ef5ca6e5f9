import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { MachineProfile, VariableStore } from '../../conditions/index.js';
import { compileProgram, realHandlers, runSequence, simulationHandlers, traceOf, loadHandlerPlugin, type Environment, type JournalRecord, type LogSink, type Outcomes, type RunResult } from '../../engine/index.js';
import { CmTraceLog } from '../../engine/log/index.js';
import { JournalWriter, StateDirError, initStateDir, loadStateDir, stateDirPaths, writeFileAtomic } from '../../engine/journal/index.js';
import { TseqInputError } from '../../model/errors.js';
import { getClass } from '../../model/catalog.js';
import { isPackage, sequenceOf, walkSteps, type Document } from '../../model/node.js';
import { readDocument } from '../../xml/index.js';
import { EXIT_FINDING, EXIT_OK, EXIT_RESTART, UsageError } from '../exit-codes.js';
import { readTaskSequenceFile } from '../io.js';
import type { CommandContext } from '../main.js';
import { collectVars, parseVarAssignments } from '../options.js';
import { initialVariables, loadProfile } from './eval.js';

interface RunOpts {
  simulate?: boolean;
  profile?: string;
  outcomes?: string;
  var: string[];
  json?: boolean;
  state?: string;
  handlers?: string;
  log?: string;
}

export function registerRun(program: Command, ctx: CommandContext): void {
  program
    .command('run')
    .description(
      'Run a task sequence with ConfigMgr\'s semantics. --simulate rehearses it on a machine profile in memory; --state DIR runs it for real, journalling every step so that `tseq run --state DIR` resumes after a restart or a crash. Exit 0 success, 1 failure, 2 bad input, 3 stopped for a restart.',
    )
    .argument('[file]', 'task sequence XML (omit with --state to resume)')
    .option('--simulate', 'rehearse on a machine profile: no command runs')
    .option('-p, --profile <profile.json>', 'machine profile (schemas/machine-profile.schema.json)')
    .option('--outcomes <outcomes.json>', 'simulation: exit codes by step name or path, e.g. {"Install Drivers": 1, "3/2": 3010}')
    .option('--var <NAME=VALUE>', 'set a task sequence variable (repeatable)', collectVars, [])
    .option('--state <dir>', 'real run: the state directory (journal, smsts.log, trace.json)')
    .option('--handlers <module.js>', 'real run: a module exporting action handlers by class name')
    .option('--log <smsts.log>', 'simulation: also write a CMTrace log here')
    .option('--json', 'print {"result","steps":[{path,name,class,status,reason,exitCode,continued}],"variables"}')
    .action(async (file: string | undefined, opts: RunOpts) => {
      const result = opts.simulate ? await simulate(file, opts) : opts.state ? await runForReal(file, opts) : usage();
      const trace = traceOf(result.run, secretVariableNames(result.run));
      if (opts.json) ctx.out(JSON.stringify(trace, null, 2) + '\n');
      else ctx.out(renderTrace(trace) + '\n');
      ctx.exitCode = trace.result === 'success' ? EXIT_OK : trace.result === 'restart' ? EXIT_RESTART : EXIT_FINDING;
    });
}

function usage(): never {
  throw new UsageError('run: give --simulate (with --profile) to rehearse, or --state DIR to run for real');
}

function readJsonFile(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    if (e instanceof SyntaxError) throw new TseqInputError('RUN001', `the ${what} file is not valid JSON: ${e.message}`, { file: path });
    throw e;
  }
}

function loadOutcomes(path: string | undefined): Outcomes {
  if (!path) return {};
  const json = readJsonFile(path, 'outcomes');
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new TseqInputError('RUN001', 'outcomes must be a JSON object mapping step names or paths to exit codes', { file: path });
  for (const [k, v] of Object.entries(json)) {
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new TseqInputError('RUN001', `outcome for "${k}" must be a whole number (an exit code), not ${JSON.stringify(v)}`, { file: path });
  }
  return json as Outcomes;
}

/** The read-only variables the engine sets before the first step (REFERENCE.md §6.1). */
function engineVariables(doc: Document, profile: MachineProfile, logDir: string, base: VariableStore): VariableStore {
  const seq = sequenceOf(doc);
  let osd = false;
  for (const { step } of walkSteps(seq.Steps)) if (getClass(step.__CLASS)?.osd) osd = true;
  let v = base
    .with('_SMSTSType', osd ? '2' : '1')
    .with('_SMSTSLogPath', logDir)
    .with('_SMSTSMDataPath', logDir)
    .with('_SMSTSLaunchMode', 'SMS')
    .with('_SMSTSUserStarted', 'false');
  if (!v.has('_SMSTSMachineName')) v = v.with('_SMSTSMachineName', String(profile.variables?.['OSDComputerName'] ?? (profile.name || hostname())));
  if (isPackage(doc)) {
    if (doc['PackageID']) v = v.with('_SMSTSPackageID', String(doc['PackageID']));
    if (doc['Name']) v = v.with('_SMSTSPackageName', String(doc['Name']));
  }
  return v;
}

function secretVariableNames(run: RunResult): string[] {
  return Object.keys(run.state.variables.toObject()).filter((k) => /passw(or)?d|pwd$|productkey/i.test(k));
}

async function simulate(file: string | undefined, opts: RunOpts): Promise<{ run: RunResult }> {
  if (!file) throw new UsageError('run --simulate needs the task sequence file');
  if (!opts.profile) throw new UsageError('run --simulate needs --profile PROFILE.json');
  if (opts.state || opts.handlers) throw new UsageError('run --simulate takes no --state or --handlers');
  const profile = loadProfile(opts.profile);
  const outcomes = loadOutcomes(opts.outcomes);
  const { document } = readTaskSequenceFile(file);
  const environment: Environment = profile.inWinPE ? 'WinPE' : 'FullOS';
  const variables = engineVariables(document, profile, environment === 'WinPE' ? 'X:\\Windows\\temp\\smstslog' : 'C:\\Windows\\CCM\\Logs', initialVariables(profile, parseVarAssignments(opts.var)));
  const { table, fallback } = simulationHandlers(outcomes);
  const log = opts.log ? cmtraceSink(opts.log) : undefined;
  const run = await runSequence({ program: compileProgram(sequenceOf(document)), profile, variables, environment, handlers: table, fallback, workDir: process.cwd(), stopAtRestart: false, ...(log ? { log } : {}) });
  return { run };
}

function cmtraceSink(path: string): LogSink {
  const log = new CmTraceLog(path);
  return { write: (component, message, type) => log.write({ component, message, type }) };
}

interface RunFile {
  readonly file: string;
  readonly profile: MachineProfile;
  readonly variables: Record<string, string>;
  readonly environment: Environment;
  readonly created: string;
}

async function runForReal(file: string | undefined, opts: RunOpts): Promise<{ run: RunResult }> {
  const stateDir = opts.state!;
  if (opts.outcomes || opts.log) throw new UsageError('--outcomes and --log go with --simulate; a real run logs to smsts.log in its state directory');
  const extra = opts.handlers ? await loadHandlerPlugin(opts.handlers) : {};
  let document: Document;
  let runFile: RunFile;
  let replay: JournalRecord[] = [];
  try {
    if (file) {
      // A new run: the state directory keeps a copy of the sequence and the run's starting point.
      // Read and checked once; the state directory keeps these bytes.
      const read = readTaskSequenceFile(file);
      document = read.document;
      const sequenceBytes = readFileSync(file);
      const profile: MachineProfile = opts.profile ? loadProfile(opts.profile) : { name: hostname() };
      const environment: Environment = profile.inWinPE ? 'WinPE' : 'FullOS';
      // run.json is complete before the journal exists: a run killed right after initStateDir must resume.
      const variables = engineVariables(document, profile, stateDirPaths(stateDir).dir, initialVariables(profile, parseVarAssignments(opts.var))).toObject();
      runFile = { file, profile, variables, environment, created: new Date().toISOString() };
      initStateDir(stateDir, { sequenceXml: sequenceBytes, run: runFile });
    } else {
      if (opts.var.length > 0 || opts.profile) throw new UsageError('resuming (--state without a file) takes no --var or --profile: the run keeps the ones it started with');
      const loaded = loadStateDir(stateDir);
      document = readDocument(loaded.sequenceXml, { file: `${stateDir}/sequence.xml` }).document;
      runFile = loaded.run as unknown as RunFile;
      replay = loaded.records as JournalRecord[];
    }
  } catch (e) {
    if (e instanceof StateDirError) throw new TseqInputError('RUN002', e.message, { file: e.path });
    throw e;
  }
  const paths = stateDirPaths(stateDir);
  const journal = JournalWriter.open(paths.journal);
  const { table, fallback } = realHandlers();
  const log = new CmTraceLog(paths.log);
  const started = Date.now();
  const tty = process.stderr.isTTY === true && !opts.json;
  try {
    const run = await runSequence({
      program: compileProgram(sequenceOf(document)),
      profile: runFile.profile,
      variables: variablesFrom(runFile.variables),
      environment: runFile.environment,
      handlers: { ...table, ...extra },
      fallback,
      workDir: paths.dir,
      journal: { append: (r) => journal.append(r) },
      replay,
      log: { write: (component, message, type) => log.write({ component, message, type }) },
      stopAtRestart: true,
      ...(tty
        ? {
            onProgress: (p) => {
              const secs = Math.round((Date.now() - started) / 1000);
              process.stderr.write(`\r\x1b[K[${p.stepNumber}/${p.stepCount}] ${p.group ? p.group + ' > ' : ''}${p.name} (${secs}s)`);
            },
          }
        : {}),
    });
    if (tty) process.stderr.write('\r\x1b[K');
    writeFileAtomic(paths.trace, JSON.stringify(traceOf(run, secretVariableNames(run)), null, 2) + '\n');
    return { run };
  } finally {
    journal.close();
  }
}

function variablesFrom(obj: Record<string, string>): VariableStore {
  return initialVariables({ name: 'run', variables: obj }, []);
}

/** The run as a tree, each step with its status. */
export function renderTrace(trace: ReturnType<typeof traceOf>): string {
  const lines = trace.steps.map((s) => {
    const depth = s.path.split('/').length - 1;
    const status = s.status === 'skipped' ? `skipped (${s.reason})` : s.status === 'failure' ? `failed${s.exitCode !== null ? ` (exit ${s.exitCode})` : ''}${s.continued ? ', continued' : ''}` : s.status === 'notRun' ? 'not run' : `success${s.exitCode !== null && s.exitCode !== 0 ? ` (exit ${s.exitCode})` : ''}`;
    return `${'  '.repeat(depth)}${s.path}  ${s.name}  ${status}${s.message && s.status !== 'success' ? `: ${s.message}` : ''}`;
  });
  lines.push(`Result: ${trace.result === 'restart' ? 'stopped for a restart (run tseq run --state DIR to continue)' : trace.result}`);
  return lines.join('\n');
}
