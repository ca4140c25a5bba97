/** RFC 9293 §3.10.1–3.10.5: OPEN, SEND, CLOSE, ABORT in each state, on `call` with hand-built fixtures. */
import { describe, expect, it } from 'vitest';
import { call } from '../../src/tcp/process';
import { apps, receive, show, tcb } from './fixtures';

const sent = (o: ReturnType<typeof call>) => o.sent.map(show);

describe('§3.10.1 OPEN', () => {
  it('OPEN (passive) in CLOSED → LISTEN, the user hears "listening"', () => {
    const o = call(tcb('CLOSED'), 'listen', 0);
    expect([o.state, apps(o), sent(o)]).toEqual(['LISTEN', ['listening'], []]);
  });

  it('OPEN (active) in CLOSED → <SEQ=ISS><CTL=SYN>, SND.UNA=ISS, SND.NXT=ISS+1, SYN-SENT', () => {
    const ep = tcb('CLOSED', 'A');
    const o = call(ep, 'connect', 0);
    expect([o.state, sent(o)]).toEqual(['SYN-SENT', ['SYN seq=100']]);
    expect([ep.sndUna, ep.sndNxt]).toEqual([100, 101]);
    // The SYN occupies sequence space: the retransmission timer starts at one initial RTO (RFC 6298 §2.1: 1 s).
    expect(o.timers).toEqual([{ kind: 'retransmission', from: null, to: 1000 }]);
  });

  it('OPEN (active) in LISTEN → the connection becomes active: SYN, SYN-SENT', () => {
    const ep = tcb('LISTEN', 'A');
    const o = call(ep, 'connect', 5);
    expect([o.state, sent(o), ep.passive]).toEqual(['SYN-SENT', ['SYN seq=100'], false]);
  });

  it('OPEN in any other state → "connection already exists" (EISCONN), nothing changes', () => {
    const o = call(tcb('ESTABLISHED', 'A'), 'connect', 500);
    expect([o.state, apps(o), sent(o)]).toEqual(['ESTABLISHED', ['error:EISCONN'], []]);
  });
});

describe('§3.10.2 SEND', () => {
  it('SEND in CLOSED → "connection does not exist" (ENOTCONN)', () => {
    const o = call(tcb('CLOSED', 'A'), 'send', 0, 10);
    expect([apps(o), sent(o)]).toEqual([['error:ENOTCONN'], []]);
  });

  it('SEND in SYN-SENT is queued and sent once ESTABLISHED, carrying the ACK', () => {
    const ep = tcb('SYN-SENT');
    expect(sent(call(ep, 'send', 20, 10))).toEqual([]);
    expect(ep.unsent).toBe(10);
    const r = receive(ep, 'SYN,ACK seq=300 ack=101', 60);
    // The ACK the handshake owes rides on the data: no bare ACK.
    expect(r.replies).toEqual(['ACK,PSH seq=101 ack=301 len=10']);
    expect([r.outcome.reply, r.outcome.released.length]).toEqual([null, 1]);
  });

  it('SEND in ESTABLISHED is segmentized by MSS; PSH marks the last segment', () => {
    const ep = tcb('ESTABLISHED', 'A');
    const o = call(ep, 'send', 500, 3000);
    expect(sent(o)).toEqual([
      'ACK seq=101 ack=301 len=1460',
      'ACK seq=1561 ack=301 len=1460',
      'ACK,PSH seq=3021 ack=301 len=80',
    ]);
    expect([ep.sndNxt, ep.rtx.space]).toEqual([3101, 3000]);
  });

  it('SEND in FIN-WAIT-1 → "connection closing" (EPIPE)', () => {
    const o = call(tcb('FIN-WAIT-1'), 'send', 1000, 5);
    expect([apps(o), sent(o)]).toEqual([['error:EPIPE'], []]);
  });

  it('SEND in CLOSE-WAIT still sends (half-close)', () => {
    expect(sent(call(tcb('CLOSE-WAIT'), 'send', 1000, 5))).toEqual(['ACK,PSH seq=301 ack=102 len=5']);
  });
});

