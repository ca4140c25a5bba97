/**
 * Where a segment's label goes on the ladder: the first free place near its line. A label is a block of
 * lines with an optional tag line under it; it is free where neither its lines nor its tag overlap
 * anything placed before (other labels and tags, loss marks, gap markers) and its own line does not run
 * through it. Candidates: above, below, on and beside its line at points along it, and further out above
 * and below its middle. A place that no other segment's line crosses is preferred, since a label on
 * another line reads as that line's.
 */
import { overlaps, type Rect, segmentCrosses, TEXT_ASCENT, TEXT_HEIGHT } from './textBox';

export interface Line {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** A lost segment's ✕ at the end of its line: its label keeps clear of it too. */
  crossBox?: Rect | null;
}

export interface Block {
  lines: number;
  /** Width of the label's lines and of its tag (0 for none), padding included. */
  labelWidth: number;
  tagWidth: number;
}

export interface Placement {
  label: Rect;
  tag: Rect | null;
  /** Center of the text, baseline of its first line and of its tag. */
  x: number;
  y: number;
  tagY: number;
  /** How far the label is from the middle of its line, in line pitches (Infinity when nothing was free and the label overlaps). */
  distance: number;
}

/** Spacing, in px: the pitch of a label's lines, and the room between a label and its line. */
export interface Spacing {
  fontSize: number;
  line: number;
  clear: number;
}

/** More things than this in one bucket (a few rows of the diagram) and it is too crowded to place around. */
const CROWDED = 256;

/** A thing spanning more buckets than this (a segment in flight across much of the run) is kept aside. */
const TALL = 64;

/** Things bucketed by their vertical extent, so a query looks at its neighbours only. */
class Buckets<T> {
  private readonly buckets = new Map<number, T[]>();
  /** Things spanning more than TALL buckets, with their extent; past CROWDED of them, only their extent. */
  private readonly tall: { item: T; top: number; bottom: number }[] = [];
  private overflowTop = Number.POSITIVE_INFINITY;
  private overflowBottom = Number.NEGATIVE_INFINITY;
  constructor(private readonly size: number) {}

  add(item: T, top: number, bottom: number): void {
    const first = Math.floor(top / this.size);
    const last = Math.floor(bottom / this.size);
    if (last - first > TALL) {
      if (this.tall.length <= CROWDED) this.tall.push({ item, top, bottom });
      else {
        this.overflowTop = Math.min(this.overflowTop, top);
        this.overflowBottom = Math.max(this.overflowBottom, bottom);
      }
      return;
    }
    for (let b = first; b <= last; b++) {
      let bucket = this.buckets.get(b);
      if (!bucket) {
        bucket = [];
        this.buckets.set(b, bucket);
      }
      // A crowded bucket already counts as full (see `some`): more would only cost memory.
      if (bucket.length <= CROWDED) bucket.push(item);
    }
  }

  /**
   * Does anything near [top, bottom] pass `test`? A bucket holding more than CROWDED things counts as
   * full: with one-byte segments, 65,535 lines and labels can share one instant, and testing each label's
   * places against each of them would take minutes (a label there takes its default place instead).
   */
  some(top: number, bottom: number, test: (item: T) => boolean): boolean {
    if (top <= this.overflowBottom && bottom >= this.overflowTop) return true;
    for (const t of this.tall) if (t.top <= bottom && t.bottom >= top && test(t.item)) return true;
    for (let b = Math.floor(top / this.size); b <= Math.floor(bottom / this.size); b++) {
      const bucket = this.buckets.get(b);
      if (!bucket) continue;
      if (bucket.length > CROWDED || bucket.some(test)) return true;
    }
    return false;
  }
}

/** What labels keep clear of: rectangles (hard) and other segments' lines (preferred). */
export class Obstacles {
  private readonly rects: Buckets<Rect>;
  private readonly lines: Buckets<Line>;
  constructor(bucketSize: number) {
    this.rects = new Buckets(bucketSize);
    this.lines = new Buckets(bucketSize);
  }

