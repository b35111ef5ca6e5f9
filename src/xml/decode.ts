import { TseqInputError } from '../model/errors.js';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | string;

export interface DecodedText {
  readonly text: string;
  /** The encoding the bytes were read with. */
  readonly encoding: TextEncodingName;
  readonly bom: boolean;
}

/**
 * Bytes to text as an XML processor must (XML 1.0 appendix F): a byte order mark first, then the
 * shape of the first characters (UTF-16 without a BOM), then the declaration's encoding.
 * PowerShell's Out-File writes UTF-16 LE with a BOM; ConfigMgr's strings are UTF-16 in memory
 * (REFERENCE.md §10).
 */
export function decodeXmlBytes(bytes: Uint8Array): DecodedText {
  const b0 = bytes[0], b1 = bytes[1], b2 = bytes[2];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { text: decode(bytes.subarray(3), 'utf-8'), encoding: 'utf-8', bom: true };
  if (b0 === 0xff && b1 === 0xfe) return { text: decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le', bom: true };
  if (b0 === 0xfe && b1 === 0xff) return { text: decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be', bom: true };
  // No BOM: '<' as a 16-bit unit in either byte order.
  if (bytes.length >= 2 && b0 === 0x3c && b1 === 0x00) return { text: decode(bytes, 'utf-16le'), encoding: 'utf-16le', bom: false };
  if (bytes.length >= 2 && b0 === 0x00 && b1 === 0x3c) return { text: decode(bytes, 'utf-16be'), encoding: 'utf-16be', bom: false };
  const declared = declaredEncoding(bytes);
  if (declared === undefined || /^utf-?8$/i.test(declared) || /^(us-)?ascii$/i.test(declared)) {
    return { text: decode(bytes, 'utf-8'), encoding: 'utf-8', bom: false };
  }
  // A declaration that says UTF-16 on 8-bit bytes: the bytes win (the file was re-saved without
  // updating the declaration, as editors do).
  if (/^utf-?16/i.test(declared)) return { text: decode(bytes, 'utf-8'), encoding: 'utf-8', bom: false };
  let label: string;
  try {
    label = new TextDecoder(declared).encoding;
  } catch {
    throw new TseqInputError('XML002', `unsupported encoding "${declared}" in the XML declaration`, { line: 1, column: 1 }, 'save the file as UTF-8 or UTF-16');
  }
  return { text: decode(bytes, label), encoding: label, bom: false };
}

function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  const m = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m?.[1];
}

function decode(bytes: Uint8Array, encoding: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    // Find where the bytes stop being valid, so the message can say where.
    const { line, column } = locateInvalid(bytes, encoding);
    throw new TseqInputError('XML003', `the input is not valid ${encoding} text`, { line, column }, 'is this a task sequence XML file?');
  }
}

function locateInvalid(bytes: Uint8Array, encoding: string): { line: number; column: number } {
  const text = new TextDecoder(encoding).decode(bytes);
  const at = text.indexOf('\uFFFD');
  const before = at < 0 ? text : text.slice(0, at);
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** Text to bytes for writing: UTF-8 without BOM by default, UTF-16 LE with a BOM on request. */
export function encodeXmlText(text: string, encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8'): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  const le = Buffer.from('\uFEFF' + text, 'utf16le');
  if (encoding === 'utf-16le') return le;
  return le.swap16();
}
