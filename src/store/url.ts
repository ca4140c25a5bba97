/**
 * The share URL: the whole scenario (with its faults) and the cursor live in the location hash, so a link
 * reopens the exact moment. `#p=<preset>&c=<n>` for an unmodified preset, `#s=<base64url JSON>&c=<n>`
 * otherwise. Decoding never throws: a broken link gives issues naming the problem.
 */
import { issue, loadPreset, parseScenario, type ScenarioIssue } from '../scenarios';
import type { ScenarioInput } from '../tcp/types';

export interface SharedState {
  scenario: ScenarioInput;
  presetName: string | null;
  cursor: number;
}

export type DecodeResult =
  | { ok: true; value: SharedState }
  | { ok: false; issues: ScenarioIssue[] }
  | { ok: 'empty' };

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(data: string): string {
  const b64 = data.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

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
  if (state.presetName) params.set('p', state.presetName);
  else params.set('s', encodeScenario(state.scenario));
  params.set('c', String(state.cursor));
  return `#${params.toString()}`;
}

export function decodeShare(hash: string): DecodeResult {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw.trim() === '') return { ok: 'empty' };
  const params = new URLSearchParams(raw);
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
    return { ok: true, value: { scenario, presetName: preset, cursor } };
  }
  const data = params.get('s');
  if (data === null)
    return {
      ok: false,
      issues: [
        issue('link', { code: 'bad-link', expected: { kind: 'link-content' }, got: { kind: 'nothing' } }),
      ],
    };
  let text: string;
  try {
    text = fromBase64Url(data);
  } catch {
    return {
      ok: false,
      issues: [
        issue('link s', { code: 'bad-link', expected: { kind: 'base64url' }, got: { kind: 'cut-short' } }),
      ],
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {
      ok: false,
      issues: [
        issue('link s', { code: 'bad-link', expected: { kind: 'json-text' }, got: { kind: 'cut-short' } }),
      ],
    };
  }
  const parsed = parseScenario(json);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  return { ok: true, value: { scenario: parsed.scenario, presetName: null, cursor } };
}
