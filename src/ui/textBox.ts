/**
 * Text as boxes, for diagrams laid out without a DOM (the ladder is a pure function, and it runs in tests):
 * an estimate of how wide a string is drawn, a greedy line wrap, and axis-aligned rectangles. The
 * estimates err on the wide side, measured in Chromium against DejaVu Sans Mono (0.602 em per character),
 * DejaVu Sans Bold capitals (0.61–0.74 em) and Noto Sans CJK (1 em); a drawn string's box is 1.17 em tall,
 * 0.93 em of it above the baseline.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type TextStyle = 'mono' | 'sans' | 'sans-bold';

/** Drawn height of one line of text (font ascent + descent), in em. */
export const TEXT_HEIGHT = 1.17;
/** Where the baseline sits below the top of that height, in em. */
export const TEXT_ASCENT = 0.93;

/** Han, kana, Hangul, CJK punctuation and full-width forms take a full em in every font. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Advance widths of capitals A–Z in DejaVu Sans (Bold), in thousandths of an em, rounded up. */
const CAPS = [
  690, 690, 700, 775, 635, 580, 780, 755, 300, 300, 660, 560, 865, 750, 790, 605, 790, 700, 640, 615, 735,
  685, 990, 690, 615, 690,
];
const CAPS_BOLD = [
  775, 765, 735, 830, 685, 685, 825, 840, 375, 375, 775, 640, 995, 840, 850, 735, 850, 770, 720, 685, 815,
  775, 1105, 775, 725, 725,
];

function sansEm(ch: string, bold: boolean): number {
  if (WIDE.test(ch)) return 1;
  if (ch === ' ') return 0.32;
  if (ch === '⋯' || ch === '…' || ch === '—' || ch === '·') return ch === '·' ? 0.4 : 1;
  const cap = ch.charCodeAt(0) - 65;
  if (cap >= 0 && cap < 26) return ((bold ? CAPS_BOLD : CAPS)[cap] as number) / 1000 + 0.01;
  if (/[0-9]/.test(ch)) return bold ? 0.71 : 0.65;
  if (/[mw]/.test(ch)) return 0.92;
  if (/[ijlft.,:;'!|()[\]-]/.test(ch)) return bold ? 0.44 : 0.4;
  return bold ? 0.66 : 0.6;
}

/** Estimated drawn width of `text` at `fontSize`. */
export function textWidth(text: string, fontSize: number, style: TextStyle = 'mono'): number {
  let em = 0;
  for (const ch of text) {
    if (style === 'mono') em += WIDE.test(ch) ? 1 : 0.61;
    else em += sansEm(ch, style === 'sans-bold');
  }
  return em * fontSize;
}

/**
 * Break `text` at spaces into at most `maxLines` lines no wider than `maxWidth`, filling each line
 * greedily. Null when it does not fit (a word is too wide, or more lines would be needed).
 */
export function wrapText(
  text: string,
  maxWidth: number,
  fontSize: number,
  maxLines: number,
  style: TextStyle = 'mono',
): string[] | null {
  const words = text.split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, fontSize, style) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (!line || textWidth(word, fontSize, style) > maxWidth) return null;
    lines.push(line);
    line = word;
  }
  if (line) lines.push(line);
  return lines.length <= maxLines ? lines : null;
}

/** Do two rectangles share any area? (Touching edges do not.) */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Does the segment from (x1, y1) to (x2, y2) pass through the rectangle? (Liang–Barsky clipping.) */
export function segmentCrosses(r: Rect, x1: number, y1: number, x2: number, y2: number): boolean {
  const dx = x2 - x1;
  const dy = y2 - y1;
  let lo = 0;
  let hi = 1;
  const edges: [number, number][] = [
    [-dx, x1 - r.x],
    [dx, r.x + r.width - x1],
    [-dy, y1 - r.y],
    [dy, r.y + r.height - y1],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) lo = Math.max(lo, t);
    else hi = Math.min(hi, t);
    if (lo >= hi) return false;
  }
  return true;
}
