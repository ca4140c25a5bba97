/**
 * RFC 9293 Figure 5 as data: where each state's box sits, the figure's edges with their labels, and which
 * of the engine's transitions each edge depicts. Pure (no React): the diagram component draws it, tests
 * check it against the RFC.
 *
 * Like the figure, CLOSED appears twice: at the top (before a connection) and at the bottom right (after
 * one). `closedNodeFor` says which box an endpoint that entered CLOSED stands in.
 */
import type { Figure5Label } from '../i18n/glossary';
import type { ExplainKey } from '../tcp/explain';
import {
  type EndpointName,
  type State,
  type StateEvent,
  SYNCHRONIZED_STATES,
  type Trace,
} from '../tcp/types';

export type NodeId = State | 'CLOSED-end';

export interface StateNode {
  id: NodeId;
  state: State;
  /** Text in the box: the RFC's spelling (Figure 5 abbreviates; we have room for the full names). */
  label: string;
  /** Centre of the box in the diagram's logical coordinates. */
  x: number;
  y: number;
}

export interface FigureEdge {
  from: NodeId;
  to: NodeId;
  /**
   * The figure's label, in the RFC's notation (the catalogs' `figure5` translates it): the event above the
   * line, the action below ("x": no action, so omitted).
   */
  event: Figure5Label;
  action?: Figure5Label;
  /** SVG path data, drawn from `from` to `to` (the arrowhead marks the end). */
  path: string;
  /** Where the label's first line sits, and which way it runs from there. */
  labelX: number;
  labelY: number;
  anchor: 'start' | 'middle' | 'end';
  /**
   * The engine's explanation keys for the transition this edge depicts, when the same pair of states can
   * also be joined by something the figure leaves out (a RST, a crash, an abort: RFC 9293 note 3).
   * Absent: any transition between the two states is this edge.
   */
  causes?: readonly ExplainKey[];
}

/** Logical size of the drawing; the SVG scales it to its container. */
export const VIEW_WIDTH = 640;
export const VIEW_HEIGHT = 800;
export const BOX_WIDTH = 130;
export const BOX_HEIGHT = 40;

const LEFT = 85;
const CENTER = 320;
const RIGHT = 555;

export const NODES: readonly StateNode[] = [
  { id: 'CLOSED', state: 'CLOSED', label: 'CLOSED', x: CENTER, y: 50 },
  { id: 'LISTEN', state: 'LISTEN', label: 'LISTEN', x: CENTER, y: 170 },
  { id: 'SYN-RECEIVED', state: 'SYN-RECEIVED', label: 'SYN-RECEIVED', x: LEFT, y: 300 },
  { id: 'SYN-SENT', state: 'SYN-SENT', label: 'SYN-SENT', x: RIGHT, y: 300 },
  { id: 'ESTABLISHED', state: 'ESTABLISHED', label: 'ESTABLISHED', x: CENTER, y: 420 },
  { id: 'FIN-WAIT-1', state: 'FIN-WAIT-1', label: 'FIN-WAIT-1', x: LEFT, y: 530 },
  { id: 'CLOSE-WAIT', state: 'CLOSE-WAIT', label: 'CLOSE-WAIT', x: RIGHT, y: 530 },
  { id: 'FIN-WAIT-2', state: 'FIN-WAIT-2', label: 'FIN-WAIT-2', x: LEFT, y: 650 },
  { id: 'CLOSING', state: 'CLOSING', label: 'CLOSING', x: CENTER, y: 650 },
  { id: 'LAST-ACK', state: 'LAST-ACK', label: 'LAST-ACK', x: RIGHT, y: 650 },
  { id: 'TIME-WAIT', state: 'TIME-WAIT', label: 'TIME-WAIT', x: CENTER, y: 760 },
  { id: 'CLOSED-end', state: 'CLOSED', label: 'CLOSED', x: RIGHT, y: 760 },
];

const NODE_BY_ID = new Map<NodeId, StateNode>(NODES.map((n) => [n.id, n]));

export function nodeById(id: NodeId): StateNode {
  const node = NODE_BY_ID.get(id);
  if (!node) throw new Error(`no node ${id}`);
  return node;
}

