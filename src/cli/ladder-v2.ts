/**
 * A version 2 trace (several hosts, src/tcp/traceV2.ts) as a text ladder: the v1 ladder (ladder.ts) with
 * one column per host. Layout, in terminal columns:
 *
 * - Time down the left, as v1 (`t.toFixed(3)`, at least 10 wide), then two spaces; the host columns start
 *   there (D). Host i's lifeline `│` is at D + i·G, where G = min(55, max(8, ⌊(width − D − 1)/(N − 1)⌋)) for
 *   N hosts: two hosts are 55 apart as A and B are in v1, four fit 100 columns 29 apart, and 16 hosts are 8
 *   apart (133 columns before any notes). `width` is 100 by default, like v1's lines.
 * - The header names each host over its column and gives its address under the name; when a name or an
 *   address is wider than G − 1, one line per host instead (a staircase: `name address` at its column).
 * - A segment is an arrow from its sender's lifeline to its receiver's, `── [c2] #5 SYN,ACK seq=6000
 *   ack=2001 ──▶` (v1's label with the connection in brackets), crossing the columns between. A label that
 *   does not fit between the two lifelines goes to the right of the last column (a note), and the arrow is
 *   drawn bare.
 * - Everything else happens at one host and is written beside its lifeline, on its right: `c1 CLOSED →
 *   SYN-SENT`, `c1 connect()`, `:80 listen()`, `c1 ⇒ connected`, `[c1] #4 SYN,ACK arrives in SYN-SENT`
 *   (with `◀─`/`─▶` pointing at the lifeline), `✕ [c1] #1 SYN lost` at the receiver. The last host's text
 *   is on the right of the last column, with the notes; with two hosts it is on its left when it fits, as
 *   v1 writes B's. Text wider than its lane (G − 3) marks the lifeline `●` and goes to the notes as
 *   `host: text`. Notes start one space after the last column.
 * - Under each line, as v1: tags ((retransmission), (injected), (duplicate)) and the explanation with its
 *   RFC section and key; a line of the same instant, host, connection and key shares the one above.
 * - The footer gives every connection's final states and errors.
 *
 * Pure: the caller decides where the text goes and whether to colour it. Throws a TraceV2Error naming the
 * field when the trace is outside the limits (src/interop/trace-v2-check.ts).
 */
import { type Catalog, citation, en } from '../i18n';
import { assertTraceV2 } from '../interop/trace-v2-check';
import type { ConnName, SendEventV2, TraceEventV2, TraceV2 } from '../tcp/traceV2';
import { segmentLabel } from './ladder';
import { eventTags, flagLabel, paintRow, type Row, type Tone, wrap } from './ladder-rows';

export interface LadderV2Options {
  /** ANSI colours (only for a terminal that wants them). */
  color?: boolean;
  catalog?: Catalog;
  /** The width the columns are spread over (40 to 1,000; default 100, v1's). Notes may run past it. */
  width?: number;
}

export const LADDER_V2_WIDTH = 100;
export const MIN_GAP = 8;
export const MAX_GAP = 55;

/** Columns of the diagram: the time's width, the lifelines' positions and the gap between them. */
interface Layout {
  timeWidth: number;
  x: number[];
  gap: number;
  /** The diagram's width: up to and including the last lifeline. */
  end: number;
}

