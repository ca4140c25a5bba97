/**
 * A trace as a text ladder diagram, in the manner of RFC 9293's figures: one line per event with its time,
 * A on the left, B on the right, segments as arrows between them, and under each line the sentence that
 * explains it with its RFC section and its explanation key in brackets ("— RFC 9293 §3.10.7.2 [listen-syn]"), the
 * key to look up in src/tcp/explain.ts and the catalogs. An event line without its own explanation shares the
 * one above it (same instant, same endpoint, same key). Pure: the caller decides where the text goes and
 * whether to colour it.
 */
import { type Catalog, citation, en } from '../i18n';
import { segmentLabel as sharedLabel } from '../i18n/segment';
import type { EndpointName, Scenario, SendEvent, State, Trace, TraceEvent, WireSegment } from '../tcp/types';
import { eventTags, flagLabel, paintRow, type Row, type Tone, wrap } from './ladder-rows';

export interface LadderOptions {
  /** ANSI colours (only for a terminal that wants them). */
  color?: boolean;
  catalog?: Catalog;
}

const STATE_WIDTH = 12; // "SYN-RECEIVED"
const LANE_WIDTH = 52;
const LINE_WIDTH = 100;

export function formatTrace(trace: Trace, options: LadderOptions = {}): string {
  const catalog = options.catalog ?? en;
  const paint = (row: Row) => paintRow(row, options.color);
  // A loop, not Math.max(...events): spreading an array into a call puts every element on the stack, which
  // overflows past ~120,000 events (a default-limit trace has 200,000).
  let timeWidth = 10;
  for (const e of trace.events) timeWidth = Math.max(timeWidth, e.t.toFixed(3).length);
  const explanationIndent = ' '.repeat(timeWidth + 2);

  const rows: Row[] = header(trace.scenario);
  const states: Record<EndpointName, State> = { A: 'CLOSED', B: 'CLOSED' };
  rows.push({ text: line(' '.repeat(timeWidth), 'A', states.A, '', 'B', states.B), tone: 'header' });

  const sends = new Map<number, SendEvent>();
  let lastExplained = '';
  for (const event of trace.events) {
    if (event.type === 'send') sends.set(event.id, event);
    const time = event.t.toFixed(3).padStart(timeWidth);
    const shown: Record<EndpointName, string> = { A: '', B: '' };
    if (event.type === 'state') {
      states[event.endpoint] = event.to;
      shown[event.endpoint] = event.to;
    }
    const { lane, tone } = drawLane(event, sends, catalog);
    rows.push({ text: line(time, 'A', shown.A, lane, 'B', shown.B), tone });

    const tags = eventTags(event);
    const key = `${event.t}|${actor(event, sends)}|${event.explain}`;
    if (tags.length > 0 || key !== lastExplained) {
      const cite = citation(event.rfc);
      const sentence = [...tags, catalog.explain[event.explain]].join(' ');
      const tail = cite ? `— ${cite} [${event.explain}]` : `[${event.explain}]`;
      for (const text of wrap(sentence, LINE_WIDTH - explanationIndent.length, tail)) {
        rows.push({ text: explanationIndent + text, tone: 'note' });
      }
      lastExplained = key;
    }
  }

  rows.push({ text: '', tone: 'plain' });
  for (const row of footer(trace, catalog)) rows.push(row);
  return `${rows.map(paint).join('\n')}\n`;
}

function header(scenario: Scenario): Row[] {
  const rows: Row[] = [{ text: scenario.name, tone: 'header' }];
  if (scenario.description) {
    for (const text of wrap(scenario.description, LINE_WIDTH)) rows.push({ text, tone: 'plain' });
  }
  const net = scenario.network;
  const facts = [
    `profile ${scenario.profile}`,
    `seed ${scenario.seed}`,
    `latency ${net.latencyMs} ms`,
    net.jitterMs > 0 ? `jitter ${net.jitterMs} ms` : '',
    net.lossRate > 0 ? `loss ${percent(net.lossRate)}` : '',
    net.duplicateRate > 0 ? `duplicates ${percent(net.duplicateRate)}` : '',
    net.reorderRate > 0 ? `reordering ${percent(net.reorderRate)}` : '',
    scenario.options.handshake === 'two-way' ? 'two-way handshake' : '',
    scenario.options.delayedAck ? 'delayed ACKs' : '',
  ].filter((fact) => fact !== '');
  rows.push({ text: facts.join(' · '), tone: 'plain' }, { text: '', tone: 'plain' });
  return rows;
}

