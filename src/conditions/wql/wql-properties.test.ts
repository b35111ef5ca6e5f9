/**
 * Property-based tests (fast-check): printing and parsing are inverse, parsing and evaluating
 * never throw, NOT splits instances in two, and LIKE agrees with a RegExp reference.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  WqlAnd,
  WqlBooleanLiteral,
  WqlComparison,
  WqlIsa,
  WqlIsNull,
  WqlNot,
  WqlNullLiteral,
  WqlNumberLiteral,
  WqlOr,
  WqlQuery,
  WqlStringLiteral,
  isWqlReservedWord,
  type WqlComparisonOperator,
  type WqlExpr,
  type WqlLiteral,
  type WqlQuote,
} from './ast.js';
import { evaluateWql, type WqlInstance } from './evaluate.js';
import { matchesLike } from './like.js';
import { parseWql } from './parser.js';
import { printWql } from './print.js';

const RUNS = { numRuns: 500 };

const trickyNames = ['Not_', 'ISA_', 'likes', 'TRUEx', 'nullable', 'Island', 'Order', 'Org', 'Android', '__THIS', '_', 'x1', 'Win32_OperatingSystem', 'associators'];
const identifier = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/).filter((n) => !isWqlReservedWord(n)),
  fc.constantFrom(...trickyNames),
);

const quote = fc.constantFrom<WqlQuote>("'", '"');
const nastyChar = fc.constantFrom("'", '"', '\\', '\\\\', 'a', 'Z', ' ', '%', '_', '[', ']', '^', '-', '\n', '\t', '\r', 'é', '😀', ';', '(', ')', '=', 'AND', 'OR');
const stringValue = fc.oneof(fc.string({ unit: nastyChar, maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }));

const numberLiteral = fc.oneof(
  fc.integer().map((n) => WqlNumberLiteral.create(n)),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }).map((b) => WqlNumberLiteral.create(Number(b), b.toString())),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => WqlNumberLiteral.create(Object.is(d, -0) ? 0 : d)),
  fc.tuple(fc.boolean(), fc.nat(), fc.boolean()).map(([negative, n, upper]) => {
    const digits = upper ? n.toString(16).toUpperCase() : n.toString(16);
    return WqlNumberLiteral.create(negative ? -n : n, `${negative ? '-' : ''}0${upper ? 'X' : 'x'}${digits}`);
  }),
);

const literal: fc.Arbitrary<WqlLiteral> = fc.oneof(
  fc.tuple(stringValue, quote).map(([v, q]) => WqlStringLiteral.create(v, q)),
  numberLiteral,
  fc.boolean().map((b) => WqlBooleanLiteral.create(b)),
  fc.constant(WqlNullLiteral.create()),
);

const symbolOperator = fc.constantFrom<WqlComparisonOperator>('=', '<>', '!=', '<', '<=', '>', '>=');

const predicate: fc.Arbitrary<WqlExpr> = fc.oneof(
  fc.tuple(symbolOperator, identifier, literal, fc.boolean()).map(([op, p, v, right]) => WqlComparison.create(op, p, v, right)),
  fc.tuple(identifier, stringValue, quote).map(([p, v, q]) => WqlComparison.create('like', p, WqlStringLiteral.create(v, q))),
  fc.tuple(identifier, fc.boolean()).map(([p, negated]) => WqlIsNull.create(p, negated)),
  fc.tuple(identifier, stringValue, quote).map(([p, c, q]) => WqlIsa.create(p, c, q)),
);

const { expr } = fc.letrec<{ expr: WqlExpr }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 5, depthIdentifier: 'expr' },
    predicate,
    tie('expr').map((e) => WqlNot.create(e)),
    fc.tuple(tie('expr'), tie('expr')).map(([l, r]) => WqlAnd.create(l, r)),
    fc.tuple(tie('expr'), tie('expr')).map(([l, r]) => WqlOr.create(l, r)),
  ),
}));

const query: fc.Arbitrary<WqlQuery> = fc
  .tuple(fc.oneof(fc.constant('*' as const), fc.array(identifier, { minLength: 1, maxLength: 4 })), identifier, fc.option(expr, { nil: undefined }))
  .map(([props, cls, where]) => WqlQuery.create(props, cls, where));

test('parseWql(printWql(q)) gives q back', () => {
  fc.assert(
    fc.property(query, (q) => {
      const text = printWql(q);
      const back = parseWql(text);
      if (!back.ok) throw new Error(`${text}\n→ ${back.error.code} ${back.error.message} at column ${back.error.column}`);
      assert.deepStrictEqual(back.query, q);
    }),
    RUNS,
  );
});

function assertWellFormed(text: string): void {
  const r = parseWql(text);
  if (r.ok) {
    // Whatever parses prints to text that parses to the same tree.
    const again = parseWql(printWql(r.query));
    assert.ok(again.ok);
    assert.deepStrictEqual(again.query, r.query);
  } else {
    assert.match(r.error.code, /^WQL00[1-7]$/, r.error.message);
    assert.ok(r.error.offset >= 0 && r.error.offset <= text.length);
    assert.ok(r.error.column >= 1 && r.error.line >= 1);
    assert.match(r.error.message, /expected .*, found |unsupported/);
  }
}

test('parseWql never throws on arbitrary text', () => {
  fc.assert(fc.property(fc.string(), assertWellFormed), RUNS);
  fc.assert(fc.property(fc.string({ unit: 'binary' }), assertWellFormed), RUNS);
});

test('parseWql never throws on WQL-like token soup', () => {
  const token = fc.oneof(
    fc.constantFrom('SELECT', 'select', '*', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IS', 'NULL', 'ISA', 'LIKE', 'TRUE', 'FALSE', '(', ')', ',', '=', '<>', '!=', '<', '<=', '>', '>=', '-', '0x', '1.5', '-7', "'a'", '"b"', "'", '"', '\\', 'ASSOCIATORS', 'OF', '{', '}', ';', 'Win32_X', 'Prop'),
    identifier,
  );
  const soup = fc.array(token, { maxLength: 25 }).map((ts) => ts.join(' '));
  const startsRight = fc.tuple(fc.constantFrom('SELECT * FROM C WHERE ', 'SELECT a, b FROM C WHERE '), soup).map(([a, b]) => a + b);
  fc.assert(fc.property(fc.oneof(soup, startsRight), assertWellFormed), { numRuns: 2000 });
});

const propertyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything(),
  fc.integer(),
  fc.bigInt(),
  fc.double(),
  fc.boolean(),
  fc.constantFrom('TRUE', 'false', '1', '0', '10.0.22631', '17179869184', '', 'Dell Inc.', '0x10', 'NaN'),
  fc.string({ maxLength: 6 }),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), fc.boolean()), { maxLength: 3 }),
  fc.constant(null),
  fc.constant(undefined),
  fc.record({ __CLASS: identifier, __DERIVATION: fc.array(identifier, { maxLength: 3 }) }),
);

const instance: fc.Arbitrary<WqlInstance> = fc.dictionary(fc.oneof(identifier, fc.constantFrom('__CLASS', '__DERIVATION', 'Prop', 'prop')), propertyValue, { maxKeys: 6 });
const instances = fc.array(fc.oneof({ weight: 5, arbitrary: instance }, { weight: 1, arbitrary: fc.anything() as fc.Arbitrary<WqlInstance> }), { maxLength: 6 });

test('evaluateWql never throws, and returns only given instances', () => {
  fc.assert(
    fc.property(query, instances, (q, list) => {
      const result = evaluateWql(q, () => list);
      assert.equal(result.error, undefined);
      for (const m of result.matched) assert.ok(list.includes(m));
    }),
    RUNS,
  );
  fc.assert(
    fc.property(query, fc.anything(), (q, whatever) => {
      const result = evaluateWql(q, () => whatever as WqlInstance[]);
      assert.ok(Array.isArray(result.matched));
    }),
    RUNS,
  );
});

test('WHERE e and WHERE NOT e split the instances in two', () => {
  fc.assert(
    fc.property(identifier, expr, instances, (cls, e, list) => {
      const yes = evaluateWql(WqlQuery.create('*', cls, e), () => list).matched;
      const no = evaluateWql(WqlQuery.create('*', cls, WqlNot.create(e)), () => list).matched;
      const all = evaluateWql(WqlQuery.create('*', cls), () => list).matched;
      assert.equal(yes.length + no.length, all.length);
      for (const m of yes) assert.ok(!no.includes(m));
    }),
    RUNS,
  );
});

// LIKE against a reference built from the same pattern as a RegExp.
type LikePiece = { kind: 'any' } | { kind: 'one' } | { kind: 'char'; c: string } | { kind: 'set'; negated: boolean; members: string[] };
const literalChars = 'aAbBzZ09.*\\-^]x ';
const setMember = fc.oneof(fc.constantFrom(...'abcfxyzABCF0159'), fc.constantFrom('a-f', 'A-F', '0-9', 'x-z'));
const likePiece: fc.Arbitrary<LikePiece> = fc.oneof(
  fc.constant<LikePiece>({ kind: 'any' }),
  fc.constant<LikePiece>({ kind: 'one' }),
  fc.constantFrom(...literalChars).map((c): LikePiece => ({ kind: 'char', c })),
  fc.tuple(fc.boolean(), fc.array(setMember, { minLength: 1, maxLength: 3 })).map(([negated, members]): LikePiece => ({ kind: 'set', negated, members })),
);

function likeText(pieces: readonly LikePiece[]): string {
  return pieces
    .map((p) => (p.kind === 'any' ? '%' : p.kind === 'one' ? '_' : p.kind === 'char' ? p.c : `[${p.negated ? '^' : ''}${p.members.join('')}]`))
    .join('');
}

function likeRegExp(pieces: readonly LikePiece[]): RegExp {
  const esc = (c: string) => c.replace(/[\\^$.*+?()[\]{}|\-/]/g, '\\$&');
  const body = pieces
    .map((p) => {
      if (p.kind === 'any') return '[\\s\\S]*';
      if (p.kind === 'one') return '[\\s\\S]';
      if (p.kind === 'char') return esc(p.c);
      const members = p.members.map((m) => (m.length === 3 ? `${esc(m[0]!)}-${esc(m[2]!)}` : esc(m))).join('');
      return `[${p.negated ? '^' : ''}${members}]`;
    })
    .join('');
  return new RegExp(`^${body}$`, 'i');
}

test('LIKE agrees with a RegExp reference', () => {
  const subjectChars = fc.constantFrom(...'aAbBcCfFgzZ0159.*\\-^]x %_[');
  fc.assert(
    fc.property(fc.array(likePiece, { maxLength: 8 }), fc.string({ unit: subjectChars, maxLength: 12 }), (pieces, subject) => {
      assert.equal(matchesLike(subject, likeText(pieces)), likeRegExp(pieces).test(subject), `${JSON.stringify(subject)} LIKE ${JSON.stringify(likeText(pieces))}`);
    }),
    { numRuns: 3000 },
  );
});

test('LIKE matches a value against itself with wildcards bracketed', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (s) => {
      const pattern = Array.from(s, (c) => (c === '%' || c === '_' || c === '[' ? `[${c}]` : c)).join('');
      assert.ok(matchesLike(s, pattern));
      if (/^[\x00-\x7f]*$/.test(s)) assert.ok(matchesLike(s.toUpperCase(), pattern.toLowerCase()));
      assert.ok(matchesLike(s, '%'));
    }),
    RUNS,
  );
});
