/**
 * RFC 9293 §3.10.7.1 (CLOSED) and §3.10.7.2 (LISTEN), one test per rule, on `process` with hand-built
 * fixtures (fixtures.ts): no simulator, network or queue.
 */
import { describe, expect, it } from 'vitest';
import { apps, receive, tcb } from './fixtures';

describe('§3.10.7.1 CLOSED', () => {
  it('CLOSED: an incoming RST is discarded', () => {
    const r = receive(tcb('CLOSED'), 'RST seq=5');
    expect([r.explain, r.to, r.replies]).toEqual(['closed-rst-discarded', 'CLOSED', []]);
  });

  it('CLOSED: a segment with ACK → <SEQ=SEG.ACK><CTL=RST>', () => {
    const r = receive(tcb('CLOSED'), 'ACK seq=5 ack=777 len=10');
    expect(r.replies).toEqual(['RST seq=777']);
    expect(r.explain).toBe('closed-reset');
    expect(r.outcome.reply?.explain).toBe('closed-reset');
  });

  it('CLOSED: a segment without ACK → <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> (SYN and FIN count)', () => {
    expect(receive(tcb('CLOSED'), 'SYN seq=90').replies).toEqual(['ACK,RST seq=0 ack=91']);
    expect(receive(tcb('CLOSED'), 'FIN seq=90 len=10').replies).toEqual(['ACK,RST seq=0 ack=101']);
  });

  it('CLOSED: SEG.SEQ+SEG.LEN wraps modulo 2^32', () => {
    expect(receive(tcb('CLOSED'), 'SYN seq=4294967295').replies).toEqual(['ACK,RST seq=0 ack=0']);
  });

  it('CLOSED: nothing else changes (no state, no timers, no user event)', () => {
    const { outcome } = receive(tcb('CLOSED'), 'ACK seq=5 ack=777');
    expect([outcome.events, outcome.timers, outcome.calls]).toEqual([[], [], []]);
  });
});

describe('§3.10.7.2 LISTEN', () => {
  it('LISTEN: an incoming RST is ignored', () => {
    const r = receive(tcb('LISTEN'), 'RST seq=5');
    expect([r.explain, r.to, r.replies]).toEqual(['listen-rst-ignored', 'LISTEN', []]);
  });

  it('LISTEN: any ACK is bad → <SEQ=SEG.ACK><CTL=RST>, stay in LISTEN', () => {
    const r = receive(tcb('LISTEN'), 'ACK seq=5 ack=4242');
    expect([r.replies, r.to]).toEqual([['RST seq=4242'], 'LISTEN']);
  });

  it('LISTEN: SYN → IRS=SEG.SEQ, RCV.NXT=SEG.SEQ+1, SYN,ACK <SEQ=ISS><ACK=RCV.NXT>, SYN-RECEIVED', () => {
    const ep = tcb('LISTEN');
    const r = receive(ep, 'SYN seq=90 win=1000');
    expect([r.explain, r.from, r.to]).toEqual(['listen-syn', 'LISTEN', 'SYN-RECEIVED']);
    expect(r.replies).toEqual(['SYN,ACK seq=300 ack=91']);
    expect([ep.irs, ep.rcvNxt, ep.iss, ep.sndUna, ep.sndNxt, ep.sndWnd]).toEqual([
      90, 91, 300, 300, 301, 1000,
    ]);
    // The SYN,ACK occupies sequence space, so the retransmission timer starts: one initial RTO (1 s, RFC 6298 §2.1).
    expect(r.outcome.timers).toEqual([{ kind: 'retransmission', from: null, to: 2000 }]);
    // The listener does not tell the user yet: that waits for ESTABLISHED.
    expect(r.outcome.events).toEqual([
      { type: 'state', from: 'LISTEN', to: 'SYN-RECEIVED', explain: 'listen-syn' },
    ]);
  });

  it('LISTEN: the ISS is the one the host chooses (§3.4.1)', () => {
    const r = receive(tcb('LISTEN'), 'SYN seq=90', 1000, { iss: 4_000_000_000 });
    expect(r.replies).toEqual(['SYN,ACK seq=4000000000 ack=91']);
  });

  it('LISTEN: anything without SYN, ACK or RST is dropped', () => {
    const r = receive(tcb('LISTEN'), 'FIN seq=5 len=3');
    expect([r.explain, r.to, r.replies]).toEqual(['listen-drop', 'LISTEN', []]);
  });
});

describe('the two-way handshake variant (why RFC 9293 §3.5 uses three)', () => {
  it('LISTEN: a SYN alone is taken as a live peer: SYN,ACK and ESTABLISHED at once, the user told', () => {
    const r = receive(tcb('LISTEN', 'B', { handshake: 'two-way' }), 'SYN seq=90');
    expect([r.to, r.replies, apps(r.outcome)]).toEqual([
      'ESTABLISHED',
      ['SYN,ACK seq=300 ack=91'],
      ['connected'],
    ]);
  });
});
