/**
 * The student's bar (issue 11): the connection in a role="status" ("Live", "Live (long polling)" with the
 * reason beside it, "Reconnecting…"), who they are, Rejoin live while exploring, and Leave class.
 */
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ClassroomKey } from '../../../i18n/classroom';
import { appStore, useApp } from '../../../store';
import { useClassroomText } from './text';

const STATUS: Record<string, ClassroomKey> = {
  connecting: 'connecting',
  live: 'live',
  'long-poll': 'liveLongPoll',
  reconnecting: 'reconnecting',
  ended: 'ended',
};

export function StudentBar() {
  const t = useClassroomText();
  const id = useId();
  const v = useApp(
    useShallow((s) => ({
      code: s.classroom?.code ?? '',
      nickname: s.classroom?.nickname ?? '',
      connection: s.classroom?.connection ?? 'connecting',
      reason: s.classroom?.fallbackReason ?? null,
      exploring: s.classroom?.exploring ?? false,
      ended: s.classroom?.ended ?? false,
    })),
  );
  const why = v.connection === 'long-poll' && v.reason && v.reason in STATUS_REASONS ? v.reason : null;
  return (
    <section className="class-bar" aria-label={t('studentRegion', { code: v.code })}>
      <p
        role="status"
        className={`class-status is-${v.connection}`}
        aria-describedby={why ? `${id}-why` : undefined}
      >
        {t(STATUS[v.connection] ?? 'connecting')}
      </p>
      {why && (
        <p id={`${id}-why`} className="hint class-why">
          {t(why as ClassroomKey)}
        </p>
      )}
      <p className="class-who">
        <span className="mono">{v.code}</span> · {t('youAre', { nickname: v.nickname })}
      </p>
      {v.exploring && !v.ended && (
        <p className="class-exploring">
          {t('exploring')}{' '}
          <button type="button" className="primary" onClick={() => appStore().getState().rejoinLive()}>
            {t('rejoinLive')}
          </button>
        </p>
      )}
      <button type="button" className="class-leave" onClick={() => appStore().getState().leaveClass()}>
        {t('leaveClass')}
      </button>
    </section>
  );
}

const STATUS_REASONS: Record<string, true> = {
  fallbackNoEvent: true,
  fallbackErrors: true,
  fallbackNoEventSource: true,
};
