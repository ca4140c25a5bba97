// @vitest-environment jsdom
/**
 * The join QR code (src/ui/components/classroom/QrCode.tsx) read back by an independent reader written from
 * ISO/IEC 18004 (./qr-decode.ts): the structure (version for the link's length, finders, timing, alignment,
 * quiet zone), the format information's BCH code, the Reed–Solomon codewords, and the text itself.
 */
import '@testing-library/jest-dom/vitest';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { QrCode, QUIET_ZONE, qrModules, qrPath } from '../../src/ui/components/classroom/QrCode';
import { JOIN_URL } from './classroom-fixtures';
import { cleanupAfterEach } from './helpers';
import { BYTE_CAPACITY_M, decodeQr, gridFromPath } from './qr-decode';

cleanupAfterEach();

describe('the QR code', () => {
  it('draws one path, black on white, with a 4-module quiet zone, and reads back as the join URL', () => {
    render(<QrCode text={JOIN_URL} label="qr" />);
    const svg = screen.getByRole('img', { name: 'qr' });
    const paths = svg.querySelectorAll('path');
    expect(paths).toHaveLength(1);
    expect(paths[0]?.getAttribute('fill')).toBe('#000000');
    expect(svg.querySelector('rect')?.getAttribute('fill')).toBe('#ffffff');
    // 37 bytes: more than version 2-M holds (26), within version 3-M (42): 29 modules, plus 2 × 4 quiet.
    expect(JOIN_URL.length).toBe(37);
    expect(svg.getAttribute('viewBox')).toBe('0 0 37 37');
    const decoded = decodeQr(gridFromPath(paths[0]?.getAttribute('d') ?? '', 37), 4);
    expect(decoded).toMatchObject({ version: 3, level: 'M', text: JOIN_URL });
  });

  it('takes the smallest version that holds the link (byte mode, level M)', () => {
    expect(QUIET_ZONE).toBe(4);
    for (const [length, version] of [
      [14, 1],
      [15, 2],
      [26, 2],
      [27, 3],
      [42, 3],
      [43, 4],
      [100, 6],
    ] as const) {
      const text = `http://h/${'x'.repeat(length - 9)}`;
      expect(text.length).toBe(length);
      expect(BYTE_CAPACITY_M[version]).toBeGreaterThanOrEqual(length);
      const modules = qrModules(text);
      expect(modules.length, `${length} bytes`).toBe(17 + 4 * version);
      const side = modules.length + 2 * QUIET_ZONE;
      const decoded = decodeQr(gridFromPath(qrPath(modules), side), QUIET_ZONE);
      expect(decoded.version).toBe(version);
      if (version <= 3) expect(decoded.text).toBe(text);
    }
  });

  it('the reader is not fooled: a flipped data module breaks the error-correction check', () => {
    const modules = qrModules(JOIN_URL);
    const grid = gridFromPath(qrPath(modules), modules.length + 8);
    const row = grid[4 + 12];
    if (row) row[4 + 12] = !row[4 + 12]; // a data module of version 3 (no function pattern there)
    expect(() => decodeQr(grid, 4)).toThrow(/error-correction/);
  });
});
