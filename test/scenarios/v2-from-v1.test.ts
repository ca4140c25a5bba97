/**
 * v1 → v2 (issue 12: "A v1 scenario runs as hosts A and B with one connection"): every preset converts to
 * a scenario that validates as v2, and the conversions of the telling presets are what a person writes by
 * hand from the v1 file, DEFAULT_PORTS (A 40000, B 80) and the pcap export's addresses (A 192.0.2.1,
 * B 198.51.100.1, RFC 5737).
 */
import { describe, expect, it } from 'vitest';
import { loadPreset, PRESET_NAMES, parseScenarioV2, v1ToV2 } from '../../src/scenarios';
import type { ScenarioInput } from '../../src/tcp/types';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const HOSTS = { A: { address: '192.0.2.1' }, B: { address: '198.51.100.1' } };

describe('every preset', () => {
  it.each(PRESET_NAMES)('%s converts to a valid v2 scenario, leaving the v1 input unchanged', (name) => {
    const v1 = loadPreset(name) as ScenarioInput;
    const before = structuredClone(v1);
    const v2 = v1ToV2(deepFreeze(structuredClone(v1)));
    const result = parseScenarioV2(v2);
    expect(result.ok || result.issues.map((i) => `${i.path}: ${i.message}`)).toBe(true);
    expect(v1).toEqual(before);
    // As many actions and faults, at the same times; name, description, options carried over.
    expect(v2.actions.map((a) => [a.at, a.host, a.call])).toEqual(
      v1.actions.map((a) => [a.at, a.endpoint, a.call]),
    );
    expect(v2.faults?.length).toBe(v1.faults?.length);
    expect([v2.name, v2.description, v2.options, v2.profile]).toEqual([
      v1.name,
      v1.description,
      v1.options,
      v1.profile,
    ]);
    expect(Object.keys(v2.hosts)).toEqual(['A', 'B']);
  });
});

