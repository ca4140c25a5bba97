/**
 * The teacher's screen of a live class (issue 11). While the class is joining: the join code, link and QR
 * code (full screen for the projector on demand). Once students have joined or a question is out, one
 * strip: code, student count, Ask / Reveal / Reset question, the answered count, a small QR code and
 * "Show code for the room", and "Show details" for the question, its distribution, the names, the link,
 * the CSV and "End class" (shown by default after a reveal, for the room to see): a projected page keeps
 * the simulation on screen while the class answers. It reads the classroom slice (src/store/classroom.ts)
 * and calls its actions; the network lives in the slice's client. A lazy chunk with its catalog
 * (src/i18n/teach.ts) and CSS.
 */
import './teach.css';
import { useId, useState } from 'react';
import { appStore, useApp } from '../../../store';
import { browserResultsDeps, downloadResults, type ResultsDeps, resultsFileName } from './results';
import { TeacherQuestionActions, TeacherQuestionDetails } from './TeacherQuestion';
import { JoinCode, JoinLink, JoinQr, RoomView } from './TeachJoin';
import { type TeachT, useTeachText } from './teachText';
import { errorText, useClassroomText } from './text';

/** The results' fetch, storage and save (the browser's; tests replace them). */
let resultsDeps: () => ResultsDeps = browserResultsDeps;
export function setResultsDeps(deps: (() => ResultsDeps) | null): void {
  resultsDeps = deps ?? browserResultsDeps;
}

/**
 * Whether the details are shown: the teacher's last choice for this question and state, else shown once
 * the answer is revealed (the room looks at the distribution then) or the class has ended, and hidden while
 * students answer.
 */
function useDetails(): [boolean, (open: boolean) => void] {
  const key = useApp((s) => {
    const q = s.classroom?.question;
    const question = q ? `${q.id}:${q.status === 'revealed' ? 'revealed' : 'open'}` : 'none';
    return s.classroom?.ended ? `${question}:ended` : question;
  });
  // Ended, too: what is left to do (the CSV, closing the panel) is in the details.
  const byDefault = key.endsWith(':revealed') || key.endsWith(':ended');
  const [choice, setChoice] = useState<{ key: string; open: boolean } | null>(null);
  return [choice?.key === key ? choice.open : byDefault, (open) => setChoice({ key, open })];
}

export function TeacherPanel() {
  const t = useTeachText();
  const ct = useClassroomText();
  const code = useApp((s) => (s.classroom?.role === 'teacher' ? s.classroom.code : null));
  const joinUrl = useApp((s) => s.classroom?.joinUrl ?? '');
  const ended = useApp((s) => s.classroom?.ended ?? false);
  const error = useApp((s) => s.classroom?.error ?? null);
  const info = useApp((s) => s.classroom?.errorInfo ?? null);
  const compact = useApp((s) => (s.classroom?.roster?.students ?? 0) > 0 || s.classroom?.question != null);
  const [room, setRoom] = useState(false);
  const [details, setDetails] = useDetails();
  const detailsId = useId();
  if (code === null) return null;
  const roomButton = (
    <button type="button" aria-pressed={room} onClick={() => setRoom(true)}>
      {t('showForRoom')}
    </button>
  );
  return (
    <section
      className={compact ? 'panel teach is-compact' : 'panel teach'}
      aria-label={t('region', { code })}
    >
      {/* The panel's own heading, so the question's h3 below it sits under an h2 (axe heading-order). */}
      <h2 className="visually-hidden">{t('region', { code })}</h2>
      {compact ? (
        <div className="teach-strip">
          <JoinCode t={t} code={code} />
          <StudentCount t={t} />
          <TeacherQuestionActions />
          <span className="teach-strip-end">
            <JoinQr t={t} joinUrl={joinUrl} className="teach-qr-thumb" />
            {roomButton}
            <button
              type="button"
              aria-expanded={details}
              aria-controls={detailsId}
              onClick={() => setDetails(!details)}
            >
              {details ? t('hideDetails') : t('showDetails')}
            </button>
          </span>
        </div>
      ) : (
        <div className="teach-join">
          <JoinCode t={t} code={code} />
          <JoinQr t={t} joinUrl={joinUrl} className="teach-qr" />
          <JoinLink t={t} joinUrl={joinUrl} />
          {roomButton}
          <StudentCount t={t} />
        </div>
      )}
      {(ended || error) && (
        <div className="teach-notes">
          {ended && (
            <p className="teach-ended" role="status">
              {t('ended')}
            </p>
          )}
          {error && (
            <p className="teach-error" role="alert">
              {errorText(ct, error, info)}
            </p>
          )}
        </div>
      )}
      {compact ? (
        // Hidden, not unmounted: a half-made choice (End class's confirmation) survives a collapse.
        <div id={detailsId} className="teach-main teach-details" hidden={!details}>
          <TeacherQuestionDetails />
          <div className="teach-details-side">
            <Roster t={t} />
            <JoinLink t={t} joinUrl={joinUrl} />
            <ClassEnd t={t} code={code} ended={ended} />
          </div>
        </div>
      ) : (
        <div className="teach-main">
          <TeacherQuestionActions />
          <Roster t={t} />
          <ClassEnd t={t} code={code} ended={ended} />
        </div>
      )}
      {room && <RoomView t={t} code={code} joinUrl={joinUrl} onClose={() => setRoom(false)} />}
    </section>
  );
}

