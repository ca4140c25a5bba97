/**
 * The scenario slice: the scenario being simulated, its timeline (trace plus snapshots, from the engine),
 * undo/redo history, and the problem to show when an import or a link was bad (the app keeps what it had).
 */
import type { StateCreator } from 'zustand';
import {
  PRESET_NAMES,
  parseScenarioJson,
  loadPreset as presetScenario,
  type ScenarioIssue,
} from '../scenarios';
import { buildTimeline, type Timeline } from '../tcp';
import type { EndpointName, ScenarioInput, UserCall } from '../tcp/types';
import * as edits from './edits';
import type { AppState, StoreDeps } from './index';
import { decodeShare, encodeShare } from './url';

export interface Problem {
  /** Where the bad input came from: a shared link, an imported file, or (never expected) the engine. */
  source: 'url' | 'import' | 'engine';
  issues: ScenarioIssue[];
}

interface HistoryEntry {
  scenario: ScenarioInput;
  presetName: string | null;
}

export interface ScenarioSlice {
  scenario: ScenarioInput;
  presetName: string | null;
  timeline: Timeline;
  past: HistoryEntry[];
  future: HistoryEntry[];
  problem: Problem | null;
  loadPreset(name: string): void;
  /** Replace the scenario (recorded for undo); the cursor stays where it was, if it still exists. */
  edit(next: ScenarioInput): void;
  undo(): void;
  redo(): void;
  importJson(text: string): boolean;
  exportJson(): string;
  /** Open a shared link's hash; a bad link leaves everything as it was and sets `problem`. */
  openShared(hash: string): boolean;
  shareHash(): string;
  dismissProblem(): void;
  // Fault and user-call buttons: each becomes part of the scenario at the cursor's time.
  dropSegment(id: number): void;
  inject(kind: edits.InjectKind, from: EndpointName): void;
  crash(endpoint: EndpointName): void;
  call(endpoint: EndpointName, call: UserCall, bytes?: number): void;
  setNetwork(network: Partial<NonNullable<ScenarioInput['network']>>): void;
  setProfile(profile: 'rfc' | 'linux'): void;
}

const HISTORY_LIMIT = 100;

export const createScenarioSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], ScenarioSlice> =>
  (set, get) => {
    const first =
      deps.initialPreset && PRESET_NAMES.includes(deps.initialPreset) ? deps.initialPreset : 'rfc9293-fig6';
    const initial = presetScenario(first) as ScenarioInput;

    /** Run the engine; on an unexpected engine error keep the old state and say so. */
    const compute = (scenario: ScenarioInput): Timeline | null => {
      try {
        return buildTimeline(scenario);
      } catch (err) {
        set({ problem: { source: 'engine', issues: [{ path: '$', message: String(err) }] } });
        return null;
      }
    };

    const replace = (scenario: ScenarioInput, presetName: string | null, cursor: number, record: boolean) => {
      const timeline = compute(scenario);
      if (!timeline) return false;
      const s = get();
      const past = record
        ? [...s.past, { scenario: s.scenario, presetName: s.presetName }].slice(-HISTORY_LIMIT)
        : s.past;
      const last = timeline.trace.events.length - 1;
      set({
        scenario,
        presetName,
        timeline,
        past,
        future: record ? [] : s.future,
        cursor: Math.max(-1, Math.min(last, cursor)),
        selectedId: null,
      });
      return true;
    };

    /** Edits happen "now": just after the event under the cursor (1 µs later, so they follow it even
     * when other events share its time), or at 0 before the first event. */
    const cursorTime = () => {
      const s = get();
      const e = s.timeline.trace.events[s.cursor];
      return e ? e.t + 0.001 : 0;
    };

    const editAtCursor = (next: ScenarioInput | null) => {
      if (next) replace(next, null, get().cursor, true);
    };

    return {
      scenario: initial,
      presetName: first,
      timeline: buildTimeline(initial),
      past: [],
      future: [],
      problem: null,

      loadPreset: (name) => {
        const scenario = presetScenario(name);
        if (!scenario) return;
        replace(scenario, name, -1, true);
        set({ playing: false });
      },
      edit: (next) => editAtCursor(next),
      undo: () => {
        const s = get();
        const prev = s.past[s.past.length - 1];
        if (!prev) return;
        const timeline = compute(prev.scenario);
        if (!timeline) return;
        set({
          scenario: prev.scenario,
          presetName: prev.presetName,
          timeline,
          past: s.past.slice(0, -1),
          future: [{ scenario: s.scenario, presetName: s.presetName }, ...s.future],
          cursor: Math.min(s.cursor, timeline.trace.events.length - 1),
          selectedId: null,
        });
      },
      redo: () => {
        const s = get();
        const next = s.future[0];
        if (!next) return;
        const timeline = compute(next.scenario);
        if (!timeline) return;
        set({
          scenario: next.scenario,
          presetName: next.presetName,
          timeline,
          past: [...s.past, { scenario: s.scenario, presetName: s.presetName }],
          future: s.future.slice(1),
          cursor: Math.min(s.cursor, timeline.trace.events.length - 1),
          selectedId: null,
        });
      },
      importJson: (text) => {
        const parsed = parseScenarioJson(text);
        if (!parsed.ok) {
          set({ problem: { source: 'import', issues: parsed.issues } });
          return false;
        }
        const ok = replace(parsed.scenario, null, -1, true);
        if (ok) set({ problem: null, playing: false });
        return ok;
      },
      exportJson: () => `${JSON.stringify(get().scenario, null, 2)}\n`,
      openShared: (hash) => {
        const decoded = decodeShare(hash);
        if (decoded.ok === 'empty') return true;
        if (decoded.ok === false) {
          set({ problem: { source: 'url', issues: decoded.issues } });
          return false;
        }
        const { scenario, presetName, cursor } = decoded.value;
        const ok = replace(scenario, presetName, cursor, false);
        if (ok) set({ problem: null });
        return ok;
      },
      shareHash: () => {
        const s = get();
        return encodeShare({ scenario: s.scenario, presetName: s.presetName, cursor: s.cursor });
      },
      dismissProblem: () => set({ problem: null }),

      dropSegment: (id) => editAtCursor(edits.dropSegment(get().scenario, get().timeline.trace, id)),
      inject: (kind, from) => {
        const s = get();
        editAtCursor(edits.injectSegment(s.scenario, kind, from, cursorTime(), s.timeline.stateAt(s.cursor)));
      },
      crash: (endpoint) => editAtCursor(edits.crashEndpoint(get().scenario, endpoint, cursorTime())),
      call: (endpoint, call, bytes) =>
        editAtCursor(edits.userCall(get().scenario, endpoint, call, cursorTime(), bytes)),
      setNetwork: (network) => editAtCursor(edits.setNetwork(get().scenario, network)),
      setProfile: (profile) => editAtCursor(edits.setProfile(get().scenario, profile)),
    };
  };