describe('by hand', () => {
  it('a handshake with data: listen on B’s port, connect from A’s port, sends on c1', () => {
    const v2 = v1ToV2({
      version: 1,
      endpoints: { B: { closeOnEof: true } },
      actions: [
        { at: 0, endpoint: 'B', call: 'listen' },
        { at: 10, endpoint: 'A', call: 'connect' },
        { at: 300, endpoint: 'A', call: 'send', bytes: 5 },
        { at: 300, endpoint: 'A', call: 'close' },
      ],
    });
    expect(v2).toEqual({
      version: 2,
      hosts: { A: HOSTS.A, B: { ...HOSTS.B, closeOnEof: true } },
      actions: [
        { at: 0, host: 'B', call: 'listen', port: 80 },
        { at: 10, host: 'A', call: 'connect', to: 'B:80', conn: 'c1', port: 40000 },
        { at: 300, host: 'A', call: 'send', conn: 'c1', bytes: 5 },
        { at: 300, host: 'A', call: 'close', conn: 'c1' },
      ],
    });
  });

  it('rfc9293-fig9: a reconnect after a crash is a new conn from the same port; ISN lists stay per host', () => {
    const v2 = v1ToV2(loadPreset('rfc9293-fig9') as ScenarioInput);
    expect(v2.hosts).toEqual({ A: { ...HOSTS.A, isn: [99, 400] }, B: { ...HOSTS.B, isn: [299, 700] } });
    expect(v2.actions).toEqual([
      { at: 0, host: 'B', call: 'listen', port: 80 },
      { at: 10, host: 'A', call: 'connect', to: 'B:80', conn: 'c1', port: 40000 },
      { at: 600, host: 'A', call: 'connect', to: 'B:80', conn: 'c2', port: 40000 },
      { at: 1500, host: 'B', call: 'listen', port: 80 },
    ]);
    expect(v2.faults).toEqual([{ crash: { at: 500, host: 'A' } }]);
  });

  it('simultaneous-open: each end names its own conn with the same 4-tuple, and keeps using it', () => {
    const v2 = v1ToV2({
      version: 1,
      endpoints: { A: { port: 1000 }, B: { port: 2000 } },
      actions: [
        { at: 0, endpoint: 'A', call: 'connect' },
        { at: 20, endpoint: 'B', call: 'connect' },
        { at: 500, endpoint: 'A', call: 'send', bytes: 1 },
        { at: 500, endpoint: 'B', call: 'close' },
      ],
    });
    expect(v2.hosts).toEqual(HOSTS);
    expect(v2.actions).toEqual([
      { at: 0, host: 'A', call: 'connect', to: 'B:2000', conn: 'c1', port: 1000 },
      { at: 20, host: 'B', call: 'connect', to: 'A:1000', conn: 'c2', port: 2000 },
      { at: 500, host: 'A', call: 'send', conn: 'c1', bytes: 1 },
      { at: 500, host: 'B', call: 'close', conn: 'c2' },
    ]);
    expect(parseScenarioV2(v2).ok).toBe(true);
  });

  it('half-open: after A crashed, B still sends on c1', () => {
    const v2 = v1ToV2(loadPreset('half-open') as ScenarioInput);
    expect(v2.actions[2]).toEqual({ at: 2500, host: 'B', call: 'send', conn: 'c1', bytes: 500 });
  });

  it('faults: inject gets the v1 4-tuple, drop and delay keep every field, crash names the host', () => {
    const v2 = v1ToV2({
      version: 1,
      endpoints: { A: { port: 5 } },
      actions: [],
      faults: [
        { inject: { at: 10, from: 'A', segment: { seq: 12345, flags: ['SYN'] } } },
        { inject: { at: 11, from: 'B', segment: { seq: 1, ack: 2, flags: ['ACK'], len: 3, win: 4 } } },
        { drop: { from: 'B', flags: ['SYN', 'ACK'], nth: 1, count: 2 } },
        { delay: { from: 'A', flags: ['SYN'], nth: 1, ms: 150 } },
        { crash: { at: 500, endpoint: 'B' } },
      ],
    });
    expect(v2.faults).toEqual([
      { inject: { at: 10, from: 'A', port: 5, to: 'B:80', segment: { seq: 12345, flags: ['SYN'] } } },
      {
        inject: {
          at: 11,
          from: 'B',
          port: 80,
          to: 'A:5',
          segment: { seq: 1, ack: 2, flags: ['ACK'], len: 3, win: 4 },
        },
      },
      { drop: { from: 'B', flags: ['SYN', 'ACK'], nth: 1, count: 2 } },
      { delay: { from: 'A', flags: ['SYN'], nth: 1, ms: 150 } },
      { crash: { at: 500, host: 'B' } },
    ]);
  });

  it('a close before any connection closes the listener; a send with no connection cannot be said', () => {
    const v2 = v1ToV2({
      version: 1,
      actions: [
        { at: 0, endpoint: 'B', call: 'listen' },
        { at: 5, endpoint: 'B', call: 'close' },
      ],
    });
    expect(v2.actions[1]).toEqual({ at: 5, host: 'B', call: 'close', port: 80 });
    expect(parseScenarioV2(v2).ok).toBe(true);
    expect(() => v1ToV2({ version: 1, actions: [{ at: 0, endpoint: 'A', call: 'send', bytes: 1 }] })).toThrow(
      /^\$\.actions\[0\]: the endpoint has no connection/,
    );
  });

  it('run order decides the conn, not file order', () => {
    const v2 = v1ToV2({
      version: 1,
      actions: [
        { at: 50, endpoint: 'A', call: 'send', bytes: 1 },
        { at: 0, endpoint: 'B', call: 'listen' },
        { at: 10, endpoint: 'A', call: 'connect' },
      ],
    });
    expect(v2.actions[0]).toEqual({ at: 50, host: 'A', call: 'send', conn: 'c1', bytes: 1 });
    expect(parseScenarioV2(v2).ok).toBe(true);
  });
});
