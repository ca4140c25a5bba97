/**
 * The multi-connection presets (scenario version 2): the files in docs/examples, which the README runs with
 * `sim` and test/cli/examples.test.ts checks, are the page's presets too, so there is one copy of each.
 * A lazy module: the gallery and a `#p=` link to one of them load it, never the page's first download.
 */

import backlogFullLinux from '../../docs/examples/backlog-full-linux.json';
import serverCrashThree from '../../docs/examples/server-crash-three.json';
import threeClientsOneServer from '../../docs/examples/three-clients-one-server.json';
import timeWaitReuseLinux from '../../docs/examples/time-wait-reuse-linux.json';
import type { ScenarioV2Input } from '../tcp/scenarioV2';
import type { WorldPresetName } from './worldPresetNames';

export { isWorldPreset, WORLD_PRESET_NAMES, type WorldPresetName } from './worldPresetNames';

/** As imported from JSON: checked against the v2 validator by test/scenarios/world-presets.test.ts. */
const WORLD_PRESETS: Record<WorldPresetName, unknown> = {
  'three-clients-one-server': threeClientsOneServer,
  'time-wait-reuse-linux': timeWaitReuseLinux,
  'backlog-full-linux': backlogFullLinux,
  'server-crash-three': serverCrashThree,
};

/** A deep copy of the preset, so callers may change it freely; undefined for an unknown name. */
export function loadWorldPreset(name: string): ScenarioV2Input | undefined {
  if (!Object.hasOwn(WORLD_PRESETS, name)) return undefined;
  return structuredClone(WORLD_PRESETS[name as WorldPresetName]) as ScenarioV2Input;
}
