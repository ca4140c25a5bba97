/**
 * The network simulator: an event queue on simulated time (ms) that carries segments between the two
 * endpoints with latency, jitter, loss, duplication and reordering drawn from seeded streams, and applies
 * the scenario's actions and targeted faults. It records the trace.
 */
import { segmentArrives } from './arrive';
import { type ExplainKey, rfcOf } from './explain';
import { before, EVENT_LIMIT, Network, segmentRule } from './network';
import { hash32 } from './prng';
import { PROFILES } from './profile';
import { EventQueue, type Queued } from './queue';
import { type SegmentRule, SegmentRules } from './rules';
import { normalizeScenario, type Overrides } from './scenario';
import { flagBits, type Seg, toWire } from './segment';
import { sameSnapshot } from './snapshot';
import { crash, Endpoint, type Endpoint as EndpointT, type Host } from './tcb';
import { dispatch, nextTimer, type Timer } from './timers';
import { V1_CONN } from './traceV2';
import type {
  AppError,
  AppEventKind,
  DeliverEvent,
  EndpointName,
  FinalEndpoint,
  Scenario,
  ScenarioInput,
  Snapshot,
  State,
  TimerKind,
  Trace,
  TraceEvent,
  TruncatedBy,
  UserCall,
} from './types';
import { userCall } from './user-calls';

type Item =
  | { k: 'call'; ep: EndpointName; call: UserCall; bytes: number; reflex: ExplainKey | null }
  | {
      k: 'arrive';
      id: number;
      to: EndpointName;
      seg: Seg;
      lost: 'loss' | 'fault' | null;
      /** The sender's connection: null for an injected segment (and its copies), which no socket sent. */
      conn: typeof V1_CONN | null;
    }
  | { k: 'inject'; from: EndpointName; seg: Seg }
  | { k: 'crash'; ep: EndpointName };

export interface SimulationOptions extends Overrides {
  /** Record trace events (default true). The Monte Carlo runner turns this off for speed. */
  trace?: boolean;
  /** Record both endpoints' snapshots at every event, for time travel (default false). */
  snapshots?: boolean;
  /** Called after each event is recorded (used to replay to an exact event). */
  onEvent?: (event: TraceEvent, index: number, sim: Simulation) => void;
  /** The input is already a normalized Scenario (skip normalizing; used by the Monte Carlo loop). */
  normalized?: boolean;
}

/** The explanation of a timer's expiry, and of a user call as issued (or as the application's reflex). */
const TIMER_EXPLAIN: Record<TimerKind, ExplainKey> = {
  retransmission: 'timer-retransmission',
  'time-wait': 'timer-time-wait',
  'delayed-ack': 'timer-delayed-ack',
};
const CALL_EXPLAIN: Record<UserCall, ExplainKey> = {
  listen: 'call-listen',
  connect: 'call-connect',
  send: 'call-send',
  close: 'call-close',
  abort: 'call-abort',
};

export function other(name: EndpointName): EndpointName {
  return name === 'A' ? 'B' : 'A';
}

export class Simulation implements Host {
  now = 0;
  readonly scenario: Scenario;
  readonly events: TraceEvent[] = [];
  /**
   * snapshots[i] is the state of both endpoints once events[i] has taken effect: taken when the next event
   * is recorded, or when the happening that produced events[i] has been fully processed (whichever is
   * first). So a delivered segment's snapshot shows what processing it changed (SND.UNA advanced, a timer
   * cancelled) up to its next consequence, and the last event of a run shows the final TCBs. Every state
   * change is recorded before it is applied (see enterState in tcb.ts), so the event before it still shows
   * the old state.
   */
  readonly snapshots: Snapshot[] | null;
  /** The run stopped early: at options.maxTimeMs, or at options.maxEvents (see `admit`), or cancelled. */
  truncated = false;
  truncatedBy: TruncatedBy | null = null;
  readonly endpoints: Record<EndpointName, EndpointT>;

  private readonly tracing: boolean;
  private readonly onEvent: SimulationOptions['onEvent'];
  private readonly queue = new EventQueue<Item>();
  private readonly network: Network;
  private nextId = 1;
  private lastSnapshot: Snapshot | null = null;
  /** Events admitted so far (counted also when not tracing, so maxEvents bounds every run). */
  private admitted = 0;
  /** A segment being processed: its deliver event gets the explanation known so far if the run stops. */
  private delivering: { ev: DeliverEvent; ep: EndpointT } | null = null;

