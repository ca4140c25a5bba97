/**
 * The statistics lab's histogram (SVG): one bar per setup time for the share of simulated runs that took it,
 * and a dot per setup time for the analytic expectation. Setup times are discrete (2 × latency plus a sum of
 * retransmission timeouts), so a bin is one time, not a range. A legend names both, in words as well as
 * shapes; the same numbers are in the lab's table.
 */
import { forwardRef, memo } from 'react';
import type { SetupRow } from '../../lessons/stats';

/**
 * Bars drawn at most: 40 bins stay at least 13 px wide in the 640-unit drawing (a phone shows it at 350 px,
 * so ~7 px). Rarer, longer times beyond are summed into one last bin ("longer"); the table lists them all.
 */
export const MAX_BARS = 40;
/** A time is drawn if a run took it or the model gives it at least this share (0.05 %: 5 runs in 10,000). */
const SHOWN_EXPECTED = 0.0005;

export interface ChartBin {
  label: string;
  fraction: number;
  expected: number;
}

/** The bins to draw: the visible times, and the rest summed into one "longer" bin. */
export function chartBins(
  rows: readonly SetupRow[],
  timeLabel: (ms: number) => string,
  longer: string,
): ChartBin[] {
  const visible = rows.filter((r) => r.runs > 0 || r.expected >= SHOWN_EXPECTED);
  const bins: ChartBin[] = visible
    .slice(0, MAX_BARS - 1)
    .map((r) => ({ label: timeLabel(r.ms), fraction: r.fraction, expected: r.expected }));
  const rest = visible.slice(MAX_BARS - 1);
  if (rest.length === 1) {
    const r = rest[0] as SetupRow;
    bins.push({ label: timeLabel(r.ms), fraction: r.fraction, expected: r.expected });
  } else if (rest.length > 1) {
    const first = rest[0] as SetupRow;
    bins.push({
      label: `≥ ${timeLabel(first.ms)} (${longer})`,
      fraction: rest.reduce((s, r) => s + r.fraction, 0),
      expected: rest.reduce((s, r) => s + r.expected, 0),
    });
  }
  return bins;
}

/** The drawing is as wide as its box (clamped), so its text stays at its font size on a phone and a projector. */
const MIN_W = 320;
const MAX_W = 960;
const BASE_H = 290;
const LEFT = 60;
const RIGHT = 12;
const BASE_TOP = 40;
const BOTTOM = 62;
/** Labels on the time axis closer than this (px) would overlap once rotated: then every other one, etc. */
const LABEL_SPACING = 13;

/**
 * The title in one line, or two when it would not fit (split after its colon): 12-unit text is about 7 units
 * a Latin letter and 12 a Chinese character.
 */
function titleLines(title: string, width: number): string[] {
  let estimate = 0;
  for (const ch of title) estimate += /[\u2E80-\uFFEF]/.test(ch) ? 12 : 6.8;
  if (estimate <= width - 16) return [title];
  const cut = Math.max(title.indexOf('：') + 1, title.indexOf(': ') + 1);
  if (cut <= 0) return [title];
  return [title.slice(0, cut).trim(), title.slice(cut).trim()];
}

/** A round top for the share axis: the next of 5 %, 10 %, 20 % … 100 % above the tallest bar or dot. */
function axisTop(max: number): number {
  for (const top of [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1]) if (max <= top) return top;
  return 1;
}

export interface StatsChartProps {
  bins: ChartBin[];
  title: string;
  legendSimulated: string;
  legendExpected: string;
  axisTime: string;
  axisShare: string;
  /** Whether there are simulated runs to draw (before a run, only the expectation's dots). */
  simulated: boolean;
  percent: (fraction: number) => string;
  /** The width of the box it is drawn in (px). */
  width: number;
}

