/**
 * The per-trace part of the ladder's layout, computed once per trace, text, width and font size (and kept
 * in a WeakMap): the rows (one per distinct event time, as tall as the labels under them need), the slot
 * of each same-instant send or arrival, the columns, each segment's label text and box, and where each
 * label goes once its segment has arrived (placed in send order, so it never moves after that).
 */
import { progress, type SegmentLife, segmentLives } from '../store/selectors';
import type { EndpointName, State, Trace } from '../tcp/types';
import { ms } from './format';
import { type Block, Obstacles, type Placement, placeLabel } from './ladderLabels';
import type { ArrowStatus, LadderOptions, LadderText } from './ladderLayout';
import { type Rect, TEXT_ASCENT, TEXT_HEIGHT, textWidth, wrapText } from './textBox';

/** Spacing of the drawing, in units of the font size. */
export const EM = {
  /** Pitch of the lines of a label. */
  line: 1.2,
  /** Height of a row with nothing to hold. */
  row: 2.4,
  /** Extra height of a gap marker. */
  gap: 2,
  /** Room above the first row for the "A" / "B" header and the initial states. */
  header: 3.4,
  footer: 1.4,
  /** Segments sent at the same instant leave their lifeline this far apart. */
  slot: 0.9,
  /** Half the size of a loss mark (✕). */
  cross: 0.42,
  /** Between a label's text and the edge of its box. */
  pad: 0.25,
  /** Between a label's box and its line. */
  clear: 0.2,
  /** Between a label's box and a lifeline (room for arrowheads). */
  margin: 0.7,
  /** The time column's left edge and its room before A's state labels. */
  timeX: 0.35,
  timeGutter: 0.8,
  /** Room between a state label and its lifeline. */
  stateGutter: 0.8,
  /** Size of the "A" / "B" header and of the heading of an export. */
  headSize: 1.2,
  headingSize: 1.15,
  headingLine: 1.45,
};

/** RFC 9293 Figure 5 writes the two longest state names short; a narrow drawing does too. */
const SHORT_STATE: Partial<Record<State, string>> = { 'SYN-RECEIVED': 'SYN-RCVD', ESTABLISHED: 'ESTAB' };
/** Below this wire width (in font sizes) with full state names, the drawing uses the short ones. */
const SHORT_STATES_BELOW = 15;

/** A label is wrapped on at most this many lines; past that it shows its flags (and length) only. */
const MAX_LABEL_LINES = 3;

export interface StateMark {
  index: number;
  row: number;
  endpoint: EndpointName;
  to: State;
}

/** Where the rows are: computed again whenever a row has to grow to give a label room. */
interface Rows {
  /** y of each row (its time label and state changes). */
  rowY: number[];
  /** Lowest y used by each row's events (the row's y plus its same-instant slots). */
  rowBottom: number[];
  /** Center of the gap marker before each row (0 when none). */
  gapY: number[];
  /** y of each event: a send or an arrival takes a slot of its row when several happen at that instant. */
  eventY: Float64Array;
}

export interface RowTable extends Rows {
  times: number[];
  /** Time skipped before each row (0 when no gap marker). */
  gapBefore: number[];
  rowOfEvent: Int32Array;
  lives: SegmentLife[];
  sendRow: Int32Array;
  /** Row of the deliver or drop event, -1 if the run stopped first. */
  endRow: Int32Array;
  /** Each segment's label as drawn, the whole label, its tag, and the size of its box. */
  lines: string[][];
  full: string[];
  tags: string[];
  blocks: Block[];
  /** Where each segment's label goes once the segment has arrived or been lost (placed in send order). */
  placements: Placement[];
  stateMarks: StateMark[];
  /** State of A and B before each row's first event. */
  stateBefore: Record<EndpointName, State[]>;
  aX: number;
  bX: number;
  shortStates: boolean;
}

export function stateText(state: State, short: boolean): string {
  return (short && SHORT_STATE[state]) || state;
}

const tableCache = new WeakMap<Trace, WeakMap<LadderText, Map<string, RowTable>>>();

