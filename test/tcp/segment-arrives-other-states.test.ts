/**
 * RFC 9293 §3.10.7.4: SYN-RECEIVED and the synchronized states, in the RFC's order of checks.
 * After the fixture handshake: A has SND.NXT=101, RCV.NXT=301; B has SND.NXT=301, RCV.NXT=101.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/tcp/index';
import { appEvents, FIXTURES, inject, scenario, stateAt, states, wire } from './harness';

describe('first: sequence number check (Table 6)', () => {
  it('ESTABLISHED: an unacceptable segment → <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, drop', () => {
    const { reaction } = inject(FIXTURES.established, 'A', { seq: 50, ack: 301, flags: ['ACK'], len: 10 });
    expect(reaction).toEqual({
      explain: 'unacceptable-ack',
      state: 'ESTABLISHED',
      replies: ['B>A ACK seq=301 ack=101'],
    });
  });

  it('ESTABLISHED: an unacceptable RST → drop silently', () => {
    const { trace, reaction } = inject(FIXTURES.established, 'A', { seq: 70000, flags: ['RST'] });
    expect(reaction).toEqual({ explain: 'unacceptable-rst-dropped', state: 'ESTABLISHED', replies: [] });
    expect(trace.final.B.state).toBe('ESTABLISHED');
  });

  it('ESTABLISHED: a segment straddling RCV.NXT is trimmed and its new part processed', () => {
    const { trace, reaction } = inject(FIXTURES.established, 'A', {
      seq: 91,
      ack: 301,
      flags: ['ACK', 'PSH'],
      len: 20,
    });
    expect(reaction.replies).toEqual(['B>A ACK seq=301 ack=111']);
    const data = trace.events.find((e) => e.type === 'app' && e.event === 'data');
    expect(data).toMatchObject({ endpoint: 'B', bytes: 10 });
  });

  it('a zero-length segment is acceptable anywhere in the window (RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND)', () => {
    const { reaction } = inject(FIXTURES.established, 'A', { seq: 60000, ack: 301, flags: ['ACK'] });
    expect(reaction).toEqual({ explain: 'accepted', state: 'ESTABLISHED', replies: [] });
  });
});

describe('second: RST (RFC 5961 §3.2, then per state)', () => {
  it('ESTABLISHED: RST with SEG.SEQ = RCV.NXT → CLOSED, ECONNRESET', () => {
    const { trace, reaction } = inject(FIXTURES.established, 'A', { seq: 101, flags: ['RST'] });
    expect(reaction.explain).toBe('rst-reset');
    expect(trace.final.B).toEqual({ state: 'CLOSED', error: 'ECONNRESET' });
  });

  it('ESTABLISHED: RST in the window but not at RCV.NXT → challenge ACK (RFC 5961 §3.2), stay', () => {
    const { trace, reaction } = inject(FIXTURES.established, 'A', { seq: 5000, flags: ['RST'] });
    expect(reaction).toEqual({
      explain: 'rst-challenge-ack',
      state: 'ESTABLISHED',
      replies: ['B>A ACK seq=301 ack=101'],
    });
    expect(trace.final.B.state).toBe('ESTABLISHED');
  });

  it('SYN-RECEIVED (passive): acceptable RST → return to LISTEN, user not told', () => {
    const { trace, reaction } = inject(FIXTURES.synReceivedB, 'A', { seq: 101, flags: ['RST'] });
    expect(reaction.explain).toBe('synrcvd-rst-listen');
    expect(stateAt(trace, 'B', 250)).toBe('LISTEN');
    expect(appEvents(trace, 'B')).toEqual(['listening']);
  });

  it('SYN-RECEIVED (active, simultaneous open): acceptable RST → CLOSED, connection refused', () => {
    // A is in SYN-SENT (its SYN is lost); a SYN from B moves it to SYN-RECEIVED; then B resets.
    const trace = runScenario(
      scenario(FIXTURES.synSentA, {
        faults: [
          { inject: { at: 100, from: 'B', segment: { seq: 700, flags: ['SYN'] } } },
          { inject: { at: 200, from: 'B', segment: { seq: 701, flags: ['RST'] } } },
        ],
      }),
    );
    expect(stateAt(trace, 'A', 249)).toBe('SYN-RECEIVED');
    expect(stateAt(trace, 'A', 250)).toBe('CLOSED');
    expect(trace.final.A.error).toBe('ECONNREFUSED');
  });

  it('CLOSE-WAIT: RST at RCV.NXT → CLOSED, ECONNRESET (rfc) or EPIPE (linux tcp_reset)', () => {
    expect(inject(FIXTURES.closeWaitB, 'A', { seq: 102, flags: ['RST'] }).trace.final.B).toEqual({
      state: 'CLOSED',
      error: 'ECONNRESET',
    });
    const linux = inject(FIXTURES.closeWaitB, 'A', { seq: 102, flags: ['RST'] }, { profile: 'linux' });
    expect(linux.trace.final.B).toEqual({ state: 'CLOSED', error: 'EPIPE' });
  });

  it('LAST-ACK: RST at RCV.NXT → CLOSED', () => {
    const { trace, reaction } = inject(FIXTURES.lastAckB, 'A', { seq: 102, flags: ['RST'] });
    expect(reaction).toMatchObject({ explain: 'rst-close', state: 'LAST-ACK' });
    expect(stateAt(trace, 'B', 2060)).toBe('CLOSED');
  });

  it('TIME-WAIT: RST at RCV.NXT → CLOSED (no RFC 1337 protection, as Linux tcp_rfc1337=0)', () => {
    const { trace, reaction } = inject(FIXTURES.timeWaitA, 'B', { seq: 302, flags: ['RST'] });
    expect(reaction).toMatchObject({ explain: 'rst-close', state: 'TIME-WAIT' });
    expect(stateAt(trace, 'A', 3050)).toBe('CLOSED');
  });
});

describe('fourth: SYN', () => {
  it('ESTABLISHED: SYN → challenge ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (RFC 5961 §4.2), stay', () => {
    const { trace, reaction } = inject(FIXTURES.established, 'A', { seq: 5000, flags: ['SYN'] });
    expect(reaction).toEqual({
      explain: 'syn-challenge-ack',
      state: 'ESTABLISHED',
      replies: ['B>A ACK seq=301 ack=101'],
    });
    expect(trace.final.B.state).toBe('ESTABLISHED');
  });

  it('SYN-RECEIVED (passive): an in-window SYN → return to LISTEN', () => {
    const { trace, reaction } = inject(FIXTURES.synReceivedB, 'A', { seq: 150, flags: ['SYN'] });
    expect(reaction.explain).toBe('synrcvd-syn-listen');
    expect(stateAt(trace, 'B', 250)).toBe('LISTEN');
  });
});

describe('fifth: ACK', () => {
  it('any state: a segment without ACK is dropped', () => {
    const { reaction } = inject(FIXTURES.established, 'A', { seq: 101, flags: ['PSH'], len: 5 });
    expect(reaction).toEqual({ explain: 'no-ack-dropped', state: 'ESTABLISHED', replies: [] });
  });

  it('SYN-RECEIVED: SND.UNA < SEG.ACK =< SND.NXT → ESTABLISHED', () => {
    const { trace, reaction } = inject(FIXTURES.synReceivedB, 'A', { seq: 101, ack: 301, flags: ['ACK'] });
    expect(reaction.explain).toBe('synrcvd-ack-established');
    expect(stateAt(trace, 'B', 250)).toBe('ESTABLISHED');
  });

  it('SYN-RECEIVED: unacceptable ACK → <SEQ=SEG.ACK><CTL=RST>', () => {
    const { reaction } = inject(FIXTURES.synReceivedB, 'A', { seq: 101, ack: 999, flags: ['ACK'] });
    expect(reaction).toEqual({
      explain: 'synrcvd-bad-ack-reset',
      state: 'SYN-RECEIVED',
      replies: ['B>A RST seq=999'],
    });
  });

  it('ESTABLISHED: ACK of something not yet sent → send ACK, drop (RFC 5961 §5.2)', () => {
    const { reaction } = inject(FIXTURES.established, 'A', { seq: 101, ack: 9999, flags: ['ACK'] });
    expect(reaction).toEqual({
      explain: 'ack-out-of-range',
      state: 'ESTABLISHED',
      replies: ['B>A ACK seq=301 ack=101'],
    });
  });

  it('ESTABLISHED: an ACK below SND.UNA - MAX.SND.WND → send ACK, drop (RFC 5961 §5.2)', () => {
    const { reaction } = inject(FIXTURES.established, 'A', { seq: 101, ack: 301 - 70000, flags: ['ACK'] });
    expect(reaction.explain).toBe('ack-out-of-range');
  });

  it('FIN-WAIT-1: the ACK of our FIN → FIN-WAIT-2', () => {
    const trace = runScenario(scenario(FIXTURES.finWait1A));
    expect(stateAt(trace, 'A', 1099)).toBe('FIN-WAIT-1');
    expect(stateAt(trace, 'A', 1100)).toBe('FIN-WAIT-2');
  });

  it('CLOSING: the ACK of our FIN → TIME-WAIT', () => {
    const trace = runScenario(scenario(FIXTURES.closing));
    expect(stateAt(trace, 'A', 1050)).toBe('CLOSING');
    expect(stateAt(trace, 'A', 1100)).toBe('TIME-WAIT');
    expect(stateAt(trace, 'B', 1100)).toBe('TIME-WAIT');
  });

  it('LAST-ACK: the ACK of our FIN → CLOSED', () => {
    const trace = runScenario(scenario(FIXTURES.timeWaitA));
    expect(stateAt(trace, 'B', 2099)).toBe('LAST-ACK');
    expect(stateAt(trace, 'B', 2100)).toBe('CLOSED');
    expect(appEvents(trace, 'B')).toEqual(['listening', 'connected', 'eof', 'closed']);
  });
});

describe('seventh: segment text', () => {
  it('ESTABLISHED: in-order data advances RCV.NXT and is acknowledged', () => {
    const { reaction } = inject(FIXTURES.established, 'A', {
      seq: 101,
      ack: 301,
      flags: ['ACK', 'PSH'],
      len: 10,
    });
    expect(reaction).toEqual({
      explain: 'data-received',
      state: 'ESTABLISHED',
      replies: ['B>A ACK seq=301 ack=111'],
    });
  });

  it('ESTABLISHED: data above a gap is held and a duplicate ACK sent; filling the gap delivers both', () => {
    const trace = runScenario(
      scenario(FIXTURES.established, {
        faults: [
          { inject: { at: 1000, from: 'A', segment: { seq: 111, ack: 301, flags: ['ACK'], len: 10 } } },
          { inject: { at: 1100, from: 'A', segment: { seq: 101, ack: 301, flags: ['ACK'], len: 10 } } },
        ],
      }),
    );
    // (A never sent those bytes, so it answers B's ACKs with throttled out-of-range ACKs; look at B's replies.)
    expect(
      wire(trace, 1000)
        .filter((s) => s.startsWith('B>A'))
        .slice(0, 2),
    ).toEqual(['B>A ACK seq=301 ack=101', 'B>A ACK seq=301 ack=121']);
    const data = trace.events.filter((e) => e.type === 'app' && e.event === 'data');
    expect(data).toMatchObject([{ bytes: 20 }]);
  });

  it('CLOSE-WAIT: segment text is ignored (a FIN was already received)', () => {
    const { reaction } = inject(FIXTURES.closeWaitB, 'A', { seq: 102, ack: 301, flags: ['ACK'], len: 10 });
    expect(reaction.explain).toBe('text-ignored');
  });
});

describe('eighth: FIN', () => {
  it('ESTABLISHED: FIN → CLOSE-WAIT, ACK it, tell the user', () => {
    const { trace, reaction } = inject(FIXTURES.established, 'A', {
      seq: 101,
      ack: 301,
      flags: ['ACK', 'FIN'],
    });
    expect(reaction).toEqual({
      explain: 'fin-received',
      state: 'ESTABLISHED',
      replies: ['B>A ACK seq=301 ack=102'],
    });
    expect(trace.final.B.state).toBe('CLOSE-WAIT');
    expect(appEvents(trace, 'B')).toContain('eof');
  });

  it('FIN-WAIT-1: FIN without the ACK of our FIN → CLOSING', () => {
    const { reaction, trace } = inject(FIXTURES.finWait1A, 'B', {
      seq: 301,
      ack: 101,
      flags: ['ACK', 'FIN'],
    });
    expect(reaction).toEqual({
      explain: 'simultaneous-close',
      state: 'FIN-WAIT-1',
      replies: ['A>B ACK seq=102 ack=302'],
    });
    expect(stateAt(trace, 'A', 1050)).toBe('CLOSING');
  });

  it('FIN-WAIT-1: FIN that also ACKs our FIN → FIN-WAIT-2 (fifth step) then TIME-WAIT (eighth step)', () => {
    const { reaction, trace } = inject(FIXTURES.finWait1A, 'B', {
      seq: 301,
      ack: 102,
      flags: ['ACK', 'FIN'],
    });
    // "If our FIN has been ACKed (perhaps in this segment), then enter TIME-WAIT": explained as arriving in FIN-WAIT-1.
    expect(reaction).toEqual({
      explain: 'fin-wait-1-fin-acked',
      state: 'FIN-WAIT-1',
      replies: ['A>B ACK seq=102 ack=302'],
    });
    expect(states(trace, 'A').slice(0, 6)).toEqual([
      'CLOSED',
      'SYN-SENT',
      'ESTABLISHED',
      'FIN-WAIT-1',
      'FIN-WAIT-2',
      'TIME-WAIT',
    ]);
  });

  it('FIN-WAIT-2: FIN → TIME-WAIT, ACK it at once', () => {
    const { reaction, trace } = inject(FIXTURES.finWait2A, 'B', {
      seq: 301,
      ack: 102,
      flags: ['ACK', 'FIN'],
    });
    expect(reaction).toEqual({
      explain: 'fin-wait-2-fin',
      state: 'FIN-WAIT-2',
      replies: ['A>B ACK seq=102 ack=302'],
    });
    expect(stateAt(trace, 'A', 2050)).toBe('TIME-WAIT');
  });

  it('TIME-WAIT: a retransmitted FIN is ACKed and restarts the 2 MSL timer', () => {
    // A's ACK of B's FIN is lost, so B (LAST-ACK) retransmits its FIN after its RTO (1 s): at 3000, arriving 3050.
    const trace = runScenario(scenario(FIXTURES.lastAckB));
    const refin = trace.events.find((e) => e.type === 'deliver' && e.to === 'A' && e.t === 3050);
    expect(refin).toMatchObject({ explain: 'time-wait-fin-restart', state: 'TIME-WAIT' });
    expect(wire(trace, 3050)[0]).toBe('A>B ACK seq=102 ack=302');
    // Entered TIME-WAIT at 2050 (would end at 4050); the FIN at 3050 restarts it: 3050 + 2 × 1000.
    const end = trace.events.find((e) => e.type === 'state' && e.endpoint === 'A' && e.to === 'CLOSED');
    expect(end?.t).toBe(5050);
    expect(trace.final).toEqual({ A: { state: 'CLOSED' }, B: { state: 'CLOSED' } });
  });

  it('TIME-WAIT: an old ACK to a closed peer draws a RST that ends TIME-WAIT early (RFC 1337 hazard)', () => {
    // The peer is already CLOSED: A's re-ACK is answered with <SEQ=SEG.ACK><CTL=RST>, which is at RCV.NXT.
    const { trace } = inject(FIXTURES.timeWaitA, 'B', { seq: 301, ack: 102, flags: ['ACK', 'FIN'] });
    expect(wire(trace, 3050)).toEqual(['A>B ACK seq=102 ack=302', 'B>A RST seq=302']);
    expect(stateAt(trace, 'A', 3150)).toBe('CLOSED');
  });

  it('TIME-WAIT: after 2 MSL → CLOSED', () => {
    const trace = runScenario(scenario(FIXTURES.timeWaitA));
    const end = trace.events.find((e) => e.type === 'state' && e.endpoint === 'A' && e.to === 'CLOSED');
    expect(end).toMatchObject({ t: 2050 + 2000, explain: 'time-wait-expired' });
  });
});
