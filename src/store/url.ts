/**
 * The share URL: the whole scenario (with its faults) and the cursor live in the location hash, so a link
 * reopens the exact moment.
 * - `#p=<preset>&c=<n>` for an unmodified preset, with `&profile=rfc|linux` when it runs under the other
 *   profile than its own (switching the profile is not an edit, so the link stays short);
 * - `#s=<base64url JSON>&c=<n>` otherwise;
 * - either may end with `&lang=en|zh-CN` when the sender chose to share the page's language.
 * Decoding never throws: a broken link gives issues naming the problem. A `#s=` scenario is checked by the
 * validator, which loads after the page (./validator): until it has, such a link decodes as 'pending'.
 * Links written before `profile` existed (a preset under the other profile was a `#s=` link) open as the
 * preset, so they get the short title and link back.
 */
// Not the scenarios barrel: it would bring the validator (valibot) into the page's initial bundle.
import { issue, type ScenarioIssue } from '../scenarios/issue';
import { loadPreset, PRESET_NAMES } from '../scenarios/presets';
import { isWorldPreset } from '../scenarios/worldPresetNames';
import type { Profile, ScenarioInput } from '../tcp/types';
import type { Lang } from './prefs';
import { type Validator, validatorIfLoaded } from './validator';

export interface SharedState {
  scenario: ScenarioInput;
  presetName: string | null;
  cursor: number;
  /** The page's language, when the link carries it. */
  lang?: Lang;
  /** For a `#s=` link: the preset this scenario is an edited copy of (it kept the preset's name). */
  editedFrom?: string;
}

export const PROFILES: readonly Profile[] = ['rfc', 'linux'];
export const LANGS: readonly Lang[] = ['en', 'zh-CN'];

const profileOf = (s: ScenarioInput): Profile => s.profile ?? 'rfc';

/** JSON with object keys sorted, so two scenarios compare equal whatever order their keys were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * The preset a scenario from a link or a file is (up to its profile), or the one it is an edited copy of
 * (edits keep the preset's name), or null.
 */
export function presetOf(scenario: ScenarioInput): { same: string } | { edited: string } | null {
  const withoutProfile = (s: ScenarioInput) => canonical({ ...s, profile: undefined });
  const mine = withoutProfile(scenario);
  let edited: string | null = null;
  for (const name of PRESET_NAMES) {
    const preset = loadPreset(name) as ScenarioInput;
    if (withoutProfile(preset) === mine) return { same: name };
    if (edited === null && scenario.name !== undefined && preset.name === scenario.name) edited = name;
  }
  return edited === null ? null : { edited };
}

/**
 * The longest link hash that is decoded: Chromium refuses URLs over 2 MiB (`kMaxURLChars = 2 * 1024 *
 * 1024`, url/url_constants.h), so a longer one cannot have come from a browser; refusing it up front bounds
 * the work a pasted hash can cause.
 */
export const MAX_LINK_HASH_CHARS = 2 * 1024 * 1024;

/**
 * The longest link the page offers to share: Firefox opens URLs of at most 1,048,576 characters
 * (`network.standard-url.max-length`, 1 MiB by default) and Chromium of 2 MiB, so a shared link must stay
 * under the smaller, with room for the page's own address. Longer scenarios are shared as a JSON file.
 */
export const MAX_SHARE_LINK_CHARS = 1_000_000;

/**
 * Whether a link with this hash opens in every browser (`pageUrl`: the address before the hash, when
 * known). When it does not, the page offers the scenario's JSON file instead of a broken link.
 */
export function shareLinkFits(hash: string, pageUrl = ''): boolean {
  return pageUrl.length + hash.length <= MAX_SHARE_LINK_CHARS;
}

export type DecodeResult =
  | { ok: true; value: SharedState }
  /** `issueCount`: how many issues the validator found in a `#s=` scenario (issues holds the first ones). */
  | { ok: false; issues: ScenarioIssue[]; issueCount?: number }
  | { ok: 'empty' }
  /** A well-formed `#s=` link, to be decoded again once the validator has loaded. */
  | { ok: 'pending' };

export function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;
const NOT_BASE64URL = /[^A-Za-z0-9_-]/;

