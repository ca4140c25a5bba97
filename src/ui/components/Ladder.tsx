/**
 * The ladder (sequence) diagram: A's and B's lifelines, one arrow per segment, growing with the playback
 * cursor. Geometry comes from `layoutLadder`; this file only draws it. The SVG carries its own styles
 * (an inline <style> with fallback colors) so a later "export as SVG" can serialize it as it is.
 */
import {
  type JSX,
  type KeyboardEvent,
  memo,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useApp } from '../../store';
import type { WireSegment } from '../../tcp/types';
import { labeler, ms } from '../format';
import { useMessages } from '../i18n';
import { type LadderArrow, layoutLadder } from '../ladderLayout';
import './ladder.css';

/** Narrowest and widest logical widths: below 560 px of room the drawing stops scaling down and gets narrower. */
const MIN_WIDTH = 340;
const MAX_WIDTH = 560;

/** Presentational styles inside the SVG, with fallbacks so a serialized copy looks the same outside the page. */
const SVG_STYLE = `
.ladder-svg text { font-family: var(--font, system-ui, sans-serif); fill: var(--text, #16181d); }
.ladder-svg .ld-mono { font-family: var(--mono, ui-monospace, monospace); }
.ladder-svg .ld-muted { fill: var(--muted, #555d6b); }
.ladder-svg .ld-head { font-weight: 700; font-size: 14px; }
.ladder-svg .ld-state { font-size: 10px; font-weight: 600; }
.ladder-svg .ld-time { font-size: 10px; }
.ladder-svg .ld-label { font-size: 10.5px; }
.ladder-svg .ld-tag { font-size: 9px; }
.ladder-svg .ld-gap { font-size: 10px; font-style: italic; }
.ladder-svg .ld-life-A { stroke: var(--a, #1f5fd1); }
.ladder-svg .ld-life-B { stroke: var(--b, #b4420e); }
.ladder-svg .ld-row { stroke: var(--border, #d5d9e0); }
.ladder-svg .ld-from-A { stroke: var(--a, #1f5fd1); fill: var(--a, #1f5fd1); }
.ladder-svg .ld-from-B { stroke: var(--b, #b4420e); fill: var(--b, #b4420e); }
.ladder-svg .ld-glow { stroke: var(--lit, #f2b705); }
.ladder-svg .ld-cross { stroke: var(--bad, #b3261e); }
`;

/** What fits on a phone's narrow wire: "SYN,ACK" or "ACK len=1460"; the full header is in the aria-label and the inspector. */
function compactLabel(s: WireSegment): string {
  return s.len > 0 ? `${s.flags.join(',')} len=${s.len}` : s.flags.join(',');
}

function arrowHead(a: LadderArrow, size: number): string {
  // Direction of the drawn line; a segment just sent has no length yet, so it points at its receiver.
  let dx = a.x2 - a.x1;
  let dy = a.y2 - a.y1;
  if (Math.hypot(dx, dy) < 1) {
    dx = a.to === 'B' ? 1 : -1;
    dy = 0;
  }
  const len = Math.hypot(dx, dy);
  const ux = dx / len;
  const uy = dy / len;
  const bx = a.x2 - ux * size;
  const by = a.y2 - uy * size;
  const px = -uy * size * 0.45;
  const py = ux * size * 0.45;
  const f = (n: number) => n.toFixed(1);
  return `M${f(a.x2)} ${f(a.y2)}L${f(bx + px)} ${f(by + py)}L${f(bx - px)} ${f(by - py)}Z`;
}

/** Every prop is a primitive or lives in the trace, so an arrow that did not move does not re-render. */
interface ArrowProps extends LadderArrow {
  /** The label drawn along the arrow (absolute or relative numbers, full or compact). */
  label: string;
  selected: boolean;
  /** Tag under the arrow (retransmission, injected, duplicate), already translated. */
  tag: string;
  ariaLabel: string;
  onSelect(id: number): void;
}

