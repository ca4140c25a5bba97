/** The scenario gallery: presets grouped by lesson, in a modal dialog. Header returns focus when it closes. */
import { LESSONS, listPresets } from '../../scenarios/presets';
import { appStore, useApp } from '../../store';
import { useModalDialog } from '../hooks/useModalDialog';
import { useMessages } from '../i18n';

const PRESETS = listPresets();

export function Gallery({ onClose }: { onClose: () => void }) {
  const m = useMessages();
  const current = useApp((s) => s.presetName);
  const modal = useModalDialog(onClose);

  const pick = (name: string) => {
    appStore().getState().loadPreset(name);
    onClose();
  };

  return (
    <dialog {...modal} className="gallery" aria-labelledby="gallery-title">
      <div className="gallery-head">
        <h2 id="gallery-title">{m.t('galleryTitle')}</h2>
        <button type="button" onClick={onClose}>
          {m.t('close')}
        </button>
      </div>
      <p className="hint">{m.t('galleryHint')}</p>
      {LESSONS.map((lesson) => (
        <section key={lesson} aria-labelledby={`lesson-${lesson}`}>
          <h3 id={`lesson-${lesson}`}>{m.cat.lessons[lesson]}</h3>
          <ul>
            {PRESETS.filter((p) => p.lesson === lesson).map((p) => {
              const text = m.cat.presets[p.name as keyof typeof m.cat.presets];
              return (
                <li key={p.name}>
                  <button
                    type="button"
                    className="preset"
                    aria-current={current === p.name ? 'true' : undefined}
                    onClick={() => pick(p.name)}
                  >
                    <strong>{text?.title ?? p.title}</strong>
                    <span>{text?.description ?? p.description}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </dialog>
  );
}
