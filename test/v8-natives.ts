import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

/**
 * Runs an ES module script in a child node with --allow-natives-syntax (V8's own checks, such as
 * %HasFastProperties, exist only there) and returns the JSON value it prints last. Write the checks
 * as `new Function('o', 'return %HasFastProperties(o)')` so this file still parses without the flag.
 */
export function runWithNatives(script: string): unknown {
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}
