import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatIssue,
  LESSONS,
  listPresets,
  loadPreset,
  PRESET_NAMES,
  parseScenario,
} from '../../src/scenarios';
import { runScenario } from '../../src/tcp';

const REQUIRED = [
  'rfc9293-fig6',
  'rfc9293-fig7',
  'rfc9293-fig8',
  'rfc9293-fig9',
  'rfc9293-fig10',
  'rfc9293-fig11',
  'rfc9293-fig12',
  'rfc9293-fig13',
  'lost-syn',
  'lost-syn-ack',
  'lost-ack',
  'lost-fin',
  'lost-last-ack',
  'syn-timeout',
  'connection-refused',
  'old-duplicate-syn',
  'two-way-handshake-old-duplicate',
  'simultaneous-open',
  'simultaneous-close',
  'half-open',
  'half-close',
  'time-wait-fin-retransmit',
  'data-then-close',
  'reset-mid-connection',
  'lost-data',
  'lost-syn-then-data',
  'challenge-ack',
  'time-wait-default',
];

const PRESET_DIR = new URL('../../src/scenarios/presets/', import.meta.url);

describe('preset library', () => {
  it('has every required preset', () => {
    for (const name of REQUIRED) expect(PRESET_NAMES).toContain(name);
  });

  it('registers every JSON file in presets/ and nothing else', () => {
    const files = readdirSync(PRESET_DIR)
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.slice(0, -'.json'.length));
    expect([...PRESET_NAMES].sort()).toEqual(files.sort());
  });

  it('lists each preset once with its title, one-line description and a valid lesson', () => {
    const presets = listPresets();
    expect(presets.map((p) => p.name)).toEqual([...PRESET_NAMES]);
    for (const preset of presets) {
      const scenario = loadPreset(preset.name);
      expect(preset.title).toBe(scenario?.name);
      expect(preset.description).toBe(scenario?.description);
      expect(preset.title.length).toBeGreaterThan(0);
      expect(preset.description.length).toBeGreaterThan(0);
      expect(preset.description).not.toContain('\n');
      expect(LESSONS).toContain(preset.lesson);
    }
  });

  it('loadPreset returns undefined for an unknown name', () => {
    expect(loadPreset('no-such-preset')).toBeUndefined();
    expect(loadPreset('toString')).toBeUndefined();
  });

  it('loadPreset returns a deep copy', () => {
    const first = loadPreset('lost-syn');
    if (!first) throw new Error('lost-syn is missing');
    first.actions.push({ at: 1, endpoint: 'A', call: 'abort' });
    (first.actions[0] as { at: number }).at = 999;
    first.name = 'changed';
    const second = loadPreset('lost-syn');
    expect(second?.name).not.toBe('changed');
    expect(second?.actions[0]?.at).not.toBe(999);
    expect(second?.actions).toHaveLength(first.actions.length - 1);
  });
});

describe.each([...PRESET_NAMES])('preset %s', (name) => {
  it('is scenario JSON v1 that passes parseScenario, as loaded and as stored on disk', () => {
    const loaded = parseScenario(loadPreset(name));
    expect(loaded.ok ? [] : loaded.issues.map(formatIssue)).toEqual([]);
    const onDisk = JSON.parse(readFileSync(new URL(`${name}.json`, PRESET_DIR), 'utf8'));
    expect(onDisk).toEqual(loadPreset(name));
  });

  it('runs through the engine and ends on its own', () => {
    const scenario = loadPreset(name);
    if (!scenario) throw new Error(`${name} is missing`);
    const trace = runScenario(scenario);
    expect(trace.truncated).not.toBe(true);
    expect(trace.events.length).toBeGreaterThan(0);
  });
});
