/**
 * The engine's log: smsts.log in CMTrace format (REFERENCE.md §5.9), and the masking that keeps
 * secrets out of it.
 */
export {
  formatCmTraceLine,
  parseCmTraceLog,
  parseCmTraceTimestamp,
  cmTraceTimestamp,
  formatBias,
  escapeCmTraceMessage,
  unescapeCmTraceMessage,
  type CmTraceType,
  type CmTraceLineInput,
  type CmTraceEntry,
  type ParseCmTraceOptions,
} from './cmtrace-format.js';
export {
  CmTraceLog,
  rolledLogName,
  listRolledLogs,
  UTF8_BOM,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_HISTORY,
  DEFAULT_THREAD,
  type CmTraceLogEntry,
  type CmTraceLogOptions,
} from './cmtrace-log.js';
export { maskSecrets, maskCommandLine, MASK } from './mask-secrets.js';
