import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonicalParts } from '../../test/c14n.js';
import { corpusDocuments, readCorpusBytes } from '../../test/corpus.js';
import { seededRandom } from '../../test/seeded-random.js';
import { allClasses } from '../model/catalog.js';
import { TseqInputError } from '../model/errors.js';
import { validateDocument } from '../model/validate.js';
import { decodeXmlBytes } from './decode.js';
import { readDocument, writeDocumentText } from './index.js';

/**
 * Law: a corpus document changed the way hand edits and other tools change files (attributes
 * dropped or given odd values, variables duplicated, moved or added under names the catalog uses
 * elsewhere, types swapped, CDATA, comments, unknown elements, a second defaultVarList, …) is
 * either refused with an input error or read the same way while parsing and from a kept tree,
 * written back equal to the input under C14N, read back to the same model, and written again to
 * the same text. This differential fuzz found duplicate variables read last and written twice, a
 * step typed with an operator class written with two type attributes, a second defaultVarList
 * lost, and more (see the tests in roundtrip-unknown.test.ts).
 */

const numRuns = process.env['CI'] ? 400 : 1000;

// Documents up to 120 KB (the larger ones add time, not cases); decoded once.
const texts = corpusDocuments()
  .filter((e) => e.bytes < 120_000)
  .map((e) => ({ file: e.file, text: decodeXmlBytes(readCorpusBytes(e)).text }));

type Pick = <T>(items: readonly T[]) => T;
type Mutation = (text: string, pick: Pick) => string;

const CLASSES = allClasses().map((c) => c.name);
const VALUES = ['', 'true', 'FALSE', '0', '-1', '99999999999999999', '%VAR%', 'a&amp;b', 'WinPE', 'x'.repeat(20), ' 0 ', '3010 0', '&lt;x&gt;', 'line&#10;two', '😀 ü'];
const VARIABLE_NAMES = ['RetryCount', '__proto__', '__CLASS', 'Condition', 'OSDPartitions5Size', 'Partitions0Size', 'constructor', 'CommandLine', 'Name', 'Timeout', 'Enabled', 'X', '0'];

/** Replaces one random match of `pattern` by what `by` makes of it. */
function replaceOne(text: string, pattern: RegExp, pick: Pick, by: (m: RegExpMatchArray) => string): string {
  const matches = [...text.matchAll(pattern)];
  if (matches.length === 0) return text;
  const m = pick(matches);
  return text.slice(0, m.index!) + by(m) + text.slice(m.index! + m[0].length);
}

