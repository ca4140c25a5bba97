/**
 * The limits of a scenario (issue 12): 16 hosts and 1,000 connections. One server, 15 client hosts, 1,000
 * connections (67 or 66 per client host), each sending 2,000 bytes and closing; the server closes on EOF.
 * Every connection must open and close (RFC 9293 figure 5) with a distinct client port per host.
 */
import { describe, expect, it } from 'vitest';
import { MAX_CONNECTIONS } from '../../src/tcp/scenarioV2';
import { runWorld } from '../../src/tcp/world';
import { thousandConnections } from './world-harness';

describe('1,000 connections between 16 hosts', () => {
  it('all open, carry their data and close; client ports are distinct per host', () => {
    const trace = runWorld(thousandConnections());
    expect(trace.truncated).toBeUndefined();
    expect(Object.keys(trace.final)).toHaveLength(MAX_CONNECTIONS);
    for (const f of Object.values(trace.final)) {
      expect(f).toEqual({ client: { state: 'CLOSED' }, server: { state: 'CLOSED' } });
    }
    const byHost = new Map<string, Set<number>>();
    for (const info of Object.values(trace.connections)) {
      const ports = byHost.get(info.client.host) ?? new Set<number>();
      ports.add(info.client.local.port);
      byHost.set(info.client.host, ports);
    }
    expect([...byHost.values()].reduce((n, s) => n + s.size, 0)).toBe(MAX_CONNECTIONS);
  }, 60_000);
});
