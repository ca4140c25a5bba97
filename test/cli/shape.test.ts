/**
 * The shape check before validation (src/cli/shape.ts): the largest valid scenario passes it, a file with
 * a list or an object past 10,000 entries, or past 250,000 values, is refused at once with its path.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_VALUES, oversizedPart } from '../../src/cli/shape';
import { parseScenario } from '../../src/scenarios';
import { expectRejected, sim } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'synack-shape-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 10,000 actions and 10,000 faults, each as large as the schema allows (the README's limits). */
function largestValidScenario() {
  return {
    version: 1,
    name: 'The largest scenario',
    description: 'Every action and fault at its largest.',
    seed: 1,
    profile: 'rfc',
    network: { latencyMs: 1, jitterMs: 0, lossRate: 0, duplicateRate: 0, reorderRate: 0 },
    endpoints: { A: { isn: 1, mss: 1 }, B: { isn: 2 } },
    options: { maxEvents: 1000 },
    actions: Array.from({ length: 10_000 }, (_, i) => ({ at: i, endpoint: 'A', call: 'send', bytes: 1 })),
    faults: Array.from({ length: 10_000 }, (_, i) => ({
      inject: {
        at: i,
        from: 'B',
        segment: { seq: 1, ack: 2, flags: ['SYN', 'ACK', 'FIN', 'RST', 'PSH'], len: 0, win: 100 },
      },
    })),
  };
}

function countValues(value: unknown): number {
  if (value === null || typeof value !== 'object') return 1;
  let n = 1;
  for (const v of Object.values(value)) n += countValues(v);
  return n;
}

describe('oversizedPart', () => {
  it('passes the largest valid scenario', () => {
    const scenario = largestValidScenario();
    expect(parseScenario(scenario).ok).toBe(true);
    expect(countValues(scenario)).toBeLessThan(MAX_VALUES);
    expect(oversizedPart(scenario)).toBeNull();
  });

  it('names a list past 10,000 items by its path', () => {
    const faults = [{ drop: { from: 'A', nth: 1, flags: Array(10_001).fill('SYN') } }];
    expect(oversizedPart({ version: 1, faults })).toBe(
      '$.faults[0].drop.flags: 10,001 items; no part of a scenario has more than 10,000 (not checked further)',
    );
  });

  it('names an object past 10,000 keys, a key that is no identifier quoted', () => {
    const keys = Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`k${i}`, 0]));
    expect(oversizedPart({ 'odd key': keys })).toMatch(/^\$\["odd key"\]: 10,001 keys; /);
  });

  it('counts values, and survives nesting ten million deep', () => {
    const wide = { actions: Array.from({ length: 30 }, () => Array(9_999).fill(0)) };
    expect(oversizedPart(wide)).toMatch(/^\$: more than 250,000 JSON values; /);
    let deep: unknown = [];
    for (let i = 0; i < 10_000_000; i++) deep = [deep];
    expect(oversizedPart(deep)).toMatch(/^\$: more than 250,000 JSON values/);
  });
});

describe('sim on a file too big to validate', () => {
  it('40,000 bad actions: one line, at once (it once printed 120,000 lines)', { timeout: 30_000 }, () => {
    const actions = Array.from({ length: 40_000 }, () => ({ at: -1, endpoint: 'C', call: 'dance' }));
    const path = join(dir, 'many.json');
    writeFileSync(path, JSON.stringify({ version: 1, name: 'x', actions }));
    const started = performance.now();
    expectRejected(
      sim([path]),
      `${path}: $.actions: 40,000 items; no part of a scenario has more than 10,000 (not checked further)`,
    );
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('a million bad flags in 99 faults (it once took 21 s and 1.6 GB)', { timeout: 30_000 }, () => {
    const faults = Array.from({ length: 99 }, () => ({
      drop: { from: 'A', nth: 1, flags: Array(9999).fill('X') },
    }));
    const path = join(dir, 'flags.json');
    writeFileSync(path, JSON.stringify({ version: 1, name: 'x', actions: [], faults }));
    const started = performance.now();
    expectRejected(sim([path]), `${path}: $: more than 250,000 JSON values`);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
