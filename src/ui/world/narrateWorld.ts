/**
 * One narration paragraph for a world's event (a version 2 scenario): what happened at which host on which
 * connection, the engine's explanation (the same sentences as v1's, from the main catalogs), what the host
 * answered and which TCB variables of that connection end changed, and the RFC section. Pure: no React.
 */
import { citation } from '../../i18n/citation';
import { segmentLabel } from '../../i18n/segment';
import { formatSpaced } from '../../i18n/spacing';
import { format } from '../../i18n/ui.en';
import { type WorldCatalog, worldEn } from '../../i18n/world.en';
import { worldZh } from '../../i18n/world.zh-CN';
import { bursts, TCB_FIELD_NAMES, type TcbField, tcbValue } from '../../store/selectors';
import { type WorldView, whoOf } from '../../store/worldView';
import { socketKey } from '../../tcp/traceV2';
import type { EndpointSnapshot, SendEvent, TraceEvent } from '../../tcp/types';
import type { Messages } from '../i18n';

/** The world's words in the page's language, and their templates filled (with Chinese spacing in Chinese). */
export interface WorldWords {
  w: WorldCatalog;
  wt(key: StringKeys, params?: Record<string, string | number>): string;
}

type StringKeys = {
  [K in keyof WorldCatalog]: WorldCatalog[K] extends string ? K : never;
}[keyof WorldCatalog];

export function worldWords(lang: Messages['lang']): WorldWords {
  const zh = lang === 'zh-CN';
  const w = zh ? worldZh : worldEn;
  const fill = zh ? formatSpaced : format;
  return { w, wt: (key, params) => fill(w[key], params) };
}

/** What a connection end is before it exists (a server end before its SYN): every variable unknown. */
const NO_TCB: EndpointSnapshot = {
  state: 'CLOSED',
  passive: false,
  iss: 0,
  irs: 0,
  issKnown: false,
  irsKnown: false,
  sndUna: 0,
  sndNxt: 0,
  sndWnd: 0,
  rcvNxt: 0,
  rcvWnd: 0,
  rto: 0,
  srtt: null,
  rttvar: null,
  unsent: 0,
  inFlight: 0,
  timers: { retransmission: null, timeWait: null, delayedAck: null },
  backoff: 0,
  error: null,
};

/** The variables a narration reports when they change, as v1's (../narration.ts tcbChanges). */
const TRACKED: readonly TcbField[] = ['iss', 'irs', 'sndUna', 'sndNxt', 'rcvNxt', 'sndWnd'];

/** The variables that changed, as "ISS=300"; one that does not exist afterwards is no change worth telling. */
function changed(before: EndpointSnapshot, after: EndpointSnapshot): string[] {
  const out: string[] = [];
  for (const key of TRACKED) {
    const now = tcbValue(after, key);
    if (now !== null && tcbValue(before, key) !== now) out.push(`${TCB_FIELD_NAMES[key]}=${now}`);
  }
  return out;
}

/** A segment as the page labels it: flags, seq, ack and len (absolute numbers). */
const label = (s: SendEvent) => segmentLabel(s.segment);

/** The narration of the event at `index` (usePlayback measures it for the reading pace). */
export function narrateWorldEvent(view: WorldView, index: number, m: Messages): string {
  return narrateWorld(view, index, m, label);
}

/** How many of a host's replies a narration names. */
const NAMED_REPLIES = 6;

export function narrateWorld(
  view: WorldView,
  cursor: number,
  m: Messages,
  label: (s: SendEvent) => string,
): string {
  const { wt } = worldWords(m.lang);
  const events = view.events as readonly TraceEvent[];
  const e = view.events[cursor];
  if (!e) return '';
  const { cat, t } = m;
  const gap = m.lang === 'zh-CN' ? '' : ' ';
  const cite = e.rfc ? ` — ${citation(e.rfc)}` : '';
  const prev = view.events[cursor - 1];
  const same =
    prev !== undefined &&
    prev.t === e.t &&
    prev.explain === e.explain &&
    (bursts(events).start[cursor] as number) <= cursor - 1;
  const because = same ? m.ui.narrateSameRule : cat.explain[e.explain];
  const who = whoOf(e) || '—';
  const host = e.host;
  switch (e.type) {
    case 'send': {
      const tags = [e.retransmission ? m.ui.rtx : '', e.injected ? m.ui.injected : '']
        .filter(Boolean)
        .join(t('sepList'));
      const tagText = tags ? t('paren', { text: tags }) : '';
      return `${wt('narrateSend', { host, who, segment: label(e as SendEvent), tags: tagText })}${gap}${because}${cite}`;
    }
    case 'deliver': {
      const life = view.life(e.id);
      const segment = life ? label(life.send as SendEvent) : `#${e.id}`;
      let text =
        e.conn === undefined && e.listener === undefined
          ? wt('narrateDeliverNone', { host, segment })
          : wt('narrateDeliver', { host, who, segment, state: e.state });
      text += `${gap}${because}`;
      const end = bursts(events).end[cursor] as number;
      const replies: string[] = [];
      for (let i = cursor + 1; i <= end && replies.length < NAMED_REPLIES; i++) {
        const r = view.events[i];
        if (r?.type === 'send' && r.host === host) replies.push(label(r as SendEvent));
      }
      if (replies.length > 0)
        text += `${gap}${wt('narrateReplies', { segments: replies.join(t('sepItems')) })}`;
      if (e.conn !== undefined) {
        const key = socketKey(host, e.conn);
        const before = view.snapshotAt(cursor - 1).sockets[key] ?? NO_TCB;
        const after = view.snapshotAt(end).sockets[key];
        const changes = after ? changed(before, after) : [];
        if (changes.length > 0)
          text += `${gap}${wt('narrateChanged', { who, changes: changes.join(t('sepList')) })}`;
      }
      return text + cite;
    }
    case 'drop': {
      const life = view.life(e.id);
      const segment = life ? label(life.send as SendEvent) : `#${e.id}`;
      return `${wt('narrateDrop', { segment, host, who, cause: cat.dropCauses[e.cause] })}${gap}${because}${cite}`;
    }
    case 'state':
      return `${wt('narrateState', { host, who, from: e.from, to: e.to })}${gap}${because}${cite}`;
    case 'timer':
      return `${wt('narrateTimer', { host, who, timer: cat.timers[e.timer] })}${gap}${because}${cite}`;
    case 'app': {
      const what = e.error
        ? `${cat.appEvents.error}${t('sepColon')}${cat.errors[e.error]}${t('paren', { text: e.error })}`
        : cat.appEvents[e.event];
      const bytes = e.bytes !== undefined ? t('paren', { text: t('bytes', { n: e.bytes }) }) : '';
      return `${wt('narrateApp', { host, who, event: what + bytes })}${gap}${because}${cite}`;
    }
    case 'call':
      return `${wt('narrateCall', { host, who, call: cat.calls[e.call] })}${gap}${because}${cite}`;
    case 'crash':
      return `${wt('narrateCrash', { host })}${cite}`;
  }
}
