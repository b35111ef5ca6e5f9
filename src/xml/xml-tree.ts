/**
 * The raw XML tree tseq reads into and writes from. It keeps everything a file holds that matters
 * to a reader (attribute order, comments, CDATA, processing instructions, text) so that what the
 * catalog does not know is written back in place (ARCHITECTURE.md: a file read and written back
 * loses nothing). Whitespace-only text between elements is layout and is dropped on read.
 */
export interface XmlElement {
  readonly type: 'element';
  readonly name: string;
  /**
   * Attribute names and values in document order, flattened: [name, value, name, value, …]. One
   * array of strings per element instead of an object per attribute: a large sequence has hundreds
   * of thousands of attributes, and this halves what they hold (bench/xml.ts).
   */
  readonly attributes: readonly string[];
  readonly children: readonly XmlNode[];
  /** 1-based position of the `<` that opens the element; 0 for elements built in memory. */
  readonly line: number;
  readonly column: number;
}

export interface XmlText {
  readonly type: 'text';
  readonly value: string;
}

export interface XmlCData {
  readonly type: 'cdata';
  readonly value: string;
}

export interface XmlComment {
  readonly type: 'comment';
  readonly value: string;
}

export interface XmlProcessingInstruction {
  readonly type: 'pi';
  readonly target: string;
  readonly body: string;
}

export type XmlNode = XmlElement | XmlText | XmlCData | XmlComment | XmlProcessingInstruction;

export interface XmlDeclaration {
  readonly version: string;
  readonly encoding?: string;
  readonly standalone?: string;
}

export interface XmlDocument {
  readonly declaration?: XmlDeclaration;
  /** Comments and processing instructions before the root element. */
  readonly prolog: readonly XmlNode[];
  readonly root: XmlElement;
  /** Comments and processing instructions after the root element. */
  readonly epilog: readonly XmlNode[];
}

export function element(name: string, attributes: readonly string[] = [], children: readonly XmlNode[] = []): XmlElement {
  return { type: 'element', name, attributes, children, line: 0, column: 0 };
}

export function text(value: string): XmlText {
  return { type: 'text', value };
}

export function attr(el: XmlElement, name: string): string | undefined {
  const list = el.attributes;
  for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1];
  return undefined;
}

/** The attributes as [name, value] pairs, in document order. */
export function attributePairs(el: XmlElement): [string, string][] {
  const list = el.attributes;
  const out: [string, string][] = [];
  for (let i = 0; i < list.length; i += 2) out.push([list[i]!, list[i + 1]!]);
  return out;
}

/** Child elements, in order. */
export function childElements(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.type === 'element') out.push(c);
  return out;
}

export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) if (c.type === 'element' && c.name === name) return c;
  return undefined;
}

/**
 * An element's value: its own text and CDATA, concatenated. Elements inside a value are not part of
 * it (no task sequence value holds one; a stray one stays in the source and is written back as it was).
 */
export function textContent(el: XmlElement): string {
  const children = el.children;
  // Most value elements hold one text: no concatenation to make.
  if (children.length === 1 && children[0]!.type === 'text') return children[0]!.value;
  let s = '';
  for (const c of children) if (c.type === 'text' || c.type === 'cdata') s += c.value;
  return s;
}
