/**
 * The statistics lab (issue 10's "Statistics step"): N connection lifecycles at a loss rate and profile, run
 * as a job of the page's runner (src/store/jobs.ts 'montecarlo': in the Web Worker, so the page answers
 * input meanwhile), with progress and Cancel; a histogram of setup time with the analytic expectation
 * (src/lessons/stats.ts) overlaid, a table of the same numbers, mean/p50/p90/p99 next to the CLI command that
 * prints them, and CSV/PNG export. A lazy chunk: the Header's "Statistics" dialog and a lesson step with
 * `lab.statistics` render it.
 */
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { sideCatalog } from '../../i18n/side-catalog';
import { statsEn, statsZh } from '../../i18n/stats';
import {
  cliCommand,
  DEFAULT_LAB_RUNS,
  DEFAULT_LAB_SEED,
  expectedQuantile,
  LAB_LATENCY_MS,
  type LabField,
  type LabInputError,
  type LabSettings,
  lossText,
  MAX_LAB_RUNS,
  parseLabInput,
  type SetupRow,
  setupExpectation,
  setupRows,
  statsCsv,
} from '../../lessons/stats';
import { useApp } from '../../store';
import type { JobResult } from '../../store/jobs';
import { lazyRunner } from '../../store/lazyRunner';
import type { EngineRunner, Job } from '../../store/runner';
import type { Profile, ScenarioInput } from '../../tcp/types';
import { download } from '../download';
import { useMessages } from '../i18n';
import { chartBins, StatsChart } from './StatsChart';
import './stats.css';

export interface StatsLabProps {
  lossRate?: number;
  profile?: Profile;
  runs?: number;
  seed?: number;
  /** A lesson step's scenario: its loss rate and profile are the defaults when the step gives none. */
  scenario?: ScenarioInput;
}

/**
 * The lab's own runner instance: the same job protocol and worker script as the page's, but a worker of its
 * own, so a lab run and the page's long scenario runs do not cancel each other (a runner runs one job at a
 * time). Created with the first lab run.
 */
let labRunner: EngineRunner | null = null;
const runner = () => {
  labRunner ??= lazyRunner();
  return labRunner;
};

type Status =
  | { kind: 'idle' }
  | { kind: 'running'; done: number; runs: number }
  | { kind: 'done'; settings: LabSettings; result: Extract<JobResult, { kind: 'montecarlo' }> }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

