/**
 * RFC 9293 §3.10.7.4: SYN-RECEIVED and the synchronized states, in the RFC's order of checks, on `process`
 * with hand-built fixtures (fixtures.ts). After the handshake A has SND.NXT = 101, RCV.NXT = 301; B has
 * SND.NXT = 301, RCV.NXT = 101; both windows 65,535; MSL 1 s.
 */
import { describe, expect, it } from 'vitest';
import { fire } from '../../src/tcp/process';
import { apps, path, receive, seg, tcb } from './fixtures';

const established = () => tcb('ESTABLISHED', 'B');

describe('first: sequence number check (Table 6)', () => {
  it('ESTABLISHED: an unacceptable segment → <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, drop', () => {
    const r = receive(established(), 'ACK seq=50 ack=301 len=10');
    expect([r.explain, r.to, r.replies]).toEqual([
      'unacceptable-ack',
      'ESTABLISHED',
      ['ACK seq=301 ack=101'],
    ]);
  });

  it('ESTABLISHED: an unacceptable RST → drop silently', () => {
    const r = receive(established(), 'RST seq=70000');
    expect([r.explain, r.to, r.replies]).toEqual(['unacceptable-rst-dropped', 'ESTABLISHED', []]);
  });

  it('ESTABLISHED: a segment straddling RCV.NXT is trimmed and its new part processed', () => {
    const ep = established();
    const r = receive(ep, 'ACK,PSH seq=91 ack=301 len=20');
    expect(r.replies).toEqual(['ACK seq=301 ack=111']);
    expect(r.outcome.events).toContainEqual(
      expect.objectContaining({ type: 'app', event: 'data', bytes: 10 }),
    );
    expect(ep.rcvNxt).toBe(111);
  });

  it('a zero-length segment is acceptable anywhere in the window (RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND)', () => {
    const r = receive(established(), 'ACK seq=60000 ack=301');
    expect([r.explain, r.to, r.replies]).toEqual(['accepted', 'ESTABLISHED', []]);
  });
});

describe('second: RST (RFC 5961 §3.2, then per state)', () => {
  it('ESTABLISHED: RST with SEG.SEQ = RCV.NXT → CLOSED, ECONNRESET', () => {
    const ep = established();
    const r = receive(ep, 'RST seq=101');
    expect([r.explain, r.to, ep.error]).toEqual(['rst-reset', 'CLOSED', 'ECONNRESET']);
    expect(apps(r.outcome)).toEqual(['error:ECONNRESET']);
  });

  it('ESTABLISHED: RST in the window but not at RCV.NXT → challenge ACK (RFC 5961 §3.2), stay', () => {
    const r = receive(established(), 'RST seq=5000');
    expect([r.explain, r.to, r.replies]).toEqual([
      'rst-challenge-ack',
      'ESTABLISHED',
      ['ACK seq=301 ack=101'],
    ]);
  });

  it('SYN-RECEIVED (passive): acceptable RST → return to LISTEN, user not told', () => {
    const r = receive(tcb('SYN-RECEIVED'), 'RST seq=101');
    expect([r.explain, r.to, apps(r.outcome)]).toEqual(['synrcvd-rst-listen', 'LISTEN', []]);
  });

  it('SYN-RECEIVED (active, simultaneous open): acceptable RST → CLOSED, connection refused', () => {
    // A is in SYN-SENT; a SYN from B moves it to SYN-RECEIVED; then B resets.
    const a = tcb('SYN-SENT');
    expect(receive(a, 'SYN seq=700', 100).to).toBe('SYN-RECEIVED');
    const r = receive(a, 'RST seq=701', 250);
    expect([r.to, a.error]).toEqual(['CLOSED', 'ECONNREFUSED']);
  });

  it('CLOSE-WAIT: RST at RCV.NXT → CLOSED, ECONNRESET (rfc) or EPIPE (linux tcp_reset)', () => {
    const rfc = tcb('CLOSE-WAIT');
    expect(receive(rfc, 'RST seq=102').to).toBe('CLOSED');
    expect(rfc.error).toBe('ECONNRESET');
    const linux = tcb('CLOSE-WAIT', 'B', { profile: 'linux' });
    expect(receive(linux, 'RST seq=102').to).toBe('CLOSED');
    expect(linux.error).toBe('EPIPE');
  });

  it('LAST-ACK: RST at RCV.NXT → CLOSED', () => {
    const r = receive(tcb('LAST-ACK'), 'RST seq=102');
    expect([r.explain, r.from, r.to]).toEqual(['rst-close', 'LAST-ACK', 'CLOSED']);
  });

  it('TIME-WAIT: RST at RCV.NXT → CLOSED (no RFC 1337 protection, as Linux tcp_rfc1337=0)', () => {
    const r = receive(tcb('TIME-WAIT'), 'RST seq=302');
    expect([r.explain, r.from, r.to]).toEqual(['rst-close', 'TIME-WAIT', 'CLOSED']);
    expect(r.outcome.timers).toEqual([{ kind: 'time-wait', from: 2950, to: null }]);
  });
});

