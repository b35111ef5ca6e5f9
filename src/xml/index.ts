/** The XML layer's public surface: task sequence documents <-> model, encodings, canonical layout. */
export { locationOf, readDocument, writeDocumentText, writeDocumentBytes } from './document.js';
export type { DocumentKind, ReadOptions, ReadResult, WriteOptions } from './document.js';
export { DEFAULT_MAX_INPUT_BYTES, parseXmlTree } from './parse-tree.js';
export { decodeXmlBytes, encodeXmlText } from './decode.js';
export { serializeElement, serializeDocument } from './serialize.js';
export type { LayoutOptions } from './serialize.js';
export { readSequence, readCondition, UNTYPED_STEP_CLASS } from './read-model.js';
export { writeSequence, writeStep, writeCondition } from './write-model.js';
export { expandCommandLine } from './command-line.js';
export { attr, attributePairs } from './xml-tree.js';
export type { XmlDocument, XmlElement, XmlNode } from './xml-tree.js';
