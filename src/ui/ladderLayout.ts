/**
 * Geometry of the ladder (sequence) diagram, as a pure function of the trace and the cursor. Time runs
 * down on a compressed axis: one row per distinct event time, plus a fixed gap where time jumps. The
 * per-trace part (rows, each event's row, each segment's rows) is computed once and kept in a WeakMap,
 * so moving the cursor only walks the visible window and the segments.
 *
 * Coordinates are absolute (row 0 near y = 0 however far the window has moved); the view shows
 * `viewBox="0 top width height"`, so an arrow keeps its coordinates while the window slides and a
 * memoized arrow element does not re-render.
 */
import { progress, type SegmentLife, segmentLives } from '../store/selectors';
import type { EndpointName, State, Trace } from '../tcp/types';

export interface LadderOptions {
  /** Logical width of the drawing (the viewBox width). Default 560. */
  width: number;
  /** Rows drawn at most; earlier rows are left out and counted in `hiddenRows`. Default 80. */
  maxRows: number;
  /** Segments drawn at most (a bulk transfer puts dozens on one row); the window shrinks to fit. Default 80. */
  maxArrows: number;
  /** Height of one row. Default 28. */
  rowHeight: number;
  /** A time step longer than this (ms) gets a gap marker. Default 80. */
  gapThresholdMs: number;
  /** Extra height of a gap marker. Default 22. */
  gapHeight: number;
}

export const DEFAULT_LADDER_OPTIONS: LadderOptions = {
  width: 560,
  maxRows: 120,
  maxArrows: 80,
  rowHeight: 28,
  gapThresholdMs: 200,
  gapHeight: 22,
};

/** Room above the first row for the "A" / "B" header. */
const HEADER = 40;
/** Room below the last row. */
const FOOTER = 16;
/** Left column for the time labels. */
const TIME_COLUMN = 48;
/** Room beside each lifeline for its state label. */
const STATE_GUTTER = 92;
/** Below this wire width a full label ("SYN,ACK seq=… ack=…", ~240 wide) would spill over the state labels. */
const COMPACT_BELOW = 260;
/** Where a label's baseline may go, relative to where its line crosses mid-wire: above first, then below, then further out. */
const LABEL_SLOTS = [-5, 14, -19, 28, -33, 42];
/** A label's text reaches this far above and below its baseline; a tag line sits TAG_LINE under it. */
const TEXT_ASCENT = 9;
const TEXT_DESCENT = 2;
const TAG_LINE = 16;

export type ArrowStatus = 'delivered' | 'lost' | 'in-flight';

export interface LadderArrow {
  id: number;
  from: EndpointName;
  to: EndpointName;
  /** Index of the send event. */
  sendIndex: number;
  x1: number;
  y1: number;
  /** Where the drawn line ends: the receiver, mid-wire for a lost segment, or the tip of one in flight. */
  x2: number;
  y2: number;
  /** The segment label: centered on labelX, baseline at labelY (above the line unless another label is there). */
  labelX: number;
  labelY: number;
  /** Baseline of the tag line (retransmission, injected, duplicate) under the label. */
  tagY: number;
  status: ArrowStatus;
  retransmission: boolean;
  injected: boolean;
  duplicate: boolean;
}

export interface LadderRow {
  /** Simulated time of the row (ms). */
  t: number;
  y: number;
}

export interface LadderGap {
  /** Center of the marker. */
  y: number;
  /** Time skipped (ms). */
  ms: number;
}

export interface LadderStateLabel {
  endpoint: EndpointName;
  state: State;
  x: number;
  y: number;
  anchor: 'start' | 'end';
}

export interface LadderLayout {
  width: number;
  /** The viewBox is `0 top width height`. */
  top: number;
  height: number;
  aX: number;
  bX: number;
  midX: number;
  /** x of the time labels (anchored at their start). */
  timeX: number;
  /** Baseline of the "A" / "B" header, and the lifelines' first y. */
  headerY: number;
  lifelineTop: number;
  lifelineBottom: number;
  rows: LadderRow[];
  gaps: LadderGap[];
  arrows: LadderArrow[];
  /** The state of each endpoint at the top of the window, then each state change in the window. */
  stateLabels: LadderStateLabel[];
  /** Rows before the window that are not drawn. */
  hiddenRows: number;
  /** The wire is too narrow for full segment labels (a phone): show flags and length only. */
  compactLabels: boolean;
  /** Simulated time at the cursor. */
  now: number;
}

// ---------------------------------------------------------------- per-trace table (memoized)

interface StateMark {
  index: number;
  row: number;
  endpoint: EndpointName;
  to: State;
}

