/**
 * RFC 9293 §3.10.7.3 SYN-SENT, on `process`: A sent its SYN (ISS = 100, SND.NXT = 101) at 10 and waits;
 * its retransmission timer is due at 1010.
 */
import { describe, expect, it } from 'vitest';
import { apps, receive, tcb } from './fixtures';

const synSent = () => tcb('SYN-SENT');

describe('§3.10.7.3 SYN-SENT', () => {
  it('SYN-SENT: ACK =< ISS → <SEQ=SEG.ACK><CTL=RST>, discard', () => {
    const r = receive(synSent(), 'SYN,ACK seq=300 ack=100');
    expect([r.explain, r.to, r.replies]).toEqual(['synsent-bad-ack-reset', 'SYN-SENT', ['RST seq=100']]);
    expect(r.outcome.timers).toEqual([]);
  });

  it('SYN-SENT: ACK > SND.NXT → <SEQ=SEG.ACK><CTL=RST>', () => {
    expect(receive(synSent(), 'ACK seq=300 ack=500').replies).toEqual(['RST seq=500']);
  });

  it('SYN-SENT: unacceptable ACK with RST → drop silently', () => {
    const r = receive(synSent(), 'ACK,RST seq=300 ack=500');
    expect([r.explain, r.to, r.replies]).toEqual(['synsent-bad-ack-rst-dropped', 'SYN-SENT', []]);
  });

  it('SYN-SENT: RST with acceptable ACK → CLOSED, ECONNREFUSED', () => {
    const ep = synSent();
    const r = receive(ep, 'ACK,RST seq=0 ack=101');
    expect([r.explain, r.to]).toEqual(['synsent-rst-refused', 'CLOSED']);
    expect(apps(r.outcome)).toEqual(['error:ECONNREFUSED']);
    expect(ep.error).toBe('ECONNREFUSED');
    // CLOSED deletes the TCB (§3.3.2): its retransmission timer goes with it.
    expect(r.outcome.timers).toEqual([{ kind: 'retransmission', from: 1010, to: null }]);
  });

  it('SYN-SENT: RST without ACK → drop, stay in SYN-SENT', () => {
    const r = receive(synSent(), 'RST seq=0');
    expect([r.explain, r.to, r.replies]).toEqual(['synsent-rst-no-ack', 'SYN-SENT', []]);
  });

  it('SYN-SENT: SYN,ACK acknowledging our SYN → ESTABLISHED, <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>', () => {
    const ep = synSent();
    const r = receive(ep, 'SYN,ACK seq=700 ack=101', 110);
    expect([r.explain, r.from, r.to]).toEqual(['synsent-synack', 'SYN-SENT', 'ESTABLISHED']);
    expect(r.replies).toEqual(['ACK seq=101 ack=701']);
    expect(apps(r.outcome)).toEqual(['connected']);
    expect([ep.irs, ep.rcvNxt, ep.sndUna]).toEqual([700, 701, 101]);
    // Our SYN is acknowledged: the queue empties and the timer stops; the RTT sample is 110 − 10 = 100 ms.
    expect(r.outcome.timers).toEqual([{ kind: 'retransmission', from: 1010, to: null }]);
    expect(ep.srtt).toBe(100);
  });

  it('SYN-SENT: SYN without ACK → SYN-RECEIVED, <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> (simultaneous open)', () => {
    const r = receive(synSent(), 'SYN seq=700');
    expect([r.explain, r.to, r.replies]).toEqual([
      'synsent-syn-simultaneous',
      'SYN-RECEIVED',
      ['SYN,ACK seq=100 ack=701'],
    ]);
    // It carries our SYN again (same SEQ), so it is traced as a retransmission.
    expect(r.outcome.reply?.retransmission).toBe(true);
  });

  it('SYN-SENT: neither SYN nor RST → drop', () => {
    const r = receive(synSent(), 'ACK seq=700 ack=101');
    expect([r.explain, r.to, r.replies]).toEqual(['synsent-no-syn-dropped', 'SYN-SENT', []]);
  });
});

describe('the two-way handshake variant', () => {
  it('SYN-SENT: the SYN,ACK is enough: ESTABLISHED and no third ACK', () => {
    const r = receive(tcb('SYN-SENT', 'A', { handshake: 'two-way' }), 'SYN,ACK seq=300 ack=101', 110);
    expect([r.to, r.replies, apps(r.outcome)]).toEqual(['ESTABLISHED', [], ['connected']]);
  });
});
