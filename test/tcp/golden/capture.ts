/**
 * The v1 engine's golden traces (issue 12, "keep a golden copy of today's traces and test against it"):
 * every preset under both profiles, run by the engine as it was before the v2 redesign, written to
 * test/tcp/golden/v1/<preset>.<profile>.json. The redesign is tested against these files, not against a
 * replay of itself (test/tcp/golden.test.ts).
 *
 * `npx tsx test/tcp/golden/capture.ts` rewrites them. Do that only for a deliberate change of v1
 * behaviour, and say in the commit which rule changed and why: a redesign that needs it has changed what a
 * v1 scenario does.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldenRun, PROFILES_RUN, presetNames } from './run';

const dir = join(import.meta.dirname, 'v1');
mkdirSync(dir, { recursive: true });
let n = 0;
for (const name of presetNames()) {
  for (const profile of PROFILES_RUN) {
    const run = goldenRun(name, profile);
    // One event and one snapshot change per line: a diff names the event that moved.
    const text = [
      '{',
      `"preset": ${JSON.stringify(name)}, "profile": ${JSON.stringify(profile)},`,
      `"scenario": ${JSON.stringify(run.trace.scenario)},`,
      `"final": ${JSON.stringify(run.trace.final)},`,
      `"truncated": ${JSON.stringify(run.trace.truncated ?? false)},`,
      '"events": [',
      run.trace.events.map((e) => JSON.stringify(e)).join(',\n'),
      '],',
      '"snapshots": [',
      run.snapshots.map((s) => JSON.stringify(s)).join(',\n'),
      ']',
      '}',
      '',
    ].join('\n');
    writeFileSync(join(dir, `${name}.${profile}.json`), text);
    n++;
  }
}
console.log(`${n} golden traces in ${dir}`);