interface RowTable {
  times: number[];
  /** y of each row at the given row height and gap settings. */
  ys: number[];
  /** Time skipped before each row (0 when no gap marker). */
  gapBefore: number[];
  rowOfEvent: Int32Array;
  lives: SegmentLife[];
  sendRow: Int32Array;
  /** Row of the deliver or drop event, -1 if the run stopped first. */
  endRow: Int32Array;
  stateMarks: StateMark[];
  /** State of A and B before each row's first event. */
  stateBefore: Record<EndpointName, State[]>;
}

const tableCache = new WeakMap<Trace, Map<string, RowTable>>();

function rowTable(trace: Trace, opts: LadderOptions): RowTable {
  const key = `${opts.rowHeight}/${opts.gapThresholdMs}/${opts.gapHeight}`;
  let byOpts = tableCache.get(trace);
  if (!byOpts) {
    byOpts = new Map();
    tableCache.set(trace, byOpts);
  }
  const cached = byOpts.get(key);
  if (cached) return cached;

  const events = trace.events;
  const times: number[] = [];
  const ys: number[] = [];
  const gapBefore: number[] = [];
  const rowOfEvent = new Int32Array(events.length);
  const stateMarks: StateMark[] = [];
  const stateBefore: Record<EndpointName, State[]> = { A: [], B: [] };
  const current: Record<EndpointName, State> = { A: 'CLOSED', B: 'CLOSED' };
  let y = HEADER;
  events.forEach((e, i) => {
    const last = times[times.length - 1];
    if (last === undefined || e.t !== last) {
      const dt = last === undefined ? 0 : e.t - last;
      const gap = dt > opts.gapThresholdMs;
      if (last !== undefined) y += opts.rowHeight + (gap ? opts.gapHeight : 0);
      else y += opts.rowHeight / 2;
      times.push(e.t);
      ys.push(y);
      gapBefore.push(gap ? dt : 0);
      stateBefore.A.push(current.A);
      stateBefore.B.push(current.B);
    }
    const row = times.length - 1;
    rowOfEvent[i] = row;
    if (e.type === 'state') {
      current[e.endpoint] = e.to;
      stateMarks.push({ index: i, row, endpoint: e.endpoint, to: e.to });
    }
  });

  const lives = segmentLives(trace);
  const sendRow = new Int32Array(lives.length);
  const endRow = new Int32Array(lives.length);
  lives.forEach((life, k) => {
    sendRow[k] = rowOfEvent[life.sendIndex] ?? 0;
    endRow[k] = Number.isFinite(life.endIndex) ? (rowOfEvent[life.endIndex] ?? -1) : -1;
  });

  const table: RowTable = {
    times,
    ys,
    gapBefore,
    rowOfEvent,
    lives,
    sendRow,
    endRow,
    stateMarks,
    stateBefore,
  };
  byOpts.set(key, table);
  return table;
}

// ---------------------------------------------------------------- layout at a cursor

