/**
 * A real capture, explained by the simulator: infer a scenario from one TCP conversation (who connected,
 * the ISNs and ports from the SYNs, the latency from the handshake, who sent what when, who closed first,
 * which segments never arrived), replay it through the engine under a profile, and report segment by
 * segment where the capture and the model agree and where they deviate.
 *
 * The capture point. A capture is taken at one place: near A (the connecting side), near B, or on a
 * loopback interface where both ends are the same host. We tell A's side from B's by the handshake: near A
 * the SYN,ACK comes one round trip after the SYN; near B the ACK comes one round trip after the SYN,ACK.
 * Segments the capture point P sent appear at their send time; segments from the peer appear when they
 * arrived at P. So the peer's calls happened one latency before what P saw of them.
 *
 * Timing tolerance: a frame's time agrees when it is within max(2 ms, RTT/4, 3 % of the time since the
 * conversation started) of the model's. Kernels' timers have slack that grows with the timeout (Linux
 * retransmits a 1 s SYN timer after ~1.02 s), so a fixed tolerance would flag every late retransmission.
 */
import { segmentLabel } from '../i18n/segment';
import { other, runScenario, seqAdd, seqDiff, seqGt } from '../tcp';
import {
  DEFAULT_MAX_EVENTS,
  MAX_ACTIONS,
  MAX_DELAY_MS,
  MAX_EVENTS,
  MAX_FAULTS,
  MAX_SEND_BYTES,
  MAX_TIME_MS,
} from '../tcp/limits';
import type {
  ActionInput,
  EndpointName,
  FaultInput,
  Flag,
  Profile,
  ScenarioInput,
  SendEvent,
  Trace,
  TruncatedBy,
} from '../tcp/types';
import type { CapturedPacket } from './pcap-read';
import { framesOf } from './pcap-write';
import type { TcpStream } from './streams';

export interface Deviation {
  /** The capture's frame number, or null for a segment only the model sent. */
  frame: number | null;
  /** What kind of disagreement (the note says it in words). */
  kind: 'timing' | 'different' | 'missing' | 'extra';
  /** The model's segment involved (its trace id), or null when the model sent nothing matching. */
  id: number | null;
  /** For `timing`: how much later (positive) or earlier the model's segment is, and the tolerance (ms). */
  deltaMs?: number;
  toleranceMs?: number;
  /** For `different`: which header fields differ. */
  fields?: ('flags' | 'seq' | 'ack' | 'len')[];
  /** What the capture shows (the real stack), e.g. "A>B ACK,PSH seq=1 ack=1 len=4 at 0.069 ms"; null if missing. */
  expected: string | null;
  /** What the model did instead; null when the model sent nothing matching. */
  actual: string | null;
  note: string;
}

export interface Replay {
  stream: TcpStream;
  scenario: ScenarioInput;
  trace: Trace;
  deviations: Deviation[];
  /** Which side the capture was taken on, and the one-way latency inferred from the handshake. */
  capturePoint: EndpointName;
  latencyMs: number;
  /** For each captured frame, the model's segment id it matched (null: none). */
  matches: { frame: number; id: number | null }[];
  /** Frames compared, and how many of the model's segments fell after the capture ended (not compared). */
  compared: number;
  modelAfterCapture: number;
  /** What the replay had to assume, in English (the CLI prints these) … */
  notes: string[];
  /** … and the same as data, so the page can say it in the reader's language. */
  noteDetails: ReplayNote[];
  /** Where the capture went beyond what a scenario may hold (src/tcp/limits.ts), as data; also in `notes`. */
  limitNotes: ReplayLimitNote[];
}

export type ReplayNote =
  | { kind: 'no-syn-answer' }
  | { kind: 'never-arrived'; count: number; from: EndpointName };

/**
 * How the inferred scenario was kept inside the schema's limits, and what was not compared because of it.
 * Frames after a cut are neither matched nor counted as missing: `compared` counts the frames compared.
 */
