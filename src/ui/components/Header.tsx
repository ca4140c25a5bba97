/** Top bar: title, scenario gallery, profile, language, theme, presenter mode, share, export menu, import, undo. */
import { useRef, useState } from 'react';
import type { Lang } from '../../store';
import { appStore, useApp } from '../../store';
import { useMessages } from '../i18n';
import { importUserFile } from '../importUserFile';
import { ExportMenu } from './ExportMenu';
import { Gallery } from './Gallery';

export function Header() {
  const m = useMessages();
  const { t } = m;
  const profile = useApp((s) => s.timeline.trace.scenario.profile);
  const presetName = useApp((s) => s.presetName);
  const theme = useApp((s) => s.theme);
  const presenter = useApp((s) => s.presenter);
  const relativeSeq = useApp((s) => s.relativeSeq);
  const canUndo = useApp((s) => s.past.length > 0);
  const canRedo = useApp((s) => s.future.length > 0);
  const title = useApp((s) => s.timeline.trace.scenario.name);
  const [galleryOpen, setGalleryOpen] = useState(false);
  const [shareNote, setShareNote] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const store = appStore();

  const capture = useApp((s) => s.capture);
  const shownTitle = capture
    ? t('captureTitle', { file: capture.fileName })
    : presetName && presetName in m.cat.presets
      ? m.cat.presets[presetName as keyof typeof m.cat.presets].title
      : presetName
        ? title
        : `${t('custom')}${t('sepColon')}${title}`;

  const share = async () => {
    const url = `${window.location.href.split('#')[0]}${store.getState().shareHash()}`;
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
    await importUserFile(file, t('fileReadError'));
  };

  return (
    <header className="topbar">
      <div className="brand">
        <h1>{t('appTitle')}</h1>
        <span className="tagline">{t('tagline')}</span>
      </div>
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => setGalleryOpen(true)} aria-haspopup="dialog">
          {t('gallery')}
        </button>
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
            <option value="en">English</option>
            <option value="zh-CN">简体中文</option>
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
        <button type="button" onClick={share}>
          {t('share')}
        </button>
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
      {shareNote && (
        <output className="share-note" aria-live="polite">
          {shareNote}{' '}
          <button type="button" onClick={() => setShareNote(null)}>
            {t('dismiss')}
          </button>
        </output>
      )}
      {galleryOpen && <Gallery onClose={() => setGalleryOpen(false)} />}
    </header>
  );
}
