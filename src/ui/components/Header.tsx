/** Top bar: title, scenario gallery, profile, language, theme, presenter mode, share, export menu, import, undo. */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Lang } from '../../store';
import { appStore, useApp } from '../../store';
import { MAX_SHARE_LINK_CHARS, shareLinkFits } from '../../store/url';
import { useMessages } from '../i18n';
import { importUserFile } from '../importUserFile';
import { saveScenarioJson } from '../saveScenario';
import { scenarioTitle, titleState } from '../scenarioTitle';
import { ExportMenu } from './ExportMenu';
import { StatsButton } from './StatsButton';

/** Each language by its own name, as the language menu lists it. */
const LANG_NAMES: Record<Lang, string> = { en: 'English', 'zh-CN': '简体中文' };
/** How long "Link copied" stays up. */
const NOTE_MS = 5000;

/** The scenario gallery: loaded when it is first opened. */
const Gallery = lazy(() => import('./Gallery').then((mod) => ({ default: mod.Gallery })));
/** The course page (the lessons and the student's progress): loaded when it is first opened. */
const Course = lazy(() => import('./Course').then((mod) => ({ default: mod.Course })));
/** The classroom's button: only on a page served by a classroom server (issue 11), with its chunk. */
const ClassroomButton = lazy(() => import('./classroom').then((mod) => ({ default: mod.ClassroomButton })));

