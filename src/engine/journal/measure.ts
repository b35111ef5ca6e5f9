/** Micro-benchmark of journal appends with and without fsync (used by bench/engine.ts). */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { JournalWriter } from './journal-writer.js';

export interface AppendCost {
  /** Mean microseconds per durable append (write + fsync). */
  fsyncMicros: number;
  /** Mean microseconds per append without fsync (write only). */
  noFsyncMicros: number;
}

/**
 * Appends `n` engine-sized records to a fresh journal in `dir` twice — with and without fsync —
 * and returns the mean cost per append. The temporary journals are removed afterwards.
 */
export function measureAppendMicros(dir: string, n: number): AppendCost {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('measureAppendMicros: n must be a positive integer');
  mkdirSync(dir, { recursive: true });
  const record = (i: number) => ({ kind: 'step-finished', seq: i, step: `Step ${i}`, exitCode: 0, at: '2024-01-01T00:00:00.000Z', vars: { _SMSTSLastActionRetCode: '0' } });
  const once = (fsync: boolean, count: number): number => {
    const path = join(dir, `.measure-${process.pid}-${fsync ? 'fsync' : 'nofsync'}.jsonl`);
    rmSync(path, { force: true });
    const writer = JournalWriter.open(path, { fsync });
    try {
      const start = process.hrtime.bigint();
      for (let i = 0; i < count; i++) writer.append(record(i));
      return Number(process.hrtime.bigint() - start) / 1000 / count;
    } finally {
      writer.close();
      rmSync(path, { force: true });
    }
  };
  once(false, Math.min(n, 200)); // warm-up: JIT the encoder, so neither timing pays for compilation
  const noFsyncMicros = once(false, n);
  const fsyncMicros = once(true, n);
  return { fsyncMicros, noFsyncMicros };
}
