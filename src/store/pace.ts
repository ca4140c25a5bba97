/**
 * Reading pace: how long playback dwells on each event before it shows the next. Pure (no React, no store,
 * no clock), so the player, the budgets benchmark and the tests share one definition.
 *
 * At 1× an arrival (deliver/drop) or a state change stays long enough to read its narration, in
 * proportion to the sentence's length; sends, calls, timers and application events get a short dwell.
 * A little extra stands for simulated time passing (a 1 s retransmission timeout feels longer than two
 * events at the same instant). Other speeds divide every dwell by the speed.
 */
import type { TraceEvent } from '../tcp/types';

/**
 * Adults read English on screen at roughly 200–250 words a minute (Brysbaert 2019, "How many words do we
 * read per minute?", J. Memory and Language 109: 238 wpm for silent reading of non-fiction). We take
 * 220 wpm, slower than the mean because this is technical text full of numbers, read from a projector
 * while someone talks. At ~6 characters a word (≈4.7 letters plus a space or punctuation) that is
 * 1,320 characters a minute: 45 ms a character.
 */
export const MS_PER_CHAR = 45;
/** Before reading: the eyes move from the wire to the narration and find the sentence's start. */
export const READ_BASE_MS = 600;
/**
 * One Han character carries about as much as 2.8 Latin characters: measured on every event of every
 * preset, the English narration's length against the Chinese one's Latin part plus its Han characters,
 * the ratio's median is 2.85 (10th percentile 2.3, 90th 3.4); played at 1×, each preset then takes as long
 * in Chinese as in English to within 5 %. Weighting by script, not by the chosen
 * language, keeps the Latin names inside Chinese sentences (SYN, SND.UNA=201) at their English cost.
 */
export const HAN_WEIGHT = 2.8;
/** A sentence this long is not read word by word any more; cap the wait. */
export const READ_CAP_MS = 20_000;
/** Sends, calls, timers, application events: the wire or the next event explains them. */
export const BRIEF_MS = 700;
/** Simulated time passing: GAP_MS · log10(1 + gap / 100 ms), at most GAP_CAP_MS. */
export const GAP_MS = 650;
export const GAP_CAP_MS = 1300;
/** A segment in flight stays on the wire (clickable, to drop it) at least this long at 1×. */
export const CLICKABLE_MS = 2000;
/**
 * The shortest step: below it (fast speeds) several events go by in one step instead. 25 steps a second is
 * smooth enough for a fast-forward and leaves each step time to render the whole page (ladder included).
 */
export const MIN_STEP_MS = 40;

const HAN = /\p{Script=Han}/u;

/** A sentence's length in Latin-character equivalents (a Han character counts HAN_WEIGHT). */
export function readingLength(text: string): number {
  let units = 0;
  for (const ch of text) units += HAN.test(ch) ? HAN_WEIGHT : 1;
  return units;
}

/** Events whose narration the reader is given time to read: arrivals, losses and state changes. */
export function isReadingEvent(e: TraceEvent | undefined): boolean {
  return e?.type === 'deliver' || e?.type === 'drop' || e?.type === 'state';
}

/** An event that ends a segment's flight (the "pause at every segment" toggle stops here). */
export function isArrival(e: TraceEvent | undefined): boolean {
  return e?.type === 'deliver' || e?.type === 'drop';
}

/** Time to read a narration sentence at 1×. */
export function readingMs(text: string): number {
  return Math.min(READ_CAP_MS, READ_BASE_MS + readingLength(text) * MS_PER_CHAR);
}

/** The extra dwell at 1× for `gapMs` of simulated time before the next event. */
export function gapDwellMs(gapMs: number): number {
  if (!(gapMs > 0)) return 0;
  return Math.min(GAP_CAP_MS, GAP_MS * Math.log10(1 + gapMs / 100));
}

/** Narration of the event at an index, in the language shown (only asked for reading events). */
export type NarrationOf = (index: number) => string;

/**
 * How long the event at `index` (-1: before the first event) stays under the cursor before the next one,
 * ignoring the clickable rule: reading or brief dwell plus simulated time, divided by the speed.
 */
export function dwellMs(
  events: readonly TraceEvent[],
  index: number,
  narrationOf: NarrationOf,
  speed: number,
): number {
  const e = events[index];
  const now = e?.t ?? 0;
  const next = events[index + 1];
  const gap = next ? next.t - now : 0;
  const base = isReadingEvent(e) ? readingMs(narrationOf(index)) : BRIEF_MS;
  return (base + gapDwellMs(gap)) / speed;
}

/** Index of segment `id`'s send event, searching back from `from` (it was sent recently). */
function sendIndexOf(events: readonly TraceEvent[], id: number, from: number): number {
  for (let k = from; k >= 0; k--) {
    const e = events[k] as TraceEvent;
    if (e.type === 'send' && e.id === id) return k;
  }
  return -1;
}

/**
 * The dwell at `index`, stretched when the next event ends a segment's flight so that the segment has
 * been on the wire CLICKABLE_MS / speed in all: its time on screen is the dwell of every event from its
 * send up to this one (the unstretched dwells of the earlier ones, a lower bound of what they took).
 */
export function paceAt(
  events: readonly TraceEvent[],
  index: number,
  narrationOf: NarrationOf,
  speed: number,
): number {
  const own = dwellMs(events, index, narrationOf, speed);
  const next = events[index + 1];
  if (!next || (next.type !== 'deliver' && next.type !== 'drop')) return own;
  const need = CLICKABLE_MS / speed;
  const sentAt = sendIndexOf(events, next.id, index);
  if (sentAt < 0) return own;
  let onScreen = own;
  for (let k = index - 1; k >= sentAt && onScreen < need; k--)
    onScreen += dwellMs(events, k, narrationOf, speed);
  return onScreen < need ? own + (need - onScreen) : own;
}

export interface PlaybackStep {
  /** The event to show next. */
  to: number;
  /** How long to wait before showing it, in whole milliseconds (rounded up, as setTimeout truncates). */
  waitMs: number;
}

/**
 * The next playback step from `cursor`: normally the next event after its dwell. When dwells are shorter
 * than MIN_STEP_MS (fast speeds), several events go by in one step (their dwells added up), but never past an
 * arrival when `pauseAtSegments` asks to stop there. Null at the last event.
 */
export function nextStep(
  events: readonly TraceEvent[],
  cursor: number,
  narrationOf: NarrationOf,
  speed: number,
  pauseAtSegments: boolean,
): PlaybackStep | null {
  const last = events.length - 1;
  if (cursor >= last) return null;
  let waitMs = paceAt(events, cursor, narrationOf, speed);
  let to = cursor + 1;
  while (waitMs < MIN_STEP_MS && to < last && !(pauseAtSegments && isArrival(events[to]))) {
    waitMs += paceAt(events, to, narrationOf, speed);
    to++;
  }
  return { to, waitMs: Math.ceil(waitMs) };
}
