import { propertyOf } from '../model/catalog.js';
import { TseqInputError } from '../model/errors.js';
import type { Document, ModelObject, TaskSequencePackage } from '../model/node.js';
import { PACKAGE_CLASS, isPackage } from '../model/node.js';
import { provenanceOf } from '../model/provenance.js';
import { decodeXmlBytes, encodeXmlText } from './decode.js';
import { DEFAULT_MAX_INPUT_BYTES, parseXmlTree, type ParseOptions } from './parse-tree.js';
import { MODEL_ELEMENTS, SequenceStreamReader, readSequence, sourced } from './read-model.js';
import { isLazySource, keepParsed, lazySource, sourceDocument, type LazySource } from './lazy-source.js';
import { serializeDocument, serializeElement, type LayoutOptions } from './serialize.js';
import { decimalInteger, parseValue, renderValue, textMeans } from './values.js';
import { writeSequence } from './write-model.js';
import { attr, element, firstChild, textContent, type XmlDocument, type XmlElement, type XmlNode } from './xml-tree.js';

/**
 * The three kinds of document the corpus holds (REFERENCE.md §4, §10): a bare `<sequence>`, the WMI
 * instance document of a console export (object.xml, the sequence as text in its Sequence property),
 * and the ConfigMgr 2007 export (`<SmsTaskSequencePackage>` with the sequence under `<SequenceData>`).
 */
export type DocumentKind = 'sequence' | 'instance' | 'package2007';

export interface ReadOptions {
  /** Refuse larger input before parsing (default 32 MB, the client policy limit, REFERENCE.md §9). */
  readonly maxBytes?: number;
  /** Name of the input for error messages. */
  readonly file?: string;
  /** Refuse a document with more elements (default 500,000; see parse-tree.ts). */
  readonly maxElements?: number;
  /**
   * Keep the source tree, for a document that will be written (fmt, validate's size check): read
   * once. Without it, no tree is kept, and the first write parses the text again (lazy-source.ts).
   */
  readonly keepTree?: boolean;
}

export interface ReadResult {
  readonly document: Document;
  readonly kind: DocumentKind;
  /** The encoding the input was read with. */
  readonly encoding: string;
}

/**
 * The source of a package: the outer document (a 2007 export's tree; an instance document's text,
 * parsed again on write) and, for an instance document, the text of its Sequence property.
 */
interface PackageSource {
  readonly outer: XmlDocument | LazySource;
  readonly kind: DocumentKind;
  readonly inner?: LazySource;
}

/** Reads a task sequence document from bytes (any encoding) or text. Throws TseqInputError on bad input. */
export function readDocument(input: Uint8Array | string, options: ReadOptions = {}): ReadResult {
  try {
    return readUnlabelled(input, options);
  } catch (e) {
    if (e instanceof TseqInputError && options.file) throw e.withFile(options.file);
    throw e;
  }
}

function readUnlabelled(input: Uint8Array | string, options: ReadOptions): ReadResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > maxBytes) {
    throw new TseqInputError('XML007', `the input is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit`, {}, 'a client refuses task sequence policy over 32 MB; raise the limit with --max-bytes if you must');
  }
  const decoded = typeof input === 'string' ? { text: input, encoding: 'utf-8' } : decodeXmlBytes(input);
  const limits = options.maxElements !== undefined ? { maxElements: options.maxElements } : {};
  // A bare sequence and an instance document are read while they are parsed, keeping no tree
  // (lazy-source.ts) unless asked to; a 2007 export, rare and small, is read from its tree.
  const keepTree = options.keepTree ?? false;
  const source = lazySource(decoded.text, { ...limits, unshared: MODEL_ELEMENTS }, true);
  const sequenceReader = new SequenceStreamReader(source);
  const instanceReader = new InstanceStreamReader();
  let readerRoot: XmlElement | undefined;
  let reader: OnClose | undefined;
  const xml = parseSource(
    source,
    (el, ancestors) => {
      // The reader is chosen by the root element, once: this is called for every element.
      const root = ancestors.length === 0 ? el : ancestors[0]!;
      if (root !== readerRoot) {
        readerRoot = root;
        reader = root.name === 'sequence' ? sequenceReader.onClose : root.name === 'INSTANCE' ? instanceReader.onClose : undefined;
      }
      return reader !== undefined && reader(el, ancestors);
    },
    keepTree,
  );
  const root = xml.root;
  if (root.name === 'sequence') return { document: sequenceReader.sequence!, kind: 'sequence', encoding: decoded.encoding };
  if (root.name === 'INSTANCE') {
    return { document: instanceReader.finish(root, source, limits, keepTree), kind: 'instance', encoding: decoded.encoding };
  }
  if (root.name === 'SmsTaskSequencePackage') return { document: read2007Package(xml), kind: 'package2007', encoding: decoded.encoding };
  throw new TseqInputError(
    'XML006',
    `the root element is <${root.name}>; expected <sequence>, a WMI <INSTANCE CLASSNAME="SMS_TaskSequencePackage"> (object.xml) or <SmsTaskSequencePackage>`,
    { line: root.line, column: root.column },
    'is this a task sequence file?',
  );
}

