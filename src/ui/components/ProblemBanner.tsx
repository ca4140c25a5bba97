/** A clear message when a link or an imported file was bad; the app keeps what it had. */
import { useApp } from '../../store';
import { useMessages } from '../i18n';

/** Problems listed; the rest are counted ("… and 19,992 more"). */
const SHOWN = 8;

export function ProblemBanner() {
  const problem = useApp((s) => s.problem);
  const dismiss = useApp((s) => s.dismissProblem);
  const m = useMessages();
  const { t } = m;
  if (!problem) return null;
  const shown = Math.min(problem.issues.length, SHOWN);
  const more = Math.max(problem.issueCount ?? problem.issues.length, problem.issues.length) - shown;
  const lead =
    problem.source === 'url'
      ? t('problemUrl')
      : problem.source === 'import'
        ? t('problemImport')
        : problem.source === 'load'
          ? t('problemLoad')
          : t('problemEngine');
  return (
    <div className="problem" role="alert">
      <p>
        <strong>{lead}</strong>
      </p>
      <ul>
        {problem.issues.slice(0, SHOWN).map((issue) => (
          <li key={`${issue.path}:${issue.message}`}>
            <code>{m.issuePath(issue)}</code>
            {t('sepColon')}
            {m.issue(issue)}
            {/* A capture reader's or the engine's own words exist only in English: offered, not imposed. */}
            {m.lang !== 'en' && (issue.code === 'bad-capture' || issue.code === 'engine') && (
              <details className="problem-detail">
                <summary>{t('problemDetail')}</summary>
                <code lang="en">{issue.message}</code>
              </details>
            )}
          </li>
        ))}
      </ul>
      {more > 0 && <p className="problem-more">{t('problemMore', { n: more.toLocaleString(m.lang) })}</p>}
      <button type="button" onClick={dismiss}>
        {t('dismiss')}
      </button>
    </div>
  );
}
