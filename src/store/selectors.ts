/**
 * Derived values, kept at module scope so components share them. Selectors return primitives or objects
 * that already live in the store (the trace's events, the timeline's snapshots), never fresh objects, so
 * zustand 5 does not re-render forever. Heavier derivations are memoized on the trace they come from.
 */

import type { Timeline } from '../tcp';
import { tcbValue } from '../tcp/snapshot';
import type { EndpointName, EndpointSnapshot, SendEvent, Snapshot, Trace, TraceEvent } from '../tcp/types';
import type { AppState } from './index';

/** Which TCB values exist in a state (unknown ones are drawn as "—"), from the engine. */
export { TCB_FIELD_NAMES, type TcbField, tcbFieldKnown, tcbValue } from '../tcp/snapshot';

/**
 * What a relative number subtracts from seq and ack (the sender's ISS and IRS, as Wireshark shows them), or
 * null if the segment stays absolute: a sender with no connection (a RST from CLOSED) or an injected
 * segment has nothing to be relative to. One formula for the ladder's labels, the narration and the
 * lessons' grading of relative predictions.
 */
export function relativeBase(
  timeline: Timeline,
  send: SendEvent,
  sendIndex: number,
): { seq: number; ack: number } | null {
  if (send.injected) return null;
  // The sender's ISS and IRS as they stood when it sent: absolute where it had none (tcbValue).
  const me = timeline.stateBefore(sendIndex)[send.from];
  const iss = tcbValue(me, 'iss');
  return iss === null ? null : { seq: iss, ack: tcbValue(me, 'irs') ?? 0 };
}

export const selectEvents = (s: AppState): TraceEvent[] => s.timeline.trace.events;
export const selectTrace = (s: AppState): Trace => s.timeline.trace;
export const selectCursor = (s: AppState): number => s.cursor;
export const selectEventCount = (s: AppState): number => s.timeline.trace.events.length;
export const selectCurrentEvent = (s: AppState): TraceEvent | undefined => s.timeline.trace.events[s.cursor];
/** Simulated time at the cursor (0 before the first event). */
export const selectNow = (s: AppState): number => s.timeline.trace.events[s.cursor]?.t ?? 0;
export const selectSnapshot = (s: AppState): Snapshot => s.timeline.stateAt(s.cursor);
export const selectEndpoint =
  (name: EndpointName) =>
  (s: AppState): EndpointSnapshot =>
    s.timeline.stateAt(s.cursor)[name];

// ---------------------------------------------------------------- per-trace indexes (memoized)

export interface SegmentLife {
  send: SendEvent;
  sendIndex: number;
  /** Index of its deliver or drop event (or Infinity if the run stopped first). */
  endIndex: number;
  end: TraceEvent | null;
  lost: boolean;
}

const lifeCache = new WeakMap<Trace, SegmentLife[]>();

/** Every segment's life: its send event and the event that ended it. */
export function segmentLives(trace: Trace): SegmentLife[] {
  let lives = lifeCache.get(trace);
  if (lives) return lives;
  const byId = new Map<number, SegmentLife>();
  lives = [];
  trace.events.forEach((e, i) => {
    if (e.type === 'send') {
      const life: SegmentLife = {
        send: e,
        sendIndex: i,
        endIndex: Number.POSITIVE_INFINITY,
        end: null,
        lost: false,
      };
      byId.set(e.id, life);
      lives?.push(life);
    } else if (e.type === 'deliver' || e.type === 'drop') {
      const life = byId.get(e.id);
      if (life) {
        life.endIndex = i;
        life.end = e;
        life.lost = e.type === 'drop';
      }
    }
  });
  lifeCache.set(trace, lives);
  return lives;
}

const byIdCache = new WeakMap<Trace, Map<number, SegmentLife>>();

export function segmentById(trace: Trace, id: number): SegmentLife | undefined {
  let byId = byIdCache.get(trace);
  if (!byId) {
    byId = new Map();
    // The first life of an id, as a search from the start finds it.
    for (const life of segmentLives(trace)) if (!byId.has(life.send.id)) byId.set(life.send.id, life);
    byIdCache.set(trace, byId);
  }
  return byId.get(id);
}

const endsCache = new WeakMap<Trace, Float64Array>();

/** Every life's endIndex, ascending (Infinity for a segment the run never ended): for counting by search. */
function sortedEnds(trace: Trace): Float64Array {
  let ends = endsCache.get(trace);
  if (!ends) {
    const lives = segmentLives(trace);
    ends = new Float64Array(lives.length);
    lives.forEach((l, i) => {
      (ends as Float64Array)[i] = l.endIndex;
    });
    ends.sort();
    endsCache.set(trace, ends);
  }
  return ends;
}