export type ReplayLimitNote =
  /** Segments longer than one send may be (a jumbogram, RFC 2675): each counts as MAX_SEND_BYTES. */
  | { kind: 'segment-too-long'; count: number; frame: number; bytes: number }
  /** One-way latency above MAX_DELAY_MS, clamped to it. */
  | { kind: 'latency-clamped'; ms: number; max: number }
  /** The capture lasts longer than a scenario may (MAX_TIME_MS): the last `frames` frames are not replayed. */
  | { kind: 'time-cut'; maxMs: number; frames: number }
  /** More user calls than a scenario may hold: the first `kept` are replayed, up to `atMs`. */
  | { kind: 'actions-cut'; kept: number; total: number; atMs: number }
  /** More drop rules than a scenario may hold: the first `kept` are replayed. */
  | { kind: 'faults-cut'; kept: number; total: number }
  /** A port 0 (not a valid TCP port in a scenario) is replayed as port 1. */
  | { kind: 'port-zero'; endpoint: EndpointName }
  /** The model's run stopped at a limit: the `frames` frames after its last event are not compared. */
  | { kind: 'model-truncated'; events: number; by: TruncatedBy; frames: number };

/** A limit note in English, for the CLI. */
export function limitNoteEnglish(note: ReplayLimitNote): string {
  switch (note.kind) {
    case 'segment-too-long':
      return `${note.count} segment(s) longer than ${MAX_SEND_BYTES} bytes (frame ${note.frame}: ${note.bytes} bytes, a jumbogram): each counted as ${MAX_SEND_BYTES} bytes`;
    case 'latency-clamped':
      return `one-way latency ${note.ms} ms is more than a scenario allows: ${note.max} ms assumed`;
    case 'time-cut':
      return `the capture lasts longer than a scenario may (${note.maxMs / 86_400_000} days): the last ${note.frames} frame(s) are not replayed`;
    case 'actions-cut':
      return `${note.total} user calls inferred, more than a scenario may hold: the first ${note.kept} are replayed (up to ${note.atMs} ms)`;
    case 'faults-cut':
      return `${note.total} drop rules inferred, more than a scenario may hold: the first ${note.kept} are replayed`;
    case 'port-zero':
      return `${note.endpoint}'s port is 0, which a scenario cannot hold: replayed as port 1`;
    case 'model-truncated':
      return `the model stopped at ${note.events} events (${note.by === 'cancelled' ? 'cancelled' : `options.${note.by}`}): the last ${note.frames} frame(s) are not compared`;
  }
}

export class ReplayError extends Error {}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

interface Side {
  name: EndpointName;
  addr: string;
  port: number;
}

function describe(
  from: EndpointName,
  s: { flags: readonly Flag[]; seq: number; ack: number; len: number },
  t: number,
) {
  return `${from}>${other(from)} ${segmentLabel(s)} at ${round3(t)} ms`;
}

/**
 * What the replay inferred, before the engine runs: the scenario and what the comparison needs. A page
 * runs the scenario in chunks (TimelineRun, with progress) between `planReplay` and `compareReplay`;
 * `replayStream` does all three at once.
 */
export interface ReplayPlan {
  stream: TcpStream;
  scenario: ScenarioInput;
  capturePoint: EndpointName;
  latencyMs: number;
  notes: string[];
  noteDetails: ReplayNote[];
  limitNotes: ReplayLimitNote[];
  /** The packets in time order, each one's sender, and when the capture point saw it (simulated ms). */
  packets: CapturedPacket[];
  sides: EndpointName[];
  seen: number[];
  rttMs: number;
  /** Simulated time after which the capture is not compared (a limit cut the scenario short), or Infinity. */
  horizonMs: number;
}

/** Infer a scenario from one stream and replay it under `profile`. */
export function replayStream(stream: TcpStream, profile: Profile = 'rfc'): Replay {
  const plan = planReplay(stream, profile);
  return compareReplay(plan, runScenario(plan.scenario));
}

/**
 * Infer the scenario of one stream. Every step is linear in the packets (a 100,000-packet capture plans
 * in well under a second): lookups that once scanned the rest of the capture for each packet are indexed.
 * The scenario always passes the schema: where the capture exceeds a limit (src/tcp/limits.ts) it is cut
 * or clamped, and `limitNotes` says where.
 */
