/** Play/pause, step, speed, the timeline scrubber, the simulated clock and the shortcut list. */

import { appStore, useApp } from '../../store';
import { SPEEDS, type Speed, shownEvents } from '../../store/playback';
import { ms } from '../format';
import { useMessages } from '../i18n';
import { Icon } from './Icon';

export function Controls() {
  const { t } = useMessages();
  const cursor = useApp((s) => s.cursor);
  const total = useApp((s) => shownEvents(s).length);
  const playing = useApp((s) => s.playing);
  const speed = useApp((s) => s.speed);
  const pauseAtSegments = useApp((s) => s.pauseAtSegments);
  const now = useApp((s) => shownEvents(s)[s.cursor]?.t ?? 0);
  const s = appStore().getState;
  const position = cursor < 0 ? t('beforeStart') : t('eventOf', { n: cursor + 1, total });
  return (
    <section className="panel controls" aria-label={t('controls')}>
      <div className="buttons">
        <button type="button" onClick={() => s().toStart()} aria-label={t('toStart')} title={t('toStart')}>
          <Icon name="first" />
        </button>
        <button type="button" onClick={() => s().step(-1)} aria-label={t('stepBack')} title={t('stepBack')}>
          <Icon name="prev" />
        </button>
        <button
          type="button"
          className="primary play"
          onClick={() => s().togglePlay()}
          aria-pressed={playing}
        >
          <Icon name={playing ? 'pause' : 'play'} /> {playing ? t('pause') : t('play')}
        </button>
        <button
          type="button"
          onClick={() => s().step(1)}
          aria-label={t('stepForward')}
          title={t('stepForward')}
        >
          <Icon name="next" />
        </button>
        <button type="button" onClick={() => s().toEnd()} aria-label={t('toEnd')} title={t('toEnd')}>
          <Icon name="last" />
        </button>
        <label className="speed">
          {t('speed')}{' '}
          <select value={speed} onChange={(e) => s().setSpeed(Number(e.target.value) as Speed)}>
            {SPEEDS.map((v) => (
              <option key={v} value={v}>
                {v}×
              </option>
            ))}
          </select>
        </label>
        <label className="pause-segments" title={t('pauseAtSegmentsHint')}>
          <input
            type="checkbox"
            checked={pauseAtSegments}
            aria-describedby="pause-segments-hint"
            onChange={(e) => s().setPauseAtSegments(e.target.checked)}
          />{' '}
          {t('pauseAtSegments')}
        </label>
        <span id="pause-segments-hint" className="visually-hidden">
          {t('pauseAtSegmentsHint')}
        </span>
        <output className="clock mono" aria-label={t('clock')}>
          t = {t('ms', { n: ms(now) })}
        </output>
      </div>
      <label className="scrubber">
        <span className="visually-hidden">{t('timeline')}</span>
        <input
          type="range"
          min={-1}
          max={Math.max(-1, total - 1)}
          step={1}
          value={cursor}
          aria-valuetext={position}
          onChange={(e) => s().seek(Number(e.target.value))}
        />
      </label>
      <div className="position muted">{position}</div>
      <details className="shortcuts">
        <summary>{t('shortcuts')}</summary>
        <ul>
          <li>{t('shortcutPlay')}</li>
          <li>{t('shortcutStep')}</li>
          <li>{t('shortcutPresenter')}</li>
          <li>{t('shortcutEnds')}</li>
          <li>{t('shortcutUndo')}</li>
        </ul>
      </details>
    </section>
  );
}