const MUTATIONS: readonly Mutation[] = [
  (t, pick) => replaceOne(t, / [A-Za-z]+="[^"]*"/g, pick, () => ''),
  (t, pick) => replaceOne(t, / ([A-Za-z]+)="[^"]*"/g, pick, (m) => ` ${m[1]}="${pick(VALUES)}"`),
  (t, pick) => replaceOne(t, /<\/[A-Za-z]+>/g, pick, (m) => m[0] + pick(['<!--c-->', '<zz a="1">t</zz>', '<?pi x?>', '<zz/>'])),
  (t, pick) => replaceOne(t, /<variable [^>]*>[^<]*<\/variable>/g, pick, (m) => pick(['', m[0] + m[0]])),
  (t, pick) => replaceOne(t, /type="SMS_[A-Za-z_]+"/g, pick, () => `type="${pick([...CLASSES, 'BDD_Foo', ''])}"`),
  (t, pick) =>
    replaceOne(t, /<defaultVarList>/g, pick, (m) => {
      const name = pick(VARIABLE_NAMES);
      return `${m[0]}<variable name="${name}" property="${pick([name, ...VARIABLE_NAMES])}">${pick(VALUES)}</variable>`;
    }),
  (t, pick) => replaceOne(t, />([^<>\s][^<>]*)</g, pick, (m) => `><![CDATA[${m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')}]]><`),
  (t, pick) => replaceOne(t, /<action>[^<]*<\/action>/g, pick, () => ''),
  (t, pick) => replaceOne(t, />([^<>]+)</g, pick, (m) => `>\n  ${m[1]}\r\n${pick(['', 'ß', '&#x1F600;'])}<`),
  (t, pick) =>
    replaceOne(t, /<condition>/g, pick, (m) =>
      m[0] +
      pick([
        '<operator type="not"></operator>',
        '<expression type="SMS_TaskSequence_FileConditionExpression"><variable name="Path">c:\\x</variable><variable name="Path">d:\\y</variable></expression>',
        '<expression><variable name="Operator">exists</variable><variable name="Variable">V</variable><variable name="Operands">o</variable></expression>',
      ]),
    ),
  (t, pick) => replaceOne(t, /<step [^>]*>/g, pick, (m) => m[0].replace(/ name="[^"]*"/, '')),
  (t, pick) => replaceOne(t, /<group [^>]*>/g, pick, (m) => m[0] + pick(['<step name="n"><action>cmd</action></step>', '<step type="SMS_TaskSequence_Group" name="g"><action>x</action><defaultVarList><variable name="E" property="E">1</variable></defaultVarList></step>'])),
  (t, pick) => replaceOne(t, /<variable /g, pick, () => `<variable ${pick(['foo="1" ', 'hidden="false" ', 'property="" '])}`),
  (t, pick) => replaceOne(t, /<\/defaultVarList>/g, pick, (m) => m[0] + '<defaultVarList><variable name="Z" property="Z">z</variable></defaultVarList>'),
  (t, pick) => {
    // A step moved elsewhere among the steps (one with no step or group inside).
    const steps = [...t.matchAll(/<step [^>]*>(?:(?!<step |<group |<\/group>)[\s\S])*?<\/step>/g)];
    if (steps.length < 2) return t;
    const moved = pick(steps);
    const before = pick(steps);
    if (moved.index === before.index) return t;
    const cut = t.slice(0, moved.index!) + t.slice(moved.index! + moved[0].length);
    const at = cut.indexOf(before[0]);
    return at < 0 ? t : cut.slice(0, at) + moved[0] + cut.slice(at);
  },
];

const json = (x: unknown): string => JSON.stringify(x);

test('law: a mutated corpus document is refused, or read alike both ways and written back as it was', () => {
  assert.ok(texts.length > 100);
  fc.assert(
    fc.property(fc.nat({ max: texts.length - 1 }), fc.array(fc.nat({ max: MUTATIONS.length - 1 }), { minLength: 1, maxLength: 3 }), fc.integer(), (doc, mutations, seed) => {
      const random = seededRandom(seed);
      const pick: Pick = (items) => items[Math.floor(random() * items.length)]!;
      const { file, text } = texts[doc]!;
      const input = mutations.reduce((t, m) => MUTATIONS[m]!(t, pick), text);
      const read = (keepTree: boolean): ReturnType<typeof readDocument> | TseqInputError => {
        try {
          return readDocument(input, { keepTree });
        } catch (e) {
          if (e instanceof TseqInputError) return e;
          throw e;
        }
      };
      const streamed = read(false);
      const kept = read(true);
      if (streamed instanceof TseqInputError || kept instanceof TseqInputError) {
        assert.ok(streamed instanceof TseqInputError && kept instanceof TseqInputError, `${file}: refused by one read mode only`);
        assert.equal(streamed.message, kept.message);
        return;
      }
      assert.equal(json(streamed.document), json(kept.document), `${file}: the two read modes disagree`);
      const written = writeDocumentText(streamed.document);
      assert.equal(writeDocumentText(kept.document), written, `${file}: the two read modes write differently`);
      assert.deepEqual(canonicalParts(written), canonicalParts(input), `${file}: written back differently`);
      const again = readDocument(written).document;
      assert.equal(json(again), json(streamed.document), `${file}: read back to another model`);
      assert.equal(writeDocumentText(again), written, `${file}: writing again changes the text`);
      validateDocument(streamed.document);
    }),
    { numRuns },
  );
});
