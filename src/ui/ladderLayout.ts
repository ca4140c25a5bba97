/**
 * Geometry of the ladder (sequence) diagram, as a pure function of the trace, the cursor, the text to
 * draw and the font size. Time runs down on a compressed axis: one row per distinct event time, a fixed
 * gap where time jumps, and each row as tall as the labels that sit under it need. Segments sent at the
 * same instant leave their lifeline a little apart. Every label is an explicit rectangle, sized from an
 * estimate of its text (see textBox.ts), and takes the first place near its arrow that no other label,
 * tag, loss mark (✕) or gap marker occupies.
 *
 * The per-trace part (rows, each event's y, each segment's text, box and resting place) is computed once
 * per trace, text and size (ladderTable.ts), so moving the cursor only walks the visible window and places
 * the labels of segments still in flight. Coordinates are absolute (row 0 near y = 0 however far the window has moved); the view shows
 * `viewBox="0 top width height"`, so an arrow keeps its coordinates while the window slides.
 */
import { segmentLabel } from '../i18n/segment';
import { format, uiEn } from '../i18n/ui.en';
import type { SegmentLife } from '../store/selectors';
import type { EndpointName, SendEvent, State, Trace } from '../tcp/types';
import { ms } from './format';
import { type Block, Obstacles, type Placement, placeLabel } from './ladderLabels';
import { arrowLine, EM, gapBox, rowTable, type StateMark, stateText } from './ladderTable';
import { type Rect, TEXT_ASCENT, wrapText } from './textBox';

export type { Rect } from './textBox';

/** The words the diagram draws, already in the reader's language. */
export interface LadderText {
  /** A segment in one line ("SYN,ACK seq=300 ack=101 len=10"); the layout wraps it at spaces if needed. */
  segment(send: SendEvent, sendIndex: number): string;
  /** The tag line under a label (retransmission, injected, duplicate); '' for none. */
  tag(send: SendEvent): string;
  /** The unit of the time column, written once at its head ("ms"); the rows show numbers only. */
  timeUnit: string;
  /** A gap marker ("⋯ 950 ms later"). */
  gap(skippedMs: number): string;
}

/** English, absolute numbers: what the tests and benchmarks draw unless they say otherwise. */
export const ENGLISH_LADDER_TEXT: LadderText = {
  segment: (send) => segmentLabel(send.segment),
  tag: (send) =>
    [send.retransmission && uiEn.rtx, send.injected && uiEn.injected, send.duplicate && uiEn.duplicate]
      .filter(Boolean)
      .join(' · '),
  timeUnit: uiEn.ladderTimeUnit,
  gap: (skipped) => `⋯ ${format(uiEn.timeGap, { ms: ms(skipped) })}`,
};

export interface LadderOptions {
  /** Logical width of the drawing (the viewBox width; drawn 1:1 on the page). Default 560. */
  width: number;
  /** Size of the diagram's text (CSS px = viewBox units); every spacing grows with it. Default 12. */
  fontSize: number;
  /** Rows drawn at most; earlier rows are left out and counted in `hiddenRows`. Default 120. */
  maxRows: number;
  /** Segments drawn at most (a bulk transfer puts dozens on one row); the window shrinks to fit. Default 80. */
  maxArrows: number;
  /** A time step longer than this (ms) gets a gap marker. Default 200. */
  gapThresholdMs: number;
  /**
   * Part of a very long, dense trace (src/ui/ladderWindow.ts): labels sit on their lines without a search
   * for free places, in one round, so a window laid out while scrubbing costs a frame, not 60 ms.
   */
  dense?: boolean;
  /** The words to draw. Keep the object stable: the per-trace table is cached on it. */
  text: LadderText;
  /** A title line above the diagram (an exported file names its scenario there); '' for none. */
  heading: string;
}