  constructor(input: ScenarioInput | Scenario, options: SimulationOptions = {}) {
    const scenario = options.normalized ? (input as Scenario) : normalizeScenario(input, options);
    this.scenario = scenario;
    this.tracing = options.trace ?? true;
    this.snapshots = options.snapshots ? [] : null;
    this.onEvent = options.onEvent;
    const profile = PROFILES[scenario.profile];
    this.endpoints = {
      A: new Endpoint('A', scenario.endpoints.A, profile, scenario.options, this),
      B: new Endpoint('B', scenario.endpoints.B, profile, scenario.options, this),
    };
    // At equal times, actions run before faults, each in file order (the queue breaks ties by insertion).
    for (const a of scenario.actions) {
      this.queue.push(a.at, { k: 'call', ep: a.endpoint, call: a.call, bytes: a.bytes ?? 0, reflex: null });
    }
    const drops: SegmentRule[] = [];
    const delays: SegmentRule[] = [];
    for (const f of scenario.faults) {
      if ('drop' in f) {
        drops.push(segmentRule(SENDER[f.drop.from], f.drop, 0));
      } else if ('delay' in f) {
        delays.push(segmentRule(SENDER[f.delay.from], f.delay, f.delay.ms));
      } else if ('inject' in f) {
        const s = f.inject.segment;
        const flags = flagBits(s.flags);
        const seg: Seg = {
          seq: s.seq >>> 0,
          ack: s.ack === undefined ? 0 : s.ack >>> 0,
          flags,
          len: s.len ?? 0,
          win: s.win ?? 65535,
        };
        this.queue.push(f.inject.at, { k: 'inject', from: f.inject.from, seg });
      } else {
        this.queue.push(f.crash.at, { k: 'crash', ep: f.crash.endpoint });
      }
    }
    this.network = new Network(
      scenario.network,
      scenario.seed,
      new SegmentRules(drops),
      new SegmentRules(delays),
    );
  }

  get done(): boolean {
    return this.queued === 0 || this.truncated;
  }

  /** Happenings waiting (arrivals, calls, armed timers): what a run holds beyond its trace. */
  get queued(): number {
    return this.queue.size + this.endpoints.A.timers.length + this.endpoints.B.timers.length;
  }

  /** Events recorded so far (or, when not tracing, that would have been). */
  get eventCount(): number {
    return this.admitted;
  }

  /**
   * Process the next happening: the queue's head, or an endpoint's timer if it is due first. Returns false
   * when the simulation has finished.
   */
  step(): boolean {
    if (this.truncated) return false;
    const head = this.queue.peek();
    // The endpoints' timers are not in the queue: the one due first competes with the queue's head by
    // (time, insertion order), its `armed` stamp coming from the same counter as the queue's order.
    const { A, B } = this.endpoints;
    let timer: Timer | null = nextTimer(A);
    let owner = A;
    const b = nextTimer(B);
    if (b !== null && (timer === null || before(b.expiresAt, b.armed, timer.expiresAt, timer.armed))) {
      timer = b;
      owner = B;
    }
    const timerFirst =
      timer !== null && (head === undefined || before(timer.expiresAt, timer.armed, head.at, head.order));
    let at: number;
    if (timer !== null && timerFirst) at = timer.expiresAt;
    else if (head !== undefined) at = head.at;
    else return false;
    if (at > this.scenario.options.maxTimeMs) {
      this.stop('maxTimeMs');
      return false;
    }
    this.now = at;
    try {
      if (timer !== null && timerFirst) this.expire(owner, timer.kind);
      else this.apply((this.queue.pop() as Queued<Item>).item);
    } catch (e) {
      if (e !== EVENT_LIMIT) throw e;
      this.stopAtEventLimit();
      return false;
    }
    this.settleSnapshot();
    return true;
  }

  /** Stop between two happenings: the trace so far is the result, truncated by 'cancelled'. */
  cancel(): void {
    if (!this.truncated && this.queued > 0) this.stop('cancelled');
  }

  private stop(by: TruncatedBy): void {
    this.truncated = true;
    this.truncatedBy = by;
  }

  /** Run to the end and return the trace. */
  run(): Trace {
    while (this.step()) {
      // keep going
    }
    return this.trace();
  }

  trace(): Trace {
    const trace: Trace = {
      scenario: this.scenario,
      events: this.events,
      final: { A: finalOf(this.endpoints.A), B: finalOf(this.endpoints.B) },
    };
    if (this.truncated) {
      trace.truncated = true;
      if (this.truncatedBy) trace.truncatedBy = this.truncatedBy;
    }
    return trace;
  }