export function planReplay(stream: TcpStream, profile: Profile = 'rfc'): ReplayPlan {
  const A: Side = { name: 'A', addr: stream.a.addr, port: stream.a.port };
  const B: Side = { name: 'B', addr: stream.b.addr, port: stream.b.port };
  const packets = [...stream.packets].sort((x, y) => x.time - y.time || x.frame - y.frame);
  const sideOfPacket = (p: CapturedPacket): EndpointName =>
    p.src === A.addr && p.srcPort === A.port ? 'A' : 'B';
  const sides = packets.map(sideOfPacket);
  const sideAt = (i: number) => sides[i] as EndpointName;
  const notes: string[] = [];
  const noteDetails: ReplayNote[] = [];
  const limitNotes: ReplayLimitNote[] = [];
  const limit = (note: ReplayLimitNote) => {
    limitNotes.push(note);
    notes.push(limitNoteEnglish(note));
  };
  if (A.addr === B.addr && A.port === B.port)
    throw new ReplayError('both ends of the conversation are the same socket');

  // Payload the model can carry: a jumbogram's length (RFC 2675, up to 4 GiB) is more than one send may
  // hold and wraps the sequence space, so such a segment counts as MAX_SEND_BYTES.
  const lenOf = packets.map((p) => Math.min(p.len, MAX_SEND_BYTES));
  const tooLong = packets.filter((p) => p.len > MAX_SEND_BYTES);
  if (tooLong.length > 0) {
    const first = tooLong[0] as CapturedPacket;
    limit({ kind: 'segment-too-long', count: tooLong.length, frame: first.frame, bytes: first.len });
  }
  const space = (i: number) => {
    const p = packets[i] as CapturedPacket;
    return (lenOf[i] as number) + (p.flags.includes('SYN') ? 1 : 0) + (p.flags.includes('FIN') ? 1 : 0);
  };

  const synAIndex = packets.findIndex(
    (p, i) => sideAt(i) === 'A' && p.flags.includes('SYN') && !p.flags.includes('ACK'),
  );
  const synA = packets[synAIndex];
  if (!synA) {
    throw new ReplayError(
      `stream ${stream.index} has no SYN from its first sender: the capture starts after the handshake, so the ISNs and the opening cannot be inferred`,
    );
  }
  const synAckIndex = packets.findIndex((p, i) => sideAt(i) === 'B' && p.flags.includes('SYN'));
  const synB = synAckIndex >= 0 ? packets[synAckIndex] : undefined;
  const t0 = packets[0]?.time ?? synA.time;
  const rel = (p: CapturedPacket) => (p.time - t0) * 1000;

  // Latency and capture point from the handshake.
  // The SYN that was answered: the last one A sent before the SYN,ACK (earlier ones may have been lost).
  let answeredSyn = synA;
  for (let i = 0; i < synAckIndex; i++) {
    const p = packets[i] as CapturedPacket;
    if (sideAt(i) === 'A' && p.flags.includes('SYN') && !p.flags.includes('ACK')) answeredSyn = p;
  }
  const thirdAck = synB
    ? packets.find(
        (p, i) =>
          i > synAckIndex && sideAt(i) === 'A' && p.flags.includes('ACK') && p.ack === seqAdd(synB.seq, 1),
      )
    : undefined;
  let capturePoint: EndpointName = 'A';
  let rttMs = 0;
  const refusal = synB
    ? undefined
    : packets.find((p, i) => sideAt(i) === 'B' && p.flags.includes('RST') && p.ack === seqAdd(synA.seq, 1));
  if (refusal) {
    // Refused: the RST answers the SYN at once, so SYN → RST is one round trip seen from A's side.
    let answered = synA;
    packets.forEach((p, i) => {
      if (p === synA || (sideAt(i) === 'A' && p.seq === synA.seq && p.time <= refusal.time)) answered = p;
    });
    rttMs = rel(refusal) - rel(answered);
  } else if (synB) {
    const there = rel(synB) - rel(answeredSyn);
    const back = thirdAck ? rel(thirdAck) - rel(synB) : 0;
    capturePoint = back > there ? 'B' : 'A';
    rttMs = Math.max(there, back);
  } else {
    notes.push('no answer to the SYN in the capture: latency unknown, 0 ms assumed');
    noteDetails.push({ kind: 'no-syn-answer' });
  }
  let latencyMs = round3(rttMs / 2);
  if (latencyMs > MAX_DELAY_MS) {
    limit({ kind: 'latency-clamped', ms: latencyMs, max: MAX_DELAY_MS });
    latencyMs = MAX_DELAY_MS;
    rttMs = 2 * MAX_DELAY_MS;
  }
  const P = capturePoint;
  /** Simulated time at which the sender put the packet on the wire. */
  const sentAt = (i: number) =>
    round3(rel(packets[i] as CapturedPacket) + latencyMs - (sideAt(i) === P ? 0 : latencyMs));
  /** Simulated time of the frame as the capture point saw it. */
  const seen = packets.map((p) => round3(rel(p) + latencyMs));

  // A capture longer than a scenario may last (MAX_TIME_MS, with room for what follows the last frame) is
  // replayed up to that point.
  let horizonMs = Number.POSITIVE_INFINITY;
  const lastReplayable = MAX_TIME_MS - REPLAY_TAIL_MS;
  let replayed = packets.length;
  while (replayed > 0 && sentAt(replayed - 1) > lastReplayable) replayed--;
  if (replayed < packets.length) {
    horizonMs = lastReplayable;
    limit({ kind: 'time-cut', maxMs: MAX_TIME_MS, frames: packets.length - replayed });
  }

  // User calls. A call that made a segment leave at time t happened in response to whatever had arrived by
  // t, but at equal times the simulator runs scenario actions before arrivals. Causality follows capture
  // order, so the call behind the i-th frame is placed i × 10 ns after t: a reaction always lands after the
  // arrival that caused it, even when the capture gives both the same timestamp (at most 0.1 ms per 10,000
  // frames, far inside the timing tolerance).
  const after = (i: number) => sentAt(i) + (i + 1) * 0.00001;
  const actions: ActionInput[] = [];
  const synFromB = synB && !synB.flags.includes('ACK');
  if (synB && !synFromB) actions.push({ at: 0, endpoint: 'B', call: 'listen' });
  actions.push({ at: sentAt(synAIndex), endpoint: 'A', call: 'connect' });
  if (synFromB && synB) actions.push({ at: after(synAckIndex), endpoint: 'B', call: 'connect' });
  const highest: Partial<Record<EndpointName, number>> = {};
  const finSent = new Set<EndpointName>();
  /** The frame behind each action (for cutting the comparison where actions are cut). */
  const actionFrame = new Map<ActionInput, number>();
  // New data from one write leaves as several segments, PSH on the last (Linux and our engine alike):
  // consecutive segments from one side at one instant, up to a PSH, are one send call.
  const pending: Partial<Record<EndpointName, ActionInput>> = {};
  const pendingSentAt: Partial<Record<EndpointName, number>> = {};
  const flush = (from: EndpointName) => {
    const action = pending[from];
    if (action) actions.push(action);
    delete pending[from];
  };
  const lastOther = lastFromOtherSide(sides);
  for (let i = 0; i < replayed; i++) {
    const p = packets[i] as CapturedPacket;
    const from = sideAt(i);
    const len = lenOf[i] as number;
    const end = seqAdd(p.seq, space(i));
    const at = after(i);
    if (pending[from] && pendingSentAt[from] !== sentAt(i)) flush(from);
    if (len > 0) {
      const dataStart = p.flags.includes('SYN') ? seqAdd(p.seq, 1) : p.seq;
      const dataEnd = seqAdd(dataStart, len);
      const high = highest[from];
      if (high === undefined || seqGt(dataEnd, high)) {
        const fresh = high === undefined || !seqGt(high, dataStart) ? len : (dataEnd - high) >>> 0;
        const current = pending[from];
        // One send holds at most MAX_SEND_BYTES: a longer burst is two writes.
        if (current && (current.bytes ?? 0) + fresh > MAX_SEND_BYTES) flush(from);
        const open = pending[from];
        if (open) open.bytes = (open.bytes ?? 0) + fresh;
        else {
          const action: ActionInput = { at, endpoint: from, call: 'send', bytes: fresh };
          pending[from] = action;
          pendingSentAt[from] = sentAt(i);
          actionFrame.set(action, i);
        }
        if (p.flags.includes('PSH') || p.flags.includes('FIN')) flush(from);
      }
    }
    if (p.flags.includes('FIN') && !finSent.has(from)) {
      flush(from);
      finSent.add(from);
      const action: ActionInput = { at, endpoint: from, call: 'close' };
      actions.push(action);
      actionFrame.set(action, i);
    }
    if (p.flags.includes('RST') && !isReply(packets, i, lastOther)) {
      flush(from);
      const action: ActionInput = { at, endpoint: from, call: 'abort' };
      actions.push(action);
      actionFrame.set(action, i);
    }
    const high = highest[from];
    if (space(i) > 0 && (high === undefined || seqGt(end, high))) highest[from] = end;
  }
  flush('A');
  flush('B');
  actions.sort((x, y) => x.at - y.at);
  if (actions.length > MAX_ACTIONS) {
    const firstCut = actions[MAX_ACTIONS] as ActionInput;
    horizonMs = Math.min(horizonMs, firstCut.at);
    limit({ kind: 'actions-cut', kept: MAX_ACTIONS, total: actions.length, atMs: round3(firstCut.at) });
    actions.length = MAX_ACTIONS;
  }

  // Segments the capture point sent that never arrived: sent again later, or never acknowledged at all.
  // For each segment: the first later answer from the peer that acknowledges all of it, and the next
  // segment from P with the same sequence number (a retransmission), each found through an index.
  const drops: { flags: Flag[]; nth: number; frame: number }[] = [];
  const answers = new FirstAtLeast(unwrappedAcks(packets, sides, P, P === 'A' ? synA.seq : (synB?.seq ?? 0)));
  const nextResend = nextSameSeq(packets, sides, P, space, replayed);
  const nthByFlags = new Map<string, number>();
  let reference = answers.reference;
  for (let i = 0; i < replayed; i++) {
    const p = packets[i] as CapturedPacket;
    if (sideAt(i) !== P) continue;
    const key = p.flags.join();
    const nth = (nthByFlags.get(key) ?? 0) + 1;
    nthByFlags.set(key, nth);
    if (space(i) === 0) continue;
    const end = seqAdd(p.seq, space(i));
    const endUnwrapped = reference.unwrapped + seqDiff(end, reference.seq);
    reference = { seq: end, unwrapped: endUnwrapped };
    const answeredAt = answers.firstFrom(i + 1, endUnwrapped);
    const acked = answeredAt !== -1;
    const resendAt = nextResend[i] as number;
    const resentBeforeAnswer = resendAt !== -1 && (answeredAt === -1 || resendAt < answeredAt);
    if ((!acked && !p.flags.includes('RST')) || resentBeforeAnswer) {
      drops.push({ flags: [...p.flags], nth, frame: i });
    }
  }
  const faults = mergeDrops(drops, P);
  if (drops.length > 0) {
    notes.push(`${drops.length} segment(s) from ${P} never arrived: modelled as drop faults`);
    noteDetails.push({ kind: 'never-arrived', count: drops.length, from: P });
  }
  if (faults.length > MAX_FAULTS) {
    const firstCut = faults[MAX_FAULTS] as (typeof faults)[number];
    horizonMs = Math.min(horizonMs, sentAt(firstCut.frame));
    limit({ kind: 'faults-cut', kept: MAX_FAULTS, total: faults.length });
    faults.length = MAX_FAULTS;
  }

  const mssOf = (p: CapturedPacket | undefined) => p?.options.mss;
  const port = (side: Side) => {
    if (side.port >= 1) return side.port;
    limit({ kind: 'port-zero', endpoint: side.name });
    return 1;
  };
  const endpoints: NonNullable<ScenarioInput['endpoints']> = {
    A: { port: port(A), isn: synA.seq, window: clampWindow(synA.win) },
    B: { port: port(B), ...(synB ? { isn: synB.seq, window: clampWindow(synB.win) } : {}) },
  };
  const mssA = mssOf(synB);
  const mssB = mssOf(synA);
  if (mssA !== undefined && endpoints.A) endpoints.A.mss = clampMss(mssA);
  if (mssB !== undefined && endpoints.B) endpoints.B.mss = clampMss(mssB);

  const span = rel(packets[replayed - 1] ?? synA);
  const scenario: ScenarioInput = {
    version: 1,
    name: `Capture: ${stream.summary}`.slice(0, 200),
    description: `Inferred from a capture taken near ${P} (one-way latency ${latencyMs} ms).`,
    profile,
    network: { latencyMs },
    endpoints,
    options: {
      maxTimeMs: Math.min(MAX_TIME_MS, Math.max(60_000, Math.ceil(span * 2 + REPLAY_TAIL_MS))),
      maxEvents: Math.min(MAX_EVENTS, Math.max(DEFAULT_MAX_EVENTS, EVENTS_PER_FRAME * packets.length)),
    },
    actions,
    ...(faults.length > 0 ? { faults: faults.map(({ frame: _frame, ...fault }) => fault) } : {}),
  };
  return {
    stream,
    scenario,
    capturePoint: P,
    latencyMs,
    notes,
    noteDetails,
    limitNotes,
    packets,
    sides,
    seen,
    rttMs,
    horizonMs,
  };
}