function footer(trace: Trace, catalog: Catalog): Row[] {
  const rows: Row[] = [];
  const { A, B } = trace.final;
  rows.push({ text: `final: A ${A.state}, B ${B.state}`, tone: 'header' });
  for (const name of ['A', 'B'] as const) {
    const error = trace.final[name].error;
    if (error) rows.push({ text: `       ${name} error ${error} (${catalog.errors[error]})`, tone: 'error' });
  }
  if (trace.truncated) {
    rows.push({
      text: 'truncated: the run stopped at options.maxTimeMs or options.maxEvents',
      tone: 'error',
    });
  }
  return rows;
}

function line(time: string, a: string, aState: string, lane: string, b: string, bState: string): string {
  return `${time}  ${aState.padEnd(STATE_WIDTH)} ${a} ${lane.padEnd(LANE_WIDTH)} ${b}  ${bState}`.trimEnd();
}

/** What happens between the two columns. */
function drawLane(
  event: TraceEvent,
  sends: ReadonlyMap<number, SendEvent>,
  catalog: Catalog,
): { lane: string; tone: Tone } {
  switch (event.type) {
    case 'send': {
      const label = `#${event.id} ${segmentLabel(event.segment)}`;
      return { lane: event.from === 'A' ? arrowRight(label) : arrowLeft(label), tone: 'plain' };
    }
    case 'deliver': {
      const send = sends.get(event.id);
      const flags = send ? ` ${flagLabel(send.segment)}` : '';
      const text = `#${event.id}${flags} arrives in ${event.state}`;
      return { lane: event.to === 'B' ? near('B', `${text} ─▶`) : near('A', `◀─ ${text}`), tone: 'plain' };
    }
    case 'drop': {
      const send = sends.get(event.id);
      const flags = send ? ` ${flagLabel(send.segment)}` : '';
      const text = `✕ #${event.id}${flags} ${catalog.dropCauses[event.cause]}`;
      return { lane: near(send?.to ?? 'B', text), tone: 'drop' };
    }
    case 'state':
      return { lane: near(event.endpoint, `${event.from} → ${event.to}`), tone: 'state' };
    case 'call': {
      const args = event.call === 'send' && event.bytes !== undefined ? `${event.bytes} bytes` : '';
      const reflex = event.explain === 'reflex-close' ? ' (by itself)' : '';
      return { lane: near(event.endpoint, `${catalog.calls[event.call]}(${args})${reflex}`), tone: 'plain' };
    }
    case 'app': {
      let text = `⇒ ${catalog.appEvents[event.event]}`;
      if (event.error) text += ` ${event.error}: ${catalog.errors[event.error]}`;
      if (event.bytes !== undefined) text += `: ${event.bytes} bytes`;
      return { lane: near(event.endpoint, text), tone: event.error ? 'error' : 'plain' };
    }
    case 'timer':
      return { lane: near(event.endpoint, `⏱ ${catalog.timers[event.timer]} expires`), tone: 'plain' };
    case 'crash':
      return { lane: near(event.endpoint, '✕ crash: the host reboots'), tone: 'error' };
  }
}

/** The endpoint an event belongs to (used to avoid repeating one explanation on consecutive lines). */
function actor(event: TraceEvent, sends: ReadonlyMap<number, SendEvent>): string {
  switch (event.type) {
    case 'send':
      return event.from;
    case 'deliver':
      return event.to;
    case 'drop':
      return sends.get(event.id)?.to ?? '';
    default:
      return event.endpoint;
  }
}

/** The shared one-line label; a segment without flags says so instead of starting with a blank. */
export function segmentLabel(segment: WireSegment): string {
  const label = sharedLabel(segment);
  return segment.flags.length > 0 ? label : `<no flags>${label}`;
}

function arrowRight(label: string): string {
  const fill = Math.max(2, LANE_WIDTH - label.length - 5);
  return `── ${label} ${'─'.repeat(fill)}▶`;
}

function arrowLeft(label: string): string {
  const fill = Math.max(2, LANE_WIDTH - label.length - 5);
  return `◀${'─'.repeat(fill)} ${label} ──`;
}

/** Text set against one endpoint's column. */
function near(endpoint: EndpointName, text: string): string {
  return endpoint === 'A' ? text : text.padStart(LANE_WIDTH);
}

function percent(rate: number): string {
  return `${Math.round(rate * 10_000) / 100}%`;
}
