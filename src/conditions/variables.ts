/**
 * Task sequence variables: names are case-insensitive, values are strings, setting "" deletes
 * (REFERENCE.md §5.7). Immutable: `with` returns a new store, so the engine's state stays a value.
 */
export class VariableStore {
  private constructor(private readonly entries: ReadonlyMap<string, { readonly name: string; readonly value: string }>) {}

  static empty(): VariableStore {
    return new VariableStore(new Map());
  }

  static from(values: Readonly<Record<string, string | number | boolean>> | Iterable<readonly [string, string]>): VariableStore {
    const map = new Map<string, { name: string; value: string }>();
    const pairs = Symbol.iterator in values ? (values as Iterable<readonly [string, string]>) : Object.entries(values as Record<string, unknown>);
    for (const [name, value] of pairs) {
      const v = typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value);
      if (v === '') map.delete(name.toLowerCase());
      else map.set(name.toLowerCase(), { name, value: v });
    }
    return new VariableStore(map);
  }

  get(name: string): string | undefined {
    return this.entries.get(name.trim().toLowerCase())?.value;
  }

  has(name: string): boolean {
    return this.entries.has(name.trim().toLowerCase());
  }

  /** A store with `name` set; "" deletes it (REFERENCE.md §5.7). */
  with(name: string, value: string): VariableStore {
    const map = new Map(this.entries);
    const key = name.trim().toLowerCase();
    if (value === '') map.delete(key);
    else map.set(key, { name: map.get(key)?.name ?? name.trim(), value });
    return new VariableStore(map);
  }

  without(name: string): VariableStore {
    return this.with(name, '');
  }

  get size(): number {
    return this.entries.size;
  }

  /** Name and value pairs, names as first set. */
  toObject(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { name, value } of this.entries.values()) out[name] = value;
    return out;
  }
}
