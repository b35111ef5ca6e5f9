/**
 * Task sequence variables: names are case-insensitive, values are strings, setting "" deletes
 * (REFERENCE.md §5.7). Immutable: `with` returns a new store, so the engine's state stays a value.
 */
type Entry = { readonly name: string; readonly value: string };
/** A change on top of a store's base map: the key's new entry, or undefined for a deletion. */
type Change = readonly [key: string, entry: Entry | undefined];

/**
 * How many changes a store keeps on top of its base map before folding them into a new one. The
 * engine sets a few variables on every step (_SMSTSCurrentActionName, _SMSTSLastAction*); copying the
 * whole map each time made a long run allocate a map per variable set.
 */
const MAX_CHANGES = 32;

export class VariableStore {
  /** Entries: `base` with `changes` applied in order (the newest last), exactly as a map updated in place. */
  private constructor(
    private readonly base: ReadonlyMap<string, Entry>,
    private readonly changes: readonly Change[],
  ) {}

  /** `base` with the changes applied, computed once when first needed (size, toObject). */
  #folded: ReadonlyMap<string, Entry> | undefined;

  static empty(): VariableStore {
    return new VariableStore(new Map(), []);
  }

  static from(values: Readonly<Record<string, string | number | boolean>> | Iterable<readonly [string, string]>): VariableStore {
    const map = new Map<string, { name: string; value: string }>();
    const pairs = Symbol.iterator in values ? (values as Iterable<readonly [string, string]>) : Object.entries(values as Record<string, unknown>);
    for (const [name, value] of pairs) {
      const v = typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value);
      if (v === '') map.delete(name.toLowerCase());
      else map.set(name.toLowerCase(), { name, value: v });
    }
    return new VariableStore(map, []);
  }

  get(name: string): string | undefined {
    return this.entry(name.trim().toLowerCase())?.value;
  }

  has(name: string): boolean {
    return this.entry(name.trim().toLowerCase()) !== undefined;
  }

  /** A store with `name` set; "" deletes it (REFERENCE.md §5.7). */
  with(name: string, value: string): VariableStore {
    return this.withAll([[name, value]]);
  }

  /** A store with each pair set in turn, exactly as a chain of `with` calls. */
  withAll(pairs: Iterable<readonly [string, string]>): VariableStore {
    const changes = this.changes.slice();
    for (const [name, value] of pairs) {
      const key = name.trim().toLowerCase();
      const at = newestChange(changes, key);
      const current = at >= 0 ? changes[at]![1] : this.base.get(key);
      if (value === '') changes.push([key, undefined]);
      else if (at >= 0 && current) changes[at] = [key, { name: current.name, value }]; // a set after a set keeps the key's place: one change for both
      else changes.push([key, { name: current?.name ?? name.trim(), value }]);
    }
    return changes.length > MAX_CHANGES ? new VariableStore(fold(this.base, changes), []) : new VariableStore(this.base, changes);
  }

  without(name: string): VariableStore {
    return this.with(name, '');
  }

  get size(): number {
    return this.map().size;
  }

  /** Name and value pairs, names as first set. */
  toObject(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { name, value } of this.map().values()) out[name] = value;
    return out;
  }

  private entry(key: string): Entry | undefined {
    return lookup(this.base, this.changes, key);
  }

  private map(): ReadonlyMap<string, Entry> {
    if (this.changes.length === 0) return this.base;
    return (this.#folded ??= fold(this.base, this.changes));
  }
}

/** The entry for `key`: its newest change (a deletion gives undefined), else the base map's. */
function lookup(base: ReadonlyMap<string, Entry>, changes: readonly Change[], key: string): Entry | undefined {
  const at = newestChange(changes, key);
  return at >= 0 ? changes[at]![1] : base.get(key);
}

/** The index of the newest change to `key`, or -1. */
function newestChange(changes: readonly Change[], key: string): number {
  for (let i = changes.length - 1; i >= 0; i--) if (changes[i]![0] === key) return i;
  return -1;
}

/** A new map: `base` updated by the changes in order (a set keeps the key's place, a delete then set moves it last). */
function fold(base: ReadonlyMap<string, Entry>, changes: readonly Change[]): Map<string, Entry> {
  const map = new Map(base);
  for (const [key, entry] of changes) {
    if (entry) map.set(key, entry);
    else map.delete(key);
  }
  return map;
}