  snapshot(): Snapshot {
    return { A: this.endpoints.A.snapshot(), B: this.endpoints.B.snapshot() };
  }

  private apply(item: Item): void {
    switch (item.k) {
      case 'call': {
        if (this.admit()) {
          const explain = item.reflex ?? CALL_EXPLAIN[item.call];
          const ev: TraceEvent = {
            t: this.now,
            type: 'call',
            endpoint: item.ep,
            call: item.call,
            explain,
            rfc: rfcOf(explain),
          };
          if (item.call === 'send') ev.bytes = item.bytes;
          this.record(ev, item.ep, V1_CONN);
        }
        userCall(this.endpoints[item.ep], item.call, item.bytes);
        return;
      }
      case 'arrive':
        return this.arrive(item.id, item.to, item.seg, item.lost, item.conn);
      case 'inject':
        this.launch(this.nextId++, item.from, item.seg, false, true, false, 'injected', null);
        return;
      case 'crash':
        if (this.admit())
          this.record(
            {
              t: this.now,
              type: 'crash',
              endpoint: item.ep,
              explain: 'crash',
              rfc: rfcOf('crash'),
            },
            item.ep,
            null,
          );
        crash(this.endpoints[item.ep]);
        return;
    }
  }

  /** An endpoint's timer is due: record it, then let the endpoint act on it (§3.10.8). */
  private expire(ep: EndpointT, kind: TimerKind): void {
    if (this.admit()) {
      const explain = TIMER_EXPLAIN[kind];
      this.record(
        {
          t: this.now,
          type: 'timer',
          endpoint: ep.name as EndpointName,
          timer: kind,
          explain,
          rfc: rfcOf(explain),
        },
        ep.name as EndpointName,
        V1_CONN,
      );
    }
    dispatch(ep, this.now);
  }

  private arrive(
    id: number,
    to: EndpointName,
    seg: Seg,
    lost: 'loss' | 'fault' | null,
    conn: typeof V1_CONN | null,
  ): void {
    if (lost) {
      if (this.admit()) {
        const explain = lost === 'loss' ? 'lost' : 'dropped-by-fault';
        // Where it was lost: on its way from the sender, which the world's drop events name too.
        this.record(
          { t: this.now, type: 'drop', id, cause: lost, explain, rfc: rfcOf(explain) },
          other(to),
          conn,
        );
      }
      return;
    }
    const ep = this.endpoints[to];
    let ev: DeliverEvent | null = null;
    if (this.admit()) {
      ev = { t: this.now, type: 'deliver', id, to, state: ep.state, explain: 'accepted', rfc: '' };
      this.record(ev, to, V1_CONN);
      this.delivering = { ev, ep };
    }
    segmentArrives(ep, seg);
    this.delivering = null;
    if (ev) {
      ev.explain = ep.explain;
      ev.rfc = rfcOf(ep.explain);
    }
  }

  // ------------------------------------------------------------ Host

  transmit(from: EndpointT, seg: Seg, retransmission: boolean, explain: ExplainKey): void {
    this.launch(
      this.nextId++,
      from.name as EndpointName,
      seg,
      retransmission,
      false,
      false,
      explain,
      V1_CONN,
    );
  }

  /** Put a segment on the wire: decide its fate and arrival time, record the send, queue the arrival. */
  private launch(
    id: number,
    from: EndpointName,
    seg: Seg,
    retransmission: boolean,
    injected: boolean,
    duplicate: boolean,
    explain: ExplainKey,
    conn: typeof V1_CONN | null,
  ): void {
    const network = this.network;
    const arriveAt = this.now + network.carry(SENDER[from], -1, seg.flags, injected, duplicate);
    const lost = network.lost;
    const to = other(from);
    if (this.admit()) {
      this.record(
        {
          t: this.now,
          type: 'send',
          id,
          from,
          to,
          segment: toWire(seg),
          retransmission,
          injected,
          duplicate,
          arriveAt,
          explain,
          rfc: rfcOf(explain),
        },
        from,
        conn,
      );
    }
    this.queue.push(arriveAt, { k: 'arrive', id, to, seg, lost, conn });
    if (network.duplicates(injected, duplicate)) {
      this.launch(this.nextId++, from, seg, retransmission, false, true, 'duplicated', conn);
    }
  }

  stamp(): number {
    return this.queue.stamp();
  }

  onState(ep: EndpointT, from: State, to: State, explain: ExplainKey): void {
    if (this.admit())
      this.record(
        {
          t: this.now,
          type: 'state',
          endpoint: ep.name as EndpointName,
          from,
          to,
          explain,
          rfc: rfcOf(explain),
        },
        ep.name as EndpointName,
        V1_CONN,
      );
  }