export function StatsLab(props: StatsLabProps) {
  const { lang } = useMessages();
  const t = sideCatalog(lang, statsEn, statsZh);
  const id = useId();
  const [lossInput, setLossInput] = useState(() =>
    lossText(props.lossRate ?? props.scenario?.network?.lossRate ?? 0.1),
  );
  const [profile, setProfile] = useState<Profile>(props.profile ?? props.scenario?.profile ?? 'rfc');
  const [runsInput, setRunsInput] = useState(String(props.runs ?? DEFAULT_LAB_RUNS));
  const [seedInput, setSeedInput] = useState(String(props.seed ?? DEFAULT_LAB_SEED));
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [showTable, setShowTable] = useState(false);
  const [copied, setCopied] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const job = useRef<Job | null>(null);
  const chart = useRef<SVGSVGElement>(null);
  // The chart is drawn at its box's width (a phone, a projector), measured as it changes.
  const [figure, setFigure] = useState<HTMLElement | null>(null);
  const [chartWidth, setChartWidth] = useState(640);
  useEffect(() => {
    if (!figure) return;
    setChartWidth(figure.clientWidth || 640);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setChartWidth(figure.clientWidth || 640));
    observer.observe(figure);
    return () => observer.disconnect();
  }, [figure]);

  // Leaving the lab (closing the dialog, the lesson moving on) stops its run.
  useEffect(() => () => job.current?.cancel(), []);

  const parsed = parseLabInput({ lossRate: lossInput, runs: runsInput, seed: seedInput, profile });
  const errors: LabInputError[] = parsed.ok ? [] : parsed.errors;
  const errorOf = (field: LabField) => errors.find((e) => e.field === field);
  // What the chart and figures describe: the finished run's settings, else what the fields say now.
  const shown: LabSettings | null =
    status.kind === 'done' ? status.settings : parsed.ok ? parsed.settings : null;
  // Keyed by the two numbers it depends on (a few ms to compute; progress re-renders must not redo it).
  const shownLoss = shown?.lossRate ?? null;
  const shownProfile = shown?.profile ?? null;
  const expectation = useMemo(
    () =>
      shownLoss === null || shownProfile === null
        ? null
        : setupExpectation(shownLoss, shownProfile, LAB_LATENCY_MS),
    [shownLoss, shownProfile],
  );
  const done = status.kind === 'done' ? status : null;
  const rows = useMemo(
    () =>
      expectation ? setupRows(done?.result.histogram ?? [], done?.result.result.runs ?? 0, expectation) : [],
    [expectation, done],
  );

  const number = (n: number, digits = 0) => n.toLocaleString(lang, { maximumFractionDigits: digits });
  // biome-ignore lint/correctness/useExhaustiveDependencies: t and number change only with the language
  const percent = useCallback((f: number) => t('percent', { n: number(f * 100, 2) }), [lang]);
  const ms = (n: number) => t('ms', { n: number(n, 3) });
  const timeLabel = (n: number) =>
    n >= 1000 ? t('s', { n: number(n / 1000, 2) }) : t('ms', { n: number(n) });
  const profileName = (p: Profile) => (p === 'rfc' ? t('profileRfc') : t('profileLinux'));

  /** A change to an input makes the shown run stale: back to the expectation alone. */
  const edit = (set: (v: string) => void) => (v: string) => {
    set(v);
    if (status.kind === 'done' || status.kind === 'cancelled' || status.kind === 'failed') {
      setStatus({ kind: 'idle' });
    }
  };

  const run = () => {
    if (!parsed.ok || status.kind === 'running') return;
    const settings = parsed.settings;
    setCopied(false);
    setExportError(null);
    setStatus({ kind: 'running', done: 0, runs: settings.runs });
    const started = runner().start({ kind: 'montecarlo', latencyMs: LAB_LATENCY_MS, ...settings }, (p) =>
      setStatus({ kind: 'running', done: p.runs ?? 0, runs: settings.runs }),
    );
    job.current = started;
    started.promise.then(
      (result) => {
        if (job.current !== started) return;
        job.current = null;
        if (result.kind === 'montecarlo') setStatus({ kind: 'done', settings, result });
        else setStatus({ kind: 'cancelled' });
      },
      (e: unknown) => {
        if (job.current !== started) return;
        job.current = null;
        setStatus({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
      },
    );
  };

  const cancel = () => job.current?.cancel();

  const fileBase = (s: LabSettings) =>
    `montecarlo.${s.profile}.loss-${lossText(s.lossRate)}.runs-${s.runs}.seed-${s.seed}`;

  const exportCsv = () => {
    if (!done) return;
    download(new Blob([statsCsv(rows)], { type: 'text/csv' }), `${fileBase(done.settings)}.csv`);
  };

  const exportPng = async () => {
    const svg = chart.current;
    if (!svg || !shown) return;
    setExportError(null);
    try {
      const { ladderSvg, svgToPng, themeOf } = await import('../exportLadder');
      const app = svg.closest('.app') ?? document.documentElement;
      const file = ladderSvg(svg, themeOf(app), svg.getAttribute('aria-label') ?? '');
      download(await svgToPng(file), `${fileBase(done?.settings ?? shown)}.png`);
    } catch (e) {
      setExportError(e instanceof Error ? e.message : String(e));
    }
  };

  const command = shown ? cliCommand(shown) : '';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  const title = shown
    ? t('chartTitle', { loss: percent(shown.lossRate), profile: profileName(shown.profile) })
    : t('title');
  // Memoized with the rows: a progress report re-renders the lab, and must not redraw the chart or the table.
  // biome-ignore lint/correctness/useExhaustiveDependencies: timeLabel and t change only with the language
  const bins = useMemo(() => chartBins(rows, timeLabel, t('rarerBin')), [rows, lang]);
  const field = (
    name: LabField,
    label: string,
    hint: string,
    value: string,
    set: (v: string) => void,
    inputMode: 'decimal' | 'numeric',
  ) => {
    const error = errorOf(name);
    return (
      <div className="stats-field">
        <label htmlFor={`${id}-${name}`}>{label}</label>
        <input
          id={`${id}-${name}`}
          type="text"
          inputMode={inputMode}
          value={value}
          maxLength={32}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-${name}-hint${error ? ` ${id}-${name}-error` : ''}`}
          disabled={status.kind === 'running'}
          onChange={(e) => edit(set)(e.target.value)}
        />
        <span id={`${id}-${name}-hint`} className="muted">
          {hint}
        </span>
        {error && (
          <span id={`${id}-${name}-error`} className="stats-error">
            {t(error.key, { given: error.given, max: number(MAX_LAB_RUNS) })}
          </span>
        )}
      </div>
    );
  };

  const running = status.kind === 'running' ? status : null;
  const result = done?.result.result;
  const figures: { name: string; simulated: string; expected: string }[] =
    expectation && shown
      ? [
          {
            name: t('mean'),
            simulated: result ? ms(result.setupMs.mean) : '—',
            expected: ms(expectation.meanMs),
          },
          ...([0.5, 0.9, 0.99] as const).map((q) => {
            const key = q === 0.5 ? 'p50' : q === 0.9 ? 'p90' : 'p99';
            return {
              name: key,
              simulated: result ? ms(result.setupMs[key]) : '—',
              expected: ms(expectedQuantile(expectation, q)),
            };
          }),
          {
            name: t('established'),
            simulated: result ? percent(result.established / Math.max(1, result.runs)) : '—',
            expected: percent(expectation.established),
          },
        ]
      : [];

  return (
    <section className="stats-lab" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <form
        className="stats-form"
        aria-label={t('settings')}
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        {field('lossRate', t('lossRate'), t('lossHint'), lossInput, setLossInput, 'decimal')}
        <div className="stats-field">
          <label htmlFor={`${id}-profile`}>{t('profile')}</label>
          <select
            id={`${id}-profile`}
            value={profile}
            disabled={status.kind === 'running'}
            onChange={(e) => edit((v) => setProfile(v as Profile))(e.target.value)}
          >
            <option value="rfc">{t('profileRfc')}</option>
            <option value="linux">{t('profileLinux')}</option>
          </select>
        </div>
        {field(
          'runs',
          t('runs'),
          t('runsHint', { max: number(MAX_LAB_RUNS) }),
          runsInput,
          setRunsInput,
          'numeric',
        )}
        {field('seed', t('seed'), t('seedHint'), seedInput, setSeedInput, 'numeric')}
        <div className="stats-actions">
          <button type="submit" className="primary" disabled={!parsed.ok || running !== null}>
            {t('run')}
          </button>
          <button type="button" onClick={cancel} disabled={running === null}>
            {t('cancel')}
          </button>
        </div>
      </form>
      {running && (
        <div className="stats-progress">
          <div
            className="computing-bar"
            role="progressbar"
            aria-label={t('progressLabel')}
            aria-valuemin={0}
            aria-valuemax={running.runs}
            aria-valuenow={running.done}
            aria-valuetext={t('progress', { done: number(running.done), runs: number(running.runs) })}
          >
            <span style={{ width: `${(running.done / Math.max(1, running.runs)) * 100}%` }} />
          </div>
          <span>{t('progress', { done: number(running.done), runs: number(running.runs) })}</span>
        </div>
      )}
      <p role="status" className="stats-status">
        {status.kind === 'cancelled' && t('cancelled')}
        {status.kind === 'failed' && t('failed', { message: status.message })}
        {status.kind === 'done' && t('done', { runs: number(status.result.result.runs) })}
        {status.kind === 'idle' && shown && t('beforeRun')}
      </p>
      {shown && expectation && (
        <>
          <figure className="stats-figure" ref={setFigure}>
            <StatsChart
              ref={chart}
              bins={bins}
              title={title}
              legendSimulated={t('chartSimulated')}
              legendExpected={t('chartExpected')}
              axisTime={t('axisTime')}
              axisShare={t('axisShare')}
              simulated={done !== null}
              percent={percent}
              width={chartWidth}
            />
            <figcaption>
              <span className="visually-hidden">{t('legend')}: </span>
              <ul className="stats-legend">
                <li>
                  <span className="stats-key bar" aria-hidden="true" /> {t('legendSimulated')}
                </li>
                <li>
                  <span className="stats-key dot" aria-hidden="true" /> {t('legendExpected')}
                </li>
              </ul>
            </figcaption>
          </figure>
          <div className="stats-results">
            <table className="stats-summary">
              <caption>{t('summaryCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('colFigure')}</th>
                  <th scope="col">{t('colSimulated')}</th>
                  <th scope="col">{t('colModel')}</th>
                </tr>
              </thead>
              <tbody>
                {figures.map((f) => (
                  <tr key={f.name}>
                    <th scope="row">{f.name}</th>
                    <td>{f.simulated}</td>
                    <td>{f.expected}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="stats-cli">
              <p>{t('cliSame')}</p>
              <code data-testid="stats-cli">{command}</code>{' '}
              <button type="button" onClick={copy}>
                {copied ? t('copied') : t('copy')}
              </button>
              {result && result.runs > result.established && (
                <p className="muted">
                  {t('notEstablished', {
                    n: number(result.runs - result.established),
                    runs: number(result.runs),
                    share: percent((result.runs - result.established) / result.runs),
                    expected: percent(1 - expectation.established),
                  })}
                </p>
              )}
            </div>
          </div>
          <div className="stats-actions">
            <button type="button" aria-expanded={showTable} onClick={() => setShowTable(!showTable)}>
              {showTable ? t('hideTable') : t('showTable')}
            </button>
            <button type="button" onClick={exportCsv} disabled={!done}>
              {t('exportCsv')}
            </button>
            <button type="button" onClick={exportPng}>
              {t('exportPng')}
            </button>
            {exportError && <span className="stats-error">{exportError}</span>}
          </div>
          {showTable && <SetupTable rows={rows} simulated={done !== null} lang={lang} />}
        </>
      )}
    </section>
  );
}

/** The table view of the histogram: every setup time, its runs and share, and the expected share. */
const SetupTable = memo(function SetupTable(props: { rows: SetupRow[]; simulated: boolean; lang: string }) {
  const { rows, simulated, lang } = props;
  const t = sideCatalog(lang, statsEn, statsZh);
  const number = (n: number, digits = 0) => n.toLocaleString(lang, { maximumFractionDigits: digits });
  const percent = (f: number) => t('percent', { n: number(f * 100, 2) });
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
              <th scope="row">{t('ms', { n: number(r.ms, 3) })}</th>
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

/** The lab on its own, from the Header's "Statistics" button: a modal dialog, defaults from the page's scenario. */
export function StatsLabDialog({ onClose }: { onClose: () => void }) {
  const { lang } = useMessages();
  const t = sideCatalog(lang, statsEn, statsZh);
  const lossRate = useApp((s) => s.timeline.trace.scenario.network.lossRate);
  const profile = useApp((s) => s.timeline.trace.scenario.profile);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    }
  }, []);
  return (
    <dialog
      ref={dialog}
      className="stats-dialog"
      aria-label={t('title')}
      onClose={onClose}
      onCancel={onClose}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
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
