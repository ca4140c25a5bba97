/** Faults and user calls at the current time, and the network sliders. Each becomes part of the scenario. */
import { useEffect, useState } from 'react';
import type { UiKey } from '../../i18n/ui.en';
import { appStore, useApp } from '../../store';
import type { EndpointName, UserCall } from '../../tcp/types';
import { useMessages } from '../i18n';

const ENDPOINTS: EndpointName[] = ['A', 'B'];

export function FaultsPanel() {
  const { t } = useMessages();
  const s = appStore().getState;
  return (
    <section className="panel faults" aria-labelledby="faults-title">
      <h2 id="faults-title">{t('faults')}</h2>
      <p className="hint">{t('faultsHint')}</p>
      <div className="fault-grid">
        {ENDPOINTS.map((name) => (
          <fieldset key={name} className={`fault-col endpoint-${name}`}>
            <legend className="visually-hidden">{t('endpoint', { name })}</legend>
            <button type="button" onClick={() => s().inject('stale-syn', name)}>
              {t('injectStaleSyn', { name })}
            </button>
            <button type="button" onClick={() => s().inject('rst', name)}>
              {t('injectRst', { name })}
            </button>
            <button type="button" onClick={() => s().inject('dup-fin', name)}>
              {t('injectDupFin', { name })}
            </button>
            <button type="button" onClick={() => s().crash(name)}>
              {t('crash', { name })}
            </button>
            <CallButton name={name} call="listen" label="callListen" />
            <CallButton name={name} call="connect" label="callConnect" />
            <CallButton name={name} call="send" label="callSend" bytes={1000} />
            <CallButton name={name} call="close" label="callClose" />
            <CallButton name={name} call="abort" label="callAbort" />
          </fieldset>
        ))}
      </div>
      <NetworkSliders />
    </section>
  );
}

/** A socket call: its name stays as code inside a label in the reader's language ("A：监听 listen"). */
function CallButton(props: { name: EndpointName; call: UserCall; label: UiKey; bytes?: number }) {
  const { t } = useMessages();
  const { name, call, label, bytes } = props;
  const [before, after = ''] = t(label, { name }).split('{call}');
  return (
    <button type="button" onClick={() => appStore().getState().call(name, call, bytes)}>
      {before}
      <code className="call-name">{call}</code>
      {after}
    </button>
  );
}

/** Sliders edit a draft while dragging and commit one undoable edit on release. */
function NetworkSliders() {
  const { t } = useMessages();
  const network = useApp((s) => s.timeline.trace.scenario.network);
  const [draft, setDraft] = useState({
    loss: network.lossRate,
    latency: network.latencyMs,
    jitter: network.jitterMs,
  });
  useEffect(() => {
    setDraft({ loss: network.lossRate, latency: network.latencyMs, jitter: network.jitterMs });
  }, [network.lossRate, network.latencyMs, network.jitterMs]);
  const commit = () => {
    if (
      draft.loss === network.lossRate &&
      draft.latency === network.latencyMs &&
      draft.jitter === network.jitterMs
    )
      return;
    appStore()
      .getState()
      .setNetwork({ lossRate: draft.loss, latencyMs: draft.latency, jitterMs: draft.jitter });
  };
  const slider = (
    key: 'loss' | 'latency' | 'jitter',
    label: string,
    min: number,
    max: number,
    step: number,
    shown: string,
  ) => (
    // The <output> stays outside the <label>: an <output> is labelable and would take the label from the input.
    <div className="slider">
      <label htmlFor={`net-${key}`}>{label}</label>{' '}
      <output htmlFor={`net-${key}`} className="mono">
        {shown}
      </output>
      <input
        id={`net-${key}`}
        type="range"
        min={min}
        max={max}
        step={step}
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: Number(e.target.value) })}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
    </div>
  );
  return (
    <fieldset className="network">
      <legend>{t('network')}</legend>
      {slider('loss', t('loss'), 0, 0.5, 0.01, t('percent', { n: Math.round(draft.loss * 100) }))}
      {slider('latency', t('latency'), 1, 500, 1, t('ms', { n: draft.latency }))}
      {slider('jitter', t('jitter'), 0, 200, 1, t('ms', { n: draft.jitter }))}
    </fieldset>
  );
}
