import { SOURCE, type Provenance } from '../model/provenance.js';

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
  private count = 0;
  /** Where each property is, once there are more than INDEXED_FROM. */
  private byKey: Map<string, number> | undefined;
  /** The factory trie's node for the keys so far; undefined once past the trie's bounds. */
  private node: FactoryNode | undefined = root;

  /**
   * A draft to fill and build. Drafts are reused: a read makes one per step, condition and operand,
   * and nests them only as deep as the sequence does, so a few serve a whole document.
   */
  static start(): ModelDraft {
    const draft = pool.pop() ?? new ModelDraft();
    draft.count = 0;
    draft.node = root;
    draft.byKey = undefined;
    return draft;
  }

  /** How many properties are set. */
  get size(): number {
    return this.count;
  }

  get(key: string): unknown {
    const i = this.position(key);
    return i < 0 ? undefined : this.values[i];
  }

  /** Sets a property; a new one goes last, an existing one keeps its place (as on an object). */
  set(key: string, value: unknown): void {
    const i = this.position(key);
    if (i >= 0) this.values[i] = value;
    else this.add(key, value);
  }

  /** Sets a property known not to be set yet (position() said so): it goes last. */
  add(key: string, value: unknown): void {
    this.keys[this.count] = key;
    this.values[this.count] = value;
    if (this.byKey) this.byKey.set(key, this.count);
    else if (this.count === INDEXED_FROM) this.byKey = new Map(this.keys.slice(0, this.count + 1).map((k, i) => [k, i]));
    this.count++;
    if (this.node) this.node = this.count > MAX_LITERAL_PROPERTIES ? undefined : childOf(this.node, key);
  }

  /**
   * The object, properties in the order they were first set, with `provenance` under SOURCE (whose
   * `read` it sets to the object), frozen; the draft goes back to the pool.
   */
  build(provenance: MutableProvenance): Record<string, unknown> {
    const factory = this.node && factoryOf(this.node, this.keys, this.count);
    let obj: Record<string, unknown>;
    if (factory) obj = factory(this.values, provenance);
    else {
      obj = {};
      for (let i = 0; i < this.count; i++) {
        Object.defineProperty(obj, this.keys[i]!, { value: this.values[i], enumerable: true, writable: true, configurable: true });
      }
      (obj as { [SOURCE]?: Provenance })[SOURCE] = provenance;
    }
    provenance.read = obj;
    this.values.fill(undefined, 0, this.count); // hold no values while in the pool
    if (pool.length < POOL_SIZE) pool.push(this);
    return Object.freeze(obj);
  }

  /** Where a property is among those set, in order; -1 when it is not set. */
  position(key: string): number {
    if (this.byKey) return this.byKey.get(key) ?? -1;
    for (let i = 0; i < this.count; i++) if (this.keys[i] === key) return i;
    return -1;
  }
}

/**
 * Past this many properties a draft finds them through a map. A step has 10 to 25, found faster by
 * comparing; a hostile step of 200,000 variables made each read of it a search of all before it,
 * minutes in all.
 */
const INDEXED_FROM = 64;

const pool: ModelDraft[] = [];
/** Enough for conditions nested as deep as the XML allows reads to go without allocating. */
const POOL_SIZE = 64;

/** A Provenance being made: its `read` is the object, set once the object exists. */
export type MutableProvenance = { -readonly [K in keyof Provenance]: Provenance[K] };

/**
 * Makes the object for one list of property names, its provenance among them: added after the
 * literal, the provenance took a second allocation for every object of the model (an out-of-object
 * property array, 1.2 MB of bench/xml.ts's 10.9 MB sequence).
 */
type Factory = (values: readonly unknown[], provenance: Provenance) => Record<string, unknown>;

/** A level of the factory cache: one per property name list prefix. */
interface FactoryNode {
  readonly next: Map<string, FactoryNode>;
  /** The child taken last: objects of a class mostly list the same properties in the same order. */
  lastKey: string | undefined;
  lastChild: FactoryNode | undefined;
  factory: Factory | undefined;
}

const newNode = (): FactoryNode => ({ next: new Map(), lastKey: undefined, lastChild: undefined, factory: undefined });
const root: FactoryNode = newNode();
let nodes = 0;
let factories = 0;

/**
 * How many property lists get a literal of their own. Real sequences show a few hundred (a list per
 * class and set of properties present); a hostile file of steps with made-up variable names could
 * make one per step, and compiling each would cost more than it saves. Past the bound, objects are
 * built property by property, as correct and only slower.
 */
const MAX_FACTORIES = 2000;
const MAX_NODES = 20_000;
/** Longer lists are built property by property (V8 keeps literals of at most 128 properties fast). */
const MAX_LITERAL_PROPERTIES = 100;

function childOf(node: FactoryNode, key: string): FactoryNode | undefined {
  if (node.lastKey === key) return node.lastChild;
  let child = node.next.get(key);
  if (!child) {
    if (nodes >= MAX_NODES) return undefined;
    nodes++;
    node.next.set(key, (child = newNode()));
  }
  node.lastKey = key;
  node.lastChild = child;
  return child;
}

function factoryOf(node: FactoryNode, keys: readonly string[], count: number): Factory | undefined {
  if (node.factory) return node.factory;
  if (factories >= MAX_FACTORIES) return undefined;
  factories++;
  // Names are written as JSON string literals: any property name (an unknown variable's) is safe.
  // `__proto__` only as a computed name, which makes a property instead of setting the prototype.
  const names = keys.slice(0, count);
  const body = `return (v, p) => ({${names.map((k, i) => `${k === '__proto__' ? '["__proto__"]' : JSON.stringify(k)}: v[${i}], `).join('')}[SOURCE]: p});`;
  try {
    node.factory = new Function('SOURCE', body)(SOURCE) as Factory;
  } catch {
    // A page whose Content Security Policy forbids compiling code (the console in a browser):
    // objects are built property by property from then on.
    factories = MAX_FACTORIES;
    return undefined;
  }
  return node.factory;
}
