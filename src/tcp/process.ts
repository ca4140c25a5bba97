/**
 * The engine's rules as functions over data (issue 12; smoltcp's tcp.rs `accepts` / `process` / `dispatch`
 * / `poll_at` and xstate's `transition()` are the models): give a TCB a segment, a user call or a moment,
 * and get back what it did — the segments it sent, the trace events it raised, the timers it changed and
 * the user calls its application queued — as plain values, with no simulator, network or queue around it.
 *
 * They run the very code the simulators run (arrive.ts, user-calls.ts, timers.ts). A TCB's effects leave it
 * through its `Host` (tcb.ts); here a `Recorder` is that host for the duration of one call and collects
 * them, while a simulator's host applies each effect as it happens (puts the segment on the network,
 * records the event). The two are the same effects in the same order; the simulators do not collect them
 * first only because Monte Carlo runs hundreds of thousands of lifecycles a second and an Outcome per
 * segment would cost allocations on that path (README "Architecture").
 */
import { segmentArrives } from './arrive';
import type { ExplainKey } from './explain';
import type { Socket } from './host';
import type { Seg } from './segment';
import type { Endpoint, Host } from './tcb';
import { dispatch, expiryOf, pollAt } from './timers';
import type { SocketAddress } from './traceV2';
import type { AppError, AppEventKind, State, TimerKind, UserCall } from './types';
import { userCall } from './user-calls';

/** One segment the TCB put on the wire. */
export interface Sent {
  segment: Seg;
  retransmission: boolean;
  explain: ExplainKey;
}

/** A trace event the TCB raised (the simulator adds time, endpoint or host and connection). */
export type RaisedEvent =
  | { type: 'state'; from: State; to: State; explain: ExplainKey }
  | { type: 'app'; event: AppEventKind; explain: ExplainKey; error?: AppError; bytes?: number };

/** A timer whose expiry changed: `to` is null when it was stopped (or fired), `from` null when it was off. */
export interface TimerChange {
  kind: TimerKind;
  from: number | null;
  to: number | null;
}

/** Explanations of segments the send path releases from the user's queue (data and FIN), not replies. */
const RELEASED: ReadonlySet<ExplainKey> = new Set<ExplainKey>([
  'send-data',
  'send-data-fin',
  'send-fin',
  'send-fin-last',
]);

/** What one call did, in the order it happened. */
export interface Outcome {
  /** Why the segment was handled as it was (the deliver event's explanation); for a call or a timer, 'accepted'. */
  explain: ExplainKey;
  /** The state after. */
  state: State;
  /** Every segment sent, in order. */
  sent: Sent[];
  /**
   * The immediate reply the rules send (an ACK, a RST, a SYN,ACK, a challenge ACK), if any: the one sent
   * segment that is not data or a FIN released from the user's send queue. There is at most one (tested).
   */
  reply: Sent | null;
  /** Data and FIN segments the call released from the send queue (what smoltcp's dispatch would send). */
  released: Sent[];
  events: RaisedEvent[];
  timers: TimerChange[];
  /** User calls the application queued at this instant (close on EOF, close on connect). */
  calls: 'close'[];
  /** The timer that fired (fire only). */
  fired: TimerKind | null;
}

const TIMER_KINDS: readonly TimerKind[] = ['retransmission', 'time-wait', 'delayed-ack'];

/** The host a TCB sees during one call: it collects the effects instead of applying them. */
class Recorder implements Host {
  readonly sent: Sent[] = [];
  readonly events: RaisedEvent[] = [];
  readonly calls: 'close'[] = [];
  private order: number;

  constructor(
    readonly now: number,
    tcb: Endpoint,
    private readonly iss: number | undefined,
  ) {
    // Stamps continue after the TCB's armed timers, so a timer set now orders after the ones already set.
    let max = 0;
    for (const t of tcb.timers) if (t.armed > max) max = t.armed;
    this.order = max;
  }

