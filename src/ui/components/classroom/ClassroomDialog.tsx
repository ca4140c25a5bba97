/**
 * The Start/Join dialog (issue 11): "Start a class" for the teacher, the join form for a student (code and
 * nickname). Opened by a `?join=` link it is the join form only, with the code filled in and the focus in
 * Nickname: a student scanning the QR code has one thing to type. The header's Classroom button opens
 * both. A modal dialog, like the course page.
 */
import { type FormEvent, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { appStore, useApp } from '../../../store';
import { useModalDialog } from '../../hooks/useModalDialog';
import { errorText, useClassroomText } from './text';

export function ClassroomDialog() {
  const t = useClassroomText();
  const close = () => appStore().getState().closeClassroom();
  const modal = useModalDialog(close);
  const id = useId();
  const nick = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const linked = useApp((s) => s.classroomJoinCode);
  // One error at a time, beside what failed: starting, or joining (a `?join=` link's resume counts).
  const [failed, setFailed] = useState<'start' | 'join' | null>(linked !== null ? 'join' : null);
  // The link gave the code: the one thing left to type is the nickname. After showModal (the effect above,
  // in useModalDialog), which focuses the dialog's first control.
  useEffect(() => {
    if (linked) nick.current?.focus();
  }, [linked]);
  const start = async () => {
    setBusy(true);
    setFailed('start');
    await appStore().getState().startClass();
    setBusy(false);
  };
  return (
    <dialog {...modal} className="gallery classroom-dialog" aria-labelledby={`${id}-title`}>
      <div className="gallery-head">
        <h2 id={`${id}-title`}>{t('classroom')}</h2>
        <button type="button" onClick={close}>
          {t('close')}
        </button>
      </div>
      {linked === null && <p className="hint">{t('dialogHint')}</p>}
      <div className={linked === null ? 'classroom-choices' : 'classroom-choices is-joining'}>
        {linked === null && (
          <section className="classroom-choice">
            <button type="button" className="primary" disabled={busy} onClick={() => void start()}>
              {t('startClass')}
            </button>
            <p className="hint">{t('startHint')}</p>
          </section>
        )}
        <JoinForm
          nickRef={nick}
          linked={linked ?? ''}
          showError={failed === 'join'}
          onAttempt={() => setFailed('join')}
        />
      </div>
      {failed === 'start' && <DialogError />}
    </dialog>
  );
}

/** Why starting a class failed (joining shows its own error in the form). */
function DialogError() {
  const t = useClassroomText();
  const error = useApp((s) => s.classroomError);
  const info = useApp((s) => s.classroomErrorInfo);
  if (!error) return null;
  return (
    <p role="alert" className="classroom-error">
      {errorText(t, error, info)}
    </p>
  );
}

export function JoinForm({
  nickRef,
  linked,
  showError,
  onAttempt,
}: {
  nickRef: RefObject<HTMLInputElement | null>;
  /** The code of the `?join=` link ('' when opened from the header). */
  linked: string;
  showError: boolean;
  onAttempt: () => void;
}) {
  const t = useClassroomText();
  const [code, setCode] = useState(linked);
  const [nickname, setNickname] = useState('');
  const [busy, setBusy] = useState(false);
  const error = useApp((s) => s.classroomError);
  const info = useApp((s) => s.classroomErrorInfo);
  const id = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    onAttempt();
    await appStore().getState().joinClass(code, nickname);
    setBusy(false);
  };
  return (
    <form className="classroom-choice join-form" aria-labelledby={`${id}-h`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-h`}>{t('joinClass')}</h3>
      <label htmlFor={`${id}-code`}>{t('classCode')}</label>
      <input
        id={`${id}-code`}
        className="mono"
        value={code}
        maxLength={12}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        onChange={(e) => setCode(e.target.value)}
      />
      <label htmlFor={`${id}-nick`}>{t('nickname')}</label>
      <input
        ref={nickRef}
        id={`${id}-nick`}
        value={nickname}
        maxLength={80}
        autoComplete="nickname"
        aria-describedby={`${id}-nick-hint`}
        onChange={(e) => setNickname(e.target.value)}
      />
      <p id={`${id}-nick-hint`} className="hint">
        {t('nicknameHint')}
      </p>
      <button type="submit" className="primary" disabled={busy}>
        {t('join')}
      </button>
      {error && showError && (
        <p role="alert" className="classroom-error">
          {errorText(t, error, info)}
        </p>
      )}
    </form>
  );
}