/** Compare the model's run (the plan's scenario, run to the end) with the capture, frame by frame. */
export function compareReplay(plan: ReplayPlan, trace: Trace): Replay {
  const { packets, sides, seen, rttMs, capturePoint: P } = plan;
  const notes = [...plan.notes];
  const limitNotes = [...plan.limitNotes];
  let horizonMs = plan.horizonMs;
  const modelEnd = trace.events.at(-1)?.t ?? 0;
  const notReached = trace.truncated ? seen.filter((t) => t > Math.min(horizonMs, modelEnd)).length : 0;
  if (notReached > 0) {
    // The model stopped early (options.maxEvents, say) before the capture ended: compare what it got to.
    horizonMs = Math.min(horizonMs, modelEnd);
    const note: ReplayLimitNote = {
      kind: 'model-truncated',
      events: trace.events.length,
      by: trace.truncatedBy ?? 'maxEvents',
      frames: notReached,
    };
    limitNotes.push(note);
    notes.push(limitNoteEnglish(note));
  }
  const tolerance = (t: number) => Math.max(2, rttMs / 4, 0.03 * t);
  const lastSeen = seen.at(-1) ?? 0;
  const cutoff = Math.min(lastSeen + tolerance(lastSeen), horizonMs);
  const model = framesOf(trace, { captureAt: P });
  const compared = model.filter((m) => m.t <= cutoff);
  const used = new Uint8Array(compared.length);
  const exact = new Map<string, number[]>();
  const exactNext = new Map<string, number>();
  const bySide: Record<EndpointName, number[]> = { A: [], B: [] };
  compared.forEach((m, k) => {
    const key = segmentKey(m.send.from, m.send.segment);
    const list = exact.get(key);
    if (list) list.push(k);
    else exact.set(key, [k]);
    bySide[m.send.from].push(k);
  });
  const unusedAfter: Record<EndpointName, NextUnused> = {
    A: new NextUnused(bySide.A.length),
    B: new NextUnused(bySide.B.length),
  };
  const positionOnSide = new Int32Array(compared.length);
  for (const side of ['A', 'B'] as const) {
    bySide[side].forEach((k, pos) => {
      positionOnSide[k] = pos;
    });
  }
  const use = (k: number) => {
    used[k] = 1;
    const m = compared[k] as (typeof compared)[number];
    unusedAfter[m.send.from].take(positionOnSide[k] as number);
  };
  /** The first unused model frame with exactly this segment, in time order. */
  const firstExact = (key: string): number => {
    const list = exact.get(key);
    if (!list) return -1;
    let at = exactNext.get(key) ?? 0;
    while (at < list.length && used[list[at] as number]) at++;
    exactNext.set(key, at);
    return at < list.length ? (list[at] as number) : -1;
  };
  /** The first unused model frame from this side no earlier than `from` (ms), in time order. */
  const firstNear = (side: EndpointName, from: number): number => {
    const list = bySide[side];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((compared[list[mid] as number] as (typeof compared)[number]).t < from) lo = mid + 1;
      else hi = mid;
    }
    const pos = unusedAfter[side].find(lo);
    return pos < list.length ? (list[pos] as number) : -1;
  };
  const deviations: Deviation[] = [];
  const matches: { frame: number; id: number | null }[] = [];
  let framesCompared = 0;
  packets.forEach((p, i) => {
    const t = seen[i] as number;
    if (t > horizonMs) return;
    framesCompared++;
    const from = sides[i] as EndpointName;
    let k = firstExact(segmentKey(from, p));
    if (k >= 0) {
      const m = compared[k] as (typeof compared)[number];
      use(k);
      matches.push({ frame: p.frame, id: m.send.id });
      if (Math.abs(m.t - t) > tolerance(t)) {
        deviations.push({
          frame: p.frame,
          kind: 'timing',
          id: m.send.id,
          deltaMs: round3(m.t - t),
          toleranceMs: round3(tolerance(t)),
          expected: describe(from, p, t),
          actual: describe(m.send.from, m.send.segment, m.t),
          note: `timing: the model's segment is ${round3(m.t - t)} ms ${m.t > t ? 'later' : 'earlier'} (tolerance ${round3(tolerance(t))} ms)`,
        });
      }
      return;
    }
    // Not found as is: the model's next unmatched segment in the same direction, around the same time, differs.
    const window = tolerance(t) * 4 + 1;
    k = firstNear(from, t - window);
    const near = k >= 0 ? (compared[k] as (typeof compared)[number]) : undefined;
    if (near && near.t <= t + window) {
      use(k);
      matches.push({ frame: p.frame, id: near.send.id });
      deviations.push({
        frame: p.frame,
        kind: 'different',
        id: near.send.id,
        fields: changedFields(p, near.send),
        expected: describe(from, p, t),
        actual: describe(near.send.from, near.send.segment, near.t),
        note: `different ${differences(p, near.send).join(', ')}`,
      });
    } else {
      matches.push({ frame: p.frame, id: null });
      deviations.push({
        frame: p.frame,
        kind: 'missing',
        id: null,
        expected: describe(from, p, t),
        actual: null,
        note: 'missing: the model sent no such segment',
      });
    }
  });
  compared.forEach((m, k) => {
    if (used[k]) return;
    deviations.push({
      frame: null,
      kind: 'extra',
      id: m.send.id,
      expected: null,
      actual: describe(m.send.from, m.send.segment, m.t),
      note: 'extra: the model sent a segment the capture does not show',
    });
  });
  return {
    stream: plan.stream,
    scenario: plan.scenario,
    trace,
    deviations,
    capturePoint: P,
    latencyMs: plan.latencyMs,
    matches,
    compared: framesCompared,
    modelAfterCapture: model.length - compared.length,
    notes,
    noteDetails: plan.noteDetails,
    limitNotes,
  };
}

