import { SaxesParser } from 'saxes';
import { TseqInputError } from '../model/errors.js';
import type { XmlDeclaration, XmlDocument, XmlElement, XmlNode } from './xml-tree.js';

/** Default size limit: the 32 MB a client accepts for a task sequence policy (REFERENCE.md §7, §9). */
export const DEFAULT_MAX_INPUT_BYTES = 32 * 1024 * 1024;

/**
 * How deep elements may nest. Real sequences nest groups and conditions a dozen levels at most;
 * tens of thousands of levels are an attack on every reader, writer and checker that walks the
 * tree. 256 is libxml2's default limit too.
 */
export const MAX_ELEMENT_DEPTH = 256;

/**
 * How many elements a document may hold by default. Real sequences of the 32 MB a client accepts
 * hold about 400,000 (10,000 steps are 11 MB and 122,000 elements); the densest 32 MB, empty
 * `<step/>`s, would be 4.8 million steps, several gigabytes of model, and minutes of work.
 */
export const DEFAULT_MAX_ELEMENTS = 500_000;

interface MutableElement {
  type: 'element';
  name: string;
  attributes: string[];
  children: XmlNode[];
  line: number;
  column: number;
}

export interface ParseOptions {
  /** Where the text starts in an enclosing file (the Sequence property of an object.xml), so positions point into that file. */
  readonly origin?: { readonly line: number; readonly column: number };
  /** Refuse a document with more elements than this (default DEFAULT_MAX_ELEMENTS). */
  readonly maxElements?: number;
  /**
   * Element names never made shared leaves (see sharedLeaf): elements that stand for model objects,
   * so that each has its own node and position however it is written (even `<step>x</step>`).
   */
  readonly unshared?: ReadonlySet<string>;
  /**
   * Called as each element closes, with the elements open around it (the root first). Returning true
   * takes the element out of the tree: a reader that has made what it needs of an element lets the
   * parser drop it, so that no tree of the whole document is kept (see document.ts). Without
   * `compact`, an element holding no element is offered before it is made: the object passed is
   * reused, valid during the call only, and made for real only if the call returns false.
   */
  readonly onClose?: (el: XmlElement, ancestors: readonly XmlElement[]) => boolean;
  /**
   * Intern names and short values, share short texts and leaf elements (default true). They make a
   * kept tree near the size of its file, and cost time: a reader that drops the tree as it reads
   * (onClose) turns them off.
   */
  readonly compact?: boolean;
}

/**
 * The attributes or children of every element that has none: one frozen array instead of one per
 * element (the tree is read-only; addChild replaces it with a new array on the first child).
 */
const NONE: never[] = Object.freeze([]) as never[];

/** Whitespace-only text (XML's white space: space, tab, CR, LF): layout when it stands beside elements. */
function isBlank(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}
function isBlankText(node: XmlNode): boolean {
  return node.type === 'text' && isBlank(node.value);
}

/** saxes's handler fields, private in its typings (see newParser). */
interface SaxesHandlerSlots {
  xmldeclHandler?: unknown;
  textHandler?: unknown;
  piHandler?: unknown;
  doctypeHandler?: unknown;
  commentHandler?: unknown;
  openTagStartHandler?: unknown;
  openTagHandler?: unknown;
  closeTagHandler?: unknown;
  cdataHandler?: unknown;
  errorHandler?: unknown;
  endHandler?: unknown;
  readyHandler?: unknown;
  attributeHandler?: unknown;
}

/**
 * A saxes parser that stays a fast object. saxes keeps each handler in a field that its `on()` adds
 * on first use under a computed name; V8 turns an object that gains that many properties that way
 * into a dictionary, and then every field access in saxes's per-character loop is a hash lookup:
 * the tree reader ran 3 to 5 times slower, and so did every other saxes parser in the process.
 * Declaring the fields first, by name, keeps the object fast; `on()` then only sets them. Should
 * a later saxes name them otherwise, `on()` still registers every handler: only the speed is lost,
 * and src/xml/parse-tree.test.ts says so.
 */