  onApp(ep: EndpointT, event: AppEventKind, explain: ExplainKey, error?: AppError, bytes?: number): void {
    if (!this.admit()) return;
    const ev: TraceEvent = {
      t: this.now,
      type: 'app',
      endpoint: ep.name as EndpointName,
      event,
      explain,
      rfc: rfcOf(explain),
    };
    if (error) ev.error = error;
    if (bytes !== undefined) ev.bytes = bytes;
    this.record(ev, ep.name as EndpointName, V1_CONN);
  }

  reflex(ep: EndpointT, call: 'close'): void {
    this.queue.push(this.now, {
      k: 'call',
      ep: ep.name as EndpointName,
      call,
      bytes: 0,
      reflex: 'reflex-close',
    });
  }

  /** ISS (§3.4.1): the pinned value for this incarnation, else ISN = M + F(ports, secret), M the ISN clock. */
  chooseIss(ep: EndpointT): number {
    const index = ep.incarnations++;
    const pinned = ep.config.isn;
    if (typeof pinned === 'number') return pinned >>> 0;
    if (Array.isArray(pinned) && index < pinned.length) return (pinned[index] as number) >>> 0;
    const m = Math.floor(this.now * ep.profile.isnTicksPerMs); // the ISN clock
    const peer = this.scenario.endpoints[other(ep.name as EndpointName)];
    const f = hash32('isn', this.scenario.seed, ep.config.port, peer.port);
    return (m + f) >>> 0;
  }

  // ------------------------------------------------------------ recording

  /**
   * Count one more event against options.maxEvents; returns whether to record it (tracing). The limit is
   * hard: the event that would be one too many stops the run where it stands, in the middle of a happening
   * if need be (one ACK can release a whole window of segments, 65,535 one-byte segments with mss 1), by
   * throwing EVENT_LIMIT to `step`. Nothing runs after it, so the endpoints stay as they were at that
   * moment, which is what the last event's snapshot and the trace's final states show, and no segment
   * beyond the limit is ever queued.
   */
  private admit(): boolean {
    if (this.admitted >= this.scenario.options.maxEvents) throw EVENT_LIMIT;
    this.admitted++;
    return this.tracing;
  }

  /** The run reached maxEvents: close the trace as it stands (see `admit`). */
  private stopAtEventLimit(): void {
    this.stop('maxEvents');
    const pending = this.delivering;
    if (pending) {
      // What processing decided before it stopped (segmentArrives sets it as it goes).
      pending.ev.explain = pending.ep.explain;
      pending.ev.rfc = rfcOf(pending.ep.explain);
      this.delivering = null;
    }
    this.settleSnapshot();
  }

  /**
   * Record an event where it happened: v1 runs as hosts A and B with one connection, c1, so every event
   * names its host (the endpoint; a send's sender, a delivery's receiver, a drop's sender) and, but for a
   * crash (the host's, not a connection's), the connection: the fields a v2 trace's events carry.
   */
  private record(ev: TraceEvent, host: EndpointName, conn: typeof V1_CONN | null): void {
    ev.host = host;
    if (conn !== null) ev.conn = conn;
    this.settleSnapshot();
    this.events.push(ev);
    this.onEvent?.(ev, this.events.length - 1, this);
  }

  /** Take the snapshot of the last recorded event, if it has none yet (see `snapshots`). */
  private settleSnapshot(): void {
    const snaps = this.snapshots;
    if (snaps && snaps.length < this.events.length) snaps.push(this.sharedSnapshot());
  }

  /** A snapshot that reuses the previous per-endpoint objects when nothing changed (cheap time travel). */
  private sharedSnapshot(): Snapshot {
    const a = this.endpoints.A.snapshot();
    const b = this.endpoints.B.snapshot();
    const prev = this.lastSnapshot;
    const A = prev && sameSnapshot(prev.A, a) ? prev.A : a;
    const B = prev && sameSnapshot(prev.B, b) ? prev.B : b;
    const snap = prev && prev.A === A && prev.B === B ? prev : { A, B };
    this.lastSnapshot = snap;
    return snap;
  }
}

/** The drop and delay rules' sender numbers (rules.ts). */
const SENDER: Record<EndpointName, number> = { A: 0, B: 1 };

/** An endpoint's final state for the trace (a module function: no closure made per run). */
function finalOf(ep: EndpointT): FinalEndpoint {
  return ep.error ? { state: ep.state, error: ep.error } : { state: ep.state };
}
