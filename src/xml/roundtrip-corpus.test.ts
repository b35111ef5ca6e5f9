import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalParts } from '../../test/c14n.js';
import { corpusDocuments, readCorpusBytes } from '../../test/corpus.js';
import { readDocument, writeDocumentText } from './index.js';

const documents = corpusDocuments();

test('the corpus is there', () => {
  assert.ok(documents.length >= 150, `expected the corpus's 160 documents, found ${documents.length}`);
});

for (const entry of documents) {
  test(`round trip: ${entry.file}`, () => {
    const bytes = readCorpusBytes(entry);
    const first = readDocument(bytes, { file: entry.file });
    const written = writeDocumentText(first.document);
    const want = canonicalParts(bytes);
    const got = canonicalParts(written);
    assert.equal(got.length, want.length, 'same number of parts');
    for (let i = 0; i < want.length; i++) {
      if (got[i] !== want[i]) {
        const a = want[i]!, b = got[i]!;
        let at = 0;
        while (at < a.length && a[at] === b[at]) at++;
        assert.fail(`part ${i} differs at ${at}:\n  file: ${a.slice(Math.max(0, at - 200), at + 200)}\n  tseq: ${b.slice(Math.max(0, at - 200), at + 200)}`);
      }
    }
    const second = readDocument(written);
    assert.deepEqual(JSON.parse(JSON.stringify(second.document)), JSON.parse(JSON.stringify(first.document)), 'reading the output gives the same model');
    assert.equal(writeDocumentText(second.document), written, 'fmt of fmt output is the same text');
  });
}
