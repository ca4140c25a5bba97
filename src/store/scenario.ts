/**
 * The scenario slice: the scenario being simulated, its timeline (trace plus snapshots, from the engine),
 * undo/redo history, and the problem to show when an import or a link was bad (the app keeps what it had).
 */
import type { StateCreator } from 'zustand';
import type { Replay } from '../interop/replay';
import type { TcpStream } from '../interop/streams';
// Not the scenarios barrel: it would bring the validator (valibot) into the page's initial bundle.
import { type Got, issue, type ScenarioIssue } from '../scenarios/issue';
import { PRESET_NAMES, loadPreset as presetScenario } from '../scenarios/presets';
// Not the engine's barrel: it re-exports the world (v2), which loads with the first v2 scenario (./jobs.ts).
import { buildTimeline, type Timeline, timelineFromData } from '../tcp/timeline';
import type { EndpointName, ScenarioInput, UserCall } from '../tcp/types';
import { type PageLimit, type RunResult, runIfShort } from './compute';
import * as edits from './edits';
import type { AppState, StoreDeps } from './index';
import type { CaptureFailure, JobProgress, JobRequest, JobResult } from './jobs';
import { lazyRunner } from './lazyRunner';
import type { Job } from './runner';
import { type DecodedLink, decodeShare, encodeShare, mayBeWorldLink, presetOf } from './url';
import { loadValidator, type Validator, validatorIfLoaded } from './validator';
import type { WorldActions, WorldShown } from './worldOpen';

export interface Problem {
  /**
   * Where the bad input came from: a shared link, an imported file, or (never expected) the engine; or
   * 'load' when a link or a file could not be checked because the validator did not load (the network).
   */
  source: 'url' | 'import' | 'engine' | 'load';
  issues: ScenarioIssue[];
  /** How many problems there are in all, when `issues` holds only the first ones. */
  issueCount?: number;
}

/** An imported capture: its TCP conversations, the one being compared, and the comparison. */
export interface CaptureView {
  fileName: string;
  format: 'pcap' | 'pcapng';
  streams: TcpStream[];
  streamIndex: number;
  replay: Replay;
  /** Frames that were not TCP (shown for information). */
  skipped: number;
}

/** Long work in progress (./runner.ts): the page shows it, with a Cancel, and keeps what it had meanwhile. */
export interface Computing {
  /** A scenario's run, or a capture being read and replayed. */
  what: 'scenario' | 'capture';
  progress: JobProgress;
}

/**
 * What an edited scenario was made from, for its title and file names: a preset, an imported capture, or
 * a scenario opened from a file or a link. Null while the scenario is as it was loaded.
 */
export type EditedFrom =
  | { kind: 'preset'; name: string }
  | { kind: 'capture'; fileName: string }
  | { kind: 'scenario' };

/** One step of undo: everything that says what is simulated and how it came about (the comparison too). */
interface HistoryEntry {
  scenario: ScenarioInput;
  presetName: string | null;
  capture: CaptureView | null;
  editedFrom: EditedFrom | null;
}