function newParser(): SaxesParser {
  const parser = new SaxesParser({ position: true });
  const slots = parser as unknown as SaxesHandlerSlots;
  slots.xmldeclHandler = undefined;
  slots.textHandler = undefined;
  slots.piHandler = undefined;
  slots.doctypeHandler = undefined;
  slots.commentHandler = undefined;
  slots.openTagStartHandler = undefined;
  slots.openTagHandler = undefined;
  slots.closeTagHandler = undefined;
  slots.cdataHandler = undefined;
  slots.errorHandler = undefined;
  slots.endHandler = undefined;
  slots.readyHandler = undefined;
  slots.attributeHandler = undefined;
  return parser;
}

/** A level of the shared-leaf trie (see sharedAttributedLeaf): the next key, or the leaves ending here by value. */
interface LeafTrie {
  readonly next: Map<string, LeafTrie>;
  leaves: Map<string, XmlElement> | undefined;
}
function trieStep(node: LeafTrie, key: string): LeafTrie {
  let child = node.next.get(key);
  if (!child) node.next.set(key, (child = { next: new Map(), leaves: undefined }));
  return child;
}

/** Texts up to this long are shared nodes, and so are leaf elements holding one (see parseXmlTree). */
const SHARED_TEXT_MAX = 12;

/**
 * Parses XML text into an XmlDocument. Refuses what a task sequence never needs and an attacker
 * would use: a DOCTYPE (and with it every entity declaration and external reference), and elements
 * nested past MAX_ELEMENT_DEPTH. Undefined entities, unbalanced tags and anything else not
 * well-formed get an error with line and column.
 */