/**
 * Room after the last frame for what the model still does (retransmissions, TIME-WAIT): the inferred
 * maxTimeMs is twice the capture's span plus this, as before, and a capture is replayed up to
 * MAX_TIME_MS minus this.
 */
const REPLAY_TAIL_MS = 300_000;
/**
 * Events the model records per captured frame, with room to spare: a segment is a send and a delivery,
 * plus the call, the peer's data event and the state changes around it (3–5 in the captures we have), and
 * the model may retransmit where the real stack did not. options.maxEvents is this many per frame (at least
 * the default, at most MAX_EVENTS).
 */
const EVENTS_PER_FRAME = 10;

function segmentKey(
  from: EndpointName,
  s: { flags: readonly Flag[]; seq: number; ack: number; len: number },
) {
  return `${from} ${s.flags.join()} ${s.seq} ${s.ack} ${s.len}`;
}

/** For each packet, the index of the latest earlier packet from the other side (-1: none). */
function lastFromOtherSide(sides: EndpointName[]): Int32Array {
  const out = new Int32Array(sides.length);
  const last: Record<EndpointName, number> = { A: -1, B: -1 };
  sides.forEach((side, i) => {
    out[i] = last[other(side)];
    last[side] = i;
  });
  return out;
}

/**
 * The peer's acknowledgments of P's sequence space, unwrapped to plain numbers so that "acknowledges at
 * least x" is a comparison (each value is read relative to the previous one, so a conversation may wrap
 * 2^32 any number of times). Packets that acknowledge nothing of P's get -Infinity.
 */
