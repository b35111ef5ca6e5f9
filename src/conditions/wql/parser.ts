/**
 * `parseWql`: WQL text → WqlQuery, or a WqlError saying what was expected and what was found.
 * Never throws. The grammar is the data query WMI conditions use (REFERENCE.md §11):
 *
 *   query      := SELECT ('*' | name (',' name)*) FROM name [WHERE or] end
 *   or         := and (OR and)*                 -- AND binds tighter than OR, as in SQL
 *   and        := unary (AND unary)*
 *   unary      := NOT unary | '(' or ')' | predicate
 *   predicate  := name op constant | constant op name
 *               | name [NOT] LIKE string | name IS [NOT] NULL | name ISA string
 *   op         := '=' | '<>' | '!=' | '<' | '<=' | '>' | '>='
 *   constant   := string | number | TRUE | FALSE | NULL
 *
 * Keywords and names are case-insensitive. `a OR b OR c` groups from the left.
 * `Prop NOT LIKE 'x'` is read as `NOT Prop LIKE 'x'` (the same tree; printed in the second form).
 */
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
  type WqlExpr,
  type WqlLiteral,
} from './ast.js';
import { WqlLexer, type WqlToken } from './lexer.js';
import { wqlError, type WqlError, type WqlErrorCode } from './wql-error.js';

export type WqlParseResult = { readonly ok: true; readonly query: WqlQuery } | { readonly ok: false; readonly error: WqlError };

/** Deeper nesting of parentheses and NOTs than any condition needs; it keeps the parser's recursion bounded. */
export const WQL_MAX_NESTING = 200;

/**
 * More comparisons than a condition's query can hold: the Query property takes 16,384 characters,
 * room for about 2,300 (`a=1 OR …`). AND and OR build a binary tree as deep as the chain is long,
 * and everything that walks the tree recurses: the bound keeps that recursion bounded too.
 */
export const WQL_MAX_TERMS = 4096;

/** Words that start the WQL query forms conditions do not use (REFERENCE.md §11). */
const UNSUPPORTED_QUERY_STARTS = new Set(['ASSOCIATORS', 'REFERENCES']);
/** Event-query clauses that may follow the class name. */
const UNSUPPORTED_CLAUSES = new Set(['WITHIN', 'GROUP', 'HAVING']);

/** Thrown inside the parser only, and always caught by `parseWql`. */
class ParseFailure {
  constructor(readonly error: WqlError) {}
}

export function parseWql(text: string): WqlParseResult {
  try {
    if (typeof text !== 'string') {
      return { ok: false, error: wqlError('WQL005', `expected the text of a WQL query, found ${text === null ? 'null' : typeof text}`, '', 0) };
    }
    return { ok: true, query: new Parser(text).query() };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    const reason = e instanceof Error ? e.message : String(e);
    return { ok: false, error: wqlError('WQL008', `internal error while parsing the query: ${reason}`, typeof text === 'string' ? text : '', 0) };
  }
}

class Parser {
  private readonly lexer: WqlLexer;
  private current: WqlToken;
  private depth = 0;
  private terms = 0;

  constructor(private readonly text: string) {
    this.lexer = new WqlLexer(text);
    this.current = this.read();
  }

