import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clearWqlCache, compileWql, setWqlCacheEnabled, wqlCacheSize, WQL_CACHE_LIMIT } from './cache.js';
import { parseWql } from './parser.js';

test('compileWql gives the same result object for the same text', () => {
  clearWqlCache();
  const text = 'SELECT * FROM Win32_TPM';
  const first = compileWql(text);
  assert.deepEqual(first, parseWql(text));
  assert.equal(compileWql(text), first);
  assert.equal(wqlCacheSize(), 1);
  // The key is the exact text: another spelling is another entry.
  assert.notEqual(compileWql('select * from Win32_TPM'), first);
  assert.equal(wqlCacheSize(), 2);
});

test('errors are cached too', () => {
  clearWqlCache();
  const bad = compileWql('SELECT * FROM');
  assert.equal(bad.ok, false);
  assert.equal(compileWql('SELECT * FROM'), bad);
});

test('the cache is bounded and evicts the least recently used entry', () => {
  clearWqlCache();
  const text = (i: number) => `SELECT * FROM C WHERE a = ${i}`;
  const first = Array.from({ length: WQL_CACHE_LIMIT }, (_, i) => compileWql(text(i)));
  assert.equal(wqlCacheSize(), WQL_CACHE_LIMIT);
  // Use 0 and 1 again: 2 becomes the least recently used, then 3.
  assert.equal(compileWql(text(1)), first[1]);
  assert.equal(compileWql(text(0)), first[0]);
  compileWql(text(WQL_CACHE_LIMIT));
  assert.equal(wqlCacheSize(), WQL_CACHE_LIMIT);
  assert.equal(compileWql(text(0)), first[0], 'a recently used entry is kept');
  assert.equal(compileWql(text(1)), first[1], 'a recently used entry is kept');
  assert.equal(compileWql(text(3)), first[3], 'only one entry was evicted');
  const again = compileWql(text(2));
  assert.notEqual(again, first[2], 'the least recently used entry was evicted and is parsed again');
  assert.deepEqual(again, first[2]);
  assert.equal(wqlCacheSize(), WQL_CACHE_LIMIT);
});

test('the cache can be turned off and cleared', () => {
  clearWqlCache();
  compileWql('SELECT * FROM A');
  assert.equal(wqlCacheSize(), 1);
  clearWqlCache();
  assert.equal(wqlCacheSize(), 0);
  setWqlCacheEnabled(false);
  try {
    const a = compileWql('SELECT * FROM A');
    const b = compileWql('SELECT * FROM A');
    assert.notEqual(a, b);
    assert.deepEqual(a, b);
    assert.equal(wqlCacheSize(), 0);
  } finally {
    setWqlCacheEnabled(true);
  }
  const c = compileWql('SELECT * FROM A');
  assert.equal(compileWql('SELECT * FROM A'), c);
});
