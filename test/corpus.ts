/**
 * The one helper that lists and loads the shared corpus (../shared/corpus, traced in MANIFEST.tsv).
 * Every corpus-wide test uses it, so the location and the manifest format are known in one place.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the nearest folder above this file holding package.json. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

/** The corpus folder; TSEQ_CORPUS overrides it. */
export function corpusDir(): string {
  return process.env['TSEQ_CORPUS'] ?? resolve(projectRoot(), '..', 'shared', 'corpus');
}

export interface CorpusEntry {
  /** Path relative to the corpus folder, e.g. `configmgr/x.xml`. */
  readonly file: string;
  /** Absolute path. */
  readonly path: string;
  /** configmgr-sequence, configmgr-object, configmgr-zip-extract, configmgr-export-zip, mdt-ts, mdt-template, psd-template. */
  readonly kind: string;
  readonly bytes: number;
  readonly encoding: string;
  /** Step and group counts as the manifest gives them (steps include <subtasksequence>). */
  readonly steps: number;
  readonly groups: number;
  readonly notes: string;
}

let cached: CorpusEntry[] | undefined;

/** Every manifest row. */
export function corpusEntries(): CorpusEntry[] {
  if (cached) return cached;
  const dir = corpusDir();
  const lines = readFileSync(join(dir, 'MANIFEST.tsv'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const header = lines[0]!.split('\t');
  const col = (name: string): number => header.indexOf(name);
  cached = lines.slice(1).map((line) => {
    const f = line.split('\t');
    const file = f[col('file')]!;
    return {
      file,
      path: join(dir, file),
      kind: f[col('kind')]!,
      bytes: Number(f[col('bytes')]),
      encoding: f[col('encoding')]!,
      steps: Number(f[col('steps')]),
      groups: Number(f[col('groups')]),
      notes: f[col('notes')] ?? '',
    };
  });
  return cached;
}

/** The well-formed task sequence documents (configmgr/ and mdt/). */
export function corpusDocuments(): CorpusEntry[] {
  return corpusEntries().filter((e) => e.file.endsWith('.xml') && (e.file.startsWith('configmgr/') || e.file.startsWith('mdt/')));
}

/** The real files that are not well-formed (corpus/invalid). */
export function corpusInvalidFiles(): string[] {
  const dir = join(corpusDir(), 'invalid');
  return readdirSync(dir).filter((f) => f.endsWith('.xml')).map((f) => join(dir, f));
}

export function readCorpusBytes(entry: CorpusEntry): Uint8Array {
  return readFileSync(entry.path);
}
