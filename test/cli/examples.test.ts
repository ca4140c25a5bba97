/**
 * docs/examples/*.json, the v2 scenarios the README names, run through `sim` as a user runs them, and what
 * the README says each one shows checked against its trace. Oracles: the Linux facts in
 * docs/design/linux-listener.md (a TIME-WAIT SYN's new ISS is the old SND.NXT + 65535 + 2; backlog N admits
 * N + 1; SYNs resent 1 s apart at first, tcp_syn_linear_timeouts) and RFC 9293 (a SYN occupies one sequence
 * number, a FIN one).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SendEventV2, TraceV2 } from '../../src/tcp/traceV2';
import { sim } from './helpers';

const DIR = join(import.meta.dirname, '../../docs/examples');

function run(name: string, ...flags: string[]): TraceV2 {
  const out = sim([join(DIR, name), '--format', 'json', ...flags]);
  expect([name, out.code, out.stderr]).toEqual([name, 0, '']);
  return JSON.parse(out.stdout) as TraceV2;
}

const sends = (t: TraceV2) => t.events.filter((e): e is SendEventV2 => e.type === 'send');
const flags = (e: SendEventV2) => e.segment.flags.join(',');

describe('docs/examples', () => {
  it('every example validates and runs, as a ladder and as JSON', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      expect(sim(['validate', join(DIR, f)]).stdout).toBe(`${join(DIR, f)}: valid (version 2)\n`);
      const ladder = sim([join(DIR, f)]);
      expect([f, ladder.code]).toEqual([f, 0]);
      run(f);
    }
  });

  it('three clients: three 4-tuples, three handshakes, every connection closed', () => {
    const t = run('three-clients-one-server.json');
    const syns = sends(t).filter((e) => flags(e) === 'SYN');
    expect(syns.map((e) => e.src.address)).toEqual(['192.0.2.1', '192.0.2.2', '192.0.2.3']);
    for (const syn of syns) expect(syn.dst).toEqual({ address: '198.51.100.1', port: 80 });
    for (const conn of ['c1', 'c2', 'c3'])
      expect(t.final[conn]).toEqual({ client: { state: 'CLOSED' }, server: { state: 'CLOSED' } });
  });

  it('TIME-WAIT reuse: Linux opens c2 with ISS = the old SND.NXT + 65537; under RFC 9293 the old ACK, a RST, and the resent SYN', () => {
    const t = run('time-wait-reuse-linux.json');
    const all = sends(t);
    // The server closed first: its FIN took one sequence number, so its SND.NXT is the FIN's seq + 1.
    const serverFin = all.find(
      (e) => e.conn === 'c1' && e.host === 'server' && e.segment.flags.includes('FIN'),
    );
    const synAck = all.find((e) => e.conn === 'c2' && flags(e) === 'SYN,ACK');
    expect(synAck?.segment.seq).toBe(((serverFin?.segment.seq as number) + 1 + 65537) >>> 0);
    expect(t.final.c2).toEqual({ client: { state: 'ESTABLISHED' }, server: { state: 'ESTABLISHED' } });

    // Under rfc, §3.10.7.4: the SYN in TIME-WAIT gets the old connection's ACK; SYN-SENT answers an ACK that
    // acknowledges nothing it sent with <SEQ=SEG.ACK><CTL=RST> (§3.10.7.3); the RST ends TIME-WAIT, and the
    // SYN resent after the RTO (1 s, RFC 6298 §2.1) opens c2.
    const rfc = run('time-wait-reuse-linux.json', '--profile', 'rfc');
    const after = sends(rfc).filter((e) => e.t >= 2000);
    const oldFin = sends(rfc).find(
      (e) => e.conn === 'c1' && e.host === 'client' && e.segment.flags.includes('FIN'),
    );
    expect(after.map((e) => [e.t, e.host, flags(e)])).toEqual([
      [2000, 'client', 'SYN'],
      [2050, 'server', 'ACK'],
      [2100, 'client', 'RST'],
      [3000, 'client', 'SYN'],
      [3050, 'server', 'SYN,ACK'],
      [3100, 'client', 'ACK'],
    ]);
    expect(after[1]?.segment.ack).toBe(((oldFin?.segment.seq as number) + 1) >>> 0);
    expect(after[2]?.segment.seq).toBe(after[1]?.segment.ack);
    expect(rfc.final.c2).toEqual({ client: { state: 'ESTABLISHED' }, server: { state: 'ESTABLISHED' } });
  });

  it('a full accept queue: backlog 1 admits two; the third SYN is resent at 1, 2, 3, 4, 5 and 7 s', () => {
    const t = run('backlog-full-linux.json');
    const c3 = sends(t).filter((e) => e.conn === 'c3');
    expect(c3.every((e) => flags(e) === 'SYN')).toBe(true);
    expect(c3.map((e) => e.t - 300)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 7000]);
    expect(t.final.c1?.server?.state).toBe('ESTABLISHED');
    expect(t.final.c2?.server?.state).toBe('ESTABLISHED');
    expect(t.final.c3).toEqual({ client: { state: 'SYN-SENT' }, server: null });
  });

  it('a server crash: the clients that send get RST and ECONNRESET; the silent one stays ESTABLISHED', () => {
    const t = run('server-crash-three.json');
    const rsts = sends(t).filter((e) => e.segment.flags.includes('RST'));
    expect(rsts.map((e) => e.dst.address)).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(t.final.c1?.client).toEqual({ state: 'CLOSED', error: 'ECONNRESET' });
    expect(t.final.c2?.client).toEqual({ state: 'CLOSED', error: 'ECONNRESET' });
    expect(t.final.c3?.client).toEqual({ state: 'ESTABLISHED' });
  });
});
