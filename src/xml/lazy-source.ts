import { parseXmlTree, type ParseOptions } from './parse-tree.js';
import type { XmlDocument, XmlElement } from './xml-tree.js';

/**
 * The XML a document was read from, kept as its text and parsed into a tree only when it is needed.
 *
 * Reading keeps no tree (document.ts): keeping one object per element of a large sequence costs
 * more than the XML parser itself (bench/xml.ts), and most commands (show, validate, run, eval,
 * doc) never look at it. Writing does: what the catalog does not model is written back from the
 * source tree, so the first write of a document parses its text again, the same way, and finds
 * each model object's element by where it starts (its provenance's line and column).
 */
export interface LazySource {
  readonly text: string;
  /** The options the text is parsed with (origin, limits, unshared names; no reader hook): the same positions again. */
  readonly options: ParseOptions;
  /** The text is a whole file (a bare sequence), not a property's value: its declaration and comments go with its root. */
  readonly wholeFile: boolean;
  /** Parsed on first use. */
  parsed?: ParsedSource;
}

interface ParsedSource {
  readonly document: XmlDocument;
  /** Elements with a position, by `line:column` (no two elements start at the same place); made on first lookup. */
  byPosition?: Map<string, XmlElement>;
}

export function lazySource(text: string, options: ParseOptions, wholeFile: boolean): LazySource {
  return { text, options, wholeFile };
}

export function isLazySource(node: unknown): node is LazySource {
  return typeof node === 'object' && node !== null && typeof (node as { text?: unknown }).text === 'string' && 'wholeFile' in node;
}

/** The source's document tree, parsed on first use. */
export function sourceDocument(source: LazySource): XmlDocument {
  return parsed(source).document;
}

/** Gives a source the tree its text was read into, when the reader kept it (ReadOptions.keepTree). */
export function keepParsed(source: LazySource, document: XmlDocument): void {
  source.parsed = { document };
}

/** The element that starts at this place (a model object's, from its provenance). */
export function sourceElementAt(source: LazySource, line: number, column: number): XmlElement | undefined {
  const p = parsed(source);
  if (!p.byPosition) {
    const byPosition = new Map<string, XmlElement>();
    const visit = (el: XmlElement): void => {
      if (el.line > 0) byPosition.set(`${el.line}:${el.column}`, el);
      for (const c of el.children) if (c.type === 'element') visit(c);
    };
    visit(p.document.root);
    p.byPosition = byPosition;
  }
  return p.byPosition.get(`${line}:${column}`);
}

function parsed(source: LazySource): ParsedSource {
  if (source.parsed) return source.parsed;
  // The same options as the first parse (origin, limits, unshared names); compact, as this tree is kept.
  source.parsed = { document: parseXmlTree(source.text, source.options) };
  return source.parsed;
}
