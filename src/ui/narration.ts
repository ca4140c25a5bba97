/**
 * One narration paragraph for the event under the cursor, composed from the catalogs: what happened,
 * the engine's explanation, what the endpoint answered and which TCB variables changed, and the RFC
 * section. Pure: no React, no store.
 */
import { citation } from '../i18n/citation';
import { bursts, isCause, segmentById, TCB_FIELD_NAMES, type TcbField, tcbValue } from '../store/selectors';
import type { Timeline } from '../tcp';
import type { EndpointSnapshot, SendEvent, Trace, TraceEvent } from '../tcp/types';
import { relativeBase, type SegmentLabeler } from './format';
import type { Messages } from './i18n';

/** The variables a narration reports when they change, in the order it names them. */
const TRACKED: readonly TcbField[] = ['iss', 'irs', 'sndUna', 'sndNxt', 'rcvNxt', 'sndWnd'];

export interface TcbChange {
  label: string;
  before: string;
  after: string;
}

/**
 * The state and the TCB variables that changed from `before` to `after`. A variable that does not exist
 * afterwards (the TCB was deleted, or never had it) is not a change worth telling: "ISS=0" about a deleted
 * TCB would be false. One that did not exist before shows "—" as its old value.
 */
export function tcbChanges(before: EndpointSnapshot, after: EndpointSnapshot): TcbChange[] {
  const out: TcbChange[] = [];
  if (before.state !== after.state) out.push({ label: 'state', before: before.state, after: after.state });
  for (const key of TRACKED) {
    const label = TCB_FIELD_NAMES[key];
    const now = tcbValue(after, key);
    if (now === null) continue;
    const then = tcbValue(before, key);
    if (then !== now) out.push({ label, before: then === null ? '—' : String(then), after: String(now) });
  }
  return out;
}

/** The first event of the burst the event at `index` belongs to: its cause (a call, an arrival, a timer…). */
export function burstStart(events: readonly TraceEvent[], index: number): number {
  if (!events[index]) return index;
  return bursts(events).start[index] as number;
}

/** The end of the burst of events caused by the event at `index` (same time, up to the next cause). */
export function burstEnd(events: readonly TraceEvent[], index: number): number {
  if (!events[index]) return index;
  return bursts(events).end[index] as number;
}

/** The send event of segment `id`, and its index (the trace's index of lives by id: a lookup, not a scan). */
export function findSend(trace: Trace, id: number): { send: SendEvent; index: number } | undefined {
  const life = segmentById(trace, id);
  return life ? { send: life.send, index: life.sendIndex } : undefined;
}

/** Replies a narration names one by one; more are counted ("… and 65,529 more"). */
export const NAMED_REPLIES = 6;

/**
 * Why a SYN or SYN,ACK carries the numbers it does: a SYN occupies one sequence number (RFC 9293 §3.4),
 * so the ACK that answers a SYN at x is x+1. Numbers are shown as the segment's label shows them.
 */
function synSequenceSentence(
  timeline: Timeline,
  e: SendEvent,
  index: number,
  m: Messages,
  relative: boolean,
): string {
  const seg = e.segment;
  if (!seg.flags.includes('SYN') || seg.flags.includes('RST')) return '';
  const base = (relative && relativeBase(timeline, e, index)) || { seq: 0, ack: 0 };
  const seq = (seg.seq - base.seq) >>> 0;
  const next = (seq + 1) >>> 0;
  if (!seg.flags.includes('ACK') || e.injected) return m.t('narrateSynSeq', { seq, next });
  const ack = (seg.ack - base.ack) >>> 0;
  const peerSyn = (ack - 1) >>> 0;
  return m.t('narrateSynAckSeq', { peer: e.to, peerSyn, ack, seq, next });
}

/** The same rule as the event just before, in the same burst: say it once (the first time). */
function repeatsPrevious(events: readonly TraceEvent[], cursor: number): boolean {
  const e = events[cursor];
  const prev = events[cursor - 1];
  if (!e || !prev || isCause(e) || prev.t !== e.t) return false;
  return prev.explain === e.explain && burstStart(events, cursor) <= cursor - 1;
}