  add(r: Rect): void {
    this.rects.add(r, r.y, r.y + r.height);
  }

  addLine(l: Line): void {
    this.lines.add(l, Math.min(l.y1, l.y2), Math.max(l.y1, l.y2));
  }

  hits(r: Rect): boolean {
    return this.rects.some(r.y, r.y + r.height, (o) => overlaps(o, r));
  }

  /** Does a line other than `own` pass through r? */
  crossed(r: Rect, own: Line): boolean {
    return this.lines.some(
      r.y,
      r.y + r.height,
      (l) => l !== own && segmentCrosses(r, l.x1, l.y1, l.x2, l.y2),
    );
  }
}

/** Highest (lowest, if `low`) y of the line over [x0, x1]; null where the line is not (or has no length). */
function lineExtreme(a: Line, x0: number, x1: number, low: boolean): number | null {
  const lx0 = Math.min(a.x1, a.x2);
  const lx1 = Math.max(a.x1, a.x2);
  const from = Math.max(x0, lx0);
  const to = Math.min(x1, lx1);
  if (from > to || lx1 - lx0 < 1) return null;
  const yAt = (x: number) => a.y1 + ((a.y2 - a.y1) * (x - a.x1)) / (a.x2 - a.x1);
  const [ya, yb] = [yAt(from), yAt(to)];
  return low ? Math.max(ya, yb) : Math.min(ya, yb);
}

/** Rightmost (leftmost, if `leftmost`) x of the line over [y0, y1]; null where it has no such extent. */
function lineSide(a: Line, y0: number, y1: number, leftmost: boolean): number | null {
  const ly0 = Math.min(a.y1, a.y2);
  const ly1 = Math.max(a.y1, a.y2);
  if (ly1 - ly0 < 1) return null;
  const from = Math.max(y0, ly0);
  const to = Math.min(y1, ly1);
  if (from > to) return leftmost ? Math.max(a.x1, a.x2) : Math.min(a.x1, a.x2);
  const xAt = (y: number) => a.x1 + ((a.x2 - a.x1) * (y - a.y1)) / (a.y2 - a.y1);
  const [xa, xb] = [xAt(from), xAt(to)];
  return leftmost ? Math.min(xa, xb) : Math.max(xa, xb);
}

/** Points along the line where a label may sit. */
const ALONG = [0.5, 0.35, 0.65, 0.2, 0.8];
/** Above or below the middle, up to this many line pitches further out. */
const FURTHER = 12;
/** What a place costs beyond its distance from the middle of the line, in line pitches. */
const ON_OWN_LINE = 1.5;
const ON_OTHER_LINE = 3;

/**
 * Place one label between `left` and `right`, add it to the obstacles, and say where it went: the free
 * place nearest the middle of its line, where sitting on its own line (as in RFC 9293's figures, the line
 * runs into the label and out of it) costs a little and sitting on another segment's line costs a lot.
 */
