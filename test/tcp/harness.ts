/**
 * Test helpers in the spirit of smoltcp's send!/recv!: scenarios are a few lines, segments are compact
 * strings like "B>A SYN,ACK seq=300 ack=101", and fixtures put an endpoint in a given state.
 */
import { runScenario } from '../../src/tcp/index';
import type {
  ActionInput,
  EndpointName,
  FaultInput,
  ScenarioInput,
  SegmentInput,
  SendEvent,
  State,
  Trace,
  TraceEvent,
} from '../../src/tcp/types';

export const A_ISS = 100;
export const B_ISS = 300;

/** "A>B SYN,ACK seq=300 ack=101 len=10" (ack only when the ACK flag is on, len only when > 0). */
export function show(e: SendEvent): string {
  const s = e.segment;
  let out = `${e.from}>${e.to} ${s.flags.join(',')} seq=${s.seq}`;
  if (s.flags.includes('ACK')) out += ` ack=${s.ack}`;
  if (s.len > 0) out += ` len=${s.len}`;
  return out;
}

export function sends(trace: Trace, filter: (e: SendEvent) => boolean = () => true): SendEvent[] {
  return trace.events.filter((e): e is SendEvent => e.type === 'send' && filter(e));
}

/** Every segment put on the wire, compactly, optionally only those sent at or after time t. */
export function wire(trace: Trace, from = 0): string[] {
  return sends(trace, (e) => e.t >= from).map(show);
}

/** The sequence of states an endpoint went through (starting with its first "from"). */
export function states(trace: Trace, ep: EndpointName): State[] {
  const out: State[] = [];
  for (const e of trace.events) {
    if (e.type !== 'state' || e.endpoint !== ep) continue;
    if (out.length === 0) out.push(e.from);
    out.push(e.to);
  }
  return out;
}

export function stateAt(trace: Trace, ep: EndpointName, t: number): State {
  let state: State = 'CLOSED';
  for (const e of trace.events) {
    if (e.t > t) break;
    if (e.type === 'state' && e.endpoint === ep) state = e.to;
  }
  return state;
}

export function appEvents(trace: Trace, ep: EndpointName): string[] {
  return trace.events
    .filter((e) => e.type === 'app' && e.endpoint === ep)
    .map((e) => (e.type === 'app' && e.error ? `${e.event}:${e.error}` : (e as { event: string }).event));
}

/** The deliver event of the segment with this id. */
export function deliveryOf(trace: Trace, id: number): TraceEvent | undefined {
  return trace.events.find((e) => (e.type === 'deliver' || e.type === 'drop') && e.id === id);
}

/** What happened right after an injected segment arrived: the explanation and the segments sent in reply. */
export function reactionTo(
  trace: Trace,
  injectedAt: number,
): { explain: string; state: State; replies: string[] } {
  const inj = sends(trace, (e) => e.injected && e.t === injectedAt)[0];
  if (!inj) throw new Error(`no injected segment at ${injectedAt}`);
  const idx = trace.events.findIndex((e) => e.type === 'deliver' && e.id === inj.id);
  const del = trace.events[idx];
  if (del?.type !== 'deliver') throw new Error('injected segment not delivered');
  const replies: string[] = [];
  for (let i = idx + 1; i < trace.events.length; i++) {
    const e = trace.events[i] as TraceEvent;
    if (e.t !== del.t || e.type === 'deliver' || e.type === 'drop' || e.type === 'timer' || e.type === 'call')
      break;
    if (e.type === 'send') replies.push(show(e));
  }
  return { explain: del.explain, state: del.state, replies };
}

export interface Fixture {
  actions: ActionInput[];
  faults?: FaultInput[];
  /** A time at which an injected segment released now arrives (50 ms later) with the endpoint in `state`. */
  injectAt: number;
  endpoints?: ScenarioInput['endpoints'];
}

const LISTEN_CONNECT: ActionInput[] = [
  { at: 0, endpoint: 'B', call: 'listen' },
  { at: 10, endpoint: 'A', call: 'connect' },
];