/** How many values in ascending `xs` are below `x`. */
function countBelow(xs: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Segments on the wire at the cursor: sent at or before it, not yet delivered or dropped. With `endingNow`,
 * also the ones whose arrival or drop is the event under the cursor (the wire shows them landing).
 */
export function inFlight(trace: Trace, cursor: number, endingNow = false): SegmentLife[] {
  return lastInFlight(trace, cursor, endingNow, Number.POSITIVE_INFINITY).lives;
}

/**
 * The last `max` segments in flight at the cursor (as `inFlight`), and how many there are in all: the wire
 * draws a few, and a window of 65,535 one-byte segments must not cost 65,535 objects at every step.
 */
export function lastInFlight(
  trace: Trace,
  cursor: number,
  endingNow: boolean,
  max: number,
): { lives: SegmentLife[]; count: number } {
  const lives = segmentLives(trace);
  const last = endingNow ? cursor : cursor + 1;
  const end = sentUpTo(lives, cursor);
  // Sent up to the cursor, less those that ended before `last`: a segment ends at or after its send, so
  // every one that ended before `last` (≤ cursor + 1) was sent at or before the cursor. Two searches, not a
  // walk over every segment sent so far.
  const count = end - countBelow(sortedEnds(trace), last);
  const out: SegmentLife[] = [];
  const wanted = Math.min(max, count);
  for (let i = end - 1; i >= 0 && out.length < wanted; i--) {
    const life = lives[i] as SegmentLife;
    if (life.endIndex >= last) out.push(life);
  }
  return { lives: out.reverse(), count };
}

/** The last `max` segments sent at or before the cursor, in order. */
export function lastSent(trace: Trace, cursor: number, max: number): SegmentLife[] {
  const lives = segmentLives(trace);
  const end = sentUpTo(lives, cursor);
  return lives.slice(Math.max(0, end - max), end);
}

/** How many segments were sent at or before the cursor (lives are in send order: a binary search). */
function sentUpTo(lives: readonly SegmentLife[], cursor: number): number {
  let lo = 0;
  let hi = lives.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((lives[mid] as SegmentLife).sendIndex <= cursor) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How far along the wire a segment is at time t, 0 at the sender and 1 at the receiver. */
export function progress(life: SegmentLife, t: number): number {
  const span = life.send.arriveAt - life.send.t;
  if (span <= 0) return 1;
  return Math.max(0, Math.min(1, (t - life.send.t) / span));
}

// ---------------------------------------------------------------- timing records

export interface Timing {
  /** From A's connect call to both ends ESTABLISHED (null until then). */
  handshakeMs: number | null;
  /** From the first close to both ends CLOSED (null until then). */
  teardownMs: number | null;
  /** Time each endpoint spent in each state up to the cursor. */
  inState: Record<EndpointName, { state: string; ms: number }[]>;
}

const timingCache = new WeakMap<Trace, number[]>();

/** Indexes of the events timing() reads (connect and close calls, state changes), memoized per trace. */
function timingEvents(trace: Trace): number[] {
  let indexes = timingCache.get(trace);
  if (indexes) return indexes;
  indexes = [];
  const events = trace.events;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as TraceEvent;
    if (e.type === 'state' || (e.type === 'call' && (e.call === 'connect' || e.call === 'close')))
      indexes.push(i);
  }
  timingCache.set(trace, indexes);
  return indexes;
}

export function timing(trace: Trace, cursor: number): Timing {
  const events = trace.events;
  const now = events[cursor]?.t ?? 0;
  let connectAt: number | null = null;
  const established: Partial<Record<EndpointName, number>> = {};
  let closeAt: number | null = null;
  const closed: Partial<Record<EndpointName, number>> = {};
  const current: Record<EndpointName, { state: string; since: number }> = {
    A: { state: 'CLOSED', since: 0 },
    B: { state: 'CLOSED', since: 0 },
  };
  const totals: Record<EndpointName, Map<string, number>> = { A: new Map(), B: new Map() };
  // Only connect and close calls and state changes count: a dozen events of a 200,000-event run.
  for (const i of timingEvents(trace)) {
    if (i > cursor) break;
    const e = events[i] as TraceEvent;
    if (e.type === 'call' && e.call === 'connect' && connectAt === null) connectAt = e.t;
    if (e.type === 'call' && e.call === 'close' && closeAt === null) closeAt = e.t;
    if (e.type === 'state') {
      const c = current[e.endpoint];
      totals[e.endpoint].set(c.state, (totals[e.endpoint].get(c.state) ?? 0) + (e.t - c.since));
      current[e.endpoint] = { state: e.to, since: e.t };
      if (e.to === 'ESTABLISHED' && established[e.endpoint] === undefined) established[e.endpoint] = e.t;
      if (e.to === 'CLOSED' && closeAt !== null) closed[e.endpoint] = e.t;
    }
  }
  const inState = { A: [] as { state: string; ms: number }[], B: [] as { state: string; ms: number }[] };
  for (const ep of ['A', 'B'] as const) {
    const c = current[ep];
    totals[ep].set(c.state, (totals[ep].get(c.state) ?? 0) + (now - c.since));
    for (const [state, ms] of totals[ep]) if (ms > 0 || state === c.state) inState[ep].push({ state, ms });
  }
  const both = (m: Partial<Record<EndpointName, number>>) =>
    m.A !== undefined && m.B !== undefined ? Math.max(m.A, m.B) : null;
  const est = both(established);
  const fin = both(closed);
  return {
    handshakeMs: connectAt !== null && est !== null ? est - connectAt : null,
    teardownMs: closeAt !== null && fin !== null ? fin - closeAt : null,
    inState,
  };
}

// ---------------------------------------------------------------- timers an endpoint ever arms (presenter)

export type SnapshotTimer = keyof EndpointSnapshot['timers'];
const TIMER_ORDER: readonly SnapshotTimer[] = ['retransmission', 'timeWait', 'delayedAck'];
const timersCache = new WeakMap<Timeline, Record<EndpointName, readonly SnapshotTimer[]>>();

/**
 * The timers an endpoint arms at some point of the run, in a fixed order. The endpoint card keeps a row for
 * each of them all along (empty while idle), so a timer being armed never moves what is below the card.
 */
export function timersUsed(timeline: Timeline, name: EndpointName): readonly SnapshotTimer[] {
  let used = timersCache.get(timeline);
  if (!used) {
    const seen = { A: new Set<SnapshotTimer>(), B: new Set<SnapshotTimer>() };
    for (let i = -1; i < timeline.trace.events.length; i++) {
      const snap = timeline.stateAt(i);
      for (const ep of ['A', 'B'] as const)
        for (const kind of TIMER_ORDER) if (snap[ep].timers[kind] !== null) seen[ep].add(kind);
    }
    used = {
      A: TIMER_ORDER.filter((k) => seen.A.has(k)),
      B: TIMER_ORDER.filter((k) => seen.B.has(k)),
    };
    timersCache.set(timeline, used);
  }
  return used[name];
}

// ---------------------------------------------------------------- bursts and sends (memoized per trace)

/** A cause: what starts a burst of events at one instant (an arrival, a drop, a timer, a call, a crash). */
export const isCause = (e: TraceEvent): boolean =>
  e.type === 'deliver' || e.type === 'drop' || e.type === 'timer' || e.type === 'call' || e.type === 'crash';

/**
 * Each event's burst, computed once per trace: a burst is a cause (a call, an arrival, a timer…) and what
 * it did at the same instant. One ACK can release 65,535 one-byte segments at one instant, so walking the
 * burst at every step would cost that many events; the whole trace takes one pass each way.
 */
export interface Bursts {
  length: number;
  start: Int32Array;
  end: Int32Array;
}

const burstCache = new WeakMap<readonly TraceEvent[], Bursts>();

export function bursts(events: readonly TraceEvent[]): Bursts {
  const cached = burstCache.get(events);
  if (cached && cached.length === events.length) return cached;
  const n = events.length;
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const e = events[i] as TraceEvent;
    start[i] = i > 0 && !isCause(e) && (events[i - 1] as TraceEvent).t === e.t ? (start[i - 1] as number) : i;
  }
  for (let i = n - 1; i >= 0; i--) {
    const next = events[i + 1];
    end[i] = next && next.t === (events[i] as TraceEvent).t && !isCause(next) ? (end[i + 1] as number) : i;
  }
  const made = { length: n, start, end };
  burstCache.set(events, made);
  return made;
}

/**
 * The per-trace indexes above, one task each, for the page to build while it is idle after a new trace
 * arrives: built on the first step instead, a 200,000-event trace's would add tens of milliseconds to it.
 */
export function traceIndexTasks(trace: Trace): (() => void)[] {
  return [
    () => segmentLives(trace),
    () => sortedEnds(trace),
    () => segmentById(trace, -1),
    () => bursts(trace.events),
    () => timingEvents(trace),
  ];
}