  query(): WqlQuery {
    const first = this.current;
    if (first.type === 'name' && UNSUPPORTED_QUERY_STARTS.has(first.text.toUpperCase())) {
      this.fail('WQL004', `unsupported query: ${first.text.toUpperCase()} OF queries are not supported; conditions use SELECT … FROM … [WHERE …]`, first);
    }
    this.expectKeyword('SELECT', 'SELECT at the start of the query');

    let properties: '*' | string[];
    if (this.isPunctuation('*')) {
      this.advance();
      properties = '*';
    } else {
      properties = [this.expectName('a property name or * after SELECT')];
      while (this.isPunctuation(',')) {
        this.advance();
        properties.push(this.expectName("a property name after ','"));
      }
    }
    this.expectKeyword('FROM', properties === '*' ? 'FROM after SELECT *' : 'FROM or , after the property name');
    const className = this.expectName('a class name after FROM');

    let where: WqlExpr | undefined;
    if (this.isKeyword('WHERE')) {
      this.advance();
      where = this.or();
      this.expectEnd('AND, OR or end of query');
    } else {
      const t = this.current;
      if (t.type === 'name' && UNSUPPORTED_CLAUSES.has(t.text.toUpperCase())) {
        this.fail('WQL004', `unsupported query: the event-query clause ${t.text.toUpperCase()} is not supported in a condition`, t);
      }
      this.expectEnd(`WHERE or end of query after class name ${className}`);
    }
    return WqlQuery.create(properties, className, where);
  }

  private or(): WqlExpr {
    let left = this.and();
    while (this.isKeyword('OR')) {
      this.advance();
      left = WqlOr.create(left, this.and());
    }
    return left;
  }

  private and(): WqlExpr {
    let left = this.unary();
    while (this.isKeyword('AND')) {
      this.advance();
      left = WqlAnd.create(left, this.unary());
    }
    return left;
  }

  private unary(): WqlExpr {
    if (++this.depth > WQL_MAX_NESTING) {
      this.fail('WQL007', `expected at most ${WQL_MAX_NESTING} nested parentheses or NOTs, found more`, this.current);
    }
    try {
      if (this.isKeyword('NOT')) {
        this.advance();
        return WqlNot.create(this.unary());
      }
      if (this.isPunctuation('(')) {
        this.advance();
        const inner = this.or();
        if (!this.isPunctuation(')')) this.fail('WQL005', `expected ')', AND or OR, found ${this.describe(this.current)}`, this.current);
        this.advance();
        return inner;
      }
      return this.predicate();
    } finally {
      this.depth--;
    }
  }

  private predicate(): WqlExpr {
    const t = this.current;
    if (++this.terms > WQL_MAX_TERMS) this.fail('WQL009', `expected at most ${WQL_MAX_TERMS} comparisons joined by AND and OR, found more`, t);
    if (t.type === 'name' && !isWqlReservedWord(t.text)) {
      this.advance();
      return this.afterProperty(t.text);
    }
    const literal = this.literal();
    if (literal) {
      // `'x' = Prop`: the constant is on the left; the operator stays as written.
      const op = this.current;
      if (op.type !== 'operator') this.fail('WQL005', `expected a comparison operator after the constant, found ${this.describe(op)}`, op);
      this.advance();
      const property = this.expectName(`a property name after '${op.text}' (a constant is compared with a property)`);
      return WqlComparison.create(op.text, property, literal, true);
    }
    return this.fail('WQL005', `expected a condition (a property, NOT or '('), found ${this.describe(t)}`, t);
  }

  private afterProperty(property: string): WqlExpr {
    const t = this.current;
    if (t.type === 'operator') {
      this.advance();
      const value = this.literal();
      if (!value) {
        const found = this.current;
        const why = found.type === 'name' && !isWqlReservedWord(found.text) ? ' (WQL compares a property with a constant, not with another property)' : '';
        this.fail('WQL005', `expected a constant (string, number, TRUE, FALSE or NULL) after '${t.text}', found ${this.describe(found)}${why}`, found);
      }
      return WqlComparison.create(t.text, property, value);
    }
    if (this.isKeyword('LIKE')) {
      this.advance();
      return WqlComparison.create('like', property, this.likePattern());
    }
    if (this.isKeyword('NOT')) {
      this.advance();
      if (!this.isKeyword('LIKE')) this.fail('WQL005', `expected LIKE after ${property} NOT, found ${this.describe(this.current)}`, this.current);
      this.advance();
      return WqlNot.create(WqlComparison.create('like', property, this.likePattern()));
    }
    if (this.isKeyword('IS')) {
      this.advance();
      let negated = false;
      if (this.isKeyword('NOT')) {
        this.advance();
        negated = true;
      }
      // IS only goes with the constant NULL (REFERENCE.md §11: `DriveType IS 5` is invalid).
      if (!this.isKeyword('NULL')) {
        this.fail('WQL006', `expected NULL after IS${negated ? ' NOT' : ''} (IS only tests for NULL), found ${this.describe(this.current)}`, this.current);
      }
      this.advance();
      return WqlIsNull.create(property, negated);
    }
    if (this.isKeyword('ISA')) {
      this.advance();
      const c = this.current;
      if (c.type !== 'string') this.fail('WQL005', `expected a class name in quotes after ISA, found ${this.describe(c)}`, c);
      this.advance();
      return WqlIsa.create(property, c.value, c.quote);
    }
    return this.fail('WQL005', `expected a comparison operator, LIKE, IS or ISA after property ${property}, found ${this.describe(t)}`, t);
  }

