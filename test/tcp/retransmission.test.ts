/** RFC 6298 retransmission timer, RFC 9293 §3.8.3 give-up limits, and the Linux profile's schedules. */
import { describe, expect, it } from 'vitest';
import { runScenario, Simulation } from '../../src/tcp/index';
import type { ScenarioInput } from '../../src/tcp/types';
import { appEvents, FIXTURES, scenario, sends, stateAt, wire } from './harness';

const dropAllSyns: ScenarioInput['faults'] = [{ drop: { from: 'A', flags: ['SYN'], nth: 1, count: 1000 } }];

function synTimes(profile: 'rfc' | 'linux'): {
  sent: number[];
  failedAt: number | undefined;
  error?: string;
} {
  const trace = runScenario(
    scenario(
      {
        actions: [
          { at: 0, endpoint: 'B', call: 'listen' },
          { at: 0, endpoint: 'A', call: 'connect' },
        ],
        injectAt: 0,
      },
      { profile, faults: dropAllSyns },
    ),
  );
  const failed = trace.events.find((e) => e.type === 'app' && e.endpoint === 'A' && e.event === 'error');
  return {
    sent: sends(trace, (e) => e.from === 'A').map((e) => e.t / 1000),
    failedAt: failed ? failed.t / 1000 : undefined,
    error: trace.final.A.error,
  };
}

describe('RFC 6298 retransmission timer', () => {
  it('initial RTO is 1 s, and it doubles on each timeout (§2.1, §5.5): SYN at 0, 1, 3, 7, 15, 31, 63, 123 s', () => {
    const { sent } = synTimes('rfc');
    // RTO caps at 60 s (§2.5) after 32 s.
    expect(sent).toEqual([0, 1, 3, 7, 15, 31, 63, 123]);
  });

  it('R2 for a SYN is at least 3 minutes (§3.8.3 MUST-23): give up with ETIMEDOUT at the first expiry after 180 s', () => {
    const { failedAt, error } = synTimes('rfc');
    expect(failedAt).toBe(183);
    expect(error).toBe('ETIMEDOUT');
  });

  it('linux: tcp_syn_retries=6 with tcp_syn_linear_timeouts=4 → SYN at 0,1,2,3,4,5,7,11,19,35,67 s, ETIMEDOUT at 131 s', () => {
    const { sent, failedAt, error } = synTimes('linux');
    expect(sent).toEqual([0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67]);
    expect(failedAt).toBe(131);
    expect(error).toBe('ETIMEDOUT');
  });

  it('linux: SYN,ACK retransmitted at 1, 3, 7, 15, 31 s; the request is dropped silently at 63 s (back to LISTEN)', () => {
    const trace = runScenario(
      scenario(
        { actions: [{ at: 0, endpoint: 'B', call: 'listen' }], injectAt: 0 },
        {
          profile: 'linux',
          faults: [{ inject: { at: 0, from: 'A', segment: { seq: 90, flags: ['SYN'] } } }],
        },
      ),
    );
    // B's SYN,ACK reaches A (CLOSED) which answers RST... so drop all of A's RSTs to keep B waiting.
    expect(trace).toBeDefined();
    const quiet = runScenario(
      scenario(
        { actions: [{ at: 0, endpoint: 'B', call: 'listen' }], injectAt: 0 },
        {
          profile: 'linux',
          faults: [
            { inject: { at: 0, from: 'A', segment: { seq: 90, flags: ['SYN'] } } },
            { drop: { from: 'A', flags: ['RST'], nth: 1, count: 100 } },
          ],
        },
      ),
    );
    const synAcks = sends(quiet, (e) => e.from === 'B').map((e) => (e.t - 50) / 1000);
    expect(synAcks).toEqual([0, 1, 3, 7, 15, 31]);
    const back = quiet.events.find(
      (e) => e.type === 'state' && e.endpoint === 'B' && e.to === 'LISTEN' && e.t > 0,
    );
    expect(back).toMatchObject({ t: 63050, explain: 'give-up-synack' });
    expect(appEvents(quiet, 'B')).toEqual(['listening']);
  });

  it('rfc: a retransmitted SYN in SYN-RECEIVED gets a bare ACK (unacceptable segment); linux re-sends the SYN,ACK', () => {
    const lostSynAck = (profile: 'rfc' | 'linux') =>
      runScenario(
        scenario(FIXTURES.established, {
          profile,
          faults: [{ drop: { from: 'B', flags: ['SYN', 'ACK'], nth: 1 } }],
        }),
      );
    expect(wire(lostSynAck('rfc')).slice(0, 5)).toEqual([
      'A>B SYN seq=100',
      'B>A SYN,ACK seq=300 ack=101',
      'A>B SYN seq=100',
      'B>A SYN,ACK seq=300 ack=101',
      'B>A ACK seq=301 ack=101',
    ]);
    const linux = lostSynAck('linux');
    expect(wire(linux).slice(0, 4)).toEqual([
      'A>B SYN seq=100',
      'B>A SYN,ACK seq=300 ack=101',
      'A>B SYN seq=100',
      'B>A SYN,ACK seq=300 ack=101',
    ]);
    const resend = linux.events.find((e) => e.type === 'deliver' && e.to === 'B' && e.t === 1060);
    expect(resend).toMatchObject({ explain: 'synrcvd-dup-syn-synack', rfc: 'tcp_check_req' });
  });

  it("Karn's rule: no RTT sample from a retransmitted SYN, so RTO falls back to 3 s for data (§5.7)", () => {
    const sim = new Simulation(
      scenario(FIXTURES.established, { faults: [{ drop: { from: 'A', flags: ['SYN'], nth: 1 } }] }),
    );
    sim.run();
    expect(sim.endpoints.A.srtt).toBeNull();
    expect(sim.endpoints.A.rto).toBe(3000);
  });

  it('RTO from the first sample: rfc SRTT + max(G, 4·RTTVAR) floored at 1 s; linux SRTT + max(2R, 200 ms)', () => {
    const rfc = new Simulation(scenario(FIXTURES.established, { network: { latencyMs: 100 } }));
    rfc.run();
    expect(rfc.endpoints.A.srtt).toBe(200);
    expect(rfc.endpoints.A.rto).toBe(1000); // 200 + 400 = 600 → rounded up to 1 s (§2.4)
    const linux = new Simulation(
      scenario(FIXTURES.established, { profile: 'linux', network: { latencyMs: 20 } }),
    );
    linux.run();
    expect(linux.endpoints.A.rto).toBe(40 + 200); // R = 40: 40 + max(80, 200)
    const far = new Simulation(
      scenario(FIXTURES.established, { profile: 'linux', network: { latencyMs: 500 } }),
    );
    far.run();
    expect(far.endpoints.A.rto).toBe(1000 + 2000); // R = 1000: 1000 + max(2000, 200)
  });

  it('a lost data segment is retransmitted after RTO and the ACK then covers it', () => {
    const trace = runScenario(
      scenario(
        {
          actions: [...FIXTURES.established.actions, { at: 500, endpoint: 'A', call: 'send', bytes: 10 }],
          injectAt: 0,
        },
        { faults: [{ drop: { from: 'A', flags: ['ACK', 'PSH'], nth: 1 } }] },
      ),
    );
    const data = sends(trace, (e) => e.from === 'A' && e.segment.len === 10);
    expect(data.map((e) => [e.t, e.retransmission])).toEqual([
      [500, false],
      [1500, true],
    ]);
    expect(stateAt(trace, 'B', 1550)).toBe('ESTABLISHED');
    expect(trace.events.some((e) => e.type === 'app' && e.event === 'data' && e.t === 1550)).toBe(true);
  });

  it('R2 for data (100 s, §3.8.3): an unanswered segment ends the connection with ETIMEDOUT', () => {
    const trace = runScenario(
      scenario(
        {
          actions: [...FIXTURES.established.actions, { at: 500, endpoint: 'A', call: 'send', bytes: 10 }],
          injectAt: 0,
        },
        { faults: [{ drop: { from: 'A', flags: ['ACK', 'PSH'], nth: 1, count: 100 } }] },
      ),
    );
    const retransmits = sends(trace, (e) => e.from === 'A' && e.retransmission).map((e) => e.t - 500);
    expect(retransmits).toEqual([1000, 3000, 7000, 15000, 31000, 63000]);
    const r1 = sends(trace, (e) => e.explain === 'retransmit-r1');
    expect(r1.map((e) => e.t - 500)).toEqual([7000]); // third retransmission reaches R1
    expect(trace.final.A).toEqual({ state: 'CLOSED', error: 'ETIMEDOUT' });
    const failed = trace.events.find((e) => e.type === 'app' && e.event === 'error');
    expect(failed?.t).toBe(500 + 123000);
  });
});