export const StatsChart = memo(
  forwardRef<SVGSVGElement, StatsChartProps>(function StatsChart(props, ref) {
    const { bins, simulated, percent } = props;
    const top = axisTop(Math.max(0.01, ...bins.map((b) => Math.max(b.fraction, b.expected))));
    const W = Math.round(Math.min(MAX_W, Math.max(MIN_W, props.width)));
    const extra = (titleLines(props.title, W).length - 1) * 15;
    const H = BASE_H + extra;
    const TOP = BASE_TOP + extra;
    const plotW = W - LEFT - RIGHT;
    const plotH = H - TOP - BOTTOM;
    const slot = plotW / Math.max(1, bins.length);
    const labelEvery = Math.ceil(LABEL_SPACING / slot);
    const y = (f: number) => TOP + plotH - (f / top) * plotH;
    const ticks = [0, top / 2, top];
    return (
      <svg
        ref={ref}
        className="stats-chart"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={props.title}
        data-testid="stats-chart"
      >
        {titleLines(props.title, W).map((line, i) => (
          <text key={line} x={8} y={14 + i * 15} fontSize={12} fill="var(--text, #16181d)">
            {line}
          </text>
        ))}
        {/* The legend, drawn too (it goes into the PNG); the page's own legend is the list under the chart. */}
        <g
          fontSize={11}
          fill="var(--muted, #555d6b)"
          transform={`translate(0 ${(titleLines(props.title, W).length - 1) * 15})`}
        >
          {simulated && (
            <>
              <rect x={LEFT} y={21} width={10} height={10} fill="var(--accent, #1f5fd1)" />
              <text x={LEFT + 14} y={30}>
                {props.legendSimulated}
              </text>
            </>
          )}
          <circle cx={LEFT + (simulated ? 200 : 5)} cy={26} r={4} fill="var(--b, #b4420e)" />
          <text x={LEFT + (simulated ? 209 : 14)} y={30}>
            {props.legendExpected}
          </text>
        </g>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={LEFT} x2={W - RIGHT} y1={y(t)} y2={y(t)} stroke="var(--border, #d5d9e0)" />
            <text x={LEFT - 4} y={y(t) + 4} fontSize={10} textAnchor="end" fill="var(--muted, #555d6b)">
              {percent(t)}
            </text>
          </g>
        ))}
        {bins.map((b, i) => {
          const x = LEFT + i * slot;
          const barW = Math.max(2, slot * 0.7);
          const cx = x + slot / 2;
          return (
            <g key={b.label}>
              {simulated && b.fraction > 0 && (
                <rect
                  x={cx - barW / 2}
                  y={y(b.fraction)}
                  width={barW}
                  height={Math.max(1, TOP + plotH - y(b.fraction))}
                  fill="var(--accent, #1f5fd1)"
                />
              )}
              {b.expected > 0 && (
                <circle
                  cx={cx}
                  cy={y(b.expected)}
                  r={Math.min(5, Math.max(2.5, slot / 4))}
                  fill="var(--b, #b4420e)"
                  stroke="var(--panel, #ffffff)"
                  strokeWidth={1}
                />
              )}
              {i % labelEvery === 0 && (
                <text
                  x={cx}
                  y={TOP + plotH + 10}
                  fontSize={bins.length > 24 ? 9 : 10}
                  textAnchor="end"
                  fill="var(--muted, #555d6b)"
                  transform={`rotate(-55 ${cx} ${TOP + plotH + 10})`}
                >
                  {b.label}
                </text>
              )}
            </g>
          );
        })}
        <line x1={LEFT} x2={W - RIGHT} y1={TOP + plotH} y2={TOP + plotH} stroke="var(--muted, #555d6b)" />
        <text x={W - RIGHT} y={H - 4} fontSize={11} textAnchor="end" fill="var(--muted, #555d6b)">
          {props.axisTime}
        </text>
        <text
          x={12}
          y={TOP + plotH / 2}
          fontSize={11}
          textAnchor="middle"
          fill="var(--muted, #555d6b)"
          transform={`rotate(-90 14 ${TOP + plotH / 2})`}
        >
          {props.axisShare}
        </text>
      </svg>
    );
  }),
);