export function formatLadderV2(trace: TraceV2, options: LadderV2Options = {}): string {
  const width = options.width ?? LADDER_V2_WIDTH;
  if (!Number.isInteger(width) || width < 40 || width > 1000)
    throw new RangeError(`width: expected a whole number of columns from 40 to 1,000, got ${width}`);
  const hosts = assertTraceV2(trace);
  const catalog = options.catalog ?? en;
  const paint = (row: Row) => paintRow(row, options.color);

  let timeWidth = 10;
  for (const e of trace.events) timeWidth = Math.max(timeWidth, e.t.toFixed(3).length);
  const start = timeWidth + 2;
  const n = hosts.length;
  const gap =
    n === 1 ? MAX_GAP : Math.min(MAX_GAP, Math.max(MIN_GAP, Math.floor((width - start - 1) / (n - 1))));
  const x = hosts.map((_, i) => i * gap);
  const layout: Layout = { timeWidth, x, gap, end: (x[n - 1] as number) + 1 };
  const column = new Map(hosts.map((h, i) => [h, i]));
  const explanationIndent = ' '.repeat(start);
  const textWidth = Math.max(40, width - start);

  const rows: Row[] = header(trace, hosts, layout);
  const tupleConn = new Map<string, ConnName>();
  for (const [name, c] of Object.entries(trace.connections)) {
    const a = `${c.client.local.address}:${c.client.local.port}`;
    const b = `${c.server.local.address}:${c.server.local.port}`;
    tupleConn.set(`${a}>${b}`, name);
    tupleConn.set(`${b}>${a}`, name);
  }
  const sends = new Map<number, SendEventV2>();
  /** The connection a segment belongs to: its sender's, else the one with its addresses (a reply for no socket). */
  const connOf = (send: SendEventV2): ConnName | undefined =>
    send.conn ?? tupleConn.get(`${send.src.address}:${send.src.port}>${send.dst.address}:${send.dst.port}`);
  const tag = (send: SendEventV2 | undefined) => {
    const conn = send && connOf(send);
    return conn === undefined ? '' : `[${conn}] `;
  };

  let lastExplained = '';
  for (const event of trace.events) {
    if (event.type === 'send') sends.set(event.id, event);
    const cells = lifelines(layout);
    let note = '';
    let tone: Tone = 'plain';
    /** Beside the host's lifeline: `pointer` adds an arrowhead pointing at it (a delivery). */
    const beside = (host: string, text: string, pointer = false) => {
      const i = column.get(host) as number;
      const xi = layout.x[i] as number;
      const last = i === n - 1;
      if (last && n === 2 && text.length + (pointer ? 3 : 0) <= gap - 3) {
        put(cells, xi - 1 - text.length - (pointer ? 3 : 0), pointer ? `${text} ─▶` : text);
      } else if (last || text.length + (pointer ? 3 : 0) <= gap - 3) {
        // The last host's text goes to its right (with three hosts or more, or when its lane is too narrow):
        // nothing else is drawn there but the notes.
        put(cells, xi + 2, pointer ? `◀─ ${text}` : text);
      } else {
        cells[xi] = '●';
        note = `${host}: ${text}`;
      }
    };
    switch (event.type) {
      case 'send': {
        const label = `${tag(event)}#${event.id} ${segmentLabel(event.segment)}`;
        const from = column.get(event.host) as number;
        const to = column.get(event.toHost) as number;
        if (from === to) {
          beside(event.host, `↻ ${label}`);
          break;
        }
        const left = layout.x[Math.min(from, to)] as number;
        const right = layout.x[Math.max(from, to)] as number;
        const length = right - left - 3;
        const fits = label.length + 7 <= length;
        const fill = '─'.repeat(Math.max(0, length - (fits ? label.length + 5 : 1)));
        const body = fits
          ? from < to
            ? `── ${label} ${fill}▶`
            : `◀${fill} ${label} ──`
          : from < to
            ? `${fill}▶`
            : `◀${fill}`;
        put(cells, left + 2, body);
        if (!fits) note = label;
        break;
      }
      case 'deliver': {
        const send = sends.get(event.id);
        const flags = send ? ` ${flagLabel(send.segment)}` : '';
        beside(event.host, `${tag(send)}#${event.id}${flags} arrives in ${event.state}`, true);
        break;
      }
      case 'drop': {
        const send = sends.get(event.id) as SendEventV2;
        beside(
          send.toHost,
          `✕ ${tag(send)}#${event.id} ${flagLabel(send.segment)} ${catalog.dropCauses[event.cause]}`,
        );
        tone = 'drop';
        break;
      }
      case 'state':
        beside(event.host, `${where(event)}${event.from} → ${event.to}`);
        tone = 'state';
        break;
      case 'call': {
        const args = event.call === 'send' && event.bytes !== undefined ? `${event.bytes} bytes` : '';
        const reflex = event.explain === 'reflex-close' ? ' (by itself)' : '';
        beside(event.host, `${where(event)}${catalog.calls[event.call]}(${args})${reflex}`);
        break;
      }
      case 'app': {
        let text = `${where(event)}⇒ ${catalog.appEvents[event.event]}`;
        if (event.error) text += ` ${event.error}: ${catalog.errors[event.error]}`;
        if (event.bytes !== undefined) text += `: ${event.bytes} bytes`;
        beside(event.host, text);
        if (event.error) tone = 'error';
        break;
      }
      case 'timer':
        beside(event.host, `${where(event)}⏱ ${catalog.timers[event.timer]} expires`);
        break;
      case 'crash':
        beside(event.host, '✕ crash: the host reboots');
        tone = 'error';
        break;
    }
    const time = event.t.toFixed(3).padStart(timeWidth);
    const diagram = cells.join('');
    rows.push({ text: `${time}  ${diagram}${note ? ` ${note}` : ''}`.trimEnd(), tone });

    const tags = eventTags(event);
    const key = `${event.t}|${event.host}|${event.conn ?? event.listener ?? ''}|${event.explain}`;
    if (tags.length > 0 || key !== lastExplained) {
      const cite = citation(event.rfc);
      const sentence = [...tags, catalog.explain[event.explain]].join(' ');
      const tail = cite ? `— ${cite} [${event.explain}]` : `[${event.explain}]`;
      for (const text of wrap(sentence, textWidth, tail))
        rows.push({ text: explanationIndent + text, tone: 'note' });
      lastExplained = key;
    }
  }

  rows.push({ text: '', tone: 'plain' });
  for (const row of footer(trace, catalog)) rows.push(row);
  return `${rows.map(paint).join('\n')}\n`;
}

