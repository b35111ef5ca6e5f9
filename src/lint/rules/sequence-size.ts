import { defineRule } from '../types.js';

/**
 * The sequence XML a site stores is limited to 2 MB (REFERENCE.md §7; editor, cmdlets, import and
 * the SDK refuse more). Near the limit (80 % by default) is a warning: the next edit may not save;
 * over it is an error. The caller measures the written sequence in UTF-8.
 */
const MB = 1024 * 1024;

export default defineRule<{ maxBytes: number; warnRatio: number }>({
  id: 'sequence-size',
  description: 'A sequence near or over the 2 MB a site stores.',
  defaultSeverity: 'warning',
  options: {
    maxBytes: { type: 'positiveNumber', description: 'The largest sequence a site stores, in bytes (default 2 MB = 2097152).' },
    warnRatio: { type: 'ratio', description: 'Warn from this fraction of maxBytes on (default 0.8).' },
  },
  defaults: { maxBytes: 2 * MB, warnRatio: 0.8 },
  check(ctx) {
    const bytes = ctx.sequenceBytes;
    if (bytes === undefined) return;
    const { maxBytes, warnRatio } = ctx.options;
    const size = (n: number): string => (n >= MB ? `${(n / MB).toFixed(2)} MB` : `${(n / 1024).toFixed(0)} KB`);
    const hint = 'move parts into child task sequences (Run Task Sequence), each has its own limit; remove disabled steps and unused groups';
    if (bytes > maxBytes) {
      ctx.report({ sequence: ctx.sequence }, `the sequence is ${size(bytes)}, over the ${size(maxBytes)} a site stores`, { hint, severity: 'error' });
    } else if (bytes >= maxBytes * warnRatio) {
      ctx.report({ sequence: ctx.sequence }, `the sequence is ${size(bytes)}, ${Math.round((bytes / maxBytes) * 100)} % of the ${size(maxBytes)} a site stores`, { hint });
    }
  },
});
