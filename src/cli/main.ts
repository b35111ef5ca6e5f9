import { Command, CommanderError } from 'commander';
import { registerBuild } from './commands/build.js';
import { registerCompletion } from './commands/completion.js';
import { registerDiff } from './commands/diff.js';
import { registerDoc } from './commands/doc.js';
import { registerEval } from './commands/eval.js';
import { registerFmt } from './commands/fmt.js';
import { registerLint } from './commands/lint.js';
import { registerNew } from './commands/new.js';
import { registerRun } from './commands/run.js';
import { registerShow } from './commands/show.js';
import { registerValidate } from './commands/validate.js';
import { EXIT_INPUT, EXIT_OK, describeError } from './exit-codes.js';

/** What a command's action leaves for main to return. */
export interface CommandContext {
  exitCode: number;
  readonly out: (s: string | Uint8Array) => void;
  readonly err: (s: string) => void;
}

export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('tseq')
    .description('Task sequences for ConfigMgr and MDT: show, validate, lint, format, diff, document, evaluate, run and build them.')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: ctx.out, writeErr: ctx.err });
  registerShow(program, ctx);
  registerFmt(program, ctx);
  registerValidate(program, ctx);
  registerLint(program, ctx);
  registerEval(program, ctx);
  registerRun(program, ctx);
  registerDiff(program, ctx);
  registerDoc(program, ctx);
  registerBuild(program, ctx);
  registerNew(program, ctx);
  registerCompletion(program, ctx);
  for (const c of program.commands) c.exitOverride().configureOutput({ writeOut: ctx.out, writeErr: ctx.err });
  return program;
}

function packageVersion(): string {
  return '0.1.0';
}

export interface CliIo {
  readonly out: (s: string | Uint8Array) => void;
  readonly err: (s: string) => void;
}

/** Runs the CLI on the process's streams. */
export async function main(argv: readonly string[]): Promise<number> {
  return runCli(argv, { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
}

/** Runs the CLI and returns its exit code; every error becomes one line on stderr. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx: CommandContext = { exitCode: EXIT_OK, out: io.out, err: io.err };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; usage errors have been printed by commander already.
      return e.exitCode === 0 ? EXIT_OK : EXIT_INPUT;
    }
    const { message, exitCode } = describeError(e);
    ctx.err(`tseq: ${message}\n`);
    return exitCode;
  }
}
