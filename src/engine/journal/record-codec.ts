/**
 * The journal's on-disk record format: one record per line,
 *
 *     <crc32 of the JSON, 8 lowercase hex> <byte length of the JSON, decimal> <json>\n
 *
 * JSON.stringify never emits a raw line feed (it escapes them inside strings), so a record is
 * always exactly one line. The length and the checksum both cover the JSON bytes (UTF-8); a line
 * whose header does not match its payload is treated as torn. CRC-32 detects every single-bit
 * error and every burst of up to 32 bits, so a flipped bit anywhere in the payload is caught; a
 * flipped bit in the header changes the checksum text, the length text, or a separator, which the
 * strict header grammar rejects.
 */

const LF = 0x0a;
const SPACE = 0x20;

/** Standard CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as zlib's crc32. */
const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32 of `data` (strings are hashed as UTF-8). `previous` continues a running checksum, as
 * zlib's `crc32(data, value)`: crc32(b, crc32(a)) === crc32(a ++ b).
 */
export function crc32(data: Uint8Array | string, previous = 0): number {
  const bytes = typeof data === 'string' ? utf8Encoder.encode(data) : data;
  let crc = ~previous >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    // Both indexes are in range by construction; `?? 0` only satisfies noUncheckedIndexedAccess.
    crc = (CRC_TABLE[(crc ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
  }
  return ~crc >>> 0;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Encodes one record as one journal line (bytes, ending in "\n").
 * Throws TypeError when the value has no JSON form (undefined, a function, a symbol) or when
 * JSON.stringify itself throws (BigInt, cycles) — nothing is produced, so nothing half-written.
 */
export function encodeRecord(record: unknown): Uint8Array {
  const json: unknown = JSON.stringify(record);
  if (typeof json !== 'string') throw new TypeError('journal record has no JSON representation');
  const payload = utf8Encoder.encode(json);
  const header = utf8Encoder.encode(`${crc32(payload).toString(16).padStart(8, '0')} ${payload.length} `);
  const line = new Uint8Array(header.length + payload.length + 1);
  line.set(header, 0);
  line.set(payload, header.length);
  line[line.length - 1] = LF;
  return line;
}

export interface DecodeResult {
  /** The records of every good line, in order, up to the first bad one. */
  records: unknown[];
  /** True when bytes follow the last good line (a crash mid-write, or damage): they are ignored. */
  tornTail: boolean;
  /** How many leading bytes are good; truncating the file to this length removes the torn tail. */
  validBytes: number;
}

/** Decodes a whole journal. Never throws on bad data: the first bad line and all after it are the torn tail. */
export function decodeRecords(bytes: Uint8Array): DecodeResult {
  const records: unknown[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const end = bytes.indexOf(LF, pos);
    if (end < 0) break; // incomplete last line
    const decoded = decodeLine(bytes, pos, end);
    if (!decoded.ok) break;
    records.push(decoded.value);
    pos = end + 1;
  }
  return { records, tornTail: pos < bytes.length, validBytes: pos };
}

type LineResult = { ok: true; value: unknown } | { ok: false };
const BAD: LineResult = { ok: false };

/** Decodes bytes[start, end) (the line without its "\n"); strict about every header byte. */
function decodeLine(bytes: Uint8Array, start: number, end: number): LineResult {
  // 8 lowercase hex digits.
  if (end - start < 8 + 1 + 1 + 1 + 1) return BAD; // "xxxxxxxx N J" with at least one digit and one JSON byte
  let crc = 0;
  for (let i = start; i < start + 8; i++) {
    const v = hexValue(bytes[i] ?? 0);
    if (v < 0) return BAD;
    crc = crc * 16 + v;
  }
  if (bytes[start + 8] !== SPACE) return BAD;
  // Decimal length, no sign, no leading zero (a JSON text is never empty).
  let p = start + 9;
  let length = 0;
  const digitsStart = p;
  while (p < end && isDigit(bytes[p] ?? 0)) {
    length = length * 10 + ((bytes[p] ?? 0) - 0x30);
    p++;
    if (p - digitsStart > 15) return BAD; // beyond any real line; keeps the arithmetic exact
  }
  if (p === digitsStart || bytes[digitsStart] === 0x30) return BAD;
  if (bytes[p] !== SPACE) return BAD;
  p++;
  if (end - p !== length) return BAD;
  const payload = bytes.subarray(p, end);
  if (crc32(payload) !== crc) return BAD;
  try {
    return { ok: true, value: JSON.parse(utf8Decoder.decode(payload)) as unknown };
  } catch {
    return BAD;
  }
}

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x61 && b <= 0x66) return b - 0x61 + 10;
  return -1;
}
