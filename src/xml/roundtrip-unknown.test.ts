import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonicalParts } from '../../test/c14n.js';
import { corpusDocuments, readCorpusBytes } from '../../test/corpus.js';
import { decodeXmlBytes } from './decode.js';
import { readDocument, writeDocumentText } from './index.js';
import { validateDocument } from '../model/validate.js';

/**
 * Law: whatever a file holds that the model does not, writing it back loses nothing. Corpus
 * documents get nodes tseq does not model inserted after random tags (in values, in conditions, in
 * steps, anywhere): what tseq writes equals the input under C14N, reads back to the same model, and
 * writing that again gives the same text. This found stray elements inside `<variable>` and
 * `<action>` values, a second `<condition>` and comment-only elements being lost or changed.
 */

const numRuns = process.env['CI'] ? 80 : 300;

// Small documents (the larger ones add time, not cases); decoded once.
const texts = corpusDocuments()
  .filter((e) => e.bytes < 120_000)
  .map((e) => ({ file: e.file, text: decodeXmlBytes(readCorpusBytes(e)).text }));

const UNMODELLED = [
  '<!-- note -->',
  '<?pi data?>',
  '<![CDATA[<x> & y]]>',
  '<foo bar="1">t</foo>',
  '<x:ext xmlns:x="urn:x"><x:y/></x:ext>',
  '<condition><operator type="or"></operator></condition>',
  '<step name="n"><action>a</action></step>',
  '<group name="x"><group name="y"/></group>',
  '<variable name="A" property="B">1</variable>',
];

const arbCase = fc.record({
  doc: fc.nat({ max: texts.length - 1 }),
  inserts: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.constantFrom(...UNMODELLED)), { minLength: 1, maxLength: 4 }),
});

/** The text with each node inserted right after the first tag that ends at or past its position (inside the root). */
function withInserts(text: string, inserts: readonly (readonly [number, string])[]): string {
  let out = text;
  for (const [where, node] of inserts) {
    const rootStart = out.indexOf('<', out.search(/<[A-Za-z]/));
    const at = out.indexOf('>', Math.max(rootStart, Math.floor(where * out.length)));
    const rootEnd = out.lastIndexOf('</');
    if (at < 0 || at >= rootEnd) continue;
    // Only after a start tag or an end tag, never inside the XML declaration or a comment.
    const tagStart = out.lastIndexOf('<', at);
    if (out.startsWith('<?', tagStart) || out.startsWith('<!', tagStart)) continue;
    out = out.slice(0, at + 1) + node + out.slice(at + 1);
  }
  return out;
}

test('law: nodes the model does not hold survive a read and write, anywhere in a real document', () => {
  fc.assert(
    fc.property(arbCase, ({ doc, inserts }) => {
      const { file, text } = texts[doc]!;
      const input = withInserts(text, inserts);
      let first;
      try {
        first = readDocument(input, { file });
      } catch (e) {
        // An insertion can make a document tseq rightly refuses (a step where a sequence must be); never a crash.
        assert.ok((e as { code?: string }).code, `expected a TseqInputError, got ${String(e)}`);
        return;
      }
      const written = writeDocumentText(first.document);
      assert.deepEqual(canonicalParts(written), canonicalParts(input), `${file}: the written document differs from the input`);
      const second = readDocument(written);
      assert.deepEqual(JSON.parse(JSON.stringify(second.document)), JSON.parse(JSON.stringify(first.document)), `${file}: reading the output gives another model`);
      assert.equal(writeDocumentText(second.document), written, `${file}: writing again changes the text`);
    }),
    { numRuns },
  );
});

test('a custom step variable named like a property kept in an attribute stays in the file, not the model', () => {
  // Found by fuzzing: the variable overrode the attribute's value ("2" for 2), and writing dropped it.
  const xml =
    '<sequence version="3.10"><step type="Custom_Unknown" name="a" retryCount="2"><action>x</action><defaultVarList>' +
    '<variable name="RetryCount" property="RetryCount" hidden="true">7</variable><variable name="Other" property="Other">o</variable>' +
    '</defaultVarList></step></sequence>';
  const first = readDocument(xml).document;
  const step = (first as unknown as { Steps: Record<string, unknown>[] }).Steps[0]!;
  assert.equal(step['RetryCount'], 2, 'the attribute is the property');
  assert.equal(step['Other'], 'o');
  const written = writeDocumentText(first);
  assert.match(written, /<variable name="RetryCount" property="RetryCount" hidden="true">7<\/variable>/);
  assert.deepEqual(canonicalParts(written), canonicalParts(xml));
  assert.deepEqual(JSON.parse(JSON.stringify(readDocument(written).document)), JSON.parse(JSON.stringify(first)));
});

