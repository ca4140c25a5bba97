/**
 * The step-wise World (as Simulation for v1): stepping to the end gives the trace `run` gives, cancel stops
 * between happenings, the event limit is a hard stop, and per-event snapshots hold only what each event
 * changed yet rebuild any moment (docs/design/engine-v2.md §3).
 */
import { describe, expect, it } from 'vitest';
import { runWorld, World } from '../../src/tcp/world';
import { backlogFull, timeWaitReuse } from './world-harness';

describe('World, step by step', () => {
  it('step() to the end gives the same trace as run()', () => {
    const w = new World(timeWaitReuse('linux'));
    let steps = 0;
    while (w.step()) steps++;
    expect(w.done).toBe(true);
    expect(steps).toBeGreaterThan(10);
    expect(JSON.stringify(w.trace())).toBe(JSON.stringify(runWorld(timeWaitReuse('linux'))));
  });

  it('cancel() stops between happenings; maxEvents stops at exactly that many events', () => {
    const w = new World(backlogFull('linux'));
    for (let i = 0; i < 5; i++) w.step();
    w.cancel();
    expect(w.step()).toBe(false);
    expect(w.trace()).toMatchObject({ truncated: true, truncatedBy: 'cancelled' });
    const limited = runWorld({ ...backlogFull('linux'), options: { maxEvents: 20 } });
    expect(limited.events).toHaveLength(20);
    expect(limited).toMatchObject({ truncated: true, truncatedBy: 'maxEvents' });
  });

  it('per-event snapshots: a state event shows its new state, the event before it the old one', () => {
    const w = new World(timeWaitReuse('linux'), { snapshots: true });
    const trace = w.run();
    const i = trace.events.findIndex(
      (e) => e.type === 'state' && e.host === 'client' && e.conn === 'c1' && e.to === 'ESTABLISHED',
    );
    expect(w.snapshotAt(i - 1).sockets['client/c1']?.state).toBe('SYN-SENT');
    expect(w.snapshotAt(i).sockets['client/c1']).toMatchObject({
      state: 'ESTABLISHED',
      host: 'client',
      conn: 'c1',
      local: { address: '192.0.2.1', port: 40000 },
      remote: { address: '198.51.100.1', port: 80 },
      iss: 100,
      irs: 300,
    });
    // At the end, the rebuilt moment is what snapshot() shows.
    expect(w.snapshotAt(trace.events.length - 1)).toEqual(w.snapshot());
    // Only what changed is stored: far fewer socket entries than events × sockets.
    const stored = (w.recorder.changes ?? []).reduce((n, c) => n + Object.keys(c.sockets).length, 0);
    expect(stored).toBeLessThanOrEqual(trace.events.length);
  });
});
