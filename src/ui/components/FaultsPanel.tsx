/** Faults and user calls at the current time, and the network sliders. Each becomes part of the scenario. */
import { useEffect, useState } from 'react';
import { appStore, useApp } from '../../store';
import type { EndpointName } from '../../tcp/types';
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
            <button type="button" onClick={() => s().call(name, 'listen')}>
              {t('callListen', { name })}
            </button>
            <button type="button" onClick={() => s().call(name, 'connect')}>
              {t('callConnect', { name })}
            </button>
            <button type="button" onClick={() => s().call(name, 'send', 1000)}>
              {t('callSend', { name })}
            </button>
            <button type="button" onClick={() => s().call(name, 'close')}>
              {t('callClose', { name })}
            </button>
            <button type="button" onClick={() => s().call(name, 'abort')}>
              {t('callAbort', { name })}
            </button>
          </fieldset>
        ))}
      </div>
      <NetworkSliders />
    </section>
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
