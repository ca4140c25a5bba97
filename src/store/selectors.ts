/**
 * Derived values, kept at module scope so components share them. Selectors return primitives or objects
 * that already live in the store (the trace's events, the timeline's snapshots), never fresh objects, so
 * zustand 5 does not re-render forever. Heavier derivations are memoized on the trace they come from.
 */

import type { Timeline } from '../tcp';
import type { EndpointName, EndpointSnapshot, SendEvent, Snapshot, Trace, TraceEvent } from '../tcp/types';
import type { AppState } from './index';

/** Which TCB values exist in a state (unknown ones are drawn as "—"), from the engine. */
export { TCB_FIELD_NAMES, type TcbField, tcbFieldKnown, tcbValue } from '../tcp/snapshot';

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

export function segmentById(trace: Trace, id: number): SegmentLife | undefined {
  return segmentLives(trace).find((l) => l.send.id === id);
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
  let count = 0;
  for (let i = 0; i < end; i++) if ((lives[i] as SegmentLife).endIndex >= last) count++;
  const out: SegmentLife[] = [];
  for (let i = end - 1; i >= 0 && out.length < max; i--) {
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
