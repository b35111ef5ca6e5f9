import { propertyOf } from '../model/catalog.js';
import { TseqInputError } from '../model/errors.js';
import type { Document, ModelObject, TaskSequencePackage } from '../model/node.js';
import { PACKAGE_CLASS, isPackage } from '../model/node.js';
import { provenanceOf } from '../model/provenance.js';
import { decodeXmlBytes, encodeXmlText } from './decode.js';
import { DEFAULT_MAX_INPUT_BYTES, parseXmlTree } from './parse-tree.js';
import { readSequence, sourced } from './read-model.js';
import { serializeDocument, serializeElement, type LayoutOptions } from './serialize.js';
import { parseValue, renderValue, textMeans } from './values.js';
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
}

export interface ReadResult {
  readonly document: Document;
  readonly kind: DocumentKind;
  /** The encoding the input was read with. */
  readonly encoding: string;
}

/** The source of a package: the outer document and, for an instance document, the inner sequence document. */
interface PackageSource {
  readonly outer: XmlDocument;
  readonly kind: DocumentKind;
  readonly inner?: XmlDocument;
}

/** The document a bare sequence was read from (declaration, comments around the root). */
const sequenceDocuments = new WeakMap<XmlElement, XmlDocument>();

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
  const xml = parseXmlTree(decoded.text, limits);
  const root = xml.root;
  if (root.name === 'sequence') {
    const seq = readSequence(root);
    sequenceDocuments.set(root, xml);
    return { document: seq, kind: 'sequence', encoding: decoded.encoding };
  }
  if (root.name === 'INSTANCE') return { document: readInstance(xml, limits), kind: 'instance', encoding: decoded.encoding };
  if (root.name === 'SmsTaskSequencePackage') return { document: read2007Package(xml), kind: 'package2007', encoding: decoded.encoding };
  throw new TseqInputError(
    'XML006',
    `the root element is <${root.name}>; expected <sequence>, a WMI <INSTANCE CLASSNAME="SMS_TaskSequencePackage"> (object.xml) or <SmsTaskSequencePackage>`,
    { line: root.line, column: root.column },
    'is this a task sequence file?',
  );
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${n} bytes`;
}

/** A CIM-XML property value by its CIM TYPE. */
function cimValue(type: string | undefined, text: string): unknown {
  return cimConverter(type)(text);
}

const INTEGER_TEXT = /^-?\d+$/;
const asText = (text: string): unknown => text;
const asBoolean = (text: string): unknown => {
  const lower = text.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : text;
};
const asInteger = (text: string): unknown => (INTEGER_TEXT.test(text) ? Number(text) : text);

/** How the values of a CIM TYPE read; decided once per property, since an array (Icon) has 100,000 values. */
function cimConverter(type: string | undefined): (text: string) => unknown {
  if (type === 'boolean') return asBoolean;
  if (type && /^[us]int(8|16|32)$/.test(type)) return asInteger;
  return asText;
}

function readInstance(xml: XmlDocument, limits: { readonly maxElements?: number }): TaskSequencePackage {
  const root = xml.root;
  const className = attr(root, 'CLASSNAME') ?? '';
  if (className !== PACKAGE_CLASS) {
    throw new TseqInputError('XML006', `the WMI instance is of class ${className || '(none)'}; expected ${PACKAGE_CLASS}`, { line: root.line, column: root.column });
  }
  const obj: Record<string, unknown> = { __CLASS: PACKAGE_CLASS };
  let inner: XmlDocument | undefined;
  for (const p of root.children) {
    if (p.type !== 'element') continue;
    const name = attr(p, 'NAME');
    if (!name || name.startsWith('__')) continue; // system properties stay in the source
    const type = attr(p, 'TYPE');
    if (p.name === 'PROPERTY') {
      const value = firstChild(p, 'VALUE');
      if (name === 'Sequence') {
        const text = value ? textContent(value) : '';
        try {
          // The CDATA section starts right after <VALUE><![CDATA[ on the VALUE's line. A VALUE with a
          // short text is a shared leaf with no position (parse-tree.ts): point at the PROPERTY then.
          const origin = value && value.line > 0 ? { line: value.line, column: value.column + '<VALUE><![CDATA['.length } : { line: p.line, column: p.column };
          inner = parseXmlTree(text, { origin, ...limits });
        } catch (e) {
          if (e instanceof TseqInputError) {
            // Positions inside the property's text: say so, and where the property starts.
            throw new TseqInputError(e.code, `in the Sequence property: ${e.message}`, e.location, e.hint);
          }
          throw e;
        }
        obj['Sequence'] = readSequence(inner.root);
      } else obj[name] = value ? cimValue(type, textContent(value)) : null;
    } else if (p.name === 'PROPERTY.ARRAY') {
      const arr = firstChild(p, 'VALUE.ARRAY');
      if (arr) {
        const convert = cimConverter(type);
        const values: unknown[] = [];
        for (const v of arr.children) if (v.type === 'element') values.push(convert(textContent(v)));
        obj[name] = values;
      } else obj[name] = null;
    }
    // PROPERTY.OBJECT / PROPERTY.OBJECTARRAY (embedded instances such as References) are kept in the source.
  }
  if (!obj['Sequence']) {
    throw new TseqInputError('XML008', 'the SMS_TaskSequencePackage instance has no Sequence property with a sequence in it', { line: root.line, column: root.column }, 'export the task sequence with its content from the console');
  }
  return sourced<TaskSequencePackage>(obj, { outer: xml, kind: 'instance', ...(inner ? { inner } : {}) });
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
  return sourced<TaskSequencePackage>(obj, { outer: xml, kind: 'package2007' });
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
    const srcRoot = provenanceOf(seq)?.node as XmlElement | undefined;
    const srcDoc = srcRoot ? sequenceDocuments.get(srcRoot) : undefined;
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
  if (source.kind === 'package2007') {
    const root = source.outer.root;
    const children = root.children.map((c): XmlNode => {
      if (c.type !== 'element') return c;
      if (c.name === 'SequenceData') {
        return { ...c, children: c.children.map((s) => (s.type === 'element' && s.name === 'sequence' ? sequenceXml : s)) };
      }
      return updatedLeaf(c, c.name, doc, read);
    });
    return { ...source.outer, root: { ...root, children } };
  }
  const innerText = serializeDocument(
    { ...(source.inner?.declaration ? { declaration: source.inner.declaration } : {}), prolog: source.inner?.prolog ?? [], root: sequenceXml, epilog: source.inner?.epilog ?? [] },
    options,
  );
  const root = source.outer.root;
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
  return { ...source.outer, root: { ...root, children } };
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
  const node = provenanceOf(obj)?.node as { type?: string; line?: number; column?: number; outer?: XmlDocument } | undefined;
  if (!node) return undefined;
  if (node.type === 'element' && node.line) return { line: node.line, column: node.column ?? 1 };
  if (node.outer) return { line: node.outer.root.line, column: node.outer.root.column };
  return undefined;
}