describe('fourth: SYN', () => {
  it('ESTABLISHED: SYN → challenge ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (RFC 5961 §4.2), stay', () => {
    const r = receive(established(), 'SYN seq=5000');
    expect([r.explain, r.to, r.replies]).toEqual([
      'syn-challenge-ack',
      'ESTABLISHED',
      ['ACK seq=301 ack=101'],
    ]);
  });

  it('SYN-RECEIVED (passive): an in-window SYN → return to LISTEN', () => {
    const r = receive(tcb('SYN-RECEIVED'), 'SYN seq=150');
    expect([r.explain, r.to]).toEqual(['synrcvd-syn-listen', 'LISTEN']);
  });
});

describe('fifth: ACK', () => {
  it('any state: a segment without ACK is dropped', () => {
    const r = receive(established(), 'PSH seq=101 len=5');
    expect([r.explain, r.to, r.replies]).toEqual(['no-ack-dropped', 'ESTABLISHED', []]);
  });

  it('SYN-RECEIVED: SND.UNA < SEG.ACK =< SND.NXT → ESTABLISHED', () => {
    const r = receive(tcb('SYN-RECEIVED'), 'ACK seq=101 ack=301', 110);
    expect([r.explain, r.to, apps(r.outcome)]).toEqual([
      'synrcvd-ack-established',
      'ESTABLISHED',
      ['connected'],
    ]);
    expect(r.outcome.timers).toEqual([{ kind: 'retransmission', from: 1060, to: null }]);
  });

  it('SYN-RECEIVED: unacceptable ACK → <SEQ=SEG.ACK><CTL=RST>', () => {
    const r = receive(tcb('SYN-RECEIVED'), 'ACK seq=101 ack=999');
    expect([r.explain, r.to, r.replies]).toEqual(['synrcvd-bad-ack-reset', 'SYN-RECEIVED', ['RST seq=999']]);
  });

  it('ESTABLISHED: ACK of something not yet sent → send ACK, drop (RFC 5961 §5.2)', () => {
    const r = receive(established(), 'ACK seq=101 ack=9999');
    expect([r.explain, r.to, r.replies]).toEqual([
      'ack-out-of-range',
      'ESTABLISHED',
      ['ACK seq=301 ack=101'],
    ]);
  });

  it('ESTABLISHED: an ACK below SND.UNA - MAX.SND.WND → send ACK, drop (RFC 5961 §5.2)', () => {
    const r = receive(established(), `ACK seq=101 ack=${(301 - 70000) >>> 0}`);
    expect(r.explain).toBe('ack-out-of-range');
  });

  it('FIN-WAIT-1: the ACK of our FIN → FIN-WAIT-2', () => {
    const r = receive(tcb('FIN-WAIT-1'), 'ACK seq=301 ack=102');
    expect([r.from, r.to]).toEqual(['FIN-WAIT-1', 'FIN-WAIT-2']);
    expect(r.outcome.timers).toEqual([{ kind: 'retransmission', from: 1900, to: null }]);
  });

  it('CLOSING: the ACK of our FIN → TIME-WAIT, the 2 MSL timer starts', () => {
    const r = receive(tcb('CLOSING'), 'ACK seq=302 ack=102');
    expect([r.from, r.to]).toEqual(['CLOSING', 'TIME-WAIT']);
    expect(r.outcome.timers).toEqual([
      { kind: 'retransmission', from: 1900, to: null },
      { kind: 'time-wait', from: null, to: 1000 + 2 * 1000 },
    ]);
  });

  it('LAST-ACK: the ACK of our FIN → CLOSED, the user is told', () => {
    const r = receive(tcb('LAST-ACK'), 'ACK seq=102 ack=302');
    expect([r.from, r.to, apps(r.outcome)]).toEqual(['LAST-ACK', 'CLOSED', ['closed']]);
  });
});

