import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corpusDocuments, readCorpusBytes } from '../../test/corpus.js';
import { locationOf, readDocument, writeDocumentText } from '../xml/index.js';
import { lintDocument } from './lint.js';
import { LINT_RULES } from './rules/index.js';
import type { Finding } from './types.js';

/**
 * Lint runs on every real task sequence of the corpus without a crash, and what it reports there
 * was reviewed by hand (the pages in docs/rules say what each rule leaves alone and why). The
 * assertions below pin the review: the false positives found then stay fixed.
 */
const all: { file: string; findings: Finding[] }[] = [];

test('lint runs on every corpus document', () => {
  const entries = corpusDocuments();
  assert.ok(entries.length > 100, `only ${entries.length} corpus documents`);
  const ids = new Set(LINT_RULES.map((r) => r.id));
  for (const entry of entries) {
    const { document } = readDocument(readCorpusBytes(entry), { file: entry.file });
    const sequenceBytes = Buffer.byteLength(writeDocumentText(document, { extract: true }), 'utf8');
    const findings = lintDocument(document, { locate: locationOf, sequenceBytes });
    for (const f of findings) {
      assert.ok(ids.has(f.rule), `${entry.file}: unknown rule ${f.rule}`);
      assert.ok(f.line !== undefined && f.line >= 1 && f.column !== undefined && f.column >= 1, `${entry.file}: ${f.rule} without a place`);
      assert.ok(f.hint, `${entry.file}: ${f.rule} without a hint`);
    }
    all.push({ file: entry.file, findings });
  }
});

function count(rule: string, file?: RegExp): number {
  return all.filter((a) => !file || file.test(a.file)).reduce((n, a) => n + a.findings.filter((f) => f.rule === rule).length, 0);
}

test('reviewed: no false positives that the review fixed', () => {
  // 2Pint's published toolkit sets "2PintTurboLicense": ConfigMgr saved it, so it is not refused.
  assert.equal(count('invalid-variable-name'), 0);
  // DRIVERS01 is set by Download Package Content through OSDDownloadDestinationVariable in a rule.
  assert.equal(count('undefined-variable', /gwblok-module-supported-models/), 0);
  // MDT sequences: Gather sets what they read.
  assert.equal(count('undefined-variable', /^mdt\//), 0);
  // The console writes Apply Operating System's edition index; that is not a use of a deprecated variable.
  assert.equal(count('deprecated-class', /windows10-build-and-capture/), 0);
  // Nothing in the corpus is near 2 MB of sequence.
  assert.equal(count('sequence-size'), 0);
});

test('reviewed: the findings that are real stay found', () => {
  // Demo passwords typed into Set Task Sequence Variable steps and PowerShell parameters.
  assert.ok(count('cleartext-password', /deploymentartist-cm12-uefi-bitlocker-hta/) >= 4);
  assert.ok(count('cleartext-password', /deploymentresearch-module-modern-bios-management/) >= 4);
  // <operator type="or"/> with the expressions meant for it written beside it.
  assert.equal(count('condition-never-true', /deploymentresearch-module-modern-bios-management/), 1);
  // An in-place upgrade that restarts into WinPE and then installs an application.
  assert.equal(count('unreachable-environment', /microsoft-hub-ipu-citrix/), 1);
  // MDT's example sets the read-only _SMSTSOrgName with Set Task Sequence Variable.
  assert.equal(count('set-readonly-variable', /erikpt-mdtk-examples-003/), 1);
});
