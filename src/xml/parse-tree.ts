import { SaxesParser } from 'saxes';
import { TseqInputError } from '../model/errors.js';
import type { XmlDeclaration, XmlDocument, XmlElement, XmlNode } from './xml-tree.js';

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

  const append = (node: XmlNode): void => {
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
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
    startLine = line(parser.line);
    startColumn = column(parser.line, Math.max(1, parser.column - tag.name.length - 1));
  });
  parser.on('opentag', (tag) => {
    const attributes: { name: string; value: string }[] = [];
    for (const name in tag.attributes) attributes.push({ name, value: tag.attributes[name] as string });
    const el: MutableElement = { type: 'element', name: tag.name, attributes, children: [], line: startLine, column: startColumn };
    const parent = stack[stack.length - 1];
    if (parent) {
      hasElementChild[hasElementChild.length - 1] = true;
      parent.children.push(el);
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
    const el = stack.pop();
    if (hasElementChild.pop() && el) el.children = el.children.filter((c) => c.type !== 'text' || c.value.trim() !== '');
  });
  parser.on('text', (value) => {
    if (stack.length === 0) return; // whitespace outside the root; anything else is an error saxes reports
    append({ type: 'text', value });
  });
  parser.on('cdata', (value) => append({ type: 'cdata', value }));
  parser.on('comment', (value) => append({ type: 'comment', value }));
  parser.on('processinginstruction', (pi) => append({ type: 'pi', target: pi.target, body: pi.body }));

  parser.write(text).close();
  if (!root) fail('XML005', 'the input holds no XML element', 1, 1, 'is the file empty?');
  return { ...(declaration ? { declaration } : {}), prolog, root: root!, epilog };
}
