/**
 * The v2 ladder (src/cli/ladder-v2.ts): exact text for a small hand-written trace, and for the
 * three-client trace, each segment checked against the fixture: an arrow from its sender's column to its
 * receiver's, with its label on the arrow or in the notes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatLadderV2, MIN_GAP } from '../../src/cli/ladder-v2';
import { TraceV2Error } from '../../src/interop/trace-v2-check';
import type { SendEventV2, TraceV2 } from '../../src/tcp/traceV2';
import { refusedAfterLoss, threeClients } from './fixtures/traces-v2';
import { sim } from './helpers';

describe('formatLadderV2', () => {
  it('draws two hosts as the v1 ladder draws A and B: the lost SYN, its retransmission, the RST,ACK', () => {
    // Written from the fixture: #1 SYN seq=1000 lost; #2 its retransmission; #3 RST,ACK seq=0 ack=1001
    // from the server's port 81, where nobody listens. Columns 55 apart, as v1's A and B.
    const expected = [
      '2 hosts · 1 connection · profile rfc',
      '',
      '            client                                                 server',
      '            192.0.2.1                                              198.51.100.1',
      '    10.000  │ c1 connect()                                         │',
      '            The application calls OPEN in active mode (connect) to open a connection.',
      '            — RFC 9293 §3.10.1 [call-connect]',
      '    10.000  │ c1 CLOSED → SYN-SENT                                 │',
      '            Active OPEN: choose an initial send sequence number (ISS), send a SYN <SEQ=ISS> and',
      '            enter SYN-SENT. — RFC 9293 §3.10.1 [open-active]',
      '    10.000  │ ── [c1] #1 SYN seq=1000 ───────────────────────────▶ │',
      '    60.000  │                    ✕ [c1] #1 SYN lost by the network │',
      "            The network lost the segment: it never arrives, and only the sender's retransmission",
      '            timer can recover it. — RFC 9293 §3.8.1 [lost]',
      '  1010.000  │ c1 ⏱ retransmission timer expires                    │',
      '            The retransmission timer expires: a segment was not acknowledged within one RTO.',
      '            — RFC 6298 §5.4 [timer-retransmission]',
      '  1010.000  │ ── [c1] #2 SYN seq=1000 ───────────────────────────▶ │',
      '            (retransmission) Retransmission timeout: send the oldest unacknowledged segment again',
      '            and back off the timer (RTO). — RFC 6298 §5.4 [retransmit]',
      '  1060.000  │                     [c1] #2 SYN arrives in CLOSED ─▶ │',
      '            A segment arrives for a connection that does not exist (CLOSED): answer with a reset so',
      '            the sender learns it is gone. — RFC 9293 §3.10.7.1 [closed-reset]',
      '  1060.000  │ ◀───────────────── [c1] #3 ACK,RST seq=0 ack=1001 ── │',
      '  1110.000  │ ◀─ [c1] #3 ACK,RST arrives in SYN-SENT               │',
      '            In SYN-SENT, a RST that acknowledges our SYN: the peer refuses the connection; report',
      '            "connection refused" and enter CLOSED. — RFC 9293 §3.10.7.3 [synsent-rst-refused]',
      '  1110.000  │ c1 SYN-SENT → CLOSED                                 │',
      '  1110.000  │ c1 ⇒ error ECONNREFUSED: connection refused          │',
      '',
      'final:',
      '  c1  client CLOSED ECONNREFUSED (connection refused), server (no server end)',
      '',
    ].join('\n');
    expect(formatLadderV2(refusedAfterLoss())).toBe(expected);
  });

  it('puts every segment of the three clients on an arrow between the right columns', () => {
    const trace = threeClients();
    const lines = formatLadderV2(trace).split('\n');
    // The header's name line places the columns: each host's name starts at its lifeline.
    const names = lines[2] as string;
    const column = new Map(Object.keys(trace.hosts).map((h) => [h, names.indexOf(h)]));
    expect([...column.values()]).toEqual([12, 41, 70, 99]);
    expect(lines[3]).toBe(
      '            192.0.2.1                    192.0.2.2                    192.0.2.3                    198.51.100.1',
    );
    const sends = trace.events.filter((e): e is SendEventV2 => e.type === 'send');
    expect(sends).toHaveLength(22);
    let row = 0;
    for (const send of sends) {
      const label = `[${send.conn ?? 'c?'}] #${send.id} `;
      while (row < lines.length && !(lines[row] as string).includes(label)) row++;
      const line = lines[row] as string;
      expect(line, `#${send.id}`).toBeDefined();
      const from = column.get(send.host) as number;
      const to = column.get(send.toHost) as number;
      // The arrowhead points at the receiver's lifeline and the arrow starts at the sender's.
      if (from < to) {
        expect(line[to - 2], `#${send.id} ${line}`).toBe('▶');
        expect(line.slice(from + 2, from + 4), `#${send.id}`).toBe('──');
      } else {
        expect(line[to + 2], `#${send.id} ${line}`).toBe('◀');
        expect(line.slice(from - 3, from - 1), `#${send.id}`).toBe('──');
      }
      const s = send.segment;
      const text = `${s.flags.join(',')} seq=${s.seq}${s.flags.includes('ACK') ? ` ack=${s.ack}` : ''}${s.len > 0 ? ` len=${s.len}` : ''}`;
      expect(line, `#${send.id}`).toContain(`${label}${text}`);
      expect(line.slice(0, 10).trim(), `#${send.id}`).toBe(send.t.toFixed(3));
    }
    expect(lines).toContain('  c3  client3 CLOSED, server CLOSED');
    // States are written in their host's column with the connection; the last host's on its right.
    expect(lines).toContain(
      '   490.000  │                            │                            │ c3 CLOSE-WAIT → LAST-ACK   │',
    );
    expect(lines).toContain(
      '    60.000  │                            │                            │                            │ c1 LISTEN → SYN-RECEIVED',
    );
    // An arrow too short for its label, and text too wide for its lane: the notes take them.
    expect(lines).toContain(
      '    30.000  │                            │                            │ ─────────────────────────▶ │ [c3] #3 SYN seq=3000',
    );
    expect(lines).toContain(
      '   110.000  ●                            │                            │                            │ client1: [c1] #4 SYN,ACK arrives in SYN-SENT',
    );
  });

  it("is the README's sample, as pasted there: what sim prints for docs/examples/three-clients-one-server.json", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Version 2 traces (several hosts)'));
    const block = /\n```\n(4 hosts[\s\S]*?)\n```\n/.exec(section)?.[1];
    if (!block) throw new Error('README: no ladder under "Version 2 traces"');
    const [head, tail] = block.split('\n…\n') as [string, string];
    const run = sim([
      fileURLToPath(new URL('../../docs/examples/three-clients-one-server.json', import.meta.url)),
    ]);
    expect(run.code).toBe(0);
    const text = run.stdout;
    expect(text.startsWith(`${head}\n`)).toBe(true);
    expect(text.endsWith(`\n${tail}\n`)).toBe(true);
  });

  it('spreads 16 hosts 8 columns apart, with a staircase header', () => {
    const hosts: TraceV2['hosts'] = {};
    for (let i = 0; i < 16; i++) hosts[`h${i}`] = { address: `192.0.2.${i + 1}`, profile: 'rfc' };
    const trace: TraceV2 = { version: 2, hosts, connections: {}, events: [], final: {} };
    const lines = formatLadderV2(trace).split('\n');
    expect(lines[0]).toBe('16 hosts · 0 connections · profile rfc');
    expect(lines[2]).toBe('            h0 192.0.2.1');
    expect(lines[3]).toBe(`            │${' '.repeat(MIN_GAP - 1)}h1 192.0.2.2`);
    expect(lines[17]).toBe(`            ${`│${' '.repeat(MIN_GAP - 1)}`.repeat(15)}h15 192.0.2.16`);
  });

  it('refuses a trace outside the limits, naming the field', () => {
    const bad = refusedAfterLoss();
    (bad.events[2] as SendEventV2).src = { address: '192.0.2.1', port: 70_000 };
    expect(() => formatLadderV2(bad)).toThrow(TraceV2Error);
    expect(() => formatLadderV2(bad)).toThrow(
      '$.events[2].src.port: expected a port from 0 to 65,535, got 70000',
    );
    const unknown = refusedAfterLoss();
    (unknown.events[0] as { host: string }).host = 'nobody';
    expect(() => formatLadderV2(unknown)).toThrow("$.events[0].host: expected one of the trace's hosts");
    const many: TraceV2 = { ...refusedAfterLoss(), hosts: {} };
    for (let i = 0; i < 17; i++) many.hosts[`h${i}`] = { address: '192.0.2.1', profile: 'rfc' };
    expect(() => formatLadderV2(many)).toThrow('$.hosts: expected 1 to 16 hosts, got "17 hosts"');
    expect(() => formatLadderV2(threeClients(), { width: 20 })).toThrow('width');
    const control = refusedAfterLoss();
    (control.events[1] as { rfc: string }).rfc = '3.10.1\x1b[2J';
    expect(() => formatLadderV2(control)).toThrow(
      '$.events[1].rfc: expected a section of at most 64 printable characters',
    );
    // A connection in final that the table does not name (even one called like an Object property).
    const orphan = refusedAfterLoss();
    orphan.final = {
      ...orphan.final,
      ['constructor' as string]: { client: { state: 'CLOSED' }, server: null },
    };
    expect(formatLadderV2(orphan)).toContain('  constructor  client CLOSED, server (no server end)\n');
  });
});
