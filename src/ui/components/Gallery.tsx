/** The scenario gallery: presets grouped by lesson, in a modal dialog. Header returns focus when it closes. */
import { worldEn } from '../../i18n/world.en';
import { worldZh } from '../../i18n/world.zh-CN';
import { LESSONS, listPresets } from '../../scenarios/presets';
import { WORLD_PRESET_NAMES } from '../../scenarios/worldPresetNames';
import { appStore, useApp } from '../../store';
import { useModalDialog } from '../hooks/useModalDialog';
import { useMessages } from '../i18n';

const PRESETS = listPresets();

export function Gallery({ onClose }: { onClose: () => void }) {
  const m = useMessages();
  const current = useApp((s) => (s.world ? s.world.presetName : s.presetName));
  const world = m.lang === 'zh-CN' ? worldZh : worldEn;
  const modal = useModalDialog(onClose);

  const pick = (name: string) => {
    appStore().getState().loadPreset(name);
    onClose();
  };
  const pickWorld = (name: string) => {
    void appStore().getState().loadWorldPreset(name);
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
      {/* Version 2 scenarios: several hosts and connections, one lifeline per host (issue 12). */}
      <section aria-labelledby="lesson-world">
        <h3 id="lesson-world">{world.group}</h3>
        <ul>
          {WORLD_PRESET_NAMES.map((name) => (
            <li key={name}>
              <button
                type="button"
                className="preset"
                aria-current={current === name ? 'true' : undefined}
                onClick={() => pickWorld(name)}
              >
                <strong>{world.presets[name].title}</strong>
                <span>{world.presets[name].description}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </dialog>
  );
}
