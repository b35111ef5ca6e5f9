import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { E_FAIL } from '../core.js';
import { maskCommandLine } from '../log/index.js';
import type { ActionHandler, HandlerInput, HandlerResult } from './types.js';

/** What Run Command Line keeps of a command's output in its output variable: the last 1,000 characters (REFERENCE.md §7). */
export const OUTPUT_VARIABLE_LIMIT = 1000;

/**
 * Runs a command line in the platform's shell (cmd on Windows, /bin/sh elsewhere) in the step's
 * working directory, ends the whole process tree when the time-out passes, and returns its exit code.
 * Output goes to the log, line by line.
 */
export async function runShellCommand(command: string, input: HandlerInput, cwd: string | undefined, env: NodeJS.ProcessEnv = {}): Promise<{ exitCode: number; output: string; timedOut: boolean; error?: string }> {
  const windows = process.platform === 'win32';
  const [shell, args] = windows ? ['cmd.exe', ['/d', '/s', '/c', `"${command}"`]] : ['/bin/sh', ['-c', command]];
  const dir = cwd ?? input.workDir;
  if (!existsSync(dir)) return { exitCode: E_FAIL, output: '', timedOut: false, error: `the working directory ${dir} does not exist` };
  return new Promise((resolve) => {
    let output = '';
    let pending = '';
    const child = spawn(shell, args, { cwd: dir, detached: !windows, windowsVerbatimArguments: windows, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-64 * 1024);
      pending += text;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const l of lines) input.log(`Command output: ${l}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    let timedOut = false;
    const timer =
      input.timeoutMs !== undefined
        ? setTimeout(() => {
            timedOut = true;
            // End the whole tree (REFERENCE.md §5.2 step 6): the shell runs in its own process group.
            try {
              if (windows) spawn('taskkill', ['/pid', String(child.pid), '/t', '/f']);
              else if (child.pid) process.kill(-child.pid, 'SIGKILL');
            } catch {
              child.kill('SIGKILL');
            }
          }, input.timeoutMs)
        : undefined;
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      resolve({ exitCode: E_FAIL, output, timedOut, error: `cannot start ${shell}: ${e.message}` });
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (pending) input.log(`Command output: ${pending}`);
      if (timedOut) resolve({ exitCode: E_FAIL, output, timedOut, error: `the step ran longer than its time-out of ${Math.round((input.timeoutMs ?? 0) / 1000)} s and was ended` });
      else resolve({ exitCode: code ?? (signal ? 128 + 9 : E_FAIL), output, timedOut });
    });
  });
}

export const runCommandLine: ActionHandler = async (input): Promise<HandlerResult> => {
  const p = input.prepared.properties;
  const command = String(p['CommandLine'] ?? p['Action'] ?? '').trim();
  if (command === '') return { exitCode: E_FAIL, error: 'the step has no command line' };
  if (p['RunAsUser'] === true) return { exitCode: E_FAIL, error: 'running as another account is not supported by this engine (RunAsUser); the task sequence runs as the engine\'s own account' };
  if (typeof p['PackageID'] === 'string' && p['PackageID'] !== '') input.log(`The step references package ${String(p['PackageID'])}; package content is not downloaded by this engine, the command runs in the working directory`, 2);
  // Command lines are logged unless OSDDoNotLogCommand=TRUE (REFERENCE.md §5.9); passwords in them never are.
  if (!/^true$/i.test(input.variables.get('OSDDoNotLogCommand') ?? '')) input.log(`Executing command line: ${maskCommandLine(command)}`);
  else input.log('Executing command line: (not logged: OSDDoNotLogCommand)');
  const cwd = typeof p['WorkingDirectory'] === 'string' && p['WorkingDirectory'] !== '' ? p['WorkingDirectory'] : typeof p['StartIn'] === 'string' && p['StartIn'] !== '' ? p['StartIn'] : undefined;
  const envFile = join(input.workDir, `tsenv-${input.index}.txt`);
  rmSync(envFile, { force: true });
  const r = await runShellCommand(command, input, cwd, { TSEQ_ENV_FILE: envFile });
  input.log(`Process completed with exit code ${r.exitCode}`);
  const outVar = typeof p['OutputVariableName'] === 'string' ? p['OutputVariableName'].trim() : '';
  const setVariables = [...readEnvFile(envFile), ...(outVar ? [[outVar, r.output.slice(-OUTPUT_VARIABLE_LIMIT)] as const] : [])];
  return { exitCode: r.exitCode, ...(r.error ? { error: r.error } : {}), ...(setVariables.length ? { setVariables } : {}) };
};

/**
 * Where ConfigMgr gives scripts the Microsoft.SMS.TSEnvironment COM object, tseq gives a file:
 * a command writes `NAME=VALUE` lines to the file named by TSEQ_ENV_FILE to set task sequence
 * variables (SMSTSRebootRequested, SMSTSRetryRequested, its own), applied when the step succeeds.
 */
export function readEnvFile(path: string): (readonly [string, string])[] {
  if (!existsSync(path)) return [];
  const out: (readonly [string, string])[] = [];
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const name = line.slice(0, eq).trim();
    if (/^[A-Za-z][A-Za-z0-9_-]{0,255}$/.test(name)) out.push([name, line.slice(eq + 1)]);
  }
  rmSync(path, { force: true });
  return out;
}

/** The first of the names found on PATH. */
export function findOnPath(names: readonly string[]): string | undefined {
  const dirs = (process.env['PATH'] ?? '').split(delimiter).filter(Boolean);
  for (const name of names) for (const d of dirs) if (existsSync(join(d, name))) return join(d, name);
  return undefined;
}

/** Run PowerShell Script: an inline script (base64 of UTF-16 LE text, REFERENCE.md §2.2 item 2) run with pwsh. */
export const runPowerShellScript: ActionHandler = async (input): Promise<HandlerResult> => {
  const p = input.prepared.properties;
  const pwsh = findOnPath(process.platform === 'win32' ? ['pwsh.exe', 'powershell.exe'] : ['pwsh']);
  if (!pwsh) return { exitCode: E_FAIL, error: 'no PowerShell is installed here (pwsh not found on PATH); install PowerShell, or rehearse the step with --simulate' };
  const source = typeof p['SourceScript'] === 'string' ? p['SourceScript'] : '';
  if (source === '') return { exitCode: E_FAIL, error: 'the script comes from a package; package content is not downloaded by this engine (use an inline script, or --simulate)' };
  const script = decodeInlineScript(source);
  const dir = join(input.workDir, 'powershell');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `step-${input.index}.ps1`);
  writeFileSync(file, script, 'utf8');
  const policy = typeof p['ExecutionPolicy'] === 'string' && p['ExecutionPolicy'] !== '' ? p['ExecutionPolicy'] : 'Bypass';
  const params = typeof p['Parameters'] === 'string' ? p['Parameters'] : '';
  const command = `"${pwsh}" -NoLogo -NoProfile -NonInteractive -ExecutionPolicy ${policy} -File "${file}" ${params}`.trim();
  input.log(`Running PowerShell script with ${pwsh}`);
  const cwd = typeof p['WorkingDirectory'] === 'string' && p['WorkingDirectory'] !== '' ? p['WorkingDirectory'] : undefined;
  const r = await runShellCommand(command, input, cwd);
  const outVar = typeof p['OutputVariableName'] === 'string' ? p['OutputVariableName'].trim() : '';
  return { exitCode: r.exitCode, ...(r.error ? { error: r.error } : {}), ...(outVar ? { setVariables: [[outVar, r.output.slice(-OUTPUT_VARIABLE_LIMIT)]] } : {}) };
};

/** The inline script text: base64 of UTF-16 LE with a BOM as the console stores it; plain text is taken as is. */
export function decodeInlineScript(source: string): string {
  if (/^[A-Za-z0-9+/=\s]+$/.test(source) && source.length % 4 === 0) {
    const bytes = Buffer.from(source, 'base64');
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  }
  return source;
}
