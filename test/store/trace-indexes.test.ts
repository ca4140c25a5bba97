/**
 * The per-trace indexes that keep a step and a scrub short on a 200,000-event run (src/store/selectors.ts):
 * segments in flight counted by search, a segment's life and send found by id, each event's burst.
 * Oracles: the definitions themselves, evaluated the slow way (a scan of the whole trace) at every cursor
 * of every preset under both profiles, of a lossy bulk transfer, and at sampled cursors of a trace where
 * one ACK releases thousands of one-byte segments at one instant.
 */
import { describe, expect, it } from 'vitest';
import { bulkTransfer, oneByteFlood } from '../../bench/scenarios';
import { loadPreset, PRESET_NAMES } from '../../src/scenarios/presets';
import {
  bursts,
  lastInFlight,
  type SegmentLife,
  segmentById,
  segmentLives,
  traceIndexTasks,
} from '../../src/store/selectors';
import { runScenario } from '../../src/tcp';
import type { ScenarioInput, Trace, TraceEvent } from '../../src/tcp/types';
import { burstEnd, burstStart, findSend } from '../../src/ui/narration';

const isCause = (e: TraceEvent) => ['deliver', 'drop', 'timer', 'call', 'crash'].includes(e.type);

/** Walk back from `i` while the event is not a cause and the one before is at the same instant. */
function slowBurstStart(events: readonly TraceEvent[], i: number): number {
  const t = (events[i] as TraceEvent).t;
  let j = i;
  while (j > 0 && !isCause(events[j] as TraceEvent) && (events[j - 1] as TraceEvent).t === t) j--;
  return j;
}

/** Walk forward from `i` while the next event is at the same instant and not a cause. */
function slowBurstEnd(events: readonly TraceEvent[], i: number): number {
  const t = (events[i] as TraceEvent).t;
  let j = i;
  while (
    j + 1 < events.length &&
    (events[j + 1] as TraceEvent).t === t &&
    !isCause(events[j + 1] as TraceEvent)
  )
    j++;
  return j;
}

/** Sent at or before the cursor and not ended before `last` (the wire's definition), by a full scan. */
function slowInFlight(trace: Trace, cursor: number, endingNow: boolean): SegmentLife[] {
  const last = endingNow ? cursor : cursor + 1;
  return segmentLives(trace).filter((l) => l.sendIndex <= cursor && l.endIndex >= last);
}

function checkAt(trace: Trace, cursor: number): void {
  const events = trace.events;
  for (const endingNow of [false, true]) {
    const slow = slowInFlight(trace, cursor, endingNow);
    for (const max of [0, 1, 20, Number.POSITIVE_INFINITY]) {
      const fast = lastInFlight(trace, cursor, endingNow, max);
      expect(fast.count, `count at ${cursor}`).toBe(slow.length);
      expect(fast.lives).toEqual(max === 0 ? [] : slow.slice(-max));
    }
  }
  if (cursor >= 0) {
    expect(burstStart(events, cursor), `burst start of ${cursor}`).toBe(slowBurstStart(events, cursor));
    expect(burstEnd(events, cursor), `burst end of ${cursor}`).toBe(slowBurstEnd(events, cursor));
  }
}

/** Every segment id (or every `stride`th: each lookup is checked against a scan of the whole trace). */
function checkIds(trace: Trace, stride = 1): void {
  const events = trace.events;
  const ids = [...new Set(segmentLives(trace).map((l) => l.send.id))].filter((_, k) => k % stride === 0);
  for (const id of [...ids, -1, 0, 1e9]) {
    const index = events.findIndex((e) => e.type === 'send' && e.id === id);
    expect(findSend(trace, id)?.index).toBe(index < 0 ? undefined : index);
    expect(segmentById(trace, id)).toBe(segmentLives(trace).find((l) => l.send.id === id));
  }
}

describe('per-trace indexes agree with a scan of the trace', () => {
  it('at every cursor of every preset, both profiles', () => {
    for (const name of PRESET_NAMES) {
      for (const profile of ['rfc', 'linux'] as const) {
        const trace = runScenario({ ...(loadPreset(name) as ScenarioInput), profile });
        for (let c = -1; c < trace.events.length; c++) checkAt(trace, c);
        checkIds(trace);
      }
    }
  });

  it('at every cursor of a lossy bulk transfer (retransmissions, segments that never land)', () => {
    const trace = runScenario(bulkTransfer(4));
    expect(trace.events.some((e) => e.type === 'drop')).toBe(true);
    for (let c = -1; c < trace.events.length; c++) checkAt(trace, c);
    checkIds(trace);
  });

  it('in a run of one-byte segments, where one ACK releases thousands at one instant', () => {
    const trace = runScenario(oneByteFlood(20_000));
    const events = trace.events;
    const b = bursts(events);
    // The oracle's own premise: there is a burst of thousands of events.
    const longest = Math.max(...Array.from(b.end, (end, i) => end - (b.start[i] as number)));
    expect(longest).toBeGreaterThan(5_000);
    // Sampled cursors (each check scans every segment the slow way), and the burst's own edges.
    for (let c = -1; c < events.length; c += 499) checkAt(trace, c);
    const i = b.start.findIndex((start, k) => (b.end[k] as number) - start === longest);
    for (const c of [i, i + 1, (b.end[i] as number) - 1, b.end[i] as number, events.length - 1])
      checkAt(trace, c);
    checkIds(trace, 97);
  }, 60_000);

  it('the warm-up tasks build what the lookups then reuse', () => {
    const trace = runScenario(loadPreset('rfc9293-fig6') as ScenarioInput);
    const tasks = traceIndexTasks(trace);
    expect(tasks.length).toBeGreaterThan(0);
    for (const task of tasks) task();
    expect(bursts(trace.events)).toBe(bursts(trace.events));
    expect(segmentLives(trace)).toBe(segmentLives(trace));
  });
});