/** Figure 5's edges, top to bottom, with the figure's labels. */
export const EDGES: readonly FigureEdge[] = [
  {
    from: 'CLOSED',
    to: 'LISTEN',
    event: 'passive OPEN',
    action: 'create TCB',
    path: 'M300,70 V150',
    labelX: 292,
    labelY: 103,
    anchor: 'end',
  },
  {
    from: 'LISTEN',
    to: 'CLOSED',
    event: 'CLOSE',
    action: 'delete TCB',
    path: 'M340,150 V70',
    labelX: 348,
    labelY: 103,
    anchor: 'start',
    causes: ['close-before-sync'],
  },
  {
    from: 'CLOSED',
    to: 'SYN-SENT',
    event: 'active OPEN',
    action: 'create TCB, snd SYN',
    path: 'M385,40 H600 V280',
    labelX: 592,
    labelY: 18,
    anchor: 'end',
  },
  {
    from: 'SYN-SENT',
    to: 'CLOSED',
    event: 'CLOSE',
    action: 'delete TCB',
    path: 'M520,280 V60 H385',
    labelX: 512,
    labelY: 103,
    anchor: 'end',
    causes: ['close-before-sync'],
  },
  {
    from: 'LISTEN',
    to: 'SYN-RECEIVED',
    event: 'rcv SYN',
    action: 'snd SYN,ACK',
    path: 'M280,190 L150,283',
    labelX: 206,
    labelY: 220,
    anchor: 'end',
  },
  {
    from: 'LISTEN',
    to: 'SYN-SENT',
    event: 'SEND',
    action: 'snd SYN',
    path: 'M360,190 L490,283',
    labelX: 436,
    labelY: 220,
    anchor: 'start',
  },
  {
    from: 'SYN-RECEIVED',
    to: 'LISTEN',
    event: 'rcv RST (note 1)',
    path: 'M60,280 V170 H255',
    labelX: 70,
    labelY: 160,
    anchor: 'start',
    causes: ['synrcvd-rst-listen'],
  },
  {
    from: 'SYN-SENT',
    to: 'SYN-RECEIVED',
    event: 'rcv SYN',
    action: 'snd SYN,ACK',
    path: 'M490,300 H150',
    labelX: CENTER,
    labelY: 278,
    anchor: 'middle',
  },
  {
    from: 'SYN-RECEIVED',
    to: 'ESTABLISHED',
    event: 'rcv ACK of SYN',
    path: 'M150,316 L265,400',
    labelX: 212,
    labelY: 376,
    anchor: 'end',
  },
  {
    from: 'SYN-SENT',
    to: 'ESTABLISHED',
    event: 'rcv SYN,ACK',
    action: 'snd ACK',
    path: 'M490,316 L375,400',
    labelX: 428,
    labelY: 376,
    anchor: 'start',
  },
  {
    from: 'SYN-RECEIVED',
    to: 'FIN-WAIT-1',
    event: 'CLOSE',
    action: 'snd FIN',
    path: 'M85,320 V510',
    labelX: 93,
    labelY: 440,
    anchor: 'start',
  },
  {
    from: 'ESTABLISHED',
    to: 'FIN-WAIT-1',
    event: 'CLOSE',
    action: 'snd FIN',
    path: 'M265,440 L150,514',
    labelX: 196,
    labelY: 462,
    anchor: 'end',
  },
  {
    from: 'ESTABLISHED',
    to: 'CLOSE-WAIT',
    event: 'rcv FIN',
    action: 'snd ACK',
    path: 'M375,440 L490,514',
    labelX: 444,
    labelY: 462,
    anchor: 'start',
  },
  {
    from: 'FIN-WAIT-1',
    to: 'FIN-WAIT-2',
    event: 'rcv ACK of FIN',
    path: 'M85,550 V630',
    labelX: 93,
    labelY: 594,
    anchor: 'start',
  },
  {
    from: 'FIN-WAIT-1',
    to: 'CLOSING',
    event: 'rcv FIN',
    action: 'snd ACK',
    path: 'M150,544 L272,630',
    labelX: 236,
    labelY: 574,
    anchor: 'start',
  },
  {
    from: 'CLOSE-WAIT',
    to: 'LAST-ACK',
    event: 'CLOSE',
    action: 'snd FIN',
    path: 'M555,550 V630',
    labelX: 547,
    labelY: 587,
    anchor: 'end',
  },
  {
    from: 'FIN-WAIT-2',
    to: 'TIME-WAIT',
    event: 'rcv FIN',
    action: 'snd ACK',
    path: 'M85,670 V760 H255',
    labelX: 93,
    labelY: 708,
    anchor: 'start',
  },
  {
    from: 'CLOSING',
    to: 'TIME-WAIT',
    event: 'rcv ACK of FIN',
    path: 'M320,670 V740',
    labelX: 328,
    labelY: 708,
    anchor: 'start',
  },
  {
    from: 'LAST-ACK',
    to: 'CLOSED-end',
    event: 'rcv ACK of FIN',
    path: 'M555,670 V740',
    labelX: 547,
    labelY: 708,
    anchor: 'end',
    causes: ['last-ack-acked'],
  },
  {
    from: 'TIME-WAIT',
    to: 'CLOSED-end',
    event: 'Timeout=2MSL',
    action: 'delete TCB',
    path: 'M385,760 H490',
    labelX: 437,
    labelY: 778,
    anchor: 'middle',
    causes: ['time-wait-expired'],
  },
];

