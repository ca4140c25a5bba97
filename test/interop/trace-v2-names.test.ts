/**
 * Found by attacking the v2 path: two injected SYNs from different hosts with the same source port spawn
 * two children the engine names "server:1234" and "server:1234#2" (deliver.ts childName); the trace
 * checker refused the second name, so `sim` failed on a file `sim validate` called valid. And a file of an
 * unknown version was reported as a v1 file (a problem per field), hiding `$.version`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkTraceV2 } from '../../src/interop/trace-v2-check';
import { parseAnyScenario } from '../../src/scenarios/validateV2';
import { runWorld } from '../../src/tcp/world';

describe('v2 names and versions', () => {
  it('a second child of the same "<host>:<port>" is named "#2" and its trace passes the checker', () => {
    const input = JSON.parse(readFileSync('test/fixtures/v2-inject-collide.json', 'utf8'));
    const parsed = parseAnyScenario(input);
    expect(parsed.ok).toBe(true);
    const trace = runWorld(input);
    expect(Object.keys(trace.connections).sort()).toEqual(['c1', 'server:1234', 'server:1234#2']);
    expect(checkTraceV2(JSON.parse(JSON.stringify(trace)))).toEqual(['a', 'b', 'server']);
  });

  it('a file of another version gets one problem, at $.version', () => {
    const input = JSON.parse(readFileSync('docs/examples/three-clients-one-server.json', 'utf8'));
    for (const version of [3, '2', undefined]) {
      const result = parseAnyScenario({ ...input, version });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.issues.map((i) => i.path)).toEqual(['$.version']);
      expect(result.issueCount).toBe(1);
    }
  });
});
