/**
 * A small QR code reader for the tests, written from the standard (ISO/IEC 18004:2015), not from the encoder
 * under test: it reads the modules back out of the SVG path, checks the function patterns (finders,
 * separators, timing, alignment), the quiet zone, the format information's BCH code, the Reed–Solomon
 * error-correction codewords, and decodes the byte-mode text. Versions 1–6 at level M (every join URL the
 * page makes fits): a single block for 1–3, so no de-interleaving is needed there; 4–6 are sized only.
 */

/** Byte-mode capacity at level M by version (ISO/IEC 18004 Table 7). */
export const BYTE_CAPACITY_M = [0, 14, 26, 42, 62, 84, 106] as const;
/** Data and error-correction codewords at level M, versions 1–3 (Table 9: one block each). */
const BLOCKS_M: Record<number, { data: number; ec: number }> = {
  1: { data: 16, ec: 10 },
  2: { data: 28, ec: 16 },
  3: { data: 44, ec: 26 },
};
/** Format information's error-correction level bits (Table 12). */
const LEVEL_BITS = { L: 1, M: 0, Q: 3, H: 2 } as const;

/** The SVG path's closed subpaths (M x y, relative h/v, z) as filled unit cells: grid[row][col]. */
export function gridFromPath(d: string, side: number): boolean[][] {
  const grid = Array.from({ length: side }, () => Array<boolean>(side).fill(false));
  const tokens = d.match(/[MmHhVvZz]|-?\d+(?:\.\d+)?/g) ?? [];
  let x = 0;
  let y = 0;
  let points: [number, number][] = [];
  const close = () => {
    if (points.length === 0) return;
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    for (let r = Math.min(...ys); r < Math.max(...ys); r++)
      for (let c = Math.min(...xs); c < Math.max(...xs); c++) {
        const row = grid[r];
        if (!row || c < 0 || c >= side) throw new Error(`module outside the symbol at ${c},${r}`);
        row[c] = true;
      }
    points = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const op = tokens[i];
    const num = () => Number(tokens[++i]);
    if (op === 'M') {
      close();
      x = num();
      y = num();
    } else if (op === 'h') x += num();
    else if (op === 'v') y += num();
    else if (op === 'H') x = num();
    else if (op === 'V') y = num();
    else if (op === 'z' || op === 'Z') {
      close();
      continue;
    } else throw new Error(`unexpected path token ${op}`);
    points.push([x, y]);
  }
  close();
  return grid;
}

export interface Decoded {
  version: number;
  level: keyof typeof LEVEL_BITS;
  mask: number;
  /** Null for versions past 3 (more than one block: not decoded here). */
  text: string | null;
}

const MASKS: ((i: number, j: number) => boolean)[] = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i + j) % 2) + ((i * j) % 3)) % 2 === 0,
];

/** The BCH(15,5) remainder of 5 format bits: generator x^10+x^8+x^5+x^4+x^2+x+1 (Annex C). */
function formatRemainder(data: number): number {
  let rem = data << 10;
  for (let bit = 14; bit >= 10; bit--) if ((rem >> bit) & 1) rem ^= 0x537 << (bit - 10);
  return rem;
}

/** GF(256) with the QR polynomial x^8+x^4+x^3+x^2+1 (0x11D), and an RS remainder over it (§7.5.2). */
function rsRemainder(data: number[], ecCount: number): number[] {
  const exp: number[] = [];
  const log: number[] = Array(256).fill(0);
  let v = 1;
  for (let i = 0; i < 255; i++) {
    exp[i] = v;
    log[v] = i;
    v <<= 1;
    if (v & 0x100) v ^= 0x11d;
  }
  const mul = (a: number, b: number) =>
    a === 0 || b === 0 ? 0 : (exp[((log[a] ?? 0) + (log[b] ?? 0)) % 255] ?? 0);
  // Generator: the product of (x - α^i) for i in 0..ecCount-1, highest degree first.
  let gen = [1];
  for (let i = 0; i < ecCount; i++) {
    const next = Array(gen.length + 1).fill(0);
    gen.forEach((g, k) => {
      next[k] ^= g;
      next[k + 1] ^= mul(g, exp[i] ?? 0);
    });
    gen = next;
  }
  const rem = [...data, ...Array(ecCount).fill(0)];
  for (let i = 0; i < data.length; i++) {
    const factor = rem[i] ?? 0;
    if (factor === 0) continue;
    gen.forEach((g, k) => {
      rem[i + k] ^= mul(g, factor);
    });
  }
  return rem.slice(data.length);
}

