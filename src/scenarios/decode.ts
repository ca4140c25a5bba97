/**
 * A scenario file's bytes as text, or the reason they are not UTF-8 text with the byte offset where it
 * shows. JSON text is UTF-8 (RFC 8259 §8.1), which may start with a byte order mark that a parser may
 * ignore; editors on Windows often add one, and some save UTF-16, which is better named than reported as
 * "invalid JSON". Pure, no Node API (TextDecoder is a web standard), so the page can use it too.
 */

/** Why the bytes are not a scenario's text, as data (the page says it in the reader's language). */
export type DecodeFailure =
  | { kind: 'encoding'; encoding: 'UTF-16' | 'UTF-32' }
  | { kind: 'nul'; offset: number }
  | { kind: 'invalid-utf8'; offset: number };

export type DecodeResult =
  | { ok: true; text: string }
  | { ok: false; message: string; offset: number; reason: DecodeFailure };

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export function decodeScenarioBytes(bytes: Uint8Array): DecodeResult {
  const encoding = otherEncoding(bytes);
  if (encoding) {
    return {
      ok: false,
      offset: 0,
      message: `the file is ${encoding}; save it as UTF-8`,
      reason: { kind: 'encoding', encoding },
    };
  }
  const start = startsWith(bytes, UTF8_BOM) ? UTF8_BOM.length : 0;
  const body = bytes.subarray(start);
  const nul = body.indexOf(0);
  if (nul !== -1) {
    const offset = start + nul;
    return {
      ok: false,
      offset,
      message: `NUL byte (0x00) at byte offset ${offset}: this is not a text file (a capture is read with sim import)`,
      reason: { kind: 'nul', offset },
    };
  }
  try {
    // ignoreBOM: the one BOM allowed is already cut; a second one is content, and JSON will say where.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body) };
  } catch {
    const offset = start + firstInvalidUtf8(body);
    return {
      ok: false,
      offset,
      message: `invalid UTF-8 at byte offset ${offset} (0x${hex(bytes[offset])}); save the file as UTF-8`,
      reason: { kind: 'invalid-utf8', offset },
    };
  }
}

/**
 * UTF-16 or UTF-32, from a byte order mark or, without one, from where the zero bytes are: JSON text starts
 * with an ASCII character, which UTF-16 stores as 00 xx (big-endian) or xx 00 (little-endian), as RFC 4627
 * §3 told parsers to detect.
 */
function otherEncoding(bytes: Uint8Array): 'UTF-16' | 'UTF-32' | null {
  if (startsWith(bytes, [0x00, 0x00, 0xfe, 0xff]) || startsWith(bytes, [0xff, 0xfe, 0x00, 0x00])) {
    return 'UTF-32';
  }
  if (startsWith(bytes, [0xfe, 0xff]) || startsWith(bytes, [0xff, 0xfe])) return 'UTF-16';
  if (bytes.length >= 4) {
    const zero = [0, 1, 2, 3].map((i) => bytes[i] === 0);
    if (zero[0] && zero[1] && zero[2] && !zero[3]) return 'UTF-32';
    if (!zero[0] && zero[1] && zero[2] && zero[3]) return 'UTF-32';
    if (zero[0] !== zero[1] && zero[2] === zero[0] && zero[3] === zero[1]) return 'UTF-16';
  } else if (bytes.length >= 2 && (bytes[0] === 0) !== (bytes[1] === 0)) {
    return 'UTF-16';
  }
  return null;
}

/**
 * The offset of the first byte that starts an ill-formed sequence, per the well-formed byte sequences of
 * Unicode 15 Table 3-7 (no overlong forms, no surrogates, nothing above U+10FFFF). A sequence cut short
 * is reported where it starts.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    if (i + length > bytes.length) return i;
    const second = bytes[i + 1] as number;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k] as number;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return bytes.length;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

function hex(byte: number | undefined): string {
  return (byte ?? 0).toString(16).toUpperCase().padStart(2, '0');
}
