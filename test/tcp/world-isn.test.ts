/**
 * ISNs in a v2 world (docs/design/engine-v2.md §5, linux-listener.md §6), checked against values derived by
 * hand from the Linux source and RFC 9293 §3.4.1.
 *
 * Linux (net/core/secure_seq.c, 6.18.19): tcp_v4_connect calls secure_tcp_seq_and_ts_off(net,
 * inet_saddr, inet_daddr, inet_sport, usin->sin_port) and a passive open tcp_v4_init_seq_and_ts_off with
 * the SYN's (daddr, saddr, dest, source), so both ends hash their own (local, remote) 4-tuple:
 * `siphash_3u32(saddr, daddr, sport << 16 | dport, net_secret)`, then
 * `seq_scale(seq) = seq + (ktime_get_real_ns() >> 6)`: one tick per 64 ns, i.e. 10^6 / 64 = 15,625 per ms.
 * synack's stand-in for the keyed siphash is hash32('isn', seed, 4-tuple): the key is the scenario seed.
 * So for one 4-tuple, ISS(t2) − ISS(t1) = (t2 − t1) × 15,625 mod 2^32, whatever the seed; under `rfc` the
 * §3.4.1 clock ticks every 4 µs: 250 per ms.
 */
import { describe, expect, it } from 'vitest';
import { addressBits } from '../../src/tcp/host';
import { hash32 } from '../../src/tcp/prng';
import type { ScenarioV2Input } from '../../src/tcp/scenarioV2';
import type { TraceV2 } from '../../src/tcp/traceV2';
import type { Profile } from '../../src/tcp/types';
import { runWorld } from '../../src/tcp/world';
import { clientAddress, SERVER, sends, show } from './world-harness';

const CLIENT = clientAddress(0);

/**
 * c1 from port 40000 at 10 ms, aborted at 500 ms (the RST frees the 4-tuple at both ends), then c2 from the
 * same port at `again` ms: the same 4-tuple twice. Latency 50 ms (the default), no jitter.
 */
function sameTupleTwice(profile: Profile, again: number, seed = 1): ScenarioV2Input {
  return {
    version: 2,
    profile,
    seed,
    hosts: { client: { address: CLIENT }, server: SERVER },
    actions: [
      { at: 0, host: 'server', call: 'listen', port: 80 },
      { at: 10, host: 'client', call: 'connect', to: 'server:80', conn: 'c1', port: 40000 },
      { at: 500, host: 'client', conn: 'c1', call: 'abort' },
      { at: again, host: 'client', call: 'connect', to: 'server:80', conn: 'c2', port: 40000 },
    ],
  };
}

const issOf = (trace: TraceV2, host: string, conn: string): number => {
  const first = sends(trace, { host, conn })[0];
  if (!first) throw new Error(`no segment from ${host} on ${conn}`);
  return first.segment.seq;
};

/** F of the stand-in: the seeded hash of (local address, local port, remote address, remote port). */
const f = (seed: number, local: string, lport: number, remote: string, rport: number) =>
  hash32('isn', seed, addressBits(local), lport, addressBits(remote), rport);

