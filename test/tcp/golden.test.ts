/**
 * Every v1 preset, under both profiles, against the golden copy of what the v1 engine produced before the
 * v2 redesign (test/tcp/golden/v1, written by test/tcp/golden/capture.ts at commit 57e17ea): the same
 * segments, at the same times, with the same states and TCB values after every event. The oracle is those
 * files, not a replay of the engine under test.
 *
 * "Byte for byte in the v1 fields": an event or snapshot may gain fields (v2 adds `host` and `conn`), but
 * every field the golden copy has must be there with the same value, and no event may be added or lost.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenRun, PROFILES_RUN, presetNames, v1Difference } from './golden/run';

const DIR = join(import.meta.dirname, 'golden', 'v1');

interface Golden {
  preset: string;
  profile: string;
  scenario: unknown;
  final: unknown;
  truncated: boolean;
  events: unknown[];
  snapshots: [number, unknown][];
}

/** As the golden file stores it: through JSON, so an absent and an undefined field are the same. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('v1 golden traces', () => {
  it('there is one golden file per preset and profile, and no other', () => {
    const expected = presetNames().flatMap((name) => PROFILES_RUN.map((p) => `${name}.${p}.json`));
    expect(readdirSync(DIR).sort()).toEqual(expected.sort());
  });

  for (const name of presetNames()) {
    for (const profile of PROFILES_RUN) {
      it(`${name} under ${profile}: the same events, final state and TCBs as v1`, () => {
        const golden = JSON.parse(readFileSync(join(DIR, `${name}.${profile}.json`), 'utf8')) as Golden;
        const run = goldenRun(name, profile);
        expect(v1Difference(asJson(run.trace.events), golden.events, '$.events')).toBeNull();
        expect(v1Difference(asJson(run.trace.final), golden.final, '$.final')).toBeNull();
        expect(v1Difference(asJson(run.trace.scenario), golden.scenario, '$.scenario')).toBeNull();
        expect(run.trace.truncated ?? false).toBe(golden.truncated);
        expect(v1Difference(asJson(run.snapshots), golden.snapshots, '$.snapshots')).toBeNull();
      });
    }
  }
});

describe('the comparison itself', () => {
  it('allows added fields and names the first departure in a v1 field', () => {
    expect(v1Difference({ a: 1, host: 'A' }, { a: 1 })).toBeNull();
    expect(v1Difference({ a: 2 }, { a: 1 })).toBe('$.a: 2, golden has 1');
    expect(v1Difference({ e: [{ t: 1 }, { t: 3 }] }, { e: [{ t: 1 }, { t: 2 }] })).toBe(
      '$.e[1].t: 3, golden has 2',
    );
    expect(v1Difference([1, 2, 3], [1, 2])).toBe('$: 3 items, golden has 2');
    expect(v1Difference({}, { a: null })).toBe('$.a: undefined, golden has null');
  });
});
