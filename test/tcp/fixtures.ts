/**
 * Rule-test fixtures without a simulator, in the spirit of smoltcp's `socket_established()` and its
 * `send!` / `recv!` macros: `tcb(state)` builds one TCB in a state with the values RFC 9293's state
 * definitions give it, written down here by hand (not by running the engine); `seg("ACK seq=101 ack=301")`
 * is a segment template; `receive` runs `process` and reports what came back compactly.
 *
 * The connection is the one of RFC 9293's figures and of harness.ts's simulated fixtures: A opened actively
 * with ISS 100, B passively with ISS 300, both windows 65,535, one-way latency 50 ms (so the handshake's RTT
 * sample is 100 ms). After the handshake A has SND.UNA = SND.NXT = 101, RCV.NXT = 301, and B the mirror:
 * SND.UNA = SND.NXT = 301, RCV.NXT = 101.
 */

import { type CallOptions, fire, type Outcome, pollAt, process, type Sent } from '../../src/tcp/process';
import { PROFILES } from '../../src/tcp/profile';
import { flagBits, type Seg } from '../../src/tcp/segment';
import { Endpoint, type Host } from '../../src/tcp/tcb';
import type { Flag, Profile, State } from '../../src/tcp/types';
import { FLAG_ORDER } from '../../src/tcp/types';

export const A_ISS = 100;
export const B_ISS = 300;
export const WINDOW = 65535;
/** The time at which the fixtures stand: the handshake (SYN at 10, SYN,ACK at 60, ACK at 110) is long done. */
export const NOW = 1000;
export const MSL = 1000;

/** A host that refuses every effect: a fixture's TCB is only ever driven through process/call/fire. */
const NO_HOST: Host = {
  get now(): number {
    throw new Error('fixture TCB used outside process/call/fire');
  },
  transmit: refuse,
  stamp: refuse,
  onState: refuse,
  onApp: refuse,
  reflex: refuse,
  chooseIss: refuse,
};
function refuse(): never {
  throw new Error('fixture TCB used outside process/call/fire');
}

export type Side = 'A' | 'B';

export interface FixtureOptions {
  profile?: Profile;
  delayedAck?: boolean;
  handshake?: 'three-way' | 'two-way';
  closeOnEof?: boolean;
}

/**
 * One TCB of the A/B connection in `state`. Which side it is follows from the state where only one side
 * can be in it (SYN-SENT, FIN-WAIT-*, TIME-WAIT: A, the active closer; LISTEN, SYN-RECEIVED, CLOSE-WAIT,
 * LAST-ACK: B), else `side` (default B, the side the old harness injected into).
 */
export function tcb(state: State, side: Side = defaultSide(state), options: FixtureOptions = {}): Endpoint {
  const profile = PROFILES[options.profile ?? 'rfc'];
  const iss = side === 'A' ? A_ISS : B_ISS;
  const irs = side === 'A' ? B_ISS : A_ISS;
  const ep = new Endpoint(
    side,
    {
      port: side === 'A' ? 40000 : 80,
      isn: iss,
      window: WINDOW,
      mss: 1460,
      closeOnEof: options.closeOnEof ?? false,
      closeOnConnect: false,
    },
    profile,
    {
      mslMs: MSL,
      delayedAck: options.delayedAck ?? false,
      handshake: options.handshake ?? 'three-way',
      maxTimeMs: 3_600_000,
      maxEvents: 200_000,
    },
    NO_HOST,
  );
  let stamp = 0;
  const arm = (kind: 'retransmission' | 'time-wait' | 'delayed-ack', expiresAt: number) =>
    ep.timers.push({ kind, expiresAt, armed: ++stamp });
  const sentSyn = (at: number) => {
    ep.iss = iss;
    ep.issKnown = true;
    ep.sndUna = iss;
    ep.sndNxt = iss + 1;
    ep.incarnations = 1;
    ep.rtx.push({ seq: iss, len: 0, flags: flagBits(['SYN']), firstSentAt: at });
    // Karn: the SYN is being timed (RFC 6298 §3); its retransmission timer is one initial RTO away (§5.1).
    ep.rttSeqEnd = iss + 1;
    ep.rttSentAt = at;
    arm('retransmission', at + profile.initialRtoMs);
  };
  const learnedSyn = () => {
    ep.irs = irs;
    ep.irsKnown = true;
    ep.rcvNxt = irs + 1;
    ep.sndWnd = WINDOW;
    ep.maxSndWnd = WINDOW;
  };
  /** The handshake done: SYNs acknowledged, the RTT sample 100 ms (RFC 6298 §2.2: SRTT = R, RTTVAR = R/2). */
  const synchronized = () => {
    ep.iss = iss;
    ep.issKnown = true;
    ep.incarnations = 1;
    learnedSyn();
    ep.sndUna = ep.sndNxt = iss + 1;
    // SND.WL1/WL2 from the segment that last updated the window: A's from B's SYN,ACK, B's from A's ACK.
    ep.sndWl1 = side === 'A' ? irs : irs + 1;
    ep.sndWl2 = side === 'A' ? iss + 1 : iss + 1;
    ep.srtt = 100;
    ep.rttvar = 50;
    // §2.3: RTO = SRTT + max(G, 4·RTTVAR) = 300 ms, rounded up to the profile's minimum (RFC 6298 §2.4: 1 s).
    ep.rto = Math.max(profile.minRtoMs, 300);
    ep.connectedAt = side === 'A' ? 60 : 110;
  };
  /** We called CLOSE at 900: our FIN went out with SEQ = 101 or 301 and is on the retransmission queue. */
  const sentFin = () => {
    const seq = iss + 1;
    ep.finQueued = ep.finSent = true;
    ep.finSeq = seq;
    ep.sndNxt = seq + 1;
    ep.rtx.push({ seq, len: 0, flags: flagBits(['FIN']), firstSentAt: 900 });
    arm('retransmission', 900 + ep.rto);
  };
  /** Our FIN was acknowledged. */
  const finAcked = () => {
    ep.sndUna = ep.sndNxt;
    ep.rtx.clear();
    ep.timers.length = 0;
  };
  /** The peer's FIN (at RCV.NXT) arrived: RCV.NXT counts it. */
  const gotFin = () => {
    ep.rcvNxt = irs + 2;
    ep.eofSeen = true;
  };
  ep.state = state;
  switch (state) {
    case 'CLOSED':
      break;
    case 'LISTEN':
      ep.passive = true;
      break;
    case 'SYN-SENT':
      sentSyn(10);
      break;
    case 'SYN-RECEIVED':
      // Passive: A's SYN arrived at 60 and our SYN,ACK went out then.
      ep.passive = true;
      learnedSyn();
      sentSyn(60);
      break;
    case 'ESTABLISHED':
      synchronized();
      ep.passive = side === 'B';
      break;
    case 'FIN-WAIT-1':
      synchronized();
      sentFin();
      break;
    case 'FIN-WAIT-2':
      synchronized();
      sentFin();
      finAcked();
      break;
    case 'CLOSING':
      synchronized();
      sentFin();
      gotFin();
      break;
    case 'TIME-WAIT':
      synchronized();
      sentFin();
      finAcked();
      gotFin();
      // §3.10.7.4: entered at 950, the 2·MSL timer runs to 950 + 2 s.
      arm('time-wait', 950 + 2 * MSL);
      break;
    case 'CLOSE-WAIT':
      synchronized();
      ep.passive = true;
      gotFin();
      break;
    case 'LAST-ACK':
      synchronized();
      ep.passive = true;
      gotFin();
      sentFin();
      break;
  }
  return ep;
}

