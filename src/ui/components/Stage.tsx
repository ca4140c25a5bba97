/** The two endpoints and the wire between them, at the cursor. */
import { AnimatePresence, usePresence, useReducedMotion } from 'framer-motion';
import { type CSSProperties, type ReactNode, useEffect, useMemo, useRef } from 'react';
import { appStore, useApp } from '../../store';
import {
  lastInFlight,
  progress,
  type SnapshotTimer,
  TCB_FIELD_NAMES,
  type TcbField,
  tcbValue,
  timersUsed,
} from '../../store/selectors';
import type { EndpointName } from '../../tcp/types';
import { labeler } from '../format';
import { useTouch } from '../hooks/useMedia';
import { useMessages } from '../i18n';
import { Icon } from './Icon';
import { Term } from './Term';

const MAX_LANES = 20;
/** How long a pill takes to move, appear or fade: `.segment`'s transitions in styles.css. */
const PILL_MS = 450;

export function Stage() {
  const { t } = useMessages();
  return (
    <section className="panel stage" aria-label={t('wire')}>
      <EndpointCard name="A" />
      <Wire />
      <EndpointCard name="B" />
    </section>
  );
}

function EndpointCard({ name }: { name: EndpointName }) {
  const { t, cat } = useMessages();
  const snap = useApp((s) => s.timeline.stateAt(s.cursor)[name]);
  const now = useApp((s) => s.timeline.trace.events[s.cursor]?.t ?? 0);
  const port = useApp((s) => s.timeline.trace.scenario.endpoints[name].port);
  const role = name === 'A' ? t('client') : t('server');
  const rows = CARD_FIELDS.map((field) => {
    const value = tcbValue(snap, field);
    const shown = value === null ? '—' : field === 'rto' ? t('ms', { n: value }) : String(value);
    return [TCB_FIELD_NAMES[field], shown, field] as const;
  });
  // The TCB fields a lesson step asks the student to watch (a Set that lives as long as the step).
  const watched = useApp((s) => (s.lessonRun?.timeline === s.timeline ? s.lessonRun.highlights.tcb : null));
  // One row per timer this endpoint ever arms, kept while idle, so arming one never moves the page.
  const timers = useApp((s) => timersUsed(s.timeline, name));
  const timerName: Record<SnapshotTimer, string> = {
    retransmission: cat.timers.retransmission,
    timeWait: cat.timers['time-wait'],
    delayedAck: cat.timers['delayed-ack'],
  };
  return (
    <article className={`endpoint endpoint-${name}`} aria-labelledby={`ep-${name}`}>
      <h2 id={`ep-${name}`}>
        <span className="ep-name">{name}</span>{' '}
        <span className="muted">
          {role} · :{port}
        </span>
      </h2>
      <p className="state-badge" data-state={snap.state}>
        <span className="visually-hidden">
          {t('stateOf', { name })}
          {t('sepColon')}
        </span>
        <Term term={snap.state} />
      </p>
      <table className="tcb mono">
        <caption className="visually-hidden">
          {t('tcb')} {name}
        </caption>
        <tbody>
          {rows.map(([k, v, field]) => (
            <tr
              key={k}
              className={watched?.has(`${name}.${field}`) ? 'watched' : undefined}
              data-watched={watched?.has(`${name}.${field}`) ? 'true' : undefined}
            >
              <th scope="row">
                <Term term={k} />
              </th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {timers.length > 0 && (
        <table className="timers" aria-live="off">
          <caption className="visually-hidden">{t('timersOf', { name })}</caption>
          <tbody>
            {timers.map((kind) => {
              const expiresAt = snap.timers[kind];
              return (
                <tr key={kind} data-armed={expiresAt !== null}>
                  <th scope="row">
                    <Icon name="timer" /> {timerName[kind]}
                  </th>
                  <td>
                    {expiresAt !== null ? (
                      t('timerLeft', { ms: round(expiresAt - now) })
                    ) : (
                      <>
                        <span aria-hidden="true">—</span>
                        <span className="visually-hidden">{t('timerIdle')}</span>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </article>
  );
}

/** The card's rows: a value that does not exist in the endpoint's state shows as "—" (see tcbValue). */
const CARD_FIELDS: readonly TcbField[] = [
  'sndUna',
  'sndNxt',
  'sndWnd',
  'rcvNxt',
  'rcvWnd',
  'iss',
  'irs',
  'rto',
];

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

/**
 * While the pointer or keyboard focus is on a segment in flight, playback waits (so it can be clicked
 * before it lands); leaving resumes it. Only the store's hold changes: the player decides what waiting means.
 */
function holdHandlers(id: number) {
  const hold = () => appStore().getState().holdSegment(id);
  const release = () => appStore().getState().releaseSegment(id);
  return { onPointerEnter: hold, onPointerLeave: release, onFocus: hold, onBlur: release };
}

/**
 * One pill on the wire, `x` of the way from A (0) to B (1). The browser animates it (`.segment`'s CSS
 * transitions in styles.css): a new pill flies in from its sender (`@starting-style`), a pill that moves
 * slides, and one that leaves fades while AnimatePresence keeps it. Plain elements and CSS, not a motion
 * component per pill: a jump in a long run replaces all 20 pills, within the frame.
 */
function Pill({
  x,
  entering,
  className,
  children,
}: {
  x: number;
  entering: boolean;
  className: string;
  children: ReactNode;
}) {
  const [isPresent, safeToRemove] = usePresence();
  const reduced = useReducedMotion();
  useEffect(() => {
    if (isPresent) return;
    const done = setTimeout(() => safeToRemove?.(), reduced ? 0 : PILL_MS);
    return () => clearTimeout(done);
  }, [isPresent, safeToRemove, reduced]);
  return (
    <li
      className={`${className}${entering ? ' entering' : ''}${isPresent ? '' : ' leaving'}`}
      // How far along the wire (styles.css turns it into `left` and a translation).
      style={{ '--x': x } as CSSProperties}
    >
      {children}
    </li>
  );
}

function Wire() {
  const { t } = useMessages();
  const timeline = useApp((s) => s.timeline);
  const trace = timeline.trace;
  const cursor = useApp((s) => s.cursor);
  const labelOf = labeler(
    timeline,
    useApp((s) => s.relativeSeq),
  );
  const touch = useTouch();
  const watched = useApp((s) =>
    s.lessonRun?.timeline === s.timeline ? s.lessonRun.highlights.segments : null,
  );
  const now = trace.events[cursor]?.t ?? 0;
  // A jump (scrub, Home/End, a new scenario) swaps every lane: start a fresh set instead of letting the old
  // pills fade out one by one (they would pile up while scrubbing).
  const previous = useRef(cursor);
  const epoch = useRef(0);
  if (Math.abs(cursor - previous.current) > 1) epoch.current++;
  previous.current = cursor;
  // Segments on the wire at the cursor, plus the one that arrives or is dropped exactly now.
  const shown = useMemo(() => lastInFlight(trace, cursor, true, MAX_LANES), [trace, cursor]);
  const lanes = shown.lives;
  // The pills a fresh set starts with are drawn in place; only later ones fly in from their sender.
  const firstOfEpoch = useRef<{ epoch: number; ids: ReadonlySet<number> }>({ epoch: -1, ids: new Set() });
  if (firstOfEpoch.current.epoch !== epoch.current)
    firstOfEpoch.current = { epoch: epoch.current, ids: new Set(lanes.map((l) => l.send.id)) };
  const initialIds = firstOfEpoch.current.ids;
  const hidden = shown.count - lanes.length;
  // A pill that lands, disappears or is disabled under a resting pointer may get no pointerleave or blur:
  // drop the hold then, so stepping back later does not find playback still held.
  const heldSegment = useApp((s) => s.heldSegment);
  useEffect(() => {
    if (heldSegment === null) return;
    const life = lanes.find((l) => l.send.id === heldSegment);
    if (!life || life.endIndex <= cursor) appStore().getState().releaseSegment(heldSegment);
  }, [heldSegment, lanes, cursor]);
  return (
    <section className="wire" aria-label={t('wireLabel')}>
      <div className="wire-line" aria-hidden="true" />
      {lanes.length === 0 && <p className="wire-empty muted">{t('inFlightNone')}</p>}
      <ol className="lanes">
        <AnimatePresence key={epoch.current} initial={false}>
          {lanes.map((life) => {
            const send = life.send;
            const ended = life.endIndex === cursor;
            const p = ended ? 1 : progress(life, now);
            const lostHere = ended && life.lost;
            const along = lostHere ? 0.5 : life.lost ? Math.min(p, 0.5) : p;
            const x = send.from === 'A' ? along : 1 - along;
            const label = labelOf(send, life.sendIndex);
            const droppable = !ended && !send.injected && !send.duplicate;
            // What the pill shows, in order, so the accessible name starts with it (label in name).
            const visible = [label, send.retransmission ? t('rtx') : '', lostHere ? `✕ ${t('lostMark')}` : '']
              .filter(Boolean)
              .join(' ');
            return (
              <Pill
                key={send.id}
                x={x}
                entering={!initialIds.has(send.id)}
                className={`segment from-${send.from}${send.retransmission ? ' rtx' : ''}${lostHere ? ' lost' : ''}${ended && !lostHere ? ' arrived' : ''}${watched?.has(send.id) ? ' watched' : ''}`}
              >
                <button
                  type="button"
                  className="segment-pill mono"
                  disabled={!droppable}
                  aria-label={`${visible}${droppable ? ` — ${t('dropSegment', { id: send.id, segment: label })}` : ` #${send.id}`}`}
                  title={droppable ? (touch ? t('dropHintTouch') : t('dropHint')) : undefined}
                  onClick={() => {
                    const s = appStore().getState();
                    s.releaseSegment(send.id);
                    s.dropSegment(send.id);
                  }}
                  {...holdHandlers(send.id)}
                >
                  <span aria-hidden="true">{send.from === 'A' ? '' : '◀ '}</span>
                  {label}
                  {send.retransmission && <span className="tag"> {t('rtx')}</span>}
                  {lostHere && <span className="cross"> ✕ {t('lostMark')}</span>}
                  <span aria-hidden="true">{send.from === 'A' ? ' ▶' : ''}</span>
                </button>
              </Pill>
            );
          })}
        </AnimatePresence>
      </ol>
      {hidden > 0 && <p className="muted wire-more">+{hidden}</p>}
      <p className="hint wire-hint">{touch ? t('dropHintTouch') : t('dropHint')}</p>
    </section>
  );
}
