/**
 * The properties of a model object while it is read, made into the object in one step.
 *
 * Why not fill an object property by property: V8 keeps an object whose properties are added under
 * computed names (`obj[def.name] = …`) in fast form only up to a dozen of them, then turns it into
 * a dictionary. A step has ten to twenty properties, so every step, operand and condition read that
 * way was a hash table: several times the memory of a fast object, more garbage collection while
 * reading (the largest cost of a read after the XML parser itself), and a hash lookup on every
 * property access afterwards. An object literal makes a fast object whatever its size, and objects
 * with the same properties in the same order share one hidden class; so a draft collects the
 * properties in order, then calls a literal made once for that list of property names.
 */
export class ModelDraft {
  private readonly keys: string[] = [];
  private readonly values: unknown[] = [];

  get(key: string): unknown {
    const i = this.keys.indexOf(key);
    return i < 0 ? undefined : this.values[i];
  }

  /** Sets a property; a new one goes last, an existing one keeps its place (as on an object). */
  set(key: string, value: unknown): void {
    const i = this.keys.indexOf(key);
    if (i < 0) {
      this.keys.push(key);
      this.values.push(value);
    } else this.values[i] = value;
  }

  /** The object: properties in the order they were first set. */
  build(): Record<string, unknown> {
    const factory = factoryFor(this.keys);
    if (factory) return factory(this.values);
    const obj: Record<string, unknown> = {};
    for (let i = 0; i < this.keys.length; i++) {
      Object.defineProperty(obj, this.keys[i]!, { value: this.values[i], enumerable: true, writable: true, configurable: true });
    }
    return obj;
  }
}

type Factory = (values: readonly unknown[]) => Record<string, unknown>;

/** A level of the factory cache: one per property name list prefix. */
interface FactoryNode {
  readonly next: Map<string, FactoryNode>;
  factory: Factory | undefined;
}

const root: FactoryNode = { next: new Map(), factory: undefined };
let factories = 0;

/**
 * How many property lists get a literal of their own. Real sequences show a few hundred (a list per
 * class and set of properties present); a hostile file of steps with made-up variable names could
 * make one per step, and compiling each would cost more than it saves. Past the bound, objects are
 * built property by property, as correct and only slower.
 */
const MAX_FACTORIES = 2000;
/** Longer lists are built property by property (V8 keeps literals of at most 128 properties fast). */
const MAX_LITERAL_PROPERTIES = 100;

function factoryFor(keys: readonly string[]): Factory | undefined {
  if (keys.length > MAX_LITERAL_PROPERTIES) return undefined;
  let node = root;
  for (const key of keys) {
    let child = node.next.get(key);
    if (!child) {
      if (factories >= MAX_FACTORIES) return undefined;
      node.next.set(key, (child = { next: new Map(), factory: undefined }));
    }
    node = child;
  }
  if (node.factory) return node.factory;
  if (factories >= MAX_FACTORIES) return undefined;
  factories++;
  // Names are written as JSON string literals: any property name (an unknown variable's) is safe.
  // `__proto__` only as a computed name, which makes a property instead of setting the prototype.
  const body = `return {${keys.map((k, i) => `${k === '__proto__' ? '["__proto__"]' : JSON.stringify(k)}: v[${i}]`).join(', ')}};`;
  node.factory = new Function('v', body) as Factory;
  return node.factory;
}
