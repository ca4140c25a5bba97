/**
 * The limits of a version 2 trace (src/tcp/traceV2.ts) as the CLI's ladder and the pcap export read it:
 * checked once, in one pass over the events, before either draws or writes anything. The engine produces
 * traces inside them; a trace from elsewhere (a file, a test) that is not is refused with the JSON path of
 * the first field that is wrong ("$.events[12].src.port: expected a port from 0 to 65535, got 70000"),
 * never drawn as garbage or written as a malformed packet. Pure.
 */
import { MAX_CONNECTIONS, MAX_HOSTS, NAME_PATTERN } from '../scenarios';
import { EXPLAIN_RFC } from '../tcp/explain';
import { MAX_EVENTS, MAX_FAULTS, MAX_TIME_MS } from '../tcp/limits';
import type { TraceV2 } from '../tcp/traceV2';
import { STATES } from '../tcp/types';

/**
 * Connections a trace may name: the scenario's (MAX_CONNECTIONS connects), and one child per segment a
 * fault injects into a listener (design §1: named "<listener host>:<remote port>").
 */
export const MAX_TRACE_CONNECTIONS = MAX_CONNECTIONS + MAX_FAULTS;
/** A segment's payload: what fits in one IPv4 packet with 20-byte IPv4 and TCP headers (65535 − 40). */
export const MAX_SEGMENT_LEN = 65_495;

/** A trace outside the limits; the message starts with the JSON path of the field. */
export class TraceV2Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TraceV2Error';
  }
}

