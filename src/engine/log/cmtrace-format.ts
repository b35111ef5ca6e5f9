/**
 * The CMTrace line format that ConfigMgr's task sequence engine writes to smsts.log, and a reader
 * for it (REFERENCE.md §5.9, corpus/logs).
 *
 * What the real logs show [OBS corpus/logs, three smsts.log files, 7,714 records]:
 *
 *   <![LOG[message]LOG]!><time="22:55:38.363+480" date="12-06-2019" component="TSMBootstrap" context="" type="1" thread="1876" file="tslogging.cpp:1457">\r\n
 *
 * - `time` is local wall-clock time `HH:MM:SS.mmm` (24-hour, every field zero-padded, always three
 *   millisecond digits) followed by the Windows time-zone *bias*: minutes to add to local time to get
 *   UTC, so it has the opposite sign of an ISO offset. US Pacific standard time (UTC-8) is `+480`,
 *   US Eastern daylight time (UTC-4) `+240`, UTC `+000` (MDT's BDD.log always writes `+000`). The
 *   bias is the one in force on that date (daylight saving included), as JavaScript's
 *   `Date#getTimezoneOffset()` gives it.
 * - East of UTC the bias is negative. Real ConfigMgr logs found in public repositories write
 *   `-60` (CET, an smsts.log TSManager line) and `-120` (CEST), i.e. the C `%03d` of the signed value
 *   with a `+` in front when it is not negative: `+000`, `+060`, `+480`, `-60`, `-120`, `-330`.
 *   The non-negative forms below 100 (`+060`) are [INF] from that rule; none was seen.
 * - `date` is local `MM-DD-YYYY`, zero-padded.
 * - Attributes always in the order time, date, component, context, type, thread, file; values in
 *   double quotes and never escaped; `context` is empty in every smsts.log record seen.
 * - `type`: 1 information, 2 warning, 3 error (CMTrace colours 2 yellow, 3 red); 0 also appears
 *   (a quarter of the ConfigMgr log's records, two thirds of the MDT ones, e.g. "Command line: ...").
 * - A record ends with CRLF. A message may span lines: the line breaks stay inside the record as
 *   they were written (CRLF in the ConfigMgr log, bare LF in one MDT log).
 * - Files are UTF-8 with a BOM (the writer, cmtrace-log.ts, writes it; the reader skips it).
 * - Two processes writing the same file can tear a record (the ConfigMgr corpus log has 5 fragments
 *   without their `<![LOG[` start); the reader skips such text and reports it to `onSkipped`.
 *
 * tseq's escaping [INF, tseq's choice]: ConfigMgr escapes nothing, so a message holding the record
 * terminator `]LOG]!>` ends the record early in CMTrace and OneTrace. tseq writes it as `]LOG]!&gt;`
 * (readable in any viewer, and no longer a terminator), and writes a literal `]LOG]!&` as
 * `]LOG]!&amp;` so that the reader can undo both exactly: `parse(format(m)).message === m` for every
 * message. Nothing else in a message is touched. Attribute values (component, context, file) cannot
 * be escaped in this format: a `"` becomes `'` and a line break a space.
 */

/** CMTrace severity: 1 information, 2 warning, 3 error; 0 as the MDT stand-alone engine writes it. */
export type CmTraceType = 0 | 1 | 2 | 3;

export interface CmTraceLineInput {
  readonly message: string;
  /** The instant of the record. */
  readonly time: Date;
  /** ConfigMgr's names: TSManager, TSMBootstrap, SMSTSRebootAction, ... (the caller chooses). */
  readonly component: string;
  readonly type: CmTraceType;
  readonly thread: number;
  /** Source position, e.g. `engine.ts:123`; empty when not given. */
  readonly file?: string;
  /** Empty when not given (as in every real smsts.log record). */
  readonly context?: string;
  /**
   * The local time's offset from UTC in minutes, ISO sense (UTC-8 is -480, CET is +60); the written
   * bias is its negation. When not given, the offset of this process's time zone on that date.
   */
  readonly utcOffsetMinutes?: number;
}

/** One record read back from a log. */
export interface CmTraceEntry {
  readonly message: string;
  /** The instant (local fields + bias); an invalid Date when the time or date attribute is malformed. */
  readonly time: Date;
  /** The local time's offset from UTC in minutes, ISO sense (the negated bias); NaN when unreadable. */
  readonly utcOffsetMinutes: number;
  readonly component: string;
  readonly context: string;
  /** As written; NaN when empty or not a number. */
  readonly type: number;
  /** As written; undefined when empty (MDT's BDD.log writes `thread=""`). */
  readonly thread: number | undefined;
  readonly file: string;
  /** The `time` and `date` attribute texts exactly as written. */
  readonly timeText: string;
  readonly dateText: string;
  /** Every attribute of the record, in order, as written (unknown ones included). */
  readonly attributes: ReadonlyArray<readonly [string, string]>;
  /** Character offset of the record's `<![LOG[` in the text given to the parser (BOM excluded). */
  readonly offset: number;
}

