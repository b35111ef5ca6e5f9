import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import fc from 'fast-check';
import { runWithNatives } from '../../test/v8-natives.js';
import { parseXmlTree } from './parse-tree.js';
import { serializeElement } from './serialize.js';
import { attr, attributePairs, childElements, type XmlElement, type XmlNode } from './xml-tree.js';

/**
 * The raw tree reader: what it keeps (attributes in order, positions, text) and how it keeps it
 * small (shared attribute-less leaves, flat attributes), with a fast-check law that what the
 * serializer writes parses back to the same tree.
 */

const numRuns = process.env['CI'] ? 150 : 500;

test("the reader's saxes parser is still a fast object when it parses (not a dictionary: 3 to 5 times slower)", () => {
  // V8 answers this only with --allow-natives-syntax, so ask a child process. It checks the parser at
  // its first write, after every handler is registered.
  const saxes = createRequire(import.meta.url).resolve('saxes');
  const script = `
    import { createRequire } from 'node:module';
    const { SaxesParser } = createRequire(import.meta.url)(${JSON.stringify(saxes)});
    const { parseXmlTree } = await import(${JSON.stringify(new URL('./parse-tree.js', import.meta.url).href)});
    const isFast = new Function('o', 'return %HasFastProperties(o)');
    const write = SaxesParser.prototype.write;
    let fast;
    SaxesParser.prototype.write = function (chunk) { fast ??= isFast(this); return write.call(this, chunk); };
    parseXmlTree('<sequence><step name="a"><!--c--><![CDATA[x]]><?pi y?></step></sequence>');
    console.log(JSON.stringify({ fast }));`;
  assert.deepEqual(runWithNatives(script), { fast: true });
});

test('attributes are kept flat, in document order, with their values', () => {
  const doc = parseXmlTree('<step type="X" name="A &amp; B" disable="true"><action>cmd</action></step>');
  assert.deepEqual(doc.root.attributes, ['type', 'X', 'name', 'A & B', 'disable', 'true']);
  assert.deepEqual(attributePairs(doc.root), [
    ['type', 'X'],
    ['name', 'A & B'],
    ['disable', 'true'],
  ]);
  assert.equal(attr(doc.root, 'name'), 'A & B');
  assert.equal(attr(doc.root, 'missing'), undefined);
});

test('attribute-less leaves with the same short text are one shared, frozen node; others are not', () => {
  const doc = parseXmlTree('<VALUE.ARRAY>\r\n  <VALUE>0</VALUE>\r\n  <VALUE>0</VALUE>\r\n  <VALUE>255</VALUE>\r\n  <VALUE></VALUE>\r\n  <VALUE></VALUE>\r\n</VALUE.ARRAY>');
  const [a, b, c, d, e] = childElements(doc.root);
  assert.equal(a, b);
  assert.notEqual(a, c);
  // Empty leaves are rare and may be model objects (an empty <condition>): each keeps its node.
  assert.notEqual(d, e);
  assert.equal(d!.line, 5);
  assert.ok(Object.isFrozen(a));
  assert.deepEqual(a!.children, [{ type: 'text', value: '0' }]);
  assert.deepEqual(c!.children, [{ type: 'text', value: '255' }]);
  assert.deepEqual(d!.children, []);
  // A shared leaf has no position of its own.
  assert.equal(a!.line, 0);
});

test('leaves with attributes and the same short value are shared too; blank or empty elements never are', () => {
  const text = '<sequence>\n<step name="a"><defaultVarList><variable name="RunAsUser" property="RunAsUser">false</variable></defaultVarList></step>\n<step name="b"><defaultVarList><variable name="RunAsUser" property="RunAsUser">false</variable><variable property="RunAsUser" name="RunAsUser">false</variable></defaultVarList></step>\n<group name="g">\n  </group>\n<group name="g">\n  </group>\n<group name="h"></group></sequence>';
  const [a, b, g1, g2, h] = childElements(parseXmlTree(text).root);
  const [va] = childElements(childElements(a!)[0]!);
  const [vb, reordered] = childElements(childElements(b!)[0]!);
  assert.equal(va, vb);
  assert.ok(Object.isFrozen(va));
  // Another attribute order is another element (attribute order is kept).
  assert.notEqual(va, reordered);
  assert.deepEqual(reordered!.attributes, ['property', 'RunAsUser', 'name', 'RunAsUser']);
  // Empty groups, laid out with whitespace or not, are model objects: each keeps its node and position.
  assert.notEqual(g1, g2);
  assert.deepEqual([g1!.line, g2!.line, h!.line], [4, 6, 8]);
});

test('elements with attributes, children or long text keep their own node and position', () => {
  const text = '<sequence version="3.00">\n  <step name="A">\n    <action>cmd.exe /c echo a long command line</action>\n  </step>\n  <condition>\n    <expression type="E"/>\n  </condition>\n</sequence>';
  const doc = parseXmlTree(text);
  const [step, condition] = childElements(doc.root);
  assert.deepEqual([doc.root.line, doc.root.column], [1, 1]);
  assert.deepEqual([step!.line, step!.column], [2, 3]);
  const action = childElements(step!)[0]!;
  assert.deepEqual([action.line, action.column], [3, 5]);
  assert.deepEqual([condition!.line, condition!.column], [5, 3]);
  assert.deepEqual([childElements(condition!)[0]!.line, childElements(condition!)[0]!.column], [6, 5]);
});