/** A name from the scenario, or a spawned child's "<host>:<port>", with "#2", "#3"… when that name was taken (deliver.ts childName). */
const CONN_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,31}(:[1-9][0-9]{0,4}(#[1-9][0-9]{0,6})?)?$/;
const IPV4 = /^(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$/;
/** "3.10.7.2", "RFC 6298 §5.4", "tcp_send_active_reset": printable, without control characters. */
const RFC_PATTERN = /^[\x20-\x7e§]{1,64}$/;
const FLAGS = new Set(['SYN', 'ACK', 'FIN', 'RST', 'PSH']);
const STATE_SET = new Set<string>(STATES);
const TYPES = new Set(['state', 'send', 'deliver', 'drop', 'timer', 'app', 'call', 'crash']);
const CALLS = new Set(['listen', 'connect', 'send', 'close', 'abort']);
const APP_EVENTS = new Set(['listening', 'connected', 'data', 'eof', 'closed', 'error']);
const ERRORS = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'ENOTCONN', 'EISCONN', 'EPIPE']);
const TIMERS = new Set(['retransmission', 'time-wait', 'delayed-ack']);

/** A short, printable rendering of a bad value for a message. */
function shown(value: unknown): string {
  if (typeof value === 'string') {
    const text = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    return text.replace(/[\u007f-\u009f\u2028\u2029]/g, '?');
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (value === undefined) return 'nothing';
  return Array.isArray(value) ? 'an array' : 'an object';
}

function fail(path: string, expected: string, value: unknown): never {
  throw new TraceV2Error(`${path}: expected ${expected}, got ${shown(value)}`);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function integer(path: string, value: unknown, min: number, max: number, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    fail(path, `${what} from ${min} to ${max.toLocaleString('en-US')}`, value);
  return value;
}

function ipv4(path: string, value: unknown): void {
  const m = typeof value === 'string' ? IPV4.exec(value) : null;
  if (!m || m.slice(1).some((octet) => Number(octet) > 255))
    fail(path, 'an IPv4 address in dotted decimal ("192.0.2.1")', value);
}

function socketAddress(path: string, value: unknown): void {
  if (!isObject(value)) fail(path, 'an { address, port } object', value);
  ipv4(`${path}.address`, value.address);
  integer(`${path}.port`, value.port, 0, 65_535, 'a port');
}

function oneOf(path: string, value: unknown, set: ReadonlySet<string>, what: string): void {
  if (typeof value !== 'string' || !set.has(value)) fail(path, what, value);
}

/** Throws a TraceV2Error naming the first field outside the limits; returns the trace's host names in order. */
export function checkTraceV2(trace: unknown): string[] {
  if (!isObject(trace)) fail('$', 'a version 2 trace object', trace);
  if (trace.version !== 2) fail('$.version', '2', trace.version);
  const hosts = trace.hosts;
  if (!isObject(hosts)) fail('$.hosts', 'an object of hosts by name', hosts);
  const names = Object.keys(hosts);
  if (names.length < 1 || names.length > MAX_HOSTS)
    fail('$.hosts', `1 to ${MAX_HOSTS} hosts`, `${names.length} hosts`);
  for (const name of names) {
    const path = `$.hosts[${shown(name)}]`;
    if (!NAME_PATTERN.test(name))
      fail(path, 'a host name: a letter, then up to 31 letters, digits, "-" or "_"', name);
    const host = hosts[name];
    if (!isObject(host)) fail(path, 'an { address, profile } object', host);
    ipv4(`${path}.address`, host.address);
    oneOf(`${path}.profile`, host.profile, new Set(['rfc', 'linux']), '"rfc" or "linux"');
  }
  const hostSet = new Set(names);
  const host = (path: string, value: unknown) => oneOf(path, value, hostSet, "one of the trace's hosts");
  const conns = trace.connections;
  if (!isObject(conns)) fail('$.connections', 'an object of connections by name', conns);
  const connNames = Object.keys(conns);
  if (connNames.length > MAX_TRACE_CONNECTIONS)
    fail(
      '$.connections',
      `at most ${MAX_TRACE_CONNECTIONS.toLocaleString('en-US')} connections`,
      `${connNames.length}`,
    );
  for (const name of connNames) {
    const path = `$.connections[${shown(name)}]`;
    if (!CONN_PATTERN.test(name)) fail(path, 'a connection name ("c1", or "<host>:<port>")', name);
    const c = conns[name];
    if (!isObject(c)) fail(path, 'a { client, server } object', c);
    for (const end of ['client', 'server'] as const) {
      const e = c[end];
      if (!isObject(e)) fail(`${path}.${end}`, 'a { host, local } object', e);
      host(`${path}.${end}.host`, e.host);
      socketAddress(`${path}.${end}.local`, e.local);
    }
  }
  const events = trace.events;
  if (!Array.isArray(events)) fail('$.events', 'an array of events', events);
  if (events.length > MAX_EVENTS)
    fail(
      '$.events',
      `at most ${MAX_EVENTS.toLocaleString('en-US')} events`,
      `${events.length.toLocaleString('en-US')}`,
    );
  const sent = new Set<number>();
  for (let i = 0; i < events.length; i++) {
    const path = `$.events[${i}]`;
    const e: unknown = events[i];
    if (!isObject(e)) fail(path, 'an event object', e);
    oneOf(
      `${path}.type`,
      e.type,
      TYPES,
      'an event type (state, send, deliver, drop, timer, app, call, crash)',
    );
    if (typeof e.t !== 'number' || !Number.isFinite(e.t) || e.t < 0 || e.t > MAX_TIME_MS)
      fail(`${path}.t`, `a time in ms from 0 to ${MAX_TIME_MS.toLocaleString('en-US')}`, e.t);
    host(`${path}.host`, e.host);
    if (e.conn !== undefined && (typeof e.conn !== 'string' || !CONN_PATTERN.test(e.conn)))
      fail(`${path}.conn`, 'a connection name ("c1", or "<host>:<port>")', e.conn);
    if (e.listener !== undefined) integer(`${path}.listener`, e.listener, 0, 65_535, 'a port');
    if (typeof e.explain !== 'string' || !Object.hasOwn(EXPLAIN_RFC, e.explain))
      fail(`${path}.explain`, 'an explanation key (src/tcp/explain.ts)', e.explain);
    if (typeof e.rfc !== 'string' || !RFC_PATTERN.test(e.rfc))
      fail(`${path}.rfc`, 'a section of at most 64 printable characters', e.rfc);
    switch (e.type) {
      case 'send': {
        const id = integer(`${path}.id`, e.id, 1, Number.MAX_SAFE_INTEGER, 'an id');
        host(`${path}.toHost`, e.toHost);
        socketAddress(`${path}.src`, e.src);
        socketAddress(`${path}.dst`, e.dst);
        const s = e.segment;
        if (!isObject(s)) fail(`${path}.segment`, 'a { seq, ack, flags, len, win } object', s);
        integer(`${path}.segment.seq`, s.seq, 0, 0xffff_ffff, 'an unsigned 32-bit number');
        integer(`${path}.segment.ack`, s.ack, 0, 0xffff_ffff, 'an unsigned 32-bit number');
        integer(`${path}.segment.len`, s.len, 0, MAX_SEGMENT_LEN, 'a length');
        integer(`${path}.segment.win`, s.win, 0, 0xffff_ffff, 'a window');
        if (!Array.isArray(s.flags) || s.flags.length > FLAGS.size)
          fail(`${path}.segment.flags`, 'an array of at most 5 flags', s.flags);
        const seen = new Set<unknown>();
        s.flags.forEach((flag: unknown, j: number) => {
          if (typeof flag !== 'string' || !FLAGS.has(flag) || seen.has(flag))
            fail(`${path}.segment.flags[${j}]`, 'SYN, ACK, FIN, RST or PSH, each once', flag);
          seen.add(flag);
        });
        for (const key of ['retransmission', 'injected', 'duplicate'] as const)
          if (typeof e[key] !== 'boolean') fail(`${path}.${key}`, 'true or false', e[key]);
        sent.add(id);
        break;
      }
      case 'deliver':
      case 'drop': {
        const id = integer(`${path}.id`, e.id, 1, Number.MAX_SAFE_INTEGER, 'an id');
        if (!sent.has(id)) fail(`${path}.id`, 'the id of an earlier send event', id);
        if (e.type === 'deliver') oneOf(`${path}.state`, e.state, STATE_SET, 'a TCP state');
        else oneOf(`${path}.cause`, e.cause, new Set(['loss', 'fault']), '"loss" or "fault"');
        break;
      }
      case 'state':
        oneOf(`${path}.from`, e.from, STATE_SET, 'a TCP state');
        oneOf(`${path}.to`, e.to, STATE_SET, 'a TCP state');
        break;
      case 'call':
        oneOf(`${path}.call`, e.call, CALLS, 'a call (listen, connect, send, close, abort)');
        if (e.bytes !== undefined)
          integer(`${path}.bytes`, e.bytes, 0, Number.MAX_SAFE_INTEGER, 'a byte count');
        break;
      case 'app':
        oneOf(`${path}.event`, e.event, APP_EVENTS, 'an application event');
        if (e.bytes !== undefined)
          integer(`${path}.bytes`, e.bytes, 0, Number.MAX_SAFE_INTEGER, 'a byte count');
        if (e.error !== undefined) oneOf(`${path}.error`, e.error, ERRORS, 'an error code ("ECONNREFUSED")');
        break;
      case 'timer':
        oneOf(`${path}.timer`, e.timer, TIMERS, 'a timer (retransmission, time-wait, delayed-ack)');
        break;
    }
  }
  const final = trace.final;
  if (!isObject(final)) fail('$.final', 'an object of connections by name', final);
  const finals = Object.keys(final);
  if (finals.length > MAX_TRACE_CONNECTIONS)
    fail(
      '$.final',
      `at most ${MAX_TRACE_CONNECTIONS.toLocaleString('en-US')} connections`,
      `${finals.length}`,
    );
  for (const name of finals) {
    const path = `$.final[${shown(name)}]`;
    if (!CONN_PATTERN.test(name)) fail(path, 'a connection name ("c1", or "<host>:<port>")', name);
    const f = final[name];
    if (!isObject(f)) fail(path, 'a { client, server } object', f);
    for (const end of ['client', 'server'] as const) {
      const e = f[end];
      if (e === null && end === 'server') continue;
      if (!isObject(e))
        fail(`${path}.${end}`, end === 'server' ? 'a { state } object or null' : 'a { state } object', e);
      oneOf(`${path}.${end}.state`, e.state, STATE_SET, 'a TCP state');
      if (e.error !== undefined)
        oneOf(`${path}.${end}.error`, e.error, ERRORS, 'an error code ("ECONNREFUSED")');
    }
  }
  return names;
}

/** The same check for a trace already typed as one (the ladder's and the pcap writer's entry point). */
export function assertTraceV2(trace: TraceV2): string[] {
  return checkTraceV2(trace as unknown);
}