export function parseXmlTree(text: string, options: ParseOptions = {}): XmlDocument {
  const parser = newParser();
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
  const maxElements = options.maxElements ?? DEFAULT_MAX_ELEMENTS;
  let elements = 0;
  const unshared = options.unshared;
  const compact = options.compact ?? true;
  const onClose = options.onClose;
  // The element just closed, handed to onClose; it is the last child of the element open around it.
  const closed = (el: XmlElement): void => {
    if (onClose && onClose(el, stack) && stack.length !== 0) (stack[stack.length - 1]!.children as XmlNode[]).pop();
  };
  // The leaf offered to onClose before it is made (see ParseOptions.onClose): most are read and
  // dropped (an object.xml's 140,000 icon values), and then never need objects of their own.
  const offeredText = { type: 'text' as const, value: '' };
  const offeredChildren: XmlNode[] = [offeredText];
  const offeredLeaf: MutableElement = { type: 'element', name: '', attributes: NONE, children: NONE, line: 0, column: 0 };
  const offerLeaf = (attributes: string[]): boolean => {
    offeredLeaf.name = pendingName!;
    offeredLeaf.attributes = attributes;
    if (pendingText === undefined) offeredLeaf.children = NONE;
    else {
      offeredText.value = pendingText;
      offeredLeaf.children = offeredChildren;
    }
    offeredLeaf.line = pendingLine;
    offeredLeaf.column = pendingColumn;
    const taken = onClose!(offeredLeaf, stack);
    offeredText.value = '';
    offeredLeaf.children = offeredLeaf.attributes = NONE;
    return taken;
  };

  const fail = (code: string, message: string, l: number, c: number, hint?: string): never => {
    // saxes says column 0 when it stopped before the first character of a line (an empty file).
    throw new TseqInputError(code, message, { line: line(l), column: column(l, Math.max(1, c)) }, hint);
  };

  // Memory (bench/xml.ts): a tree holds one array of children and one of attributes per element,
  // mostly of one or two items. An array grown by push() from [] reserves 16 slots, so the first
  // child makes an array of exactly one, and attributes are copied to an exact-size array.
  const addChild = (parent: MutableElement, node: XmlNode): void => {
    if (parent.children.length === 0) parent.children = [node];
    else parent.children.push(node);
  };
  // Element and attribute names, and short attribute values (true, false, 0), repeat throughout a
  // file: keep one string per distinct one instead of the fresh copy saxes makes for every tag.
  const names = new Map<string, string>();
  const intern = (name: string): string => {
    const known = names.get(name);
    if (known !== undefined) return known;
    names.set(name, name);
    return name;
  };
  // The attributes of the tag being read, flattened in document order (see XmlElement.attributes).
  // A count, not the array's length: setting length to 0 drops the array's storage, and every tag
  // with attributes would allocate it again.
  const tagAttributes: string[] = [];
  let tagAttributeCount = 0;
  const currentAttributes = (): string[] => tagAttributes.slice(0, tagAttributeCount);

  // Text nodes are immutable: short values repeat (true, false, 0, a byte of an icon) and share one node.
  const textNodes = new Map<string, XmlNode>();
  const textNode = (value: string): XmlNode => {
    if (!compact || value.length > SHARED_TEXT_MAX) return { type: 'text', value };
    let node = textNodes.get(value);
    if (!node) {
      node = Object.freeze({ type: 'text', value });
      textNodes.set(value, node);
    }
    return node;
  };

  // Leaf elements holding one short value (`<VALUE>0</VALUE>`, `<variable name="RunAsUser"
  // property="RunAsUser">false</variable>`) are immutable and repeat by the thousand: a console
  // export's Icon property is an array of some 140,000, and every Run Command Line step carries the
  // same variables. One node per distinct content (name, attributes in order, value) keeps the tree
  // near the size of the file (bench/xml.ts). A shared leaf has no position (line 0): the elements
  // model objects are read from are named in ParseOptions.unshared, and never shared, so that every
  // model object has its place. The leaf's attributes are the tag's, still in tagAttributes.
  const sharedLeaf = (name: string, value: string): XmlElement =>
    tagAttributeCount === 0 ? sharedPlainLeaf(name, value) : sharedAttributedLeaf(name, value);
  const newLeaf = (name: string, attributes: readonly string[], value: string): XmlElement =>
    Object.freeze({ type: 'element', name, attributes, children: Object.freeze([textNode(value)]), line: 0, column: 0 }) as XmlElement;
  // Without attributes, by name then value: no key to build for each of the Icon's values, and
  // they come in runs of one name, looked up once per run.
  const plainLeaves = new Map<string, Map<string, XmlElement>>();
  let lastLeafName: string | undefined;
  let lastLeaves = new Map<string, XmlElement>();
  const sharedPlainLeaf = (name: string, value: string): XmlElement => {
    if (name !== lastLeafName) {
      let byName = plainLeaves.get(name);
      if (!byName) plainLeaves.set(name, (byName = new Map()));
      lastLeafName = name;
      lastLeaves = byName;
    }
    let leaf = lastLeaves.get(value);
    if (!leaf) lastLeaves.set(value, (leaf = newLeaf(name, NONE, value)));
    return leaf;
  };
  // With attributes, through a trie keyed by the name, then each attribute name and value in order:
  // those strings are interned (or, when long, hashed once), so each level is a lookup whose hash V8
  // already holds, where one joined key would be a new string to build and hash for every leaf.
  const attributedLeaves: LeafTrie = { next: new Map(), leaves: undefined };
  const sharedAttributedLeaf = (name: string, value: string): XmlElement => {
    let node = trieStep(attributedLeaves, name);
    for (let i = 0; i < tagAttributeCount; i++) node = trieStep(node, tagAttributes[i]!);
    const leaves = (node.leaves ??= new Map());
    let leaf = leaves.get(value);
    if (!leaf) leaves.set(value, (leaf = newLeaf(name, Object.freeze(currentAttributes()), value)));
    return leaf;
  };

  // The innermost open element, while it may still be a shared leaf (see sharedLeaf): it holds no
  // more than one text so far, and its attributes are still in tagAttributes. It is not on the stack
  // and no element object exists for it yet: most such elements never need one. Anything else it
  // receives (a child, a comment, a second text) makes it a real element first (materialise).
  let pendingName: string | undefined;
  let pendingLine = 0;
  let pendingColumn = 0;
  let pendingText: string | undefined;

  // The pending element as a real one, in its parent: open (on the stack, more to come) or closed.
  const makePending = (attributes: string[], open: boolean): void => {
    const el: MutableElement = { type: 'element', name: pendingName!, attributes, children: NONE, line: pendingLine, column: pendingColumn };
    addChild(stack[stack.length - 1]!, el);
    if (open) {
      stack.push(el);
      hasElementChild.push(false);
    }
    if (pendingText !== undefined) el.children = [textNode(pendingText)];
    pendingName = pendingText = undefined;
  };
  const materialise = (): void => makePending(tagAttributeCount === 0 ? NONE : currentAttributes(), true);

  const append = (node: XmlNode): void => {
    if (pendingName !== undefined) materialise();
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
  // Called for every element: only note where saxes stands; opentag makes it the position of the `<`.
  parser.on('opentagstart', (tag) => {
    // A child starts: the pending element is no leaf (and its attributes are about to be reset).
    if (pendingName !== undefined) materialise();
    tagAttributeCount = 0;
    startLine = parser.line;
    startColumn = parser.column - tag.name.length - 1;
  });
  parser.on('attribute', (a) => {
    if (compact) {
      tagAttributes[tagAttributeCount++] = intern(a.name);
      tagAttributes[tagAttributeCount++] = a.value.length > SHARED_TEXT_MAX ? a.value : intern(a.value);
    } else {
      tagAttributes[tagAttributeCount++] = a.name;
      tagAttributes[tagAttributeCount++] = a.value;
    }
  });
  parser.on('opentag', (tag) => {
    if (pendingName !== undefined) materialise();
    if (++elements > maxElements) {
      fail('XML010', `the document holds more than ${maxElements.toLocaleString('en-US')} elements`, startLine, Math.max(1, startColumn), 'no task sequence comes near this; the file is broken or hostile');
    }
    if (stack.length >= MAX_ELEMENT_DEPTH) {
      fail('XML009', `elements nest more than ${MAX_ELEMENT_DEPTH} levels deep`, startLine, Math.max(1, startColumn), 'a task sequence nests groups and conditions a few levels deep; this file is broken or hostile');
    }
    const parent = stack[stack.length - 1];
    const elementLine = line(startLine);
    const elementColumn = column(startLine, Math.max(1, startColumn));
    if (parent && !hasElementChild[hasElementChild.length - 1]) {
      hasElementChild[hasElementChild.length - 1] = true;
      // The parent now holds an element: whitespace-only text read before it was layout.
      if (parent.children.length !== 0) {
        const kept = parent.children.filter((c) => !isBlankText(c));
        parent.children = kept.length === 0 ? NONE : kept;
      }
    }
    if (parent && !tag.isSelfClosing) {
      pendingName = compact ? intern(tag.name) : tag.name;
      pendingLine = elementLine;
      pendingColumn = elementColumn;
      return;
    }
    // saxes has checked the attributes (duplicates are an error) before this event.
    const attributes = tagAttributeCount === 0 ? NONE : currentAttributes();
    const el: MutableElement = { type: 'element', name: compact ? intern(tag.name) : tag.name, attributes, children: NONE, line: elementLine, column: elementColumn };
    if (parent) {
      addChild(parent, el);
    } else {
      root = el;
    }
    if (!tag.isSelfClosing) {
      stack.push(el);
      hasElementChild.push(false);
    } else closed(el);
  });
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return;
    if (pendingName !== undefined) {
      // Only a value is shared: whitespace alone is how an empty group or condition is laid out, and
      // those are model objects whose diagnostics need their position.
      if (compact && pendingText !== undefined && pendingText.length <= SHARED_TEXT_MAX && !isBlank(pendingText) && !unshared?.has(pendingName)) {
        const leaf = sharedLeaf(pendingName, pendingText);
        addChild(stack[stack.length - 1]!, leaf);
        pendingName = pendingText = undefined;
        closed(leaf);
        return;
      }
      if (!compact && onClose) {
        // Offered first; made (and added to its parent) only if it is kept.
        const attributes = tagAttributeCount === 0 ? NONE : currentAttributes();
        if (offerLeaf(attributes)) pendingName = pendingText = undefined;
        else makePending(attributes, false);
        return;
      }
      materialise();
    }
    const el = stack.pop()!;
    hasElementChild.pop();
    closed(el);
  });
  parser.on('text', (value) => {
    if (pendingName !== undefined) {
      if (pendingText === undefined) {
        pendingText = value;
        return;
      }
      materialise();
    }
    if (stack.length === 0) return; // whitespace outside the root; anything else is an error saxes reports
    // Whitespace-only text beside an element is layout, dropped as it comes (see opentag for any before the first element).
    if (hasElementChild[hasElementChild.length - 1] && isBlank(value)) return;
    append(textNode(value));
  });
  parser.on('cdata', (value) => append({ type: 'cdata', value }));
  parser.on('comment', (value) => append({ type: 'comment', value }));
  parser.on('processinginstruction', (pi) => append({ type: 'pi', target: pi.target, body: pi.body }));

  parser.write(text).close();
  if (!root) fail('XML005', 'the input holds no XML element', 1, 1, 'is the file empty?');
  return { ...(declaration ? { declaration } : {}), prolog, root: root!, epilog };
}
