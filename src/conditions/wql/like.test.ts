import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileLikePattern, matchesLike } from './like.js';

const cases: readonly (readonly [pattern: string, value: string, expected: boolean])[] = [
  // % is any run, including none; the whole value must match
  ['%', '', true],
  ['%', 'anything', true],
  ['%Latitude%', 'Latitude E7270', true],
  ['%Latitude%', 'Dell Latitude', true],
  ['%Latitude%', 'Latitud', false],
  ['6.1%', '6.1.7601', true],
  ['6.1%', '16.1', false],
  ['a%b', 'ab', true],
  ['a%b', 'axxb', true],
  ['a%b', 'axxbc', false],
  ['a%%b', 'ab', true],
  ['%a%b%c%', 'xxaxxbxxcxx', true],
  ['%a%b%c%', 'xxcxxbxxaxx', false],
  // without wildcards LIKE compares the whole string
  ['Virtual Machine', 'Virtual Machine', true],
  ['Virtual Machine', 'Virtual Machine 2', false],
  ['Virtual', 'Virtual Machine', false],
  ['', '', true],
  ['', 'a', false],
  // _ is exactly one character
  ['_', 'a', true],
  ['_', '', false],
  ['_', 'ab', false],
  ['a_c', 'abc', true],
  ['a_c', 'ac', false],
  ['_😀_', 'a😀b', true],
  ['_', '😀', true],
  // ranges and sets
  ['[a-f]', 'c', true],
  ['[a-f]', 'g', false],
  ['[abc]x', 'bx', true],
  ['[abc]x', 'dx', false],
  ['[^a-f]', 'g', true],
  ['[^a-f]', 'c', false],
  ['[^a-f]', '', false],
  ['10.0.[1-9][0-9][0-9][0-9][0-9]', '10.0.22631', true],
  ['10.0.[1-9][0-9][0-9][0-9][0-9]', '10.0.9600', false],
  ['[1-9][0-9].%', '10.0.19045', true],
  ['[1-9][0-9].%', '6.3.9600', false],
  ['[a-cx-z]', 'y', true],
  ['[a-cx-z]', 'm', false],
  ['[-a]', '-', true],
  ['[a-]', '-', true],
  ['[]]', ']', true],
  ['[^]]', ']', false],
  ['[^]]', 'x', true],
  ['[f-a]', 'c', false],
  // literal wildcards in brackets
  ['[_]', '_', true],
  ['[_]', 'a', false],
  ['100[%]', '100%', true],
  ['100[%]', '1000', false],
  ['a[_]b', 'a_b', true],
  ['a[_]b', 'axb', false],
  ['[[]x]', '[x]', true],
  // an unclosed [ is an ordinary character
  ['a[b', 'a[b', true],
  ['a[b', 'ab', false],
  // case-insensitive, including inside sets
  ['%DELL%', 'Dell Inc.', true],
  ['%dell%', 'DELL INC.', true],
  ['VMWare%', 'VMware Virtual Platform', true],
  ['[A-F]', 'c', true],
  ['[a-f]', 'C', true],
  ['[^A-F]', 'c', false],
  ['%ÄÖ%', 'xäöx', true],
  // backslash is an ordinary character (WQL LIKE has no escape)
  ['%\\Windows%', 'C:\\Windows\\System32', true],
  ['%\\Windows%', 'C:/Windows', false],
  // regex metacharacters mean themselves
  ['a.c', 'abc', false],
  ['a.c', 'a.c', true],
  ['(x)+$^', '(x)+$^', true],
  ['%.*%', 'a.*b', true],
  ['%.*%', 'ab', false],
];

for (const [pattern, value, expected] of cases) {
  test(`${JSON.stringify(value)} LIKE ${JSON.stringify(pattern)} is ${expected}`, () => {
    assert.equal(matchesLike(value, pattern), expected);
  });
}

test('a compiled pattern can be reused', () => {
  const m = compileLikePattern('%HP%');
  assert.equal(m('HP ProBook 445 G6'), true);
  assert.equal(m('Hewlett-Packard'), false);
  assert.equal(m('hp'), true);
});

test('pathological patterns finish quickly (no catastrophic backtracking)', () => {
  const value = 'a'.repeat(20_000);
  const pattern = '%a'.repeat(30) + '%b';
  const started = process.hrtime.bigint();
  assert.equal(matchesLike(value, pattern), false);
  assert.equal(matchesLike('a'.repeat(5_000) + 'b', '%a%a%a%a%a%a%a%a%b'), true);
  assert.equal(matchesLike('_'.repeat(10_000), '%' + '_'.repeat(50) + '%[^_]'), false);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.ok(ms < 2000, `took ${ms} ms`);
});
