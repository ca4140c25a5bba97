/**
 * The page for a world (a version 2 scenario, issue 12): the connections' legend, a card per host with its
 * listeners and an end card per connection end, the wire (segments in flight between the right hosts), the
 * narration and the sequence diagram with one lifeline per host. A lazy chunk: loaded with the first v2
 * scenario. Everything it draws comes from the store's WorldView at the cursor; no TCP logic here.
 */
import { useDeferredValue } from 'react';
import { useApp } from '../../store';
import { TCB_FIELD_NAMES, type TcbField, tcbValue } from '../../store/selectors';
import type { SegmentLife, WorldConnection, WorldView } from '../../store/worldView';
import type { SocketSnapshot } from '../../tcp/traceV2';
import type { SendEvent } from '../../tcp/types';
import { NarrationPanel } from '../components/Narration';
import { segmentLabel } from '../format';
import { type Messages, useMessages } from '../i18n';
import { narrateWorld, worldWords } from './narrateWorld';
import { WorldLadder } from './WorldLadder';
import './world.css';

const label = (s: SendEvent) => segmentLabel(s.segment);

const connStyle = (c: WorldConnection | undefined) =>
  ({ '--conn': `var(--conn-${c?.colour ?? 0})` }) as React.CSSProperties;

/** The world's page: its stage, the page's controls (given), then its narration and diagram. */
export function WorldPage({ controls }: { controls: React.ReactNode }) {
  return (
    <>
      <WorldStage />
      {controls}
      <WorldDetails />
    </>
  );
}

/** The legend, the hosts with their sockets, and the wire: where v1 shows its two cards and the wire. */
export function WorldStage() {
  const world = useApp((s) => s.world);
  const cursor = useApp((s) => s.cursor);
  const m = useMessages();
  if (!world) return null;
  const { view } = world;
  const { w, wt } = worldWords(m.lang);
  const snap = view.snapshotAt(cursor);
  const profile = world.scenario.profile ?? 'rfc';
  return (
    <section className="panel world-stage" aria-label={w.hosts} data-testid="world-stage">
      <p className="world-summary muted">
        {wt('summary', { hosts: view.hosts.length, conns: view.connections.length, profile })}
      </p>
      <Legend view={view} m={m} />
      <div className="world-hosts">
        {view.hosts.map((h) => {
          const { listeners, ends } = view.socketsOf(h.name, snap);
          return (
            <article
              key={h.name}
              className="world-host"
              aria-labelledby={`host-${h.name}`}
              data-host={h.name}
              // A host with several connection ends is as wide as that many cards, so none grows tall.
              style={{ '--ends': Math.max(1, ends.length) } as React.CSSProperties}
            >
              <h2 id={`host-${h.name}`}>
                <span className="host-name">{h.name}</span>{' '}
                <span className="muted mono">
                  {h.address}
                  {h.profile !== profile ? ` · ${h.profile}` : ''}
                </span>
              </h2>
              {listeners.map((l) => {
                const q = snap.listeners[`${h.name}/:${l.local.port}`];
                return (
                  <p key={l.local.port} className="world-listener mono" data-listener={l.local.port}>
                    {l.state === 'LISTEN'
                      ? wt('listener', { port: l.local.port })
                      : wt('closedListener', { port: l.local.port })}
                    {q ? ` · ${wt('queue', { backlog: q.backlog, queued: q.queued })}` : ''}
                  </p>
                );
              })}
              {ends.length === 0 && listeners.length === 0 && <p className="muted">{w.noSockets}</p>}
              <div className="world-ends">
                {ends.map((end) => (
                  <EndCard key={end.conn} end={end} view={view} m={m} now={view.events[cursor]?.t ?? 0} />
                ))}
              </div>
            </article>
          );
        })}
      </div>
      <WorldWire view={view} cursor={cursor} m={m} />
    </section>
  );
}

