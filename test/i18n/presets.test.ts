import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n';
import { loadPreset, PRESET_NAMES, type PresetName } from '../../src/scenarios';

describe('English preset titles and descriptions', () => {
  it('has an entry for every preset and no other', () => {
    expect(Object.keys(en.presets).sort()).toEqual([...PRESET_NAMES].sort());
  });

  it.each([...PRESET_NAMES])('%s: equals the JSON\'s "name" and "description"', (name) => {
    const scenario = loadPreset(name);
    expect(scenario?.name, name).toEqual(expect.any(String));
    expect(scenario?.description, name).toEqual(expect.any(String));
    expect(en.presets[name as PresetName]).toEqual({
      title: scenario?.name,
      description: scenario?.description,
    });
  });
});
