/**
 * WQL as WMI conditions use it (REFERENCE.md §11, §3.2): parse, print, LIKE, evaluate.
 * The only module other layers import from `conditions/wql`.
 */
export {
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
  WQL_RESERVED_WORDS,
  isWqlReservedWord,
  type WqlComparisonOperator,
  type WqlExpr,
  type WqlLiteral,
  type WqlQuote,
} from './ast.js';
export type { WqlError, WqlErrorCode } from './wql-error.js';
export { parseWql, WQL_MAX_NESTING, type WqlParseResult } from './parser.js';
export { printWql, printWqlExpr, printWqlLiteral } from './print.js';
export { compileLikePattern, matchesLike, type LikeMatcher } from './like.js';
export {
  evaluateWql,
  wqlClassLookup,
  type WqlEvalError,
  type WqlEvalResult,
  type WqlInstance,
  type WqlInstanceSource,
} from './evaluate.js';
export { compileWql, setWqlCacheEnabled, clearWqlCache, wqlCacheSize, WQL_CACHE_LIMIT } from './cache.js';
