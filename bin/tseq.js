#!/usr/bin/env node
// The tseq command. The TypeScript sources are built into dist/ by `npm ci` (the prepare script).
let main;
try {
  ({ main } = await import('../dist/src/cli/main.js'));
} catch (e) {
  // A missing or half-built dist/ is an installation problem, not the user's input: say so in one line.
  process.stderr.write(`tseq: cannot load tseq (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); run npm run build\n`);
  process.exit(70);
}
process.exitCode = await main(process.argv.slice(2));
