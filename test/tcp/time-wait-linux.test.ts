/**
 * TIME-WAIT under the `linux` profile, as tcp_timewait_state_process (net/ipv4/tcp_minisocks.c) decides for
 * TCP_TIME_WAIT, against the `rfc` profile's RFC 9293 §3.10.7.4 on the same segments. Expected values by
 * hand: fixture A in TIME-WAIT has RCV.NXT = 302 (B's FIN took 301), SND.NXT = 102, RCV.WND = 65,535, and
 * MSL 1 s, so a restart at t puts the timer at t + 2,000 ms.
 */
import { describe, expect, it } from 'vitest';
import { pollAt } from '../../src/tcp/process';
import type { Profile } from '../../src/tcp/types';
import { receive, tcb } from './fixtures';

const timeWait = (profile: Profile) => tcb('TIME-WAIT', 'A', { profile });
const ACK_BACK = 'ACK seq=102 ack=302';

describe('linux: tcp_timewait_state_process', () => {
  it('"In window segment, it may be only reset or bare ack": a bare ACK at RCV.NXT restarts the timer, no reply', () => {
    const ep = timeWait('linux');
    const r = receive(ep, 'ACK seq=302 ack=102', 1500);
    expect([r.explain, r.to, r.replies, pollAt(ep)]).toEqual([
      'time-wait-ack-rescheduled',
      'TIME-WAIT',
      [],
      3500,
    ]);
  });

  it('a RST at RCV.NXT ends TIME-WAIT (tcp_rfc1337 = 0: "TIME_WAIT assassination")', () => {
    const r = receive(timeWait('linux'), 'RST seq=302', 1500);
    expect([r.explain, r.to, r.replies]).toEqual(['rst-close', 'CLOSED', []]);
  });

  it('a RST in the window but not at RCV.NXT is dropped: no challenge ACK, the timer runs on', () => {
    const ep = timeWait('linux');
    const before = pollAt(ep);
    const r = receive(ep, 'RST seq=400', 1500);
    expect([r.explain, r.to, r.replies, pollAt(ep)]).toEqual([
      'time-wait-rst-dropped',
      'TIME-WAIT',
      [],
      before,
    ]);
  });

  it('"Out of window segment. All the segments are ACKed immediately": an old ACK is ACKed and restarts the timer', () => {
    const ep = timeWait('linux');
    const r = receive(ep, 'ACK seq=200 ack=102', 1500);
    expect([r.explain, r.replies, pollAt(ep)]).toEqual(['time-wait-ack-restart', [ACK_BACK], 3500]);
    // Within 500 ms the ACK is rate-limited (tcp_timewait_check_oow_rate_limit), the restart is not.
    const again = receive(ep, 'ACK seq=200 ack=102', 1700);
    expect([again.explain, again.replies, pollAt(ep)]).toEqual(['ack-throttled', [], 3700]);
  });

  it('an ACK in the window but not at RCV.NXT is answered the same way (not only bare ACKs at RCV.NXT pass)', () => {
    const ep = timeWait('linux');
    const r = receive(ep, 'ACK seq=400 ack=102', 1500);
    expect([r.explain, r.replies, pollAt(ep)]).toEqual(['time-wait-ack-restart', [ACK_BACK], 3500]);
  });

  it('data at RCV.NXT is ACKed every time (it occupies sequence space: never rate-limited)', () => {
    const ep = timeWait('linux');
    const got = [1500, 1600].map((t) => receive(ep, 'ACK seq=302 ack=102 len=10', t).replies);
    expect(got).toEqual([[ACK_BACK], [ACK_BACK]]);
    expect(pollAt(ep)).toBe(3600);
  });
});

describe('rfc: RFC 9293 §3.10.7.4 in TIME-WAIT, for contrast', () => {
  it('a bare ACK at RCV.NXT is acceptable and changes nothing: the timer is not restarted', () => {
    const ep = timeWait('rfc');
    const before = pollAt(ep);
    const r = receive(ep, 'ACK seq=302 ack=102', 1500);
    expect([r.replies, pollAt(ep), r.to]).toEqual([[], before, 'TIME-WAIT']);
  });

  it('a RST in the window but not at RCV.NXT gets a challenge ACK (RFC 5961 §3.2)', () => {
    const r = receive(timeWait('rfc'), 'RST seq=400', 1500);
    expect([r.explain, r.replies]).toEqual(['rst-challenge-ack', [ACK_BACK]]);
  });

  it('an old ACK gets an ACK and leaves the timer alone (only a retransmitted FIN restarts it)', () => {
    const ep = timeWait('rfc');
    const before = pollAt(ep);
    const r = receive(ep, 'ACK seq=200 ack=102', 1500);
    expect([r.explain, r.replies, pollAt(ep)]).toEqual(['unacceptable-ack', [ACK_BACK], before]);
  });
});
