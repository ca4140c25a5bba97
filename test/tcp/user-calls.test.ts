/** RFC 9293 §3.10.1–3.10.5: OPEN, SEND, CLOSE, ABORT in each state. */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/tcp/index';
import type { ActionInput } from '../../src/tcp/types';
import { appEvents, FIXTURES, scenario, stateAt, wire } from './harness';

const HANDSHAKE: ActionInput[] = FIXTURES.established.actions;

function run(actions: ActionInput[], extra: Parameters<typeof scenario>[1] = {}) {
  return runScenario(scenario({ actions, injectAt: 0 }, extra));
}

describe('§3.10.1 OPEN', () => {
  it('OPEN (passive) in CLOSED → LISTEN, the user hears "listening"', () => {
    const trace = run([{ at: 0, endpoint: 'B', call: 'listen' }]);
    expect(trace.final.B.state).toBe('LISTEN');
    expect(appEvents(trace, 'B')).toEqual(['listening']);
  });

  it('OPEN (active) in CLOSED → <SEQ=ISS><CTL=SYN>, SND.UNA=ISS, SND.NXT=ISS+1, SYN-SENT', () => {
    const trace = run([{ at: 0, endpoint: 'A', call: 'connect' }], {
      faults: [{ drop: { from: 'A', flags: ['SYN'], nth: 1, count: 99 } }],
    });
    expect(wire(trace)[0]).toBe('A>B SYN seq=100');
    expect(stateAt(trace, 'A', 0)).toBe('SYN-SENT');
  });

  it('OPEN (active) in LISTEN → the connection becomes active: SYN, SYN-SENT', () => {
    const trace = run([
      { at: 0, endpoint: 'A', call: 'listen' },
      { at: 5, endpoint: 'A', call: 'connect' },
      { at: 5, endpoint: 'B', call: 'listen' },
    ]);
    expect(wire(trace)[0]).toBe('A>B SYN seq=100');
    expect(stateAt(trace, 'A', 200)).toBe('ESTABLISHED');
  });

  it('OPEN in any other state → "connection already exists" (EISCONN), nothing changes', () => {
    const trace = run([...HANDSHAKE, { at: 500, endpoint: 'A', call: 'connect' }]);
    expect(appEvents(trace, 'A')).toEqual(['connected', 'error:EISCONN']);
    expect(trace.final.A).toEqual({ state: 'ESTABLISHED' });
  });
});

describe('§3.10.2 SEND', () => {
  it('SEND in CLOSED → "connection does not exist" (ENOTCONN)', () => {
    const trace = run([{ at: 0, endpoint: 'A', call: 'send', bytes: 10 }]);
    expect(appEvents(trace, 'A')).toEqual(['error:ENOTCONN']);
    expect(wire(trace)).toEqual([]);
  });

  it('SEND in SYN-SENT is queued and sent once ESTABLISHED, carrying the ACK', () => {
    const trace = run([...HANDSHAKE, { at: 20, endpoint: 'A', call: 'send', bytes: 10 }]);
    expect(wire(trace).slice(0, 3)).toEqual([
      'A>B SYN seq=100',
      'B>A SYN,ACK seq=300 ack=101',
      'A>B ACK,PSH seq=101 ack=301 len=10',
    ]);
  });

  it('SEND in ESTABLISHED is segmentized by MSS; PSH marks the last segment', () => {
    const trace = run([...HANDSHAKE, { at: 500, endpoint: 'A', call: 'send', bytes: 3000 }]);
    expect(wire(trace, 500).filter((s) => s.startsWith('A>B'))).toEqual([
      'A>B ACK seq=101 ack=301 len=1460',
      'A>B ACK seq=1561 ack=301 len=1460',
      'A>B ACK,PSH seq=3021 ack=301 len=80',
    ]);
  });

  it('SEND in FIN-WAIT-1 → "connection closing" (EPIPE)', () => {
    const trace = run([
      ...HANDSHAKE,
      { at: 500, endpoint: 'A', call: 'close' },
      { at: 501, endpoint: 'A', call: 'send', bytes: 5 },
    ]);
    expect(appEvents(trace, 'A')).toContain('error:EPIPE');
  });

  it('SEND in CLOSE-WAIT still sends (half-close)', () => {
    const trace = run([
      ...HANDSHAKE,
      { at: 500, endpoint: 'A', call: 'close' },
      { at: 700, endpoint: 'B', call: 'send', bytes: 5 },
    ]);
    expect(wire(trace, 700)).toEqual(['B>A ACK,PSH seq=301 ack=102 len=5', 'A>B ACK seq=102 ack=306']);
  });
});

