import { compileWql, printWqlExpr, printWqlLiteral } from './wql/index.js';

/**
 * A WMI condition in the words `show` uses: one comparison reads `Win32_ComputerSystem.Model like
 * "%Latitude%"`; a longer WHERE clause `Win32_Volume where (A AND B)`; a query without WHERE
 * `Win32_Battery exists`. A query that does not parse is shown as written.
 */
export function describeWmiQuery(query: string, namespace?: string): string {
  const parsed = compileWql(query);
  const ns = namespace && namespace.toLowerCase() !== 'root\\cimv2' ? `${namespace}:` : '';
  if (!parsed.ok) return `WMI "${query}" (invalid WQL)`;
  const { className, where } = parsed.query;
  if (!where) return `${ns}${className} exists`;
  if (where.kind === 'comparison' && !where.propertyOnRight) {
    return `${ns}${className}.${where.property} ${where.op === 'like' ? 'like' : where.op} ${printWqlLiteral(where.value)}`;
  }
  return `${ns}${className} where (${printWqlExpr(where)})`;
}