/** "c1 ", ":80 " (a listener's own event) or nothing. */
function where(event: TraceEventV2): string {
  if (event.conn !== undefined) return `${event.conn} `;
  if (event.listener !== undefined) return `:${event.listener} `;
  return '';
}

/** A row of the diagram with every lifeline drawn. */
function lifelines(layout: Layout): string[] {
  const cells = new Array<string>(layout.end).fill(' ');
  for (const xi of layout.x) cells[xi] = '│';
  return cells;
}

/** Write `text` into the row from column `at` (one column per UTF-16 unit: the ladder's glyphs are all one). */
function put(cells: string[], at: number, text: string): void {
  while (cells.length < at) cells.push(' ');
  for (let i = 0; i < text.length; i++) {
    if (at + i >= cells.length) cells.push(text[i] as string);
    else cells[at + i] = text[i] as string;
  }
}

function header(trace: TraceV2, hosts: readonly string[], layout: Layout): Row[] {
  const conns = Object.keys(trace.connections).length;
  const profiles = new Set(hosts.map((h) => trace.hosts[h]?.profile));
  const facts = [
    `${hosts.length} host${hosts.length === 1 ? '' : 's'}`,
    `${conns} connection${conns === 1 ? '' : 's'}`,
    profiles.size === 1
      ? `profile ${[...profiles][0]}`
      : `profiles ${hosts.map((h) => `${h} ${trace.hosts[h]?.profile}`).join(', ')}`,
  ];
  const rows: Row[] = [];
  for (const text of wrap(facts.join(' · '), 100)) rows.push({ text, tone: 'plain' });
  rows.push({ text: '', tone: 'plain' });
  const pad = ' '.repeat(layout.timeWidth + 2);
  const room = layout.gap - 1;
  const narrow = hosts.some(
    (h, i) => i < hosts.length - 1 && Math.max(h.length, trace.hosts[h]?.address.length ?? 0) > room,
  );
  if (!narrow) {
    for (const field of ['name', 'address'] as const) {
      const cells = new Array<string>(layout.end).fill(' ');
      for (const [i, h] of hosts.entries())
        put(cells, layout.x[i] as number, field === 'name' ? h : (trace.hosts[h]?.address ?? ''));
      rows.push({ text: `${pad}${cells.join('')}`.trimEnd(), tone: 'header' });
    }
  } else {
    hosts.forEach((h, i) => {
      const cells = new Array<string>(layout.end).fill(' ');
      for (let j = 0; j < i; j++) cells[layout.x[j] as number] = '│';
      put(cells, layout.x[i] as number, `${h} ${trace.hosts[h]?.address ?? ''}`);
      rows.push({ text: `${pad}${cells.join('')}`.trimEnd(), tone: 'header' });
    });
  }
  return rows;
}

function footer(trace: TraceV2, catalog: Catalog): Row[] {
  const rows: Row[] = [{ text: 'final:', tone: 'header' }];
  const entries = Object.entries(trace.final);
  let width = 0;
  for (const [name] of entries) width = Math.max(width, name.length);
  for (const [name, f] of entries) {
    const c = Object.hasOwn(trace.connections, name) ? trace.connections[name] : undefined;
    const end = (host: string | undefined, e: { state: string; error?: string } | null, what: string) => {
      if (e === null) return `${host ?? what} (no ${what} end)`;
      const error = e.error ? ` ${e.error} (${catalog.errors[e.error as keyof Catalog['errors']]})` : '';
      return `${host ?? what} ${e.state}${error}`;
    };
    const text = `  ${name.padEnd(width)}  ${end(c?.client.host, f.client, 'client')}, ${end(c?.server.host, f.server, 'server')}`;
    rows.push({ text, tone: f.client.error || f.server?.error ? 'error' : 'header' });
  }
  if (entries.length === 0) rows.push({ text: '  no connections', tone: 'header' });
  if (trace.truncated) {
    rows.push({
      text: 'truncated: the run stopped at options.maxTimeMs or options.maxEvents',
      tone: 'error',
    });
  }
  return rows;
}