describe('§3.10.4 CLOSE', () => {
  it('CLOSE in LISTEN → CLOSED', () => {
    const trace = run([
      { at: 0, endpoint: 'B', call: 'listen' },
      { at: 5, endpoint: 'B', call: 'close' },
    ]);
    expect(trace.final.B.state).toBe('CLOSED');
    expect(appEvents(trace, 'B')).toEqual(['listening', 'closed']);
  });

  it('CLOSE in SYN-SENT → delete the TCB, CLOSED', () => {
    const trace = run([
      { at: 0, endpoint: 'A', call: 'connect' },
      { at: 5, endpoint: 'A', call: 'close' },
    ]);
    expect(stateAt(trace, 'A', 5)).toBe('CLOSED');
  });

  it('CLOSE in ESTABLISHED → queued data first, then FIN (piggybacked on the last data segment), FIN-WAIT-1', () => {
    const trace = run([
      ...HANDSHAKE,
      { at: 500, endpoint: 'A', call: 'send', bytes: 10 },
      { at: 500, endpoint: 'A', call: 'close' },
    ]);
    expect(wire(trace, 500)[0]).toBe('A>B ACK,PSH seq=101 ack=301 len=10');
    expect(wire(trace, 500)[1]).toBe('A>B ACK,FIN seq=111 ack=301');
    expect(stateAt(trace, 'A', 500)).toBe('FIN-WAIT-1');
  });

  it('CLOSE in CLOSE-WAIT → FIN, LAST-ACK', () => {
    const trace = run([
      ...HANDSHAKE,
      { at: 500, endpoint: 'A', call: 'close' },
      { at: 700, endpoint: 'B', call: 'close' },
    ]);
    expect(wire(trace, 700)[0]).toBe('B>A ACK,FIN seq=301 ack=102');
    expect(stateAt(trace, 'B', 700)).toBe('LAST-ACK');
  });

  it('CLOSE in TIME-WAIT → "connection closing" (EPIPE)', () => {
    const trace = run([
      ...HANDSHAKE,
      { at: 500, endpoint: 'A', call: 'close' },
      { at: 700, endpoint: 'B', call: 'close' },
      { at: 900, endpoint: 'A', call: 'close' },
    ]);
    expect(appEvents(trace, 'A')).toContain('error:EPIPE');
  });

  it('closeOnEof: the application closes as soon as it reads EOF', () => {
    const trace = runScenario({
      ...scenario({ actions: [...HANDSHAKE, { at: 500, endpoint: 'A', call: 'close' }], injectAt: 0 }),
      endpoints: { A: { isn: 100 }, B: { isn: 300, closeOnEof: true } },
    });
    expect(wire(trace, 500)).toEqual([
      'A>B ACK,FIN seq=101 ack=301',
      'B>A ACK seq=301 ack=102',
      'B>A ACK,FIN seq=301 ack=102',
      'A>B ACK seq=102 ack=302',
    ]);
  });
});

describe('§3.10.5 ABORT', () => {
  it('ABORT in ESTABLISHED → <SEQ=SND.NXT><CTL=RST>, CLOSED; the peer resets (ECONNRESET)', () => {
    const trace = run([...HANDSHAKE, { at: 500, endpoint: 'A', call: 'abort' }]);
    expect(wire(trace, 500)).toEqual(['A>B RST seq=101']);
    expect(trace.final).toEqual({ A: { state: 'CLOSED' }, B: { state: 'CLOSED', error: 'ECONNRESET' } });
  });

  it('ABORT under the linux profile → RST,ACK (tcp_send_active_reset)', () => {
    const trace = run([...HANDSHAKE, { at: 500, endpoint: 'A', call: 'abort' }], { profile: 'linux' });
    expect(wire(trace, 500)).toEqual(['A>B ACK,RST seq=101 ack=301']);
  });

  it('ABORT in LISTEN → CLOSED, nothing sent', () => {
    const trace = run([
      { at: 0, endpoint: 'B', call: 'listen' },
      { at: 5, endpoint: 'B', call: 'abort' },
    ]);
    expect(trace.final.B.state).toBe('CLOSED');
    expect(wire(trace)).toEqual([]);
  });

  it('ABORT in TIME-WAIT → CLOSED, nothing sent', () => {
    const trace = run([
      ...HANDSHAKE,
      { at: 500, endpoint: 'A', call: 'close' },
      { at: 700, endpoint: 'B', call: 'close' },
      { at: 900, endpoint: 'A', call: 'abort' },
    ]);
    expect(stateAt(trace, 'A', 900)).toBe('CLOSED');
    expect(wire(trace, 900)).toEqual([]);
  });
});