function unwrappedAcks(
  packets: CapturedPacket[],
  sides: EndpointName[],
  P: EndpointName,
  isn: number,
): { values: Float64Array; reference: { seq: number; unwrapped: number } } {
  const values = new Float64Array(packets.length).fill(Number.NEGATIVE_INFINITY);
  let ref = { seq: isn, unwrapped: 2 ** 32 };
  const start = ref;
  packets.forEach((p, i) => {
    if (sides[i] === P || !p.flags.includes('ACK')) return;
    const u = ref.unwrapped + seqDiff(p.ack, ref.seq);
    ref = { seq: p.ack, unwrapped: u };
    values[i] = u;
  });
  return { values, reference: start };
}

/** "The first index ≥ from whose value is ≥ x" in O(log n), over a max segment tree. */
class FirstAtLeast {
  private readonly size: number;
  private readonly tree: Float64Array;
  readonly reference: { seq: number; unwrapped: number };

  constructor(input: { values: Float64Array; reference: { seq: number; unwrapped: number } }) {
    const n = input.values.length;
    let size = 1;
    while (size < n) size *= 2;
    this.size = size;
    this.tree = new Float64Array(2 * size).fill(Number.NEGATIVE_INFINITY);
    this.tree.set(input.values, size);
    for (let i = size - 1; i >= 1; i--) {
      this.tree[i] = Math.max(this.tree[2 * i] as number, this.tree[2 * i + 1] as number);
    }
    this.reference = input.reference;
  }

