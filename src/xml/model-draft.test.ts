import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { runWithNatives } from '../../test/v8-natives.js';
import { SOURCE, provenanceOf } from '../model/provenance.js';
import { ModelDraft, type MutableProvenance } from './model-draft.js';

const numRuns = process.env['CI'] ? 200 : 1000;

/** What a plain object gets from the same sets, in the same order. */
function plainObject(sets: readonly [string, unknown][]): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  for (const [k, v] of sets) Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
  return obj;
}

function provenance(): MutableProvenance {
  return { read: {}, node: 'source', line: 1, column: 2 };
}

test('law: a draft builds the object that setting the same properties on a plain object makes, keys in the same order', () => {
  const key = fc.oneof(fc.constantFrom('__CLASS', 'Name', 'Enabled', '__proto__', 'constructor', 'toString', ''), fc.string({ maxLength: 6 }));
  // Short lists, and lists long enough for a draft to find its properties through a map.
  const entry = fc.tuple(key, fc.oneof(fc.integer(), fc.string(), fc.boolean()));
  fc.assert(
    fc.property(fc.oneof(fc.array(entry, { maxLength: 30 }), fc.array(entry, { minLength: 60, maxLength: 160 })), (sets) => {
      const draft = ModelDraft.start();
      for (const [k, v] of sets) draft.set(k, v);
      for (const [k] of sets) assert.equal(draft.get(k), plainObject(sets)[k]);
      const p = provenance();
      const built = draft.build(p);
      const want = plainObject(sets);
      assert.equal(Object.getPrototypeOf(built), Object.prototype);
      assert.deepEqual(Object.keys(built), Object.keys(want));
      assert.deepEqual({ ...built }, { ...want, [SOURCE]: p });
      assert.equal(provenanceOf(built), p);
      assert.equal(p.read, built, 'the provenance says which object was read');
      assert.ok(Object.isFrozen(built));
    }),
    { numRuns },
  );
});

test('a draft back from the pool starts empty and keeps nothing of the object it built', () => {
  const first = ModelDraft.start();
  first.set('A', 1);
  first.set('B', { big: true });
  first.build(provenance());
  const again = ModelDraft.start();
  assert.equal(again.get('A'), undefined);
  again.set('C', 3);
  assert.deepEqual(Object.entries(again.build(provenance())), [['C', 3]]);
});

test('an object with more properties than a literal holds is still built, in order', () => {
  const draft = ModelDraft.start();
  const keys = Array.from({ length: 150 }, (_, i) => `P${i}`);
  keys.forEach((k, i) => draft.set(k, i));
  const p = provenance();
  const built = draft.build(p);
  assert.deepEqual(Object.keys(built), keys);
  assert.equal(built['P149'], 149);
  assert.equal(provenanceOf(built), p);
});

test('steps, conditions and operands read from a file are fast objects, not dictionaries', () => {
  // V8 turned objects filled under computed names into dictionaries past a dozen properties.
  const script = `
    const { readDocument } = await import(${JSON.stringify(new URL('./document.js', import.meta.url).href)});
    const isFast = new Function('o', 'return %HasFastProperties(o)');
    const variables = Array.from({ length: 15 }, (_, i) => '<variable name="V' + i + '" property="P' + i + '">x</variable>').join('');
    const step = '<step type="SMS_TaskSequence_RunCommandLineAction" name="a" description="" runIn="WinPEandFullOS" successCodeList="0 3010" retryCount="0" runFromNet="false"><condition><operator type="and"><expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">equals</variable><variable name="Value">1</variable><variable name="Variable">X</variable></expression></operator></condition><action>cmd</action><defaultVarList>' + variables + '<variable name="CommandLine" property="CommandLine">cmd /c exit 0</variable></defaultVarList></step>';
    const seq = readDocument('<sequence version="3.10">' + step + '</sequence>').document;
    const s = seq.Steps[0];
    console.log(JSON.stringify({ properties: Object.keys(s).length, step: isFast(s), condition: isFast(s.Condition), operator: isFast(s.Condition.Operands[0]), expression: isFast(s.Condition.Operands[0].Operands[0]) }));
  `;
  const r = runWithNatives(script) as Record<string, unknown>;
  assert.ok((r['properties'] as number) > 20, 'a step with more properties than V8 keeps fast when added by name');
  assert.deepEqual({ ...r, properties: 0 }, { properties: 0, step: true, condition: true, operator: true, expression: true });
});