export function placeLabel(
  line: Line,
  block: Block,
  obstacles: Obstacles,
  left: number,
  right: number,
  s: Spacing,
  /** Look for a free place (false: the label sits on the middle of its line, for traces too dense to search). */
  search = true,
): Placement {
  const width = Math.max(block.labelWidth, block.tagWidth);
  const labelHeight = block.lines * s.line;
  const height = labelHeight + (block.tagWidth > 0 ? s.line : 0);
  type Parts = [Rect, Rect | null];
  const parts = (x: number, y: number): Parts => {
    const cx = x + width / 2;
    const label = { x: cx - block.labelWidth / 2, y, width: block.labelWidth, height: labelHeight };
    const tag =
      block.tagWidth > 0
        ? { x: cx - block.tagWidth / 2, y: y + labelHeight, width: block.tagWidth, height: s.line }
        : null;
    return [label, tag];
  };
  // A label wider than the wire (a phone) is centered on it and may reach over the lifelines.
  if (width > right - left) {
    const mid = (left + right) / 2;
    [left, right] = [mid - width / 2, mid + width / 2];
  }
  const clampX = (x: number) => Math.max(left, Math.min(right - width, x));
  // A box at (x, y) over or under the line moves further up or down if it would cover the line's ✕.
  const mark = line.crossBox;
  const coversMark = (x: number, y: number) => !!mark && overlaps({ x, y, width, height }, mark);
  const above = (x: number, y: number) => (coversMark(x, y) && mark ? mark.y - s.clear - height : y);
  const below = (x: number, y: number) => (coversMark(x, y) && mark ? mark.y + mark.height + s.clear : y);

  const midX = clampX((line.x1 + line.x2) / 2 - width / 2);
  let best: Parts | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  if (search) {
    // [x, y, bias]: a label reads best over its line, so other places cost a little more at equal distance.
    const candidates: [number, number, number][] = [];
    const elsewhere = s.line / 4;
    for (const u of ALONG) {
      const px = line.x1 + (line.x2 - line.x1) * u;
      const py = line.y1 + (line.y2 - line.y1) * u;
      const x = clampX(px - width / 2);
      candidates.push([x, above(x, (lineExtreme(line, x, x + width, false) ?? py) - s.clear - height), 0]);
      candidates.push([x, below(x, (lineExtreme(line, x, x + width, true) ?? py) + s.clear), elsewhere]);
      candidates.push([x, py - height / 2, 0]);
      const y = py - height / 2;
      const rightOf = lineSide(line, y, y + height, false);
      const leftOf = lineSide(line, y, y + height, true);
      if (rightOf !== null) candidates.push([rightOf + s.clear, y, elsewhere]);
      if (leftOf !== null) candidates.push([leftOf - s.clear - width, y, elsewhere]);
    }
    const top = lineExtreme(line, midX, midX + width, false) ?? (line.y1 + line.y2) / 2;
    const bottom = lineExtreme(line, midX, midX + width, true) ?? (line.y1 + line.y2) / 2;
    for (let k = 1; k <= FURTHER; k++) {
      candidates.push([midX, above(midX, top - s.clear - height) - k * s.line, 0]);
      candidates.push([midX, below(midX, bottom + s.clear) + k * s.line, elsewhere]);
    }

    // The cost of a place: how far its center is from the middle of the line (sideways counts half), plus
    // what it sits on. Candidates are tried nearest first, so the search stops at the first place that no
    // farther one could beat.
    const cx = (line.x1 + line.x2) / 2;
    const cy = (line.y1 + line.y2) / 2;
    const ranked = candidates
      .filter(([x]) => x >= left - 0.5 && x + width <= right + 0.5)
      .map(([x, y, bias]) => ({
        x,
        y,
        distance: Math.abs(y + height / 2 - cy) + 0.5 * Math.abs(x + width / 2 - cx) + bias,
      }))
      .sort((a, b) => a.distance - b.distance);
    const crosses = (r: Rect | null) => !!r && segmentCrosses(r, line.x1, line.y1, line.x2, line.y2);
    let bestCost = Number.POSITIVE_INFINITY;
    for (const { x, y, distance } of ranked) {
      if (distance >= bestCost) break;
      const p = parts(x, y);
      if (p.some((r) => r && obstacles.hits(r))) continue;
      let cost = distance;
      if (p.some(crosses)) cost += ON_OWN_LINE * s.line;
      if (cost >= bestCost) continue;
      if (p.some((r) => r && obstacles.crossed(r, line))) cost += ON_OTHER_LINE * s.line;
      if (cost < bestCost) [best, bestCost, bestDistance] = [p, cost, distance];
    }
  }
  const [label, tag] = best ?? parts(midX, (line.y1 + line.y2) / 2 - height / 2);
  obstacles.add(label);
  if (tag) obstacles.add(tag);
  const y = label.y + (s.line - TEXT_HEIGHT * s.fontSize) / 2 + TEXT_ASCENT * s.fontSize;
  return {
    label,
    tag,
    x: label.x + block.labelWidth / 2,
    y,
    tagY: y + labelHeight,
    distance: bestDistance / s.line,
  };
}