export function Header() {
  const m = useMessages();
  const { t } = m;
  const profile = useApp((s) =>
    s.world ? (s.world.scenario.profile ?? 'rfc') : s.timeline.trace.scenario.profile,
  );
  const theme = useApp((s) => s.theme);
  const presenter = useApp((s) => s.presenter);
  const relativeSeq = useApp((s) => s.relativeSeq);
  const canUndo = useApp((s) => s.past.length > 0);
  const canRedo = useApp((s) => s.future.length > 0);
  const shownTitle = scenarioTitle(m, useApp(useShallow(titleState)));
  const [galleryOpen, setGalleryOpen] = useState(false);
  const courseOpen = useApp((s) => s.courseOpen);
  const classroomAvailable = useApp((s) => s.classroomAvailable);
  const courseButton = useRef<HTMLButtonElement>(null);
  const courseWasOpen = useRef(false);
  const [shareNote, setShareNote] = useState<string | null>(null);
  /** The link's length when it is too long to share (the JSON file is offered instead). */
  const [tooLarge, setTooLarge] = useState<number | null>(null);
  /** Whether a copied link also opens the page in this language (a teacher sharing with a class). */
  const [shareLang, setShareLang] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const galleryButton = useRef<HTMLButtonElement>(null);
  const galleryWasOpen = useRef(false);
  const store = appStore();
  // "Link copied" goes away by itself; a link to copy by hand stays until dismissed.
  const copied = shareNote === t('shareCopied');
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setShareNote(null), NOTE_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  // Closing the gallery (Escape, Close or a pick) puts focus back on its button, once the modal dialog is
  // gone (while it is open, everything outside it is inert and cannot take focus).
  useEffect(() => {
    if (galleryWasOpen.current && !galleryOpen) galleryButton.current?.focus();
    galleryWasOpen.current = galleryOpen;
  }, [galleryOpen]);
  useEffect(() => {
    if (courseWasOpen.current && !courseOpen && !store.getState().lessonRun) courseButton.current?.focus();
    courseWasOpen.current = courseOpen;
  }, [courseOpen, store]);

  const share = async () => {
    const page = window.location.href.split('#')[0] ?? '';
    const hash = store.getState().shareHash({ withLang: shareLang });
    const url = `${page}${hash}`;
    // A link some browser would refuse is not offered: the scenario's JSON file is.
    if (!shareLinkFits(hash, page)) {
      setShareNote(null);
      setTooLarge(url.length);
      return;
    }
    setTooLarge(null);
    try {
      await navigator.clipboard.writeText(url);
      setShareNote(t('shareCopied'));
    } catch {
      setShareNote(`${t('shareManual')} ${url}`);
    }
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    // Reset first, so picking the same file again is a change even while this one is being read.
    if (fileInput.current) fileInput.current.value = '';
    await importUserFile(file);
  };

  return (
    <header className="topbar">
      <div className="brand">
        <h1>{t('appTitle')}</h1>
        <span className="tagline">{t('tagline')}</span>
      </div>
      <div className="toolbar">
        <button
          ref={galleryButton}
          type="button"
          className="primary"
          onClick={() => setGalleryOpen(true)}
          aria-haspopup="dialog"
        >
          {t('gallery')}
        </button>
        <button
          ref={courseButton}
          type="button"
          title={t('lessonsHint')}
          onClick={() => store.getState().openCourse()}
          aria-haspopup="dialog"
        >
          {t('lessons')}
        </button>
        <button
          type="button"
          title={t('quizMeHint')}
          onClick={() => void store.getState().quizMe({ en: shownTitle, 'zh-CN': shownTitle })}
        >
          {t('quizMe')}
        </button>
        {/* --- l-stats: the statistics lab (Monte Carlo of setup time), a lazy dialog of its own --- */}
        <StatsButton />
        {classroomAvailable && (
          <Suspense fallback={null}>
            <ClassroomButton />
          </Suspense>
        )}
        <span className="scenario-title" title={shownTitle}>
          {shownTitle}
        </span>
      </div>
      <div className="toolbar">
        <fieldset className="segmented" aria-label={t('profile')}>
          <legend className="visually-hidden">{t('profile')}</legend>
          {(['rfc', 'linux'] as const).map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={profile === p}
              onClick={() => profile !== p && store.getState().setProfile(p)}
            >
              {p === 'rfc' ? t('profileRfc') : t('profileLinux')}
            </button>
          ))}
        </fieldset>
        <label>
          <span className="visually-hidden">{t('language')}</span>
          <select
            aria-label={t('language')}
            value={m.lang}
            onChange={(e) => store.getState().setLang(e.target.value as Lang)}
          >
            {(Object.keys(LANG_NAMES) as Lang[]).map((lang) => (
              <option key={lang} value={lang}>
                {LANG_NAMES[lang]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          aria-pressed={theme === 'dark'}
          onClick={() => store.getState().setTheme(theme === 'dark' ? 'light' : 'dark')}
        >
          {theme === 'dark' ? t('themeLight') : t('themeDark')}
        </button>
        <button
          type="button"
          aria-pressed={presenter}
          onClick={() => store.getState().setPresenter(!presenter)}
        >
          {t('presenter')}
        </button>
        <button
          type="button"
          aria-pressed={relativeSeq}
          title={t('relativeSeqHint')}
          onClick={() => store.getState().setRelativeSeq(!relativeSeq)}
        >
          {t('relativeSeq')}
        </button>
        <button type="button" onClick={() => store.getState().undo()} disabled={!canUndo}>
          {t('undo')}
        </button>
        <button type="button" onClick={() => store.getState().redo()} disabled={!canRedo}>
          {t('redo')}
        </button>
        <span className="share-control">
          <button type="button" onClick={share}>
            {t('share')}
          </button>
          <label title={t('shareWithLangHint')}>
            <input type="checkbox" checked={shareLang} onChange={(e) => setShareLang(e.target.checked)} />
            {t('shareWithLang', { language: LANG_NAMES[m.lang] })}
          </label>
        </span>
        <ExportMenu title={shownTitle} />
        <button type="button" title={t('importFileHint')} onClick={() => fileInput.current?.click()}>
          {t('importFile')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,.pcap,.pcapng,application/json,application/vnd.tcpdump.pcap"
          className="visually-hidden"
          tabIndex={-1}
          aria-label={t('importFile')}
          onChange={(e) => importFile(e.target.files?.[0])}
        />
      </div>
      {/* Floats over the page below the bar instead of taking a row, so nothing moves when it appears; always
          in the page, so screen readers hear the live region's new text. */}
      <output className="share-note" aria-live="polite">
        {shareNote && (
          <>
            {shareNote}{' '}
            <button type="button" onClick={() => setShareNote(null)}>
              {t('dismiss')}
            </button>
          </>
        )}
        {tooLarge !== null && (
          <>
            {t('shareTooLarge', {
              n: tooLarge.toLocaleString(m.lang),
              max: MAX_SHARE_LINK_CHARS.toLocaleString(m.lang),
            })}{' '}
            <button
              type="button"
              onClick={() => {
                saveScenarioJson();
                setTooLarge(null);
              }}
            >
              {t('shareSaveJson')}
            </button>{' '}
            <button type="button" onClick={() => setTooLarge(null)}>
              {t('dismiss')}
            </button>
          </>
        )}
      </output>
      {courseOpen && (
        <Suspense fallback={null}>
          <Course onClose={() => store.getState().closeCourse()} />
        </Suspense>
      )}
      {galleryOpen && (
        <Suspense fallback={null}>
          <Gallery onClose={() => setGalleryOpen(false)} />
        </Suspense>
      )}
    </header>
  );
}
