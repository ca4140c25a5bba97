/**
 * The words of the multi-connection view (scenario version 2, issue 12): the gallery's group, the presets'
 * titles, the host and connection cards, the legend, the wire and the narration of events that happen at a
 * host on a connection. A catalog of its own that loads with that view, never with the page. Its type is
 * derived from this English one, so world.zh-CN.ts fails the typecheck when it misses a key.
 * Placeholders: {host} a host's name, {who} a connection's name ("c1") or a listener (":80").
 */
import type { WorldPresetName } from '../scenarios/worldPresetNames';

export const worldEn = {
  group: 'Several connections',
  presets: {
    'three-clients-one-server': {
      title: 'Three clients, one server',
      description:
        'Three clients connect to one listening server at nearly the same time: the listener spawns a connection for each SYN, each with its own 4-tuple.',
    },
    'time-wait-reuse-linux': {
      title: 'A new SYN in TIME-WAIT (Linux)',
      description:
        'The client connects again from the same port while the server’s end is in TIME-WAIT: Linux opens c2 with ISS = the old SND.NXT + 65537.',
    },
    'backlog-full-linux': {
      title: 'A full accept queue (Linux)',
      description:
        'Backlog 1 admits two connections; the third client’s SYN is dropped silently and its retransmissions show it.',
    },
    'server-crash-three': {
      title: 'The server crashes with three connections open',
      description:
        'The clients that send after the crash get RST; the silent one still believes its connection is ESTABLISHED.',
    },
  } satisfies Record<WorldPresetName, { title: string; description: string }>,
  summary: '{hosts} hosts · {conns} connections · profile {profile}',
  hosts: 'Hosts and their connections',
  host: 'Host {host}',
  listener: 'listens on :{port}',
  queue: 'backlog {backlog} · {queued} waiting to be accepted',
  closedListener: ':{port} closed',
  noSockets: 'No connection yet.',
  endCard: '{who} at {host}',
  toPeer: 'to {peer}',
  legend: 'Connections',
  wire: 'Segments in flight',
  wireEmpty: 'Nothing on the wire.',
  inFlight: '{from} → {to}: {segment}',
  diagram: 'Sequence diagram, one lifeline per host',
  diagramEarlier: '{n} earlier events above',
  arrow: '{who}: {from} → {to}, {segment}',
  lost: 'lost',
  noteTimer: '{who} {timer} expires',
  narrationStart: 'Press Play to run “{title}”: {hosts} hosts, {conns} connections.',
  narrateSend: '{host} sends {segment} on {who}{tags}.',
  narrateDeliver: '{host} receives {segment} on {who} in {state}.',
  narrateDeliverNone: '{host} receives {segment} for no socket.',
  narrateDrop: '{segment} from {host} on {who} is {cause}.',
  narrateState: '{host}: {who} moves from {from} to {to}.',
  narrateTimer: '{host}: the {timer} of {who} expires.',
  narrateApp: '{host} tells the application of {who}: {event}.',
  narrateCall: '{host}’s application calls {call} on {who}.',
  narrateCrash: '{host} crashes and reboots: it forgets every connection and listener.',
  narrateReplies: 'It answers {segments}.',
  narrateChanged: 'Now {changes} on {who}.',
  final: 'Final',
} as const;

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** The type every world catalog has: the English one's keys, any strings. */
export type WorldCatalog = Strings<typeof worldEn>;
