/**
 * Where a model object came from. The XML reader attaches the element it read an object from,
 * so that the writer can put back what the catalog does not model (unknown attributes and
 * elements, comments, spellings such as `Equals`, the order of children). The key is a symbol:
 * JSON ignores it, and object spread (`{ ...step, Name: 'x' }`) carries it into edited copies.
 * The model layer treats the value as opaque; only src/xml reads it.
 */
export const SOURCE = Symbol.for('tseq.source');

export interface Provenance {
  /** The object exactly as it was read, to tell an edited copy from the original. */
  readonly read: object;
  /** The source node, opaque to the model. */
  readonly node: unknown;
  /** Where in its file the object starts (1-based); 0 when that is not known. */
  readonly line: number;
  readonly column: number;
}

export function provenanceOf(obj: object): Provenance | undefined {
  return (obj as { [SOURCE]?: Provenance })[SOURCE];
}

/** A copy of `obj` without provenance: written as if created in code. */
export function withoutProvenance<T extends object>(obj: T): T {
  const { [SOURCE]: _dropped, ...rest } = obj as T & { [SOURCE]?: Provenance };
  return rest as T;
}