test('positions inside an embedded document are offset by its origin', () => {
  const doc = parseXmlTree('<sequence>\n<group name="g"/></sequence>', { origin: { line: 10, column: 20 } });
  assert.deepEqual([doc.root.line, doc.root.column], [10, 20]);
  const group = childElements(doc.root)[0]!;
  assert.deepEqual([group.line, group.column], [11, 1]);
});

test('a leaf that turns out to hold more than one short text becomes a real element, in order', () => {
  const doc = parseXmlTree('<r><v>a<!--c-->b</v><v><![CDATA[x]]></v><v>a<w/></v><v>  <w/></v></r>');
  const [v1, v2, v3, v4] = childElements(doc.root);
  assert.deepEqual(v1!.children, [
    { type: 'text', value: 'a' },
    { type: 'comment', value: 'c' },
    { type: 'text', value: 'b' },
  ]);
  assert.deepEqual(v2!.children, [{ type: 'cdata', value: 'x' }]);
  assert.equal(v3!.children.length, 2);
  assert.equal((v3!.children[1] as XmlElement).name, 'w');
  // Whitespace before a first child element is layout.
  assert.equal(v4!.children.length, 1);
  assert.equal(v4!.line, 1);
});

test('whitespace: layout beside elements is dropped, a blank value alone in a leaf is kept, other spaces are text', () => {
  const doc = parseXmlTree('<r>\r\n\t<v>   </v>\n  <w>\u00a0</w>\u00a0<x/></r>');
  const [v, w] = childElements(doc.root);
  assert.deepEqual(v!.children, [{ type: 'text', value: '   ' }]);
  assert.deepEqual(w!.children, [{ type: 'text', value: '\u00a0' }]);
  // A no-break space is not XML white space: it is content, kept where it stands.
  assert.deepEqual(
    doc.root.children.map((c) => c.type),
    ['element', 'element', 'text', 'element'],
  );
});

// ---------------------------------------------------------------------------------------------
// Law: serialize then parse gives the same tree (positions aside). Generated trees are ones that
// the serializer can write without a layout choice (see normalise; generated text is never blank).

const arbName = fc.constantFrom('VALUE', 'step', 'a', 'variable', 'x.y', 'ns:e');
const arbText = fc.string({ unit: fc.constantFrom('a', '0', ' ', '<', '&', '>', ']', '"', '\u00e9', '\u4e2d', '\t'), minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '');
const arbAttributes = fc.uniqueArray(fc.tuple(fc.constantFrom('name', 'type', 'value', 'b'), fc.string({ unit: fc.constantFrom('a', '1', ' ', '"', '<', '&', '\n', '\t'), maxLength: 8 })), { selector: ([n]) => n, maxLength: 3 });

const arbTree: fc.Arbitrary<XmlElement> = fc.letrec<{ element: XmlElement; node: XmlNode }>((tie) => ({
  element: fc
    .tuple(arbName, arbAttributes, fc.array(tie('node'), { maxLength: 4, depthIdentifier: 'tree' }))
    .map(([name, attrs, children]): XmlElement => ({ type: 'element', name, attributes: attrs.flat(), children: normalise(children), line: 0, column: 0 })),
  // At the depth limit, oneof takes its first arbitrary: a text.
  node: fc.oneof(
    { maxDepth: 5, depthIdentifier: 'tree', withCrossShrink: true },
    arbText.map((value): XmlNode => ({ type: 'text', value })),
    tie('element'),
    tie('element'),
    fc.string({ unit: fc.constantFrom('a', ' ', '<', '&'), maxLength: 6 }).map((value): XmlNode => ({ type: 'cdata', value })),
    fc.constantFrom('note', ' c ').map((value): XmlNode => ({ type: 'comment', value })),
  ),
})).element;

/** No two adjacent texts (they read back as one). */
function normalise(children: readonly XmlNode[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const c of children) if (!(c.type === 'text' && out[out.length - 1]?.type === 'text')) out.push(c);
  return out;
}

/** The tree without positions, for comparison. */
function shape(node: XmlNode): unknown {
  if (node.type !== 'element') return node;
  return { name: node.name, attributes: node.attributes, children: node.children.map(shape) };
}

test('law: what the serializer writes parses back to the same tree', () => {
  fc.assert(
    fc.property(arbTree, (tree) => {
      const back = parseXmlTree(serializeElement(tree)).root;
      assert.deepEqual(shape(back), shape(tree));
    }),
    { numRuns },
  );
});

test('law: equal leaves holding one short value read as one node, every other element as its own', () => {
  fc.assert(
    fc.property(arbTree, (tree) => {
      const seen = new Map<string, XmlElement>();
      const own = new Set<XmlElement>();
      const walk = (el: XmlElement): void => {
        for (const c of el.children) {
          if (c.type !== 'element') continue;
          const only = c.children[0];
          const value = c.children.length === 1 && only!.type === 'text' ? only!.value : undefined;
          if (value !== undefined && value.length <= 12 && value.trim() !== '') {
            const key = JSON.stringify([c.name, c.attributes, value]);
            const first = seen.get(key);
            if (first) assert.equal(c, first);
            else seen.set(key, c);
          } else {
            assert.ok(!own.has(c));
            own.add(c);
            assert.ok(c.line > 0);
          }
          walk(c);
        }
      };
      walk(parseXmlTree(serializeElement(tree)).root);
    }),
    { numRuns },
  );
});
