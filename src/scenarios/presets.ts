/**
 * The preset scenarios: one scenario JSON v1 file each in ./presets (pure scenario, no extra keys), and
 * here the lesson each one belongs to. The UI lists them; tests run every one through the engine.
 */
import type { ScenarioInput } from '../tcp/types';
import challengeAck from './presets/challenge-ack.json';
import connectionRefused from './presets/connection-refused.json';
import dataThenClose from './presets/data-then-close.json';
import dataThenCloseLinux from './presets/data-then-close-linux.json';
import halfClose from './presets/half-close.json';
import halfOpen from './presets/half-open.json';
import linuxLostSynAck from './presets/linux-lost-syn-ack.json';
import lostAck from './presets/lost-ack.json';
import lostData from './presets/lost-data.json';
import lostFin from './presets/lost-fin.json';
import lostLastAck from './presets/lost-last-ack.json';
import lostSyn from './presets/lost-syn.json';
import lostSynAck from './presets/lost-syn-ack.json';
import lostSynThenData from './presets/lost-syn-then-data.json';
import oldDuplicateSyn from './presets/old-duplicate-syn.json';
import resetMidConnection from './presets/reset-mid-connection.json';
import rfc9293Fig6 from './presets/rfc9293-fig6.json';
import rfc9293Fig7 from './presets/rfc9293-fig7.json';
import rfc9293Fig8 from './presets/rfc9293-fig8.json';
import rfc9293Fig9 from './presets/rfc9293-fig9.json';
import rfc9293Fig10 from './presets/rfc9293-fig10.json';
import rfc9293Fig11 from './presets/rfc9293-fig11.json';
import rfc9293Fig12 from './presets/rfc9293-fig12.json';
import rfc9293Fig13 from './presets/rfc9293-fig13.json';
import simultaneousClose from './presets/simultaneous-close.json';
import simultaneousOpen from './presets/simultaneous-open.json';
import synTimeout from './presets/syn-timeout.json';
import timeWaitDefault from './presets/time-wait-default.json';
import timeWaitFinRetransmit from './presets/time-wait-fin-retransmit.json';
import twoWayHandshakeOldDuplicate from './presets/two-way-handshake-old-duplicate.json';

export type Lesson =
  | 'handshake'
  | 'why-three-way'
  | 'teardown'
  | 'loss'
  | 'resets'
  | 'simultaneous'
  | 'linux-vs-rfc';

/** The course's order (the shipped lessons in src/lessons use the same ids). */
export const LESSONS: readonly Lesson[] = [
  'handshake',
  'why-three-way',
  'teardown',
  'loss',
  'resets',
  'simultaneous',
  'linux-vs-rfc',
];

export interface PresetInfo {
  /** File name without ".json", e.g. "lost-syn". */
  name: string;
  /** The scenario's "name" field. */
  title: string;
  /** The scenario's one-line "description" field. */
  description: string;
  lesson: Lesson;
}

interface PresetEntry {
  /** As imported from JSON: checked against the schema by test/scenarios/presets.test.ts. */
  scenario: unknown;
  lesson: Lesson;
}

const PRESET_TABLE = {
  'rfc9293-fig6': { scenario: rfc9293Fig6, lesson: 'handshake' },
  'rfc9293-fig7': { scenario: rfc9293Fig7, lesson: 'simultaneous' },
  'rfc9293-fig8': { scenario: rfc9293Fig8, lesson: 'why-three-way' },
  'rfc9293-fig9': { scenario: rfc9293Fig9, lesson: 'resets' },
  'rfc9293-fig10': { scenario: rfc9293Fig10, lesson: 'resets' },
  'rfc9293-fig11': { scenario: rfc9293Fig11, lesson: 'why-three-way' },
  'rfc9293-fig12': { scenario: rfc9293Fig12, lesson: 'teardown' },
  'rfc9293-fig13': { scenario: rfc9293Fig13, lesson: 'simultaneous' },
  'lost-syn': { scenario: lostSyn, lesson: 'loss' },
  'lost-syn-ack': { scenario: lostSynAck, lesson: 'loss' },
  'lost-ack': { scenario: lostAck, lesson: 'loss' },
  'lost-fin': { scenario: lostFin, lesson: 'loss' },
  'lost-last-ack': { scenario: lostLastAck, lesson: 'loss' },
  'syn-timeout': { scenario: synTimeout, lesson: 'loss' },
  'connection-refused': { scenario: connectionRefused, lesson: 'resets' },
  'old-duplicate-syn': { scenario: oldDuplicateSyn, lesson: 'why-three-way' },
  'two-way-handshake-old-duplicate': { scenario: twoWayHandshakeOldDuplicate, lesson: 'why-three-way' },
  'simultaneous-open': { scenario: simultaneousOpen, lesson: 'simultaneous' },
  'simultaneous-close': { scenario: simultaneousClose, lesson: 'simultaneous' },
  'half-open': { scenario: halfOpen, lesson: 'resets' },
  'half-close': { scenario: halfClose, lesson: 'teardown' },
  'time-wait-fin-retransmit': { scenario: timeWaitFinRetransmit, lesson: 'teardown' },
  'data-then-close': { scenario: dataThenClose, lesson: 'teardown' },
  'reset-mid-connection': { scenario: resetMidConnection, lesson: 'resets' },
  'linux-lost-syn-ack': { scenario: linuxLostSynAck, lesson: 'linux-vs-rfc' },
  'data-then-close-linux': { scenario: dataThenCloseLinux, lesson: 'linux-vs-rfc' },
  'lost-data': { scenario: lostData, lesson: 'loss' },
  'lost-syn-then-data': { scenario: lostSynThenData, lesson: 'loss' },
  'challenge-ack': { scenario: challengeAck, lesson: 'resets' },
  'time-wait-default': { scenario: timeWaitDefault, lesson: 'teardown' },
} satisfies Record<string, PresetEntry>;

/** The name of a preset, e.g. "lost-syn": the keys of the registry (catalogs translate each one). */
export type PresetName = keyof typeof PRESET_TABLE;

const PRESETS: Record<string, PresetEntry> = PRESET_TABLE;

export const PRESET_NAMES: readonly string[] = Object.freeze(Object.keys(PRESETS));

export function listPresets(): PresetInfo[] {
  return PRESET_NAMES.map((name) => {
    const entry = PRESETS[name] as PresetEntry;
    const scenario = entry.scenario as ScenarioInput;
    return {
      name,
      title: scenario.name ?? name,
      description: scenario.description ?? '',
      lesson: entry.lesson,
    };
  });
}

/** A deep copy of the preset, so callers may edit it freely; undefined for an unknown name. */
export function loadPreset(name: string): ScenarioInput | undefined {
  if (!Object.hasOwn(PRESETS, name)) return undefined;
  return structuredClone((PRESETS[name] as PresetEntry).scenario) as ScenarioInput;
}