  firstFrom(from: number, x: number): number {
    return from >= this.size ? -1 : this.search(1, 0, this.size - 1, from, x);
  }

  private search(node: number, lo: number, hi: number, from: number, x: number): number {
    if (hi < from || (this.tree[node] as number) < x) return -1;
    if (lo === hi) return lo;
    const mid = (lo + hi) >> 1;
    const left = this.search(2 * node, lo, mid, from, x);
    return left !== -1 ? left : this.search(2 * node + 1, mid + 1, hi, from, x);
  }
}

/** For each of P's segments that occupy sequence space, the next such segment from P with the same seq. */
function nextSameSeq(
  packets: CapturedPacket[],
  sides: EndpointName[],
  P: EndpointName,
  space: (i: number) => number,
  count: number,
): Int32Array {
  const out = new Int32Array(packets.length).fill(-1);
  const next = new Map<number, number>();
  for (let i = count - 1; i >= 0; i--) {
    if (sides[i] !== P || space(i) === 0) continue;
    const p = packets[i] as CapturedPacket;
    out[i] = next.get(p.seq) ?? -1;
    next.set(p.seq, i);
  }
  return out;
}

/** Drop faults, consecutive ones with the same flags merged into one rule with a count. */
function mergeDrops(
  drops: { flags: Flag[]; nth: number; frame: number }[],
  from: EndpointName,
): (FaultInput & { frame: number })[] {
  const out: ({ drop: { from: EndpointName; flags: Flag[]; nth: number; count?: number } } & {
    frame: number;
  })[] = [];
  const lastByFlags = new Map<string, (typeof out)[number]>();
  for (const d of drops) {
    const key = d.flags.join();
    const last = lastByFlags.get(key);
    if (last && last.drop.nth + (last.drop.count ?? 1) === d.nth) {
      last.drop.count = (last.drop.count ?? 1) + 1;
      continue;
    }
    const fault = { drop: { from, flags: d.flags, nth: d.nth }, frame: d.frame };
    out.push(fault);
    lastByFlags.set(key, fault);
  }
  return out;
}

