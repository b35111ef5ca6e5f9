/** The model layer's public surface: catalog, node types, validation, condition text. No I/O. */
export * from './class-def.js';
export * from './catalog.js';
export * from './node.js';
export * from './provenance.js';
export * from './errors.js';
export * from './validate.js';
export * from './condition-text.js';
export { toJson } from './json.js';
