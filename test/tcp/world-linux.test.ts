/**
 * The listener behaviour that differs by profile (docs/design/engine-v2.md §6), with oracles from
 * docs/design/linux-listener.md (§1 TIME-WAIT, §2 the accept queue, §4 the SYN schedule) and RFC 9293.
 */
import { describe, expect, it } from 'vitest';
import type { DeliverEventV2, SendEventV2 } from '../../src/tcp/traceV2';
import { runWorld, World } from '../../src/tcp/world';
import { backlogFull, clientAddress, SERVER, sends, show, statesOf, timeWaitReuse } from './world-harness';

describe('a SYN for a 4-tuple in TIME-WAIT (the server closed first; the client reconnects from port 40000)', () => {
  // Old connection: server ISS 300, so its SND.NXT after SYN and FIN is 302; client ISS 100, so the
  // server's RCV.NXT is 102. The new SYN (c2) has SEG.SEQ = 5000, after RCV.NXT.
  it('linux: TCP_TW_SYN — the TIME-WAIT socket goes, the listener opens c2 with ISS = 302 + 65537', () => {
    const trace = runWorld(timeWaitReuse('linux'));
    expect(statesOf(trace, 'server', 'c1').slice(-2)).toEqual(['FIN-WAIT-2>TIME-WAIT', 'TIME-WAIT>CLOSED']);
    const syn = sends(trace, { conn: 'c2', host: 'client' })[0] as SendEventV2;
    expect(show(syn)).toBe('client>server SYN seq=5000');
    expect(syn.src).toEqual({ address: clientAddress(0), port: 40000 });
    const deliver = trace.events.find((e): e is DeliverEventV2 => e.type === 'deliver' && e.id === syn.id);
    expect(deliver).toMatchObject({ host: 'server', state: 'TIME-WAIT', explain: 'time-wait-syn-reopen' });
    expect(sends(trace, { host: 'server', conn: 'c2' }).map(show)[0]).toBe(
      `server>client SYN,ACK seq=${302 + 65537} ack=5001`,
    );
    expect(statesOf(trace, 'server', 'c2')).toEqual(['LISTEN>SYN-RECEIVED', 'SYN-RECEIVED>ESTABLISHED']);
    expect(trace.final.c2).toEqual({ client: { state: 'ESTABLISHED' }, server: { state: 'ESTABLISHED' } });
  });

  it('rfc: §3.10.7.4 — the SYN gets an ACK of the old connection; the client resets it and retries 1 s later', () => {
    const trace = runWorld(timeWaitReuse('rfc'));
    const replies = sends(trace)
      .filter((e) => e.t >= 2000)
      .map(show);
    expect(replies.slice(0, 4)).toEqual([
      'client>server SYN seq=5000',
      // RFC 5961 §4.2 (fourth step in TIME-WAIT): <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> of the old connection.
      'server>client ACK seq=302 ack=102',
      // §3.10.7.3: SYN-SENT with an unacceptable ACK sends <SEQ=SEG.ACK><CTL=RST>, which closes TIME-WAIT.
      'client>server RST seq=102',
      'client>server SYN seq=5000',
    ]);
    const ack = sends(trace, { host: 'server' }).find((e) => e.t >= 2000) as SendEventV2;
    expect(ack.conn).toBe('c1');
    expect(statesOf(trace, 'server', 'c1').at(-1)).toBe('TIME-WAIT>CLOSED');
    expect(trace.final.c2).toEqual({ client: { state: 'ESTABLISHED' }, server: { state: 'ESTABLISHED' } });
  });

  it('linux: a SYN whose SEG.SEQ is not after RCV.NXT gets the old connection’s ACK (TCP_TW_ACK)', () => {
    const s = timeWaitReuse('linux');
    const c2 = s.actions[3] as { iss?: number };
    c2.iss = 50; // before RCV.NXT = 102
    const trace = runWorld(s);
    const first = sends(trace, { host: 'server' }).find((e) => e.t >= 2000) as SendEventV2;
    expect(show(first)).toBe('server>client ACK seq=302 ack=102');
    expect(first.conn).toBe('c1');
    expect(trace.events.some((e) => e.explain === 'time-wait-syn-reopen')).toBe(false);
  });
});

