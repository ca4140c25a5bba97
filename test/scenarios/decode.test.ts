/**
 * decodeScenarioBytes: UTF-8 (RFC 8259 §8.1) with an optional BOM; UTF-16/32 named; the first ill-formed
 * byte located by offset. Expected offsets are worked out by hand from Unicode Table 3-7 (well-formed
 * UTF-8 byte sequences).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScenarioBytes, firstInvalidUtf8 } from '../../src/scenarios/decode';

const bytes = (...b: number[]) => Uint8Array.from(b);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeScenarioBytes', () => {
  it('plain UTF-8 and UTF-8 with a BOM give the same text', () => {
    expect(decodeScenarioBytes(utf8('{"name":"café 握手"}'))).toEqual({
      ok: true,
      text: '{"name":"café 握手"}',
    });
    expect(decodeScenarioBytes(bytes(0xef, 0xbb, 0xbf, ...utf8('{}')))).toEqual({ ok: true, text: '{}' });
    expect(decodeScenarioBytes(bytes())).toEqual({ ok: true, text: '' });
  });

  it('only one BOM is cut: a second one stays for JSON to report', () => {
    expect(decodeScenarioBytes(bytes(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x7b, 0x7d))).toEqual({
      ok: true,
      text: '\ufeff{}',
    });
  });

  it.each([
    ['UTF-16 big-endian BOM', [0xfe, 0xff, 0x00, 0x7b], 'UTF-16'],
    ['UTF-16 little-endian BOM', [0xff, 0xfe, 0x7b, 0x00], 'UTF-16'],
    ['UTF-16 LE without BOM', [0x7b, 0x00, 0x22, 0x00], 'UTF-16'],
    ['UTF-16 BE without BOM', [0x00, 0x7b, 0x00, 0x22], 'UTF-16'],
    ['two bytes of UTF-16 LE', [0x7b, 0x00], 'UTF-16'],
    ['UTF-32 LE BOM', [0xff, 0xfe, 0x00, 0x00], 'UTF-32'],
    ['UTF-32 BE BOM', [0x00, 0x00, 0xfe, 0xff], 'UTF-32'],
    ['UTF-32 LE without BOM', [0x7b, 0x00, 0x00, 0x00], 'UTF-32'],
  ])('%s is named', (_, b, encoding) => {
    expect(decodeScenarioBytes(bytes(...b))).toEqual({
      ok: false,
      offset: 0,
      message: `the file is ${encoding}; save it as UTF-8`,
      reason: { kind: 'encoding', encoding },
    });
  });

  it('a NUL byte says this is not a text file, at its offset', () => {
    const result = decodeScenarioBytes(bytes(0x7b, 0x22, 0x61, 0x00, 0x22, 0x7d));
    expect(result).toMatchObject({ ok: false, offset: 3 });
    if (!result.ok) expect(result.message).toContain('at byte offset 3: this is not a text file');
  });

  it('invalid UTF-8: the offset and the byte', () => {
    const result = decodeScenarioBytes(bytes(0xef, 0xbb, 0xbf, 0x7b, 0x22, 0xe9, 0x22, 0x7d));
    expect(result).toEqual({
      ok: false,
      offset: 5,
      message: 'invalid UTF-8 at byte offset 5 (0xE9); save the file as UTF-8',
      reason: { kind: 'invalid-utf8', offset: 5 },
    });
  });
});

describe('firstInvalidUtf8 (Unicode Table 3-7)', () => {
  it.each([
    ['ASCII', [0x41, 0x42], 2],
    ['é (C3 A9)', [0x41, 0xc3, 0xa9], 3],
    ['lone continuation byte', [0x41, 0x80], 1],
    ['C0 and C1 are never used (overlong)', [0xc0, 0xaf], 0],
    ['C1 80', [0x41, 0xc1, 0x80], 1],
    ['E0 needs A0..BF next (overlong)', [0xe0, 0x9f, 0x80], 0],
    ['E0 A0 80 is U+0800', [0xe0, 0xa0, 0x80], 3],
    ['ED A0 80 is a surrogate', [0x41, 0xed, 0xa0, 0x80], 1],
    ['ED 9F BF is U+D7FF', [0xed, 0x9f, 0xbf], 3],
    ['F0 needs 90..BF next (overlong)', [0xf0, 0x8f, 0xbf, 0xbf], 0],
    ['F4 8F BF BF is U+10FFFF', [0xf4, 0x8f, 0xbf, 0xbf], 4],
    ['F4 90 is above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['F5 never appears', [0x41, 0x41, 0xf5, 0x80, 0x80, 0x80], 2],
    ['a sequence cut short at the end', [0x41, 0xe4, 0xb8], 1],
    ['a third byte that is not a continuation', [0xe4, 0xb8, 0x41], 0],
  ])('%s', (_, b, offset) => {
    expect(firstInvalidUtf8(bytes(...b))).toBe(offset);
  });

  it('agrees with the platform decoder on where valid text ends (random bytes)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        const offset = firstInvalidUtf8(b);
        const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
        // The prefix before the offset decodes; the prefix through the offending sequence does not.
        expect(() => strict.decode(b.subarray(0, offset))).not.toThrow();
        if (offset < b.length) expect(() => strict.decode(b)).toThrow();
      }),
      { seed: 9, numRuns: 2000 },
    );
  });
});
