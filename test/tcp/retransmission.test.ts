/**
 * RFC 6298 retransmission timer, RFC 9293 §3.8.3 give-up limits, the delayed ACK (§3.8.6.3) and the Linux
 * profile's schedules: the rules of one TCB, on `call` / `process` / `fire` with hand-built fixtures.
 * `fireAll` fires each timer when it is due, as for a TCB whose segments all go unanswered.
 */
import { describe, expect, it } from 'vitest';
import { call, fire } from '../../src/tcp/process';
import { apps, fireAll, receive, show, tcb } from './fixtures';

/** connect at 0, every SYN lost: when each SYN leaves (s), and when and how the connection fails. */
function synTimes(profile: 'rfc' | 'linux') {
  const ep = tcb('CLOSED', 'A', { profile });
  const first = call(ep, 'connect', 0);
  const fired = fireAll(ep);
  const sent = [...first.sent.map(() => 0), ...fired.flatMap((f) => f.outcome.sent.map(() => f.t / 1000))];
  const failed = fired.find((f) => apps(f.outcome).some((a) => a.startsWith('error')));
  return { sent, failedAt: failed && failed.t / 1000, error: ep.error, state: ep.state };
}

describe('RFC 6298 retransmission timer', () => {
  it('initial RTO is 1 s, and it doubles on each timeout (§2.1, §5.5): SYN at 0, 1, 3, 7, 15, 31, 63, 123 s', () => {
    // RTO caps at 60 s (§2.5) after 32 s.
    expect(synTimes('rfc').sent).toEqual([0, 1, 3, 7, 15, 31, 63, 123]);
  });

  it('R2 for a SYN is at least 3 minutes (§3.8.3 MUST-23): give up with ETIMEDOUT at the first expiry after 180 s', () => {
    const { failedAt, error, state } = synTimes('rfc');
    expect([failedAt, error, state]).toEqual([183, 'ETIMEDOUT', 'CLOSED']);
  });

  it('linux: tcp_syn_retries=6 with tcp_syn_linear_timeouts=4 → SYN at 0,1,2,3,4,5,7,11,19,35,67 s, ETIMEDOUT at 131 s', () => {
    const { sent, failedAt, error } = synTimes('linux');
    expect(sent).toEqual([0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67]);
    expect([failedAt, error]).toEqual([131, 'ETIMEDOUT']);
  });

  it('linux: SYN,ACK retransmitted at 1, 3, 7, 15, 31 s; the request is dropped silently at 63 s (back to LISTEN)', () => {
    const ep = tcb('LISTEN', 'B', { profile: 'linux' });
    const first = receive(ep, 'SYN seq=90', 0);
    const fired = fireAll(ep);
    const synAcks = [0, ...fired.flatMap((f) => f.outcome.sent.map(() => f.t / 1000))];
    expect(synAcks).toEqual([0, 1, 3, 7, 15, 31]);
    expect(first.replies).toEqual(['SYN,ACK seq=300 ack=91']);
    const last = fired.at(-1);
    expect(last?.t).toBe(63_000);
    expect(last?.outcome.events).toEqual([
      { type: 'state', from: 'SYN-RECEIVED', to: 'LISTEN', explain: 'give-up-synack' },
    ]);
    expect(ep.state).toBe('LISTEN');
  });

  it('rfc: a retransmitted SYN in SYN-RECEIVED gets a bare ACK (unacceptable segment); linux re-sends the SYN,ACK', () => {
    const rfc = receive(tcb('SYN-RECEIVED'), 'SYN seq=100', 1060);
    expect([rfc.explain, rfc.replies]).toEqual(['synrcvd-dup-syn-ack', ['ACK seq=301 ack=101']]);
    const linux = receive(tcb('SYN-RECEIVED', 'B', { profile: 'linux' }), 'SYN seq=100', 1060);
    expect([linux.explain, linux.replies]).toEqual(['synrcvd-dup-syn-synack', ['SYN,ACK seq=300 ack=101']]);
    expect(linux.outcome.reply?.retransmission).toBe(true);
  });

  it("Karn's rule: no RTT sample from a retransmitted SYN, so RTO falls back to 3 s for data (§5.7)", () => {
    const ep = tcb('SYN-SENT'); // SYN at 10, due again at 1010
    expect(fire(ep, 1010).sent.map((s) => [show(s), s.retransmission])).toEqual([['SYN seq=100', true]]);
    receive(ep, 'SYN,ACK seq=300 ack=101', 1110);
    expect([ep.srtt, ep.rto]).toEqual([null, 3000]);
  });

  it('RTO from the first sample: rfc SRTT + max(G, 4·RTTVAR) floored at 1 s; linux SRTT + max(2R, 200 ms)', () => {
    const rtoAfter = (profile: 'rfc' | 'linux', rtt: number) => {
      const ep = tcb('SYN-SENT', 'A', { profile }); // SYN sent at 10
      receive(ep, 'SYN,ACK seq=300 ack=101', 10 + rtt);
      return [ep.srtt, ep.rto];
    };
    expect(rtoAfter('rfc', 200)).toEqual([200, 1000]); // 200 + 400 = 600 → rounded up to 1 s (§2.4)
    expect(rtoAfter('linux', 40)).toEqual([40, 40 + 200]); // R = 40: 40 + max(80, 200)
    expect(rtoAfter('linux', 1000)).toEqual([1000, 1000 + 2000]); // R = 1000: 1000 + max(2000, 200)
  });

  it('a lost data segment is retransmitted after RTO and the ACK then covers it', () => {
    const ep = tcb('ESTABLISHED', 'A'); // RTO 1 s
    const sent = call(ep, 'send', 500, 10);
    expect(sent.timers).toEqual([{ kind: 'retransmission', from: null, to: 1500 }]);
    expect(fire(ep, 1499).fired).toBeNull();
    const again = fire(ep, 1500);
    expect(again.sent.map((s) => [show(s), s.retransmission])).toEqual([
      ['ACK,PSH seq=101 ack=301 len=10', true],
    ]);
    const acked = receive(ep, 'ACK seq=301 ack=111', 1600);
    expect(acked.outcome.timers).toEqual([{ kind: 'retransmission', from: 3500, to: null }]);
    expect([ep.sndUna, ep.rtx.space, ep.backoff]).toEqual([111, 0, 0]);
  });

  it('R2 for data (100 s, §3.8.3): an unanswered segment ends the connection with ETIMEDOUT', () => {
    const ep = tcb('ESTABLISHED', 'A');
    call(ep, 'send', 500, 10);
    const fired = fireAll(ep);
    const retransmits = fired.flatMap((f) => f.outcome.sent.map((s) => [f.t - 500, s.explain]));
    expect(retransmits.map(([t]) => t)).toEqual([1000, 3000, 7000, 15000, 31000, 63000]);
    // The third retransmission reaches R1 (§3.8.3: tell IP to check the route).
    expect(retransmits.filter(([, e]) => e === 'retransmit-r1').map(([t]) => t)).toEqual([7000]);
    const failed = fired.at(-1);
    expect(failed && [failed.t, apps(failed.outcome)]).toEqual([500 + 123_000, ['error:ETIMEDOUT']]);
    expect([ep.state, ep.error]).toEqual(['CLOSED', 'ETIMEDOUT']);
  });
});