export function rowTable(trace: Trace, opts: LadderOptions): RowTable {
  const key = `${opts.width}/${opts.fontSize}/${opts.gapThresholdMs}/${opts.dense === true}`;
  let byText = tableCache.get(trace);
  if (!byText) {
    byText = new WeakMap();
    tableCache.set(trace, byText);
  }
  let byOpts = byText.get(opts.text);
  if (!byOpts) {
    byOpts = new Map();
    byText.set(opts.text, byOpts);
  }
  const cached = byOpts.get(key);
  if (cached) return cached;
  const table = buildTable(trace, opts);
  // Dragging a window's edge tries many widths: keep the last few.
  if (byOpts.size >= 4) byOpts.delete(byOpts.keys().next().value as string);
  byOpts.set(key, table);
  return table;
}

/** A label placed further than this from its line's middle (in line pitches) makes its row grow. */
const GROW_BEYOND = 3;
/**
 * Rounds of "place every label, grow the rows where one did not fit well": a few for a figure, one for a
 * bulk transfer of thousands of segments (each round places every label; the first stays quick).
 */
/**
 * Past this many segments in a run, labels sit on their lines without a search for free places: a run of
 * one-byte segments may hold 100,000 of them, and searching costs ~30 µs a label (seconds, on the page's
 * thread, when the trace opens). A diagram that dense is read one window of rows at a time anyway.
 */
const DENSE_SEGMENTS = 5_000;
const roundsFor = (segments: number) => (segments <= 400 ? 8 : segments <= 1500 ? 3 : 1);