export interface ScenarioSlice {
  scenario: ScenarioInput;
  presetName: string | null;
  timeline: Timeline;
  past: HistoryEntry[];
  future: HistoryEntry[];
  problem: Problem | null;
  /** The imported capture being compared with the model, if any. */
  capture: CaptureView | null;
  /** Set once the scenario was changed from what was loaded (a profile switch is not a change). */
  editedFrom: EditedFrom | null;
  /**
   * A version 2 scenario (several hosts and connections) shown instead of `scenario`, or null. Opening a
   * v1 scenario (a preset, a file, a link, undo) closes it; it is not an edit, so undo does not bring it back.
   */
  world: WorldShown | null;
  /** Open a multi-connection preset (src/scenarios/worldPresets.ts). Resolves true once shown. */
  loadWorldPreset(name: string): Promise<boolean>;
  /** A long run or a capture import under way (null when none). */
  computing: Computing | null;
  /** Set when the timeline shows fewer events than the scenario runs to (PAGE_MAX_EVENTS). */
  pageLimit: PageLimit | null;
  /** The last long job was cancelled: the page shows what it showed before (cleared by the next change). */
  cancelled: boolean;
  /** Stop the job under way; nothing changes. */
  cancelComputing(): void;
  /** Resolves once no job is under way (tests, and whoever waits for a long run to show). */
  idle(): Promise<void>;
  loadPreset(name: string): void;
  /**
   * Import a file dropped or picked by the user: a scenario (JSON) or a capture (pcap, pcapng), told apart
   * by content. A capture replaces the scenario by the one inferred from its first TCP conversation.
   * Resolves once the file is imported (true) or `problem` says why not (false).
   */
  importFile(name: string, bytes: Uint8Array): Promise<boolean>;
  /** Compare another TCP conversation of the imported capture. */
  selectStream(index: number): void;
  closeCapture(): void;
  /**
   * Replace the scenario (recorded for undo); the cursor stays where it was, if it still exists. The
   * comparison with a capture ends (undo brings it back).
   */
  edit(next: ScenarioInput): void;
  undo(): void;
  redo(): void;
  /**
   * Open a scenario file's text; a bad one leaves everything as it was and sets `problem`. False exactly
   * when `problem` says why not. While the validator is still loading (./validator) it returns true, as
   * nothing is wrong yet: the scenario opens, or `problem` says why not, as soon as the validator has loaded.
   */
  importJson(text: string): boolean;
  exportJson(): string;
  /**
   * Open a shared link's hash; a bad link leaves everything as it was and sets `problem`. Returns as
   * `importJson` does: a `#s=` link opened before the validator has loaded opens once it has (true meanwhile).
   */
  openShared(hash: string): boolean;
  /** The link to this scenario at the cursor; `withLang` adds the page's language. */
  shareHash(options?: { withLang?: boolean }): string;
  dismissProblem(): void;
  // Fault and user-call buttons: each becomes part of the scenario at the cursor's time.
  dropSegment(id: number): void;
  inject(kind: edits.InjectKind, from: EndpointName): void;
  crash(endpoint: EndpointName): void;
  call(endpoint: EndpointName, call: UserCall, bytes?: number): void;
  setNetwork(network: Partial<NonNullable<ScenarioInput['network']>>): void;
  /**
   * Run the same scenario (or replay the same capture) under the other profile. Not an edit: a preset stays
   * the preset, nothing is recorded for undo, and undo and redo keep the profile chosen.
   */
  setProfile(profile: 'rfc' | 'linux'): void;
  /**
   * Show the scenario someone else drives (a classroom's teacher, issue 11) at `cursor`: not an edit, so
   * nothing is recorded for undo and a preset stays the preset. A null scenario is the preset `presetName`
   * (false when there is no such preset). True once shown (a promise for a long run).
   */
  followScenario(
    scenario: ScenarioInput | null,
    presetName: string | null,
    cursor: number,
  ): boolean | Promise<boolean>;
}

const HISTORY_LIMIT = 100;