  transmit(_from: Endpoint, seg: Seg, retransmission: boolean, explain: ExplainKey): void {
    this.sent.push({ segment: { ...seg }, retransmission, explain });
  }
  stamp(): number {
    return ++this.order;
  }
  onState(_ep: Endpoint, from: State, to: State, explain: ExplainKey): void {
    this.events.push({ type: 'state', from, to, explain });
  }
  onApp(_ep: Endpoint, event: AppEventKind, explain: ExplainKey, error?: AppError, bytes?: number): void {
    const e: RaisedEvent = { type: 'app', event, explain };
    if (error) e.error = error;
    if (bytes !== undefined) e.bytes = bytes;
    this.events.push(e);
  }
  reflex(_ep: Endpoint, call: 'close'): void {
    this.calls.push(call);
  }
  /** §3.4.1: the ISS given to the call, else the TCB's pinned ISN for this incarnation (as the simulators). */
  chooseIss(ep: Endpoint): number {
    const index = ep.incarnations++;
    if (this.iss !== undefined) return this.iss >>> 0;
    const pinned = ep.config.isn;
    if (typeof pinned === 'number') return pinned >>> 0;
    if (Array.isArray(pinned) && index < pinned.length) return (pinned[index] as number) >>> 0;
    throw new Error('process: this TCB has no pinned ISN (config.isn) and no iss was given');
  }
}

/** Options of one call: the ISS the TCB must choose if it chooses one (a SYN in LISTEN, a connect). */
export interface CallOptions {
  iss?: number;
}

function run(tcb: Endpoint, now: number, options: CallOptions, body: () => TimerKind | null): Outcome {
  const before = TIMER_KINDS.map((k) => expiryOf(tcb, k));
  const saved = tcb.host;
  const rec = new Recorder(now, tcb, options.iss);
  tcb.host = rec;
  let fired: TimerKind | null = null;
  try {
    tcb.because('accepted');
    fired = body() ?? null;
  } finally {
    tcb.host = saved;
  }
  const timers: TimerChange[] = [];
  TIMER_KINDS.forEach((kind, i) => {
    const from = before[i] ?? null;
    const to = expiryOf(tcb, kind);
    if (from !== to) timers.push({ kind, from, to });
  });
  let reply: Sent | null = null;
  const released: Sent[] = [];
  for (const s of rec.sent) {
    if (RELEASED.has(s.explain)) released.push(s);
    else reply ??= s;
  }
  return {
    explain: tcb.explain,
    state: tcb.state,
    sent: rec.sent,
    reply,
    released,
    events: rec.events,
    timers,
    calls: rec.calls,
    fired,
  };
}

/** SEGMENT ARRIVES (RFC 9293 §3.10.7) at `now`: what `tcb` does with `seg`. */
export function process(tcb: Endpoint, seg: Seg, now: number, options: CallOptions = {}): Outcome {
  return run(tcb, now, options, () => {
    segmentArrives(tcb, seg);
    return null;
  });
}

/** A user call (§3.10.1–3.10.5) at `now`. */
export function call(
  tcb: Endpoint,
  what: UserCall,
  now: number,
  bytes = 0,
  options: CallOptions = {},
): Outcome {
  return run(tcb, now, options, () => {
    userCall(tcb, what, bytes);
    return null;
  });
}

/** The timer due first fires if it is due at `now` (§3.10.8); `fired` says which, null when none was due. */
export function fire(tcb: Endpoint, now: number): Outcome {
  return run(tcb, now, {}, () => dispatch(tcb, now));
}

/** When `tcb` next needs a wake-up (its earliest timer), or null. */
export { pollAt };

/**
 * Whether a segment from `src` to `dst` is this socket's to process (smoltcp's `accepts`): a connection
 * takes the segments of its own 4-tuple; a listener, those addressed to its port that could open a
 * connection, and anything else to that port that no connection takes (it ignores a RST, answers an ACK
 * with a RST and drops the rest, §3.10.7.2). The world finds the socket by a table lookup on the same key
 * (deliver.ts); this is the rule that lookup implements, for tests and for one socket at a time.
 */
export function accepts(socket: Socket, src: SocketAddress, dst: SocketAddress): boolean {
  if (socket.local.address !== dst.address || socket.local.port !== dst.port) return false;
  const remote = socket.remote;
  if (remote === null) return socket.state === 'LISTEN';
  return remote.address === src.address && remote.port === src.port;
}