function buildTable(trace: Trace, opts: LadderOptions): RowTable {
  const f = opts.fontSize;
  const text = opts.text;
  const events = trace.events;

  // Rows, states, and the same-instant slots of sends and arrivals.
  const times: number[] = [];
  const rowOfEvent = new Int32Array(events.length);
  const slotOfEvent = new Int32Array(events.length);
  const slots: number[] = [];
  const stateMarks: StateMark[] = [];
  const stateBefore: Record<EndpointName, State[]> = { A: [], B: [] };
  const current: Record<EndpointName, State> = { A: 'CLOSED', B: 'CLOSED' };
  const receiverOf = new Map<number, EndpointName>();
  let sends = 0;
  const arrivals: Record<EndpointName, number> = { A: 0, B: 0 };
  events.forEach((e, i) => {
    const last = times[times.length - 1];
    if (last === undefined || e.t !== last) {
      times.push(e.t);
      slots.push(1);
      stateBefore.A.push(current.A);
      stateBefore.B.push(current.B);
      sends = 0;
      arrivals.A = 0;
      arrivals.B = 0;
    }
    const row = times.length - 1;
    rowOfEvent[i] = row;
    let slot = 0;
    if (e.type === 'send') {
      receiverOf.set(e.id, e.to);
      slot = sends++;
    } else if (e.type === 'deliver' || e.type === 'drop') {
      const to = receiverOf.get(e.id) ?? 'A';
      slot = arrivals[to]++;
    } else if (e.type === 'state') {
      current[e.endpoint] = e.to;
      stateMarks.push({ index: i, row, endpoint: e.endpoint, to: e.to });
    }
    slotOfEvent[i] = slot;
    slots[row] = Math.max(slots[row] as number, slot + 1);
  });

  // Columns: time labels, A's state labels, the wire, B's state labels (short names if the wire is narrow).
  const widest = (name: EndpointName, short: boolean) =>
    stateMarks.reduce(
      (w, mark) =>
        mark.endpoint === name ? Math.max(w, textWidth(stateText(mark.to, short), f, 'sans-bold')) : w,
      textWidth('CLOSED', f, 'sans-bold'),
    );
  let longest = '';
  for (const t of times) if (ms(t).length > longest.length) longest = ms(t);
  const timeWidth = Math.max(textWidth(longest, f, 'mono'), textWidth(text.timeUnit, f, 'mono'));
  const timeX = EM.timeX * f;
  const columns = (short: boolean) => ({
    aX: Math.round(timeX + timeWidth + EM.timeGutter * f + widest('A', short) + EM.stateGutter * f),
    bX: Math.round(opts.width - widest('B', short) - EM.stateGutter * f - timeX),
  });
  let shortStates = false;
  let { aX, bX } = columns(false);
  if (bX - aX < SHORT_STATES_BELOW * f) {
    shortStates = true;
    ({ aX, bX } = columns(true));
  }
  const midX = (aX + bX) / 2;
  const left = aX + EM.margin * f;
  const right = bX - EM.margin * f;
  const pad = 2 * EM.pad * f;

  // Each segment's label: the whole header if it fits (wrapped on up to three lines), else its flags.
  const lives = segmentLives(trace);
  const lines: string[][] = [];
  const full: string[] = [];
  const tags: string[] = [];
  const blocks: Block[] = [];
  for (const life of lives) {
    const whole = text.segment(life.send, life.sendIndex);
    const seg = life.send.segment;
    const drawn = wrapText(whole, right - left - pad, f, MAX_LABEL_LINES) ?? [
      seg.len > 0 ? `${seg.flags.join(',')} len=${seg.len}` : seg.flags.join(','),
    ];
    const tag = text.tag(life.send);
    lines.push(drawn);
    full.push(whole);
    tags.push(tag);
    blocks.push({
      lines: drawn.length,
      labelWidth: drawn.reduce((w, l) => Math.max(w, textWidth(l, f)), Number.NEGATIVE_INFINITY) + pad,
      tagWidth: tag ? textWidth(tag, f) + pad : 0,
    });
  }

  // A first guess of each row's height: room for the tallest label that sits under it (a label sits about
  // where its line crosses mid-wire, so it belongs to the row above that point). Rows where labels crowd
  // grow below, once they have been placed, up to the height of all their labels stacked.
  const sendRow = new Int32Array(lives.length);
  const endRow = new Int32Array(lives.length);
  const home = new Int32Array(lives.length);
  const need = new Float64Array(times.length);
  /** A row never needs more than all its labels (and ✕s) stacked, plus a row. */
  const stacked = new Float64Array(times.length).fill(EM.row * f);
  const lastRow = times.length - 1;
  const bandOf = (from: number, at: number, to: number) =>
    Math.max(from, Math.min(Math.max(from, to - 1), Math.floor(at)));
  lives.forEach((life, k) => {
    const from = rowOfEvent[life.sendIndex] ?? 0;
    const end = Number.isFinite(life.endIndex) ? (rowOfEvent[life.endIndex] ?? -1) : -1;
    sendRow[k] = from;
    endRow[k] = end;
    const to = end < 0 ? Math.min(lastRow, from + 1) : end;
    const block = blocks[k] as Block;
    const height = (block.lines + (block.tagWidth > 0 ? 1 : 0)) * EM.line * f + 2 * EM.clear * f;
    const band = bandOf(from, life.lost ? from + (to - from) / 4 : from + (to - from) / 2, to);
    home[k] = band;
    need[band] = Math.max(need[band] as number, height);
    stacked[band] = (stacked[band] as number) + height;
    if (life.lost) stacked[band] = (stacked[band] as number) + (2 * EM.cross + 2 * EM.clear) * f;
  });

  const gapBefore = times.map((t, r) =>
    r > 0 && t - (times[r - 1] as number) > opts.gapThresholdMs ? t - (times[r - 1] as number) : 0,
  );
  const layRows = (): Rows => {
    const rowY: number[] = [];
    const rowBottom: number[] = [];
    const gapY: number[] = [];
    let y = EM.header * f + (EM.row * f) / 2;
    times.forEach((_, r) => {
      gapY.push(0);
      if (r > 0) {
        const below = (rowBottom[r - 1] as number) + Math.max(EM.row * f, need[r - 1] as number);
        const gap = gapBefore[r] as number;
        if (gap > 0) gapY[r] = below + (EM.gap * f) / 2 - (EM.row * f) / 4;
        y = below + (gap > 0 ? EM.gap * f : 0);
      }
      rowY.push(y);
      rowBottom.push(y + ((slots[r] as number) - 1) * EM.slot * f);
    });
    const eventY = new Float64Array(events.length);
    for (let i = 0; i < events.length; i++) {
      eventY[i] = (rowY[rowOfEvent[i] as number] as number) + (slotOfEvent[i] as number) * EM.slot * f;
    }
    return { rowY, rowBottom, gapY, eventY };
  };

  // Place every label where it will stay once its segment has arrived; where one had to go far from its
  // line, give its row more room and place them all again.
  const spacing = { fontSize: f, line: EM.line * f, clear: EM.clear * f };
  const end = { last: events.length - 1, now: events[events.length - 1]?.t ?? 0 };
  let rows = layRows();
  let placements: Placement[] = [];
  for (let round = 1; ; round++) {
    const partial = { ...rows, lives, endRow, times, gapBefore, aX, bX };
    const obstacles = new Obstacles(4 * f);
    for (let r = 1; r < times.length; r++) {
      if ((gapBefore[r] as number) > 0)
        obstacles.add(gapBox(text, gapBefore[r] as number, rows.gapY[r] as number, midX, f).box);
    }
    const lines = lives.map((_, k) => arrowLine(partial, k, end.last, end.now, f));
    for (const line of lines) {
      obstacles.addLine(line);
      if (line.crossBox) obstacles.add(line.crossBox);
    }
    const search = !opts.dense && lives.length <= DENSE_SEGMENTS;
    placements = lines.map((line, k) =>
      placeLabel(line, blocks[k] as Block, obstacles, left, right, spacing, search),
    );
    let grown = false;
    placements.forEach((p, k) => {
      if (p.distance <= GROW_BEYOND) return;
      const band = home[k] as number;
      const height = Math.max(need[band] as number, EM.row * f);
      if (height >= (stacked[band] as number)) return;
      need[band] = Math.min(stacked[band] as number, height + EM.line * f);
      grown = true;
    });
    if (!grown || !search || round >= roundsFor(lives.length)) break;
    rows = layRows();
  }

  return {
    ...rows,
    times,
    gapBefore,
    rowOfEvent,
    lives,
    sendRow,
    endRow,
    lines,
    full,
    tags,
    blocks,
    placements,
    stateMarks,
    stateBefore,
    aX,
    bX,
    shortStates,
  };
}