type OnClose = NonNullable<ParseOptions['onClose']>;

/**
 * Parses a source's text, handing each element to `read` as it closes. Without keepTree, what
 * `read` took is dropped and no tree is kept; with it, nothing is dropped, the tree is compact (it
 * is kept), and the source holds it for the writer.
 */
function parseSource(source: LazySource, read: OnClose, keepTree: boolean): XmlDocument {
  const onClose: OnClose = keepTree ? (el, ancestors) => (read(el, ancestors), false) : read;
  const xml = parseXmlTree(source.text, { ...source.options, compact: keepTree, onClose });
  if (keepTree) keepParsed(source, xml);
  return xml;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${n} bytes`;
}

/** A CIM-XML property value by its CIM TYPE. */
function cimValue(type: string | undefined, text: string): unknown {
  return cimConverter(type)(text);
}

const asText = (text: string): unknown => text;
const asBoolean = (text: string): unknown => {
  const lower = text.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : text;
};
const asInteger = (text: string): unknown => decimalInteger(text) ?? text;

/** How the values of a CIM TYPE read; decided once per property, since an array (Icon) has 100,000 values. */
function cimConverter(type: string | undefined): (text: string) => unknown {
  if (type === 'boolean') return asBoolean;
  if (type && /^[us]int(8|16|32)$/.test(type)) return asInteger;
  return asText;
}

/**
 * Reads the properties of a WMI instance document (object.xml) as each PROPERTY element closes,
 * then drops it (its text stays in the source, parsed again on write). The Sequence property's
 * text is parsed once the whole document has been, as before any property is read, so that a
 * document that is not well-formed is reported as such first.
 */
class InstanceStreamReader {
  private readonly obj: Record<string, unknown> = { __CLASS: PACKAGE_CLASS };
  /** The Sequence property's text, and where that text starts in the file. */
  private sequence: { readonly text: string; readonly origin: { readonly line: number; readonly column: number } } | undefined;

  /** The values of the array property being read (a console export's Icon has 100,000 and more). */
  private array: { readonly owner: XmlElement; readonly values: unknown[]; readonly convert: (text: string) => unknown } | undefined;

  readonly onClose = (p: XmlElement, ancestors: readonly XmlElement[]): boolean => {
    const array = this.array;
    if (array !== undefined && ancestors.length === 3 && ancestors[2] === array.owner) {
      array.values.push(array.convert(textContent(p)));
      return true;
    }
    if (ancestors.length === 0 || attr(ancestors[0]!, 'CLASSNAME') !== PACKAGE_CLASS) return false;
    if (ancestors.length === 3 && ancestors[1]!.name === 'PROPERTY.ARRAY' && ancestors[2]!.name === 'VALUE.ARRAY') return this.arrayValue(p, ancestors[1]!, ancestors[2]!);
    if (ancestors.length !== 1) return false;
    const name = attr(p, 'NAME');
    if (!name || name.startsWith('__')) return true; // system properties stay in the source
    const type = attr(p, 'TYPE');
    const obj = this.obj;
    if (p.name === 'PROPERTY') {
      const value = firstChild(p, 'VALUE');
      if (name === 'Sequence') {
        // The text starts right after <VALUE><![CDATA[ (or <VALUE>) on the VALUE's line. Without a VALUE
        // (or one with no position), point at the PROPERTY. (Only numbers are kept: p may be reused.)
        const opening = value?.children[0]?.type === 'cdata' ? '<VALUE><![CDATA[' : '<VALUE>';
        const origin = value && value.line > 0 ? { line: value.line, column: value.column + opening.length } : { line: p.line, column: p.column };
        this.sequence = { text: value ? textContent(value) : '', origin };
        obj['Sequence'] = undefined; // its place among the properties; read in finish()
      } else obj[name] = value ? cimValue(type, textContent(value)) : null;
    } else if (p.name === 'PROPERTY.ARRAY') {
      // Every element of the first VALUE.ARRAY was read as it closed (arrayValue): none read, none there.
      const arr = firstChild(p, 'VALUE.ARRAY');
      obj[name] = arr ? (this.array?.owner === arr ? this.array.values : []) : null;
    }
    this.array = undefined;
    // PROPERTY.OBJECT / PROPERTY.OBJECTARRAY (embedded instances such as References) are kept in the source.
    return true;
  };

  /** A value of an array property, read as it closes: the property's first VALUE.ARRAY only, as the property reads it. */
  private arrayValue(v: XmlElement, property: XmlElement, arr: XmlElement): boolean {
    if (!this.array) {
      const name = attr(property, 'NAME');
      if (!name || name.startsWith('__') || firstChild(property, 'VALUE.ARRAY') !== arr) return false;
      this.array = { owner: arr, values: [], convert: cimConverter(attr(property, 'TYPE')) };
    } else if (this.array.owner !== arr) return false;
    this.array.values.push(this.array.convert(textContent(v)));
    return true;
  }

  finish(root: XmlElement, outer: LazySource, limits: { readonly maxElements?: number }, keepTree: boolean): TaskSequencePackage {
    const className = attr(root, 'CLASSNAME') ?? '';
    if (className !== PACKAGE_CLASS) {
      throw new TseqInputError('XML006', `the WMI instance is of class ${className || '(none)'}; expected ${PACKAGE_CLASS}`, { line: root.line, column: root.column });
    }
    const obj = this.obj;
    let inner: LazySource | undefined;
    if (this.sequence) {
      const { text, origin } = this.sequence;
      inner = lazySource(text, { origin, ...limits, unshared: MODEL_ELEMENTS }, false);
      const reader = new SequenceStreamReader(inner);
      let innerRoot: XmlElement;
      try {
        innerRoot = parseSource(inner, reader.onClose, keepTree).root;
      } catch (e) {
        if (e instanceof TseqInputError) {
          // Positions inside the property's text: say so, and where the property starts.
          throw new TseqInputError(e.code, `in the Sequence property: ${e.message}`, e.location, e.hint);
        }
        throw e;
      }
      obj['Sequence'] = reader.sequence ?? readSequence(innerRoot); // readSequence says what the root should be
    }
    if (!obj['Sequence']) {
      throw new TseqInputError('XML008', 'the SMS_TaskSequencePackage instance has no Sequence property with a sequence in it', { line: root.line, column: root.column }, 'export the task sequence with its content from the console');
    }
    return sourced<TaskSequencePackage>(obj, { outer, kind: 'instance', ...(inner ? { inner } : {}) } satisfies PackageSource, root.line, root.column);
  }
}

function read2007Package(xml: XmlDocument): TaskSequencePackage {
  const root = xml.root;
  const obj: Record<string, unknown> = { __CLASS: PACKAGE_CLASS };
  for (const c of root.children) {
    if (c.type !== 'element') continue;
    if (c.name === 'SequenceData') {
      const seq = firstChild(c, 'sequence');
      if (seq) obj['Sequence'] = readSequence(seq);
      continue;
    }
    if (c.children.some((x) => x.type === 'element')) continue; // structured values stay in the source
    obj[c.name] = parseValue(textContent(c), propertyOf(PACKAGE_CLASS, c.name));
  }
  if (!obj['Sequence']) {
    throw new TseqInputError('XML008', '<SmsTaskSequencePackage> has no <SequenceData> holding a <sequence>', { line: root.line, column: root.column });
  }
  return sourced<TaskSequencePackage>(obj, { outer: xml, kind: 'package2007' } satisfies PackageSource, root.line, root.column);
}

export interface WriteOptions extends LayoutOptions {
  /** UTF-8 by default; UTF-16 (LE with BOM) on request. */
  readonly encoding?: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** Write the bare `<sequence>` of a package (`tseq fmt --extract`). */
  readonly extract?: boolean;
}

/** The document as text: a package is written back as the same kind of container it was read from. */
export function writeDocumentText(doc: Document, options: WriteOptions = {}): string {
  const encodingLabel = options.encoding === undefined || options.encoding === 'utf-8' ? 'utf-8' : 'utf-16';
  if (!isPackage(doc) || options.extract) {
    const seq = isPackage(doc) ? doc.Sequence : doc;
    const root = writeSequence(seq);
    // A sequence read from a file of its own is written with the declaration and comments around its root.
    const source = provenanceOf(seq)?.node;
    const srcDoc = isLazySource(source) && source.wholeFile ? sourceDocument(source) : undefined;
    const declaration = srcDoc?.declaration ?? (encodingLabel === 'utf-16' ? { version: '1.0', encoding: 'utf-16' } : undefined);
    return serializeDocument({ ...(declaration ? { declaration } : {}), prolog: srcDoc?.prolog ?? [], root, epilog: srcDoc?.epilog ?? [] }, { ...options, encoding: encodingLabel });
  }
  const source = provenanceOf(doc)?.node as PackageSource | undefined;
  const outer = source ? writePackageFromSource(doc, source, options) : writeNewInstance(doc, options);
  return serializeDocument(outer, { ...options, encoding: encodingLabel });
}

export function writeDocumentBytes(doc: Document, options: WriteOptions = {}): Buffer {
  return encodeXmlText(writeDocumentText(doc, options), options.encoding);
}

function writePackageFromSource(doc: TaskSequencePackage, source: PackageSource, options: WriteOptions): XmlDocument {
  const read = provenanceOf(doc)?.read as ModelObject | undefined;
  const sequenceXml = writeSequence(doc.Sequence);
  const outerDocument = 'root' in source.outer ? source.outer : sourceDocument(source.outer);
  const innerDocument = source.inner ? sourceDocument(source.inner) : undefined;
  if (source.kind === 'package2007') {
    const root = outerDocument.root;
    const children = root.children.map((c): XmlNode => {
      if (c.type !== 'element') return c;
      if (c.name === 'SequenceData') {
        return { ...c, children: c.children.map((s) => (s.type === 'element' && s.name === 'sequence' ? sequenceXml : s)) };
      }
      return updatedLeaf(c, c.name, doc, read);
    });
    return { ...outerDocument, root: { ...root, children } };
  }
  const innerText = serializeDocument(
    { ...(innerDocument?.declaration ? { declaration: innerDocument.declaration } : {}), prolog: innerDocument?.prolog ?? [], root: sequenceXml, epilog: innerDocument?.epilog ?? [] },
    options,
  );
  const root = outerDocument.root;
  const children = root.children.map((p): XmlNode => {
    if (p.type !== 'element' || p.name !== 'PROPERTY') return p;
    const name = attr(p, 'NAME');
    if (name === 'Sequence') {
      return { ...p, children: p.children.map((v) => (v.type === 'element' && v.name === 'VALUE' ? { ...v, children: [{ type: 'cdata', value: innerText }] } : v)) };
    }
    if (!name || name.startsWith('__')) return p;
    const value = firstChild(p, 'VALUE');
    if (!value) return p;
    const updated = updatedLeaf(value, name, doc, read, attr(p, 'TYPE'));
    return updated === value ? p : { ...p, children: p.children.map((v) => (v === value ? updated : v)) };
  });
  return { ...outerDocument, root: { ...root, children } };
}

/** A leaf element holding a property's value, its text replaced when the model changed the value. */
function updatedLeaf(el: XmlElement, property: string, doc: ModelObject, read: ModelObject | undefined, cimType?: string): XmlElement {
  const value = doc[property];
  if (read && read[property] === value) return el;
  if (value === undefined || typeof value === 'object') return el;
  const old = textContent(el);
  const same = cimType !== undefined ? cimValue(cimType, old) === value : textMeans(old, value, propertyOf(PACKAGE_CLASS, property));
  if (same) return el;
  const text = typeof value === 'boolean' && cimType === 'boolean' ? (value ? 'TRUE' : 'FALSE') : renderValue(value);
  return { ...el, children: text === '' ? [] : [{ type: 'text', value: text }] };
}

/** A package made in code: written as a WMI instance document, as console exports carry it. */
function writeNewInstance(doc: TaskSequencePackage, options: WriteOptions): XmlDocument {
  const props: XmlElement[] = [];
  const cimTypeOf = (name: string, value: unknown): string => {
    const def = propertyOf(PACKAGE_CLASS, name);
    if (def) return def.type === 'datetime' ? 'datetime' : def.type;
    return typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'uint32' : 'string';
  };
  for (const key of Object.keys(doc).sort()) {
    if (key === '__CLASS') continue;
    const value = doc[key];
    if (key === 'Sequence') {
      const text = serializeElement(writeSequence(doc.Sequence), options);
      props.push(element('PROPERTY', ['NAME', 'Sequence', 'TYPE', 'string'], [element('VALUE', [], [{ type: 'cdata', value: text }])]));
      continue;
    }
    const type = cimTypeOf(key, value);
    if (Array.isArray(value)) {
      props.push(element('PROPERTY.ARRAY', ['NAME', key, 'TYPE', type], [element('VALUE.ARRAY', [], value.map((v) => element('VALUE', [], [{ type: 'text', value: renderValue(v) }])))]));
    } else if (value !== null && value !== undefined) {
      const text = typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : renderValue(value);
      props.push(element('PROPERTY', ['NAME', key, 'TYPE', type], [element('VALUE', [], text === '' ? [] : [{ type: 'text', value: text }])]));
    }
  }
  return { prolog: [], root: element('INSTANCE', ['CLASSNAME', PACKAGE_CLASS], props), epilog: [] };
}


/** Where a model object read from a file stands in it (1-based line and column of its element). */
export function locationOf(obj: object): { line: number; column: number } | undefined {
  const provenance = provenanceOf(obj);
  if (!provenance || !provenance.line) return undefined;
  return { line: provenance.line, column: provenance.column };
}
