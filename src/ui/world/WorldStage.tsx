/**
 * The page for a world (a version 2 scenario, issue 12): the connections' legend, a card per host with its
 * listeners and an end card per connection end, the wire (segments in flight between the right hosts), the
 * narration and the sequence diagram with one lifeline per host. A lazy chunk: loaded with the first v2
 * scenario. Everything it draws comes from the store's WorldView at the cursor; no TCP logic here.
 */
import { memo, useDeferredValue, useEffect, useRef, useState } from 'react';
import { useApp } from '../../store';
import { TCB_FIELD_NAMES, type TcbField, tcbValue } from '../../store/selectors';
import { type SegmentLife, type WorldConnection, type WorldView, whoOf } from '../../store/worldView';
import type { SocketSnapshot } from '../../tcp/traceV2';
import type { SendEvent } from '../../tcp/types';
import { ms, segmentLabel } from '../format';
import { type Messages, useMessages } from '../i18n';
import { narrateWorld, worldWords } from './narrateWorld';
import './world.css';

const label = (s: SendEvent) => segmentLabel(s.segment);

const connStyle = (c: WorldConnection | undefined) =>
  ({ '--conn': `var(--conn-${c?.colour ?? 0})` }) as React.CSSProperties;

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
      ? `${wt('narrationStart', { title, hosts: view.hosts.length, conns: view.connections.length })}`
      : narrateWorld(view, cursor, m, label);
  return (
    <>
      <section className="panel narration" aria-labelledby="narration-title">
        <h2 id="narration-title">{m.t('narration')}</h2>
        <p aria-live="polite" data-testid="narration">
          {text}
        </p>
      </section>
      <WorldLadder view={view} cursor={ladderCursor} m={m} />
    </>
  );
}

/** Rows shown at once: the diagram follows the cursor, the earlier rows scroll off its top. */
const WINDOW = 36;

/** The frame's width and the diagram's text size (--diagram-font: 12 px, 18 px in presenter mode). */
function useFrame(): [React.RefObject<HTMLDivElement | null>, number, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 720, font: 12 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const svg = el.querySelector('svg');
      const font = svg ? Number.parseFloat(getComputedStyle(svg).fontSize) || 12 : 12;
      setSize((old) =>
        old.width === (el.clientWidth || 720) && old.font === font
          ? old
          : { width: el.clientWidth || 720, font },
      );
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, size.width, size.font];
}

/** A short note beside a host's lifeline for an event that is not a segment's send. */
function note(e: WorldView['events'][number], m: Messages, wt: ReturnType<typeof worldWords>['wt']): string {
  const who = whoOf(e);
  switch (e.type) {
    case 'state':
      return `${who} → ${e.to}`;
    case 'call':
      return `${who} ${e.call}()`;
    case 'timer':
      return wt('noteTimer', { who, timer: m.cat.timers[e.timer] });
    case 'app':
      return `${who} ⇒ ${e.error ?? m.cat.appEvents[e.event]}`;
    case 'crash':
      return '✕ crash';
    default:
      return '';
  }
}

/** Segments sent above the diagram's top that are still drawn crossing it (the latest ones). */
const MAX_FROM_ABOVE = 24;