const Arrow = memo(function Arrow(props: ArrowProps) {
  const { label, selected, tag, ariaLabel, onSelect } = props;
  const a: LadderArrow = props;
  const dash = a.retransmission ? '6 4' : a.injected ? '2 3' : undefined;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      // Keep Space from scrolling or toggling playback: here it means "select this segment".
      e.preventDefault();
      e.stopPropagation();
      onSelect(a.id);
    }
  };
  const cross = 5;
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it has role, tabIndex and keys
    <g
      className={`ladder-seg ld-status-${a.status}${selected ? ' is-selected' : ''}`}
      role="button"
      tabIndex={0}
      aria-label={ariaLabel}
      aria-pressed={selected}
      data-segment-id={a.id}
      onClick={() => onSelect(a.id)}
      onKeyDown={onKeyDown}
    >
      {selected && (
        <line
          className="ld-glow"
          x1={a.x1}
          y1={a.y1}
          x2={a.x2}
          y2={a.y2}
          strokeWidth={9}
          strokeOpacity={0.55}
          strokeLinecap="round"
        />
      )}
      <line
        className="ladder-hit"
        x1={a.x1}
        y1={a.y1}
        x2={a.x2}
        y2={a.y2}
        stroke="transparent"
        strokeWidth={14}
        strokeLinecap="round"
      />
      <line
        className={`ld-from-${a.from}`}
        x1={a.x1}
        y1={a.y1}
        x2={a.x2}
        y2={a.y2}
        strokeWidth={selected ? 2.75 : 1.5}
        strokeDasharray={dash}
      />
      {a.status === 'lost' ? (
        <g className="ld-cross" strokeWidth={2.5} strokeLinecap="round">
          <line x1={a.x2 - cross} y1={a.y2 - cross} x2={a.x2 + cross} y2={a.y2 + cross} />
          <line x1={a.x2 - cross} y1={a.y2 + cross} x2={a.x2 + cross} y2={a.y2 - cross} />
        </g>
      ) : (
        <path className={`ld-from-${a.from}`} d={arrowHead(a, selected ? 9 : 7)} strokeWidth={1} />
      )}
      {/* One <text>: the label and its tag line read as "label tag", matching the accessible name. */}
      <text className="ld-mono ld-label" x={a.labelX} y={a.labelY} textAnchor="middle">
        {label}
        {tag && (
          <tspan className="ld-tag ld-muted" x={a.labelX} y={a.tagY}>
            {` ${tag}`}
          </tspan>
        )}
      </text>
    </g>
  );
});

