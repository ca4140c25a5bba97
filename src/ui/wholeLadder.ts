/**
 * The whole run's ladder (every event, not only up to the cursor) as a still SVG element under a title
 * line, drawn off the page by the same component as the page. The export menu loads it with the drawing's
 * chunk and serializes the result (exportLadder.ts).
 */
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { Trace } from '../tcp/types';
import { LadderDrawing } from './components/LadderDrawing';
import { type LadderText, layoutLadder } from './ladderLayout';

export interface WholeLadder {
  trace: Trace;
  text: LadderText;
  /** The diagram's text size, as on the page. */
  fontSize: number;
  /** At least the page's width; wide enough for one-line labels at that size. */
  width: number;
  /** The title line drawn above the diagram (scenario and profile), also the file's <title>. */
  heading: string;
}

/** An export is at least this many font sizes wide, so labels fit on one line. */
const EXPORT_MIN_WIDTH_EM = 50;

/** Every event of the run as a still SVG (no buttons, no tab stops), drawn off the page. */
export function drawWholeLadder(w: WholeLadder): SVGSVGElement {
  const layout = layoutLadder(w.trace, w.trace.events.length - 1, {
    width: Math.round(Math.max(w.width, EXPORT_MIN_WIDTH_EM * w.fontSize)),
    fontSize: w.fontSize,
    text: w.text,
    heading: w.heading,
    maxRows: Number.POSITIVE_INFINITY,
    maxArrows: Number.POSITIVE_INFINITY,
  });
  const host = document.createElement('div');
  const root = createRoot(host);
  flushSync(() => root.render(createElement(LadderDrawing, { layout, title: w.heading })));
  const svg = host.querySelector('svg')?.cloneNode(true) as SVGSVGElement | undefined;
  root.unmount();
  if (!svg) throw new Error('the sequence diagram could not be drawn');
  return svg;
}
