/**
 * The teacher's screen of a live class (issue 11): the join code, link and QR code (full screen for the
 * projector on demand), who is in the class, the question (./TeacherQuestion.tsx), "Hide names", "End class"
 * and the results as CSV. It reads the classroom slice (src/store/classroom.ts) and calls its actions; the
 * network lives in the slice's client. A lazy chunk with its catalog (src/i18n/teach.ts) and CSS.
 */
import './teach.css';
import { useEffect, useRef, useState } from 'react';
import { appStore, useApp } from '../../../store';
import { QrCode } from './QrCode';
import { browserResultsDeps, downloadResults, type ResultsDeps, resultsFileName } from './results';
import { TeacherQuestion } from './TeacherQuestion';
import { type TeachT, useTeachText } from './teachText';
import { errorText, useClassroomText } from './text';

/** The results' fetch, storage and save (the browser's; tests replace them). */
let resultsDeps: () => ResultsDeps = browserResultsDeps;
export function setResultsDeps(deps: (() => ResultsDeps) | null): void {
  resultsDeps = deps ?? browserResultsDeps;
}

export function TeacherPanel() {
  const t = useTeachText();
  const code = useApp((s) => (s.classroom?.role === 'teacher' ? s.classroom.code : null));
  const joinUrl = useApp((s) => s.classroom?.joinUrl ?? '');
  const ended = useApp((s) => s.classroom?.ended ?? false);
  const error = useApp((s) => s.classroom?.error ?? null);
  const info = useApp((s) => s.classroom?.errorInfo ?? null);
  const ct = useClassroomText();
  const asking = useApp((s) => s.classroom?.question != null);
  const [room, setRoom] = useState(false);
  if (code === null) return null;
  return (
    <section className={asking ? 'panel teach is-asking' : 'panel teach'} aria-label={t('region', { code })}>
      <div className="teach-join">
        <JoinDetails t={t} code={code} joinUrl={joinUrl} />
        <button type="button" aria-pressed={room} onClick={() => setRoom(true)}>
          {t('showForRoom')}
        </button>
        <StudentCount t={t} />
      </div>
      <div className="teach-main">
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
        <TeacherQuestion />
        <Roster t={t} />
        <ClassEnd t={t} code={code} ended={ended} />
      </div>
      {room && <RoomView t={t} code={code} joinUrl={joinUrl} onClose={() => setRoom(false)} />}
    </section>
  );
}

function JoinDetails({ t, code, joinUrl }: { t: TeachT; code: string; joinUrl: string }) {
  const [copied, setCopied] = useState<'copied' | 'copyFailed' | null>(null);
  const copy = () => {
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
    if (!clipboard) return setCopied('copyFailed');
    clipboard.writeText(joinUrl).then(
      () => setCopied('copied'),
      () => setCopied('copyFailed'),
    );
  };
  return (
    <>
      <p className="teach-code-line">
        <span className="teach-label">{t('joinCode')}</span>
        <span className="teach-code mono" data-testid="class-code">
          {code}
        </span>
      </p>
      <QrCode className="teach-qr" text={joinUrl} label={t('qrFor', { url: joinUrl })} />
      <div className="teach-url">
        <span className="teach-label">{t('joinUrl')}</span>
        <span className="teach-url-row">
          {/* Text, not an input: a projected link is read whole, never cut at the box's edge. */}
          <code className="teach-url-text mono" data-testid="join-url">
            <BreakableUrl url={joinUrl} />
          </code>
          <button type="button" onClick={copy}>
            {t('copy')}
          </button>
        </span>
        <span className="hint" role="status">
          {copied && t(copied)}
        </span>
      </div>
    </>
  );
}

/** A link that wraps after its slashes and before its query rather than inside a word (`<wbr>`). */
function BreakableUrl({ url }: { url: string }) {
  const parts = url.split(/(?<=\/)(?!\/)|(?=\?)/);
  return (
    <>
      {parts.map((part, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed split of one string
        <span key={i}>
          {i > 0 && <wbr />}
          {part}
        </span>
      ))}
    </>
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

/** The code and QR code over the whole viewport, for the room to read and scan (Escape goes back). */
function RoomView({
  t,
  code,
  joinUrl,
  onClose,
}: {
  t: TeachT;
  code: string;
  joinUrl: string;
  onClose: () => void;
}) {
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    back.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="teach-room" role="dialog" aria-modal="true" aria-label={t('roomTitle')}>
      <div className="teach-room-text">
        <h2>{t('roomTitle')}</h2>
        <p className="teach-room-code mono">{code}</p>
        <p className="teach-room-url mono">
          <BreakableUrl url={joinUrl} />
        </p>
        <p className="teach-room-hint">{t('roomHint')}</p>
        <button ref={back} type="button" onClick={onClose}>
          {t('backToPanel')}
        </button>
      </div>
      <QrCode className="teach-room-qr" text={joinUrl} label={t('qrFor', { url: joinUrl })} />
    </div>
  );
}
