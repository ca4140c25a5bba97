/** The packet inspector: the selected segment's header and what it changed in each TCB. */

import { Fragment, type ReactNode } from 'react';
import { citation } from '../../i18n/citation';
import { isHeaderField, isTcbVariable } from '../../i18n/glossary';
import type { UiKey } from '../../i18n/ui.en';
import { appStore, useApp } from '../../store';
import { segmentById } from '../../store/selectors';
import type { EndpointName, State } from '../../tcp/types';
import { ms } from '../format';
import { useMessages } from '../i18n';
import { burstEnd, burstStart, tcbChanges } from '../narration';
import { Term } from './Term';

export function Inspector() {
  const { t } = useMessages();
  const selectedId = useApp((s) => s.selectedId);
  const timeline = useApp((s) => s.timeline);
  const life = selectedId === null ? undefined : segmentById(timeline.trace, selectedId);
  if (!life) {
    return (
      <section className="panel inspector" aria-labelledby="inspector-title">
        <h2 id="inspector-title">{t('inspector')}</h2>
        <RuleKey />
        <p className="hint">{t('inspectorEmpty')}</p>
      </section>
    );
  }
  const { send } = life;
  const seg = send.segment;
  const scenario = timeline.trace.scenario;
  const fromSnap = timeline.stateBefore(life.sendIndex)[send.from];
  const rows: [UiKey, ReactNode][] = [
    ['sourcePort', String(scenario.endpoints[send.from].port)],
    ['destinationPort', String(scenario.endpoints[send.to].port)],
    [
      'sequenceNumber',
      `${seg.seq}${t('paren', { text: t('relative', { n: (seg.seq - fromSnap.iss) >>> 0 }) })}`,
    ],
    ['acknowledgmentNumber', seg.flags.includes('ACK') ? String(seg.ack) : '0'],
    // Flags are written "SYN,ACK" in every language, as Wireshark and the segment labels write them.
    [
      'flags',
      seg.flags.map((flag, i) => (
        <Fragment key={flag}>
          {i > 0 && ','}
          <Term term={flag} />
        </Fragment>
      )),
    ],
    ['window', String(seg.win)],
    ['payload', t('bytes', { n: seg.len })],
    ['sentAt', t('ms', { n: ms(send.t) })],
    [life.lost ? 'lostAt' : 'arrivesAt', t('ms', { n: ms(send.arriveAt) })],
  ];
  const tags = [
    send.retransmission && t('rtx'),
    send.injected && t('injected'),
    send.duplicate && t('duplicate'),
  ].filter(Boolean);
  return (
    <section className="panel inspector" aria-labelledby="inspector-title">
      <h2 id="inspector-title">
        {t('inspector')}
        {t('sepColon')}#{send.id} {send.from} → {send.to}
      </h2>
      <RuleKey />
      {tags.length > 0 && <p className="hint">{tags.join(' · ')}</p>}
      <table className="fields">
        <caption className="visually-hidden">{t('header')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('field')}</th>
            <th scope="col">{t('value')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{isHeaderField(k) ? <Term term={k} /> : t(k)}</th>
              <td className="mono">{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {/* What the sender did to send it: from just before the cause of this burst (e.g. the connect call). */}
      <Changes
        name={send.from}
        from={burstStart(timeline.trace.events, life.sendIndex) - 1}
        to={life.sendIndex}
      />
      {!life.lost && Number.isFinite(life.endIndex) && (
        <Changes
          name={send.to}
          from={life.endIndex - 1}
          to={burstEnd(timeline.trace.events, life.endIndex)}
        />
      )}
      <button type="button" onClick={() => appStore().getState().select(null)}>
        {t('close')}
      </button>
    </section>
  );
}

function Changes({ name, from, to }: { name: EndpointName; from: number; to: number }) {
  const { t } = useMessages();
  const timeline = useApp((s) => s.timeline);
  const changes = tcbChanges(timeline.stateAt(from)[name], timeline.stateAt(to)[name]);
  return (
    <div className="changes">
      <h3>{t('tcbChanges', { name })}</h3>
      {changes.length === 0 ? (
        <p className="muted">{t('noChanges')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('variable')}</th>
              <th scope="col">{t('before')}</th>
              <th scope="col">{t('after')}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.label}>
                {c.label === 'state' ? (
                  <th scope="row">{t('stateLabel')}</th>
                ) : (
                  <th scope="row" className="mono">
                    {isTcbVariable(c.label) ? <Term term={c.label} /> : c.label}
                  </th>
                )}
                <td className="mono">{c.label === 'state' ? <Term term={c.before as State} /> : c.before}</td>
                <td className="mono">{c.label === 'state' ? <Term term={c.after as State} /> : c.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The explanation key of the event at the cursor, as the CLI ladder and src/tcp/explain.ts spell it. */
function RuleKey() {
  const { t } = useMessages();
  const event = useApp((s) => s.timeline.trace.events[s.cursor]);
  if (!event) return null;
  const cite = citation(event.rfc);
  return (
    <p className="rule-key" title={t('ruleKeyHint')}>
      {t('ruleKey')}
      {t('sepColon')}
      <code className="mono rule-key__key" data-testid="rule-key">
        {event.explain}
      </code>
      {cite && <span className="muted rule-key__cite"> {cite}</span>}
    </p>
  );
}