function StudentCount({ t }: { t: TeachT }) {
  const n = useApp((s) => s.classroom?.roster?.students ?? 0);
  return (
    <p className="teach-students">
      {n === 0 ? t('studentsNone') : n === 1 ? t('studentsOne') : t('students', { n })}
    </p>
  );
}

/** "Hide names" and, unless hidden, who answered the current question. */
function Roster({ t }: { t: TeachT }) {
  const anonymous = useApp((s) => s.classroom?.anonymous ?? false);
  const names = useApp((s) => s.classroom?.roster?.names ?? null);
  const hasQuestion = useApp((s) => s.classroom?.question != null);
  return (
    <div className="teach-roster">
      <label className="teach-check">
        <input
          type="checkbox"
          checked={anonymous}
          onChange={(e) => void appStore().getState().setAnonymous(e.currentTarget.checked)}
        />{' '}
        {t('hideNames')}
      </label>
      {anonymous ? (
        <p className="hint">{t('namesHidden')}</p>
      ) : (
        names &&
        names.length > 0 && (
          <>
            <h4>{hasQuestion ? t('names') : t('inClass')}</h4>
            <ul className="teach-names" aria-label={hasQuestion ? t('names') : t('inClass')}>
              {names.map((s) => (
                <li key={s.studentId} className={hasQuestion && s.answered ? 'is-answered' : undefined}>
                  {/* A nickname is text, never markup (React escapes it). */}
                  <span className="teach-name">{s.nickname}</span>
                  {hasQuestion && (
                    <span className="hint"> · {s.answered ? t('answeredMark') : t('waitingMark')}</span>
                  )}
                </li>
              ))}
            </ul>
          </>
        )
      )}
    </div>
  );
}

/** "End class" (asked twice: it ends the class for every student) and the results as CSV. */
function ClassEnd({ t, code, ended }: { t: TeachT; code: string; ended: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const save = async () => {
    setFailure(null);
    const why = await downloadResults(code, resultsDeps());
    setFailure(why === null ? null : t('downloadFailed', { why: why === 'noToken' ? t('noToken') : why }));
  };
  return (
    <div className="teach-end">
      <a
        href={`/api/classes/${encodeURIComponent(code)}/results.csv`}
        download={resultsFileName(code)}
        onClick={(e) => {
          // The route needs the Authorization header, which a plain link cannot send.
          e.preventDefault();
          void save();
        }}
      >
        {t('download')}
      </a>
      {failure && (
        <p className="teach-error" role="alert">
          {failure}
        </p>
      )}
      {ended && (
        <p className="teach-close">
          <button
            type="button"
            aria-describedby="teach-close-hint"
            onClick={() => appStore().getState().leaveClass()}
          >
            {t('closePanel')}
          </button>{' '}
          <span id="teach-close-hint" className="hint">
            {t('closePanelHint')}
          </span>
        </p>
      )}
      {!ended &&
        (confirming ? (
          <fieldset className="teach-confirm">
            <legend>{t('endConfirm')}</legend>
            <button
              type="button"
              className="danger"
              onClick={() => {
                setConfirming(false);
                void appStore().getState().endClass();
              }}
            >
              {t('endYes')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('endNo')}
            </button>
          </fieldset>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            {t('endClass')}
          </button>
        ))}
    </div>
  );
}
