/**
 * The ladder (sequence) diagram on the page: A's and B's lifelines, one arrow per segment, growing with the
 * playback cursor. It measures its room and its font size (`--diagram-font`, 12 px unless presenter mode
 * or a theme sets it), asks `layoutLadder` for the geometry, and `LadderDrawing` draws it 1:1.
 */
import {
  type JSX,
  useCallback,
  useDeferredValue,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useApp } from '../../store';
import { ladderText } from '../format';
import { useMessages } from '../i18n';
import { type LadderArrow, type LadderText, layoutLadder } from '../ladderLayout';
import { ladderWindow } from '../ladderWindow';
import { LadderDrawing } from './LadderDrawing';
import './ladder.css';

/** Arrows drawn at most in a window of a very long trace (../ladderWindow.ts). */
const DENSE_ARROWS = 150;

/** Below this width the drawing stops getting narrower and scales down instead. */
const MIN_WIDTH = 300;
/** The layout's font size and width when the page cannot tell (no CSS, no layout, as in jsdom). */
const FALLBACK_FONT = 12;
const FALLBACK_WIDTH = 560;

/** The computed font size of an element styled with `font-size: var(--diagram-font, 12px)`. */
function fontSizeOf(el: Element): number {
  const px = Number.parseFloat(getComputedStyle(el).fontSize);
  return Number.isFinite(px) && px > 0 ? px : FALLBACK_FONT;
}

export function Ladder(): JSX.Element {
  const trace = useApp((s) => s.timeline.trace);
  const timeline = useApp((s) => s.timeline);
  const relative = useApp((s) => s.relativeSeq);
  // The diagram follows the cursor at React's lower priority: a step or a scrub first shows the event
  // (cards, narration, slider) and the diagram catches up in the next render, which a newer scrub position
  // may interrupt. A long trace's window is the most DOM any one step redraws.
  const cursor = useDeferredValue(useApp((s) => s.cursor));
  const selectedId = useApp((s) => s.selectedId);
  const watched = useApp((s) =>
    s.lessonRun && s.lessonRun.timeline === s.timeline ? s.lessonRun.highlights : null,
  );
  const select = useApp((s) => s.select);
  const { t } = useMessages();
  const titleId = useId();
  const hintId = useId();

  const scrollRef = useRef<HTMLDivElement>(null);
  const probeRef = useRef<HTMLSpanElement>(null);
  // Unknown until measured (before the first paint): laying out at a guessed width would be work thrown away.
  const [width, setWidth] = useState<number | null>(null);
  const [fontSize, setFontSize] = useState(FALLBACK_FONT);

  // Follow the container's width, and the font size: the probe's box changes when --diagram-font does.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const probe = probeRef.current;
    if (!el || !probe) return;
    const measure = () => {
      // Rounded down, so the drawing is never scaled below 1: text is drawn at least at the diagram font.
      // (clientWidth is rounded to whole pixels and may be half a pixel wider than the box; a scrollbar's
      // gutter is not part of the drawing's room.)
      const gutterAndBorder = el.offsetWidth - el.clientWidth;
      const w = Math.floor(el.getBoundingClientRect().width - gutterAndBorder);
      setWidth(w > 0 ? Math.max(MIN_WIDTH, w) : (current) => current ?? FALLBACK_WIDTH);
      setFontSize(Math.round(fontSizeOf(probe) * 100) / 100);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    observer.observe(probe);
    return () => observer.disconnect();
  }, []);

  // A very long trace is laid out a window of events at a time (./ladderWindow.ts).
  const view = ladderWindow(trace, cursor);
  const text = useMemo(() => {
    const whole = ladderText(t, timeline, relative);
    const offset = view.offset;
    return offset === 0
      ? whole
      : { ...whole, segment: ((send, i) => whole.segment(send, i + offset)) as LadderText['segment'] };
  }, [t, timeline, relative, view.offset]);
  const windowed = view.trace !== trace;
  const laidOut = useMemo(
    () =>
      width === null
        ? null
        : layoutLadder(view.trace, cursor - view.offset, { width, fontSize, text, dense: windowed }),
    [view, cursor, width, fontSize, text, windowed],
  );
  // A window of a very long trace (thousands of one-byte segments at one instant) draws its last arrows
  // only: redrawing hundreds of them at each scrub would hold the page for tens of milliseconds.
  const layout = useMemo(
    () =>
      laidOut && windowed && laidOut.arrows.length > DENSE_ARROWS
        ? { ...laidOut, arrows: laidOut.arrows.slice(-DENSE_ARROWS) }
        : laidOut,
    [laidOut, windowed],
  );

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

  // The accessible name starts with the text that is drawn (WCAG 2.5.3 label in name), then adds what the
  // drawing shows by shape: direction, the whole header when the label shows less, the status.
  const describe = useCallback(
    (a: LadderArrow) => {
      const shown = a.lines.join(' ');
      const status =
        a.status === 'lost' ? t('lostMark') : a.status === 'in-flight' ? t('statusInFlight') : '';
      return [
        `${shown}${a.tag ? ` ${a.tag}` : ''}`,
        `#${a.id} ${a.from} → ${a.to}`,
        shown === a.full ? '' : a.full,
        status,
      ]
        .filter(Boolean)
        .join(', ');
    },
    [t],
  );

  return (
    // data-cursor: the event the drawing shows (it follows the store's cursor a render later).
    <figure
      className="ladder"
      aria-labelledby={titleId}
      aria-describedby={hintId}
      data-cursor={layout ? cursor : undefined}
    >
      <figcaption>
        <span className="ladder-title" id={titleId}>
          {t('ladder')}
        </span>
        <span className="ladder-hint" id={hintId}>
          {t('ladderHint')}
        </span>
      </figcaption>
      <div className="ladder-scroll" ref={scrollRef}>
        <span className="ladder-font-probe" ref={probeRef} aria-hidden="true">
          0
        </span>
        {layout && layout.hiddenRows > 0 && (
          <p className="ladder-earlier">⋯ {t('ladderEarlier', { n: layout.hiddenRows })} ↑</p>
        )}
        {layout && (
          <LadderDrawing
            layout={layout}
            title={t('ladder')}
            describe={describe}
            selectedId={selectedId}
            onSelect={select}
            slots={windowed ? DENSE_ARROWS : undefined}
            watched={watched}
          />
        )}
      </div>
    </figure>
  );
}
