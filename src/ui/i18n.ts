/**
 * The UI's view of the catalogs. English ships in the initial bundle; Simplified Chinese is a separate
 * chunk loaded when chosen (main.tsx loads it before the first render when it is the saved or browser
 * language, so nothing flashes in English).
 */
import { useSyncExternalStore } from 'react';
import type { Catalog } from '../i18n/en';
import { en } from '../i18n/en';
import { format, type UiCatalog, type UiKey, uiEn } from '../i18n/ui.en';
import type { ScenarioIssue } from '../scenarios/issue';
import type { Lang } from '../store';
import { useApp } from '../store';

export interface Messages {
  lang: Lang;
  cat: Catalog;
  ui: UiCatalog;
  t(key: UiKey, params?: Record<string, string | number>): string;
  /** A scenario, link or file problem in this language, from its structure (what was expected and got). */
  issue(issue: ScenarioIssue): string;
  /** Where the problem is, as this language names it (a JSON path stays as it is). */
  issuePath(issue: ScenarioIssue): string;
}

interface Writers extends Pick<Messages, 'issue' | 'issuePath'> {
  format: typeof format;
}

function build(lang: Lang, cat: Catalog, ui: UiCatalog, writers: Writers): Messages {
  const { issue, issuePath } = writers;
  return { lang, cat, ui, t: (key, params) => writers.format(ui[key], params), issue, issuePath };
}

// English is the language issues are written in (the CLI prints the same message).
const english: Writers = { format, issue: (issue) => issue.message, issuePath: (issue) => issue.path };
const loaded: Partial<Record<Lang, Messages>> = { en: build('en', en, uiEn, english) };
const pending: Partial<Record<Lang, Promise<void>>> = {};
const listeners = new Set<() => void>();
let version = 0;

/** Load a language's catalogs (once). Resolves when they are ready. */
export function loadLang(lang: Lang): Promise<void> {
  if (loaded[lang]) return Promise.resolve();
  let p = pending[lang];
  if (!p) {
    p = Promise.all([
      import('../i18n/zh-CN'),
      import('../i18n/ui.zh-CN'),
      import('../i18n/issue.zh-CN'),
      import('../i18n/spacing'),
    ]).then(([{ zhCN }, { uiZh }, { chineseIssue, chinesePath }, { formatSpaced }]) => {
      const writers = { format: formatSpaced, issue: chineseIssue, issuePath: chinesePath };
      loaded[lang] = build(lang, zhCN, uiZh, writers);
      version++;
      for (const l of listeners) l();
    });
    pending[lang] = p;
  }
  return p;
}

/** Messages for a language if loaded, else English (and start loading). */
export function messages(lang: Lang): Messages {
  const m = loaded[lang];
  if (m) return m;
  void loadLang(lang);
  return loaded.en as Messages;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useMessages(): Messages {
  const lang = useApp((s) => s.lang);
  useSyncExternalStore(subscribe, () => version);
  return messages(lang);
}
