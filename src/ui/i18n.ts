/**
 * The UI's view of the catalogs. English names, titles and labels ship in the initial bundle; the English
 * explanation sentences and glossary (en.sentences.ts) are a chunk of their own, requested as soon as this
 * module loads and needed only once an event is shown or a definition opened (main.tsx waits for them before
 * the first render when a link opens at an event). Simplified Chinese is a separate chunk loaded when chosen
 * (main.tsx loads it before the first render when it is the saved or browser language, so nothing flashes in
 * English).
 */
import { useSyncExternalStore } from 'react';
import type { Catalog } from '../i18n/en';
import { enBase } from '../i18n/en.base';
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
/** Until en.sentences.ts has loaded, every explanation and definition reads as empty (never `undefined`). */
const notYet = new Proxy({}, { get: () => '' }) as Record<string, string>;
const englishSoFar = { ...enBase, explain: notYet, glossary: notYet } as unknown as Catalog;
const loaded: Partial<Record<Lang, Messages>> = { en: build('en', englishSoFar, uiEn, english) };
const pending: Partial<Record<Lang, Promise<void>>> = {};
const listeners = new Set<() => void>();
let version = 0;

function changed(): void {
  version++;
  for (const l of listeners) l();
}

/** The English sentences (explanations, glossary): once, the first time anything asks. */
const englishSentences: Promise<void> = import('../i18n/en.sentences').then(({ enSentences }) => {
  loaded.en = build('en', { ...enBase, ...enSentences }, uiEn, english);
  changed();
});

/** Load a language's catalogs (once). Resolves when they are ready, English sentences included. */
export function loadLang(lang: Lang): Promise<void> {
  if (lang === 'en') return englishSentences;
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
      changed();
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