describe('§3.10.4 CLOSE', () => {
  it('CLOSE in LISTEN → CLOSED', () => {
    const o = call(tcb('LISTEN'), 'close', 5);
    expect([o.state, apps(o)]).toEqual(['CLOSED', ['closed']]);
  });

  it('CLOSE in SYN-SENT → delete the TCB, CLOSED', () => {
    const o = call(tcb('SYN-SENT'), 'close', 5);
    expect([o.state, sent(o)]).toEqual(['CLOSED', []]);
    expect(o.timers).toEqual([{ kind: 'retransmission', from: 1010, to: null }]);
  });

  it('CLOSE in ESTABLISHED → queued data first, then FIN, FIN-WAIT-1', () => {
    const ep = tcb('ESTABLISHED', 'A');
    expect(sent(call(ep, 'send', 500, 10))).toEqual(['ACK,PSH seq=101 ack=301 len=10']);
    const o = call(ep, 'close', 500);
    expect([o.state, sent(o)]).toEqual(['FIN-WAIT-1', ['ACK,FIN seq=111 ack=301']]);
  });

  it('CLOSE in SYN-RECEIVED with data queued: queued for ESTABLISHED, then the FIN rides on the last data segment', () => {
    const ep = tcb('SYN-RECEIVED');
    expect(sent(call(ep, 'send', 70, 10))).toEqual([]);
    expect(call(ep, 'close', 70).state).toBe('SYN-RECEIVED');
    const r = receive(ep, 'ACK seq=101 ack=301', 110);
    expect(r.replies).toEqual(['ACK,FIN,PSH seq=301 ack=101 len=10']);
    expect(r.to).toBe('FIN-WAIT-1');
  });

  it('CLOSE in CLOSE-WAIT → FIN, LAST-ACK', () => {
    const o = call(tcb('CLOSE-WAIT'), 'close', 1000);
    expect([o.state, sent(o)]).toEqual(['LAST-ACK', ['ACK,FIN seq=301 ack=102']]);
  });

  it('CLOSE in TIME-WAIT → "connection closing" (EPIPE)', () => {
    const o = call(tcb('TIME-WAIT'), 'close', 1000);
    expect([o.state, apps(o)]).toEqual(['TIME-WAIT', ['error:EPIPE']]);
  });

  it('closeOnEof: the application closes as soon as it reads EOF', () => {
    const ep = tcb('ESTABLISHED', 'B', { closeOnEof: true });
    const r = receive(ep, 'ACK,FIN seq=101 ack=301');
    expect([r.replies, r.outcome.calls]).toEqual([['ACK seq=301 ack=102'], ['close']]);
    expect(sent(call(ep, 'close', 1000))).toEqual(['ACK,FIN seq=301 ack=102']);
  });
});

describe('§3.10.5 ABORT', () => {
  it('ABORT in ESTABLISHED → <SEQ=SND.NXT><CTL=RST>, CLOSED; the peer resets (ECONNRESET)', () => {
    const o = call(tcb('ESTABLISHED', 'A'), 'abort', 500);
    expect([o.state, sent(o)]).toEqual(['CLOSED', ['RST seq=101']]);
    const peer = tcb('ESTABLISHED', 'B');
    const first = o.sent[0];
    expect(first && receive(peer, first.segment, 550).to).toBe('CLOSED');
    expect(peer.error).toBe('ECONNRESET');
  });

  it('ABORT under the linux profile → RST,ACK (tcp_send_active_reset)', () => {
    expect(sent(call(tcb('ESTABLISHED', 'A', { profile: 'linux' }), 'abort', 500))).toEqual([
      'ACK,RST seq=101 ack=301',
    ]);
  });

  it('ABORT in LISTEN → CLOSED, nothing sent', () => {
    const o = call(tcb('LISTEN'), 'abort', 5);
    expect([o.state, sent(o)]).toEqual(['CLOSED', []]);
  });

  it('ABORT in TIME-WAIT → CLOSED, nothing sent', () => {
    const o = call(tcb('TIME-WAIT'), 'abort', 1000);
    expect([o.state, sent(o)]).toEqual(['CLOSED', []]);
  });
});
