/**
 * The ladder diagram as an SVG, drawn from a `LadderLayout`: lifelines, rows, one arrow per segment, then
 * the labels on top (on a chip of the panel color, so a line passing behind one does not cut its text).
 * Used on the page (interactive: each arrow is a button) and by the export (a still copy of the whole run).
 * The SVG carries its own styles (an inline <style> with fallback colors) so a serialized copy looks the same.
 */
import { type JSX, type KeyboardEvent, type MouseEvent, memo, useMemo } from 'react';
import type { EndpointName } from '../../tcp/types';
import type { LadderArrow, LadderLayout } from '../ladderLayout';
import { slotKeys } from '../slotKeys';

/** Presentational styles inside the SVG, with fallbacks so a serialized copy looks the same outside the page. */
function svgStyle(layout: LadderLayout): string {
  const px = (n: number) => `${Math.round(n * 100) / 100}px`;
  return `
.ladder-svg text { font-family: var(--font, system-ui, sans-serif); fill: var(--text, #16181d); font-size: ${px(layout.fontSize)}; }
.ladder-svg .ld-mono { font-family: var(--mono, ui-monospace, monospace); }
.ladder-svg .ld-muted { fill: var(--muted, #555d6b); }
.ladder-svg .ld-head { font-weight: 700; font-size: ${px(layout.headSize)}; }
.ladder-svg .ld-heading { font-weight: 700; font-size: ${px(layout.heading.fontSize)}; }
.ladder-svg .ld-state { font-weight: 600; }
.ladder-svg .ld-tag { font-style: italic; }
.ladder-svg .ld-gap { font-style: italic; }
.ladder-svg .ld-text-A { fill: var(--a, #1f5fd1); }
.ladder-svg .ld-text-B { fill: var(--b, #b4420e); }
.ladder-svg .ld-chip { fill: var(--panel, #ffffff); fill-opacity: 0.9; }
.ladder-svg .ld-life-A { stroke: var(--a, #1f5fd1); }
.ladder-svg .ld-life-B { stroke: var(--b, #b4420e); }
.ladder-svg .ld-row { stroke: var(--border, #d5d9e0); }
.ladder-svg .ld-from-A { stroke: var(--a, #1f5fd1); fill: var(--a, #1f5fd1); }
.ladder-svg .ld-from-B { stroke: var(--b, #b4420e); fill: var(--b, #b4420e); }
.ladder-svg .ld-glow { stroke: var(--lit, #f2b705); }
.ladder-svg .ld-cross { stroke: var(--bad, #b3261e); }
`;
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

/** Every prop is a primitive, so an arrow that did not move does not re-render. */
interface ArrowProps {
  id: number;
  from: EndpointName;
  to: EndpointName;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  status: LadderArrow['status'];
  cross: number;
  retransmission: boolean;
  injected: boolean;
  selected: boolean;
  /** A lesson step asks the student to watch this segment. */
  watched?: boolean;
  ariaLabel: string;
  onSelect(id: number): void;
}

const Arrow = memo(function Arrow(props: ArrowProps) {
  const { id, selected, ariaLabel, onSelect, cross } = props;
  const a = props as unknown as LadderArrow;
  const dash = props.retransmission ? '6 4' : props.injected ? '2 3' : undefined;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      // Keep Space from scrolling or toggling playback: here it means "select this segment".
      e.preventDefault();
      e.stopPropagation();
      onSelect(id);
    }
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it has role, tabIndex and keys
    <g
      className={`ladder-seg ld-status-${a.status}${selected ? ' is-selected' : ''}${props.watched ? ' is-watched' : ''}`}
      data-watched={props.watched ? 'true' : undefined}
      role="button"
      tabIndex={0}
      aria-label={ariaLabel}
      aria-pressed={selected}
      data-segment-id={id}
      onClick={() => onSelect(id)}
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
    </g>
  );
});

interface LabelProps {
  id: number;
  from: EndpointName;
  /** The label's lines, joined by "\n". */
  text: string;
  x: number;
  y: number;
  lineHeight: number;
  tag: string;
  tagY: number;
  chipX: number;
  chipY: number;
  chipWidth: number;
  chipHeight: number;
  tagChipX: number;
  tagChipWidth: number;
  selected: boolean;
}

/** A segment's label and tag on their chips (a click on one selects the segment: see LadderDrawing). */
const Label = memo(function Label(p: LabelProps) {
  const lines = p.text.split('\n');
  const labelHeight = lines.length * p.lineHeight;
  // One line and no tag (the common case) is a bare <text>: fewer elements to create while scrubbing.
  const plain = lines.length === 1 && !p.tag;
  return (
    <>
      <rect
        className="ld-chip"
        data-label-for={p.id}
        x={p.chipX}
        y={p.chipY}
        width={p.chipWidth}
        height={labelHeight}
        rx={3}
      />
      {p.tag && (
        <rect
          className="ld-chip"
          data-label-for={p.id}
          x={p.tagChipX}
          y={p.chipY + labelHeight}
          width={p.tagChipWidth}
          height={p.chipHeight - labelHeight}
          rx={3}
        />
      )}
      <text
        className={`ld-mono ld-label ld-text-${p.from}`}
        data-label-for={p.id}
        x={p.x}
        y={p.y}
        textAnchor="middle"
        fontWeight={p.selected ? 700 : undefined}
      >
        {plain
          ? lines[0]
          : // The lines are distinct words of one header (flags, seq=, ack=, len=): each is its own key.
            lines.map((line, i) => (
              <tspan key={line} className="ld-line" x={p.x} y={p.y + i * p.lineHeight}>
                {line}
              </tspan>
            ))}
        {p.tag && (
          <tspan className="ld-tag ld-muted" x={p.x} y={p.tagY}>
            {p.tag}
          </tspan>
        )}
      </text>
    </>
  );
});

