/** Timing records: latencies, time in each state, each segment's send and arrival, retransmission timers. */
import { useMemo } from 'react';
import { appStore, useApp } from '../../store';
import { lastSent, timing } from '../../store/selectors';
import type { EndpointName } from '../../tcp/types';
import { labeler, ms } from '../format';
import { useMessages } from '../i18n';
import { slotKeys } from '../slotKeys';

const MAX_ROWS = 40;

export function Timing() {
  const { t, cat } = useMessages();
  const timeline = useApp((s) => s.timeline);
  const trace = timeline.trace;
  const cursor = useApp((s) => s.cursor);
  const labelOf = labeler(
    timeline,
    useApp((s) => s.relativeSeq),
  );
  const selectedId = useApp((s) => s.selectedId);
  const snapshot = useApp((s) => s.timeline.stateAt(s.cursor));
  const now = trace.events[cursor]?.t ?? 0;
  const records = useMemo(() => timing(trace, cursor), [trace, cursor]);
  // The last rows only: a long run may have sent 200,000 segments, with 65,535 of them in flight.
  const rows = useMemo(() => lastSent(trace, cursor, MAX_ROWS), [trace, cursor]);
  // A jump elsewhere in a long run reuses the rows instead of replacing all 40 (../slotKeys.ts).
  const keys = useMemo(
    () =>
      slotKeys(
        rows.map((l) => l.send.id),
        MAX_ROWS,
      ),
    [rows],
  );
  return (
    <section className="panel timing" aria-labelledby="timing-title">
      <h2 id="timing-title">{t('timing')}</h2>
      <dl className="latencies">
        <dt>{t('clock')}</dt>
        <dd className="mono">{t('ms', { n: ms(now) })}</dd>
        <dt>{t('handshakeLatency')}</dt>
        <dd className="mono">
          {records.handshakeMs === null ? t('pending') : t('ms', { n: ms(records.handshakeMs) })}
        </dd>
        <dt>{t('teardownLatency')}</dt>
        <dd className="mono">
          {records.teardownMs === null ? t('pending') : t('ms', { n: ms(records.teardownMs) })}
        </dd>
        {(['A', 'B'] as EndpointName[]).map((name) => {
          const at = snapshot[name].timers.retransmission;
          return [
            <dt key={`rt-${name}`}>{t('retransmissionTimer', { name })}</dt>,
            <dd key={`rv-${name}`} className="mono">
              {at === null
                ? t('idle')
                : `${t('ms', { n: ms(Math.max(0, at - now)) })}${t('paren', { text: `RTO ${t('ms', { n: snapshot[name].rto })}` })}`}
            </dd>,
          ];
        })}
      </dl>
      {(['A', 'B'] as EndpointName[]).map((name) => (
        <details key={name} className="in-state">
          <summary>{t('timeInState', { name })}</summary>
          <ul className="mono">
            {records.inState[name].map((r) => (
              <li key={r.state}>
                {r.state}
                {t('sepColon')}
                {t('ms', { n: ms(r.ms) })}
              </li>
            ))}
          </ul>
        </details>
      ))}
      <div className="segment-table-wrap">
        <table className="segment-table">
          <caption>{t('segments')}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('segmentCol')}</th>
              <th scope="col">{t('sentCol')}</th>
              <th scope="col">{t('arrivedCol')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((l, k) => {
              // In flight: not yet delivered or dropped at the cursor (as selectors.inFlight says).
              const status =
                l.endIndex > cursor
                  ? t('statusInFlight')
                  : l.lost
                    ? `✕ ${t('statusLost')}`
                    : `${ms(l.send.arriveAt)}`;
              return (
                <tr key={keys[k]} aria-selected={selectedId === l.send.id} className={`from-${l.send.from}`}>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-label={`${t('inspector')}${t('sepColon')}#${l.send.id}`}
                      onClick={() => appStore().getState().select(l.send.id)}
                    >
                      {l.send.id}
                    </button>
                  </td>
                  <td className="mono">
                    {l.send.from}→{l.send.to} {labelOf(l.send, l.sendIndex)}
                    {l.send.retransmission ? t('paren', { text: t('rtx') }) : ''}
                  </td>
                  <td className="mono">{ms(l.send.t)}</td>
                  <td className="mono">{status}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {/* The outcome is news only once the run is over; before that the line is kept empty (same height). */}
      <p className="muted final">
        {trace.events.length > 0 && cursor === trace.events.length - 1 && (
          <>
            {t('final')}
            {t('sepColon')}A {trace.final.A.state}
            {trace.final.A.error ? t('paren', { text: cat.errors[trace.final.A.error] }) : ''}
            {t('sepList')}B {trace.final.B.state}
            {trace.final.B.error ? t('paren', { text: cat.errors[trace.final.B.error] }) : ''}
          </>
        )}
      </p>
    </section>
  );
}
