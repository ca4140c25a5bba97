/**
 * Every explanation key can fire, and each is tested by the rule it names (issue 8): one small scenario per
 * key, the event that carries it (its type, the state it arrives in or moves between, the segment it sends),
 * the citation written here by hand from the RFC or the Linux source (not read from EXPLAIN_RFC), and its
 * sentence in both languages. `CASES` is typed `Record<ExplainKey, Case>`, and a last test compares the
 * keys covered with EXPLAIN_KEYS, so a new key without a test fails both the typecheck and the suite.
 * ISNs are A=100 and B=300 and the latency is 50 ms (see harness.ts).
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { zhCN } from '../../src/i18n/zh-CN';
import { loadPreset } from '../../src/scenarios';
import { EXPLAIN_KEYS, type ExplainKey, runScenario } from '../../src/tcp/index';
import type {
  ActionInput,
  FaultInput,
  ScenarioInput,
  SegmentInput,
  SendEvent,
  Trace,
  TraceEvent,
} from '../../src/tcp/types';
import { runWorld } from '../../src/tcp/world';
import { FIXTURES, type Fixture, inject, scenario, show } from './harness';
import { backlogFull, listenStop, timeWaitReuse } from './world-harness';

interface Case {
  /** The rule, in the RFC's (or Linux's) words. */
  rule: string;
  trace: () => Trace;
  /** What the first event carrying the key must look like (with the citation, written by hand). */
  event: Record<string, unknown>;
  /** Further checks on what the rule says happens next. */
  after?: (trace: Trace, index: number) => void;
}

const CONNECT: ActionInput[] = [
  { at: 0, endpoint: 'B', call: 'listen' },
  { at: 10, endpoint: 'A', call: 'connect' },
];

const run = (fixture: Fixture, extra: Partial<ScenarioInput> = {}) => runScenario(scenario(fixture, extra));
const withActions = (actions: ActionInput[], faults: FaultInput[] = [], extra: Partial<ScenarioInput> = {}) =>
  run({ actions, faults, injectAt: 0 }, extra);
const injected = (
  fixture: Fixture,
  from: 'A' | 'B',
  segment: SegmentInput,
  extra: Partial<ScenarioInput> = {},
) => inject(fixture, from, segment, extra).trace;
const preset = (name: string, profile?: 'rfc' | 'linux') => {
  const s = loadPreset(name) as ScenarioInput;
  return runScenario(profile ? { ...s, profile } : s);
};

/** The segments `from` sends in the same instant right after event i (its immediate reply). */
function repliesAfter(trace: Trace, i: number): string[] {
  const at = trace.events[i] as TraceEvent;
  const out: string[] = [];
  for (let j = i + 1; j < trace.events.length; j++) {
    const e = trace.events[j] as TraceEvent;
    if (e.t !== at.t || e.type === 'deliver' || e.type === 'timer' || e.type === 'call' || e.type === 'drop')
      break;
    if (e.type === 'send') out.push(show(e));
  }
  return out;
}
const nextOf = (trace: Trace, i: number, match: (e: TraceEvent) => boolean) =>
  trace.events.slice(i + 1).find(match);

/** A sends 100-byte segments (MSS 100); drops apply to A's segments carrying exactly `flags`. */
function bulk(bytes: number, drops: FaultInput[], extra: Partial<ScenarioInput> = {}): Trace {
  return runScenario({
    ...scenario(
      { actions: [...CONNECT, { at: 1000, endpoint: 'A', call: 'send', bytes }], injectAt: 0 },
      extra,
    ),
    endpoints: { A: { isn: 100, mss: 100 }, B: { isn: 300 } },
    faults: drops,
  });
}

/** A's third pure ACK (after the handshake's and the one for B's FIN) is lost. */
const REACK_LOST: FaultInput = { drop: { from: 'A', flags: ['ACK'], nth: 3 } };

