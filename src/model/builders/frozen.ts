/**
 * The model is immutable (src/model/node.ts): every object and array a builder creates is frozen
 * before it is returned. Values the caller passes in (conditions, element objects) are frozen where
 * the builder copies them; the caller's own objects are left alone.
 */
export function frozen<T extends object>(value: T): T {
  return Object.freeze(value);
}