export function narrate(
  timeline: Timeline,
  cursor: number,
  m: Messages,
  title: string,
  label: SegmentLabeler,
  relative = false,
): string {
  const events = timeline.trace.events;
  const e = events[cursor];
  if (!e) return m.t('narrationStart', { title });
  const { cat, t } = m;
  const because = repeatsPrevious(events, cursor) ? m.ui.narrateSameRule : cat.explain[e.explain];
  // Sentences follow each other with a space in English and directly after 。 in Chinese.
  const gap = m.lang === 'zh-CN' ? '' : ' ';
  const cite = e.rfc ? ` — ${citation(e.rfc)}` : '';
  switch (e.type) {
    case 'send': {
      const tags = [
        e.retransmission ? m.ui.rtx : '',
        e.injected ? m.ui.injected : '',
        e.duplicate ? m.ui.duplicate : '',
      ]
        .filter(Boolean)
        .join(t('sepList'));
      const tagText = tags ? t('paren', { text: tags }) : '';
      const syn = synSequenceSentence(timeline, e, cursor, m, relative);
      return `${t('narrateSend', { from: e.from, segment: label(e, cursor), tags: tagText })}${gap}${because}${syn && gap + syn}${cite}`;
    }
    case 'deliver': {
      const found = findSend(timeline.trace, e.id);
      const seg = found ? label(found.send, found.index) : `#${e.id}`;
      let text = `${t('narrateDeliver', { to: e.to, segment: seg, state: e.state })}${gap}${because}`;
      const end = burstEnd(events, cursor);
      const replies: string[] = [];
      let more = 0;
      for (let i = cursor + 1; i <= end; i++) {
        const r = events[i] as TraceEvent;
        if (r.type !== 'send' || r.from !== e.to) continue;
        if (replies.length < NAMED_REPLIES) replies.push(label(r, i));
        else more++;
      }
      if (more > 0)
        text += `${gap}${t('narrateRepliesMore', { segments: replies.join(t('sepItems')), n: more.toLocaleString(m.lang) })}`;
      else if (replies.length > 0)
        text += `${gap}${t('narrateReplies', { segments: replies.join(t('sepItems')) })}`;
      const changes = tcbChanges(timeline.stateBefore(cursor)[e.to], timeline.stateAt(end)[e.to]).filter(
        (c) => c.label !== 'state',
      );
      if (changes.length > 0) {
        text += `${gap}${t('narrateChanged', { changes: changes.map((c) => `${c.label}=${c.after}`).join(t('sepList')) })}`;
      }
      return text + cite;
    }
    case 'drop': {
      const found = findSend(timeline.trace, e.id);
      const seg = found ? label(found.send, found.index) : `#${e.id}`;
      return `${t('narrateDrop', { segment: seg, from: found?.send.from ?? '?', cause: cat.dropCauses[e.cause] })}${gap}${because}${cite}`;
    }
    case 'state':
      return `${t('narrateState', { endpoint: e.endpoint, from: e.from, to: e.to })}${gap}${because}${cite}`;
    case 'timer':
      return `${t('narrateTimer', { endpoint: e.endpoint, timer: cat.timers[e.timer] })}${gap}${because}${cite}`;
    case 'app': {
      const what = e.error
        ? `${cat.appEvents.error}${t('sepColon')}${cat.errors[e.error]}${t('paren', { text: e.error })}`
        : cat.appEvents[e.event];
      const bytes = e.bytes !== undefined ? t('paren', { text: t('bytes', { n: e.bytes }) }) : '';
      return `${t('narrateApp', { endpoint: e.endpoint, event: what + bytes })}${gap}${because}${cite}`;
    }
    case 'call':
      return `${t('narrateCall', { endpoint: e.endpoint, call: cat.calls[e.call] })}${gap}${because}${cite}`;
    case 'crash':
      return `${t('narrateCrash', { endpoint: e.endpoint })}${cite}`;
  }
}
