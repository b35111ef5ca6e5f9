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

const WMI_EXPRESSION_TYPE = 'SMS_TaskSequence_WMIConditionExpression';

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|apos|quot|#x[0-9a-fA-F]+|#[0-9]+);/g, (_, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ({ lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' } as Record<string, string>)[name]!;
  });
}

function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/**
 * The WMI expressions of an XML text, found by pattern, independently of tseq's reader (so the
 * tests that use it check the reader rather than share its mistakes). object.xml holds the sequence
 * in CDATA (plain XML once the markers are gone); an expression stored as escaped text (Set Dynamic
 * Variables rules) is unescaped once and read again.
 */
function wmiExpressionsIn(xml: string, depth = 0): { namespace: string; query: string }[] {
  const text = xml.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, inner: string) => inner);
  const found: { namespace: string; query: string }[] = [];
  const expression = new RegExp(`<expression\\b[^>]*\\btype="${WMI_EXPRESSION_TYPE}"[^>]*>([\\s\\S]*?)</expression>`, 'g');
  const variable = (body: string, name: string): string | undefined => {
    const m = new RegExp(`<variable\\b[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</variable>`).exec(body);
    return m ? unescapeXml(m[1]!) : undefined;
  };
  for (const m of text.matchAll(expression)) {
    const query = variable(m[1]!, 'Query');
    if (query !== undefined) found.push({ namespace: variable(m[1]!, 'Namespace') || 'root\\cimv2', query });
  }
  if (depth < 3) {
    for (const m of text.matchAll(/&lt;expression\b[\s\S]*?&lt;\/expression&gt;/g)) {
      if (m[0].includes(WMI_EXPRESSION_TYPE)) found.push(...wmiExpressionsIn(unescapeXml(m[0]), depth + 1));
    }
  }
  return found;
}

export interface CorpusWmiExpression {
  readonly file: string;
  readonly namespace: string;
  readonly query: string;
}

/** Every WMI condition of corpus/configmgr and corpus/mdt, with how many expressions each file's text names. */
export function corpusWmiExpressions(): { expressions: CorpusWmiExpression[]; occurrences: number } {
  const expressions: CorpusWmiExpression[] = [];
  let occurrences = 0;
  for (const folder of ['configmgr', 'mdt']) {
    const dir = join(corpusDir(), folder);
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.xml')).sort()) {
      const text = decodeText(readFileSync(join(dir, name)));
      occurrences += text.split(WMI_EXPRESSION_TYPE).length - 1;
      for (const e of wmiExpressionsIn(text)) expressions.push({ file: `${folder}/${name}`, ...e });
    }
  }
  return { expressions, occurrences };
}
