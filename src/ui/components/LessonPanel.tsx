/**
 * The lesson being followed: its title, "Step 3 of 8", the attempt's seed, the step's text and what to
 * watch, the way to the checkpoint and the checkpoint itself, Previous / Next. Loaded with the first lesson.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { appStore, useApp } from '../../store';
import { segmentById, TCB_FIELD_NAMES, type TcbField } from '../../store/selectors';
import { shareLinkFits } from '../../store/url';
import { labeler } from '../format';
import { useMessages } from '../i18n';
import { Checkpoint } from './Checkpoint';
import { Compare } from './Compare';
import { useLessonText } from './lessonText';
import { printWorksheet } from './PrintSheet';

/** The statistics lab (l-stats), for a step with `lab`: loaded when such a step opens. */
const StatsLab = lazy(() => import('./StatsLab').then((mod) => ({ default: mod.StatsLab })));

export function LessonPanel() {
  const t = useLessonText();
  const { lang } = useMessages();
  const run = useApp((s) => s.lessonRun);
  const cursor = useApp((s) => s.cursor);
  const sameRun = useApp((s) => s.lessonRun?.timeline === s.timeline);
  const scenario = useApp((s) => s.scenario);
  const [note, setNote] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const nextButton = useRef<HTMLButtonElement>(null);
  const status = run?.checkpoint?.status;
  // Opened from the course page or a link, focus had nowhere to go: the lesson's title takes it.
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null) heading.current?.focus();
  }, []);
  // Once answered, the Check button is gone: focus goes on to Next, where the keyboard user is headed.
  useEffect(() => {
    if (status === 'open' || status === undefined) return;
    const active = document.activeElement;
    if (active === document.body || active === null || active.closest('.checkpoint'))
      nextButton.current?.focus();
  }, [status]);
  if (!run) return null;
  const store = appStore();
  const step = run.lesson.steps[run.step];
  if (!step) return null;
  const total = run.lesson.steps.length;
  const last = run.step === total - 1;
  const settled = run.checkpoint?.status !== 'open';
  const atCheckpoint = cursor === run.to;
  const title =
    run.source === 'quiz' ? t('quizTitle', { title: run.lesson.title[lang] }) : run.lesson.title[lang];
  const share = async () => {
    const page = window.location.href.split('#')[0] ?? '';
    const hash = store.getState().lessonHash({ withLang: true });
    // An imported lesson travels whole in its link; one too long for some browser is not offered.
    if (!shareLinkFits(hash, page)) {
      setNote(t('lessonTooLarge'));
      return;
    }
    const url = `${page}${hash}`;
    try {
      await navigator.clipboard.writeText(url);
      setNote(t('shareLessonCopied'));
    } catch {
      setNote(url);
    }
  };
  return (
    <section className="panel lesson" aria-labelledby="lesson-title">
      <header className="lesson-head">
        <h2 id="lesson-title" ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <p className="lesson-step-of">{t('stepOf', { n: run.step + 1, total })}</p>
        <p className="lesson-seed muted" title={run.fixedNumbers ? undefined : t('seedHint')}>
          {run.fixedNumbers ? t('seedFixed') : t('seedNote', { seed: run.seed })}
        </p>
        <button type="button" onClick={() => store.getState().closeLesson()}>
          {t('closeLesson')}
        </button>
      </header>
      <p className="lesson-text">{step.text[lang]}</p>
      {sameRun ? <Watching /> : null}
      {!sameRun ? (
        <p className="lesson-edited">
          {t('edited')}{' '}
          <button type="button" onClick={() => void store.getState().goToStep(run.step)}>
            {t('backToStep')}
          </button>
        </p>
      ) : step.checkpoint && !atCheckpoint && !settled ? (
        <p className="lesson-wait">
          {t('waitForCheckpoint')}{' '}
          <button type="button" onClick={() => store.getState().play()}>
            {t('playStep')}
          </button>{' '}
          <button type="button" onClick={() => store.getState().seek(run.to)}>
            {t('toCheckpoint')}
          </button>
        </p>
      ) : !step.checkpoint && cursor < run.to ? (
        <p className="lesson-wait">
          <button type="button" onClick={() => store.getState().play()}>
            {t('playStep')}
          </button>
        </p>
      ) : null}
      {sameRun && step.compare && <Compare run={run} spec={step.compare} />}
      {sameRun && step.checkpoint && (atCheckpoint || settled) && <Checkpoint spec={step.checkpoint} />}
      {step.lab && (
        <Suspense fallback={null}>
          <StatsLab key={`${run.lesson.id}:${run.step}`} {...step.lab.statistics} scenario={scenario} />
        </Suspense>
      )}
      {!step.checkpoint && !step.lab && <p className="hint">{t('noCheckpoint')}</p>}
      {run.progress.completed && last && (
        <p className="lesson-done" role="status">
          {t('lessonDone', { right: run.progress.right, asked: run.progress.asked })}
        </p>
      )}
      <nav className="lesson-nav" aria-label={t('lessonRegion')}>
        <button type="button" disabled={run.step === 0} onClick={() => void store.getState().previousStep()}>
          {t('previousStep')}
        </button>
        <button
          ref={nextButton}
          type="button"
          className={settled ? 'primary' : undefined}
          disabled={last && run.progress.completed}
          onClick={() => void store.getState().nextStep()}
        >
          {last ? t('finish') : t('nextStep')}
        </button>
        {run.source !== 'quiz' && (
          <button type="button" onClick={share}>
            {t('shareLesson')}
          </button>
        )}
        <button type="button" onClick={() => printWorksheet(false)}>
          {t('printWorksheet')}
        </button>
        <button type="button" onClick={() => printWorksheet(true)}>
          {t('printAnswers')}
        </button>
      </nav>
      <output className="lesson-note" aria-live="polite">
        {note}
      </output>
    </section>
  );
}

/** What the step asks the student to look at (also highlighted in the views). */
function Watching() {
  const t = useLessonText();
  const h = useApp((s) => s.lessonRun?.highlights);
  const timeline = useApp((s) => s.timeline);
  const relative = useApp((s) => s.relativeSeq);
  if (!h) return null;
  const items: string[] = [];
  for (const key of h.tcb) {
    const [endpoint, field] = key.split('.') as [string, TcbField];
    items.push(t('watchTcb', { endpoint, field: TCB_FIELD_NAMES[field] ?? field }));
  }
  const label = labeler(timeline, relative);
  for (const id of h.segments) {
    const life = segmentById(timeline.trace, id);
    if (life) items.push(t('watchSegment', { label: label(life.send, life.sendIndex) }));
  }
  for (const key of h.states) {
    const [endpoint, state] = key.split(':') as [string, string];
    items.push(t('watchState', { endpoint, state }));
  }
  for (const time of h.rowTimes) items.push(t('watchRow', { t: Math.round(time * 1000) / 1000 }));
  if (items.length === 0) return null;
  return (
    <div className="lesson-watch">
      <strong>{t('watchTitle')}</strong>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </div>
  );
}
