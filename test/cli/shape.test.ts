/**
 * The shape check before validation (src/cli/shape.ts): the largest valid scenario passes it, a file with
 * a list or an object past 10,000 entries, or past 250,000 values, is refused at once with its path.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_ITEMS, MAX_VALUES, oversizedPart } from '../../src/cli/shape';
import { MAX_ACTIONS, MAX_FAULTS, parseScenario } from '../../src/scenarios';
import { expectRejected, sim } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'synack-shape-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** MAX_ACTIONS actions and MAX_FAULTS faults, each as large as the schema allows (the README's limits). */
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
    actions: Array.from({ length: MAX_ACTIONS }, (_, i) => ({
      at: i,
      endpoint: 'A',
      call: 'send',
      bytes: 1,
    })),
    faults: Array.from({ length: MAX_FAULTS }, (_, i) => ({
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

  it('names a list past MAX_ITEMS items by its path', () => {
    const faults = [{ drop: { from: 'A', nth: 1, flags: Array(MAX_ITEMS + 1).fill('SYN') } }];
    expect(oversizedPart({ version: 1, faults })).toBe(
      `$.faults[0].drop.flags: ${(MAX_ITEMS + 1).toLocaleString('en-US')} items; no part of a scenario has more than ${MAX_ITEMS.toLocaleString('en-US')} (not checked further)`,
    );
  });

  it('names an object past MAX_ITEMS keys, a key that is no identifier quoted', () => {
    const keys = Object.fromEntries(Array.from({ length: MAX_ITEMS + 1 }, (_, i) => [`k${i}`, 0]));
    expect(oversizedPart({ 'odd key': keys })).toMatch(/^\$\["odd key"\]: 250,001 keys; /);
  });

  it('counts values, and survives nesting ten million deep', () => {
    const rows = Math.ceil(MAX_VALUES / (MAX_ITEMS - 1)) + 1;
    const wide = { actions: Array.from({ length: rows }, () => Array(MAX_ITEMS - 1).fill(0)) };
    const more = `more than ${MAX_VALUES.toLocaleString('en-US')} JSON values`;
    expect(oversizedPart(wide)).toMatch(new RegExp(`^\\$: ${more}; `));
    let deep: unknown = [];
    for (let i = 0; i < 10_000_000; i++) deep = [deep];
    expect(oversizedPart(deep)).toMatch(new RegExp(`^\\$: ${more}`));
  });
});

describe('sim on a file too big to validate', () => {
  it('too many bad actions: one line, unvalidated (it once printed 3 lines per action)', {
    timeout: 30_000,
  }, () => {
    const n = MAX_ITEMS + 1;
    const actions = Array.from({ length: n }, () => ({ at: -1, endpoint: 'C', call: 'dance' }));
    const path = join(dir, 'many.json');
    writeFileSync(path, JSON.stringify({ version: 1, name: 'x', actions }));
    expectRejected(
      sim([path]),
      `${path}: $.actions: ${n.toLocaleString('en-US')} items; no part of a scenario has more than ${MAX_ITEMS.toLocaleString('en-US')} (not checked further)`,
    );
  });

  it('a million bad flags in 99 faults (it once took 21 s and 1.6 GB): one problem per list, unread', {
    timeout: 30_000,
  }, () => {
    const faults = Array.from({ length: 99 }, () => ({
      drop: { from: 'A', nth: 1, flags: Array(9999).fill('X') },
    }));
    const path = join(dir, 'flags.json');
    writeFileSync(path, JSON.stringify({ version: 1, name: 'x', actions: [], faults }));
    const run = sim([path]);
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /\$\.faults\[0\]\.drop\.flags: expected a non-empty array of unique flags from "SYN"/,
    );
    expect(lines.at(-1)).toBe(`sim: ${path}: … and 79 more problems`);
  });
});