  private likePattern(): WqlStringLiteral {
    const t = this.current;
    if (t.type !== 'string') this.fail('WQL005', `expected a pattern string after LIKE, found ${this.describe(t)}`, t);
    this.advance();
    return WqlStringLiteral.create(t.value, t.quote);
  }

  /** A constant, consumed; undefined (nothing consumed) when the current token is not one. */
  private literal(): WqlLiteral | undefined {
    const t = this.current;
    let literal: WqlLiteral | undefined;
    if (t.type === 'string') literal = WqlStringLiteral.create(t.value, t.quote);
    else if (t.type === 'number') literal = WqlNumberLiteral.create(t.value, t.text);
    else if (t.type === 'name') {
      const word = t.text.toUpperCase();
      if (word === 'TRUE') literal = WqlBooleanLiteral.create(true);
      else if (word === 'FALSE') literal = WqlBooleanLiteral.create(false);
      else if (word === 'NULL') literal = WqlNullLiteral.create();
    }
    if (literal) this.advance();
    return literal;
  }

  private expectKeyword(word: string, expected: string): void {
    if (!this.isKeyword(word)) this.fail('WQL005', `expected ${expected}, found ${this.describe(this.current)}`, this.current);
    this.advance();
  }

  private expectName(expected: string): string {
    const t = this.current;
    if (t.type !== 'name' || isWqlReservedWord(t.text)) this.fail('WQL005', `expected ${expected}, found ${this.describe(t)}`, t);
    this.advance();
    return t.text;
  }

  private expectEnd(expected: string): void {
    const t = this.current;
    if (t.type !== 'end') {
      const hint = t.type === 'punctuation' && t.text === ')' ? " (this ')' closes no '(')" : '';
      this.fail('WQL005', `expected ${expected}, found ${this.describe(t)}${hint}`, t);
    }
  }

  private isKeyword(word: string): boolean {
    return this.current.type === 'name' && this.current.text.toUpperCase() === word;
  }

  private isPunctuation(p: ',' | '*' | '(' | ')'): boolean {
    return this.current.type === 'punctuation' && this.current.text === p;
  }

  private advance(): void {
    this.current = this.read();
  }

  private read(): WqlToken {
    const r = this.lexer.next();
    if (!r.ok) throw new ParseFailure(r.error);
    return r.token;
  }

  private describe(t: WqlToken): string {
    switch (t.type) {
      case 'end':
        return 'end of input';
      case 'name':
        return isWqlReservedWord(t.text) ? `keyword ${t.text.toUpperCase()}` : `name ${t.text}`;
      case 'string': {
        const shown = t.value.length > 40 ? t.value.slice(0, 40) + '…' : t.value;
        return `string ${t.quote}${shown}${t.quote}`;
      }
      case 'number':
        return `number ${t.text}`;
      case 'operator':
      case 'punctuation':
        return `'${t.text}'`;
    }
  }

  private fail(code: WqlErrorCode, message: string, at: WqlToken): never {
    throw new ParseFailure(wqlError(code, message, this.text, at.offset));
  }
}
