/**
 * Answers computed from the trace, never typed into a lesson file, and the grading of a prediction. The
 * lesson names what to ask about (the next segment after the cursor, a state, a timing figure); the engine's
 * own run says what the answer is, so any scenario, even one a student just edited, becomes an exercise.
 */
import { relativeBase, timing } from '../store/selectors';
import type { Timeline } from '../tcp/timeline';
import { type AppError, type EndpointName, type SendEvent, STATES, type TraceEvent } from '../tcp/types';
import { resolveAnchor, sameFlags } from './resolve';
import type {
  Answer,
  Checkpoint,
  Figure,
  Hint,
  NumberUnit,
  SegmentAnswer,
  SegmentGrade,
  SegmentPrediction,
} from './types';

/** The errors that end a connection, as the application sees them, and "none" (the default choices). */
export const APP_ERROR_CHOICES: readonly string[] = ['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'none'];

/** The default choices of a `final-state` question: the eleven states of RFC 9293 §3.3.2. */
export const STATE_CHOICES: readonly string[] = STATES;

/** The next send after the cursor (by `endpoint` if given), as an answer. */
export function nextSegment(
  timeline: Timeline,
  cursor: number,
  endpoint?: EndpointName,
): SegmentAnswer | null {
  const events = timeline.trace.events;
  for (let i = Math.max(0, cursor + 1); i < events.length; i++) {
    const e = events[i] as TraceEvent;
    if (e.type !== 'send' || (endpoint !== undefined && e.from !== endpoint)) continue;
    return segmentAnswer(e, i);
  }
  return null;
}

function segmentAnswer(e: SendEvent, index: number): SegmentAnswer {
  const { seq, ack, len, flags } = e.segment;
  return { index, id: e.id, from: e.from, flags: [...flags], seq, ack, len, explain: e.explain, rfc: e.rfc };
}

/**
 * The answer of a checkpoint asked with the cursor at `cursor` (the step's `to` event): the next segment or
 * state is the first one after it. Null when there is none (the run ends first) or the figure does not
 * exist in this run (no handshake to time): the page reports the checkpoint, it does not invent an answer.
 */
export function answerFor(timeline: Timeline, checkpoint: Checkpoint, cursor: number): Answer | null {
  switch (checkpoint.kind) {
    case 'next-segment': {
      const segment = nextSegment(timeline, cursor, checkpoint.endpoint);
      return segment ? { kind: 'next-segment', segment } : null;
    }
    case 'next-state': {
      const events = timeline.trace.events;
      for (let i = Math.max(0, cursor + 1); i < events.length; i++) {
        const e = events[i] as TraceEvent;
        if (e.type !== 'state' || e.endpoint !== checkpoint.endpoint) continue;
        return {
          kind: 'next-state',
          endpoint: e.endpoint,
          state: e.to,
          index: i,
          explain: e.explain,
          rfc: e.rfc,
        };
      }
      return null;
    }
    case 'number': {
      const value = figureValue(timeline, checkpoint.figure);
      if (typeof value !== 'number') return null;
      const unit = checkpoint.unit ?? defaultUnit(checkpoint.figure);
      // Figures are in ms; a question in seconds asks for the same time in s.
      return { kind: 'number', value: unit === 's' ? value / 1000 : value, unit };
    }
    case 'choice': {
      const value = figureValue(timeline, checkpoint.figure);
      if (value === null) return null;
      const shown = String(value);
      return {
        kind: 'choice',
        value: shown,
        choices: checkpoint.choices ?? defaultChoices(checkpoint.figure, shown),
      };
    }
  }
}

/** The unit a figure is computed in: counts for send-count, ms for times, none for the named answers. */
export function defaultUnit(figure: Figure): NumberUnit {
  return figure.figure === 'send-count' ? 'count' : 'ms';
}

/**
 * The choices offered when the lesson gives none: the four application outcomes or the eleven states,
 * always with the answer among them (an error such as ENOTCONN is added at the end); a numeric figure has
 * no default list but its own value.
 */
export function defaultChoices(figure: Figure, answer: string): string[] {
  const base =
    figure.figure === 'app-error' ? APP_ERROR_CHOICES : figure.figure === 'final-state' ? STATE_CHOICES : [];
  return base.includes(answer) ? [...base] : [...base, answer];
}

/**
 * A figure of the run, from its trace (never typed): a number of ms or a count, or a name (an error, a
 * state); null when the run has no such figure (a handshake that never completes, an anchor with no match).
 */
export function figureValue(timeline: Timeline, figure: Figure): number | string | null {
  const trace = timeline.trace;
  const events = trace.events;
  const timeOf = (index: number | null): number | null =>
    index === null ? null : index < 0 ? 0 : ((events[index] as TraceEvent).t ?? null);
  switch (figure.figure) {
    case 'handshake-ms':
      return timing(trace, events.length - 1).handshakeMs;
    case 'teardown-ms':
      return timing(trace, events.length - 1).teardownMs;
    case 'send-count': {
      let count = 0;
      for (const e of events) {
        if (e.type !== 'send') continue;
        if (figure.endpoint !== undefined && e.from !== figure.endpoint) continue;
        if (figure.flags !== undefined && !sameFlags(e.segment.flags, figure.flags)) continue;
        count++;
      }
      return count;
    }
    case 'state-duration': {
      // The first visit: from entering the state (or t = 0 if the endpoint starts in it) to leaving it.
      let since: number | null = timeline.initial[figure.endpoint].state === figure.state ? 0 : null;
      for (const e of events) {
        if (e.type !== 'state' || e.endpoint !== figure.endpoint) continue;
        if (since === null && e.to === figure.state) since = e.t;
        else if (since !== null && e.from === figure.state) return e.t - since;
      }
      return null; // never entered, or still there when the run ends: no duration to ask about
    }
    case 'event-time':
      return timeOf(resolveAnchor(trace, figure.anchor));
    case 'gap-ms': {
      const from = timeOf(resolveAnchor(trace, figure.from));
      const to = timeOf(resolveAnchor(trace, figure.to));
      return from === null || to === null ? null : to - from;
    }
    case 'app-error':
      return appError(trace.final[figure.endpoint].error);
    case 'final-state':
      return trace.final[figure.endpoint].state;
  }
}

function appError(error: AppError | undefined): string {
  return error ?? 'none';
}

const U32 = 0x1_0000_0000;

/** n mod 2^32, for typed numbers of any sign (a relative number may be typed as -1). */
function u32(n: number): number {
  return ((n % U32) + U32) % U32;
}

/**
 * Grade a predicted segment. Flags are a set (order and case do not matter). With `base` (the Relative seq
 * toggle on: see `relativeBaseOf`), the student types relative numbers, graded as (typed + base) mod 2^32;
 * without it, absolute ones. The ack of a segment without ACK carries no meaning (RFC 9293 §3.1: the field
 * is significant only when ACK is set), so any value or a blank is right. A blank seq or len is wrong.
 */
/** The flags a student sets in the checkpoint form (its pinned toggles). */
export const GRADED_FLAGS = ['SYN', 'ACK', 'FIN', 'RST'] as const;

export function gradeSegment(
  p: SegmentPrediction,
  a: Pick<SegmentAnswer, 'flags' | 'seq' | 'ack' | 'len'>,
  base: { seq: number; ack: number } | null,
): SegmentGrade {
  const typed = (n: number | null, offset: number, want: number) =>
    n !== null && Number.isSafeInteger(n) && u32(n + offset) === want;
  // Graded on the flags the form offers: PSH (which the engine sets on every data segment) and URG have no
  // toggle, so a data segment's ACK,PSH is answered by ACK alone.
  const graded = (flags: readonly string[]) =>
    flags.filter((f) => (GRADED_FLAGS as readonly string[]).includes(f.trim().toUpperCase()));
  const flags = sameFlags(graded(p.flags), graded(a.flags));
  const seq = typed(p.seq, base?.seq ?? 0, a.seq);
  const ack = !a.flags.includes('ACK') || typed(p.ack, base?.ack ?? 0, a.ack);
  const len = p.len !== null && p.len === a.len;
  return { flags, seq, ack, len, correct: flags && seq && ack && len };
}

/**
 * How close a typed number must be to count as right: the page shows times to the millisecond, and a
 * student types whole milliseconds (or seconds to three decimals), so a time with jitter such as
 * 150.37 ms is right as 150; a count is exact.
 */
export const NUMBER_TOLERANCE: Record<NumberUnit, number> = { ms: 0.5, s: 0.0005, count: 0 };

/** Grade a typed number against a number answer (a blank or non-finite entry is wrong). */
export function gradeNumber(typed: number | null, answer: { value: number; unit: NumberUnit }): boolean {
  if (typed === null || !Number.isFinite(typed)) return false;
  // A hair of slack for the float arithmetic of a figure (0.1 + 0.2), never enough to pass a wrong answer.
  return Math.abs(typed - answer.value) <= NUMBER_TOLERANCE[answer.unit] + 1e-9;
}

/** Grade a picked choice (exact: the choices are the engine's own names). */
export function gradeChoice(picked: string | null, answer: { value: string }): boolean {
  return picked === answer.value;
}

/**
 * The relative base of an answer's segment (the sender's ISS and IRS when it sent), as the page's Relative
 * seq toggle uses it (src/store/selectors.ts `relativeBase`), or null where it stays absolute (an injected
 * segment, a RST from CLOSED): pass it to gradeSegment when the toggle is on.
 */
export function relativeBaseOf(timeline: Timeline, a: SegmentAnswer): { seq: number; ack: number } | null {
  const e = timeline.trace.events[a.index];
  return e?.type === 'send' ? relativeBase(timeline, e, a.index) : null;
}

/** The answer shown as the student would type it: relative to `base` when given, else absolute. */
export function shownNumbers(
  a: SegmentAnswer,
  base: { seq: number; ack: number } | null,
): { seq: number; ack: number } {
  return base ? { seq: u32(a.seq - base.seq), ack: u32(a.ack - base.ack) } : { seq: a.seq, ack: a.ack };
}

/**
 * The rule to apply, for the hint on a first miss: the explanation key of the event that is the answer
 * (the page shows cat.explain[key] and its RFC section, without the numbers). Figures have none.
 */
export function hintFor(answer: Answer): Hint | null {
  if (answer.kind === 'next-segment') return { explain: answer.segment.explain, rfc: answer.segment.rfc };
  if (answer.kind === 'next-state') return { explain: answer.explain, rfc: answer.rfc };
  return null;
}
