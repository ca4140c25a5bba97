/**
 * A minimal page: pick a preset, read its trace as a ladder of events with explanations.
 * (The full animated simulator is built on this same engine and catalog.)
 */
import { useMemo, useState } from 'react';
import { citation, en } from '../i18n';
import { listPresets, loadPreset } from '../scenarios';
import { runScenario } from '../tcp';
import type { TraceEvent } from '../tcp/types';

function describe(e: TraceEvent): string {
  switch (e.type) {
    case 'send': {
      const s = e.segment;
      const ack = s.flags.includes('ACK') ? ` ack=${s.ack}` : '';
      const len = s.len > 0 ? ` len=${s.len}` : '';
      const arrow = e.from === 'A' ? 'A → B' : 'B → A';
      return `${arrow} ${s.flags.join(',')} seq=${s.seq}${ack}${len}${e.retransmission ? ' (retransmission)' : ''}`;
    }
    case 'deliver':
      return `#${e.id} arrives at ${e.to} in ${e.state}`;
    case 'drop':
      return `#${e.id} ✕ ${en.dropCauses[e.cause]}`;
    case 'state':
      return `${e.endpoint}: ${e.from} → ${e.to}`;
    case 'app':
      return `${e.endpoint}: ${en.appEvents[e.event]}${e.error ? ` (${en.errors[e.error]})` : ''}`;
    case 'timer':
      return `${e.endpoint}: ${en.timers[e.timer]}`;
    case 'call':
      return `${e.endpoint}: ${en.calls[e.call]}`;
    case 'crash':
      return `${e.endpoint}: crash`;
  }
}

export function App() {
  const presets = useMemo(() => listPresets(), []);
  const [name, setName] = useState(presets[0]?.name ?? '');
  const trace = useMemo(() => {
    const scenario = loadPreset(name);
    return scenario ? runScenario(scenario) : null;
  }, [name]);

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 960, margin: '0 auto', padding: 16 }}>
      <h1>synack</h1>
      <p>A TCP handshake and teardown simulator: RFC 9293, step by step.</p>
      <label>
        Scenario{' '}
        <select value={name} onChange={(e) => setName(e.target.value)}>
          {presets.map((p) => (
            <option key={p.name} value={p.name}>
              {p.title}
            </option>
          ))}
        </select>
      </label>
      {trace && (
        <ol style={{ lineHeight: 1.5 }}>
          {trace.events.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: events are an immutable list
            <li key={i}>
              <code>{e.t.toFixed(0).padStart(6, '\u2007')} ms</code> {describe(e)}{' '}
              <small>
                — {en.explain[e.explain]} {citation(e.rfc)}
              </small>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
