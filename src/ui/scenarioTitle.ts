/**
 * What the scenario on screen is called, in the reader's language, and what its exported files are named.
 * A preset is called by its catalog title; a capture by its file; an edited one by what it was made from,
 * marked as edited ("RFC 9293 Figure 6: … (edited)", "RFC 9293 图 6：…（已修改）"); a scenario from a file
 * or a link by its own name.
 */
import type { AppState } from '../store';
import type { Messages } from './i18n';

type TitleState = Pick<AppState, 'presetName' | 'capture' | 'editedFrom'> & { name: string | undefined };

export function titleState(s: AppState): TitleState {
  return {
    presetName: s.world ? null : s.presetName,
    capture: s.world ? null : s.capture,
    editedFrom: s.world ? null : s.editedFrom,
    name: s.world ? s.world.title[s.lang] || s.world.scenario.name : s.timeline.trace.scenario.name,
  };
}

/** A preset's catalog title in the reader's language (its name when the catalog has none). */
export function presetTitle(m: Messages, name: string): string {
  return m.cat.presets[name as keyof typeof m.cat.presets]?.title ?? name;
}

export function scenarioTitle(m: Messages, s: TitleState): string {
  if (s.capture) return m.t('captureTitle', { file: s.capture.fileName });
  if (s.presetName) return presetTitle(m, s.presetName);
  const edited = (title: string) => m.t('editedTitle', { title });
  const from = s.editedFrom;
  if (from?.kind === 'preset') return edited(presetTitle(m, from.name));
  if (from?.kind === 'capture') return edited(m.t('captureTitle', { file: from.fileName }));
  if (!s.name) return m.t('custom');
  return from ? edited(s.name) : s.name;
}

/** A capture file's name without its extension: "linux-normal.pcapng" → "linux-normal". */
const stem = (fileName: string) => fileName.replace(/\.[^.]*$/, '') || fileName;

/**
 * The title `exportBaseName` slugs, language-neutral so a file is named the same whatever the page's
 * language: the capture's file stem (with its stream when the file holds several), or what an edit was made
 * from plus "edited", or the scenario's own name.
 */
export function exportTitle(s: TitleState): { preset: string | null; title: string } {
  if (s.capture) {
    const c = s.capture;
    return {
      preset: null,
      title: c.streams.length > 1 ? `${stem(c.fileName)} stream ${c.streamIndex}` : stem(c.fileName),
    };
  }
  if (s.presetName) return { preset: s.presetName, title: s.presetName };
  const from = s.editedFrom;
  if (from?.kind === 'preset') return { preset: null, title: `${from.name} edited` };
  if (from?.kind === 'capture') return { preset: null, title: `${stem(from.fileName)} edited` };
  const name = s.name ?? '';
  return { preset: null, title: from && name ? `${name} edited` : name };
}
