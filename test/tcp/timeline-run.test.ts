/**
 * Building a timeline in chunks (for a Web Worker), with progress and cancellation, and carrying it across
 * postMessage as plain data. Oracles: the values RFC 9293 figure 6 gives (hand-derived, as in
 * timeline.test.ts), the structured clone algorithm itself (Node's structuredClone, the one postMessage
 * uses), and the one-go buildTimeline for "chunking changes nothing".
 */
import { describe, expect, it } from 'vitest';
import { bulkTransfer } from '../../bench/scenarios';
import { loadPreset } from '../../src/scenarios/index';
import {
  buildTimeline,
  type RunProgress,
  type Timeline,
  TimelineRun,
  timelineFromData,
  timelineToData,
} from '../../src/tcp/index';
import type { ScenarioInput, Snapshot } from '../../src/tcp/types';

const fig6 = loadPreset('rfc9293-fig6') as ScenarioInput;

/** Figure 6 as timeline.test.ts checks it: A's ISS 100, B's 300, 100 bytes acknowledged at the end. */
function expectFigure6(tl: Timeline): void {
  const last = tl.trace.events.length - 1;
  expect(tl.trace.events[last]).toMatchObject({ type: 'deliver', to: 'A' });
  expect(tl.stateAt(last).A).toMatchObject({ sndUna: 201, sndNxt: 201, irs: 300, rcvNxt: 301 });
  expect(tl.stateAt(last).A.timers.retransmission).toBeNull();
  expect(tl.stateBefore(last).A.sndUna).toBe(101);
  expect(tl.stateAt(-1).A.state).toBe('CLOSED');
}

/** Every object reachable is a plain object or array (what structured clone copies without loss). */
function plainOnly(value: unknown, seen = new Set<unknown>()): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function';
  if (seen.has(value)) return true;
  seen.add(value);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype) return false;
  return Object.values(value as object).every((v) => plainOnly(v, seen));
}

const distinct = (snapshots: Snapshot[]) => new Set(snapshots).size;

describe('TimelineRun: a timeline a chunk at a time', () => {
  it('figure 6 built one event at a time shows what the figure says', () => {
    const run = new TimelineRun(fig6);
    let chunks = 0;
    while (!run.done) {
      run.advance(1);
      chunks++;
    }
    expectFigure6(run.timeline());
    // One event per chunk, give or take the events one happening records together.
    expect(chunks).toBeGreaterThan(5);
    expect(chunks).toBeLessThanOrEqual(run.data().trace.events.length + 1);
  });

  it.each([1, 7, 1000])('chunks of %i events give exactly the one-go timeline', (chunk) => {
    const scenario = bulkTransfer(30, 0.02);
    const whole = buildTimeline(scenario);
    const run = new TimelineRun(scenario);
    while (!run.done) run.advance(chunk);
    const data = run.data();
    expect(data.trace).toEqual(whole.trace);
    expect(data.snapshots).toEqual(whole.snapshots);
    expect(data.initial).toEqual(whole.initial);
  });

  it('progress: events and time only grow, the fraction of the budget stays in [0, 1] and ends at 1', () => {
    const scenario: ScenarioInput = {
      ...bulkTransfer(30, 0.02),
      options: { mslMs: 1000, maxEvents: 50_000 },
    };
    const run = new TimelineRun(scenario);
    const seen: RunProgress[] = [run.progress];
    while (!run.done) seen.push(run.advance(500));
    const total = run.data().trace.events.length;
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1] as RunProgress, seen[i] as RunProgress];
      expect(b.events).toBeGreaterThanOrEqual(a.events);
      expect(b.timeMs).toBeGreaterThanOrEqual(a.timeMs);
      expect(b.fraction).toBeGreaterThanOrEqual(a.fraction);
      expect(b.fraction).toBeLessThanOrEqual(1);
    }
    expect(seen[0]).toMatchObject({ events: 0, fraction: 0, done: false, maxEvents: 50_000 });
    const last = seen.at(-1) as RunProgress;
    expect(last).toMatchObject({ events: total, fraction: 1, done: true, maxTimeMs: 3_600_000 });
    // A chunk of 500 records 500 events, plus what the happening that crossed the mark recorded.
    for (let i = 1; i < seen.length - 1; i++) {
      const grew = (seen[i] as RunProgress).events - (seen[i - 1] as RunProgress).events;
      expect(grew).toBeGreaterThanOrEqual(500);
      expect(grew).toBeLessThan(520);
    }
  });

  it('the fraction follows events against maxEvents for a run that hits it', () => {
    const scenario: ScenarioInput = { ...bulkTransfer(300), options: { mslMs: 1000, maxEvents: 10_000 } };
    const run = new TimelineRun(scenario);
    const p = run.advance(2_500);
    expect(p.events).toBeGreaterThanOrEqual(2_500);
    expect(p.fraction).toBeCloseTo(p.events / 10_000, 10);
    while (!run.done) run.advance(2_500);
    expect(run.data().trace).toMatchObject({ truncated: true, truncatedBy: 'maxEvents' });
    expect(run.data().trace.events).toHaveLength(10_000);
  });

  it('cancel between chunks: the timeline so far, marked truncated by cancellation, still travels in time', () => {
    const run = new TimelineRun(bulkTransfer(30));
    run.advance(100);
    run.cancel();
    expect(run.done).toBe(true);
    const before = run.data().trace.events.length;
    expect(run.advance(100).events).toBe(before); // nothing more happens
    const tl = run.timeline();
    expect(tl.trace).toMatchObject({ truncated: true, truncatedBy: 'cancelled' });
    expect(tl.snapshots).toHaveLength(tl.trace.events.length);
    const last = tl.trace.events.length - 1;
    expect(tl.stateAt(last)).toBe(tl.stateAt(last + 50));
    expect(tl.trace.final.A.state).toBe(tl.stateAt(last).A.state);
    expect(tl.indexAtTime(Number.POSITIVE_INFINITY)).toBe(last);
  });

  it('cancelling a finished run changes nothing', () => {
    const run = new TimelineRun(fig6);
    run.advance(Number.POSITIVE_INFINITY);
    run.cancel();
    expect(run.data().trace.truncated).toBeUndefined();
  });
});

describe('a timeline crosses postMessage as plain data', () => {
  it('timelineToData holds only plain objects and arrays', () => {
    expect(plainOnly(timelineToData(buildTimeline(fig6)))).toBe(true);
    expect(plainOnly(new TimelineRun(bulkTransfer(5)).data())).toBe(true);
  });

  it('figure 6 survives structuredClone and timelineFromData with every value', () => {
    const original = buildTimeline(fig6);
    const copy = timelineFromData(structuredClone(timelineToData(original)));
    expectFigure6(copy);
    expect(copy.trace).toEqual(original.trace);
    for (let i = -1; i <= original.trace.events.length; i++) {
      expect(copy.stateAt(i)).toEqual(original.stateAt(i));
    }
    expect(copy.indexAtTime(150)).toBe(original.indexAtTime(150));
  });

  it('snapshots shared between events stay shared through the clone (no copy per event)', () => {
    const original = buildTimeline(bulkTransfer(30, 0.02));
    const copy = structuredClone(timelineToData(original));
    expect(distinct(original.snapshots)).toBeLessThan(original.snapshots.length);
    expect(distinct(copy.snapshots)).toBe(distinct(original.snapshots));
    const a = new Set(original.snapshots.map((s) => s.A)).size;
    expect(new Set(copy.snapshots.map((s) => s.A)).size).toBe(a);
  });
});
