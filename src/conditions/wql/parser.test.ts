import { test } from 'node:test';
import assert from 'node:assert/strict';
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
  type WqlComparisonOperator,
  type WqlExpr,
  type WqlLiteral,
} from './ast.js';
import { evaluateWql, wqlClassLookup } from './evaluate.js';
import { parseWql, WQL_MAX_NESTING, WQL_MAX_TERMS } from './parser.js';
import { printWql } from './print.js';

const S = (value: string, quote: "'" | '"' = "'") => WqlStringLiteral.create(value, quote);
const N = (value: number, text?: string) => WqlNumberLiteral.create(value, text);
const cmp = (op: WqlComparisonOperator, property: string, value: WqlLiteral) => WqlComparison.create(op, property, value);
const eq = (property: string, value: number) => cmp('=', property, N(value));

function whereOf(text: string): WqlExpr | undefined {
  const r = parseWql(text);
  if (!r.ok) assert.fail(`${JSON.stringify(text)} did not parse: ${r.error.code} ${r.error.message} (column ${r.error.column})`);
  return r.query.where;
}

const conditions: readonly (readonly [string, WqlExpr])[] = [
  // every operator
  ['a = 1', cmp('=', 'a', N(1))],
  ['a <> 1', cmp('<>', 'a', N(1))],
  ['a != 1', cmp('!=', 'a', N(1))],
  ['a < 1', cmp('<', 'a', N(1))],
  ['a <= 1', cmp('<=', 'a', N(1))],
  ['a > 1', cmp('>', 'a', N(1))],
  ['a >= 1', cmp('>=', 'a', N(1))],
  ["a LIKE 'x%'", cmp('like', 'a', S('x%'))],
  ['DriveType=3', cmp('=', 'DriveType', N(3))],
  ["Type<>'NTFS'", cmp('<>', 'Type', S('NTFS'))],
  // quote styles and escapes
  ['Model = "Virtual Machine"', cmp('=', 'Model', S('Virtual Machine', '"'))],
  ["Model = 'Virtual Machine'", cmp('=', 'Model', S('Virtual Machine', "'"))],
  ["Path = 'C:\\\\Windows'", cmp('=', 'Path', S('C:\\Windows'))],
  ["Path LIKE '%\\Windows%'", cmp('like', 'Path', S('%\\Windows%'))],
  ["Name = 'it\\'s'", cmp('=', 'Name', S("it's"))],
  ['Name = "say \\"hi\\""', cmp('=', 'Name', S('say "hi"', '"'))],
  ['Name = "it\'s"', cmp('=', 'Name', S("it's", '"'))],
  ["Name = 'a\"b'", cmp('=', 'Name', S('a"b'))],
  ["Name = ''", cmp('=', 'Name', S(''))],
  ["Name = 'a\\nb'", cmp('=', 'Name', S('a\\nb'))],
  ["Name = 'Ünïcödé ✓'", cmp('=', 'Name', S('Ünïcödé ✓'))],
  // numbers, booleans, NULL
  ['a = -5', cmp('=', 'a', N(-5, '-5'))],
  ['a = 1.5', cmp('=', 'a', N(1.5, '1.5'))],
  ['a = 0x1F', cmp('=', 'a', N(31, '0x1F'))],
  ['a = -0x10', cmp('=', 'a', N(-16, '-0x10'))],
  ['a = 2.5e3', cmp('=', 'a', N(2500, '2.5e3'))],
  ['TotalPhysicalMemory > 17179869184', cmp('>', 'TotalPhysicalMemory', N(17179869184))],
  ['a = 18446744073709551615', cmp('=', 'a', N(18446744073709551615, '18446744073709551615'))],
  ['a = TRUE', cmp('=', 'a', WqlBooleanLiteral.create(true))],
  ['a = false', cmp('=', 'a', WqlBooleanLiteral.create(false))],
  ['a = Null', cmp('=', 'a', WqlNullLiteral.create())],
  // a constant on the left
  ["'x' = Prop", WqlComparison.create('=', 'Prop', S('x'), true)],
  ['5 < Prop', WqlComparison.create('<', 'Prop', N(5), true)],
  // case-insensitive keywords
  ['a=1 and b=2', WqlAnd.create(eq('a', 1), eq('b', 2))],
  ['a=1 oR b=2', WqlOr.create(eq('a', 1), eq('b', 2))],
  ["Model Like 'x'", cmp('like', 'Model', S('x'))],
  ['a iS nOt nUlL', WqlIsNull.create('a', true)],
  // precedence: AND binds tighter than OR; both group from the left
  ['a=1 OR b=2 AND c=3', WqlOr.create(eq('a', 1), WqlAnd.create(eq('b', 2), eq('c', 3)))],
  ['a=1 AND b=2 OR c=3', WqlOr.create(WqlAnd.create(eq('a', 1), eq('b', 2)), eq('c', 3))],
  ['(a=1 OR b=2) AND c=3', WqlAnd.create(WqlOr.create(eq('a', 1), eq('b', 2)), eq('c', 3))],
  ['a=1 OR b=2 OR c=3', WqlOr.create(WqlOr.create(eq('a', 1), eq('b', 2)), eq('c', 3))],
  ['a=1 AND b=2 AND c=3', WqlAnd.create(WqlAnd.create(eq('a', 1), eq('b', 2)), eq('c', 3))],
  ['a=1 AND (b=2 AND c=3)', WqlAnd.create(eq('a', 1), WqlAnd.create(eq('b', 2), eq('c', 3)))],
  ['((a=1))', eq('a', 1)],
  // NOT
  ['NOT PortName LIKE "%10.%"', WqlNot.create(cmp('like', 'PortName', S('%10.%', '"')))],
  ['NOT (a=1)', WqlNot.create(eq('a', 1))],
  ['NOT a=1 AND b=2', WqlAnd.create(WqlNot.create(eq('a', 1)), eq('b', 2))],
  ['NOT (a=1 OR b=2)', WqlNot.create(WqlOr.create(eq('a', 1), eq('b', 2)))],
  ['NOT NOT a=1', WqlNot.create(WqlNot.create(eq('a', 1)))],
  ["Name NOT LIKE '%sql%'", WqlNot.create(cmp('like', 'Name', S('%sql%')))],
  // IS NULL, ISA
  ['Caption IS NULL', WqlIsNull.create('Caption', false)],
  ['Caption IS NOT NULL', WqlIsNull.create('Caption', true)],
  ['__THIS ISA "Win32_LogicalDisk"', WqlIsa.create('__THIS', 'Win32_LogicalDisk', '"')],
  ["TargetInstance isa 'Win32_Process'", WqlIsa.create('TargetInstance', 'Win32_Process', "'")],
  // blanks
  ['\ta\r\n=\n1 ', eq('a', 1)],
];