export function Ladder(): JSX.Element {
  const trace = useApp((s) => s.timeline.trace);
  const timeline = useApp((s) => s.timeline);
  const relative = useApp((s) => s.relativeSeq);
  const label = labeler(timeline, relative);
  const cursor = useApp((s) => s.cursor);
  const selectedId = useApp((s) => s.selectedId);
  const select = useApp((s) => s.select);
  const { t } = useMessages();
  const titleId = useId();
  const hintId = useId();

  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(MAX_WIDTH);

  // Follow the container's width (between MIN and MAX), so text stays legible on a phone.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const fitWidth = (w: number) => {
      if (w > 0) setWidth(Math.round(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, w))));
    };
    fitWidth(el.clientWidth);
    const observer = new ResizeObserver((entries) => fitWidth(entries[0]?.contentRect.width ?? 0));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const layout = useMemo(() => layoutLadder(trace, cursor, { width }), [trace, cursor, width]);

  // The newest row is the cursor's: keep it in view as the diagram grows. Scrolling forces a layout, so it
  // waits for the next frame instead of making the step itself slower.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || cursor < 0) return;
    const frame = requestAnimationFrame(() => {
      el.scrollTop = el.scrollHeight;
    });
    return () => cancelAnimationFrame(frame);
  }, [cursor]);

  const events = trace.events;
  const { aX, bX, top, height } = layout;

  return (
    <figure className="ladder" aria-labelledby={titleId} aria-describedby={hintId}>
      <figcaption>
        <span className="ladder-title" id={titleId}>
          {t('ladder')}
        </span>
        <span className="ladder-hint" id={hintId}>
          {t('ladderHint')}
        </span>
      </figcaption>
      <div className="ladder-scroll" ref={scrollRef}>
        {layout.hiddenRows > 0 && (
          <p className="ladder-earlier">⋯ {t('ladderEarlier', { n: layout.hiddenRows })} ↑</p>
        )}
        {/* biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a <fieldset>; it is a named group of segment buttons */}
        <svg
          xmlns="http://www.w3.org/2000/svg"
          className="ladder-svg"
          data-testid="ladder-svg"
          role="group"
          aria-label={t('ladder')}
          viewBox={`0 ${top} ${layout.width} ${height}`}
          width="100%"
          preserveAspectRatio="xMidYMin meet"
        >
          <style>{SVG_STYLE}</style>
          <text className="ld-head" x={aX} y={layout.headerY} textAnchor="middle">
            A
          </text>
          <text className="ld-head" x={bX} y={layout.headerY} textAnchor="middle">
            B
          </text>
          <line
            className="ld-life-A"
            x1={aX}
            x2={aX}
            y1={layout.lifelineTop}
            y2={layout.lifelineBottom}
            strokeWidth={2}
          />
          <line
            className="ld-life-B"
            x1={bX}
            x2={bX}
            y1={layout.lifelineTop}
            y2={layout.lifelineBottom}
            strokeWidth={2}
          />
          {layout.rows.map((row) => (
            <g key={row.y}>
              <line
                className="ld-row"
                x1={aX}
                x2={bX}
                y1={row.y}
                y2={row.y}
                strokeWidth={0.5}
                strokeDasharray="1 4"
              />
              <text className="ld-mono ld-time ld-muted" x={layout.timeX} y={row.y + 4}>
                {t('ms', { n: ms(row.t) })}
              </text>
            </g>
          ))}
          {layout.gaps.map((gap) => (
            <text key={gap.y} className="ld-gap ld-muted" x={layout.midX} y={gap.y + 4} textAnchor="middle">
              ⋯ {t('timeGap', { ms: ms(gap.ms) })}
            </text>
          ))}
          {layout.stateLabels.map((label) => (
            <text
              key={`${label.endpoint}${label.y}`}
              className="ld-state"
              x={label.x}
              y={label.y}
              textAnchor={label.anchor}
            >
              {label.state}
            </text>
          ))}
          {layout.arrows.map((arrow) => {
            const send = events[arrow.sendIndex];
            if (send?.type !== 'send') return null;
            const tags = [
              send.retransmission ? t('rtx') : '',
              send.injected ? t('injected') : '',
              send.duplicate ? t('duplicate') : '',
            ].filter(Boolean);
            const status =
              arrow.status === 'lost'
                ? t('lostMark')
                : arrow.status === 'in-flight'
                  ? t('statusInFlight')
                  : '';
            const shown = layout.compactLabels ? compactLabel(send.segment) : label(send, arrow.sendIndex);
            // The accessible name starts with the text that is drawn (WCAG 2.5.3 label in name), then adds
            // what the drawing shows by shape: direction, the full header when the label is compact, status.
            const ariaLabel = [
              `${shown}${tags.length > 0 ? ` ${tags.join(' · ')}` : ''}`,
              `#${send.id} ${send.from} → ${send.to}`,
              layout.compactLabels ? label(send, arrow.sendIndex) : '',
              status,
            ]
              .filter(Boolean)
              .join(', ');
            return (
              <Arrow
                key={arrow.id}
                {...arrow}
                label={shown}
                selected={arrow.id === selectedId}
                tag={tags.join(' · ')}
                ariaLabel={ariaLabel}
                onSelect={select}
              />
            );
          })}
        </svg>
      </div>
    </figure>
  );
}
