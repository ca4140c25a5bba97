/**
 * An imported capture beside the model: which conversation is compared, what the replay inferred (capture
 * point, latency), whether the model agrees, and a two-column ladder, one row per captured frame with the
 * model's matching segment next to it. Rows that deviate are tinted and marked ⚠ with the reason, and the
 * header fields or the time that differ are marked on both sides (in words too, for screen readers); segments
 * only the model sent get a row with an empty capture column. Clicking either side moves the cursor to the
 * moment the capture point saw that segment. Loaded only when a capture is open.
 */
import { Fragment, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { limitNotesEn, limitNotesZh } from '../../i18n/limit-notes';
import { type SegmentField, segmentLabelParts } from '../../i18n/segment';
import { sideCatalog } from '../../i18n/side-catalog';
import type { UiKey } from '../../i18n/ui.en';
import type { CapturedPacket } from '../../interop/pcap-read';
import type { Deviation, Replay, ReplayLimitNote } from '../../interop/replay';
import { appStore, useApp } from '../../store';
import type { CaptureView } from '../../store/scenario';
import { segmentById } from '../../store/selectors';
import { MAX_SEND_BYTES } from '../../tcp/limits';
import { other } from '../../tcp/simulator';
import type { EndpointName, Flag, SendEvent } from '../../tcp/types';
import { ms } from '../format';
import { useMessages } from '../i18n';
import './capture.css';

/** Rows drawn before "Show all": a long bulk transfer can hold thousands of frames. */
const ROW_LIMIT = 300;

interface Side {
  from: EndpointName;
  /** Milliseconds from the first captured frame (the model's as seen at the capture point). */
  t: number;
  /** The segment label's words ("SYN,ACK", "seq=0", …), each with the field it shows. */
  parts: { field: SegmentField; text: string }[];
}

interface Row {
  key: string;
  frame: number | null;
  capture: Side | null;
  model: (Side & { id: number }) | null;
  deviation: Deviation | null;
}

type Segmentish = { flags: readonly Flag[]; seq: number; ack: number; len: number };

/** Label words with absolute numbers, or relative to each side's ISN like the rest of the page. */
function labelFor(replay: Replay, relative: boolean) {
  // The replay takes each side's ISN from its SYN (one connection, so one ISN each).
  const first = (isn: number | number[] | undefined) => (Array.isArray(isn) ? isn[0] : isn);
  const isn = { A: first(replay.scenario.endpoints?.A?.isn), B: first(replay.scenario.endpoints?.B?.isn) };
  return (from: EndpointName, s: Segmentish) => {
    const seg = { ...s, flags: [...s.flags] };
    const seqBase = isn[from];
    const ackBase = isn[other(from)];
    if (!relative || seqBase === undefined || ackBase === undefined) return segmentLabelParts(seg);
    return segmentLabelParts(seg, { seq: seqBase, ack: ackBase });
  };
}

function buildRows(replay: Replay, relative: boolean): Row[] {
  const label = labelFor(replay, relative);
  const { stream, capturePoint: P, latencyMs } = replay;
  const packets = [...stream.packets].sort((x, y) => x.time - y.time || x.frame - y.frame);
  const t0 = packets[0]?.time ?? 0;
  const sideOf = (p: CapturedPacket): EndpointName =>
    p.src === stream.a.addr && p.srcPort === stream.a.port ? 'A' : 'B';
  const sends = new Map<number, SendEvent>();
  for (const e of replay.trace.events) if (e.type === 'send') sends.set(e.id, e);
  /** When the capture point saw the model's segment: its send time if P sent it, else its arrival. */
  const seenAt = (send: SendEvent) => (send.from === P ? send.t : send.arriveAt) - latencyMs;
  const modelSide = (send: SendEvent, t = seenAt(send)) => ({
    id: send.id,
    from: send.from,
    t,
    parts: label(send.from, send.segment),
  });

  const matchByFrame = new Map(replay.matches.map((m) => [m.frame, m.id]));
  const deviationByFrame = new Map<number, Deviation>();
  const extras: Deviation[] = [];
  for (const d of replay.deviations) {
    if (d.frame === null) extras.push(d);
    else deviationByFrame.set(d.frame, d);
  }

  const rows: Row[] = packets.map((p) => {
    const id = matchByFrame.get(p.frame);
    const send = id === null || id === undefined ? undefined : sends.get(id);
    return {
      key: `f${p.frame}`,
      frame: p.frame,
      capture: { from: sideOf(p), t: (p.time - t0) * 1000, parts: label(sideOf(p), p) },
      model: send ? modelSide(send) : null,
      deviation: deviationByFrame.get(p.frame) ?? null,
    };
  });

  // Segments only the model sent, placed among the captured frames by time.
  extras.forEach((deviation, i) => {
    const send = deviation.id === null ? undefined : sends.get(deviation.id);
    const model = send ? modelSide(send) : null;
    const t = model?.t ?? Number.POSITIVE_INFINITY;
    const at = rows.findIndex((r) => (r.capture?.t ?? r.model?.t ?? 0) > t);
    const row = { key: `m${i}`, frame: null, capture: null, model, deviation };
    rows.splice(at < 0 ? rows.length : at, 0, row);
  });
  return rows;
}

const arrow = (from: EndpointName) => (from === 'A' ? 'A → B' : 'A ← B');

/** What differs in a row: the header fields, or the time. */
function differing(d: Deviation | null): { fields: ReadonlySet<SegmentField>; time: boolean } {
  return { fields: new Set(d?.kind === 'different' ? (d.fields ?? []) : []), time: d?.kind === 'timing' };
}

/** A value that differs from the other side: marked, and said in words for a screen reader. */
function Differs({ children, note }: { children: string; note: string }) {
  return (
    <>
      <mark className="capture-diff">{children}</mark> <span className="visually-hidden">{note}</span>
    </>
  );
}

function SegmentWords({
  side,
  differ,
  note,
}: {
  side: Side;
  differ: ReadonlySet<SegmentField>;
  note: string;
}) {
  return (
    <>
      {side.parts.map((part, i) => (
        <Fragment key={part.field}>
          {i > 0 && ' '}
          {differ.has(part.field) ? <Differs note={note}>{part.text}</Differs> : part.text}
        </Fragment>
      ))}
    </>
  );
}

/** A header field as the reader's language names it (Wireshark's field names in English). */
const FIELD_LABEL = {
  flags: 'devFieldFlags',
  seq: 'devFieldSeq',
  ack: 'devFieldAck',
  len: 'devFieldLen',
} as const satisfies Record<NonNullable<Deviation['fields']>[number], UiKey>;

export function CapturePanel() {
  const capture = useApp((s) => s.capture);
  if (!capture) return null;
  return <CaptureComparison capture={capture} />;
}

function CaptureComparison({ capture }: { capture: CaptureView }) {
  const { t, lang } = useMessages();
  const [profile, relative, selectedId] = useApp(
    useShallow((s) => [s.timeline.trace.scenario.profile, s.relativeSeq, s.selectedId] as const),
  );
  const [onlyDeviations, setOnlyDeviations] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const { replay } = capture;
  const rows = useMemo(() => buildRows(replay, relative), [replay, relative]);
  const shown = onlyDeviations ? rows.filter((r) => r.deviation) : rows;
  const drawn = showAll ? shown : shown.slice(0, ROW_LIMIT);
  const deviationCount = replay.deviations.length;
  const store = appStore();

  const kind = (d: Deviation) =>
    ({
      timing: t('devTiming'),
      missing: t('devMissing'),
      extra: t('devExtra'),
      different: t('devDifferent'),
    })[d.kind];

  /** The deviation in the reader's language, from its structured fields (the note is English). */
  const detail = (d: Deviation) => {
    switch (d.kind) {
      case 'timing':
        return t('devTimingDetail', {
          ms: Math.abs(d.deltaMs ?? 0),
          direction: (d.deltaMs ?? 0) >= 0 ? t('devLater') : t('devEarlier'),
          tolerance: d.toleranceMs ?? 0,
        });
      case 'different':
        return t('devDifferentDetail', {
          fields: (d.fields ?? []).map((field) => t(FIELD_LABEL[field])).join(t('sepList')),
        });
      case 'missing':
        return t('devMissingDetail');
      case 'extra':
        return t('devExtraDetail');
    }
  };

  const time = (side: Side, differs: boolean, note: string) => {
    const text = t('ms', { n: ms(side.t) });
    return <span className="capture-time">{differs ? <Differs note={note}>{text}</Differs> : text}</span>;
  };

  /**
   * Put the cursor where the capture point saw the row's segment: when it sent it, or when it arrived there
   * (the capture shows the peer's segments on arrival). A frame the model has no segment for goes to the
   * model's last event at that time (the capture's clock runs one latency behind the model's).
   */
  const goTo = (row: Row) => {
    const s = store.getState();
    const trace = s.timeline.trace;
    s.pause();
    if (row.model) {
      const life = segmentById(trace, row.model.id);
      if (!life) return;
      const arrivedAtP = life.end?.type === 'deliver' && life.send.from !== replay.capturePoint;
      s.seek(arrivedAtP ? life.endIndex : life.sendIndex);
      s.select(row.model.id);
    } else if (row.capture) {
      const at = row.capture.t + replay.latencyMs;
      let last = -1;
      while (last + 1 < trace.events.length && (trace.events[last + 1]?.t ?? 0) <= at) last++;
      s.seek(last);
      s.select(null);
    }
  };

  return (
    <section className="panel capture-panel" aria-labelledby="capture-title" data-testid="capture-panel">
      <header className="capture-head">
        <h2 id="capture-title">{t('captureTitle', { file: capture.fileName })}</h2>
        <button type="button" onClick={() => store.getState().closeCapture()}>
          {t('closeCapture')}
        </button>
      </header>
      <p className="hint">{t('captureHint')}</p>
      {capture.streams.length > 1 && (
        <label className="capture-stream">
          {t('captureStream')}{' '}
          <select
            value={capture.streamIndex}
            onChange={(e) => store.getState().selectStream(Number(e.target.value))}
          >
            {capture.streams.map((s) => (
              <option key={s.index} value={s.index}>
                {t('streamOption', {
                  n: s.index,
                  ends: s.summary.split(',')[0] ?? '',
                  count: s.packets.length,
                })}
              </option>
            ))}
          </select>
        </label>
      )}
      <dl className="capture-facts">
        {capture.streams.length === 1 && (
          <>
            <dt>{t('captureStream')}</dt>
            <dd className="mono">{replay.stream.summary.split(',')[0]}</dd>
          </>
        )}
        <dt>{t('capturePoint')}</dt>
        <dd>
          {t('capturePointValue', {
            name: replay.capturePoint,
            role: replay.capturePoint === 'A' ? t('client') : t('server'),
          })}
        </dd>
        <dt>{t('oneWayLatency')}</dt>
        <dd>{t('latencyValue', { n: ms(replay.latencyMs) })}</dd>
        <dt>{t('profile')}</dt>
        <dd>
          <strong>{profile === 'rfc' ? t('profileRfc') : t('profileLinux')}</strong>
          <span className="capture-sub">{t('profileSwitchHint')}</span>
        </dd>
        <dt>{t('framesCompared')}</dt>
        <dd>{replay.compared}</dd>
        {capture.skipped > 0 && (
          <>
            <dt>{t('skippedFrames')}</dt>
            <dd>{capture.skipped}</dd>
          </>
        )}
        <dt>{t('deviations')}</dt>
        <dd>
          {deviationCount === 0 ? (
            <strong className="capture-ok" data-testid="capture-verdict">
              {t('noDeviations')}
            </strong>
          ) : (
            <strong className="capture-bad" data-testid="capture-verdict">
              {deviationCount === 1 ? t('deviationOne') : t('deviationMany', { n: deviationCount })}
            </strong>
          )}
        </dd>
        {replay.modelAfterCapture > 0 && (
          <>
            <dt>{t('afterCapture')}</dt>
            <dd>{replay.modelAfterCapture}</dd>
          </>
        )}
      </dl>
      {replay.notes.length > 0 && (
        <>
          <h3 className="capture-notes-title">{t('replayNotes')}</h3>
          <ul className="capture-notes">
            {replay.noteDetails.map((note) => (
              <li key={note.kind}>
                {note.kind === 'no-syn-answer'
                  ? t('noteNoSynAnswer')
                  : t('noteNeverArrived', { n: note.count, name: note.from })}
              </li>
            ))}
            {(replay.limitNotes ?? []).map((note) => (
              <li key={note.kind}>{limitNote(lang, note)}</li>
            ))}
          </ul>
        </>
      )}
      {deviationCount > 0 && (
        <label className="capture-filter">
          <input
            type="checkbox"
            checked={onlyDeviations}
            onChange={(e) => setOnlyDeviations(e.target.checked)}
          />{' '}
          {t('onlyDeviations')}
        </label>
      )}
      <div className="capture-compare-wrap">
        <table className="capture-compare">
          <caption className="visually-hidden">{t('compareCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colFrame')}</th>
              <th scope="col">{t('colCapture')}</th>
              <th scope="col">{t('colModel')}</th>
            </tr>
          </thead>
          <tbody>
            {drawn.map((row) => {
              const diff = differing(row.deviation);
              const current = row.model !== null && row.model.id === selectedId;
              return (
                <tr
                  key={row.key}
                  className={
                    [row.deviation ? 'deviates' : '', current ? 'current' : ''].join(' ').trim() || undefined
                  }
                  aria-current={current ? 'true' : undefined}
                >
                  <th scope="row" className="mono">
                    {row.deviation && <span aria-hidden="true">⚠ </span>}
                    {row.frame ?? t('notSet')}
                  </th>
                  <td className={row.capture ? `mono from-${row.capture.from}` : 'mono'}>
                    {row.capture ? (
                      <>
                        {time(row.capture, diff.time, t('diffFromModel'))}{' '}
                        <span className="capture-dir">{arrow(row.capture.from)}</span>{' '}
                        <button
                          type="button"
                          className="link"
                          title={t('captureGoHint')}
                          onClick={() => goTo(row)}
                        >
                          <SegmentWords side={row.capture} differ={diff.fields} note={t('diffFromModel')} />
                        </button>
                      </>
                    ) : (
                      t('notSet')
                    )}
                  </td>
                  <td className={row.model ? `mono from-${row.model.from}` : 'mono'}>
                    {row.model ? (
                      <>
                        {time(row.model, diff.time, t('diffFromCapture'))}{' '}
                        <span className="capture-dir">{arrow(row.model.from)}</span>{' '}
                        <button
                          type="button"
                          className="link"
                          title={t('captureGoHint')}
                          aria-pressed={current}
                          onClick={() => goTo(row)}
                        >
                          #{row.model.id}{' '}
                          <SegmentWords side={row.model} differ={diff.fields} note={t('diffFromCapture')} />
                        </button>
                      </>
                    ) : (
                      t('notSet')
                    )}
                    {row.deviation && (
                      <div className="capture-deviation">
                        ⚠ <strong>{kind(row.deviation)}</strong>
                        {t('sepColon')}
                        {detail(row.deviation)}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {drawn.length < shown.length && (
        <button type="button" className="capture-more" onClick={() => setShowAll(true)}>
          {t('showAllRows', { n: shown.length })}
        </button>
      )}
    </section>
  );
}

/** How the inferred scenario was kept within a scenario's limits (src/interop/replay.ts), in the reader's words. */
function limitNote(lang: string, note: ReplayLimitNote): string {
  const say = sideCatalog(lang, limitNotesEn, limitNotesZh);
  switch (note.kind) {
    case 'segment-too-long':
      return say('noteSegmentTooLong', {
        n: note.count,
        max: MAX_SEND_BYTES,
        frame: note.frame,
        bytes: note.bytes,
      });
    case 'latency-clamped':
      return say('noteLatencyClamped', { ms: note.ms, max: note.max });
    case 'time-cut':
      return say('noteTimeCut', { days: note.maxMs / 86_400_000, n: note.frames });
    case 'actions-cut':
      return say('noteActionsCut', { total: note.total, kept: note.kept });
    case 'faults-cut':
      return say('noteFaultsCut', { total: note.total, kept: note.kept });
    case 'port-zero':
      return say('notePortZero', { name: note.endpoint });
    case 'model-truncated':
      return say('noteModelTruncated', { events: note.events, n: note.frames });
  }
}
