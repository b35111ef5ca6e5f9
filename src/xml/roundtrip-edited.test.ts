import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { corpusDocuments, readCorpusBytes } from '../../test/corpus.js';
import type { Step } from '../model/node.js';
import { readDocument, writeDocumentText } from './index.js';

/**
 * Law: a sequence read from a file and then edited the way an editor edits it (copies of the read
 * objects with a property changed, steps removed, moved or added, conditions replaced or removed)
 * is written so that reading it back gives the edited model, and writing that again gives the same
 * text. What was read keeps its file's spellings and unknown nodes (roundtrip-unknown.test.ts);
 * this holds the writer to the edits. A built-in step's `<action>` line is made again from its
 * properties when they change, as ConfigMgr does, so `Action` is left out of the comparison.
 */

const numRuns = process.env['CI'] ? 300 : 800;

const documents = corpusDocuments().filter((e) => e.bytes < 200_000);

interface Container {
  readonly Steps: readonly Step[];
}
type Edit = (container: Container, pick: () => number) => Container;

const TEXTS = ['x', 'a "quoted" & <b>', '', '  spaced  ', 'ünï 😀', 'line\nbreak', '%VAR%'];
const nth = <T>(items: readonly T[], r: number): T => items[Math.floor(r * items.length)]!;

/** The container with its i-th step replaced by what `edit` makes of it. */
function withStep(c: Container, i: number, edit: (s: Step) => Step): Container {
  const steps = [...c.Steps];
  steps[i] = edit(steps[i]!);
  return { ...c, Steps: steps };
}

const EDITS: readonly Edit[] = [
  (c, r) => (c.Steps.length ? withStep(c, Math.floor(r() * c.Steps.length), (s) => ({ ...s, [r() < 0.5 ? 'Name' : 'Description']: nth(TEXTS, r()) })) : c),
  (c, r) =>
    c.Steps.length
      ? withStep(c, Math.floor(r() * c.Steps.length), (s) => {
          const key = r() < 0.5 ? 'Enabled' : 'ContinueOnError';
          return { ...s, [key]: !s[key] };
        })
      : c,
  (c, r) => ({ ...c, Steps: c.Steps.filter((_, i) => i !== Math.floor(r() * c.Steps.length)) }),
  (c, r) => {
    if (c.Steps.length < 2) return c;
    const steps = [...c.Steps];
    const [moved] = steps.splice(Math.floor(r() * steps.length), 1);
    steps.splice(Math.floor(r() * (steps.length + 1)), 0, moved!);
    return { ...c, Steps: steps };
  },
  (c, r) => {
    const steps = [...c.Steps];
    const added = { __CLASS: 'SMS_TaskSequence_RunCommandLineAction', Name: `new ${nth(TEXTS, r())}`, CommandLine: nth(TEXTS, r()) || 'cmd', Enabled: true, ContinueOnError: false } as Step;
    steps.splice(Math.floor(r() * (steps.length + 1)), 0, added);
    return { ...c, Steps: steps };
  },
  (c, r) => {
    const i = c.Steps.findIndex((s) => s['CommandLine'] !== undefined);
    return i < 0 ? c : withStep(c, i, (s) => ({ ...s, CommandLine: nth(TEXTS, r()) || 'c' }));
  },
  (c, r) => {
    const i = c.Steps.findIndex((s) => s.Condition !== undefined);
    if (i < 0) return c;
    return withStep(c, i, (s) => {
      if (r() < 0.5) {
        const { Condition: _removed, ...rest } = s;
        return rest as Step;
      }
      const expression = { __CLASS: 'SMS_TaskSequence_VariableConditionExpression', Operator: 'equals', Value: nth(TEXTS, r()), Variable: 'V' };
      return { ...s, Condition: { __CLASS: 'SMS_TaskSequence_Condition', Operands: [expression] } } as Step;
    });
  },
];

/** The paths of the sequence and of every group in it. */
function containerPaths(c: Container, path: number[] = [], out: number[][] = []): number[][] {
  out.push(path);
  c.Steps.forEach((s, i) => {
    if (s.__CLASS === 'SMS_TaskSequence_Group') containerPaths(s as unknown as Container, [...path, i], out);
  });
  return out;
}

function editAt(c: Container, path: readonly number[], edit: (c: Container) => Container): Container {
  if (path.length === 0) return edit(c);
  return withStep(c, path[0]!, (s) => editAt(s as unknown as Container, path.slice(1), edit) as unknown as Step);
}

/** Every value of `want` is in `got` at the same place (objects made in code gain defaults when written); Action aside. */
function assertCovers(got: unknown, want: unknown, path: string): void {
  if (Array.isArray(want)) {
    assert.ok(Array.isArray(got) && got.length === want.length, `${path}: ${JSON.stringify(got)?.slice(0, 200)} holds ${want.length} items`);
    want.forEach((w, i) => assertCovers(got[i], w, `${path}[${i}]`));
  } else if (want && typeof want === 'object') {
    assert.ok(got && typeof got === 'object', `${path}: not an object`);
    for (const [k, w] of Object.entries(want)) if (k !== 'Action') assertCovers((got as Record<string, unknown>)[k], w, `${path}.${k}`);
  } else assert.equal(got, want, path);
}

test('law: an edited read sequence is written so that it reads back as edited', () => {
  assert.ok(documents.length > 100);
  fc.assert(
    fc.property(
      fc.nat({ max: documents.length - 1 }),
      fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.nat({ max: EDITS.length - 1 })), { minLength: 1, maxLength: 3 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 8, maxLength: 8 }),
      (doc, edits, draws) => {
        let at = 0;
        const r = (): number => draws[at++ % draws.length]!;
        const entry = documents[doc]!;
        const read = readDocument(readCorpusBytes(entry)).document as unknown as Record<string, unknown>;
        const isPackage = read['__CLASS'] === 'SMS_TaskSequencePackage';
        let sequence = (isPackage ? read['Sequence'] : read) as Container;
        for (const [where, which] of edits) sequence = editAt(sequence, nth(containerPaths(sequence), where), (c) => EDITS[which]!(c, r));
        const edited = isPackage ? { ...read, Sequence: sequence } : sequence;
        const written = writeDocumentText(edited as never);
        const back = readDocument(written).document;
        assertCovers(JSON.parse(JSON.stringify(back)), JSON.parse(JSON.stringify(edited)), entry.file);
        assert.equal(writeDocumentText(back), written, `${entry.file}: writing again changes the text`);
      },
    ),
    { numRuns },
  );
});
