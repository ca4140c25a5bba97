/**
 * The names of the multi-connection presets (scenario version 2, issue 12). Only the names: the page's
 * first download needs them to tell a `#p=` link to one of them from a mistyped preset; the scenarios
 * themselves (./worldPresets.ts) load with the gallery or the link that opens one.
 */
export const WORLD_PRESET_NAMES = [
  'three-clients-one-server',
  'time-wait-reuse-linux',
  'backlog-full-linux',
  'server-crash-three',
] as const;

export type WorldPresetName = (typeof WORLD_PRESET_NAMES)[number];

export function isWorldPreset(name: string): name is WorldPresetName {
  return (WORLD_PRESET_NAMES as readonly string[]).includes(name);
}