describe('linux: ISS = F(4-tuple, seed) + (t_ns >> 6) (secure_tcp_seq_and_ts_off, seq_scale)', () => {
  it('the client’s SYN at 10 ms: F(client:40000, server:80) + 10 × 10^6 >> 6 = F + 156,250', () => {
    const trace = runWorld(sameTupleTwice('linux', 2000));
    expect(issOf(trace, 'client', 'c1')).toBe((f(1, CLIENT, 40000, SERVER.address, 80) + 156_250) >>> 0);
  });

  it('the server’s SYN,ACK: its own (local, remote) order, at the SYN’s arrival (60 ms): F + 937,500', () => {
    const trace = runWorld(sameTupleTwice('linux', 2000));
    const synAck = sends(trace, { host: 'server', conn: 'c1' })[0];
    expect(synAck?.segment.flags).toEqual(['SYN', 'ACK']);
    expect(synAck?.t).toBe(60);
    expect(issOf(trace, 'server', 'c1')).toBe((f(1, SERVER.address, 80, CLIENT, 40000) + 937_500) >>> 0);
  });

  it('the same 4-tuple 1,990 ms later: ISS grows by 1,990 × 15,625 = 31,093,750, for any seed', () => {
    for (const seed of [1, 2, 99]) {
      const trace = runWorld(sameTupleTwice('linux', 2000, seed));
      const grown = (issOf(trace, 'client', 'c2') - issOf(trace, 'client', 'c1')) >>> 0;
      expect([seed, grown]).toEqual([seed, 31_093_750]);
    }
  });

  it('the clock wraps every 2^32 × 64 ns ≈ 274.9 s: 300,000 ms later the ISS is 392,532,704 ahead', () => {
    // 300,000 × 15,625 = 4,687,500,000 = 2^32 + 392,532,704.
    const trace = runWorld(sameTupleTwice('linux', 300_010));
    expect((issOf(trace, 'client', 'c2') - issOf(trace, 'client', 'c1')) >>> 0).toBe(392_532_704);
  });

  it('the key is the seed: another seed, another F (no Math.random, no wall clock: the same seed, the same ISS)', () => {
    const one = issOf(runWorld(sameTupleTwice('linux', 2000, 1)), 'client', 'c1');
    expect(issOf(runWorld(sameTupleTwice('linux', 2000, 1)), 'client', 'c1')).toBe(one);
    expect(issOf(runWorld(sameTupleTwice('linux', 2000, 2)), 'client', 'c1')).toBe(
      (f(2, CLIENT, 40000, SERVER.address, 80) + 156_250) >>> 0,
    );
    expect(issOf(runWorld(sameTupleTwice('linux', 2000, 2)), 'client', 'c1')).not.toBe(one);
  });

  it('pinned ISNs win: a connect’s `iss`, then the host’s `isn` list, then the clock', () => {
    const s = sameTupleTwice('linux', 2000);
    (s.actions[1] as { iss?: number }).iss = 7;
    s.hosts.server = { ...SERVER, isn: [900] };
    const trace = runWorld(s);
    expect(issOf(trace, 'client', 'c1')).toBe(7);
    expect(issOf(trace, 'server', 'c1')).toBe(900);
    // The server's list is used up: c2's child takes the clock (SYN at 2,000 ms, arriving at 2,050 ms).
    expect(issOf(trace, 'server', 'c2')).toBe(
      (f(1, SERVER.address, 80, CLIENT, 40000) + 2050 * 15_625) >>> 0,
    );
  });

  it('a TIME-WAIT reopen overrides the clock: ISS = old SND.NXT + 65537 (TCP_TW_SYN; tcp_conn_request reads tcp_tw_isn)', () => {
    // The server closes c1 first and lingers in TIME-WAIT; c2 reuses the 4-tuple 1,490 ms later. Its SYN's
    // sequence number is the clock's (F + 2,000 × 15,625, far after the old RCV.NXT = c1's ISS + 2).
    const trace = runWorld({
      version: 2,
      profile: 'linux',
      hosts: { client: { address: CLIENT, closeOnEof: true }, server: SERVER },
      options: { delayedAck: false },
      actions: [
        { at: 0, host: 'server', call: 'listen', port: 80 },
        { at: 10, host: 'client', call: 'connect', to: 'server:80', conn: 'c1', port: 40000 },
        { at: 500, host: 'server', conn: 'c1', call: 'close' },
        { at: 2000, host: 'client', call: 'connect', to: 'server:80', conn: 'c2', port: 40000 },
      ],
    });
    const fin = sends(trace, { host: 'server', conn: 'c1' }).find((e) => e.segment.flags.includes('FIN'));
    const synAck = sends(trace, { host: 'server', conn: 'c2' })[0];
    expect(show(synAck as never)).toMatch(/^server>client SYN,ACK /);
    expect(synAck?.segment.seq).toBe(((fin?.segment.seq as number) + 1 + 65537) >>> 0);
    expect(issOf(trace, 'client', 'c2')).toBe(
      (f(1, CLIENT, 40000, SERVER.address, 80) + 2000 * 15_625) >>> 0,
    );
  });
});

describe('rfc: ISN = M + F, M the §3.4.1 clock "every roughly 4 microseconds"', () => {
  it('the client’s SYN at 10 ms: F + 10 × 250 = F + 2,500; 1,990 ms later 497,500 more', () => {
    const trace = runWorld(sameTupleTwice('rfc', 2000));
    expect(issOf(trace, 'client', 'c1')).toBe((f(1, CLIENT, 40000, SERVER.address, 80) + 2500) >>> 0);
    expect((issOf(trace, 'client', 'c2') - issOf(trace, 'client', 'c1')) >>> 0).toBe(497_500);
  });
});