/** The `s=` data as text, or the part of it that is broken: its base64url, or the UTF-8 it encodes. */
export function fromBase64Url(data: string): { text: string } | { issue: ScenarioIssue } {
  if (!BASE64URL.test(data)) {
    const offset = NOT_BASE64URL.exec(data.replace(/={1,2}$/, ''))?.index ?? 0;
    const char = String.fromCodePoint(data.codePointAt(offset) ?? 0);
    return {
      issue: issue('link s', {
        code: 'bad-link',
        expected: { kind: 'base64url' },
        got: { kind: 'char', json: JSON.stringify(char) },
        offset,
      }),
    };
  }
  const b64 = data.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  if (b64.length % 4 === 1)
    return {
      issue: issue('link s', {
        code: 'bad-link',
        expected: { kind: 'base64url' },
        got: { kind: 'cut-short' },
      }),
    };
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return {
      issue: issue('link s', {
        code: 'bad-link',
        expected: { kind: 'utf8-text' },
        got: { kind: 'cut-short' },
        offset,
      }),
    };
  }
}

/**
 * The byte offset where `bytes` stop being UTF-8: the longest prefix a streaming decoder accepts (it
 * waits for the rest of a sequence cut at the end rather than failing, so acceptance is monotone).
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      good = mid;
    } catch {
      bad = mid;
    }
  }
  // A sequence cut at the very end: it starts at the last byte that opens a sequence.
  let start = good;
  while (start > 0 && ((bytes[start] ?? 0) & 0xc0) === 0x80) start--;
  return start;
}

const LINK_PARAMS = ['p', 's', 'c', 'lang', 'profile'] as const;

/** Encoding a large scenario costs milliseconds; the cursor moves far more often than the scenario changes. */
const encoded = new WeakMap<ScenarioInput, string>();

function encodeScenario(scenario: ScenarioInput): string {
  let data = encoded.get(scenario);
  if (data === undefined) {
    data = toBase64Url(JSON.stringify(scenario));
    encoded.set(scenario, data);
  }
  return data;
}

export function encodeShare(state: SharedState): string {
  const params = new URLSearchParams();
  const preset = state.presetName ? loadPreset(state.presetName) : undefined;
  if (state.presetName && preset) {
    params.set('p', state.presetName);
    const profile = profileOf(state.scenario);
    if (profile !== profileOf(preset)) params.set('profile', profile);
  } else params.set('s', encodeScenario(state.scenario));
  params.set('c', String(state.cursor));
  if (state.lang) params.set('lang', state.lang);
  return `#${params.toString()}`;
}

/** The language a link asks for, if any (read before the first render, so the page does not flash). */
export function linkLang(hash: string): Lang | null {
  const lang = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash).get('lang');
  return LANGS.find((l) => l === lang) ?? null;
}

/** Whether a link holds a scenario (`s=` and no preset `p=`), which needs the validator to open. */
export function linkHoldsScenario(hash: string): boolean {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  return params.has('s') && !params.has('p');
}

/**
 * Whether a link may open a world (a version 2 scenario): `p=` names a multi-connection preset, or the JSON
 * in `s=` says version 2. Cheap, so the page's first download can tell; the world's module (lazy) reads the
 * link in full, and hands it back to decodeShare when it is not one after all.
 */
export function mayBeWorldLink(hash: string): boolean {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const preset = params.get('p');
  if (preset !== null) return isWorldPreset(preset);
  const data = params.get('s');
  const decoded = data === null ? null : fromBase64Url(data);
  return decoded !== null && 'text' in decoded && /"version"\s*:\s*2\b/.test(decoded.text);
}

/** A link decoded with the validator at hand: opened or refused, never 'pending'. */
export type DecodedLink = Exclude<DecodeResult, { ok: 'pending' }>;

