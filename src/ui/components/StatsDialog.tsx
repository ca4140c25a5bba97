/** The statistics lab on its own (the Header's "Statistics" button): a modal dialog around StatsLab. */
import { sideCatalog } from '../../i18n/side-catalog';
import { statsEn, statsZh } from '../../i18n/stats';
import { useApp } from '../../store';
import { useModalDialog } from '../hooks/useModalDialog';
import { useMessages } from '../i18n';
import { StatsLab } from './StatsLab';

/** Defaults from the page's scenario: its loss rate and profile. */
export function StatsLabDialog({ onClose }: { onClose: () => void }) {
  const { lang } = useMessages();
  const t = sideCatalog(lang, statsEn, statsZh);
  const lossRate = useApp((s) => s.timeline.trace.scenario.network.lossRate);
  const profile = useApp((s) => s.timeline.trace.scenario.profile);
  const modal = useModalDialog(onClose);
  return (
    <dialog {...modal} className="stats-dialog" aria-label={t('title')}>
      <div className="stats-dialog-head">
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      {/* A scenario without loss would show one bar; the lab then starts at 10 %, the loss lesson's rate. */}
      <StatsLab lossRate={lossRate > 0 ? lossRate : 0.1} profile={profile} />
    </dialog>
  );
}
