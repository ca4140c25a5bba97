/** The statistics lab's table view: the histogram's numbers, for reading exact values and for screen readers. */
import { memo } from 'react';
import { sideCatalog } from '../../i18n/side-catalog';
import { statsEn, statsZh } from '../../i18n/stats';
import type { SetupRow } from '../../lessons/stats';

/** The table view of the histogram: every setup time, its runs and share, and the expected share. */
/** The lab's numbers in the reader's language: counts, shares as percentages (2 decimals), times in ms. */
export function labFormat(lang: string) {
  const t = sideCatalog(lang, statsEn, statsZh);
  const number = (n: number, digits = 0) => n.toLocaleString(lang, { maximumFractionDigits: digits });
  return {
    number,
    percent: (f: number) => t('percent', { n: number(f * 100, 2) }),
    ms: (n: number) => t('ms', { n: number(n, 3) }),
  };
}

export const SetupTable = memo(function SetupTable(props: {
  rows: SetupRow[];
  simulated: boolean;
  lang: string;
}) {
  const { rows, simulated, lang } = props;
  const t = sideCatalog(lang, statsEn, statsZh);
  const { number, percent, ms } = labFormat(lang);
  return (
    <div className="stats-table-wrap">
      <table className="stats-table">
        <caption>{t('tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colTime')}</th>
            <th scope="col">{t('colRuns')}</th>
            <th scope="col">{t('colFraction')}</th>
            <th scope="col">{t('colExpected')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.ms}>
              <th scope="row">{ms(r.ms)}</th>
              <td>{simulated ? number(r.runs) : '—'}</td>
              <td>{simulated ? percent(r.fraction) : '—'}</td>
              <td>{percent(r.expected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
