/**
 * `printWql`: the canonical text of a query — keywords in capitals, one space around operators,
 * parentheses only where the grouping needs them. `parseWql(printWql(q))` gives `q` back.
 */
import type { WqlExpr, WqlLiteral, WqlQuery, WqlQuote } from './ast.js';

export function printWql(query: WqlQuery): string {
  const properties = query.properties === '*' ? '*' : query.properties.join(', ');
  const where = query.where ? ` WHERE ${printWqlExpr(query.where)}` : '';
  return `SELECT ${properties} FROM ${query.className}${where}`;
}

export function printWqlExpr(expr: WqlExpr): string {
  switch (expr.kind) {
    case 'or':
      // OR groups from the left, so only an OR on the right needs parentheses.
      return `${printWqlExpr(expr.left)} OR ${group(expr.right, expr.right.kind === 'or')}`;
    case 'and':
      return `${group(expr.left, expr.left.kind === 'or')} AND ${group(expr.right, expr.right.kind === 'or' || expr.right.kind === 'and')}`;
    case 'not':
      return `NOT ${group(expr.operand, expr.operand.kind === 'or' || expr.operand.kind === 'and')}`;
    case 'comparison': {
      const op = expr.op === 'like' ? 'LIKE' : expr.op;
      const value = printWqlLiteral(expr.value);
      return expr.propertyOnRight ? `${value} ${op} ${expr.property}` : `${expr.property} ${op} ${value}`;
    }
    case 'isNull':
      return `${expr.property} IS ${expr.negated ? 'NOT ' : ''}NULL`;
    case 'isa':
      return `${expr.property} ISA ${quoteString(expr.className, expr.quote)}`;
  }
}

export function printWqlLiteral(literal: WqlLiteral): string {
  switch (literal.kind) {
    case 'string':
      return quoteString(literal.value, literal.quote);
    case 'number':
      return literal.text;
    case 'boolean':
      return literal.value ? 'TRUE' : 'FALSE';
    case 'null':
      return 'NULL';
  }
}

function group(expr: WqlExpr, parenthesize: boolean): string {
  return parenthesize ? `(${printWqlExpr(expr)})` : printWqlExpr(expr);
}

/** A backslash and the quote itself are the characters escaped with a backslash (REFERENCE.md §11). */
function quoteString(value: string, quote: WqlQuote): string {
  let out = quote;
  for (const c of value) out += c === '\\' || c === quote ? '\\' + c : c;
  return out + quote;
}