export const DEFAULT_LADDER_OPTIONS: LadderOptions = {
  width: 560,
  fontSize: 12,
  maxRows: 120,
  maxArrows: 80,
  gapThresholdMs: 200,
  text: ENGLISH_LADDER_TEXT,
  heading: '',
};

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
  /** The label as drawn, one string per line (its words, in order, are `full`'s or its flags and length). */
  lines: string[];
  /** The whole label in one line, whatever is drawn. */
  full: string;
  /** The tag line (retransmission, injected, duplicate), '' for none. */
  tag: string;
  /** Center of the label's lines, and the baseline of the first; the next lines follow `lineHeight` apart. */
  labelX: number;
  labelY: number;
  lineHeight: number;
  /** Baseline of the tag line (meaningless without a tag). */
  tagY: number;
  /** Where the label's lines are drawn (with their padding). */
  labelBox: Rect;
  /** Where the tag is drawn, under the label. */
  tagBox: Rect | null;
  /** The loss mark (✕) of a lost segment, at (x2, y2). */
  crossBox: Rect | null;
  /** Half the size of the ✕. */
  cross: number;
  status: ArrowStatus;
  retransmission: boolean;
  injected: boolean;
  duplicate: boolean;
}

export interface LadderRow {
  /** Simulated time of the row (ms), and as written in the time column. */
  t: number;
  text: string;
  y: number;
}

export interface LadderGap {
  /** Center of the marker. */
  y: number;
  /** Time skipped (ms). */
  ms: number;
  text: string;
  /** Baseline of the text (centered on the wire). */
  textY: number;
  box: Rect;
}

export interface LadderStateLabel {
  endpoint: EndpointName;
  state: State;
  /** As drawn: the state's name, or RFC 9293 Figure 5's short form of it when the drawing is narrow. */
  text: string;
  x: number;
  y: number;
  anchor: 'start' | 'end';
}