/**
 * Fixtures, timed for 50 ms one-way latency and ISNs A=100, B=300. After the handshake (done at 160)
 * A has SND.NXT=101, RCV.NXT=301; B has SND.NXT=301, RCV.NXT=101.
 */
export const FIXTURES = {
  closed: { actions: [], injectAt: 100 },
  listen: { actions: [{ at: 0, endpoint: 'B', call: 'listen' }], injectAt: 100 },
  /** A in SYN-SENT: its SYN is lost, so it waits until the retransmission at 1010. */
  synSentA: {
    actions: LISTEN_CONNECT,
    faults: [{ drop: { from: 'A', flags: ['SYN'], nth: 1 } }],
    injectAt: 100,
  },
  /** B in SYN-RECEIVED (passive): A's third ACK is lost. */
  synReceivedB: {
    actions: LISTEN_CONNECT,
    faults: [{ drop: { from: 'A', flags: ['ACK'], nth: 1 } }],
    injectAt: 200,
  },
  established: { actions: LISTEN_CONNECT, injectAt: 1000 },
  /** A in FIN-WAIT-1 from 1000 until B's ACK arrives at 1100: inject at 1000 (arrives 1050). */
  finWait1A: { actions: [...LISTEN_CONNECT, { at: 1000, endpoint: 'A', call: 'close' }], injectAt: 1000 },
  /** A in FIN-WAIT-2 from 1100; B in CLOSE-WAIT from 1050. */
  finWait2A: { actions: [...LISTEN_CONNECT, { at: 1000, endpoint: 'A', call: 'close' }], injectAt: 2000 },
  closeWaitB: { actions: [...LISTEN_CONNECT, { at: 1000, endpoint: 'A', call: 'close' }], injectAt: 2000 },
  /** Both close at 1000: both in CLOSING from 1050 to 1100. */
  closing: {
    actions: [
      ...LISTEN_CONNECT,
      { at: 1000, endpoint: 'A', call: 'close' },
      { at: 1000, endpoint: 'B', call: 'close' },
    ],
    injectAt: 1010,
  },
  /** B closes at 2000 (LAST-ACK); A's last ACK is lost, so B stays in LAST-ACK. */
  lastAckB: {
    actions: [
      ...LISTEN_CONNECT,
      { at: 1000, endpoint: 'A', call: 'close' },
      { at: 2000, endpoint: 'B', call: 'close' },
    ],
    faults: [{ drop: { from: 'A', flags: ['ACK'], nth: 2 } }],
    injectAt: 2010,
  },
  /** A in TIME-WAIT from 2050 to 4050 (MSL 1 s). */
  timeWaitA: {
    actions: [
      ...LISTEN_CONNECT,
      { at: 1000, endpoint: 'A', call: 'close' },
      { at: 2000, endpoint: 'B', call: 'close' },
    ],
    injectAt: 3000,
  },
} satisfies Record<string, Fixture>;

/** Run a fixture with pinned ISNs, a 1 s MSL, the rfc profile and no delayed ACKs unless overridden. */
export function scenario(fixture: Fixture, extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    version: 1,
    endpoints: fixture.endpoints ?? { A: { isn: A_ISS }, B: { isn: B_ISS } },
    options: { mslMs: 1000, delayedAck: false, ...extra.options },
    actions: fixture.actions,
    faults: [...(fixture.faults ?? []), ...(extra.faults ?? [])],
    ...(extra.profile ? { profile: extra.profile } : {}),
    ...(extra.network ? { network: extra.network } : {}),
  };
}

/** Run a fixture and inject one segment from `from` at the fixture's injection time. */
export function inject(
  fixture: Fixture,
  from: EndpointName,
  segment: SegmentInput,
  extra: Partial<ScenarioInput> = {},
): { trace: Trace; reaction: ReturnType<typeof reactionTo> } {
  const faults: FaultInput[] = [...(extra.faults ?? []), { inject: { at: fixture.injectAt, from, segment } }];
  const trace = runScenario(scenario(fixture, { ...extra, faults }));
  return { trace, reaction: reactionTo(trace, fixture.injectAt) };
}
