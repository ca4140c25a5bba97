/**
 * A long run or a capture import under way: what it is doing, how far it is, and a Cancel. The page keeps
 * showing (and playing) the previous scenario meanwhile. Also the note when the page shows only the first
 * PAGE_MAX_EVENTS events of a run, and the word that a cancel changed nothing. Loaded the first time there is
 * something to say (most visits never run anything long); the live region it speaks in is ComputeSlot's.
 */

import { computeStatusEn, computeStatusZh } from '../../i18n/compute-status';
import { sideCatalog } from '../../i18n/side-catalog';
import { useApp } from '../../store';
import { useMessages } from '../i18n';

export function ComputeStatus() {
  const computing = useApp((s) => s.computing);
  const cancelled = useApp((s) => s.cancelled);
  const pageLimit = useApp((s) => s.pageLimit);
  const cancel = useApp((s) => s.cancelComputing);
  const { lang } = useMessages();
  const t = sideCatalog(lang, computeStatusEn, computeStatusZh);
  const number = (n: number) => n.toLocaleString(lang);
  let body = null;
  if (computing) {
    const p = computing.progress;
    const text =
      p.phase === 'run'
        ? t('computingScenario', { n: number(p.events ?? 0) })
        : p.phase === 'read'
          ? t('computingRead')
          : t('computingReplay');
    const percent = p.fraction === null ? null : Math.round(p.fraction * 100);
    body = (
      <div className="computing">
        <p>
          <span>{text}</span> <span className="muted">{t('computingKeep')}</span>
        </p>
        <div
          className="computing-bar"
          role="progressbar"
          aria-label={t('computingLabel')}
          aria-valuemin={0}
          aria-valuemax={100}
          {...(percent === null ? {} : { 'aria-valuenow': percent, 'aria-valuetext': `${percent}%` })}
        >
          <span
            className={percent === null ? 'indeterminate' : ''}
            style={percent === null ? undefined : { width: `${percent}%` }}
          />
        </div>
        <button type="button" onClick={cancel}>
          {t('cancel')}
        </button>
      </div>
    );
  } else if (cancelled) {
    body = <p className="compute-note">{t('cancelledNote')}</p>;
  }
  return (
    <>
      {body}
      {pageLimit && !computing && (
        <p className="compute-note page-limit">
          {t('pageLimitNote', { shown: number(pageLimit.shown), max: number(pageLimit.maxEvents) })}
        </p>
      )}
    </>
  );
}