export interface LadderDrawingProps {
  layout: LadderLayout;
  /** The SVG's accessible name. */
  title: string;
  /** Each arrow's accessible name (default: its whole label). */
  describe?: (arrow: LadderArrow) => string;
  selectedId?: number | null;
  onSelect?: (id: number) => void;
  /**
   * A window of a very long trace draws its last `slots` arrows: keyed by slot (../slotKeys.ts), a jump
   * elsewhere reuses their elements instead of replacing them all.
   */
  slots?: number;
  /** What a lesson step asks the student to watch: segments (by id) and rows (by time). */
  watched?: { segments: ReadonlySet<number>; rowTimes: ReadonlySet<number> } | null;
}

const noSelect = () => {};

/**
 * Memoized: a step re-renders the page's Ladder at once (with the old, deferred cursor) and the drawing only
 * when its layout, selection or language change; reconciling a window's hundreds of elements on each step
 * would slow the step itself.
 */
export const LadderDrawing = memo(function LadderDrawing({
  layout,
  title,
  describe,
  selectedId = null,
  onSelect,
  slots,
  watched = null,
}: LadderDrawingProps): JSX.Element {
  const { aX, bX, top, height } = layout;
  const keys = useMemo(() => {
    const ids = layout.arrows.map((a) => a.id);
    return slots === undefined ? ids : slotKeys(ids, slots);
  }, [layout.arrows, slots]);
  const select = onSelect ?? noSelect;
  // A click on a label selects its segment, like a click on its arrow (the arrow is the keyboard's way).
  const onLabelClick = (e: MouseEvent) => {
    const id = (e.target as Element).closest?.('[data-label-for]')?.getAttribute('data-label-for');
    if (id) select(Number(id));
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a <fieldset>; it is a named group of segment buttons
    // biome-ignore lint/a11y/useKeyWithClickEvents: each segment's button has Enter and Space
    <svg
      xmlns="http://www.w3.org/2000/svg"
      className="ladder-svg"
      data-testid="ladder-svg"
      role="group"
      onClick={onLabelClick}
      aria-label={title}
      viewBox={`0 ${top} ${layout.width} ${height}`}
      width="100%"
      preserveAspectRatio="xMidYMin meet"
    >
      <style>{svgStyle(layout)}</style>
      {layout.heading.lines.map((line, i) => (
        <text
          key={line}
          className="ld-heading"
          x={layout.heading.x}
          y={layout.heading.y + i * layout.heading.lineHeight}
        >
          {line}
        </text>
      ))}
      <text className="ld-mono ld-muted" x={layout.timeX} y={layout.headerY}>
        {layout.timeUnit}
      </text>
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
        <g key={row.y} data-watched={watched?.rowTimes.has(row.t) ? 'true' : undefined}>
          <line
            className={watched?.rowTimes.has(row.t) ? 'ld-row is-watched' : 'ld-row'}
            x1={aX}
            x2={bX}
            y1={row.y}
            y2={row.y}
            strokeWidth={0.5}
            strokeDasharray="1 4"
          />
          <text className="ld-mono ld-time ld-muted" x={layout.timeX} y={row.y + 0.35 * layout.fontSize}>
            {row.text}
          </text>
        </g>
      ))}
      {layout.gaps.map((gap) => (
        <text key={gap.y} className="ld-gap ld-muted" x={layout.midX} y={gap.textY} textAnchor="middle">
          {gap.text}
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
          {label.text}
        </text>
      ))}
      {layout.arrows.map((a, k) => (
        <Arrow
          key={keys[k]}
          id={a.id}
          from={a.from}
          to={a.to}
          x1={a.x1}
          y1={a.y1}
          x2={a.x2}
          y2={a.y2}
          status={a.status}
          cross={a.cross}
          retransmission={a.retransmission}
          injected={a.injected}
          selected={a.id === selectedId}
          watched={watched?.segments.has(a.id) === true}
          ariaLabel={describe ? describe(a) : a.full}
          onSelect={select}
        />
      ))}
      {/* The labels repeat what each segment's button already says. */}
      {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG <g> without tabindex is not focusable */}
      <g className="ladder-labels" aria-hidden="true">
        {layout.arrows.map((a, k) => {
          const tagBox = a.tagBox;
          const chipX = Math.min(a.labelBox.x, tagBox?.x ?? a.labelBox.x);
          return (
            <Label
              key={keys[k]}
              id={a.id}
              from={a.from}
              text={a.lines.join('\n')}
              x={a.labelX}
              y={a.labelY}
              lineHeight={a.lineHeight}
              tag={a.tag}
              tagY={a.tagY}
              chipX={a.labelBox.x}
              chipY={a.labelBox.y}
              chipWidth={a.labelBox.width}
              chipHeight={a.labelBox.height + (tagBox?.height ?? 0)}
              tagChipX={tagBox?.x ?? chipX}
              tagChipWidth={tagBox?.width ?? 0}
              selected={a.id === selectedId}
            />
          );
        })}
      </g>
    </svg>
  );
});