/** A gap marker: its text, centered on the wire at `y`. */
export function gapBox(text: LadderText, skipped: number, y: number, midX: number, f: number) {
  const gapText = text.gap(skipped);
  const w = textWidth(gapText, f, 'sans') + 2 * EM.pad * f;
  const box = { x: midX - w / 2, y: y - (EM.line * f) / 2, width: w, height: EM.line * f };
  const textY = box.y + ((EM.line - TEXT_HEIGHT) * f) / 2 + TEXT_ASCENT * f;
  return { text: gapText, textY, box };
}

export interface ArrowLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  status: ArrowStatus;
  crossBox: Rect | null;
}

/** Segment k's line with the cursor at event `last` (time `now`). */
export function arrowLine(
  table: Pick<RowTable, 'lives' | 'eventY' | 'aX' | 'bX'>,
  k: number,
  last: number,
  now: number,
  f: number,
): ArrowLine {
  const life = table.lives[k] as SegmentLife;
  const send = life.send;
  const xOf = (name: EndpointName) => (name === 'A' ? table.aX : table.bX);
  const x1 = xOf(send.from);
  const y1 = table.eventY[life.sendIndex] as number;
  if (life.endIndex > last) {
    const lastY = table.eventY[last] as number;
    return {
      x1,
      y1,
      x2: x1 + (xOf(send.to) - x1) * progress(life, now),
      y2: Math.max(y1, lastY),
      status: 'in-flight',
      crossBox: null,
    };
  }
  const yEnd = table.eventY[life.endIndex] as number;
  if (!life.lost) return { x1, y1, x2: xOf(send.to), y2: yEnd, status: 'delivered', crossBox: null };
  const x2 = (table.aX + table.bX) / 2;
  const y2 = y1 + (yEnd - y1) / 2;
  // The strokes are round-capped: the mark reaches a little past its lines.
  const reach = (EM.cross + 0.15) * f;
  return {
    x1,
    y1,
    x2,
    y2,
    status: 'lost',
    crossBox: { x: x2 - reach, y: y2 - reach, width: 2 * reach, height: 2 * reach },
  };
}
