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
import { other, runScenario, seqAdd, seqGt, seqLt } from '../tcp';
import type {
  ActionInput,
  EndpointName,
  FaultInput,
  Flag,
  Profile,
  ScenarioInput,
  SendEvent,
  Trace,
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
}

export type ReplayNote =
  | { kind: 'no-syn-answer' }
  | { kind: 'never-arrived'; count: number; from: EndpointName };

export class ReplayError extends Error {}

const SPACE = (p: { flags: readonly Flag[]; len: number }) =>
  p.len + (p.flags.includes('SYN') ? 1 : 0) + (p.flags.includes('FIN') ? 1 : 0);

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

/** Infer a scenario from one stream and replay it under `profile`. */
export function replayStream(stream: TcpStream, profile: Profile = 'rfc'): Replay {
  const A: Side = { name: 'A', addr: stream.a.addr, port: stream.a.port };
  const B: Side = { name: 'B', addr: stream.b.addr, port: stream.b.port };
  const packets = [...stream.packets].sort((x, y) => x.time - y.time || x.frame - y.frame);
  const sideOf = (p: CapturedPacket): EndpointName => (p.src === A.addr && p.srcPort === A.port ? 'A' : 'B');
  const notes: string[] = [];
  const noteDetails: ReplayNote[] = [];
  if (A.addr === B.addr && A.port === B.port)
    throw new ReplayError('both ends of the conversation are the same socket');

  const synA = packets.find((p) => sideOf(p) === 'A' && p.flags.includes('SYN') && !p.flags.includes('ACK'));
  if (!synA) {
    throw new ReplayError(
      `stream ${stream.index} has no SYN from its first sender: the capture starts after the handshake, so the ISNs and the opening cannot be inferred`,
    );
  }
  const synB = packets.find((p) => sideOf(p) === 'B' && p.flags.includes('SYN'));
  const t0 = packets[0]?.time ?? synA.time;
  const rel = (p: CapturedPacket) => (p.time - t0) * 1000;

  // Latency and capture point from the handshake.
  const synAckIndex = synB ? packets.indexOf(synB) : -1;
  // The SYN that was answered: the last one A sent before the SYN,ACK (earlier ones may have been lost).
  const answeredSyn =
    synB === undefined
      ? synA
      : (packets
          .slice(0, synAckIndex)
          .filter((p) => sideOf(p) === 'A' && p.flags.includes('SYN') && !p.flags.includes('ACK'))
          .at(-1) ?? synA);
  const thirdAck = synB
    ? packets.find(
        (p, i) =>
          i > synAckIndex && sideOf(p) === 'A' && p.flags.includes('ACK') && p.ack === seqAdd(synB.seq, 1),
      )
    : undefined;
  let capturePoint: EndpointName = 'A';
  let rttMs = 0;
  const refusal = synB
    ? undefined
    : packets.find((p) => sideOf(p) === 'B' && p.flags.includes('RST') && p.ack === seqAdd(synA.seq, 1));
  if (refusal) {
    // Refused: the RST answers the SYN at once, so SYN → RST is one round trip seen from A's side.
    const answered =
      packets
        .filter((p) => p === synA || (sideOf(p) === 'A' && p.seq === synA.seq && p.time <= refusal.time))
        .at(-1) ?? synA;
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
  const latencyMs = round3(rttMs / 2);
  const P = capturePoint;
  /** Simulated time at which the sender put the packet on the wire. */
  const sentAt = (p: CapturedPacket) => round3(rel(p) + latencyMs - (sideOf(p) === P ? 0 : latencyMs));
  /** Simulated time of the frame as the capture point saw it. */
  const seenAt = (p: CapturedPacket) => round3(rel(p) + latencyMs);

  // User calls. A call that made a segment leave at time t happened in response to whatever had arrived by
  // t, but at equal times the simulator runs scenario actions before arrivals. Causality follows capture
  // order, so the call behind the i-th frame is placed i × 10 ns after t: a reaction always lands after the
  // arrival that caused it, even when the capture gives both the same timestamp (at most 0.1 ms per 10,000
  // frames, far inside the timing tolerance).
  const order = new Map<CapturedPacket, number>(packets.map((p, i) => [p, i]));
  const after = (p: CapturedPacket) => sentAt(p) + ((order.get(p) ?? 0) + 1) * 0.00001;
  const actions: ActionInput[] = [];
  const synFromB = synB && !synB.flags.includes('ACK');
  if (synB && !synFromB) actions.push({ at: 0, endpoint: 'B', call: 'listen' });
  actions.push({ at: sentAt(synA), endpoint: 'A', call: 'connect' });
  if (synFromB && synB) actions.push({ at: after(synB), endpoint: 'B', call: 'connect' });
  const highest: Partial<Record<EndpointName, number>> = {};
  const finSent = new Set<EndpointName>();
  // New data from one write leaves as several segments, PSH on the last (Linux and our engine alike):
  // consecutive segments from one side at one instant, up to a PSH, are one send call.
  const pending: Partial<Record<EndpointName, ActionInput>> = {};
  const pendingSentAt: Partial<Record<EndpointName, number>> = {};
  const flush = (from: EndpointName) => {
    const action = pending[from];
    if (action) actions.push(action);
    delete pending[from];
  };
  for (const [i, p] of packets.entries()) {
    const from = sideOf(p);
    const end = seqAdd(p.seq, SPACE(p));
    const at = after(p);
    if (pending[from] && pendingSentAt[from] !== sentAt(p)) flush(from);
    if (p.len > 0) {
      const dataStart = p.flags.includes('SYN') ? seqAdd(p.seq, 1) : p.seq;
      const dataEnd = seqAdd(dataStart, p.len);
      const high = highest[from];
      if (high === undefined || seqGt(dataEnd, high)) {
        const fresh = high === undefined || !seqGt(high, dataStart) ? p.len : (dataEnd - high) >>> 0;
        const current = pending[from];
        if (current) current.bytes = (current.bytes ?? 0) + fresh;
        else {
          pending[from] = { at, endpoint: from, call: 'send', bytes: fresh };
          pendingSentAt[from] = sentAt(p);
        }
        if (p.flags.includes('PSH') || p.flags.includes('FIN')) flush(from);
      }
    }
    if (p.flags.includes('FIN') && !finSent.has(from)) {
      flush(from);
      finSent.add(from);
      actions.push({ at, endpoint: from, call: 'close' });
    }
    if (p.flags.includes('RST') && !isReply(packets, i, sideOf)) {
      flush(from);
      actions.push({ at, endpoint: from, call: 'abort' });
    }
    const high = highest[from];
    if (SPACE(p) > 0 && (high === undefined || seqGt(end, high))) highest[from] = end;
  }
  flush('A');
  flush('B');

  // Segments the capture point sent that never arrived: sent again later, or never acknowledged at all.
  const faults: FaultInput[] = [];
  const nthByFlags = new Map<string, number>();
  for (const [i, p] of packets.entries()) {
    if (sideOf(p) !== P) continue;
    const key = p.flags.join();
    const nth = (nthByFlags.get(key) ?? 0) + 1;
    nthByFlags.set(key, nth);
    if (SPACE(p) === 0) continue;
    const end = seqAdd(p.seq, SPACE(p));
    const resent = packets.some((q, j) => j > i && sideOf(q) === P && q.seq === p.seq && SPACE(q) > 0);
    const acked = packets.some(
      (q, j) => j > i && sideOf(q) !== P && q.flags.includes('ACK') && !seqLt(q.ack, end),
    );
    const answeredAt = packets.findIndex(
      (q, j) => j > i && sideOf(q) !== P && q.flags.includes('ACK') && !seqLt(q.ack, end),
    );
    const resentBeforeAnswer = packets.some(
      (q, j) =>
        j > i && (answeredAt === -1 || j < answeredAt) && sideOf(q) === P && q.seq === p.seq && SPACE(q) > 0,
    );
    if ((!acked && !p.flags.includes('RST')) || (resent && resentBeforeAnswer)) {
      faults.push({ drop: { from: P, flags: [...p.flags], nth } });
    }
  }
  if (faults.length > 0) {
    notes.push(`${faults.length} segment(s) from ${P} never arrived: modelled as drop faults`);
    noteDetails.push({ kind: 'never-arrived', count: faults.length, from: P });
  }

  const mssOf = (p: CapturedPacket | undefined) => p?.options.mss;
  const endpoints: NonNullable<ScenarioInput['endpoints']> = {
    A: { port: A.port, isn: synA.seq, window: clampWindow(synA.win) },
    B: { port: B.port, ...(synB ? { isn: synB.seq, window: clampWindow(synB.win) } : {}) },
  };
  const mssA = mssOf(synB);
  const mssB = mssOf(synA);
  if (mssA !== undefined && endpoints.A) endpoints.A.mss = clampMss(mssA);
  if (mssB !== undefined && endpoints.B) endpoints.B.mss = clampMss(mssB);

  const span = rel(packets[packets.length - 1] ?? synA);
  const scenario: ScenarioInput = {
    version: 1,
    name: `Capture: ${stream.summary}`.slice(0, 200),
    description: `Inferred from a capture taken near ${P} (one-way latency ${latencyMs} ms).`,
    profile,
    network: { latencyMs },
    endpoints,
    options: { maxTimeMs: Math.max(60_000, Math.ceil(span * 2 + 300_000)) },
    actions: [...actions].sort((x, y) => x.at - y.at),
    ...(faults.length > 0 ? { faults } : {}),
  };

  const trace = runScenario(scenario);
  const tolerance = (t: number) => Math.max(2, rttMs / 4, 0.03 * t);
  const cutoff = seenAt(packets[packets.length - 1] ?? synA);
  const model = framesOf(trace, { captureAt: P });
  const compared = model.filter((m) => m.t <= cutoff + tolerance(cutoff));
  const used = new Set<number>();
  const deviations: Deviation[] = [];
  const matches: { frame: number; id: number | null }[] = [];
  const same = (p: CapturedPacket, s: SendEvent) =>
    s.from === sideOf(p) &&
    s.segment.seq === p.seq &&
    s.segment.ack === p.ack &&
    s.segment.len === p.len &&
    s.segment.flags.join() === p.flags.join();
  for (const p of packets) {
    const t = seenAt(p);
    const from = sideOf(p);
    let k = compared.findIndex((m, i) => !used.has(i) && same(p, m.send));
    if (k >= 0) {
      const m = compared[k] as (typeof compared)[number];
      used.add(k);
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
      continue;
    }
    // Not found as is: the model's next unmatched segment in the same direction, around the same time, differs.
    k = compared.findIndex(
      (m, i) => !used.has(i) && m.send.from === from && Math.abs(m.t - t) <= tolerance(t) * 4 + 1,
    );
    if (k >= 0) {
      const m = compared[k] as (typeof compared)[number];
      used.add(k);
      matches.push({ frame: p.frame, id: m.send.id });
      deviations.push({
        frame: p.frame,
        kind: 'different',
        id: m.send.id,
        fields: changedFields(p, m.send),
        expected: describe(from, p, t),
        actual: describe(m.send.from, m.send.segment, m.t),
        note: `different ${differences(p, m.send).join(', ')}`,
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
  }
  compared.forEach((m, i) => {
    if (used.has(i)) return;
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
    stream,
    scenario,
    trace,
    deviations,
    capturePoint: P,
    latencyMs,
    matches,
    compared: packets.length,
    modelAfterCapture: model.length - compared.length,
    notes,
    noteDetails,
  };
}

/** A RST sent within 1 ms of a segment from the peer answers that segment; otherwise it is an ABORT. */
function isReply(packets: CapturedPacket[], i: number, sideOf: (p: CapturedPacket) => EndpointName): boolean {
  const p = packets[i] as CapturedPacket;
  for (let j = i - 1; j >= 0; j--) {
    const q = packets[j] as CapturedPacket;
    if ((p.time - q.time) * 1000 > 1) return false;
    if (sideOf(q) !== sideOf(p)) return true;
  }
  return false;
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