export const createScenarioSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], ScenarioSlice> =>
  (set, get) => {
    const first =
      deps.initialPreset && PRESET_NAMES.includes(deps.initialPreset) ? deps.initialPreset : 'rfc9293-fig6';
    const initial = presetScenario(first) as ScenarioInput;
    const runner = deps.runner ?? lazyRunner();
    /** The job under way, if any (one at a time: a new one cancels it). */
    let job: Job | null = null;
    let idleWaiters: (() => void)[] = [];
    const settleIdle = () => {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    };

    const engineProblem = (err: unknown) => {
      const got = { kind: 'error', text: String(err) } as const;
      set({
        problem: {
          source: 'engine',
          issues: [issue('$', { code: 'engine', expected: { kind: 'readable-scenario' }, got })],
        },
      });
    };

    /** Stop the job under way (its result, if it still comes, is ignored). */
    const stopJob = () => {
      const j = job;
      if (!j) return;
      job = null;
      j.cancel();
      set({ computing: null });
    };

    /**
     * Run `request` in the runner, showing its progress. Resolves with its result, or null when it was
     * cancelled or replaced by another job, or failed (then `problem` says so).
     */
    const startJob = (request: JobRequest, what: Computing['what']): Promise<JobResult | null> => {
      stopJob();
      const mine = runner.start(request, (progress) => {
        if (job === mine) set({ computing: { what, progress } });
      });
      job = mine;
      set({
        computing: {
          what,
          progress: { phase: what === 'scenario' ? 'run' : 'read', events: 0, fraction: 0 },
        },
        cancelled: false,
      });
      const done = (result: JobResult | null) => {
        if (job !== mine) return null;
        job = null;
        set({ computing: null });
        settleIdle();
        return result?.kind === 'cancelled' ? null : result;
      };
      return mine.promise.then(done, (err) => {
        if (job === mine) engineProblem(err);
        return done(null);
      });
    };

    const timelineOf = (r: RunResult): Timeline => timelineFromData(r.data);

    /**
     * Build `scenario`'s timeline, then `show` it: at once when the run is short (every preset), else in the
     * runner with a progress and a Cancel (the page keeps what it had until then). False when the engine
     * failed; a promise (true once shown) when the run went to the runner.
     */
    const withTimeline = (
      scenario: ScenarioInput,
      show: (timeline: Timeline, limited: PageLimit | null) => void,
    ): boolean | Promise<boolean> => {
      stopJob();
      let quick: RunResult | null;
      try {
        quick = runIfShort(scenario);
      } catch (err) {
        engineProblem(err);
        return false;
      }
      if (quick) {
        if (get().cancelled) set({ cancelled: false });
        show(timelineOf(quick), quick.limited);
        return true;
      }
      return startJob({ kind: 'timeline', scenario }, 'scenario').then((r) => {
        if (r?.kind !== 'timeline') return false;
        show(timelineOf(r.result), r.result.limited);
        return true;
      });
    };

    /** A capture failure as the problem the page shows. */
    const captureProblem = (fileName: string, failure: CaptureFailure): false => {
      const found =
        failure.kind === 'unreadable'
          ? issue(fileName, {
              code: 'bad-capture',
              expected: { kind: 'readable-file' },
              got: { kind: 'error', text: failure.message },
              ...(failure.offset === undefined ? {} : { offset: failure.offset }),
              ...(failure.frame === undefined ? {} : { frame: failure.frame }),
            })
          : failure.kind === 'no-tcp'
            ? issue(fileName, {
                code: 'bad-file',
                expected: { kind: 'tcp-conversation' },
                got: { kind: 'other-frames', count: failure.skipped },
              })
            : issue(`${fileName} stream ${failure.stream}`, {
                code: 'bad-capture',
                expected: { kind: 'tcp-conversation' },
                got: { kind: 'error', text: failure.message },
                stream: failure.stream,
              });
      set({ problem: { source: 'import', issues: [found] } });
      return false;
    };

    /** Replay one stream of a capture already read (in the runner); null if it cannot be replayed. */
    const compare = async (
      c: Omit<CaptureView, 'replay' | 'streamIndex'>,
      index: number,
      profile: 'rfc' | 'linux',
    ): Promise<CaptureView | null> => {
      const stream = c.streams[index] as TcpStream;
      const r = await startJob({ kind: 'replay', stream, profile }, 'capture');
      if (r?.kind !== 'replay') return null;
      if (!r.ok) return captureProblem(c.fileName, r.failure) || null;
      return { ...c, streamIndex: index, replay: r.replay };
    };

    /** The validator did not load, so the link or the file could not be checked: nothing changes. */
    const validatorMissing = (error: unknown): false => {
      const got = { kind: 'error', text: String(error) } as const;
      const found = issue('$', { code: 'unreadable', expected: { kind: 'readable-scenario' }, got });
      set({ problem: { source: 'load', issues: [found] } });
      return false;
    };

    /**
     * Run `apply` with the validator: now if it has loaded, else once it has (true meanwhile: nothing is
     * wrong yet). Inputs that wait are applied in the order they came, each as if it had just arrived.
     */
    const withValidator = (apply: (validator: Validator) => boolean): boolean => {
      const validator = validatorIfLoaded();
      if (validator) return apply(validator);
      loadValidator().then(apply, validatorMissing);
      return true;
    };

    const current = (): HistoryEntry => {
      const s = get();
      return { scenario: s.scenario, presetName: s.presetName, capture: s.capture, editedFrom: s.editedFrom };
    };

    /**
     * Show `entry` once its timeline is built: the undo and redo stacks and the cursor are taken from the
     * state as it is then (`now`), the cursor kept inside the new trace. Every change of scenario ends here.
     */
    const showEntry = (
      entry: HistoryEntry,
      cursorOf: (now: AppState) => number,
      stacksOf: (now: AppState) => Pick<AppState, 'past' | 'future'>,
    ): boolean | Promise<boolean> =>
      withTimeline(entry.scenario, (timeline, limited) => {
        const now = get();
        const last = timeline.trace.events.length - 1;
        set({
          ...entry,
          world: null,
          timeline,
          pageLimit: limited,
          ...stacksOf(now),
          cursor: Math.max(-1, Math.min(last, cursorOf(now))),
          selectedId: null,
        });
      });

    /** Show `next`; with `record`, the current one goes on the undo stack (and redo is cleared). */
    const replace = (next: HistoryEntry, cursor: number, record: boolean): boolean | Promise<boolean> =>
      showEntry(
        next,
        () => cursor,
        (now) => ({
          past: record ? [...now.past, current()].slice(-HISTORY_LIMIT) : now.past,
          future: record ? [] : now.future,
        }),
      );

    /** An imported capture's scenario, named after its file (the inferred name lists flags seen, not a title). */
    const captureEntry = (view: CaptureView): HistoryEntry => {
      const name = view.streams.length > 1 ? `${view.fileName}, stream ${view.streamIndex}` : view.fileName;
      return {
        scenario: { ...view.replay.scenario, name },
        presetName: null,
        capture: view,
        editedFrom: null,
      };
    };

    /**
     * A history entry shown under the profile chosen now: the profile is how the scenario is looked at, so
     * undo and redo change the scenario, not the profile. A capture is replayed again under it.
     */
    const underProfile = (
      entry: HistoryEntry,
      profile: 'rfc' | 'linux',
    ): HistoryEntry | null | Promise<HistoryEntry | null> => {
      if (entry.capture) {
        if (entry.capture.replay.scenario.profile === profile) return entry;
        const c = entry.capture;
        return compare(c, c.streamIndex, profile).then((view) => (view ? captureEntry(view) : null));
      }
      if ((entry.scenario.profile ?? 'rfc') === profile) return entry;
      return { ...entry, scenario: edits.setProfile(entry.scenario, profile) };
    };

    /** Continue with an entry that may still be on its way (a capture replayed under another profile). */
    const then = <T>(value: T | Promise<T>, next: (v: T) => void): void => {
      if (value instanceof Promise) void value.then(next);
      else next(value);
    };

    /** Edits happen "now": just after the event under the cursor (1 µs later, so they follow it even
     * when other events share its time), or at 0 before the first event. */
    const cursorTime = () => {
      const s = get();
      const e = s.timeline.trace.events[s.cursor];
      return e ? e.t + 0.001 : 0;
    };

    /** An edit makes it another scenario than the preset or the capture's: the comparison ends. */
    const editAtCursor = (next: ScenarioInput | null) => {
      if (!next) return;
      const s = get();
      const editedFrom: EditedFrom = s.presetName
        ? { kind: 'preset', name: s.presetName }
        : s.capture
          ? { kind: 'capture', fileName: s.capture.fileName }
          : (s.editedFrom ?? { kind: 'scenario' });
      replace({ scenario: next, presetName: null, capture: null, editedFrom }, s.cursor, true);
    };

    /** Open a scenario file's text, checked by `validator`. */
    const openJson = (text: string, validator: Validator): boolean | Promise<boolean> => {
      if (jsonObject(text)?.version === 2)
        return world().then((w) => w.openText(text, 'import', -1), validatorMissing);
      const parsed = validator.parseScenarioJson(text);
      if (!parsed.ok) {
        set({ problem: { source: 'import', issues: parsed.issues, issueCount: parsed.issueCount } });
        return false;
      }
      // A preset saved as JSON and opened again is that preset; an edited one is titled as its edit.
      const known = presetOf(parsed.scenario);
      const entry: HistoryEntry =
        known && 'same' in known
          ? { scenario: parsed.scenario, presetName: known.same, capture: null, editedFrom: null }
          : {
              scenario: parsed.scenario,
              presetName: null,
              capture: null,
              editedFrom: known ? { kind: 'preset', name: known.edited } : null,
            };
      const ok = replace(entry, -1, true);
      if (ok !== false) set({ problem: null, playing: false });
      return ok;
    };

    /** The world's actions (./worldOpen.ts, a lazy module: never in the page's first download). */
    let worldActions: Promise<WorldActions> | null = null;
    let worldNow: WorldActions | null = null;
    const world = () => {
      worldActions ??= import('./worldOpen').then((mod) => {
        worldNow = mod.worldActions({
          set,
          get,
          startJob,
          openV1Link: (hash) => openV1Shared(hash),
        });
        return worldNow;
      });
      return worldActions;
    };

    /** Open a decoded link (not an edit: not recorded for undo unless `record`). */
    const openLink = (decoded: DecodedLink, record: boolean): boolean => {
      if (decoded.ok === 'empty') return true;
      if (decoded.ok === false) {
        set({
          problem: {
            source: 'url',
            issues: decoded.issues,
            ...(decoded.issueCount === undefined ? {} : { issueCount: decoded.issueCount }),
          },
        });
        return false;
      }
      const { scenario, presetName, cursor, lang, editedFrom } = decoded.value;
      const ok = replace(
        {
          scenario,
          presetName,
          capture: null,
          editedFrom: editedFrom ? { kind: 'preset', name: editedFrom } : null,
        },
        cursor,
        record,
      );
      if (ok === false) return false;
      set({ problem: null });
      // The sender chose the language: the page opens in it, as if picked from the menu.
      if (lang && lang !== get().lang) get().setLang(lang);
      return true;
    };

    /** Open a v1 link (or a malformed one: decodeShare names what is wrong). */
    const openV1Shared = (hash: string): boolean => {
      const decoded = decodeShare(hash);
      if (decoded.ok !== 'pending') return openLink(decoded, false);
      // Whatever the user does while the validator loads stays one undo away once the link opens.
      const before = get().scenario;
      return withValidator((validator) => openLink(decodeShare(hash, validator), get().scenario !== before));
    };

    return {
      scenario: initial,
      presetName: first,
      timeline: buildTimeline(initial),
      past: [],
      future: [],
      problem: null,
      capture: null,
      editedFrom: null,
      world: null,
      loadWorldPreset: (name) => world().then((w) => w.openPreset(name)),

      computing: null,
      pageLimit: null,
      cancelled: false,
      cancelComputing: () => {
        if (!job) return;
        stopJob();
        set({ cancelled: true });
        settleIdle();
      },
      idle: async () => {
        // A finished job may lead to another (a capture's replay, then its timeline): wait for a quiet turn.
        for (;;) {
          if (job) await new Promise<void>((resolve) => idleWaiters.push(resolve));
          await new Promise((resolve) => setTimeout(resolve, 0));
          if (!job) return;
        }
      },

      importFile: async (name, bytes) => {
        if (looksLikeCapture(bytes)) {
          const profile = get().timeline.trace.scenario.profile;
          const r = await startJob({ kind: 'capture', name, bytes, profile }, 'capture');
          if (r?.kind !== 'capture') return false;
          if (!r.ok) return captureProblem(name, r.failure);
          const view: CaptureView = {
            fileName: name,
            format: r.format,
            streams: r.streams,
            streamIndex: 0,
            replay: r.replay,
            skipped: r.skipped,
          };
          const ok = await replace(captureEntry(view), -1, true);
          if (ok) set({ problem: null, playing: false });
          return ok;
        }
        // Text: a scenario, in UTF-8 (a byte order mark is fine); anything else is named, with its offset.
        const bad = (got: Got): false => {
          const found = issue(name, { code: 'bad-file', expected: { kind: 'scenario-or-capture' }, got });
          set({ problem: { source: 'import', issues: [found] } });
          return false;
        };
        if (bytes.length === 0) return bad({ kind: 'empty-file' });
        // Loaded with the first file, not with the page.
        const { decodeScenarioBytes } = await import('../scenarios/decode');
        const decoded = decodeScenarioBytes(bytes);
        if (!decoded.ok) {
          const r = decoded.reason;
          return bad(
            r.kind === 'encoding'
              ? { kind: 'encoding', encoding: r.encoding }
              : r.kind === 'nul'
                ? { kind: 'nul-byte', offset: r.offset }
                : { kind: 'invalid-utf8', offset: r.offset },
          );
        }
        const text = decoded.text;
        // A lesson file (src/lessons) has steps; a scenario never does.
        if (looksLikeLesson(text)) return get().importLessonText(name, text);
        // Resolve once the file is open or refused, not while the validator is still on its way.
        let validator: Validator;
        try {
          validator = await loadValidator();
        } catch (error) {
          return validatorMissing(error);
        }
        return await openJson(text, validator);
      },
      selectStream: (index) => {
        const c = get().capture;
        if (!c?.streams[index]) return;
        void compare(c, index, get().timeline.trace.scenario.profile).then((view) => {
          if (view) replace(captureEntry(view), -1, true);
        });
      },
      // Closing keeps the inferred scenario on screen; it is no longer compared (not an edit to undo).
      closeCapture: () => set({ capture: null }),

      loadPreset: (name) => {
        const scenario = presetScenario(name);
        if (!scenario) return;
        replace({ scenario, presetName: name, capture: null, editedFrom: null }, -1, true);
        set({ playing: false });
      },
      edit: (next) => editAtCursor(next),
      undo: () => {
        const s = get();
        const prev = s.past[s.past.length - 1];
        if (!prev) return;
        then(underProfile(prev, s.timeline.trace.scenario.profile), (shown) => {
          if (!shown) return;
          showEntry(
            shown,
            (now) => now.cursor,
            (now) => ({ past: now.past.slice(0, -1), future: [current(), ...now.future] }),
          );
        });
      },
      redo: () => {
        const s = get();
        const next = s.future[0];
        if (!next) return;
        then(underProfile(next, s.timeline.trace.scenario.profile), (shown) => {
          if (!shown) return;
          showEntry(
            shown,
            (now) => now.cursor,
            (now) => ({ past: [...now.past, current()], future: now.future.slice(1) }),
          );
        });
      },
      importJson: (text) => withValidator((validator) => openJson(text, validator) !== false),
      exportJson: () => `${JSON.stringify(get().world?.scenario ?? get().scenario, null, 2)}\n`,
      openShared: (hash) => {
        if (!mayBeWorldLink(hash)) return openV1Shared(hash);
        void world().then((w) => w.openLink(hash), validatorMissing);
        return true;
      },
      shareHash: (options) => {
        const s = get();
        if (s.world && worldNow)
          return worldNow.shareHash(s.world, s.cursor, options?.withLang ? s.lang : null);
        return encodeShare({
          scenario: s.scenario,
          presetName: s.presetName,
          cursor: s.cursor,
          ...(options?.withLang ? { lang: s.lang } : {}),
        });
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
      setProfile: (profile) => {
        const w = get().world;
        if (w) {
          void world().then((a) => a.open({ ...w.scenario, profile }, w.presetName, get().cursor));
          return;
        }
        then(underProfile(current(), profile), (shown) => {
          if (shown) replace(shown, get().cursor, false);
        });
      },
      followScenario: (given, presetName, cursor) => {
        const scenario = given ?? (presetName ? presetScenario(presetName) : undefined);
        if (!scenario) return false;
        set({ playing: false });
        return replace({ scenario, presetName, capture: null, editedFrom: null }, cursor, false);
      },
    };
  };

/** pcap (either byte order, µs or ns) or pcapng magic numbers. */
export function looksLikeCapture(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const magic =
    ((bytes[0] as number) << 24) |
    ((bytes[1] as number) << 16) |
    ((bytes[2] as number) << 8) |
    (bytes[3] as number);
  return [0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a].includes(magic >>> 0);
}

/** Whether a file's text is a lesson (an object with `steps`) rather than a scenario: the lesson checker says the rest. */
export function looksLikeLesson(text: string): boolean {
  const json = jsonObject(text);
  return json !== null && !Array.isArray(json) && 'steps' in json;
}

/** A file's text as JSON if it is an object (a byte order mark is fine), else null: the validators say why. */
function jsonObject(text: string): Record<string, unknown> | null {
  try {
    const json: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