describe('a full accept queue', () => {
  it('linux: backlog 1 admits 2 (sk_acceptq_is_full uses >); the third client’s SYNs are dropped at the SYN schedule', () => {
    const world = new World(backlogFull('linux'));
    const trace = world.run();
    expect(trace.final.c1?.server).toEqual({ state: 'ESTABLISHED' });
    expect(trace.final.c2?.server).toEqual({ state: 'ESTABLISHED' });
    expect(world.snapshot().listeners['server/:80']).toEqual({ backlog: 1, queued: 2 });
    // client3 connects at 2 s. tcp_syn_linear_timeouts = 4, tcp_syn_retries = 6 (linux-listener.md §4,
    // profile.ts): SYNs at 0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s after connect(), ETIMEDOUT at 131 s.
    const syns = sends(trace, { host: 'client3' });
    expect(syns.every((e) => show(e).startsWith('client3>server SYN seq='))).toBe(true);
    expect(syns.map((e) => (e.t - 2000) / 1000)).toEqual([0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67]);
    const drops = trace.events.filter(
      (e): e is DeliverEventV2 => e.type === 'deliver' && e.host === 'server' && e.t >= 2000,
    );
    expect(drops).toHaveLength(11);
    expect(drops.every((e) => e.explain === 'accept-queue-full' && e.conn === undefined)).toBe(true);
    expect(sends(trace, { host: 'server' }).every((e) => e.t < 2000)).toBe(true);
    expect(trace.final.c3).toEqual({ client: { state: 'CLOSED', error: 'ETIMEDOUT' }, server: null });
    const timeout = trace.events.find((e) => e.type === 'app' && e.error === 'ETIMEDOUT');
    expect(timeout?.t).toBe(2000 + 131_000);
  });

  it('linux: three SYNs at once pass the SYN check; the third final ACK finds the queue full and is dropped', () => {
    const s = backlogFull('linux');
    for (const a of s.actions) a.at = 0;
    const trace = runWorld(s, { seed: 1 });
    const dropped = trace.events.filter((e) => e.explain === 'accept-queue-full');
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped[0]).toMatchObject({ type: 'deliver', host: 'server', state: 'SYN-RECEIVED' });
    // tcp_check_req drops that ACK; the child's SYN,ACK timer resends the SYN,ACK (1 s after it was sent).
    const conn = dropped[0]?.conn as string;
    const synAcks = sends(trace, { host: 'server', conn }).filter(
      (e) => e.segment.flags.join() === 'SYN,ACK',
    );
    expect(synAcks.length).toBeGreaterThan(1);
    expect(synAcks[1]?.retransmission).toBe(true);
    expect(synAcks[1]?.t).toBe((synAcks[0]?.t as number) + 1000);
  });

  it('rfc: no backlog (RFC 9293 has none) — all three connect', () => {
    const trace = runWorld(backlogFull('rfc'));
    for (const c of ['c1', 'c2', 'c3'])
      expect(trace.final[c]).toEqual({ client: { state: 'ESTABLISHED' }, server: { state: 'ESTABLISHED' } });
  });
});

describe('per-host profiles', () => {
  it('each host uses its own profile: a linux server and an rfc client', () => {
    const trace = runWorld({
      version: 2,
      profile: 'rfc',
      hosts: { client: { address: clientAddress(0) }, server: { ...SERVER, profile: 'linux' } },
      actions: [
        { at: 0, host: 'server', call: 'listen', port: 80 },
        { at: 0, host: 'client', call: 'connect', to: 'server:80', conn: 'c1' },
        { at: 500, host: 'client', conn: 'c1', call: 'abort' },
      ],
    });
    expect(trace.hosts).toEqual({
      client: { address: clientAddress(0), profile: 'rfc' },
      server: { address: SERVER.address, profile: 'linux' },
    });
    const port = trace.connections.c1?.client.local.port as number;
    expect(port).toBeGreaterThanOrEqual(49152); // RFC 6335 §6 dynamic ports for the rfc client
    // §3.10.5: the rfc client's ABORT sends <SEQ=SND.NXT><CTL=RST> without ACK.
    expect(sends(trace, { host: 'client' }).at(-1)?.segment.flags).toEqual(['RST']);
  });
});
