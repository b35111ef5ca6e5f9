/**
 * The WQL abstract syntax tree: immutable, frozen plain data with a `kind` discriminator
 * (STYLE.md "data first"). Only the data queries conditions use are modelled (REFERENCE.md §11):
 * `SELECT <*|Prop, …> FROM <Class> [WHERE <condition>]`.
 *
 * The tree keeps what printing needs to give the same tree back: the operator as written (`!=` and
 * `<>` are both "not equal"), the quote a string or class name was written with, and a number's
 * text (`0x1F`, `17179869184` beyond 2^53). Names keep their spelling; they compare
 * case-insensitively wherever they are used. Keyword case and parentheses are not kept (the
 * tree's shape already says the grouping).
 *
 * Each node type has a companion object of the same name with `create(...)` and `is(node)`, so
 * there is one way to make a node: optional fields are absent rather than `undefined`, which keeps
 * trees deep-equal however they were made.
 */

export type WqlQuote = "'" | '"';

export interface WqlStringLiteral {
  readonly kind: 'string';
  readonly value: string;
  readonly quote: WqlQuote;
}

export interface WqlNumberLiteral {
  readonly kind: 'number';
  readonly value: number;
  /** The number as written (`-5`, `1.5`, `0x1F`): printed back as is, and exact for big uint64 values. */
  readonly text: string;
}

export interface WqlBooleanLiteral {
  readonly kind: 'boolean';
  readonly value: boolean;
}

export interface WqlNullLiteral {
  readonly kind: 'null';
  readonly value: null;
}

export type WqlLiteral = WqlStringLiteral | WqlNumberLiteral | WqlBooleanLiteral | WqlNullLiteral;

export type WqlComparisonOperator = '=' | '<>' | '!=' | '<' | '<=' | '>' | '>=' | 'like';

/** `Prop op literal`, or `literal op Prop` when `propertyOnRight` (the operator is kept as written). */
export interface WqlComparison {
  readonly kind: 'comparison';
  readonly op: WqlComparisonOperator;
  readonly property: string;
  readonly value: WqlLiteral;
  readonly propertyOnRight?: true;
}

/** `Prop IS NULL`, or `Prop IS NOT NULL` when `negated`. */
export interface WqlIsNull {
  readonly kind: 'isNull';
  readonly property: string;
  readonly negated: boolean;
}

/** `Prop ISA "Class"`: `__THIS ISA "Class"` tests the instance itself. */
export interface WqlIsa {
  readonly kind: 'isa';
  readonly property: string;
  readonly className: string;
  readonly quote: WqlQuote;
}

export interface WqlNot {
  readonly kind: 'not';
  readonly operand: WqlExpr;
}

export interface WqlAnd {
  readonly kind: 'and';
  readonly left: WqlExpr;
  readonly right: WqlExpr;
}

export interface WqlOr {
  readonly kind: 'or';
  readonly left: WqlExpr;
  readonly right: WqlExpr;
}

export type WqlExpr = WqlOr | WqlAnd | WqlNot | WqlComparison | WqlIsNull | WqlIsa;

export interface WqlQuery {
  readonly kind: 'select';
  /** `'*'` or the selected property names; the selection does not change which instances match. */
  readonly properties: '*' | readonly string[];
  readonly className: string;
  readonly where?: WqlExpr;
}

type Node = { readonly kind: string };

function hasKind<K extends string>(node: unknown, kind: K): node is Node & { kind: K } {
  return typeof node === 'object' && node !== null && (node as Node).kind === kind;
}

export const WqlStringLiteral = {
  create(value: string, quote: WqlQuote = "'"): WqlStringLiteral {
    return Object.freeze({ kind: 'string', value, quote });
  },
  is(node: unknown): node is WqlStringLiteral {
    return hasKind(node, 'string');
  },
};

export const WqlNumberLiteral = {
  /** `text` defaults to the shortest decimal form of `value`; give it to keep another spelling. */
  create(value: number, text: string = String(value)): WqlNumberLiteral {
    return Object.freeze({ kind: 'number', value, text });
  },
  is(node: unknown): node is WqlNumberLiteral {
    return hasKind(node, 'number');
  },
};

export const WqlBooleanLiteral = {
  create(value: boolean): WqlBooleanLiteral {
    return Object.freeze({ kind: 'boolean', value });
  },
  is(node: unknown): node is WqlBooleanLiteral {
    return hasKind(node, 'boolean');
  },
};

export const WqlNullLiteral = {
  create(): WqlNullLiteral {
    return Object.freeze({ kind: 'null', value: null });
  },
  is(node: unknown): node is WqlNullLiteral {
    return hasKind(node, 'null');
  },
};

export const WqlComparison = {
  create(op: WqlComparisonOperator, property: string, value: WqlLiteral, propertyOnRight = false): WqlComparison {
    return Object.freeze(
      propertyOnRight
        ? { kind: 'comparison', op, property, value, propertyOnRight: true }
        : { kind: 'comparison', op, property, value },
    );
  },
  is(node: unknown): node is WqlComparison {
    return hasKind(node, 'comparison');
  },
};

export const WqlIsNull = {
  create(property: string, negated = false): WqlIsNull {
    return Object.freeze({ kind: 'isNull', property, negated });
  },
  is(node: unknown): node is WqlIsNull {
    return hasKind(node, 'isNull');
  },
};

export const WqlIsa = {
  create(property: string, className: string, quote: WqlQuote = '"'): WqlIsa {
    return Object.freeze({ kind: 'isa', property, className, quote });
  },
  is(node: unknown): node is WqlIsa {
    return hasKind(node, 'isa');
  },
};

export const WqlNot = {
  create(operand: WqlExpr): WqlNot {
    return Object.freeze({ kind: 'not', operand });
  },
  is(node: unknown): node is WqlNot {
    return hasKind(node, 'not');
  },
};

export const WqlAnd = {
  create(left: WqlExpr, right: WqlExpr): WqlAnd {
    return Object.freeze({ kind: 'and', left, right });
  },
  is(node: unknown): node is WqlAnd {
    return hasKind(node, 'and');
  },
};

export const WqlOr = {
  create(left: WqlExpr, right: WqlExpr): WqlOr {
    return Object.freeze({ kind: 'or', left, right });
  },
  is(node: unknown): node is WqlOr {
    return hasKind(node, 'or');
  },
};

export const WqlQuery = {
  create(properties: '*' | readonly string[], className: string, where?: WqlExpr): WqlQuery {
    const props = properties === '*' ? '*' : Object.freeze([...properties]);
    return Object.freeze(
      where === undefined ? { kind: 'select', properties: props, className } : { kind: 'select', properties: props, className, where },
    );
  },
  is(node: unknown): node is WqlQuery {
    return hasKind(node, 'select');
  },
};

/**
 * Words that cannot be a class or property name, because the grammar gives them a meaning.
 * (`ASSOCIATORS` / `REFERENCES` are only recognised as the first word of a query.)
 */
export const WQL_RESERVED_WORDS: ReadonlySet<string> = new Set([
  'SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IS', 'ISA', 'LIKE', 'NULL', 'TRUE', 'FALSE',
]);

export function isWqlReservedWord(name: string): boolean {
  return WQL_RESERVED_WORDS.has(name.toUpperCase());
}