describe('seventh: segment text', () => {
  it('ESTABLISHED: in-order data advances RCV.NXT and is acknowledged', () => {
    const r = receive(established(), 'ACK,PSH seq=101 ack=301 len=10');
    expect([r.explain, r.to, r.replies]).toEqual(['data-received', 'ESTABLISHED', ['ACK seq=301 ack=111']]);
  });

  it('ESTABLISHED: data above a gap is held and a duplicate ACK sent; filling the gap delivers both', () => {
    const ep = established();
    const held = receive(ep, 'ACK seq=111 ack=301 len=10');
    expect(held.replies).toEqual(['ACK seq=301 ack=101']);
    expect(apps(held.outcome)).toEqual([]);
    const filled = receive(ep, 'ACK seq=101 ack=301 len=10', 1100);
    expect(filled.replies).toEqual(['ACK seq=301 ack=121']);
    expect(filled.outcome.events).toEqual([
      expect.objectContaining({ type: 'app', event: 'data', bytes: 20 }),
    ]);
  });

  it('CLOSE-WAIT: segment text is ignored (a FIN was already received)', () => {
    expect(receive(tcb('CLOSE-WAIT'), 'ACK seq=102 ack=301 len=10').explain).toBe('text-ignored');
  });
});

describe('eighth: FIN', () => {
  it('ESTABLISHED: FIN → CLOSE-WAIT, ACK it, tell the user', () => {
    const r = receive(established(), 'ACK,FIN seq=101 ack=301');
    expect([r.explain, r.to, r.replies]).toEqual(['fin-received', 'CLOSE-WAIT', ['ACK seq=301 ack=102']]);
    expect(apps(r.outcome)).toContain('eof');
  });

  it('FIN-WAIT-1: FIN without the ACK of our FIN → CLOSING', () => {
    const r = receive(tcb('FIN-WAIT-1'), 'ACK,FIN seq=301 ack=101');
    expect([r.explain, r.to, r.replies]).toEqual(['simultaneous-close', 'CLOSING', ['ACK seq=102 ack=302']]);
  });

  it('FIN-WAIT-1: FIN that also ACKs our FIN → FIN-WAIT-2 (fifth step) then TIME-WAIT (eighth step)', () => {
    const r = receive(tcb('FIN-WAIT-1'), 'ACK,FIN seq=301 ack=102');
    // "If our FIN has been ACKed (perhaps in this segment), then enter TIME-WAIT": explained as arriving in FIN-WAIT-1.
    expect([r.explain, r.replies]).toEqual(['fin-wait-1-fin-acked', ['ACK seq=102 ack=302']]);
    expect(path(r.outcome)).toEqual(['FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT']);
  });

  it('FIN-WAIT-2: FIN → TIME-WAIT, ACK it at once', () => {
    const r = receive(tcb('FIN-WAIT-2'), 'ACK,FIN seq=301 ack=102');
    expect([r.explain, r.to, r.replies]).toEqual(['fin-wait-2-fin', 'TIME-WAIT', ['ACK seq=102 ack=302']]);
    expect(r.outcome.timers).toEqual([{ kind: 'time-wait', from: null, to: 3000 }]);
  });

  it('TIME-WAIT: a retransmitted FIN is ACKed and restarts the 2 MSL timer', () => {
    // Entered TIME-WAIT at 950 (would end at 2950); the FIN at 1500 restarts it: 1500 + 2 × 1000.
    const r = receive(tcb('TIME-WAIT'), 'ACK,FIN seq=301 ack=102', 1500);
    expect([r.explain, r.to, r.replies]).toEqual([
      'time-wait-fin-restart',
      'TIME-WAIT',
      ['ACK seq=102 ack=302'],
    ]);
    expect(r.outcome.timers).toEqual([{ kind: 'time-wait', from: 2950, to: 3500 }]);
  });

  it('TIME-WAIT: an old ACK to a closed peer draws a RST that ends TIME-WAIT early (RFC 1337 hazard)', () => {
    // The peer is already CLOSED: A's re-ACK is answered with <SEQ=SEG.ACK><CTL=RST>, which is at RCV.NXT.
    const a = tcb('TIME-WAIT');
    const b = tcb('CLOSED', 'B');
    const reAck = receive(a, 'ACK,FIN seq=301 ack=102', 1500).outcome.reply;
    expect(reAck && receive(b, reAck.segment, 1550).replies).toEqual(['RST seq=302']);
    const r = receive(a, seg('RST seq=302'), 1600);
    expect([r.explain, r.to]).toEqual(['rst-close', 'CLOSED']);
  });

  it('TIME-WAIT: after 2 MSL → CLOSED', () => {
    const a = tcb('TIME-WAIT');
    expect(fire(a, 2949).fired).toBeNull();
    const out = fire(a, 2950);
    expect([out.fired, out.state]).toEqual(['time-wait', 'CLOSED']);
    expect(out.events).toContainEqual({
      type: 'state',
      from: 'TIME-WAIT',
      to: 'CLOSED',
      explain: 'time-wait-expired',
    });
  });
});