/** Read a symbol (quiet zone included) the way a scanner would, throwing at the first thing that is off. */
export function decodeQr(withQuietZone: boolean[][], quiet: number): Decoded {
  const side = withQuietZone.length;
  for (let r = 0; r < side; r++)
    for (let c = 0; c < side; c++) {
      const inQuiet = r < quiet || c < quiet || r >= side - quiet || c >= side - quiet;
      if (inQuiet && withQuietZone[r]?.[c]) throw new Error(`dark module in the quiet zone at ${c},${r}`);
    }
  const m = withQuietZone.slice(quiet, side - quiet).map((row) => row.slice(quiet, side - quiet));
  const n = m.length;
  const version = (n - 17) / 4;
  if (!Number.isInteger(version) || version < 1 || version > 6)
    throw new Error(`size ${n} is no version 1–6`);
  const at = (r: number, c: number) => m[r]?.[c] === true;
  const isFunction = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
  const mark = (r: number, c: number) => {
    const row = isFunction[r];
    if (row && c >= 0 && c < n) row[c] = true;
  };

  // Finder patterns (§6.3.3) with their light separators (§6.3.4), at three corners.
  for (const [top, left] of [
    [0, 0],
    [0, n - 7],
    [n - 7, 0],
  ] as const) {
    for (let dr = -1; dr <= 7; dr++)
      for (let dc = -1; dc <= 7; dc++) {
        const r = top + dr;
        const c = left + dc;
        if (r < 0 || c < 0 || r >= n || c >= n) continue;
        const ring = Math.max(Math.abs(dr - 3), Math.abs(dc - 3));
        const want = ring === 3 || ring <= 1; // dark 7×7 border, light ring, dark 3×3 centre; ring 4 separator
        if (at(r, c) !== (ring <= 3 && want))
          throw new Error(`finder at ${left},${top}: module ${c},${r} is off`);
        mark(r, c);
      }
  }
  // Timing patterns (§6.3.5): row 6 and column 6 alternate, dark on even indexes.
  for (let i = 8; i < n - 8; i++) {
    if (at(6, i) !== (i % 2 === 0) || at(i, 6) !== (i % 2 === 0))
      throw new Error(`timing module ${i} is off`);
    mark(6, i);
    mark(i, 6);
  }
  // One alignment pattern for versions 2–6, centred at (n-7, n-7) (§6.3.6, Annex E).
  if (version >= 2) {
    const centre = n - 7;
    for (let dr = -2; dr <= 2; dr++)
      for (let dc = -2; dc <= 2; dc++) {
        const ring = Math.max(Math.abs(dr), Math.abs(dc));
        if (at(centre + dr, centre + dc) !== (ring !== 1)) throw new Error('alignment pattern is off');
        mark(centre + dr, centre + dc);
      }
  }
  // The dark module beside the lower-left finder (§7.9.1).
  if (!at(n - 8, 8)) throw new Error('the dark module is light');

  // Format information (§7.9), both copies: bit i of the 15, least significant first.
  const copy1: [number, number][] = [];
  for (let i = 0; i <= 5; i++) copy1.push([i, 8]);
  copy1.push([7, 8], [8, 8], [8, 7]);
  for (let i = 9; i < 15; i++) copy1.push([8, 14 - i]);
  const copy2: [number, number][] = [];
  for (let i = 0; i < 8; i++) copy2.push([8, n - 1 - i]);
  for (let i = 8; i < 15; i++) copy2.push([n - 15 + i, 8]);
  const read = (cells: [number, number][]) => {
    let bits = 0;
    cells.forEach(([r, c], i) => {
      if (at(r, c)) bits |= 1 << i;
      mark(r, c);
    });
    return bits;
  };
  const f1 = read(copy1);
  const f2 = read(copy2);
  mark(n - 8, 8);
  if (f1 !== f2) throw new Error('the two copies of the format information differ');
  const format = f1 ^ 0b101010000010010;
  const data5 = format >> 10;
  if (formatRemainder(data5) !== (format & 0x3ff)) throw new Error('format information fails its BCH check');
  const levelBits = data5 >> 3;
  const level = (Object.keys(LEVEL_BITS) as (keyof typeof LEVEL_BITS)[]).find(
    (k) => LEVEL_BITS[k] === levelBits,
  );
  if (!level) throw new Error('no such level');
  const mask = data5 & 7;

  // Data modules in the zigzag order of §7.7.3: two-column strips from the right, skipping column 6.
  const bits: number[] = [];
  for (let right = n - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let vert = 0; vert < n; vert++)
      for (let j = 0; j < 2; j++) {
        const c = right - j;
        const r = upward ? n - 1 - vert : vert;
        if (isFunction[r]?.[c]) continue;
        bits.push(at(r, c) !== (MASKS[mask] as (i: number, j: number) => boolean)(r, c) ? 1 : 0);
      }
  }
  const blocks = BLOCKS_M[version];
  if (level !== 'M' || !blocks) return { version, level, mask, text: null };
  const total = blocks.data + blocks.ec;
  const remainder = version === 1 ? 0 : 7;
  if (bits.length !== total * 8 + remainder) throw new Error(`${bits.length} data modules, not ${total * 8}`);
  const codewords: number[] = [];
  for (let i = 0; i < total; i++)
    codewords.push(bits.slice(i * 8, i * 8 + 8).reduce((a, b) => (a << 1) | b, 0));
  const data = codewords.slice(0, blocks.data);
  const ec = codewords.slice(blocks.data);
  if (rsRemainder(data, blocks.ec).join() !== ec.join())
    throw new Error('error-correction codewords do not match');

  // Byte mode (indicator 0100), an 8-bit count for versions 1–9 (Table 3), then the bytes (§7.4.5).
  const stream = bits.slice(0, blocks.data * 8);
  const take = (from: number, count: number) =>
    stream.slice(from, from + count).reduce((a, b) => (a << 1) | b, 0);
  if (take(0, 4) !== 0b0100) throw new Error(`mode ${take(0, 4).toString(2)} is not byte mode`);
  const length = take(4, 8);
  const bytes: number[] = [];
  for (let i = 0; i < length; i++) bytes.push(take(12 + 8 * i, 8));
  // Then up to four zero bits of terminator, zero bits to a byte boundary and the pad codewords 0xEC 0x11.
  const end = 12 + 8 * length;
  const terminator = Math.min(4, stream.length - end);
  if (take(end, terminator) !== 0) throw new Error('no terminator');
  const padStart = Math.ceil((end + terminator) / 8);
  data.slice(padStart).forEach((pad, i) => {
    if (pad !== (i % 2 === 0 ? 0xec : 0x11)) throw new Error(`pad codeword ${i} is ${pad}`);
  });
  return { version, level, mask, text: new TextDecoder().decode(new Uint8Array(bytes)) };
}