describe('delayed ACK (§3.8.6.3)', () => {
  it('with delayedAck, a lone segment is ACKed after 200 ms (rfc), and every second segment at once', () => {
    const ep = tcb('ESTABLISHED', 'B', { delayedAck: true });
    const lone = receive(ep, 'ACK,PSH seq=101 ack=301 len=10', 550);
    expect(lone.replies).toEqual([]);
    expect(lone.outcome.timers).toEqual([{ kind: 'delayed-ack', from: null, to: 750 }]);
    expect(fire(ep, 750).sent.map(show)).toEqual(['ACK seq=301 ack=111']);
    expect(receive(ep, 'ACK seq=111 ack=301 len=1460', 1050).replies).toEqual([]);
    expect(receive(ep, 'ACK seq=1571 ack=301 len=1460', 1050).replies).toEqual(['ACK seq=301 ack=3031']);
  });

  it('a due delayed ACK is not sent when a segment already carried it', () => {
    const ep = tcb('ESTABLISHED', 'B', { delayedAck: true });
    receive(ep, 'ACK,PSH seq=101 ack=301 len=10', 550);
    const piggy = call(ep, 'send', 600, 5);
    expect(piggy.sent.map(show)).toEqual(['ACK,PSH seq=301 ack=111 len=5']);
    expect(piggy.timers).toContainEqual({ kind: 'delayed-ack', from: 750, to: null });
  });

  it('linux quick-ACK mode: the first data segments are ACKed at once even with delayed ACKs on', () => {
    const ep = tcb('ESTABLISHED', 'B', { profile: 'linux', delayedAck: true });
    expect(receive(ep, 'ACK,PSH seq=101 ack=301 len=10', 550).replies).toEqual(['ACK seq=301 ack=111']);
    expect(receive(ep, 'ACK seq=111 ack=301 len=1460', 1050).replies).toEqual(['ACK seq=301 ack=1571']);
  });

  it('linux: a FIN is ACKed on the delayed path, so a peer closing on EOF sends one FIN,ACK (3-segment close)', () => {
    const ep = tcb('ESTABLISHED', 'B', { profile: 'linux', delayedAck: true, closeOnEof: true });
    const fin = receive(ep, 'ACK,FIN seq=101 ack=301', 550);
    expect([fin.replies, fin.outcome.calls]).toEqual([[], ['close']]);
    expect(fin.outcome.timers).toEqual([{ kind: 'delayed-ack', from: null, to: 590 }]);
    // The application's close at the same instant sends the FIN, which carries the owed ACK.
    const close = call(ep, 'close', 550);
    expect(close.sent.map(show)).toEqual(['ACK,FIN seq=301 ack=102']);
    expect(close.timers).toContainEqual({ kind: 'delayed-ack', from: 590, to: null });
  });
});