function Legend({ view, m }: { view: WorldView; m: Messages }) {
  const { w } = worldWords(m.lang);
  return (
    <section className="world-legend" aria-label={w.legend}>
      <h2 className="visually-hidden">{w.legend}</h2>
      <ul>
        {view.connections.map((c) => (
          <li key={c.name} style={connStyle(c)} data-conn={c.name}>
            <span className="swatch" aria-hidden="true" />
            <strong>{c.name}</strong>{' '}
            <span className="mono">
              {c.client.host} :{c.client.port} → {c.server.host} :{c.server.port}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The card's rows, as v1's (RTO is left out: several cards per host have to stay short). */
const END_FIELDS: readonly TcbField[] = ['sndUna', 'sndNxt', 'sndWnd', 'rcvNxt', 'rcvWnd', 'iss', 'irs'];

function EndCard({ end, view, m, now }: { end: SocketSnapshot; view: WorldView; m: Messages; now: number }) {
  const { wt } = worldWords(m.lang);
  const conn = view.connection(end.conn ?? undefined);
  const peer = end.remote ? view.hosts.find((h) => h.address === end.remote?.address)?.name : undefined;
  const timers = (['retransmission', 'timeWait', 'delayedAck'] as const).filter(
    (k) => end.timers[k] !== null,
  );
  const timerName = {
    retransmission: m.cat.timers.retransmission,
    timeWait: m.cat.timers['time-wait'],
    delayedAck: m.cat.timers['delayed-ack'],
  };
  const id = `end-${end.host}-${end.conn}`;
  return (
    <section
      className="world-end"
      style={connStyle(conn)}
      aria-labelledby={id}
      data-end={`${end.host}/${end.conn}`}
    >
      <h3 id={id}>
        <span className="conn-name">{end.conn}</span>{' '}
        <span className="mono muted">
          :{end.local.port} → {peer ?? end.remote?.address ?? '?'} :{end.remote?.port ?? '?'}
        </span>
        <span className="visually-hidden"> {wt('endCard', { who: end.conn ?? '', host: end.host })}</span>
      </h3>
      <p className="state-badge" data-state={end.state}>
        {end.state}
      </p>
      <dl className="world-tcb mono">
        {END_FIELDS.map((field) => {
          const value = tcbValue(end, field);
          return (
            <div key={field} data-field={field}>
              <dt>{TCB_FIELD_NAMES[field]}</dt>
              <dd>{value === null ? '—' : String(value)}</dd>
            </div>
          );
        })}
      </dl>
      {timers.map((k) => (
        <p key={k} className="world-timer mono">
          {timerName[k]} {m.t('timerLeft', { ms: Math.round(((end.timers[k] as number) - now) * 10) / 10 })}
        </p>
      ))}
    </section>
  );
}

/** Segments in flight at the cursor, each on a track from its sender to its receiver. */
function WorldWire({ view, cursor, m }: { view: WorldView; cursor: number; m: Messages }) {
  const { w, wt } = worldWords(m.lang);
  const flying = view.inFlight(cursor).slice(-20);
  const now = view.events[cursor]?.t ?? 0;
  return (
    <section className="world-wire" aria-label={w.wire}>
      <h3>{w.wire}</h3>
      {flying.length === 0 ? (
        <p className="muted">{w.wireEmpty}</p>
      ) : (
        <ul>
          {flying.map((life) => (
            <Flight
              key={life.id}
              life={life}
              view={view}
              now={now}
              text={wt('inFlight', {
                from: life.from,
                to: life.to,
                segment: `[${life.send.conn ?? '—'}] ${label(life.send as SendEvent)}`,
              })}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function Flight({
  life,
  view,
  now,
  text,
}: {
  life: SegmentLife;
  view: WorldView;
  now: number;
  text: string;
}) {
  const conn = view.connection(life.send.conn);
  const span = life.send.arriveAt - life.send.t;
  const done = span > 0 ? Math.max(0, Math.min(1, (now - life.send.t) / span)) : 1;
  const rightward = (view.host(life.from)?.index ?? 0) < (view.host(life.to)?.index ?? 0);
  const at = rightward ? done : 1 - done;
  return (
    <li
      className="flight"
      style={connStyle(conn)}
      data-segment={life.id}
      data-from={life.from}
      data-to={life.to}
    >
      <span className="flight-text mono">{text}</span>
      <span className="flight-track" aria-hidden="true">
        <span className="flight-end">{rightward ? life.from : life.to}</span>
        <span className="flight-line">
          <span className="flight-dot" style={{ left: `${at * 100}%` }} />
        </span>
        <span className="flight-end">{rightward ? life.to : life.from}</span>
      </span>
    </li>
  );
}

/** The narration and the sequence diagram: where v1 shows its narration and diagrams. */
export function WorldDetails() {
  const world = useApp((s) => s.world);
  const cursor = useApp((s) => s.cursor);
  const lang = useApp((s) => s.lang);
  const m = useMessages();
  // As v1's diagram: it follows the cursor a render after the cards and the narration, so they answer at once.
  const ladderCursor = useDeferredValue(cursor);
  if (!world) return null;
  const { wt } = worldWords(m.lang);
  const { view } = world;
  const title = world.title[lang] || world.scenario.name || m.t('custom');
  const text =
    cursor < 0
      ? wt('narrationStart', { title, hosts: view.hosts.length, conns: view.connections.length })
      : narrateWorld(view, cursor, m, label);
  return (
    <>
      <NarrationPanel text={text} />
      <WorldLadder view={view} cursor={ladderCursor} m={m} />
    </>
  );
}
