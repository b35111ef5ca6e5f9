/**
 * The catalog is consistent with itself and covers every defaultVarList entry the real corpus shows
 * (corpus/OBSERVED.tsv, REFERENCE.md §10).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClassDef, PropertyDef } from '../class-def.js';
import { corpusDir } from '../../../test/corpus.js';
import { ALL_CLASSES } from './index.js';
import { propertiesOf as catalogPropertiesOf, variableOf as catalogVariableOf } from '../catalog.js';

const all = ALL_CLASSES;
const byName = new Map(all.map((c) => [c.name, c]));

/** Own and inherited properties by name (the catalog's lookup). */
function propertiesOf(cls: ClassDef): Map<string, PropertyDef> {
  return new Map(catalogPropertiesOf(cls.name).map((p) => [p.name, p]));
}

/** The variable a property is written as in a defaultVarList, if any. */
function variableOf(p: PropertyDef): string | undefined {
  return catalogVariableOf(p)?.name;
}

interface ObservedRow {
  readonly cls: string;
  readonly variable: string;
  readonly property: string;
}

function observedRows(): ObservedRow[] {
  const lines = readFileSync(join(corpusDir(), 'OBSERVED.tsv'), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]!.split('\t');
  const col = (name: string): number => {
    const i = header.indexOf(name);
    assert.ok(i >= 0, `OBSERVED.tsv has no ${name} column`);
    return i;
  };
  const [c, v, p] = [col('class'), col('variable'), col('property')];
  return lines.slice(1).map((line) => {
    const f = line.split('\t');
    return { cls: f[c]!, variable: f[v]!, property: f[p]! };
  });
}

test('class names are unique', () => {
  const seen = new Set<string>();
  for (const c of all) {
    assert.ok(!seen.has(c.name), `duplicate class ${c.name}`);
    seen.add(c.name);
  }
});

test('every parent and every embedded class exists', () => {
  for (const c of all) {
    if (c.parent !== null) assert.ok(byName.has(c.parent), `${c.name}: parent ${c.parent} is not in the catalog`);
    for (const p of c.properties) {
      if (p.embedded !== undefined) assert.ok(byName.has(p.embedded), `${c.name}.${p.name}: embedded ${p.embedded} is not in the catalog`);
    }
  }
});

test('property names are unique within a class', () => {
  for (const c of all) {
    const seen = new Set<string>();
    for (const p of c.properties) {
      assert.ok(!seen.has(p.name), `${c.name}: duplicate property ${p.name}`);
      seen.add(p.name);
    }
  }
});

test('every concrete step class has a display name and a command line', () => {
  for (const c of all) {
    if (c.abstract === true || (c.role !== 'action' && c.role !== 'pointer')) continue;
    assert.ok(c.displayName, `${c.name}: no displayName`);
    assert.ok(c.commandLine, `${c.name}: no commandLine`);
  }
});

test('defaults lie inside the allowed values', () => {
  for (const c of all) {
    for (const p of c.properties) {
      if (p.allowed === undefined || p.default === undefined) continue;
      const allowed = p.allowed.map((a) => a.toLowerCase());
      assert.ok(allowed.includes(String(p.default).toLowerCase()), `${c.name}.${p.name}: default ${String(p.default)} not in [${p.allowed.join(', ')}]`);
    }
  }
});

test('secret and quasi-secret properties are strings', () => {
  for (const c of all) {
    for (const p of c.properties) {
      if (p.secret !== undefined) assert.equal(p.type, 'string', `${c.name}.${p.name} is ${p.secret} but ${p.type}`);
    }
  }
});

test('every step class of OBSERVED.tsv is in the catalog', () => {
  const missing = new Set(observedRows().filter((r) => r.cls !== '(untyped)' && !byName.has(r.cls)).map((r) => r.cls));
  assert.deepEqual([...missing], []);
});

test('every (variable, property) of OBSERVED.tsv is a catalog property', () => {
  const problems: string[] = [];
  for (const row of observedRows()) {
    const cls = byName.get(row.cls);
    if (cls === undefined) continue; // (untyped) and anything reported by the test above
    const props = propertiesOf(cls);
    const direct = props.get(row.property);
    if (direct !== undefined) {
      // The variable must be the one the catalog writes, or an alternative its description names.
      const variable = variableOf(direct);
      if (variable !== row.variable && !(direct.description ?? '').includes(row.variable)) {
        problems.push(`${row.cls}.${row.property}: observed variable ${row.variable}, catalog ${variable ?? '(none)'}`);
      }
      continue;
    }
    // An indexed field of an embedded-object array: <Prop><index><Field>, variable <counter><index><Field>.
    let placed = false;
    for (const p of props.values()) {
      if (p.array !== true || p.embedded === undefined || !row.property.startsWith(p.name)) continue;
      const m = /^(\d+)(.+)$/.exec(row.property.slice(p.name.length));
      if (m === null) continue;
      const embedded = byName.get(p.embedded);
      if (embedded === undefined || !propertiesOf(embedded).has(m[2]!)) continue;
      const counter = variableOf(p);
      if (counter === undefined || row.variable !== `${counter}${m[1]!}${m[2]!}`) {
        problems.push(`${row.cls}.${row.property}: observed variable ${row.variable}, catalog counter ${counter ?? '(none)'}`);
      }
      placed = true;
      break;
    }
    if (!placed) problems.push(`${row.cls}: property ${row.property} (variable ${row.variable}) is not in the catalog`);
  }
  assert.deepEqual(problems, []);
});
