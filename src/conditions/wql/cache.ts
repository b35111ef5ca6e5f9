/**
 * `compileWql`: `parseWql` remembered by the exact query text. A task sequence asks the same few
 * queries again and again (OS platform checks repeat across every osExpressionGroup), and parsed
 * queries are frozen data, so one parse can be shared. The cache is a bounded LRU (a Map keeps
 * insertion order: a hit moves its entry to the back, the front is the least recently used).
 */
import { parseWql, type WqlParseResult } from './parser.js';

export const WQL_CACHE_LIMIT = 1000;

const cache = new Map<string, WqlParseResult>();
let enabled = true;

export function compileWql(text: string): WqlParseResult {
  if (!enabled || typeof text !== 'string') return parseWql(text);
  const hit = cache.get(text);
  if (hit !== undefined) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const result = parseWql(text);
  cache.set(text, result);
  if (cache.size > WQL_CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  return result;
}

/** Turn the cache off (for benchmarks of the parser itself) or back on; turning it off empties it. */
export function setWqlCacheEnabled(on: boolean): void {
  enabled = on;
  if (!on) cache.clear();
}

export function clearWqlCache(): void {
  cache.clear();
}

/** How many parse results the cache holds now. */
export function wqlCacheSize(): number {
  return cache.size;
}
