/**
 * Anchors to event indexes. A lesson names events by what they are ("B's second SYN,ACK"), never by index,
 * so a lesson survives changes to the engine that add or remove events around the one it means.
 */
import type { SendEvent, Trace, TraceEvent } from '../tcp/types';
import type { Anchor, AnchorMatch, LessonStep } from './types';

const sendsById = new WeakMap<Trace, Map<number, SendEvent>>();

/** The send event of every segment id, memoized per trace (deliver and drop events name only the id). */
export function sendOf(trace: Trace, id: number): SendEvent | undefined {
  let map = sendsById.get(trace);
  if (!map) {
    map = new Map();
    for (const e of trace.events) if (e.type === 'send') map.set(e.id, e);
    sendsById.set(trace, map);
  }
  return map.get(id);
}

/** "SYN, ack" → ["ACK", "SYN"]: a flag list as a sorted set of upper-case names, for comparing sets. */
export function flagSet(flags: string | readonly string[]): string[] {
  const list = typeof flags === 'string' ? flags.split(',') : flags;
  return [...new Set(list.map((f) => f.trim().toUpperCase()).filter((f) => f !== ''))].sort();
}

/** Whether two flag lists are the same set (order and case do not matter). */
export function sameFlags(a: string | readonly string[], b: string | readonly string[]): boolean {
  const x = flagSet(a);
  const y = flagSet(b);
  return x.length === y.length && x.every((f, i) => f === y[i]);
}

/** Whether the event is what the anchor describes (nth and offset aside). */
export function matches(trace: Trace, e: TraceEvent, m: AnchorMatch): boolean {
  if (e.type !== m.type) return false;
  let endpoint: string | undefined;
  let segment: SendEvent | undefined;
  let state: string | undefined;
  switch (e.type) {
    case 'send':
      endpoint = e.from;
      segment = e;
      break;
    case 'deliver':
      endpoint = e.to;
      segment = sendOf(trace, e.id);
      state = e.state;
      break;
    case 'drop':
      segment = sendOf(trace, e.id);
      endpoint = segment?.from;
      break;
    case 'state':
      endpoint = e.endpoint;
      state = e.to;
      break;
    case 'timer':
      if (m.timer !== undefined && e.timer !== m.timer) return false;
      endpoint = e.endpoint;
      break;
    case 'call':
      if (m.call !== undefined && e.call !== m.call) return false;
      endpoint = e.endpoint;
      break;
    case 'app':
    case 'crash':
      endpoint = e.endpoint;
      break;
  }
  if (m.endpoint !== undefined && endpoint !== m.endpoint) return false;
  if (m.state !== undefined && state !== m.state) return false;
  if (m.flags !== undefined && !(segment && sameFlags(segment.segment.flags, m.flags))) return false;
  return true;
}

/**
 * The event index an anchor names: "start" is -1 (before anything happened), "end" the last event; a match
 * is the nth event (default 1) that fits, counted from the start of the trace or after index `after`, moved
 * by `offset` events and kept within -1 ("start") and the last event. No such event: null.
 */
export function resolveAnchor(trace: Trace, anchor: Anchor, after?: number): number | null {
  const events = trace.events;
  const last = events.length - 1;
  if (anchor === 'start') return -1;
  if (anchor === 'end') return last;
  const nth = anchor.nth ?? 1;
  let seen = 0;
  for (let i = Math.max(0, (after ?? -1) + 1); i < events.length; i++) {
    if (!matches(trace, events[i] as TraceEvent, anchor)) continue;
    if (++seen < nth) continue;
    return Math.min(last, Math.max(-1, i + (anchor.offset ?? 0)));
  }
  return null;
}

/**
 * The events a step plays: it opens at `from` (default "start", the cursor at -1) and plays up to `to`
 * (default "end"), where its checkpoint is asked. An anchor that names no event of this run falls back to
 * its default (see `unresolvedAnchors` to report it); `to` is never before `from`.
 */
export function stepRange(trace: Trace, step: Pick<LessonStep, 'from' | 'to'>): { from: number; to: number } {
  const from = resolveAnchor(trace, step.from ?? 'start') ?? -1;
  const to = resolveAnchor(trace, step.to ?? 'end') ?? trace.events.length - 1;
  return { from, to: Math.max(from, to) };
}

/**
 * The JSON paths of a step's anchors that name no event of this run, e.g. ["$.steps[3].to",
 * "$.steps[3].watch[1].segment"]: what the page reports for an imported lesson (the schema cannot know,
 * since it depends on the run).
 */
export function unresolvedAnchors(trace: Trace, step: LessonStep, stepIndex: number): string[] {
  const at = `$.steps[${stepIndex}]`;
  const problems: string[] = [];
  const check = (anchor: Anchor | undefined, path: string) => {
    if (anchor !== undefined && resolveAnchor(trace, anchor) === null) problems.push(path);
  };
  check(step.from, `${at}.from`);
  check(step.to, `${at}.to`);
  step.watch?.forEach((w, i) => {
    if ('segment' in w) check(w.segment, `${at}.watch[${i}].segment`);
    if ('row' in w) check(w.row, `${at}.watch[${i}].row`);
  });
  const figure = step.checkpoint && 'figure' in step.checkpoint ? step.checkpoint.figure : undefined;
  if (figure?.figure === 'event-time') check(figure.anchor, `${at}.checkpoint.figure.anchor`);
  if (figure?.figure === 'gap-ms') {
    check(figure.from, `${at}.checkpoint.figure.from`);
    check(figure.to, `${at}.checkpoint.figure.to`);
  }
  return problems;
}