function defaultSide(state: State): Side {
  switch (state) {
    case 'SYN-SENT':
    case 'FIN-WAIT-1':
    case 'FIN-WAIT-2':
    case 'CLOSING':
    case 'TIME-WAIT':
      return 'A';
    default:
      return 'B';
  }
}

/**
 * A segment template: "SYN,ACK seq=300 ack=101 len=10 win=1000" (flags first, comma-separated, or "-" for
 * none; ack defaults to 0, len to 0, win to 65,535).
 */
export function seg(template: string): Seg {
  const [flagPart = '', ...fields] = template.trim().split(/\s+/);
  const flags = flagPart === '-' ? [] : (flagPart.split(',') as Flag[]);
  for (const f of flags)
    if (!FLAG_ORDER.includes(f)) throw new Error(`seg: unknown flag ${f} in "${template}"`);
  const out: Seg = { seq: 0, ack: 0, flags: flagBits(flags), len: 0, win: WINDOW };
  for (const field of fields) {
    const m = /^(seq|ack|len|win)=(\d+)$/.exec(field);
    if (!m) throw new Error(`seg: cannot read "${field}" in "${template}"`);
    out[m[1] as 'seq' | 'ack' | 'len' | 'win'] = Number(m[2]) >>> 0;
  }
  return out;
}

/** A sent segment compactly, as the templates write it: "ACK seq=301 ack=101" (ack only with ACK, len > 0). */
export function show(s: Sent | Seg): string {
  const x = 'segment' in s ? s.segment : s;
  const names = FLAG_ORDER.filter((f) => (x.flags & flagBits([f])) !== 0);
  let out = `${names.join(',') || '-'} seq=${x.seq}`;
  if (names.includes('ACK')) out += ` ack=${x.ack}`;
  if (x.len > 0) out += ` len=${x.len}`;
  return out;
}

export interface Reaction {
  explain: string;
  /** The state before and after. */
  from: State;
  to: State;
  /** Every segment sent in reply, compactly. */
  replies: string[];
  outcome: Outcome;
}

/** `ep` receives `template` at `now`: its explanation, its state before and after, the segments it sent. */
export function receive(
  ep: Endpoint,
  template: string | Seg,
  now = NOW,
  options: CallOptions = {},
): Reaction {
  const from = ep.state;
  const outcome = process(ep, typeof template === 'string' ? seg(template) : template, now, options);
  return { explain: outcome.explain, from, to: outcome.state, replies: outcome.sent.map(show), outcome };
}

/** The application events of an outcome, as "connected", "error:ECONNRESET". */
export function apps(outcome: Outcome): string[] {
  return outcome.events.flatMap((e) =>
    e.type === 'app' ? [e.error ? `${e.event}:${e.error}` : e.event] : [],
  );
}

/** The states an outcome passed through, starting with the first "from". */
export function path(outcome: Outcome): State[] {
  const out: State[] = [];
  for (const e of outcome.events) {
    if (e.type !== 'state') continue;
    if (out.length === 0) out.push(e.from);
    out.push(e.to);
  }
  return out;
}

/** Fire every timer due up to `until`, in order, as a TCB whose segments all go unanswered would. */
export function fireAll(ep: Endpoint, until = Number.POSITIVE_INFINITY): { t: number; outcome: Outcome }[] {
  const out: { t: number; outcome: Outcome }[] = [];
  for (let t = pollAt(ep); t !== null && t <= until; t = pollAt(ep)) {
    out.push({ t, outcome: fire(ep, t) });
    if (out.length > 10_000) throw new Error('fireAll: more than 10,000 timer expiries');
  }
  return out;
}