export interface ParseCmTraceOptions {
  /** Called with text between records that is not a record (torn writes), and its offset. */
  readonly onSkipped?: (text: string, offset: number) => void;
}

const RECORD_START = '<![LOG[';
const MESSAGE_END = ']LOG]!>';
const CRLF = '\r\n';

/** Makes a message safe inside `<![LOG[...]LOG]!>` (see the module comment). */
export function escapeCmTraceMessage(message: string): string {
  if (!message.includes(']LOG]!')) return message;
  return message.replace(/\]LOG\]!(>|&)/g, (_m, c: string) => (c === '>' ? ']LOG]!&gt;' : ']LOG]!&amp;'));
}

/** The inverse of escapeCmTraceMessage. */
export function unescapeCmTraceMessage(message: string): string {
  if (!message.includes(']LOG]!&')) return message;
  return message.replace(/\]LOG\]!&(gt|amp);/g, (_m, e: string) => (e === 'gt' ? ']LOG]!>' : ']LOG]!&'));
}

function attributeValue(value: string): string {
  return value.replace(/"/g, "'").replace(/\r\n|[\r\n]/g, ' ');
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The bias as ConfigMgr writes it: `+000`, `+480`, `-60`, `-120` (see the module comment). */
export function formatBias(biasMinutes: number): string {
  const b = Math.round(biasMinutes);
  return b < 0 ? '-' + pad(-b, 2) : '+' + pad(b, 3);
}

/** The `time` and `date` attribute values for an instant, and the bias used. */
export function cmTraceTimestamp(time: Date, utcOffsetMinutes?: number): { time: string; date: string } {
  const ms = time.getTime();
  if (Number.isNaN(ms)) throw new RangeError('CMTrace record time is an invalid Date');
  let y: number, mo: number, d: number, h: number, mi: number, s: number, milli: number, bias: number;
  if (utcOffsetMinutes === undefined) {
    y = time.getFullYear(); mo = time.getMonth() + 1; d = time.getDate();
    h = time.getHours(); mi = time.getMinutes(); s = time.getSeconds(); milli = time.getMilliseconds();
    bias = time.getTimezoneOffset();
  } else {
    if (!Number.isFinite(utcOffsetMinutes)) throw new RangeError(`utcOffsetMinutes is not finite: ${utcOffsetMinutes}`);
    const off = Math.round(utcOffsetMinutes);
    const local = new Date(ms + off * 60_000);
    y = local.getUTCFullYear(); mo = local.getUTCMonth() + 1; d = local.getUTCDate();
    h = local.getUTCHours(); mi = local.getUTCMinutes(); s = local.getUTCSeconds(); milli = local.getUTCMilliseconds();
    bias = off === 0 ? 0 : -off;
  }
  return {
    time: `${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(milli, 3)}${formatBias(bias)}`,
    date: `${pad(mo, 2)}-${pad(d, 2)}-${pad(y, 4)}`,
  };
}

/** One record, CRLF included, exactly in the shape of a real smsts.log line. */
export function formatCmTraceLine(entry: CmTraceLineInput): string {
  const { type, thread } = entry;
  if (type !== 0 && type !== 1 && type !== 2 && type !== 3) throw new RangeError(`CMTrace type must be 0-3, got ${String(type)}`);
  if (!Number.isSafeInteger(thread) || thread < 0) throw new RangeError(`CMTrace thread must be a non-negative integer, got ${thread}`);
  const ts = cmTraceTimestamp(entry.time, entry.utcOffsetMinutes);
  return (
    RECORD_START + escapeCmTraceMessage(entry.message) + MESSAGE_END +
    `<time="${ts.time}" date="${ts.date}" component="${attributeValue(entry.component)}"` +
    ` context="${attributeValue(entry.context ?? '')}" type="${type}" thread="${thread}"` +
    ` file="${attributeValue(entry.file ?? '')}">` + CRLF
  );
}

const TIME_RE = /^(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([+-])(\d{1,4})$/;
const DATE_RE = /^(\d{1,2})-(\d{1,2})-(\d{4})$/;

/** The instant and ISO offset of a `time` + `date` pair; NaNs when either is malformed. */
export function parseCmTraceTimestamp(timeText: string, dateText: string): { time: Date; utcOffsetMinutes: number } {
  const t = TIME_RE.exec(timeText);
  const d = DATE_RE.exec(dateText);
  if (!t || !d) return { time: new Date(NaN), utcOffsetMinutes: NaN };
  const frac = t[4] ?? '';
  const milli = frac === '' ? 0 : Math.floor(Number(frac.padEnd(3, '0').slice(0, 3)));
  const bias = (t[5] === '-' ? -1 : 1) * Number(t[6]);
  const localAsUtc = Date.UTC(Number(d[3]), Number(d[1]) - 1, Number(d[2]), Number(t[1]), Number(t[2]), Number(t[3]), milli);
  return { time: new Date(localAsUtc + bias * 60_000), utcOffsetMinutes: bias === 0 ? 0 : -bias };
}

const ATTR_RE = /\s*([A-Za-z_][\w.-]*)="([^"]*)"/y;

/** Reads the `<time=... file="...">` header at `pos`; null when it is not one. */
function readHeader(text: string, pos: number): { attributes: Array<[string, string]>; end: number } | null {
  if (text[pos] !== '<') return null;
  let p = pos + 1;
  const attributes: Array<[string, string]> = [];
  for (;;) {
    ATTR_RE.lastIndex = p;
    const m = ATTR_RE.exec(text);
    if (!m) break;
    attributes.push([m[1]!, m[2]!]);
    p = ATTR_RE.lastIndex;
  }
  while (text[p] === ' ' || text[p] === '\t') p++;
  if (text[p] !== '>' || attributes.length === 0 || attributes[0]![0] !== 'time') return null;
  return { attributes, end: p + 1 };
}

function toNumber(s: string): number {
  return /^-?\d+$/.test(s.trim()) ? Number(s.trim()) : NaN;
}

/**
 * Every record of a CMTrace log (smsts.log, BDD.log, CCM logs): a leading BOM is skipped, messages
 * keep their line breaks, records may end with CRLF, LF or nothing. A message ends at the first
 * `]LOG]!>` that a well-formed header (`<time="..." ...>`) follows. Text that does not start a record
 * is skipped (see ParseCmTraceOptions.onSkipped). Never throws.
 */
export function parseCmTraceLog(text: string, options: ParseCmTraceOptions = {}): CmTraceEntry[] {
  const src = text;
  const base = text.charCodeAt(0) === 0xfeff ? 1 : 0; // offsets are given without the BOM
  const entries: CmTraceEntry[] = [];
  let pos = base;
  const skip = (from: number, to: number): void => {
    if (to > from && options.onSkipped) {
      const fragment = src.slice(from, to);
      if (fragment.trim() !== '') options.onSkipped(fragment, from - base);
    }
  };
  while (pos < src.length) {
    const start = src.indexOf(RECORD_START, pos);
    if (start < 0) { skip(pos, src.length); break; }
    skip(pos, start);
    const msgStart = start + RECORD_START.length;
    let search = msgStart;
    let header: ReturnType<typeof readHeader> = null;
    let msgEnd = -1;
    for (;;) {
      msgEnd = src.indexOf(MESSAGE_END, search);
      if (msgEnd < 0) break;
      header = readHeader(src, msgEnd + MESSAGE_END.length);
      if (header) break;
      search = msgEnd + 1;
    }
    if (!header || msgEnd < 0) {
      // An unterminated record (e.g. the last line of a log cut by a crash): not a record.
      const next = src.indexOf(RECORD_START, msgStart);
      const stop = next < 0 ? src.length : next;
      skip(start, stop);
      pos = stop;
      continue;
    }
    const attrs = new Map(header.attributes);
    const timeText = attrs.get('time') ?? '';
    const dateText = attrs.get('date') ?? '';
    const stamp = parseCmTraceTimestamp(timeText, dateText);
    const threadText = attrs.get('thread') ?? '';
    entries.push({
      message: unescapeCmTraceMessage(src.slice(msgStart, msgEnd)),
      time: stamp.time,
      utcOffsetMinutes: stamp.utcOffsetMinutes,
      component: attrs.get('component') ?? '',
      context: attrs.get('context') ?? '',
      type: toNumber(attrs.get('type') ?? ''),
      thread: threadText.trim() === '' ? undefined : toNumber(threadText),
      file: attrs.get('file') ?? '',
      timeText,
      dateText,
      attributes: header.attributes,
      offset: start - base,
    });
    pos = header.end;
    if (src.startsWith(CRLF, pos)) pos += 2;
    else if (src[pos] === '\n' || src[pos] === '\r') pos += 1;
  }
  return entries;
}