const WorldLadder = memo(function WorldLadder({
  view,
  cursor,
  m,
}: {
  view: WorldView;
  cursor: number;
  m: Messages;
}) {
  const { w, wt } = worldWords(m.lang);
  const [ref, width, font] = useFrame();
  // The layout is made for the text size: a row is two lines of it, so labels never cover each other.
  const ROW = Math.round(font * 2);
  const HEAD = Math.round(font * 3.7);
  const LEFT = Math.round(font * 5.5);
  const RIGHT = Math.round(font * 7.5);
  const MIN_COL = Math.round(font * 10);
  const hosts = view.hosts;
  const cols = Math.max(1, hosts.length - 1);
  const drawn = Math.max(width, LEFT + RIGHT + cols * MIN_COL);
  const col = (drawn - LEFT - RIGHT - 40) / cols;
  const x = (host: string) => LEFT + 40 + (view.host(host)?.index ?? 0) * col;
  const first = Math.max(0, cursor - WINDOW + 1);
  // Rows sit at their event's place; the window moves by one transform, so a step changes few elements.
  const y = (index: number) => HEAD + index * ROW + ROW / 2;
  const shift = -first * ROW;
  const rows = cursor < 0 ? 0 : cursor - first + 1;
  const height = HEAD + Math.max(rows, 4) * ROW + 8;
  const events = view.events;
  const arrows: React.ReactNode[] = [];
  const notes: React.ReactNode[] = [];
  const times: React.ReactNode[] = [];
  // Segments sent above the window that are still on their way cross it: the latest MAX_FROM_ABOVE of them.
  const crossing: SegmentLife[] = [];
  for (const life of view.lives) {
    if (life.sendIndex > cursor) break;
    if (life.endIndex < first) continue;
    crossing.push(life);
  }
  const fromAbove = crossing.filter((l) => l.sendIndex < first).length;
  for (const life of crossing.slice(Math.max(0, fromAbove - MAX_FROM_ABOVE))) {
    const conn = view.connection(life.send.conn);
    const x1 = x(life.from);
    const x2full = x(life.to);
    const lost = life.end?.type === 'drop' && life.endIndex <= cursor;
    const landed = life.endIndex <= cursor;
    const endRow = landed ? life.endIndex : cursor;
    const frac = landed
      ? lost
        ? 0.5
        : 1
      : Math.min(0.95, (cursor - life.sendIndex + 0.5) / Math.max(1, life.endIndex - life.sendIndex));
    const x2 = x1 + (x2full - x1) * frac;
    const y1 = y(life.sendIndex);
    const y2 = landed ? y(endRow) : y1 + (y(life.endIndex) - y1) * frac;
    const src = life.send.src;
    const dst = life.send.dst;
    const segment = label(life.send as SendEvent);
    const name = wt('arrow', {
      who: life.send.conn ?? '—',
      from: `${life.from}:${src.port}`,
      to: `${life.to}:${dst.port}`,
      segment: lost ? `${segment} (${w.lost})` : segment,
    });
    const right = x2full > x1;
    arrows.push(
      <g
        key={life.id}
        className={`world-arrow${life.send.retransmission ? ' rtx' : ''}${lost ? ' lost' : ''}`}
        style={connStyle(conn)}
        data-arrow={life.id}
        data-conn={life.send.conn ?? ''}
        data-from={life.from}
        data-to={life.to}
        data-flags={life.send.segment.flags.join(',')}
        data-ports={`${src.port}>${dst.port}`}
      >
        <title>{name}</title>
        <line x1={x1} y1={y1} x2={x2} y2={y2} />
        {landed && !lost && <polygon points={arrowHead(x1, y1, x2, y2)} />}
        {lost && (
          <text x={x2} y={y2 + 4} textAnchor="middle" className="cross">
            ✕
          </text>
        )}
        {life.sendIndex >= first && (
          <text
            x={x1 + (right ? 6 : -6)}
            y={y1 - 5}
            textAnchor={right ? 'start' : 'end'}
            className="arrow-label"
          >
            [{life.send.conn ?? '—'}] {segment}
          </text>
        )}
      </g>,
    );
  }
  let lastT = Number.NaN;
  for (let i = first; i <= cursor; i++) {
    const e = events[i];
    if (!e) continue;
    if (e.t !== lastT) {
      times.push(
        <text key={`t${i}`} x={LEFT - 6} y={y(i) + 4} textAnchor="end" className="time">
          {ms(e.t)}
        </text>,
      );
      lastT = e.t;
    }
    const text = note(e, m, wt);
    if (!text) continue;
    const h = view.host(e.host);
    const last = (h?.index ?? 0) === hosts.length - 1 && hosts.length > 1;
    const hx = x(e.host);
    notes.push(
      <text
        key={`n${i}`}
        x={hx + (last ? -6 : 6)}
        y={y(i) + 4}
        textAnchor={last ? 'end' : 'start'}
        className="note"
        style={connStyle(view.connection(e.conn))}
      >
        {text}
      </text>,
    );
  }
  return (
    <section className="panel world-ladder" aria-labelledby="world-ladder-title">
      <h2 id="world-ladder-title">{w.diagram}</h2>
      {first > 0 && <p className="muted hint">{wt('diagramEarlier', { n: first })}</p>}
      <div className="world-ladder-frame" ref={ref}>
        <svg
          width={drawn}
          height={height}
          viewBox={`0 0 ${drawn} ${height}`}
          role="img"
          aria-label={w.diagram}
          data-testid="world-ladder"
        >
          {hosts.map((h) => (
            <g key={h.name} data-lifeline={h.name}>
              <text x={x(h.name)} y={font * 1.2} textAnchor="middle" className="host-head">
                {h.name}
              </text>
              <text x={x(h.name)} y={font * 2.5} textAnchor="middle" className="host-addr">
                {h.address}
              </text>
              <line x1={x(h.name)} y1={HEAD - 6} x2={x(h.name)} y2={height} className="lifeline" />
            </g>
          ))}
          <text x={LEFT - 6} y={HEAD - 4} textAnchor="end" className="time">
            {m.t('ladderTimeUnit')}
          </text>
          <clipPath id="world-rows">
            <rect x={0} y={HEAD - 6} width={drawn} height={height} />
          </clipPath>
          <g clipPath="url(#world-rows)">
            <g transform={`translate(0 ${shift})`}>
              {times}
              {arrows}
              {notes}
            </g>
          </g>
        </svg>
      </div>
    </section>
  );
});

function arrowHead(x1: number, y1: number, x2: number, y2: number): string {
  const a = Math.atan2(y2 - y1, x2 - x1);
  const l = 8;
  const p = (da: number) => `${x2 - l * Math.cos(a + da)},${y2 - l * Math.sin(a + da)}`;
  return `${x2},${y2} ${p(0.4)} ${p(-0.4)}`;
}