/** A stable key for an edge (also used for off-figure arcs). */
export function edgeKey(from: NodeId, to: NodeId): string {
  return `${from}>${to}`;
}

/** States after which CLOSED means "the connection is over": drawn in the bottom CLOSED box. */
const ENDED_FROM: ReadonlySet<State> = new Set<State>(SYNCHRONIZED_STATES);

/** Which CLOSED box stands for entering CLOSED from `from` (the top one before any transition). */
export function closedNodeFor(from: State | undefined): NodeId {
  return from !== undefined && ENDED_FROM.has(from) ? 'CLOSED-end' : 'CLOSED';
}

/** The box an endpoint stands in, given its state and the last transition that brought it there. */
export function nodeFor(state: State, last: StateEvent | undefined): NodeId {
  if (state !== 'CLOSED') return state;
  return closedNodeFor(last?.to === 'CLOSED' ? last.from : undefined);
}

/** Figure 5's edge between two states, whatever the cause (undefined: the figure has none). */
export function edgeFor(from: State, to: State): FigureEdge | undefined {
  const target = to === 'CLOSED' ? closedNodeFor(from) : to;
  return EDGES.find((e) => e.from === from && e.to === target);
}

/** The figure's edge that depicts this transition, or undefined when the figure leaves it out. */
export function figureEdgeOf(event: StateEvent): FigureEdge | undefined {
  const edge = edgeFor(event.from, event.to);
  if (!edge) return undefined;
  if (edge.causes && !edge.causes.includes(event.explain)) return undefined;
  return edge;
}

// ---------------------------------------------------------------- last transition at the cursor

const stateIndexCache = new WeakMap<Trace, Record<EndpointName, number[]>>();

/** Indexes of each endpoint's state events, in order (memoized per trace). */
function stateEventIndexes(trace: Trace): Record<EndpointName, number[]> {
  let indexes = stateIndexCache.get(trace);
  if (indexes) return indexes;
  indexes = { A: [], B: [] };
  trace.events.forEach((e, i) => {
    if (e.type === 'state') indexes?.[e.endpoint].push(i);
  });
  stateIndexCache.set(trace, indexes);
  return indexes;
}

/** Index of the endpoint's last state event at or before the cursor, or -1 (binary search: O(log n)). */
export function lastStateEventIndex(trace: Trace, cursor: number, endpoint: EndpointName): number {
  const list = stateEventIndexes(trace)[endpoint];
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) <= cursor) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? -1 : (list[lo - 1] as number);
}

// ---------------------------------------------------------------- geometry of off-figure arcs

/** Where the ray from a box's centre towards (tx, ty) leaves the box. */
function boxExit(node: StateNode, tx: number, ty: number): [number, number] {
  const dx = tx - node.x;
  const dy = ty - node.y;
  const scale = Math.min(
    dx === 0 ? Number.POSITIVE_INFINITY : BOX_WIDTH / 2 / Math.abs(dx),
    dy === 0 ? Number.POSITIVE_INFINITY : BOX_HEIGHT / 2 / Math.abs(dy),
  );
  return [node.x + dx * scale, node.y + dy * scale];
}

/**
 * A gently curved path between two boxes, for a transition Figure 5 does not draw (a RST, a crash, an
 * abort). It bends to one side so it does not sit exactly on a figure edge joining the same boxes.
 */
export function arcPath(from: NodeId, to: NodeId): string {
  const a = nodeById(from);
  const b = nodeById(to);
  const mx = (a.x + b.x) / 2;
  const my = (a.y + b.y) / 2;
  const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  // Perpendicular to the chord, on the side away from the middle of the figure (fewer boxes there).
  const nx = (b.y - a.y) / length;
  const ny = -(b.x - a.x) / length;
  const outward = nx * (mx - VIEW_WIDTH / 2) + ny * (my - VIEW_HEIGHT / 2) >= 0 ? 1 : -1;
  const bend = 40 * outward;
  const cx = mx + nx * bend;
  const cy = my + ny * bend;
  const [sx, sy] = boxExit(a, cx, cy);
  const [ex, ey] = boxExit(b, cx, cy);
  const r = (v: number) => Math.round(v * 10) / 10;
  return `M${r(sx)},${r(sy)} Q${r(cx)},${r(cy)} ${r(ex)},${r(ey)}`;
}