const CASES = {
  // ------------------------------------------------ user calls as issued (§3.10.1–3.10.5)
  'call-listen': {
    rule: 'the user calls OPEN, passive (§3.10.1)',
    trace: () => run(FIXTURES.listen),
    event: { type: 'call', endpoint: 'B', call: 'listen', rfc: '3.10.1' },
  },
  'call-connect': {
    rule: 'the user calls OPEN, active (§3.10.1)',
    trace: () => run(FIXTURES.established),
    event: { type: 'call', endpoint: 'A', call: 'connect', t: 10, rfc: '3.10.1' },
  },
  'call-send': {
    rule: 'the user calls SEND (§3.10.2)',
    trace: () => withActions([...CONNECT, { at: 1000, endpoint: 'A', call: 'send', bytes: 100 }]),
    event: { type: 'call', endpoint: 'A', call: 'send', bytes: 100, rfc: '3.10.2' },
  },
  'call-close': {
    rule: 'the user calls CLOSE (§3.10.4)',
    trace: () => run(FIXTURES.finWait1A),
    event: { type: 'call', endpoint: 'A', call: 'close', t: 1000, rfc: '3.10.4' },
  },
  'call-abort': {
    rule: 'the user calls ABORT (§3.10.5)',
    trace: () => withActions([...CONNECT, { at: 1000, endpoint: 'A', call: 'abort' }]),
    event: { type: 'call', endpoint: 'A', call: 'abort', rfc: '3.10.5' },
  },
  'reflex-close': {
    rule: 'an application set to close on end-of-file calls CLOSE by itself (§3.10.4)',
    trace: () =>
      runScenario({
        ...scenario(FIXTURES.finWait1A),
        endpoints: { A: { isn: 100 }, B: { isn: 300, closeOnEof: true } },
      }),
    event: { type: 'call', endpoint: 'B', call: 'close', rfc: '3.10.4' },
    after: (trace, i) => {
      // It follows B's end-of-file at the same instant, and B (in CLOSE-WAIT) enters LAST-ACK.
      const eof = trace.events.findIndex((e) => e.type === 'app' && e.event === 'eof' && e.endpoint === 'B');
      expect(eof).toBeLessThan(i);
      expect(trace.events[eof]?.t).toBe(trace.events[i]?.t);
      expect(nextOf(trace, i, (e) => e.type === 'state')).toMatchObject({
        from: 'CLOSE-WAIT',
        to: 'LAST-ACK',
      });
    },
  },

  // ------------------------------------------------ user-call processing
  'open-passive': {
    rule: 'OPEN, passive: create a TCB and enter LISTEN (§3.10.1)',
    trace: () => run(FIXTURES.listen),
    event: { type: 'state', endpoint: 'B', from: 'CLOSED', to: 'LISTEN', rfc: '3.10.1' },
  },
  'open-active': {
    rule: 'OPEN, active: send <SEQ=ISS><CTL=SYN>, enter SYN-SENT (§3.10.1)',
    trace: () => run(FIXTURES.established),
    event: { type: 'state', endpoint: 'A', from: 'CLOSED', to: 'SYN-SENT', rfc: '3.10.1' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual(['A>B SYN seq=100']),
  },
  'call-already-exists': {
    rule: 'OPEN on an existing connection: "error: connection already exists" (§3.10.1)',
    trace: () => withActions([...CONNECT, { at: 1000, endpoint: 'A', call: 'connect' }]),
    event: { type: 'app', endpoint: 'A', event: 'error', error: 'EISCONN', t: 1000, rfc: '3.10.1' },
  },
  'send-no-connection': {
    rule: 'SEND in CLOSED: "error: connection does not exist" (§3.10.2)',
    trace: () => withActions([{ at: 0, endpoint: 'A', call: 'send', bytes: 10 }]),
    event: { type: 'app', endpoint: 'A', event: 'error', error: 'ENOTCONN', rfc: '3.10.2' },
  },
  'close-no-connection': {
    rule: 'CLOSE in CLOSED: "error: connection does not exist" (§3.10.4)',
    trace: () => withActions([{ at: 0, endpoint: 'A', call: 'close' }]),
    event: { type: 'app', endpoint: 'A', event: 'error', error: 'ENOTCONN', rfc: '3.10.4' },
  },
  'abort-no-connection': {
    rule: 'ABORT in CLOSED: "error: connection does not exist" (§3.10.5)',
    trace: () => withActions([{ at: 0, endpoint: 'A', call: 'abort' }]),
    event: { type: 'app', endpoint: 'A', event: 'error', error: 'ENOTCONN', rfc: '3.10.5' },
  },
  'send-closing': {
    rule: 'SEND in FIN-WAIT-1: "error: connection closing" (§3.10.2)',
    trace: () =>
      withActions([
        ...CONNECT,
        { at: 1000, endpoint: 'A', call: 'close' },
        { at: 1010, endpoint: 'A', call: 'send', bytes: 10 },
      ]),
    event: { type: 'app', endpoint: 'A', event: 'error', error: 'EPIPE', t: 1010, rfc: '3.10.2' },
  },
  'close-closing': {
    rule: 'CLOSE in FIN-WAIT-1: "error: connection closing" (§3.10.4)',
    trace: () =>
      withActions([
        ...CONNECT,
        { at: 1000, endpoint: 'A', call: 'close' },
        { at: 1010, endpoint: 'A', call: 'close' },
      ]),
    event: { type: 'app', endpoint: 'A', event: 'error', error: 'EPIPE', t: 1010, rfc: '3.10.4' },
  },
  close: {
    rule: 'CLOSE in ESTABLISHED: queue a FIN, enter FIN-WAIT-1 (§3.10.4)',
    trace: () => run(FIXTURES.finWait1A),
    event: { type: 'state', endpoint: 'A', from: 'ESTABLISHED', to: 'FIN-WAIT-1', t: 1000, rfc: '3.10.4' },
  },
  'close-after-fin': {
    rule: 'CLOSE in CLOSE-WAIT: send FIN, enter LAST-ACK (§3.10.4)',
    trace: () => run(FIXTURES.lastAckB),
    event: { type: 'state', endpoint: 'B', from: 'CLOSE-WAIT', to: 'LAST-ACK', t: 2000, rfc: '3.10.4' },
  },
  'close-before-sync': {
    rule: 'CLOSE in LISTEN: delete the TCB, enter CLOSED (§3.10.4)',
    trace: () =>
      withActions([
        { at: 0, endpoint: 'B', call: 'listen' },
        { at: 50, endpoint: 'B', call: 'close' },
      ]),
    event: { type: 'state', endpoint: 'B', from: 'LISTEN', to: 'CLOSED', t: 50, rfc: '3.10.4' },
  },
  'close-queued': {
    rule: 'CLOSE in SYN-RECEIVED with data queued: the FIN waits for ESTABLISHED (§3.10.4)',
    // B is in SYN-RECEIVED from 60 until A's ACK arrives at 160; it queues data and closes meanwhile.
    trace: () =>
      withActions([
        ...CONNECT,
        { at: 70, endpoint: 'B', call: 'send', bytes: 100 },
        { at: 80, endpoint: 'B', call: 'close' },
      ]),
    event: { type: 'state', endpoint: 'B', from: 'ESTABLISHED', to: 'FIN-WAIT-1', t: 160, rfc: '3.10.4' },
  },
  abort: {
    rule: 'ABORT: delete the TCB, enter CLOSED (§3.10.5)',
    trace: () => withActions([...CONNECT, { at: 1000, endpoint: 'A', call: 'abort' }]),
    event: { type: 'state', endpoint: 'A', from: 'ESTABLISHED', to: 'CLOSED', rfc: '3.10.5' },
  },
  'abort-reset': {
    rule: 'ABORT in ESTABLISHED: send <SEQ=SND.NXT><CTL=RST> (§3.10.5)',
    trace: () => withActions([...CONNECT, { at: 1000, endpoint: 'A', call: 'abort' }]),
    event: { type: 'send', from: 'A', segment: { seq: 101, flags: ['RST'] }, rfc: '3.10.5' },
  },
  'abort-reset-linux': {
    rule: 'Linux ABORT: tcp_send_active_reset sends <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>',
    trace: () =>
      withActions([...CONNECT, { at: 1000, endpoint: 'A', call: 'abort' }], [], { profile: 'linux' }),
    event: {
      type: 'send',
      from: 'A',
      segment: { seq: 101, ack: 301, flags: ['ACK', 'RST'] },
      rfc: 'tcp_send_active_reset',
    },
  },

  // ------------------------------------------------ sending
  'send-data': {
    rule: 'SEND in ESTABLISHED: segmentize from SND.NXT (§3.10.2)',
    trace: () => withActions([...CONNECT, { at: 1000, endpoint: 'A', call: 'send', bytes: 100 }]),
    event: { type: 'send', from: 'A', t: 1000, segment: { seq: 101, ack: 301, len: 100 }, rfc: '3.10.2' },
  },
  'send-data-fin': {
    rule: 'the FIN rides on the last queued data (§3.10.4)',
    trace: () =>
      withActions([
        ...CONNECT,
        { at: 70, endpoint: 'B', call: 'send', bytes: 100 },
        { at: 80, endpoint: 'B', call: 'close' },
      ]),
    event: {
      type: 'send',
      from: 'B',
      t: 160,
      segment: { seq: 301, len: 100, flags: ['ACK', 'FIN', 'PSH'] },
      rfc: '3.10.4',
    },
  },
  'send-fin': {
    rule: 'CLOSE with nothing queued: send <SEQ=SND.NXT><CTL=FIN,ACK> (§3.10.4)',
    trace: () => run(FIXTURES.finWait1A),
    event: {
      type: 'send',
      from: 'A',
      t: 1000,
      segment: { seq: 101, ack: 301, flags: ['ACK', 'FIN'] },
      rfc: '3.10.4',
    },
  },
  'send-fin-last': {
    rule: "CLOSE in CLOSE-WAIT: our FIN, after the peer's (§3.10.4)",
    trace: () => run(FIXTURES.lastAckB),
    event: {
      type: 'send',
      from: 'B',
      t: 2000,
      segment: { seq: 301, ack: 102, flags: ['ACK', 'FIN'] },
      rfc: '3.10.4',
    },
  },
  'handshake-ack': {
    rule: 'SYN-SENT, our SYN ACKed: send <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (§3.10.7.3)',
    trace: () => run(FIXTURES.established),
    event: {
      type: 'send',
      from: 'A',
      t: 110,
      segment: { seq: 101, ack: 301, flags: ['ACK'] },
      rfc: '3.10.7.3',
    },
  },
  'ack-data': {
    rule: 'in-order data is acknowledged with <ACK=RCV.NXT> (§3.10.7.4 seventh)',
    trace: () => withActions([...CONNECT, { at: 1000, endpoint: 'A', call: 'send', bytes: 100 }]),
    event: {
      type: 'send',
      from: 'B',
      t: 1050,
      segment: { seq: 301, ack: 201, flags: ['ACK'] },
      rfc: '3.10.7.4',
    },
  },
  'ack-fin': {
    rule: 'a FIN occupies one sequence number: its ACK is FIN+1 (§3.10.7.4 eighth)',
    trace: () => run(FIXTURES.finWait1A),
    event: {
      type: 'send',
      from: 'B',
      t: 1050,
      segment: { seq: 301, ack: 102, flags: ['ACK'] },
      rfc: '3.10.7.4',
    },
  },
  'delayed-ack': {
    rule: 'a delayed ACK is sent when its timer expires, within 0.5 s (§3.8.6.3)',
    trace: () =>
      withActions([...CONNECT, { at: 1000, endpoint: 'A', call: 'send', bytes: 100 }], [], {
        options: { delayedAck: true },
      }),
    // Data arrives at 1050; the rfc profile's delayed-ACK timer is 200 ms.
    event: { type: 'send', from: 'B', t: 1250, segment: { ack: 201, flags: ['ACK'] }, rfc: '3.8.6.3' },
  },
  retransmit: {
    rule: 'the retransmission timer expires: resend the oldest unacknowledged segment (RFC 6298 §5.4)',
    trace: () => run(FIXTURES.synSentA),
    event: {
      type: 'send',
      from: 'A',
      t: 1010,
      retransmission: true,
      segment: { seq: 100, flags: ['SYN'] },
      rfc: 'RFC 6298 §5.4',
    },
  },
  'retransmit-r1': {
    rule: 'the third retransmission reaches R1 (§3.8.3, at least 3 retransmissions)',
    // RTO 1 s doubling: SYN at 10, again at 1010, 3010 and (the third) 7010.
    trace: () => withActions(CONNECT, [{ drop: { from: 'A', flags: ['SYN'], nth: 1, count: 3 } }]),
    event: {
      type: 'send',
      from: 'A',
      t: 7010,
      retransmission: true,
      segment: { flags: ['SYN'] },
      rfc: '3.8.3',
    },
  },
  'retransmit-partial-ack': {
    rule: 'after a timeout, a partial ACK retransmits the next hole at once (RFC 6582 §3.2)',
    // A sends 101, 201, 301 (100 bytes each); 101 and 201 are lost. The timeout resends 101; B's ACK 201 is
    // partial (recover = 401), so 201 goes out again in the same instant.
    trace: () => bulk(300, [{ drop: { from: 'A', flags: ['ACK'], nth: 2, count: 2 } }]),
    event: {
      type: 'send',
      from: 'A',
      retransmission: true,
      segment: { seq: 201, len: 100 },
      rfc: 'RFC 6582 §3.2',
    },
    after: (trace, i) => {
      const cause = trace.events[i - 1] as TraceEvent;
      expect(cause).toMatchObject({ type: 'deliver', to: 'A', explain: 'ack-advances' });
      const send = trace.events.find(
        (e) => e.type === 'send' && e.id === (cause as { id: number }).id,
      ) as SendEvent;
      expect(send.segment.ack).toBe(201);
    },
  },
  'fast-retransmit': {
    rule: 'the third duplicate ACK: retransmit at once (RFC 5681 §3.2)',
    // A sends 101…501; 101 is lost; 201, 301, 401 each draw a duplicate ACK 101 from B.
    trace: () => bulk(500, [{ drop: { from: 'A', flags: ['ACK'], nth: 2 } }]),
    event: {
      type: 'send',
      from: 'A',
      retransmission: true,
      segment: { seq: 101, len: 100 },
      rfc: 'RFC 5681 §3.2',
    },
    after: (trace, i) => {
      const dups = trace.events
        .slice(0, i)
        .filter((e) => e.type === 'deliver' && e.to === 'A' && e.explain === 'duplicate-ack');
      expect(dups).toHaveLength(3); // the third, just delivered, triggers this retransmission
      expect(trace.events[i - 1]).toMatchObject({ type: 'deliver', to: 'A' });
      expect(trace.events[i]?.t).toBeLessThan(2000); // long before the RTO (1 s after 1000)
    },
  },
  'give-up-syn': {
    rule: 'R2 for a SYN, at least 3 minutes (§3.8.3): report ETIMEDOUT, enter CLOSED',
    // RTO 1, 2, 4, 8, 16, 32, then 60 s (the cap): SYNs at 10, 1010, 3010, …, 123010; at 183010 it gives up.
    trace: () => withActions(CONNECT, [{ drop: { from: 'A', flags: ['SYN'], nth: 1, count: 100 } }]),
    event: { type: 'state', endpoint: 'A', from: 'SYN-SENT', to: 'CLOSED', t: 183_010, rfc: '3.8.3' },
    after: (trace, i) =>
      expect(trace.events[i + 1]).toMatchObject({ type: 'app', event: 'error', error: 'ETIMEDOUT' }),
  },
  'give-up-syn-linux': {
    rule: 'Linux: tcp_write_timeout gives up once the tcp_syn_retries (6) budget of 127 s is spent',
    // tcp_syn_linear_timeouts = 4: SYNs at 0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s; connect() fails at 131 s.
    trace: () =>
      withActions(CONNECT, [{ drop: { from: 'A', flags: ['SYN'], nth: 1, count: 100 } }], {
        profile: 'linux',
      }),
    event: {
      type: 'state',
      endpoint: 'A',
      from: 'SYN-SENT',
      to: 'CLOSED',
      t: 131_010,
      rfc: 'tcp_write_timeout',
    },
    after: (trace) => {
      const syns = trace.events
        .filter((e) => e.type === 'send' && e.from === 'A')
        .map((e) => (e.t - 10) / 1000);
      expect(syns).toEqual([0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67]);
    },
  },
  'give-up-synack': {
    rule: 'Linux: after tcp_synack_retries (5) the request is dropped and the listener stays in LISTEN',
    // Only A's first SYN arrives; every SYN,ACK is lost: again at 1060, 3060, 7060, 15060, 31060; dropped at 63060.
    trace: () =>
      withActions(
        CONNECT,
        [
          { drop: { from: 'B', flags: ['SYN', 'ACK'], nth: 1, count: 100 } },
          { drop: { from: 'A', flags: ['SYN'], nth: 2, count: 100 } },
        ],
        { profile: 'linux' },
      ),
    event: {
      type: 'state',
      endpoint: 'B',
      from: 'SYN-RECEIVED',
      to: 'LISTEN',
      t: 63_060,
      rfc: 'tcp_synack_retries',
    },
  },
  'give-up-data': {
    rule: 'R2 for data, at least 100 s (§3.8.3): report ETIMEDOUT, enter CLOSED',
    // RTO 1 s after the handshake; data at 1000, again at 2000, 4000, 8000, 16000, 32000, 64000; at 124000
    // 123 s have passed since the first transmission.
    trace: () =>
      withActions(
        [...CONNECT, { at: 1000, endpoint: 'A', call: 'send', bytes: 100 }],
        [{ drop: { from: 'A', flags: ['ACK', 'PSH'], nth: 1, count: 100 } }],
      ),
    event: { type: 'state', endpoint: 'A', from: 'ESTABLISHED', to: 'CLOSED', t: 124_000, rfc: '3.8.3' },
  },

  // ------------------------------------------------ the network and faults
  lost: {
    rule: 'the network may lose a segment (§3.8.1)',
    trace: () => withActions(CONNECT, [], { network: { lossRate: 1 } }),
    event: { type: 'drop', cause: 'loss', rfc: '3.8.1' },
  },
  'dropped-by-fault': {
    rule: 'a scenario fault drops a segment as the network would (§3.8.1)',
    trace: () => run(FIXTURES.synSentA),
    event: { type: 'drop', cause: 'fault', t: 60, rfc: '3.8.1' },
  },
  duplicated: {
    rule: 'the network may duplicate a segment; sequence numbers let the receiver tell (§3.4)',
    trace: () => withActions(CONNECT, [], { network: { duplicateRate: 1 } }),
    event: { type: 'send', from: 'A', duplicate: true, segment: { seq: 100, flags: ['SYN'] }, rfc: '3.4' },
  },
  injected: {
    rule: 'a segment from nowhere, like an old duplicate (§3.5)',
    trace: () => injected(FIXTURES.established, 'A', { seq: 60000, ack: 301, flags: ['ACK'] }),
    event: { type: 'send', from: 'A', injected: true, t: 1000, rfc: '3.5' },
  },
  crash: {
    rule: 'a host crashes and forgets its connections (§3.5.1)',
    trace: () => run({ ...FIXTURES.established, faults: [{ crash: { at: 1000, endpoint: 'B' } }] }),
    event: { type: 'crash', endpoint: 'B', t: 1000, rfc: '3.5.1' },
    after: (trace, i) =>
      expect(trace.events[i + 1]).toMatchObject({
        type: 'state',
        endpoint: 'B',
        from: 'ESTABLISHED',
        to: 'CLOSED',
      }),
  },

  // ------------------------------------------------ timers
  'timer-retransmission': {
    rule: 'the retransmission timer expires one RTO (1 s) after the SYN (RFC 6298 §5.4)',
    trace: () => run(FIXTURES.synSentA),
    event: { type: 'timer', endpoint: 'A', timer: 'retransmission', t: 1010, rfc: 'RFC 6298 §5.4' },
  },
  'timer-time-wait': {
    rule: 'the time-wait timeout, 2·MSL after entering TIME-WAIT (§3.10.8)',
    trace: () => run(FIXTURES.timeWaitA),
    event: { type: 'timer', endpoint: 'A', timer: 'time-wait', t: 4050, rfc: '3.10.8' },
  },
  'timer-delayed-ack': {
    rule: 'the delayed-ACK timer (§3.8.6.3)',
    trace: () =>
      withActions([...CONNECT, { at: 1000, endpoint: 'A', call: 'send', bytes: 100 }], [], {
        options: { delayedAck: true },
      }),
    event: { type: 'timer', endpoint: 'B', timer: 'delayed-ack', t: 1250, rfc: '3.8.6.3' },
  },
  'time-wait-expired': {
    rule: 'time-wait timeout: delete the TCB, enter CLOSED (§3.10.8)',
    trace: () => run(FIXTURES.timeWaitA),
    event: { type: 'state', endpoint: 'A', from: 'TIME-WAIT', to: 'CLOSED', t: 4050, rfc: '3.10.8' },
  },

  // ------------------------------------------------ segment arrives: CLOSED, LISTEN, SYN-SENT
  accepted: {
    rule: 'an acceptable segment that asks for nothing more (§3.10.7.4)',
    trace: () => injected(FIXTURES.established, 'A', { seq: 60000, ack: 301, flags: ['ACK'] }),
    event: { type: 'deliver', to: 'B', state: 'ESTABLISHED', t: 1050, rfc: '3.10.7.4' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual([]),
  },
  'closed-rst-discarded': {
    rule: 'CLOSED: an incoming RST is discarded (§3.10.7.1)',
    trace: () => injected(FIXTURES.closed, 'A', { seq: 1, flags: ['RST'] }),
    event: { type: 'deliver', to: 'B', state: 'CLOSED', rfc: '3.10.7.1' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual([]),
  },
  'closed-reset': {
    rule: 'CLOSED: no ACK bit → <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> (§3.10.7.1)',
    trace: () => injected(FIXTURES.closed, 'A', { seq: 1000, flags: ['SYN'] }),
    event: { type: 'deliver', to: 'B', state: 'CLOSED', rfc: '3.10.7.1' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual(['B>A ACK,RST seq=0 ack=1001']),
  },
  'listen-rst-ignored': {
    rule: 'LISTEN: an incoming RST is ignored (§3.10.7.2 first)',
    trace: () => injected(FIXTURES.listen, 'A', { seq: 1, flags: ['RST'] }),
    event: { type: 'deliver', to: 'B', state: 'LISTEN', rfc: '3.10.7.2' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual([]),
  },
  'listen-ack-reset': {
    rule: 'LISTEN: any ACK is bad → <SEQ=SEG.ACK><CTL=RST> (§3.10.7.2 second)',
    trace: () => injected(FIXTURES.listen, 'A', { seq: 1, ack: 5000, flags: ['ACK'] }),
    event: { type: 'deliver', to: 'B', state: 'LISTEN', rfc: '3.10.7.2' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual(['B>A RST seq=5000']),
  },
  'listen-syn': {
    rule: 'LISTEN: SYN → IRS, ISS, <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, SYN-RECEIVED (§3.10.7.2 third)',
    trace: () => run(FIXTURES.established),
    event: { type: 'deliver', to: 'B', state: 'LISTEN', t: 60, rfc: '3.10.7.2' },
    after: (trace, i) => {
      expect(trace.events[i + 1]).toMatchObject({ type: 'state', from: 'LISTEN', to: 'SYN-RECEIVED' });
      expect(repliesAfter(trace, i)).toEqual(['B>A SYN,ACK seq=300 ack=101']);
    },
  },
  'listen-drop': {
    rule: 'LISTEN: anything else (no SYN, ACK or RST) is dropped (§3.10.7.2 fourth)',
    trace: () => injected(FIXTURES.listen, 'A', { seq: 1, flags: ['FIN'] }),
    event: { type: 'deliver', to: 'B', state: 'LISTEN', rfc: '3.10.7.2' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual([]),
  },
  'accept-queue-full': {
    rule: 'Linux: a SYN finding the accept queue full (sk_acceptq_is_full, `>`) is dropped without a reply',
    // Backlog 1 admits two established children; client3's SYN at 2000 ms arrives at 2050 ms.
    trace: () => runWorld(backlogFull('linux')) as unknown as Trace,
    event: { type: 'deliver', to: 'server', state: 'LISTEN', t: 2050, rfc: 'sk_acceptq_is_full' },
    after: (trace, i) => {
      const later = trace.events.slice(i + 1, i + 2);
      expect(later.some((e) => e.type === 'send' && e.from === ('server' as never))).toBe(false);
    },
  },
  'time-wait-syn-reopen': {
    rule: 'Linux: a SYN after RCV.NXT for a TIME-WAIT 4-tuple opens a new connection (TCP_TW_SYN)',
    trace: () => runWorld(timeWaitReuse('linux')) as unknown as Trace,
    event: { type: 'deliver', to: 'server', state: 'TIME-WAIT', t: 2050, rfc: 'tcp_timewait_state_process' },
    after: (trace, i) => {
      // The new ISS is the old SND.NXT (300 + SYN + FIN = 302) + 65537.
      const reply = trace.events.slice(i).find((e) => e.type === 'send') as SendEvent;
      expect(reply.segment).toMatchObject({ flags: ['SYN', 'ACK'], seq: 302 + 65537, ack: 5001 });
    },
  },
  'listen-stop-reset': {
    rule: 'Linux: closing a listener disconnects its unaccepted children (inet_csk_listen_stop → tcp_disconnect: RST in tcp_need_reset states)',
    // c1 is ESTABLISHED at the server (ISS 300, RCV.NXT 101) and never accepted when port 80 closes at 200 ms.
    trace: () => runWorld(listenStop('linux')) as unknown as Trace,
    event: { type: 'send', from: 'server', t: 200, rfc: 'inet_csk_listen_stop' },
    after: (trace, i) => {
      expect((trace.events[i] as SendEvent).segment).toMatchObject({
        flags: ['ACK', 'RST'],
        seq: 301,
        ack: 101,
        win: 65535, // not a SYN: __tcp_transmit_skb writes tcp_select_window(), the receive window
      });
      expect(trace.events[i + 1]).toMatchObject({ type: 'state', from: 'ESTABLISHED', to: 'CLOSED' });
    },
  },
  'listen-stop-request-dropped': {
    rule: 'Linux: a request sock whose listener is no longer in LISTEN is dropped without a reply',
    trace: () => runWorld(listenStop('linux')) as unknown as Trace,
    event: {
      type: 'state',
      endpoint: 'server',
      from: 'SYN-RECEIVED',
      to: 'CLOSED',
      t: 200,
      rfc: 'inet_csk_reqsk_queue_drop',
    },
    after: (trace, i) => {
      // The next segment from the server is the no-socket RST for client2's ACK, at 250 ms.
      const next = trace.events
        .slice(i + 1)
        .find((e) => e.type === 'send' && e.from === ('server' as never)) as SendEvent;
      expect([next.t, next.segment.flags, next.segment.seq]).toEqual([250, ['RST'], 701]);
    },
  },
  'two-way-established': {
    rule: 'two-way handshake: the SYN alone establishes (the hazard §3.5 explains)',
    trace: () => run(FIXTURES.established, { options: { handshake: 'two-way' } }),
    event: { type: 'state', endpoint: 'B', from: 'SYN-RECEIVED', to: 'ESTABLISHED', t: 60, rfc: '3.5' },
  },
  'synsent-bad-ack-reset': {
    rule: 'SYN-SENT: SEG.ACK =< ISS or > SND.NXT → <SEQ=SEG.ACK><CTL=RST> (§3.10.7.3 first)',
    trace: () => injected(FIXTURES.synSentA, 'B', { seq: 300, ack: 5000, flags: ['SYN', 'ACK'] }),
    event: { type: 'deliver', to: 'A', state: 'SYN-SENT', rfc: '3.10.7.3' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual(['A>B RST seq=5000']),
  },
  'synsent-bad-ack-rst-dropped': {
    rule: 'SYN-SENT: a RST with an unacceptable ACK is dropped (§3.10.7.3 first)',
    trace: () => injected(FIXTURES.synSentA, 'B', { seq: 300, ack: 5000, flags: ['ACK', 'RST'] }),
    event: { type: 'deliver', to: 'A', state: 'SYN-SENT', rfc: '3.10.7.3' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual([]),
  },
  'synsent-rst-refused': {
    rule: 'SYN-SENT: a RST with an acceptable ACK → "connection reset", CLOSED (§3.10.7.3 second)',
    trace: () => injected(FIXTURES.synSentA, 'B', { seq: 0, ack: 101, flags: ['ACK', 'RST'] }),
    event: { type: 'deliver', to: 'A', state: 'SYN-SENT', rfc: '3.10.7.3' },
    after: (trace) => expect(trace.final.A).toEqual({ state: 'CLOSED', error: 'ECONNREFUSED' }),
  },
  'synsent-rst-no-ack': {
    rule: 'SYN-SENT: a RST without an acceptable ACK is dropped (§3.10.7.3 second)',
    trace: () => injected(FIXTURES.synSentA, 'B', { seq: 0, flags: ['RST'] }),
    event: { type: 'deliver', to: 'A', state: 'SYN-SENT', rfc: '3.10.7.3' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual([]),
  },
  'synsent-no-syn-dropped': {
    rule: 'SYN-SENT: neither SYN nor RST → drop (§3.10.7.3 fifth)',
    trace: () => injected(FIXTURES.synSentA, 'B', { seq: 300, ack: 101, flags: ['ACK'] }),
    event: { type: 'deliver', to: 'A', state: 'SYN-SENT', rfc: '3.10.7.3' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual([]),
  },
  'synsent-synack': {
    rule: 'SYN-SENT: SYN with our SYN ACKed (SND.UNA > ISS) → ESTABLISHED (§3.10.7.3 fourth)',
    trace: () => run(FIXTURES.established),
    event: { type: 'deliver', to: 'A', state: 'SYN-SENT', t: 110, rfc: '3.10.7.3' },
    after: (trace, i) =>
      expect(trace.events[i + 1]).toMatchObject({ type: 'state', from: 'SYN-SENT', to: 'ESTABLISHED' }),
  },
  'synsent-syn-simultaneous': {
    rule: 'SYN-SENT: SYN without ACK → SYN-RECEIVED, <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> (§3.10.7.3 fourth)',
    trace: () => injected(FIXTURES.synSentA, 'B', { seq: 700, flags: ['SYN'] }),
    event: { type: 'deliver', to: 'A', state: 'SYN-SENT', rfc: '3.10.7.3' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual(['A>B SYN,ACK seq=100 ack=701']),
  },

  // ------------------------------------------------ segment arrives: other states (§3.10.7.4)
  'unacceptable-ack': {
    rule: 'an unacceptable segment → <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, drop (§3.10.7.4 first)',
    trace: () => injected(FIXTURES.established, 'A', { seq: 50, ack: 301, flags: ['ACK'], len: 10 }),
    event: { type: 'deliver', to: 'B', state: 'ESTABLISHED', rfc: '3.10.7.4' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual(['B>A ACK seq=301 ack=101']),
  },
  'ack-throttled': {
    rule: 'at most 10 challenge ACKs in 5 s under rfc (RFC 5961 §7); Linux: one per 500 ms (tcp_oow_rate_limited)',
    // Eleven RSTs in the window but not at RCV.NXT, injected at 1000 … 1010, reach B at 1050 … 1060.
    trace: () =>
      injected(
        FIXTURES.established,
        'A',
        { seq: 200, flags: ['RST'] },
        {
          faults: Array.from({ length: 10 }, (_, k) => ({
            inject: { at: 1001 + k, from: 'A' as const, segment: { seq: 200, flags: ['RST' as const] } },
          })),
        },
      ),
    event: { type: 'deliver', to: 'B', state: 'ESTABLISHED', t: 1060, rfc: 'RFC 5961 §7' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual([]),
  },
  'unacceptable-rst-dropped': {
    rule: 'an unacceptable RST is dropped without reply (§3.10.7.4 first)',
    trace: () => injected(FIXTURES.established, 'A', { seq: 70000, flags: ['RST'] }),
    event: { type: 'deliver', to: 'B', state: 'ESTABLISHED', rfc: '3.10.7.4' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual([]),
  },
  'simultaneous-synack': {
    rule: "figure 7 line 6: the SYN,ACK repeats the SYN received and ACKs ours (§3.5's figure)",
    trace: () => preset('rfc9293-fig7'),
    event: { type: 'deliver', state: 'SYN-RECEIVED', rfc: '3.5' },
    after: (trace, i) =>
      expect(trace.events[i + 1]).toMatchObject({ type: 'state', from: 'SYN-RECEIVED', to: 'ESTABLISHED' }),
  },
  'synrcvd-dup-syn-ack': {
    rule: 'SYN-RECEIVED: the SYN again (SEG.SEQ = IRS < RCV.NXT) is unacceptable → ACK, drop (§3.10.7.4 first)',
    // B's SYN,ACK is lost; A's SYN again at 1010 reaches B, still in SYN-RECEIVED, at 1060.
    trace: () => withActions(CONNECT, [{ drop: { from: 'B', flags: ['SYN', 'ACK'], nth: 1 } }]),
    event: { type: 'deliver', to: 'B', state: 'SYN-RECEIVED', t: 1060, rfc: '3.10.7.4' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual(['B>A ACK seq=301 ack=101']),
  },
  'synrcvd-dup-syn-synack': {
    rule: 'Linux tcp_check_req: a pure retransmitted SYN is answered with the SYN,ACK again (inet_rtx_syn_ack)',
    trace: () =>
      withActions(CONNECT, [{ drop: { from: 'B', flags: ['SYN', 'ACK'], nth: 1 } }], { profile: 'linux' }),
    event: { type: 'deliver', to: 'B', state: 'SYN-RECEIVED', t: 1060, rfc: 'tcp_check_req' },
    after: (trace, i) => {
      expect(repliesAfter(trace, i)).toEqual(['B>A SYN,ACK seq=300 ack=101']);
      expect(trace.events[i + 1]).toMatchObject({ type: 'send', retransmission: true });
    },
  },
  'time-wait-fin-restart': {
    rule: 'TIME-WAIT: the FIN again → acknowledge it, restart the 2·MSL timeout (§3.10.7.4 eighth)',
    // A is in TIME-WAIT from 2050 (its timer due at 4050); B's FIN <SEQ=301> again at 3000, arriving 3050.
    // A's re-ACK is lost, so B (already CLOSED) does not answer it with a RST that would end TIME-WAIT.
    trace: () =>
      injected(
        FIXTURES.timeWaitA,
        'B',
        { seq: 301, ack: 102, flags: ['ACK', 'FIN'] },
        { faults: [REACK_LOST] },
      ),
    event: { type: 'deliver', to: 'A', state: 'TIME-WAIT', t: 3050, rfc: '3.10.7.4' },
    after: (trace, i) => {
      expect(repliesAfter(trace, i)).toEqual(['A>B ACK seq=102 ack=302']);
      expect(trace.events.find((e) => e.type === 'timer' && e.endpoint === 'A')).toMatchObject({ t: 5050 });
    },
  },
  'time-wait-ack-rescheduled': {
    rule: 'Linux tcp_timewait_state_process: a bare ACK at RCV.NXT in TIME-WAIT restarts the timer, no reply',
    // A in TIME-WAIT from 2050 (timer due 4050); B's bare <SEQ=302><ACK=102> injected at 3000 arrives 3050.
    trace: () =>
      injected(FIXTURES.timeWaitA, 'B', { seq: 302, ack: 102, flags: ['ACK'] }, { profile: 'linux' }),
    event: { type: 'deliver', to: 'A', state: 'TIME-WAIT', t: 3050, rfc: 'tcp_timewait_state_process' },
    after: (trace, i) => {
      expect(repliesAfter(trace, i)).toEqual([]);
      expect(trace.events.find((e) => e.type === 'timer' && e.endpoint === 'A')).toMatchObject({ t: 5050 });
    },
  },
  'time-wait-rst-dropped': {
    rule: 'Linux tcp_timewait_state_process: a RST not at RCV.NXT in TIME-WAIT is dropped, no challenge ACK',
    trace: () => injected(FIXTURES.timeWaitA, 'B', { seq: 200, flags: ['RST'] }, { profile: 'linux' }),
    event: { type: 'deliver', to: 'A', state: 'TIME-WAIT', t: 3050, rfc: 'tcp_timewait_state_process' },
    after: (trace, i) => {
      expect(repliesAfter(trace, i)).toEqual([]);
      // TIME-WAIT runs its full time: the timer set at 2050 fires at 4050, and A is CLOSED only then.
      expect(trace.events.find((e) => e.type === 'timer' && e.endpoint === 'A')).toMatchObject({ t: 4050 });
      expect(
        trace.events.find((e) => e.type === 'state' && e.endpoint === 'A' && e.to === 'CLOSED'),
      ).toMatchObject({ t: 4050 });
    },
  },
  'time-wait-ack-restart': {
    rule: 'Linux tcp_timewait_state_process: an old ACK in TIME-WAIT is ACKed and restarts the timer',
    trace: () =>
      injected(
        FIXTURES.timeWaitA,
        'B',
        { seq: 200, ack: 102, flags: ['ACK'] },
        { profile: 'linux', faults: [REACK_LOST] },
      ),
    event: { type: 'deliver', to: 'A', state: 'TIME-WAIT', t: 3050, rfc: 'tcp_timewait_state_process' },
    after: (trace, i) => {
      expect(repliesAfter(trace, i)).toEqual(['A>B ACK seq=102 ack=302']);
      expect(trace.events.find((e) => e.type === 'timer' && e.endpoint === 'A')).toMatchObject({ t: 5050 });
    },
  },
  'rst-challenge-ack': {
    rule: 'a RST in the window but not at RCV.NXT → challenge ACK (RFC 5961 §3.2)',
    trace: () => injected(FIXTURES.established, 'A', { seq: 5000, flags: ['RST'] }),
    event: { type: 'deliver', to: 'B', state: 'ESTABLISHED', rfc: 'RFC 5961 §3.2' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual(['B>A ACK seq=301 ack=101']),
  },
  'synrcvd-rst-listen': {
    rule: 'SYN-RECEIVED from a passive OPEN: RST → return to LISTEN (§3.10.7.4 second)',
    trace: () => injected(FIXTURES.synReceivedB, 'A', { seq: 101, flags: ['RST'] }),
    event: { type: 'deliver', to: 'B', state: 'SYN-RECEIVED', rfc: '3.10.7.4' },
    after: (trace, i) =>
      expect(trace.events[i + 1]).toMatchObject({ type: 'state', from: 'SYN-RECEIVED', to: 'LISTEN' }),
  },
  'synrcvd-rst-embryonic': {
    rule: 'Linux tcp_check_req: a RST anywhere in the window drops the request, back to LISTEN, no challenge ACK',
    trace: () => injected(FIXTURES.synReceivedB, 'A', { seq: 150, flags: ['RST'] }, { profile: 'linux' }),
    event: { type: 'deliver', to: 'B', state: 'SYN-RECEIVED', rfc: 'tcp_check_req' },
    after: (trace, i) => {
      expect(repliesAfter(trace, i)).toEqual([]);
      expect(trace.events[i + 1]).toMatchObject({ type: 'state', from: 'SYN-RECEIVED', to: 'LISTEN' });
    },
  },
  'synrcvd-syn-embryonic-reset': {
    rule: 'Linux tcp_check_req: a new SYN in the window → <SEQ=0><ACK=SEG.SEQ+1><CTL=RST,ACK>, back to LISTEN',
    trace: () => injected(FIXTURES.synReceivedB, 'A', { seq: 150, flags: ['SYN'] }, { profile: 'linux' }),
    event: { type: 'deliver', to: 'B', state: 'SYN-RECEIVED', rfc: 'tcp_check_req' },
    after: (trace, i) => {
      expect(repliesAfter(trace, i)).toEqual(['B>A ACK,RST seq=0 ack=151']);
      expect(trace.events.find((e, j) => j > i && e.type === 'state')).toMatchObject({
        from: 'SYN-RECEIVED',
        to: 'LISTEN',
      });
    },
  },
  'synrcvd-rst-refused': {
    rule: 'SYN-RECEIVED from an active OPEN: RST → "connection refused", CLOSED (§3.10.7.4 second)',
    trace: () =>
      run(FIXTURES.synSentA, {
        faults: [
          { inject: { at: 100, from: 'B', segment: { seq: 700, flags: ['SYN'] } } },
          { inject: { at: 200, from: 'B', segment: { seq: 701, flags: ['RST'] } } },
        ],
      }),
    event: { type: 'deliver', to: 'A', state: 'SYN-RECEIVED', t: 250, rfc: '3.10.7.4' },
    after: (trace) => expect(trace.final.A).toEqual({ state: 'CLOSED', error: 'ECONNREFUSED' }),
  },
  'rst-reset': {
    rule: 'ESTABLISHED: RST at RCV.NXT → "connection reset", CLOSED (§3.10.7.4 second)',
    trace: () => injected(FIXTURES.established, 'A', { seq: 101, flags: ['RST'] }),
    event: { type: 'deliver', to: 'B', state: 'ESTABLISHED', rfc: '3.10.7.4' },
    after: (trace) => expect(trace.final.B).toEqual({ state: 'CLOSED', error: 'ECONNRESET' }),
  },
  'rst-close': {
    rule: 'TIME-WAIT: RST at RCV.NXT → enter CLOSED (§3.10.7.4 second)',
    trace: () => injected(FIXTURES.timeWaitA, 'B', { seq: 302, flags: ['RST'] }),
    event: { type: 'deliver', to: 'A', state: 'TIME-WAIT', t: 3050, rfc: '3.10.7.4' },
    after: (trace, i) =>
      expect(trace.events[i + 1]).toMatchObject({ type: 'state', from: 'TIME-WAIT', to: 'CLOSED' }),
  },
  'synrcvd-syn-listen': {
    rule: 'SYN-RECEIVED from a passive OPEN: a SYN → return to LISTEN (§3.10.7.4 fourth)',
    trace: () => injected(FIXTURES.synReceivedB, 'A', { seq: 150, flags: ['SYN'] }),
    event: { type: 'deliver', to: 'B', state: 'SYN-RECEIVED', rfc: '3.10.7.4' },
    after: (trace, i) =>
      expect(trace.events[i + 1]).toMatchObject({ type: 'state', from: 'SYN-RECEIVED', to: 'LISTEN' }),
  },
  'syn-challenge-ack': {
    rule: 'a SYN on a synchronized connection → challenge ACK (RFC 5961 §4.2)',
    trace: () => injected(FIXTURES.established, 'A', { seq: 5000, flags: ['SYN'] }),
    event: { type: 'deliver', to: 'B', state: 'ESTABLISHED', rfc: 'RFC 5961 §4.2' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual(['B>A ACK seq=301 ack=101']),
  },
  'no-ack-dropped': {
    rule: 'the ACK bit is off → drop the segment (§3.10.7.4 fifth)',
    trace: () => injected(FIXTURES.established, 'A', { seq: 101, flags: ['PSH'], len: 5 }),
    event: { type: 'deliver', to: 'B', state: 'ESTABLISHED', rfc: '3.10.7.4' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual([]),
  },
  'synrcvd-ack-established': {
    rule: 'SYN-RECEIVED: SND.UNA < SEG.ACK =< SND.NXT → ESTABLISHED (§3.10.7.4 fifth)',
    trace: () => run(FIXTURES.established),
    event: { type: 'deliver', to: 'B', state: 'SYN-RECEIVED', t: 160, rfc: '3.10.7.4' },
    after: (trace, i) =>
      expect(trace.events[i + 1]).toMatchObject({ type: 'state', from: 'SYN-RECEIVED', to: 'ESTABLISHED' }),
  },
  'synrcvd-bad-ack-reset': {
    rule: 'SYN-RECEIVED: an unacceptable ACK → <SEQ=SEG.ACK><CTL=RST> (§3.10.7.4 fifth)',
    trace: () => injected(FIXTURES.synReceivedB, 'A', { seq: 101, ack: 5000, flags: ['ACK'] }),
    event: { type: 'deliver', to: 'B', state: 'SYN-RECEIVED', rfc: '3.10.7.4' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual(['B>A RST seq=5000']),
  },
  'ack-out-of-range': {
    rule: 'an ACK for something not yet sent → ACK, drop (RFC 5961 §5.2)',
    trace: () => injected(FIXTURES.established, 'A', { seq: 101, ack: 5000, flags: ['ACK'] }),
    event: { type: 'deliver', to: 'B', state: 'ESTABLISHED', rfc: 'RFC 5961 §5.2' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual(['B>A ACK seq=301 ack=101']),
  },
  'ack-advances': {
    rule: 'SND.UNA < SEG.ACK =< SND.NXT → SND.UNA = SEG.ACK (§3.10.7.4 fifth)',
    trace: () => withActions([...CONNECT, { at: 1000, endpoint: 'A', call: 'send', bytes: 100 }]),
    event: { type: 'deliver', to: 'A', state: 'ESTABLISHED', t: 1100, rfc: '3.10.7.4' },
  },
  'duplicate-ack': {
    rule: 'a duplicate ACK: SEG.ACK = SND.UNA, no data, same window, data outstanding (RFC 5681 §2)',
    trace: () => bulk(500, [{ drop: { from: 'A', flags: ['ACK'], nth: 2 } }]),
    event: { type: 'deliver', to: 'A', state: 'ESTABLISHED', rfc: 'RFC 5681 §2' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual([]),
  },
  'fin-acked': {
    rule: 'FIN-WAIT-1: our FIN is acknowledged → FIN-WAIT-2 (§3.10.7.4 fifth)',
    trace: () => run(FIXTURES.finWait1A),
    event: { type: 'deliver', to: 'A', state: 'FIN-WAIT-1', t: 1100, rfc: '3.10.7.4' },
    after: (trace, i) =>
      expect(trace.events[i + 1]).toMatchObject({ type: 'state', from: 'FIN-WAIT-1', to: 'FIN-WAIT-2' }),
  },
  'closing-fin-acked': {
    rule: 'CLOSING: our FIN is acknowledged → TIME-WAIT (§3.10.7.4 fifth)',
    trace: () => run(FIXTURES.closing),
    event: { type: 'deliver', state: 'CLOSING', t: 1100, rfc: '3.10.7.4' },
    after: (trace, i) =>
      expect(trace.events[i + 1]).toMatchObject({ type: 'state', from: 'CLOSING', to: 'TIME-WAIT' }),
  },
  'last-ack-acked': {
    rule: 'LAST-ACK: our FIN is acknowledged → delete the TCB, CLOSED (§3.10.7.4 fifth)',
    trace: () => run(FIXTURES.timeWaitA),
    event: { type: 'deliver', to: 'B', state: 'LAST-ACK', t: 2100, rfc: '3.10.7.4' },
    after: (trace, i) =>
      expect(trace.events[i + 1]).toMatchObject({ type: 'state', from: 'LAST-ACK', to: 'CLOSED' }),
  },
  'out-of-order': {
    rule: 'data beyond RCV.NXT is held (SHLD-31) and a duplicate ACK sent at once (RFC 5681 §4.2)',
    trace: () => injected(FIXTURES.established, 'A', { seq: 201, ack: 301, flags: ['ACK'], len: 10 }),
    event: { type: 'deliver', to: 'B', state: 'ESTABLISHED', rfc: '3.10.7.4' },
    after: (trace, i) => expect(repliesAfter(trace, i)).toEqual(['B>A ACK seq=301 ack=101']),
  },
  'data-received': {
    rule: 'ESTABLISHED: in-order text goes to the user, RCV.NXT advances (§3.10.7.4 seventh)',
    trace: () => withActions([...CONNECT, { at: 1000, endpoint: 'A', call: 'send', bytes: 100 }]),
    event: { type: 'deliver', to: 'B', state: 'ESTABLISHED', t: 1050, rfc: '3.10.7.4' },
    after: (trace, i) =>
      expect(trace.events[i + 1]).toMatchObject({ type: 'app', endpoint: 'B', event: 'data', bytes: 100 }),
  },
  'text-ignored': {
    rule: 'CLOSE-WAIT: a FIN was received, so segment text is ignored (§3.10.7.4 seventh)',
    trace: () => injected(FIXTURES.closeWaitB, 'A', { seq: 102, ack: 301, flags: ['ACK'], len: 10 }),
    event: { type: 'deliver', to: 'B', state: 'CLOSE-WAIT', rfc: '3.10.7.4' },
    after: (trace) => expect(trace.events.filter((e) => e.type === 'app' && e.event === 'data')).toEqual([]),
  },
  'fin-received': {
    rule: 'ESTABLISHED: FIN → "connection closing" to the user, enter CLOSE-WAIT (§3.10.7.4 eighth)',
    trace: () => run(FIXTURES.finWait1A),
    event: { type: 'deliver', to: 'B', state: 'ESTABLISHED', t: 1050, rfc: '3.10.7.4' },
    after: (trace, i) => {
      expect(trace.events[i + 1]).toMatchObject({ type: 'state', from: 'ESTABLISHED', to: 'CLOSE-WAIT' });
      expect(trace.events[i + 2]).toMatchObject({ type: 'app', event: 'eof', explain: 'fin-received' });
    },
  },
  'simultaneous-close': {
    rule: 'FIN-WAIT-1, our FIN not yet ACKed: FIN → enter CLOSING (§3.10.7.4 eighth)',
    trace: () => run(FIXTURES.closing),
    event: { type: 'deliver', state: 'FIN-WAIT-1', t: 1050, rfc: '3.10.7.4' },
    after: (trace, i) => {
      expect(trace.events[i + 1]).toMatchObject({ type: 'app', event: 'eof', explain: 'simultaneous-close' });
      expect(trace.events[i + 2]).toMatchObject({ type: 'state', from: 'FIN-WAIT-1', to: 'CLOSING' });
    },
  },
  'fin-wait-1-fin-acked': {
    rule: 'FIN-WAIT-1: "if our FIN has been ACKed (perhaps in this segment), then enter TIME-WAIT" (§3.10.7.4 eighth)',
    trace: () => injected(FIXTURES.finWait1A, 'B', { seq: 301, ack: 102, flags: ['ACK', 'FIN'] }),
    event: { type: 'deliver', to: 'A', state: 'FIN-WAIT-1', t: 1050, rfc: '3.10.7.4' },
    after: (trace, i) => {
      const after = trace.events.slice(i + 1, i + 4);
      expect(after).toMatchObject([
        { type: 'state', from: 'FIN-WAIT-1', to: 'FIN-WAIT-2', explain: 'fin-acked' },
        { type: 'app', event: 'eof', explain: 'fin-wait-1-fin-acked' },
        { type: 'state', from: 'FIN-WAIT-2', to: 'TIME-WAIT', explain: 'fin-wait-2-fin' },
      ]);
    },
  },
  'fin-wait-2-fin': {
    rule: 'FIN-WAIT-2: FIN → enter TIME-WAIT, start the time-wait timer (§3.10.7.4 eighth)',
    trace: () => run(FIXTURES.timeWaitA),
    event: { type: 'deliver', to: 'A', state: 'FIN-WAIT-2', t: 2050, rfc: '3.10.7.4' },
    after: (trace, i) => {
      expect(trace.events[i + 1]).toMatchObject({ type: 'app', event: 'eof', explain: 'fin-wait-2-fin' });
      expect(trace.events[i + 2]).toMatchObject({ type: 'state', from: 'FIN-WAIT-2', to: 'TIME-WAIT' });
    },
  },
} satisfies Record<ExplainKey, Case>;

describe('every explanation key is produced by the rule it names', () => {
  for (const [key, c] of Object.entries(CASES) as [ExplainKey, Case][]) {
    it(`${key}: ${c.rule}`, () => {
      const trace = c.trace();
      const i = trace.events.findIndex((e) => e.explain === key);
      expect(i, `no event explained as ${key}`).toBeGreaterThanOrEqual(0);
      expect(trace.events[i]).toMatchObject({ ...c.event, explain: key });
      c.after?.(trace, i);
      // Its sentence, in both languages: present, not blank, and translated.
      expect(en.explain[key].trim()).not.toBe('');
      expect(zhCN.explain[key].trim()).not.toBe('');
      expect(zhCN.explain[key]).not.toBe(en.explain[key]);
    });
  }

  it('the keys tested are exactly EXPLAIN_KEYS', () => {
    expect(Object.keys(CASES).sort()).toEqual([...EXPLAIN_KEYS].sort());
  });
});