describe('delayed ACK (§3.8.6.3)', () => {
  const dataScenario = (extra: Parameters<typeof scenario>[1]) =>
    scenario(
      {
        actions: [
          ...FIXTURES.established.actions,
          { at: 500, endpoint: 'A', call: 'send', bytes: 10 },
          { at: 1000, endpoint: 'A', call: 'send', bytes: 4000 },
        ],
        injectAt: 0,
      },
      extra,
    );

  it('with delayedAck, a lone segment is ACKed after 200 ms (rfc), and every second segment at once', () => {
    const trace = runScenario(dataScenario({ options: { delayedAck: true } }));
    const acks = sends(trace, (e) => e.from === 'B' && e.t >= 500).map((e) => `${e.t} ${e.segment.ack}`);
    expect(acks).toEqual(['750 111', '1050 3031', '1250 4111']);
  });

  it('linux quick-ACK mode: the first data segments are ACKed at once even with delayed ACKs on', () => {
    const trace = runScenario(dataScenario({ profile: 'linux', options: { delayedAck: true } }));
    const acks = sends(trace, (e) => e.from === 'B' && e.t >= 500).map((e) => `${e.t} ${e.segment.ack}`);
    expect(acks).toEqual(['550 111', '1050 1571', '1050 3031', '1050 4111']);
  });

  it('linux: a FIN is ACKed on the delayed path, so a peer closing on EOF sends one FIN,ACK (3-segment close)', () => {
    const trace = runScenario({
      ...scenario(
        {
          actions: [...FIXTURES.established.actions, { at: 500, endpoint: 'A', call: 'close' }],
          injectAt: 0,
        },
        { profile: 'linux', options: { delayedAck: true } },
      ),
      endpoints: { A: { isn: 100 }, B: { isn: 300, closeOnEof: true } },
    });
    expect(wire(trace, 500)).toEqual([
      'A>B ACK,FIN seq=101 ack=301',
      'B>A ACK,FIN seq=301 ack=102',
      'A>B ACK seq=102 ack=302',
    ]);
  });
});