/** First index in a sorted-by-row list whose row is at least `row`. */
function firstMarkAtRow(marks: StateMark[], row: number): number {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((marks[mid] as StateMark).row < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Arrows that cross (A and B sending at once) or run side by side (a burst) would print their labels on
 * top of each other: each label takes the first slot clear of the labels just before it. On entry labelY
 * is where the line crosses mid-wire.
 */
function placeLabels(arrows: LadderArrow[]): void {
  const taken: { top: number; bottom: number }[] = [];
  for (const arrow of arrows) {
    const lineY = arrow.labelY;
    const tagged = arrow.retransmission || arrow.injected || arrow.duplicate;
    const extent = (dy: number) => ({
      top: lineY + dy - TEXT_ASCENT,
      bottom: lineY + dy + (tagged ? TAG_LINE : 0) + TEXT_DESCENT,
    });
    const recent = taken.slice(-6);
    const free = LABEL_SLOTS.find((dy) => {
      const box = extent(dy);
      return recent.every((t) => box.bottom <= t.top || box.top >= t.bottom);
    });
    const dy = free ?? (LABEL_SLOTS[0] as number);
    arrow.labelY = lineY + dy;
    arrow.tagY = arrow.labelY + TAG_LINE;
    taken.push(extent(dy));
  }
}

export function layoutLadder(
  trace: Trace,
  cursor: number,
  options: Partial<LadderOptions> = {},
): LadderLayout {
  const opts = { ...DEFAULT_LADDER_OPTIONS, ...options };
  const table = rowTable(trace, opts);
  const events = trace.events;
  const last = Math.min(cursor, events.length - 1);

  const width = opts.width;
  const aX = TIME_COLUMN + STATE_GUTTER;
  const bX = width - STATE_GUTTER;
  const midX = (aX + bX) / 2;
  const xOf = (name: EndpointName) => (name === 'A' ? aX : bX);

  const lastRow = last >= 0 ? (table.rowOfEvent[last] ?? -1) : -1;
  let firstRow = Math.max(0, lastRow - opts.maxRows + 1);
  // Cap the arrows too: start the window no earlier than the row of the maxArrows-th latest segment.
  let counted = 0;
  for (let k = table.lives.length - 1; k >= 0; k--) {
    if ((table.lives[k] as SegmentLife).sendIndex > last) continue;
    if (++counted === opts.maxArrows) {
      firstRow = Math.max(firstRow, table.sendRow[k] as number);
      break;
    }
  }
  const firstY = table.ys[firstRow] ?? HEADER + opts.rowHeight / 2;
  // The window starts one header above its first row, wherever that row is.
  const top = firstY - opts.rowHeight / 2 - HEADER;
  const lastY = lastRow >= 0 ? (table.ys[lastRow] as number) : firstY - opts.rowHeight / 2;
  const bottom = lastY + FOOTER;
  const now = last >= 0 ? (events[last]?.t ?? 0) : 0;

  const rows: LadderRow[] = [];
  const gaps: LadderGap[] = [];
  for (let r = firstRow; r <= lastRow; r++) {
    const y = table.ys[r] as number;
    rows.push({ t: table.times[r] as number, y });
    const skipped = table.gapBefore[r] as number;
    if (skipped > 0 && r > firstRow) gaps.push({ y: y - (opts.rowHeight + opts.gapHeight) / 2, ms: skipped });
  }

  const labelFor = (endpoint: EndpointName, state: State, y: number): LadderStateLabel =>
    endpoint === 'A'
      ? { endpoint, state, x: aX - 6, y, anchor: 'end' }
      : { endpoint, state, x: bX + 6, y, anchor: 'start' };
  const headerY = top + 18;
  const stateLabels: LadderStateLabel[] = [];
  stateLabels.push(labelFor('A', table.stateBefore.A[firstRow] ?? 'CLOSED', headerY + 16));
  stateLabels.push(labelFor('B', table.stateBefore.B[firstRow] ?? 'CLOSED', headerY + 16));
  const marks = table.stateMarks;
  for (let k = firstMarkAtRow(marks, firstRow); k < marks.length; k++) {
    const mark = marks[k] as StateMark;
    if (mark.index > last) break;
    // Several changes of one endpoint at one time: label only the state it is in after that row.
    let superseded = false;
    for (let j = k + 1; j < marks.length; j++) {
      const later = marks[j] as StateMark;
      if (later.row !== mark.row || later.index > last) break;
      if (later.endpoint === mark.endpoint) superseded = true;
    }
    if (!superseded) stateLabels.push(labelFor(mark.endpoint, mark.to, (table.ys[mark.row] as number) - 4));
  }

  const arrows: LadderArrow[] = [];
  const lives = table.lives;
  for (let k = 0; k < lives.length; k++) {
    const life = lives[k] as SegmentLife;
    if (life.sendIndex > last) break;
    const ended = life.endIndex <= last;
    const endRow = table.endRow[k] as number;
    // Segments that ended before the window are not drawn at all.
    if (ended && endRow < firstRow) continue;
    const send = life.send;
    const x1 = xOf(send.from);
    const y1 = table.ys[table.sendRow[k] as number] as number;
    const xTo = xOf(send.to);
    let x2: number;
    let y2: number;
    let status: ArrowStatus;
    if (!ended) {
      status = 'in-flight';
      x2 = x1 + (xTo - x1) * progress(life, now);
      y2 = lastY;
    } else if (life.lost) {
      status = 'lost';
      const yEnd = table.ys[endRow] as number;
      x2 = midX;
      y2 = y1 + (yEnd - y1) / 2;
    } else {
      status = 'delivered';
      x2 = xTo;
      y2 = table.ys[endRow] as number;
    }
    // The label sits over the middle of the wire, where the drawn line crosses it (or its middle if short).
    const crossesMid = (x1 - midX) * (x2 - midX) <= 0 && x1 !== x2;
    const lineY = crossesMid ? y1 + ((y2 - y1) * (midX - x1)) / (x2 - x1) : (y1 + y2) / 2;
    arrows.push({
      id: send.id,
      from: send.from,
      to: send.to,
      sendIndex: life.sendIndex,
      x1,
      y1,
      x2,
      y2,
      labelX: midX,
      labelY: lineY,
      tagY: lineY,
      status,
      retransmission: send.retransmission,
      injected: send.injected,
      duplicate: send.duplicate,
    });
  }

  placeLabels(arrows);

  return {
    width,
    top,
    height: bottom - top,
    aX,
    bX,
    midX,
    timeX: 4,
    headerY,
    lifelineTop: headerY + 6,
    lifelineBottom: bottom,
    rows,
    gaps,
    arrows,
    stateLabels,
    hiddenRows: firstRow,
    compactLabels: bX - aX < COMPACT_BELOW,
    now,
  };
}
