#!/usr/bin/env node
// The tseq command. The TypeScript sources are built into dist/ by `npm ci` (the prepare script).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
