import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { STEP_CLASSES, arbStep, arbTaskSequence, everyClassSequence, readBackForm } from '../../test/arbitraries.js';
import { isGroup, walkSteps, type Condition, type ModelObject, type Operand, type TaskSequence } from '../model/node.js';
import { readDocument, writeDocumentBytes, writeDocumentText } from './index.js';

/**
 * Property-based round trip: for random sequences made in code (no provenance), reading what the
 * writer wrote gives the model back — in UTF-8 and in UTF-16 LE — and writing what was read gives the
 * same text again. "The model back" is `readBackForm(model)`: the model plus what ConfigMgr always
 * writes for a step made in code (description="", runIn and the other always-present attributes at
 * their class defaults, the <action> line); see test/arbitraries.ts.
 */

const numRuns = process.env['CI'] ? 60 : 200;

/** The model without provenance: what JSON keeps. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

function sequenceOfRead(input: string | Uint8Array): TaskSequence {
  const { document } = readDocument(input);
  assert.equal(document.__CLASS, 'SMS_TaskSequence');
  return document as TaskSequence;
}

test('write then read gives the model back (UTF-8)', () => {
  fc.assert(
    fc.property(arbTaskSequence, (seq) => {
      const back = sequenceOfRead(writeDocumentText(seq));
      assert.deepEqual(plain(back), plain(readBackForm(seq)));
    }),
    { numRuns },
  );
});

test('write then read gives the model back (UTF-16 LE with BOM)', () => {
  fc.assert(
    fc.property(arbTaskSequence, (seq) => {
      const bytes = writeDocumentBytes(seq, { encoding: 'utf-16le' });
      assert.deepEqual([bytes[0], bytes[1]], [0xff, 0xfe], 'a UTF-16 LE byte order mark');
      const read = readDocument(bytes);
      assert.equal(read.encoding, 'utf-16le');
      assert.deepEqual(plain(read.document), plain(readBackForm(seq)));
    }),
    { numRuns },
  );
});

test('write, read, write is a fixed point: the second text is the first', () => {
  fc.assert(
    fc.property(arbTaskSequence, (seq) => {
      const first = writeDocumentText(seq);
      const second = writeDocumentText(sequenceOfRead(first));
      assert.equal(second, first);
    }),
    { numRuns },
  );
});

test('one step of every step class, every property filled, round-trips', () => {
  const seq = everyClassSequence();
  const seen = new Set([...walkSteps(seq.Steps)].map((v) => v.step.__CLASS));
  for (const cls of STEP_CLASSES) assert.ok(seen.has(cls), `the sequence holds a ${cls} step`);

  const text = writeDocumentText(seq);
  const back = sequenceOfRead(text);
  assert.deepEqual(plain(back), plain(readBackForm(seq)));
  assert.equal(writeDocumentText(back), text, 'written again unchanged');
  assert.deepEqual(plain(sequenceOfRead(writeDocumentBytes(seq, { encoding: 'utf-16le' }))), plain(readBackForm(seq)), 'through UTF-16 LE too');
});

test('the step arbitrary reaches every step class', () => {
  const seen = new Set(fc.sample(arbStep, { numRuns: 1000, seed: 42 }).map((s) => s.__CLASS));
  const missing = STEP_CLASSES.filter((c) => !seen.has(c));
  assert.deepEqual(missing, []);
});

test('the sequence arbitrary reaches groups nested three deep and conditions six operators deep', () => {
  let groupDepth = 0;
  let conditionDepth = 0;
  const operandDepth = (o: Operand): number => {
    const inner = (o['Operands'] as readonly Operand[] | undefined) ?? [];
    return (o.__CLASS === 'SMS_TaskSequence_ConditionOperator' ? 1 : 0) + Math.max(0, ...inner.map(operandDepth));
  };
  for (const seq of fc.sample(arbTaskSequence, { numRuns: 150, seed: 7 })) {
    for (const v of walkSteps(seq.Steps)) {
      if (isGroup(v.step)) groupDepth = Math.max(groupDepth, v.depth + 1);
      const c = (v.step as ModelObject)['Condition'] as Condition | undefined;
      if (c) conditionDepth = Math.max(conditionDepth, ...c.Operands.map(operandDepth));
    }
  }
  assert.ok(groupDepth >= 3, `groups nest ${groupDepth} deep`);
  assert.ok(conditionDepth >= 6, `operators nest ${conditionDepth} deep`);
});

// ---- counterexamples the properties found, kept as plain tests ----

test('a step made in code writes the hidden variable beside its retryCount as exports do, and writes back the same', () => {
  const seq: TaskSequence = {
    __CLASS: 'SMS_TaskSequence',
    Steps: [{ __CLASS: 'SMS_TaskSequence_InstallUpdateAction', Name: 'Updates', Enabled: true, ContinueOnError: false }],
  };
  const first = writeDocumentText(seq);
  assert.match(first, /retryCount="2"/);
  assert.match(first, /<variable name="RetryCount" property="RetryCount" hidden="true">2<\/variable>/);
  assert.equal(writeDocumentText(sequenceOfRead(first)), first);
  // Read back without that variable (older exports), no empty <defaultVarList> appears.
  const older = first.replace(/\s*<defaultVarList>[\s\S]*<\/defaultVarList>/, '');
  assert.doesNotMatch(writeDocumentText(sequenceOfRead(older)), /defaultVarList/);
});

test('a custom action made in code gets the SMS_TaskSequence_Action defaults, not empty attributes', () => {
  const seq: TaskSequence = { __CLASS: 'SMS_TaskSequence', Steps: [{ __CLASS: 'Contoso_CustomAction', Name: 'Custom', Enabled: true, ContinueOnError: false, X_Scope: 'full' }] };
  assert.match(writeDocumentText(seq), /<step type="Contoso_CustomAction" name="Custom" description="" runIn="WinPEandFullOS" successCodeList="0" retryCount="0" runFromNet="false">/);
});
