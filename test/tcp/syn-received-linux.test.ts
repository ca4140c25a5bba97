/**
 * A passive SYN-RECEIVED under `linux` is a request sock, and tcp_check_req (net/ipv4/tcp_minisocks.c)
 * handles what reaches it: after the window check, "if (flg & (TCP_FLAG_RST|TCP_FLAG_SYN)) goto
 * embryonic_reset", which answers a SYN with a RST (tcp_v4_send_reset) and drops the request
 * (inet_csk_reqsk_queue_drop). Under `rfc`, RFC 9293 §3.10.7.4 with RFC 5961: a RST not at RCV.NXT gets a
 * challenge ACK, a SYN returns to LISTEN without a reply. Fixture B in SYN-RECEIVED: RCV.NXT = 101,
 * SND.NXT = 301, RCV.WND = 65,535 (values by hand, fixtures.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/tcp/types';
import { receive, tcb } from './fixtures';

const request = (profile: Profile) => tcb('SYN-RECEIVED', 'B', { profile });

describe('embryonic reset (linux) against RFC 9293 + RFC 5961 (rfc)', () => {
  it('linux: a RST in the window but not at RCV.NXT drops the request: LISTEN, no reply', () => {
    const r = receive(request('linux'), 'RST seq=150');
    expect([r.explain, r.from, r.to, r.replies]).toEqual([
      'synrcvd-rst-embryonic',
      'SYN-RECEIVED',
      'LISTEN',
      [],
    ]);
  });

  it('rfc: the same RST gets a challenge ACK and the attempt goes on', () => {
    const r = receive(request('rfc'), 'RST seq=150');
    expect([r.explain, r.to, r.replies]).toEqual([
      'rst-challenge-ack',
      'SYN-RECEIVED',
      ['ACK seq=301 ack=101'],
    ]);
  });

  it('both: a RST at RCV.NXT returns the request to LISTEN (§3.10.7.4 second)', () => {
    for (const profile of ['rfc', 'linux'] as const) {
      const r = receive(request(profile), 'RST seq=101');
      expect([profile, r.explain, r.to, r.replies]).toEqual([profile, 'synrcvd-rst-listen', 'LISTEN', []]);
    }
  });

  it('linux: a new SYN in the window is answered <SEQ=0><ACK=SEG.SEQ+1><CTL=RST,ACK> and the request dropped', () => {
    const r = receive(request('linux'), 'SYN seq=150');
    expect([r.explain, r.to, r.replies]).toEqual([
      'synrcvd-syn-embryonic-reset',
      'LISTEN',
      ['ACK,RST seq=0 ack=151'],
    ]);
  });

  it('rfc: the same SYN returns to LISTEN without a reply (§3.10.7.4 fourth)', () => {
    const r = receive(request('rfc'), 'SYN seq=150');
    expect([r.explain, r.to, r.replies]).toEqual(['synrcvd-syn-listen', 'LISTEN', []]);
  });

  it('linux: a RST outside the window is dropped and the request stays (the window check comes first)', () => {
    const r = receive(request('linux'), 'RST seq=70000');
    expect([r.explain, r.to, r.replies]).toEqual(['unacceptable-rst-dropped', 'SYN-RECEIVED', []]);
  });
});
