/** Runs the CLI in process, capturing what it prints: the one way the tests drive `tseq`. */
import { runCli } from '../src/cli/main.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly stdoutBytes: Buffer;
}

export async function tseq(...argv: string[]): Promise<CliResult> {
  const out: Buffer[] = [];
  let stderr = '';
  const code = await runCli(argv, {
    out: (s) => out.push(typeof s === 'string' ? Buffer.from(s, 'utf8') : Buffer.from(s)),
    err: (s) => {
      stderr += s;
    },
  });
  const stdoutBytes = Buffer.concat(out);
  return { code, stdout: stdoutBytes.toString('utf8'), stderr, stdoutBytes };
}
