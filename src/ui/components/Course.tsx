/**
 * The course page: every shipped lesson with its estimated time and the student's progress (steps done,
 * score), to start or resume. A modal dialog, like the scenario gallery; Header returns focus when it closes.
 */
import { useEffect, useState } from 'react';
import { listLessons } from '../../lessons/index';
import type { ProgressFile } from '../../lessons/types';
import { appStore } from '../../store';
import { useModalDialog } from '../hooks/useModalDialog';
import { useMessages } from '../i18n';
import { useLessonText } from './lessonText';

const LESSONS = listLessons();

export function Course({ onClose }: { onClose: () => void }) {
  const t = useLessonText();
  const m = useMessages();
  const { lang } = m;
  const modal = useModalDialog(onClose);
  const [progress, setProgress] = useState<ProgressFile | null>(null);

  useEffect(() => {
    void appStore().getState().readLessonProgress().then(setProgress);
  }, []);

  const start = (id: string, again: boolean) => {
    onClose();
    const s = appStore().getState();
    void (again ? s.restartLesson(id) : s.openLesson(id));
  };

  return (
    <dialog {...modal} className="gallery course" aria-labelledby="course-title">
      <div className="gallery-head">
        <h2 id="course-title">{t('courseTitle')}</h2>
        <button type="button" onClick={onClose}>
          {m.t('close')}
        </button>
      </div>
      <p className="hint">{t('courseHint')}</p>
      <ol className="course-list">
        {LESSONS.map((info) => {
          const p = progress?.lessons[info.id];
          const started = p !== undefined && (p.done.length > 0 || p.step > 0);
          const headingId = `course-${info.id}`;
          return (
            <li key={info.id} className="course-item" aria-labelledby={headingId}>
              <h3 id={headingId}>{info.title[lang]}</h3>
              <p>{info.summary[lang]}</p>
              <p className="course-meta muted">
                <span>{t('minutes', { n: info.minutes })}</span>
                {progress && ' · '}
                {progress && (
                  <span>
                    {p?.completed
                      ? t('progressDone')
                      : started
                        ? t('progressSteps', { done: p.done.length, total: info.steps })
                        : t('progressNone')}
                  </span>
                )}
                {p && p.asked > 0 && (
                  <>
                    {' · '}
                    <span>{t('progressScore', { right: p.right, asked: p.asked })}</span>
                  </>
                )}
              </p>
              <div className="course-actions">
                <button
                  type="button"
                  className="primary"
                  aria-describedby={headingId}
                  onClick={() => start(info.id, p?.completed === true)}
                >
                  {started && !p?.completed ? t('resume') : t('start')}
                </button>
                {started && !p?.completed && (
                  <button type="button" aria-describedby={headingId} onClick={() => start(info.id, true)}>
                    {t('restart')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </dialog>
  );
}