for (const [condition, expected] of conditions) {
  test(`parses WHERE ${condition}`, () => {
    assert.deepEqual(whereOf(`SELECT * FROM Win32_X WHERE ${condition}`), expected);
  });
}

test('parses the select list, the class and an absent WHERE', () => {
  assert.deepEqual(parseWql('SELECT * FROM Win32_TPM'), { ok: true, query: WqlQuery.create('*', 'Win32_TPM') });
  assert.deepEqual(parseWql('select __relpath from win32_process'), { ok: true, query: WqlQuery.create(['__relpath'], 'win32_process') });
  assert.deepEqual(
    parseWql("Select Model, Manufacturer From Win32_ComputerSystem Where Model = 'x'"),
    { ok: true, query: WqlQuery.create(['Model', 'Manufacturer'], 'Win32_ComputerSystem', cmp('=', 'Model', S('x'))) },
  );
  // Names keep their spelling; only keywords are case-folded.
  const r = parseWql('select * from WIN32_computersystem where model = 1');
  assert.ok(r.ok);
  assert.equal(r.query.className, 'WIN32_computersystem');
  assert.equal(r.ok && r.query.where?.kind === 'comparison' && r.query.where.property, 'model');
  assert.equal('where' in parseWql('SELECT * FROM C') ? 'has where' : 'no where', 'no where');
});