test('a step typed with a catalog class that is no step is a custom action, written back with one type', () => {
  // Found by fuzzing: read with the operator class's properties, its type attribute was also the
  // operator's OperatorType, and the step was written with two type attributes (not XML).
  const xml =
    '<sequence version="3.00"><step type="SMS_TaskSequence_OSExpressionGroup" name="a" runIn="WinPE"><action>x</action>' +
    '<defaultVarList><variable name="Name" property="Name">q</variable></defaultVarList></step></sequence>';
  const first = readDocument(xml).document;
  const step = (first as unknown as { Steps: Record<string, unknown>[] }).Steps[0]!;
  assert.equal(step['__CLASS'], 'SMS_TaskSequence_OSExpressionGroup');
  assert.equal(step['OperatorType'], undefined, 'the step has no operator properties');
  assert.equal(step['SupportedEnvironment'], 'WinPE', 'it has a step’s');
  const written = writeDocumentText(first);
  assert.equal(written.match(/ type="/g)?.length, 1, written);
  assert.deepEqual(canonicalParts(written), canonicalParts(xml));
  assert.deepEqual(JSON.parse(JSON.stringify(readDocument(written).document)), JSON.parse(JSON.stringify(first)));
  assert.deepEqual(
    validateDocument(first).filter((d) => d.code === 'TS001').map((d) => d.message),
    ['class SMS_TaskSequence_OSExpressionGroup is an operator class, not a step'],
  );
});

/** Reads, writes and reads again: the written document is the input's, the second model the first's, in both read modes. */
function assertLossless(xml: string, label: string): Record<string, unknown> {
  const first = readDocument(xml).document;
  const kept = readDocument(xml, { keepTree: true }).document;
  assert.deepEqual(JSON.parse(JSON.stringify(kept)), JSON.parse(JSON.stringify(first)), `${label}: both read modes give one model`);
  const written = writeDocumentText(first);
  assert.deepEqual(canonicalParts(written), canonicalParts(xml), `${label}: written back as it was\n${written}`);
  const second = readDocument(written).document;
  assert.deepEqual(JSON.parse(JSON.stringify(second)), JSON.parse(JSON.stringify(first)), `${label}: the same model again`);
  assert.equal(writeDocumentText(second), written, `${label}: writing again changes nothing`);
  return (first as unknown as { Steps: Record<string, unknown>[] }).Steps[0]!;
}

const seq = (inner: string): string => `<sequence version="3.10">${inner}</sequence>`;
const runCommandLine = (vars: string, attrs = ''): string =>
  seq(`<step type="SMS_TaskSequence_RunCommandLineAction" name="a"${attrs}><action>smsswd.exe /run: cmd</action><defaultVarList>${vars}</defaultVarList></step>`);
const expressionStep = (expression: string): string => seq(`<step type="SMS_TaskSequence_RunCommandLineAction" name="a"><condition>${expression}</condition><action>x</action></step>`);

test('what the model cannot hold twice is written back as it was, and read once (found by fuzzing)', () => {
  // A duplicated variable, and two spellings of one property: the first is read, the other kept.
  let step = assertLossless(
    runCommandLine('<variable name="CommandLine" property="CommandLine">first</variable><variable name="CommandLine" property="CommandLine">second</variable>'),
    'duplicate variable',
  );
  assert.equal(step['CommandLine'], 'first');
  step = assertLossless(runCommandLine('<variable name="X" property="CommandLine">one</variable><variable name="CommandLine">two</variable>'), 'two spellings');
  assert.equal(step['CommandLine'], 'one');
  step = assertLossless(
    runCommandLine('<variable name="OSDPartitions0Size" property="Partitions0Size">1</variable><variable name="OSDPartitions0Size" property="Partitions0Size">2</variable>').replace(
      'SMS_TaskSequence_RunCommandLineAction',
      'SMS_TaskSequence_PartitionDiskAction',
    ),
    'duplicate array field',
  );
  assert.deepEqual((step['Partitions'] as Record<string, unknown>[])[0]!['Size'], 1);
  // A duplicated expression variable, and expression variables the class keeps elsewhere.
  const expression = (vars: string, type = ' type="SMS_TaskSequence_VariableConditionExpression"'): string => expressionStep(`<expression${type}>${vars}</expression>`);
  step = assertLossless(
    expression('<variable name="Operator">equals</variable><variable name="Value">3</variable><variable name="Value">4</variable><variable name="Variable">V</variable>'),
    'duplicate expression variable',
  );
  assert.equal(((step['Condition'] as { Operands: Record<string, unknown>[] }).Operands[0]!)['Value'], '3');
  assertLossless(expression('<variable name="Query">select * from x</variable><variable name="IgnoreQueryFailure">true</variable><variable name="__CLASS">Other</variable>', ' type="SMS_TaskSequence_WMIConditionExpression"'), 'names kept elsewhere');
  // A variable named "0" is an object's first key, but keeps its place in the file.
  assertLossless(expression('<variable name="Variable">V</variable><variable name="0">notEquals</variable><variable name="Value">NO</variable>'), 'numeric name');
  // An <expression> without a type gains none.
  assertLossless(expression('<variable name="Operator">exists</variable><variable name="Variable">V</variable>', ''), 'untyped expression');
});

test('steps read from odd files are written back as they were (found by fuzzing)', () => {
  // An empty type is no type: an untyped step, its <action> the command line.
  let step = assertLossless(seq('<step type="" name="a"><action>cmd /c x</action></step>'), 'empty type');
  assert.equal(step['CommandLine'], 'cmd /c x');
  // An untyped step's CommandLine variable beside its <action>: the action is the command line.
  step = assertLossless(seq('<step name="a"><action>smsswd.exe /run: cmd</action><defaultVarList><variable name="CommandLine" property="CommandLine" hidden="true">cmd</variable></defaultVarList></step>'), 'untyped with variable');
  assert.equal(step['CommandLine'], 'smsswd.exe /run: cmd');
  // RetryCount in its variable alone, without the retryCount attribute current exports write beside it.
  step = assertLossless(
    seq('<step type="SMS_TaskSequence_InstallApplicationAction" name="a"><action>x</action><defaultVarList><variable name="RetryCount" property="RetryCount" hidden="true">2</variable></defaultVarList></step>'),
    'RetryCount variable alone',
  );
  assert.equal(step['RetryCount'], 2);
  // An array read without its count variable gains none.
  assertLossless(
    seq('<step type="SMS_TaskSequence_PartitionDiskAction" name="a"><action>x</action><defaultVarList><variable name="OSDPartitions0Size" property="Partitions0Size">100</variable></defaultVarList></step>'),
    'array without count',
  );
  // A second <defaultVarList> is not read, as a second <condition> or <action> is not: it stays.
  step = assertLossless(
    seq('<step type="SMS_TaskSequence_RunCommandLineAction" name="a"><action>x</action><defaultVarList><variable name="CommandLine" property="CommandLine">x</variable></defaultVarList><defaultVarList><variable name="Z" property="Z">z</variable></defaultVarList></step>'),
    'second defaultVarList',
  );
  assert.equal(step['Z'], undefined);
  // The attribute is the property when its mirror variable disagrees; the variable stays as it was.
  step = assertLossless(
    seq('<step type="SMS_TaskSequence_InstallApplicationAction" name="a" retryCount="2"><action>x</action><defaultVarList><variable name="RetryCount" property="RetryCount" hidden="true">5</variable></defaultVarList></step>'),
    'attribute and variable disagree',
  );
  assert.equal(step['RetryCount'], 2);
  // Variables named like what the model holds otherwise are not read into it.
  step = assertLossless(
    seq('<step type="Custom_Step" name="a"><defaultVarList><variable name="Condition" property="Condition">c</variable><variable name="__CLASS">X</variable><variable name="Action">a</variable></defaultVarList><condition><expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">exists</variable><variable name="Variable">V</variable><variable name="Operands">o</variable></expression></condition></step>'),
    'reserved names',
  );
  assert.equal(step['__CLASS'], 'Custom_Step');
  assert.equal((step['Condition'] as { __CLASS: string }).__CLASS, 'SMS_TaskSequence_Condition');
  assert.equal(step['Action'], undefined);
  // A <step> of the group class keeps the variables read from it.
  step = assertLossless(
    seq('<step type="SMS_TaskSequence_Group" name="g"><action>x</action><defaultVarList><variable name="Extra" property="Extra">1</variable></defaultVarList></step>'),
    'step of the group class',
  );
  assert.equal(step['Extra'], '1');
});
