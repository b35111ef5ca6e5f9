import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corpusDocuments, readCorpusBytes } from '../../test/corpus.js';
import type { ModelObject } from '../model/node.js';
import { provenanceOf } from '../model/provenance.js';
import { decodeXmlBytes } from './decode.js';
import { locationOf, readDocument, writeDocumentText } from './document.js';
import { parseXmlTree } from './parse-tree.js';
import { MODEL_ELEMENTS, readSequence } from './read-model.js';
import { isLazySource } from './lazy-source.js';
import { firstChild, textContent } from './xml-tree.js';

// readDocument reads a sequence while it is parsed and keeps no tree (lazy-source.ts). These tests
// hold it to what reading the whole tree first gives: the same objects, at the same places.

/** Every model object below `obj`, in order, with the path to it. */
function objects(obj: unknown, path = '', out: [string, ModelObject][] = []): [string, ModelObject][] {
  if (Array.isArray(obj)) obj.forEach((o, i) => objects(o, `${path}[${i}]`, out));
  else if (obj && typeof obj === 'object') {
    const model = obj as ModelObject;
    if (typeof model.__CLASS === 'string' && provenanceOf(model)) out.push([path, model]);
    for (const [k, v] of Object.entries(model)) if (v && typeof v === 'object') objects(v, `${path}.${k}`, out);
  }
  return out;
}

/** The sequence as read from the whole tree (readSequence), for a bare sequence or an object.xml; model elements are never shared leaves, as readDocument parses them. */
function sequenceFromTree(bytes: Uint8Array): ModelObject | undefined {
  const xml = parseXmlTree(decodeXmlBytes(bytes).text, { unshared: MODEL_ELEMENTS });
  if (xml.root.name === 'sequence') return readSequence(xml.root);
  if (xml.root.name !== 'INSTANCE') return undefined;
  for (const p of xml.root.children) {
    if (p.type !== 'element' || p.name !== 'PROPERTY' || !p.attributes.includes('Sequence')) continue;
    const value = firstChild(p, 'VALUE');
    const cdata = value?.children[0]?.type === 'cdata';
    const origin = { line: value!.line, column: value!.column + (cdata ? '<VALUE><![CDATA['.length : '<VALUE>'.length) };
    return readSequence(parseXmlTree(textContent(value!), { origin, unshared: MODEL_ELEMENTS }).root);
  }
  return undefined;
}

function assertSameAsTree(bytes: Uint8Array, label: string): void {
  const streamed = readDocument(bytes).document;
  const sequence = (streamed.__CLASS === 'SMS_TaskSequencePackage' ? streamed['Sequence'] : streamed) as ModelObject;
  const fromTree = sequenceFromTree(bytes);
  if (!fromTree) return;
  assert.deepEqual(JSON.parse(JSON.stringify(sequence)), JSON.parse(JSON.stringify(fromTree)), `${label}: the same model`);
  const a = objects(sequence);
  const b = objects(fromTree);
  assert.deepEqual(a.map(([p]) => p), b.map(([p]) => p), `${label}: the same objects`);
  for (let i = 0; i < a.length; i++) {
    assert.deepEqual(locationOf(a[i]![1]), locationOf(b[i]![1]), `${label}: ${a[i]![0]} at the same place`);
  }
}

test('every corpus document reads as its whole tree reads, object for object and place for place', () => {
  const documents = corpusDocuments();
  assert.ok(documents.length >= 150);
  for (const entry of documents) assertSameAsTree(readCorpusBytes(entry), entry.file);
});

test('steps where steps are not read, and model elements written oddly, read as from the tree and round-trip', () => {
  const xml = [
    '<?xml version="1.0"?>',
    '<!-- before -->',
    '<sequence version="3.00">',
    '  <step type="X" name="a"><step name="not a step"/><group name="nor a group"><step name="n"/></group></step>',
    '  <group name="g"><condition><group name="in a condition"/><expression type="SMS_TaskSequence_VariableConditionExpression">x</expression></condition>',
    '    <step name="short">x</step><step/>',
    '    <group name="inner"><step name="deep"><action>cmd</action></step></group>',
    '  </group>',
    '  <subtasksequence name="s"/>',
    '</sequence>',
    '<!-- after -->',
  ].join('\n');
  const bytes = Buffer.from(xml);
  assertSameAsTree(bytes, 'odd');
  const written = writeDocumentText(readDocument(bytes).document);
  assert.match(written, /<!-- before -->/);
  assert.match(written, /<step name="not a step" \/>|<step name="not a step"\/>/);
  assert.match(written, /<step name="short">x/);
  assert.equal(writeDocumentText(readDocument(written).document), written);
  // An untyped step with no <action> gains none (it would read back with a CommandLine of '').
  assert.deepEqual(JSON.parse(JSON.stringify(readDocument(written).document)), JSON.parse(JSON.stringify(readDocument(bytes).document)));
});

test('a read keeps the text, not a tree; the first write parses it', () => {
  const xml = '<sequence version="3.00"><step type="SMS_TaskSequence_RunCommandLineAction" name="a"><action>cmd</action><unknown keep="me"/></step></sequence>';
  const doc = readDocument(xml).document;
  const source = provenanceOf(doc)?.node;
  assert.ok(isLazySource(source));
  assert.equal(source.parsed, undefined, 'no tree after a read');
  assert.match(writeDocumentText(doc), /<unknown keep="me" \/>/);
  assert.ok(source.parsed, 'the tree once written');
});

test('keepTree reads once and keeps the tree; model and written text are the same either way, on every corpus document', () => {
  for (const entry of corpusDocuments()) {
    const bytes = readCorpusBytes(entry);
    const kept = readDocument(bytes, { keepTree: true }).document;
    const streamed = readDocument(bytes).document;
    const source = provenanceOf(kept.__CLASS === 'SMS_TaskSequencePackage' ? (kept['Sequence'] as ModelObject) : kept)?.node;
    // A 2007 export is always read from its tree, and its objects hold their elements.
    assert.ok(isLazySource(source) ? source.parsed : (source as { type?: string }).type === 'element', `${entry.file}: the tree is kept`);
    assert.deepEqual(JSON.parse(JSON.stringify(kept)), JSON.parse(JSON.stringify(streamed)), `${entry.file}: the same model`);
    assert.equal(writeDocumentText(kept), writeDocumentText(streamed), `${entry.file}: the same text`);
  }
});

test('variables named __proto__, as a property or as an array field, are properties and round-trip', () => {
  const xml =
    '<sequence version="3.10"><step type="SMS_TaskSequence_PartitionDiskAction" name="p"><defaultVarList>' +
    '<variable name="__proto__" property="__proto__">x</variable>' +
    '<variable name="OSDPartitions" property="Partitions">1</variable>' +
    '<variable name="OSDPartitions0__proto__" property="Partitions0__proto__">y</variable>' +
    '</defaultVarList></step></sequence>';
  const doc = readDocument(xml).document;
  const step = (doc as unknown as { Steps: ModelObject[] }).Steps[0]!;
  assert.equal(Object.getPrototypeOf(step), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(step, '__proto__')?.value, 'x');
  const partition = (step['Partitions'] as object[])[0]!;
  assert.equal(Object.getPrototypeOf(partition), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(partition, '__proto__')?.value, 'y');
  const written = writeDocumentText(doc);
  assert.match(written, /property="__proto__">x</);
  assert.match(written, />y</);
});
