/** What a golden trace holds (./capture.ts writes it, ../golden.test.ts checks the engine against it). */
import { listPresets, loadPreset } from '../../../src/scenarios';
import { buildTimeline, type Profile, type Snapshot, type Trace } from '../../../src/tcp';

export const PROFILES_RUN: readonly Profile[] = ['rfc', 'linux'];

export function presetNames(): string[] {
  return listPresets().map((p) => p.name);
}

export interface GoldenRun {
  trace: Trace;
  /** [event index, both ends' TCB after it], only where the snapshot differs from the one before. */
  snapshots: [number, Snapshot][];
}

/** The preset run under `profile` (the scenario's own profile replaced), with its TCB snapshots. */
export function goldenRun(name: string, profile: Profile): GoldenRun {
  const scenario = loadPreset(name);
  if (!scenario) throw new Error(`no preset ${name}`);
  const timeline = buildTimeline({ ...scenario, profile });
  const snapshots: [number, Snapshot][] = [];
  let last = '';
  for (let i = 0; i < timeline.trace.events.length; i++) {
    const snap = timeline.stateAt(i);
    const text = JSON.stringify(snap);
    if (text !== last) snapshots.push([i, snap]);
    last = text;
  }
  return { trace: timeline.trace, snapshots };
}

/** Where `actual` departs from `golden` in a field golden has: a JSON path and both values, or null. */
export function v1Difference(actual: unknown, golden: unknown, path = '$'): string | null {
  if (Array.isArray(golden)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${JSON.stringify(actual)}`;
    if (actual.length !== golden.length)
      return `${path}: ${actual.length} items, golden has ${golden.length}`;
    for (let i = 0; i < golden.length; i++) {
      const d = v1Difference(actual[i], golden[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (golden !== null && typeof golden === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return `${path}: expected an object, got ${JSON.stringify(actual)}`;
    for (const [key, value] of Object.entries(golden)) {
      const d = v1Difference((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
      if (d) return d;
    }
    return null;
  }
  return Object.is(actual, golden)
    ? null
    : `${path}: ${JSON.stringify(actual)}, golden has ${JSON.stringify(golden)}`;
}