test('a parsed tree is frozen', () => {
  const r = parseWql('SELECT a FROM C WHERE a = 1');
  assert.ok(r.ok);
  assert.ok(Object.isFrozen(r.query));
  assert.ok(Object.isFrozen(r.query.properties));
  assert.ok(Object.isFrozen(r.query.where));
});

const errors: readonly (readonly [text: string, code: string, column: number, message: RegExp])[] = [
  ['SELECT * FROM', 'WQL005', 14, /expected a class name after FROM, found end of input/],
  ['SELECT * FROM ', 'WQL005', 15, /expected a class name after FROM, found end of input/],
  ['SELECT * FROM Win32_X WHERE DriveType IS 5', 'WQL006', 42, /expected NULL after IS .*found number 5/],
  ['SELECT * FROM Win32_X WHERE DriveType IS NOT 5', 'WQL006', 46, /expected NULL after IS NOT .*found number 5/],
  ["SELECT * FROM C WHERE a = 'abc", 'WQL002', 27, /expected a closing ' .*found end of input/],
  ['SELECT * FROM C WHERE a = "abc\\"', 'WQL002', 27, /expected a closing " /],
  ['ASSOCIATORS OF {Win32_LogicalDisk.DeviceID="C:"} WHERE AssocClass = Win32_LogicalDiskRootDirectory', 'WQL004', 1, /unsupported.*ASSOCIATORS OF/],
  ['references of {Win32_Process.Handle=4}', 'WQL004', 1, /unsupported.*REFERENCES OF/],
  ["SELECT * FROM __InstanceCreationEvent WITHIN 5 WHERE TargetInstance ISA 'Win32_Process'", 'WQL004', 39, /unsupported.*WITHIN/],
  ['', 'WQL005', 1, /expected SELECT at the start of the query, found end of input/],
  ['UPDATE C SET a = 1', 'WQL005', 1, /expected SELECT .*found name UPDATE/],
  ['SELECT * FROM C WHERE', 'WQL005', 22, /expected a condition .*found end of input/],
  ["SELECT * FROM C WHERE a = 'x' AND", 'WQL005', 34, /expected a condition .*found end of input/],
  ['SELECT * FROM C WHERE a = b', 'WQL005', 27, /expected a constant .*found name b .*not with another property/],
  ['SELECT * FROM C WHERE a == 1', 'WQL005', 26, /expected a constant .*found '='/],
  ['SELECT * FROM C WHERE a LIKE 5', 'WQL005', 30, /expected a pattern string after LIKE, found number 5/],
  ['SELECT * FROM C WHERE a NOT = 5', 'WQL005', 29, /expected LIKE after a NOT, found '='/],
  ["SELECT * FROM C WHERE 'x' LIKE a", 'WQL005', 27, /expected a comparison operator after the constant, found keyword LIKE/],
  ['SELECT * FROM C WHERE a = 1;', 'WQL001', 28, /found unexpected character ";"/],
  ['SELECT * FROM C WHERE (a = 1', 'WQL005', 29, /expected '\)', AND or OR, found end of input/],
  ['SELECT * FROM C WHERE a = 1)', 'WQL005', 28, /expected AND, OR or end of query, found '\)' \(this '\)' closes no '\('\)/],
  ['SELECT * FROM C WHERE a = 1 b = 2', 'WQL005', 29, /expected AND, OR or end of query, found name b/],
  ['SELECT * FROM C WHERE a = 5abc', 'WQL003', 27, /malformed number "5abc"/],
  ['SELECT * FROM C WHERE a = 1.2.3', 'WQL003', 27, /malformed number "1.2.3"/],
  ['SELECT * FROM C WHERE a = 0x', 'WQL003', 27, /expected hexadecimal digits/],
  ['SELECT * FROM WHERE a = 1', 'WQL005', 15, /expected a class name after FROM, found keyword WHERE/],
  ['SELECT FROM C', 'WQL005', 8, /expected a property name or \* after SELECT, found keyword FROM/],
  ['SELECT a, FROM C', 'WQL005', 11, /expected a property name after ',', found keyword FROM/],
  ['SELECT a b FROM C', 'WQL005', 10, /expected FROM or , after the property name, found name b/],
  ['SELECT * FROM C D', 'WQL005', 17, /expected WHERE or end of query after class name C, found name D/],
  ['SELECT * FROM C WHERE a ISA Win32_X', 'WQL005', 29, /expected a class name in quotes after ISA, found name Win32_X/],
  ['SELECT * FROM C WHERE a', 'WQL005', 24, /expected a comparison operator, LIKE, IS or ISA after property a, found end of input/],
  ['SELECT * FROM C WHERE AND = 1', 'WQL005', 23, /expected a condition .*found keyword AND/],
  ['SELECT * FROM Çlass', 'WQL001', 15, /unexpected character "Ç"/],
  ['SELECT * FROM C WHERE a = 1 & b = 2', 'WQL001', 29, /unexpected character "&"/],
  ['SELECT *\nFROM C\nWHERE a IS 5', 'WQL006', 12, /expected NULL/],
  // Columns count characters: the astral 😀 before the fault is one column.
  ["SELECT * FROM C WHERE a = '😀' b", 'WQL005', 31, /found name b/],
];

for (const [text, code, column, message] of errors) {
  test(`reports ${code} at column ${column} for ${JSON.stringify(text)}`, () => {
    const r = parseWql(text);
    assert.equal(r.ok, false, 'should not parse');
    if (r.ok) return;
    assert.equal(r.error.code, code, r.error.message);
    assert.equal(r.error.column, column, r.error.message);
    assert.match(r.error.message, message);
    assert.match(r.error.message, /expected .*found |unsupported/);
  });
}

test('errors carry line and offset', () => {
  const r = parseWql('SELECT *\nFROM C\nWHERE a IS 5');
  assert.ok(!r.ok);
  assert.equal(r.error.line, 3);
  assert.equal(r.error.offset, 'SELECT *\nFROM C\nWHERE a IS '.length);
});

test('nesting deeper than the limit is an error, not a stack overflow', () => {
  const ok = parseWql(`SELECT * FROM C WHERE ${'('.repeat(WQL_MAX_NESTING - 1)}a = 1${')'.repeat(WQL_MAX_NESTING - 1)}`);
  assert.ok(ok.ok);
  for (const deep of [`${'('.repeat(100_000)}a = 1`, `${'NOT '.repeat(100_000)}a = 1`]) {
    const r = parseWql(`SELECT * FROM C WHERE ${deep}`);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'WQL007');
  }
});

test('the longest chain of ORs allowed parses, prints and evaluates; one more is an error, not a stack overflow', () => {
  const chain = (n: number): string => `SELECT * FROM C WHERE ${Array.from({ length: n }, (_, i) => `a = ${i}`).join(' OR ')}`;
  const longest = parseWql(chain(WQL_MAX_TERMS));
  assert.ok(longest.ok);
  assert.equal(printWql(longest.query), chain(WQL_MAX_TERMS));
  const r = evaluateWql(longest.query, wqlClassLookup({ C: [{ a: WQL_MAX_TERMS - 1 }, { a: -1 }] }));
  assert.equal(r.error, undefined);
  assert.equal(r.matched.length, 1);
  const over = parseWql(chain(WQL_MAX_TERMS + 1));
  assert.ok(!over.ok);
  assert.equal(over.error.code, 'WQL009');
});

test('parseWql does not throw on a non-string', () => {
  const r = parseWql(undefined as unknown as string);
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'WQL005');
});
