/**
 * The sequence diagram of a world: one lifeline per host (its name and address on top), each segment an
 * arrow from its sender's lifeline to its receiver's in its connection's colour, states, calls and timers
 * beside their host. It shows the last WINDOW events up to the cursor. Drawn from the store's WorldView.
 */
import { memo, useEffect, useRef, useState } from 'react';
import { type SegmentLife, type WorldView, whoOf } from '../../store/worldView';
import type { SendEvent } from '../../tcp/types';
import { ms, segmentLabel } from '../format';
import type { Messages } from '../i18n';
import { worldWords } from './narrateWorld';

const label = (s: SendEvent) => segmentLabel(s.segment);
const connStyle = (colour: number | undefined) =>
  ({ '--conn': `var(--conn-${colour ?? 0})` }) as React.CSSProperties;

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

export const WorldLadder = memo(function WorldLadder({
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
        style={connStyle(conn?.colour)}
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
        style={connStyle(view.connection(e.conn)?.colour)}
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