export interface LadderLayout {
  width: number;
  fontSize: number;
  /** The viewBox is `0 top width height`. */
  top: number;
  height: number;
  aX: number;
  bX: number;
  midX: number;
  /** x of the time labels (anchored at their start), and the unit written at the column's head. */
  timeX: number;
  timeUnit: string;
  /** The title of an export: its lines, the first baseline, the pitch. */
  heading: { lines: string[]; x: number; y: number; lineHeight: number; fontSize: number };
  /** Baseline of the "A" / "B" header, and the lifelines' first y. */
  headerY: number;
  headSize: number;
  lifelineTop: number;
  lifelineBottom: number;
  rows: LadderRow[];
  gaps: LadderGap[];
  arrows: LadderArrow[];
  /** The state of each endpoint at the top of the window, then each state change in the window. */
  stateLabels: LadderStateLabel[];
  /** Rows before the window that are not drawn. */
  hiddenRows: number;
  /** Simulated time at the cursor. */
  now: number;
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

export function layoutLadder(
  trace: Trace,
  cursor: number,
  options: Partial<LadderOptions> = {},
): LadderLayout {
  const opts = { ...DEFAULT_LADDER_OPTIONS, ...options };
  const f = opts.fontSize;
  const table = rowTable(trace, opts);
  const events = trace.events;
  const last = Math.min(cursor, events.length - 1);

  const width = opts.width;
  const { aX, bX } = table;
  const midX = (aX + bX) / 2;
  const rowHeight = EM.row * f;

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
  const firstY = table.rowY[firstRow] ?? EM.header * f + rowHeight / 2;
  const now = last >= 0 ? (events[last]?.t ?? 0) : 0;

  const rows: LadderRow[] = [];
  const gaps: LadderGap[] = [];
  const obstacles = new Obstacles(4 * f);
  for (let r = firstRow; r <= lastRow; r++) {
    const t = table.times[r] as number;
    rows.push({ t, text: ms(t), y: table.rowY[r] as number });
    const skipped = table.gapBefore[r] as number;
    if (skipped > 0 && r > firstRow) {
      const y = table.gapY[r] as number;
      const gap = gapBox(opts.text, skipped, y, midX, f);
      gaps.push({ y, ms: skipped, ...gap });
      obstacles.add(gap.box);
    }
  }

  // Segments that have arrived (or were lost) keep the place the table gave their label; those still in
  // flight are placed now, clear of all the others.
  const arrows: LadderArrow[] = [];
  const flying: { arrow: LadderArrow; k: number }[] = [];
  const sentInWindow: boolean[] = [];
  const lives = table.lives;
  const cross = EM.cross * f;
  for (let k = 0; k < lives.length; k++) {
    const life = lives[k] as SegmentLife;
    if (life.sendIndex > last) break;
    const endRow = table.endRow[k] as number;
    // Segments that ended before the window are not drawn at all.
    if (life.endIndex <= last && endRow < firstRow) continue;
    const send = life.send;
    const line = arrowLine(table, k, last, now, f);
    const placement = table.placements[k] as Placement;
    const arrow: LadderArrow = {
      id: send.id,
      from: send.from,
      to: send.to,
      sendIndex: life.sendIndex,
      x1: line.x1,
      y1: line.y1,
      x2: line.x2,
      y2: line.y2,
      lines: table.lines[k] as string[],
      full: table.full[k] as string,
      tag: table.tags[k] as string,
      labelX: placement.x,
      labelY: placement.y,
      lineHeight: EM.line * f,
      tagY: placement.tagY,
      labelBox: placement.label,
      tagBox: placement.tag,
      crossBox: line.crossBox,
      cross,
      status: line.status,
      retransmission: send.retransmission,
      injected: send.injected,
      duplicate: send.duplicate,
    };
    arrows.push(arrow);
    obstacles.addLine(arrow);
    sentInWindow.push((table.sendRow[k] as number) >= firstRow);
    if (line.status === 'in-flight') flying.push({ arrow, k });
    else {
      obstacles.add(placement.label);
      if (placement.tag) obstacles.add(placement.tag);
      if (line.crossBox) obstacles.add(line.crossBox);
    }
  }
  const spacing = { fontSize: f, line: EM.line * f, clear: EM.clear * f };
  for (const { arrow, k } of flying) {
    const p = placeLabel(
      arrow,
      table.blocks[k] as Block,
      obstacles,
      aX + EM.margin * f,
      bX - EM.margin * f,
      spacing,
    );
    arrow.labelX = p.x;
    arrow.labelY = p.y;
    arrow.tagY = p.tagY;
    arrow.labelBox = p.label;
    arrow.tagBox = p.tag;
  }

  // The window: from one header above its first row (and above any label placed higher) to below the
  // last row (and any label placed lower), plus the heading of an export.
  let boxTop = firstY;
  let boxBottom = (table.rowBottom[Math.max(0, lastRow)] ?? firstY) + EM.footer * f;
  arrows.forEach((a, n) => {
    const lowest = a.tagBox ?? a.labelBox;
    boxBottom = Math.max(boxBottom, lowest.y + lowest.height + EM.clear * f);
    // A segment sent before the window is cut off at its top anyway.
    if (sentInWindow[n]) boxTop = Math.min(boxTop, a.labelBox.y - EM.clear * f);
  });
  if (lastRow < 0) boxBottom = firstY - rowHeight / 2 + EM.footer * f;
  const headingSize = EM.headingSize * f;
  const headingLines = opts.heading
    ? (wrapText(opts.heading, width - 2 * EM.timeX * f, headingSize, 3, 'sans-bold') ?? [opts.heading])
    : [];
  const headingHeight = headingLines.length * EM.headingLine * f + (headingLines.length > 0 ? 0.5 * f : 0);
  const top = Math.min(firstY - rowHeight / 2, boxTop) - EM.header * f - headingHeight;
  const headerY = top + headingHeight + 1.5 * f;

  const labelFor = (endpoint: EndpointName, state: State, y: number): LadderStateLabel => {
    const text = stateText(state, table.shortStates);
    return endpoint === 'A'
      ? { endpoint, state, text, x: aX - 0.5 * f, y, anchor: 'end' }
      : { endpoint, state, text, x: bX + 0.5 * f, y, anchor: 'start' };
  };
  const stateLabels: LadderStateLabel[] = [];
  stateLabels.push(labelFor('A', table.stateBefore.A[firstRow] ?? 'CLOSED', headerY + 1.4 * f));
  stateLabels.push(labelFor('B', table.stateBefore.B[firstRow] ?? 'CLOSED', headerY + 1.4 * f));
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
    if (!superseded)
      stateLabels.push(labelFor(mark.endpoint, mark.to, (table.rowY[mark.row] as number) - 0.35 * f));
  }

  return {
    width,
    fontSize: f,
    top,
    height: boxBottom - top,
    aX,
    bX,
    midX,
    timeX: EM.timeX * f,
    timeUnit: opts.text.timeUnit,
    heading: {
      lines: headingLines,
      x: EM.timeX * f,
      y: top + 0.3 * f + TEXT_ASCENT * headingSize,
      lineHeight: EM.headingLine * f,
      fontSize: headingSize,
    },
    headerY,
    headSize: EM.headSize * f,
    lifelineTop: headerY + 0.5 * f,
    lifelineBottom: boxBottom,
    rows,
    gaps,
    arrows,
    stateLabels,
    hiddenRows: firstRow,
    now,
  };
}
