/**
 * Opening a world (a version 2 scenario) on the page: its presets, its validation, its links, and what the
 * store keeps of a finished run. A lazy module, like everything v2: the page's first download only knows the
 * presets' names (src/scenarios/worldPresetNames.ts) and how to tell a v2 file or link from a v1 one
 * (./scenario.ts, ./url.ts `mayBeWorldLink`); the scenario slice calls these actions once it has loaded it.
 */
import { worldEn } from '../i18n/world.en';
import { worldZh } from '../i18n/world.zh-CN';
import { parseScenarioV2Json } from '../scenarios/validateV2';
import { isWorldPreset, loadWorldPreset } from '../scenarios/worldPresets';
import type { ScenarioV2Input } from '../tcp/scenarioV2';
import type { Profile } from '../tcp/types';
import type { AppState } from './index';
import type { JobRequest, JobResult } from './jobs';
import type { Lang } from './prefs';
import type { Problem } from './scenario';
import { fromBase64Url, LANGS, PROFILES, toBase64Url } from './url';
import { WorldView } from './worldView';

/** The world on screen: the scenario, the preset it is (if any), its view and what the title bar calls it. */
export interface WorldShown {
  scenario: ScenarioV2Input;
  presetName: string | null;
  view: WorldView;
  title: Record<Lang, string>;
  /** A preset's own profile (a link to it under the other one says `profile=`). */
  ownProfile: Profile;
}

/** What the scenario slice lends these actions. */
export interface WorldDeps {
  set(partial: Partial<AppState>): void;
  get(): AppState;
  startJob(request: JobRequest, what: 'scenario'): Promise<JobResult | null>;
  /** Open a link as version 1 (or say what is wrong with it). */
  openV1Link(hash: string): boolean;
}

export type WorldActions = ReturnType<typeof worldActions>;

export function worldActions({ set, get, startJob, openV1Link }: WorldDeps) {
  /** Run a checked scenario (in the runner: a Web Worker in the browser) and show it at `cursor`. */
  const open = async (
    scenario: ScenarioV2Input,
    presetName: string | null,
    cursor = -1,
  ): Promise<boolean> => {
    const r = await startJob({ kind: 'world', scenario }, 'scenario');
    if (r?.kind !== 'world') return false;
    const preset = presetName !== null && isWorldPreset(presetName) ? presetName : null;
    const own = scenario.name ?? '';
    const world: WorldShown = {
      scenario,
      presetName: preset,
      view: new WorldView(r.trace, r.changes),
      title: {
        en: preset ? worldEn.presets[preset].title : own,
        'zh-CN': preset ? worldZh.presets[preset].title : own,
      },
      ownProfile: (preset ? loadWorldPreset(preset)?.profile : scenario.profile) ?? 'rfc',
    };
    const last = r.trace.events.length - 1;
    set({
      world,
      cursor: Math.max(-1, Math.min(last, cursor)),
      playing: false,
      problem: null,
      selectedId: null,
    });
    return true;
  };

  /**
   * A v2 scenario's text (a file, a link), checked by v2's validator, whose issues name the JSON path of
   * what to fix; a bad one leaves everything as it was, and the text where it was (the file, the address bar).
   */
  const openText = (text: string, source: Problem['source'], cursor: number): Promise<boolean> | false => {
    const parsed = parseScenarioV2Json(text);
    if (!parsed.ok) {
      set({ problem: { source, issues: parsed.issues, issueCount: parsed.issueCount } });
      return false;
    }
    return open(parsed.scenario, null, cursor);
  };

  const openPreset = (name: string, cursor = -1, profile?: Profile): Promise<boolean> | false => {
    const scenario = loadWorldPreset(name);
    if (!scenario) return false;
    if (profile) scenario.profile = profile;
    return open(scenario, name, cursor);
  };

  /**
   * A link that may be a world's (`mayBeWorldLink`): `#p=<world preset>` or `#s=<v2 JSON>`, with `c`, `lang`
   * and `profile` as v1's. Anything else, or anything malformed, goes to v1's reader, which names the problem.
   */
  const openLink = (hash: string): boolean | Promise<boolean> => {
    const params = new URLSearchParams(hash.replace(/^#/, ''));
    const c = params.get('c');
    const lang = LANGS.find((l) => l === params.get('lang'));
    const profile = PROFILES.find((p) => p === params.get('profile'));
    const once = ['p', 's', 'c', 'lang', 'profile'].every((name) => params.getAll(name).length <= 1);
    const wellFormed =
      once &&
      (c === null || /^-?\d+$/.test(c)) &&
      (!params.has('lang') || lang) &&
      (!params.has('profile') || profile) &&
      params.has('p') !== params.has('s');
    const data = params.get('s');
    const decoded = data === null ? null : fromBase64Url(data);
    const text = decoded && 'text' in decoded ? decoded.text : null;
    if (!wellFormed || (data !== null && (text === null || versionOf(text) !== 2))) return openV1Link(hash);
    if (lang && lang !== get().lang) get().setLang(lang);
    const cursor = c === null ? -1 : Number(c);
    if (text !== null) return openText(text, 'url', cursor);
    return openPreset(params.get('p') as string, cursor, profile);
  };

  /** The world's link at `cursor`: `#p=` for a preset (with `profile=` under the other one), else `#s=`. */
  const shareHash = (w: WorldShown, cursor: number, lang: Lang | null): string => {
    const params = new URLSearchParams();
    const profile = w.scenario.profile ?? 'rfc';
    if (w.presetName) {
      params.set('p', w.presetName);
      if (profile !== w.ownProfile) params.set('profile', profile);
    } else params.set('s', toBase64Url(JSON.stringify(w.scenario)));
    params.set('c', String(cursor));
    if (lang) params.set('lang', lang);
    return `#${params}`;
  };

  return { open, openText, openPreset, openLink, shareHash };
}

function versionOf(text: string): unknown {
  try {
    return (JSON.parse(text) as { version?: unknown } | null)?.version;
  } catch {
    return undefined;
  }
}