/** The first position ≥ k not yet taken, among n positions (union-find with path halving). */
class NextUnused {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n + 1);
    for (let i = 0; i <= n; i++) this.parent[i] = i;
  }
  find(k: number): number {
    let x = k;
    while (this.parent[x] !== x) {
      const up = this.parent[this.parent[x] as number] as number;
      this.parent[x] = up;
      x = up;
    }
    return x;
  }
  take(k: number): void {
    this.parent[k] = k + 1;
  }
}

/** A RST sent within 1 ms of a segment from the peer answers that segment; otherwise it is an ABORT. */
function isReply(packets: CapturedPacket[], i: number, lastOther: Int32Array): boolean {
  // Packets are in time order, so the nearest earlier packet from the peer is the one to look at.
  const j = lastOther[i] as number;
  if (j < 0) return false;
  return ((packets[i] as CapturedPacket).time - (packets[j] as CapturedPacket).time) * 1000 <= 1;
}

function changedFields(p: CapturedPacket, s: SendEvent): ('flags' | 'seq' | 'ack' | 'len')[] {
  const out: ('flags' | 'seq' | 'ack' | 'len')[] = [];
  if (p.flags.join() !== s.segment.flags.join()) out.push('flags');
  if (p.seq !== s.segment.seq) out.push('seq');
  if (p.ack !== s.segment.ack) out.push('ack');
  if (p.len !== s.segment.len) out.push('len');
  return out;
}

/** The differing fields in words: "flags (ACK vs ACK,FIN), ack (… vs …)". */
function differences(p: CapturedPacket, s: SendEvent): string[] {
  const shown = (x: { flags: readonly Flag[]; seq: number; ack: number; len: number }, field: string) =>
    field === 'flags' ? x.flags.join(',') : String(x[field as 'seq' | 'ack' | 'len']);
  return changedFields(p, s).map((f) => `${f} (${shown(p, f)} vs ${shown(s.segment, f)})`);
}

function clampWindow(w: number): number {
  return Math.max(1, Math.min(65535, w));
}

function clampMss(mss: number): number {
  return Math.max(1, Math.min(65535, mss));
}
