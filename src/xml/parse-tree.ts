import { SaxesParser } from 'saxes';
import { TseqInputError } from '../model/errors.js';
import type { XmlDeclaration, XmlDocument, XmlNode } from './xml-tree.js';

/** Default size limit: the 32 MB a client accepts for a task sequence policy (REFERENCE.md §7, §9). */
export const DEFAULT_MAX_INPUT_BYTES = 32 * 1024 * 1024;

interface MutableElement {
  type: 'element';
  name: string;
  attributes: { name: string; value: string }[];
  children: XmlNode[];
  line: number;
  column: number;
}

/**
 * Parses XML text into an XmlDocument. Refuses what a task sequence never needs and an attacker
 * would use: a DOCTYPE (and with it every entity declaration and external reference). Undefined
 * entities, unbalanced tags and anything else not well-formed get an error with line and column.
 */
export interface ParseOptions {
  /** Where the text starts in an enclosing file (the Sequence property of an object.xml), so positions point into that file. */
  readonly origin?: { readonly line: number; readonly column: number };
}

/**
 * The attributes or children of every element that has none: one frozen array instead of one per
 * element (the tree is read-only; addChild replaces it with a new array on the first child).
 */
const NONE: never[] = Object.freeze([]) as never[];

/** Whitespace-only text: layout when it stands beside elements. */
function isBlankText(node: XmlNode): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

/** Text nodes are immutable: short values repeat (true, false, 0, a byte of an icon) and share one node. */
const textNodes = new Map<string, XmlNode>();
function textNode(value: string): XmlNode {
  if (value.length > 12) return { type: 'text', value };
  let node = textNodes.get(value);
  if (!node) {
    node = Object.freeze({ type: 'text', value });
    textNodes.set(value, node);
  }
  return node;
}

export function parseXmlTree(text: string, options: ParseOptions = {}): XmlDocument {
  const parser = new SaxesParser({ position: true });
  const originLine = (options.origin?.line ?? 1) - 1;
  const originColumn = (options.origin?.column ?? 1) - 1;
  const line = (l: number): number => l + originLine;
  const column = (l: number, c: number): number => (l === 1 ? c + originColumn : c);
  let declaration: XmlDeclaration | undefined;
  const prolog: XmlNode[] = [];
  const epilog: XmlNode[] = [];
  let root: MutableElement | undefined;
  const stack: MutableElement[] = [];
  // Parallel to stack: set once an element child is seen, since whitespace-only text beside
  // elements is layout, while whitespace-only text alone in a leaf is a value.
  const hasElementChild: boolean[] = [];
  let startLine = 1;
  let startColumn = 1;

  const fail = (code: string, message: string, l: number, c: number, hint?: string): never => {
    throw new TseqInputError(code, message, { line: line(l), column: column(l, c) }, hint);
  };

  // Memory (bench/xml.ts): a tree holds one array of children and one of attributes per element,
  // mostly of one or two items. An array grown by push() from [] reserves 16 slots, so the first
  // child makes an array of exactly one, and attributes are copied to an exact-size array.
  const addChild = (parent: MutableElement, node: XmlNode): void => {
    if (parent.children.length === 0) parent.children = [node];
    else parent.children.push(node);
  };
  // Element and attribute names repeat throughout a file: keep one string per distinct name
  // instead of the fresh copy saxes makes for every tag.
  const names = new Map<string, string>();
  const intern = (name: string): string => {
    const known = names.get(name);
    if (known !== undefined) return known;
    names.set(name, name);
    return name;
  };
  // The attributes of the tag being read, in document order, from saxes's attribute events (the
  // { name, value } objects saxes makes for them, which nothing else keeps; plain mode, no xmlns).
  const tagAttributes: { name: string; value: string }[] = [];

  const append = (node: XmlNode): void => {
    const parent = stack[stack.length - 1];
    if (parent) addChild(parent, node);
    else if (root) epilog.push(node);
    else prolog.push(node);
  };

  parser.on('error', (err) => {
    // saxes messages start with "line:column: "; keep the position structured instead.
    const m = /^(\d+):(\d+): (.*)$/s.exec(err.message);
    if (m) fail('XML001', `malformed XML: ${m[3]!.replace(/\.$/, '')}`, Number(m[1]), Number(m[2]));
    fail('XML001', `malformed XML: ${err.message}`, parser.line, parser.column + 1);
  });
  parser.on('xmldecl', (d) => {
    declaration = { version: d.version ?? '1.0', ...(d.encoding ? { encoding: d.encoding } : {}), ...(d.standalone ? { standalone: d.standalone } : {}) };
  });
  parser.on('doctype', () => {
    fail('XML004', 'a DOCTYPE is not allowed in a task sequence', parser.line, 1, 'DOCTYPEs carry entity declarations and external references, which tseq refuses');
  });
  parser.on('opentagstart', (tag) => {
    tagAttributes.length = 0;
    startLine = line(parser.line);
    startColumn = column(parser.line, Math.max(1, parser.column - tag.name.length - 1));
  });
  parser.on('attribute', (a) => {
    a.name = intern(a.name);
    tagAttributes.push(a as { name: string; value: string });
  });
  parser.on('opentag', (tag) => {
    // saxes has checked the attributes (duplicates are an error) before this event.
    const attributes = tagAttributes.length === 0 ? NONE : tagAttributes.slice();
    const el: MutableElement = { type: 'element', name: intern(tag.name), attributes, children: NONE, line: startLine, column: startColumn };
    const parent = stack[stack.length - 1];
    if (parent) {
      if (!hasElementChild[hasElementChild.length - 1]) {
        hasElementChild[hasElementChild.length - 1] = true;
        // The parent now holds an element: whitespace-only text read before it was layout.
        if (parent.children.length !== 0) {
          const kept = parent.children.filter((c) => !isBlankText(c));
          parent.children = kept.length === 0 ? NONE : kept;
        }
      }
      addChild(parent, el);
    } else {
      root = el;
    }
    if (!tag.isSelfClosing) {
      stack.push(el);
      hasElementChild.push(false);
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return;
    stack.pop();
    hasElementChild.pop();
  });
  parser.on('text', (value) => {
    if (stack.length === 0) return; // whitespace outside the root; anything else is an error saxes reports
    // Whitespace-only text beside an element is layout, dropped as it comes (see opentag for any before the first element).
    if (hasElementChild[hasElementChild.length - 1] && value.trim() === '') return;
    append(textNode(value));
  });
  parser.on('cdata', (value) => append({ type: 'cdata', value }));
  parser.on('comment', (value) => append({ type: 'comment', value }));
  parser.on('processinginstruction', (pi) => append({ type: 'pi', target: pi.target, body: pi.body }));

  parser.write(text).close();
  textNodes.clear();
  if (!root) fail('XML005', 'the input holds no XML element', 1, 1, 'is the file empty?');
  return { ...(declaration ? { declaration } : {}), prolog, root: root!, epilog };
}
