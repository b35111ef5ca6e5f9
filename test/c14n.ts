/**
 * A canonical form for comparing two task sequence documents in tests, matching what
 * ../shared/tools/canon.py checks: C14N with whitespace around text stripped, attributes sorted,
 * CDATA as text; for a WMI instance document, the sequence inside its Sequence property is
 * compared as XML of its own.
 */
import { attr, attributePairs, decodeXmlBytes, parseXmlTree, type XmlElement } from '../src/xml/index.js';

export function canonicalParts(input: Uint8Array | string): string[] {
  const text = typeof input === 'string' ? input : decodeXmlBytes(input).text;
  const doc = parseXmlTree(text);
  const parts: string[] = [];
  const inner: string[] = [];
  const walk = (el: XmlElement, inSequenceProperty: boolean): string => {
    const attrs = attributePairs(el).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    let s = `<${el.name}${attrs.map(([name, value]) => ` ${name}="${value}"`).join('')}>`;
    let textBuf = '';
    const flush = (): void => {
      const t = textBuf.trim();
      if (t) {
        if (inSequenceProperty && t.startsWith('<')) {
          inner.push(...canonicalParts(t));
          s += '(sequence)';
        } else s += t;
      }
      textBuf = '';
    };
    for (const c of el.children) {
      if (c.type === 'text' || c.type === 'cdata') textBuf += c.value;
      else if (c.type === 'element') {
        flush();
        const isSequenceValue = el.name === 'PROPERTY' && attr(el, 'NAME') === 'Sequence' && c.name === 'VALUE';
        s += walk(c, isSequenceValue);
      }
    }
    flush();
    return s + `</${el.name}>`;
  };
  parts.push(walk(doc.root, false));
  return [...parts, ...inner];
}