/** Decode a link's hash; `validator` checks a `#s=` scenario (the loaded one by default). */
export function decodeShare(hash: string, validator: Validator): DecodedLink;
export function decodeShare(hash: string, validator?: Validator | null): DecodeResult;
export function decodeShare(hash: string, validator: Validator | null = validatorIfLoaded()): DecodeResult {
  if (hash.length > MAX_LINK_HASH_CHARS)
    return {
      ok: false,
      issues: [
        issue('link', {
          code: 'bad-link',
          expected: { kind: 'link-length', max: MAX_LINK_HASH_CHARS },
          got: { kind: 'count', count: hash.length },
        }),
      ],
    };
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw.trim() === '') return { ok: 'empty' };
  const params = new URLSearchParams(raw);
  // A parameter given twice would let one copy win silently; so would a preset beside a scenario.
  for (const name of LINK_PARAMS) {
    const count = params.getAll(name).length;
    if (count > 1)
      return {
        ok: false,
        issues: [
          issue(`link ${name}`, {
            code: 'bad-link',
            expected: { kind: 'once' },
            got: { kind: 'count', count },
          }),
        ],
      };
  }
  if (params.has('p') && params.has('s'))
    return {
      ok: false,
      issues: [
        issue('link', {
          code: 'bad-link',
          expected: { kind: 'preset-or-scenario' },
          got: { kind: 'both-p-and-s' },
        }),
      ],
    };
  const cursorText = params.get('c');
  let cursor = -1;
  if (cursorText !== null) {
    if (!/^-?\d+$/.test(cursorText)) {
      return {
        ok: false,
        issues: [
          issue('link c', {
            code: 'bad-link',
            expected: { kind: 'event-number' },
            got: { kind: 'value', json: `"${cursorText.slice(0, 40)}"` },
          }),
        ],
      };
    }
    cursor = Number(cursorText);
  }
  const langText = params.get('lang');
  const lang = LANGS.find((l) => l === langText);
  if (langText !== null && !lang) {
    return {
      ok: false,
      issues: [
        issue('link lang', {
          code: 'bad-link',
          expected: { kind: 'one-of', options: [...LANGS] },
          got: { kind: 'value', json: `"${langText.slice(0, 40)}"` },
        }),
      ],
    };
  }
  const extra = lang ? { lang } : {};
  const profileText = params.get('profile');
  const profile = PROFILES.find((p) => p === profileText);
  if (profileText !== null && !profile) {
    return {
      ok: false,
      issues: [
        issue('link profile', {
          code: 'bad-link',
          expected: { kind: 'one-of', options: [...PROFILES] },
          got: { kind: 'value', json: `"${profileText.slice(0, 40)}"` },
        }),
      ],
    };
  }
  const preset = params.get('p');
  if (preset !== null) {
    const scenario = loadPreset(preset);
    if (!scenario)
      return {
        ok: false,
        issues: [
          issue('link p', {
            code: 'bad-link',
            expected: { kind: 'preset' },
            got: { kind: 'value', json: `"${preset.slice(0, 60)}"` },
          }),
        ],
      };
    if (profile && profile !== profileOf(scenario)) scenario.profile = profile;
    return { ok: true, value: { scenario, presetName: preset, cursor, ...extra } };
  }
  const data = params.get('s');
  if (data === null)
    return {
      ok: false,
      issues: [
        issue('link', { code: 'bad-link', expected: { kind: 'link-content' }, got: { kind: 'nothing' } }),
      ],
    };
  const decoded = fromBase64Url(data);
  if ('issue' in decoded) return { ok: false, issues: [decoded.issue] };
  const cutShort = (where: { line?: number; column?: number } = {}): DecodeResult => ({
    ok: false,
    issues: [
      issue('link s', {
        code: 'bad-link',
        expected: { kind: 'json-text' },
        got: { kind: 'cut-short' },
        ...where,
      }),
    ],
  });
  if (!validator) {
    // The strict reader (positions, duplicate keys) comes with the validator; JSON.parse tells a link cut
    // short from one to decode again once the validator has loaded.
    try {
      JSON.parse(decoded.text);
    } catch {
      return cutShort();
    }
    return { ok: 'pending' };
  }
  const read = validator.readJsonText(decoded.text);
  if (!read.ok) {
    const [first] = read.issues;
    // Duplicate keys are reported at their JSON paths, as the validator's issues are.
    if (first?.code === 'duplicate-key')
      return { ok: false, issues: read.issues, issueCount: read.issueCount };
    return cutShort(first?.line === undefined ? {} : { line: first.line, column: first.column ?? 1 });
  }
  const json = read.value;
  const parsed = validator.parseScenario(json);
  if (!parsed.ok) return { ok: false, issues: parsed.issues, issueCount: parsed.issueCount };
  const scenario = profile ? { ...parsed.scenario, profile } : parsed.scenario;
  const known = presetOf(scenario);
  if (known && 'same' in known) {
    const presetScenario = loadPreset(known.same) as ScenarioInput;
    if (profileOf(scenario) !== profileOf(presetScenario)) presetScenario.profile = profileOf(scenario);
    return { ok: true, value: { scenario: presetScenario, presetName: known.same, cursor, ...extra } };
  }
  const editedFrom = known ? { editedFrom: known.edited } : {};
  return { ok: true, value: { scenario, presetName: null, cursor, ...editedFrom, ...extra } };
}
