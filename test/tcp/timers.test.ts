/**
 * Timers as data (§3.10.8; issue 12): an endpoint holds at most one timer of each kind, `pollAt` says when it
 * next needs a wake-up, and `dispatch` fires what is due. No simulator: a stub host supplies the clock and
 * the insertion-order stamps.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/tcp/index';
import { PROFILES } from '../../src/tcp/profile';
import { normalizeScenario } from '../../src/tcp/scenario';
import type { Seg } from '../../src/tcp/segment';
import { Endpoint, type Host } from '../../src/tcp/tcb';
import { dispatch, expiryOf, nextTimer, pollAt, setTimer, stopTimer } from '../../src/tcp/timers';

function endpoint(): { ep: Endpoint; host: Host & { now: number; sent: Seg[]; states: string[] } } {
  const scenario = normalizeScenario({ version: 1, actions: [] });
  let stamps = 0;
  const host = {
    now: 0,
    sent: [] as Seg[],
    states: [] as string[],
    stamp: () => stamps++,
    transmit: (_from: Endpoint, seg: Seg) => void host.sent.push(seg),
    onState: (_ep: Endpoint, from: string, to: string) => void host.states.push(`${from}>${to}`),
    onApp: () => {},
    reflex: () => {},
    chooseIss: () => 100,
  };
  const ep = new Endpoint('A', scenario.endpoints.A, PROFILES.rfc, scenario.options, host);
  return { ep, host };
}

describe('timers as data', () => {
  it('an endpoint with no timer armed needs no wake-up', () => {
    const { ep } = endpoint();
    expect(pollAt(ep)).toBeNull();
    expect(dispatch(ep, 1e9)).toBeNull();
  });

  it('at most one timer of each kind: setting it again moves it', () => {
    const { ep } = endpoint();
    setTimer(ep, 'retransmission', 1000);
    setTimer(ep, 'retransmission', 3000);
    expect(ep.timers).toHaveLength(1);
    expect(expiryOf(ep, 'retransmission')).toBe(3000);
  });

  it('pollAt is the earliest expiry; stopping a timer removes it', () => {
    const { ep } = endpoint();
    setTimer(ep, 'time-wait', 240_000);
    setTimer(ep, 'delayed-ack', 200);
    setTimer(ep, 'retransmission', 1000);
    expect(pollAt(ep)).toBe(200);
    stopTimer(ep, 'delayed-ack');
    expect(pollAt(ep)).toBe(1000);
    expect(expiryOf(ep, 'delayed-ack')).toBeNull();
  });

  it('ties go to the timer armed first; setting a timer to the expiry it has keeps its place', () => {
    const { ep } = endpoint();
    setTimer(ep, 'delayed-ack', 500);
    setTimer(ep, 'retransmission', 500);
    expect(nextTimer(ep)?.kind).toBe('delayed-ack');
    setTimer(ep, 'delayed-ack', 500);
    expect(nextTimer(ep)?.kind).toBe('delayed-ack');
    setTimer(ep, 'delayed-ack', 600);
    setTimer(ep, 'delayed-ack', 500); // moved away and back: now armed after the retransmission timer
    expect(nextTimer(ep)?.kind).toBe('retransmission');
  });

  it('dispatch fires nothing before the expiry, then the due timer once', () => {
    const { ep, host } = endpoint();
    ep.state = 'TIME-WAIT';
    setTimer(ep, 'time-wait', 240_000);
    expect(dispatch(ep, 239_999)).toBeNull();
    host.now = 240_000;
    expect(dispatch(ep, 240_000)).toBe('time-wait');
    expect(host.states).toEqual(['TIME-WAIT>CLOSED']); // TIME-WAIT TIMEOUT: delete the TCB, enter CLOSED
    expect(ep.state).toBe('CLOSED');
    expect(pollAt(ep)).toBeNull();
    expect(dispatch(ep, 240_000)).toBeNull();
  });

  it('a due delayed ACK is sent only if an ACK is still owed (§3.8.6.3)', () => {
    const { ep, host } = endpoint();
    ep.state = 'ESTABLISHED';
    setTimer(ep, 'delayed-ack', 200);
    expect(dispatch(ep, 200)).toBe('delayed-ack');
    expect(host.sent).toHaveLength(0);
    ep.ackOwed = true;
    setTimer(ep, 'delayed-ack', 400);
    expect(dispatch(ep, 400)).toBe('delayed-ack');
    expect(host.sent).toHaveLength(1);
  });
});

describe('the simulator keeps no wake-ups of its own', () => {
  it('a run that ends before maxTimeMs is not truncated by a stopped timer that would have expired after it', () => {
    // Refused at 100 ms; the SYN's retransmission timer (1 s) was stopped with the TCB. v1 kept its queue
    // entry and reported this finished run as truncated by maxTimeMs.
    const trace = runScenario({
      version: 1,
      network: { latencyMs: 50 },
      options: { maxTimeMs: 500 },
      actions: [{ at: 0, endpoint: 'A', call: 'connect' }],
    });
    expect(trace.final.A).toEqual({ state: 'CLOSED', error: 'ECONNREFUSED' });
    expect(trace.truncated).toBeUndefined();
  });
});
