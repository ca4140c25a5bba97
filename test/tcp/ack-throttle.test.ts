/**
 * Which replies to unacceptable segments are rate-limited, per profile (profile.ts `challengeAckLimit`,
 * `dupAckLimit`; output.ts sendChallengeAck, sendDupAck). The expected replies are derived by hand from:
 * - RFC 9293 §3.10.7.4 first check: "If an incoming segment is not acceptable, an acknowledgment should be
 *   sent in reply" (no limit), and its challenge ACKs (RST §3.2 / SYN §4.2 / ACK §5.2 of RFC 5961), which
 *   RFC 5961 §7 throttles, suggesting 10 challenge ACKs in 5 seconds;
 * - Linux net/ipv4/tcp_input.c: tcp_oow_rate_limited returns "not limited" for a segment whose end_seq !=
 *   seq (data or FIN) without a SYN, else __tcp_oow_rate_limited refuses while fewer than
 *   sysctl_tcp_invalid_ratelimit = HZ/2 (500 ms) have passed since tp->last_oow_ack_time, which it then
 *   sets; tcp_send_challenge_ack checks the same per-socket timestamp first.
 * Fixture B is ESTABLISHED with RCV.NXT = 101, SND.NXT = 301, RCV.WND = 65,535 (fixtures.ts), so
 * `ACK seq=70000` is out of the window, `ACK seq=50 len=10` is old data, `RST seq=200` is in the window but
 * not at RCV.NXT.
 */
import { describe, expect, it } from 'vitest';
import type { Endpoint } from '../../src/tcp/tcb';
import { receive, tcb } from './fixtures';

const ACK_BACK = 'ACK seq=301 ack=101';

/** B's replies to `template` at each time, one list per arrival. */
function replies(ep: Endpoint, template: string, times: number[]): string[][] {
  return times.map((t) => receive(ep, template, t).replies);
}

describe('rfc profile (RFC 9293 §3.10.7.4, RFC 5961 §7)', () => {
  const b = () => tcb('ESTABLISHED', 'B', { profile: 'rfc' });

  it('RFC 9293 §3.10.7.4: every unacceptable segment is ACKed, data or not, however often', () => {
    const ep = b();
    expect(replies(ep, 'ACK seq=50 ack=301 len=10', [1000, 1100])).toEqual([[ACK_BACK], [ACK_BACK]]);
    expect(replies(ep, 'ACK seq=70000 ack=301', [1200, 1201, 1202])).toEqual([
      [ACK_BACK],
      [ACK_BACK],
      [ACK_BACK],
    ]);
  });

  it('RFC 5961 §7: at most 10 challenge ACKs in any 5 s; the 11th is dropped', () => {
    const ep = b();
    const times = Array.from({ length: 11 }, (_, k) => 1000 + 100 * k); // 1000 … 2000
    const got = replies(ep, 'RST seq=200', times);
    expect(got.slice(0, 10)).toEqual(Array.from({ length: 10 }, () => [ACK_BACK]));
    expect(got[10]).toEqual([]);
    const throttled = receive(ep, 'RST seq=200', 2050);
    expect([throttled.explain, throttled.replies]).toEqual(['ack-throttled', []]);
    // At 6000 the challenge ACK of 1000 is 5 s old: 9 remain in the window (1100 … 1900), so one more goes.
    expect(receive(ep, 'RST seq=200', 6000).replies).toEqual([ACK_BACK]);
    // And the window is full again: 1100 … 1900 and 6000.
    expect(receive(ep, 'RST seq=200', 6001).replies).toEqual([]);
  });

  it('RFC 5961 §7: SYN challenge ACKs count against the same limit; plain ACKs of §3.10.7.4 do not', () => {
    const ep = b();
    expect(replies(ep, 'SYN seq=5000', [1000, 1001, 1002, 1003, 1004])).toEqual(
      Array.from({ length: 5 }, () => [ACK_BACK]),
    );
    expect(replies(ep, 'RST seq=200', [1005, 1006, 1007, 1008, 1009, 1010])).toEqual([
      [ACK_BACK],
      [ACK_BACK],
      [ACK_BACK],
      [ACK_BACK],
      [ACK_BACK],
      [],
    ]);
    expect(receive(ep, 'ACK seq=70000 ack=301', 1011).replies).toEqual([ACK_BACK]);
  });
});

describe('linux profile (tcp_oow_rate_limited, tcp_send_challenge_ack)', () => {
  const b = () => tcb('ESTABLISHED', 'B', { profile: 'linux' });

  it('tcp_oow_rate_limited: a pure ACK out of the window is answered at most once per 500 ms', () => {
    const ep = b();
    expect(replies(ep, 'ACK seq=70000 ack=301', [1000, 1499, 1500, 1999, 2000])).toEqual([
      [ACK_BACK],
      [],
      [ACK_BACK],
      [],
      [ACK_BACK],
    ]);
    expect(receive(ep, 'ACK seq=70000 ack=301', 2001).explain).toBe('ack-throttled');
  });

  it('tcp_oow_rate_limited: duplicate data is ACKed every time and does not consume the limit', () => {
    const ep = b();
    expect(replies(ep, 'ACK seq=50 ack=301 len=10', [1000, 1100, 1101])).toEqual([
      [ACK_BACK],
      [ACK_BACK],
      [ACK_BACK],
    ]);
    // No limited ACK went out yet, so a pure out-of-window ACK is answered, and then one 100 ms later is not.
    expect(replies(ep, 'ACK seq=70000 ack=301', [1200, 1300])).toEqual([[ACK_BACK], []]);
    // Data still is, inside that 500 ms.
    expect(receive(ep, 'ACK seq=50 ack=301 len=10', 1301).replies).toEqual([ACK_BACK]);
  });

  it('tcp_send_challenge_ack: challenge ACKs and duplicate ACKs share one 500 ms limit', () => {
    const ep = b();
    expect(receive(ep, 'RST seq=200', 1000).replies).toEqual([ACK_BACK]);
    expect(receive(ep, 'ACK seq=70000 ack=301', 1200).replies).toEqual([]);
    expect(receive(ep, 'SYN seq=5000', 1400).replies).toEqual([]);
    const syn = receive(ep, 'SYN seq=5000', 1500);
    expect([syn.explain, syn.replies]).toEqual(['syn-challenge-ack', [ACK_BACK]]);
  });

  it('TIME-WAIT: a retransmitted FIN is re-ACKed every time (a FIN occupies sequence space)', () => {
    // A in TIME-WAIT has RCV.NXT = 302 (B's FIN took 301) and SND.NXT = 102.
    const ep = tcb('TIME-WAIT', 'A', { profile: 'linux' });
    const got = [1000, 1100].map((t) => receive(ep, 'FIN,ACK seq=301 ack=102', t));
    expect(got.map((r) => [r.explain, r.replies])).toEqual([
      ['time-wait-fin-restart', ['ACK seq=102 ack=302']],
      ['time-wait-fin-restart', ['ACK seq=102 ack=302']],
    ]);
  });
});
