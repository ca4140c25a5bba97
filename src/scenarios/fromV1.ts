/**
 * A v1 scenario as its v2 equivalent (issue 12: "A v1 scenario runs as hosts A and B with one
 * connection"): hosts "A" and "B" at the addresses the pcap export gives them (src/interop/pcap-write.ts,
 * RFC 5737 documentation ranges), each v1 endpoint's port its listen and client port (DEFAULT_PORTS of
 * src/tcp/scenario.ts when the file gives none), each connect a new conn "c1", "c2", … Pure: the input is
 * not changed, nothing is shared with it.
 *
 * Which conn a v1 send, close or abort means is the endpoint's current one, in run order (time, then file
 * order; crashes after the actions of their time): the conn it opened last, or else the last one opened to
 * it. A simultaneous open (both ends connect, RFC 9293 figure 8) is two conns with the same 4-tuple, one
 * named by each end, and each end keeps addressing its own. A close or abort by an endpoint that has no
 * connection yet but listens closes its listener (`port`). The v1 per-endpoint ISN lists stay per host
 * (`isn`), which v2 reads the same way: one per successive ISS the host chooses.
 *
 * Throws a RangeError naming the action for what v2 cannot say: a send, close or abort by an endpoint
 * with no connection and (for send) nothing to send on (v1 answers it with "connection does not exist").
 */
import { ADDRESSES } from '../interop/pcap-write';
import { DEFAULT_PORTS } from '../tcp/scenario';
import type { EndpointName, FaultInput, ScenarioInput } from '../tcp/types';
import type { ActionV2, FaultV2, HostInput, ScenarioV2Input } from './typesV2';

const ENDPOINTS: readonly EndpointName[] = ['A', 'B'];
const PEER: Record<EndpointName, EndpointName> = { A: 'B', B: 'A' };

/** Dotted decimal of the pcap export's address of an endpoint. */
export function v1Address(endpoint: EndpointName): string {
  return ADDRESSES[endpoint].join('.');
}

export function v1ToV2(input: ScenarioInput): ScenarioV2Input {
  const port = (name: EndpointName) => input.endpoints?.[name]?.port ?? DEFAULT_PORTS[name];
  const hosts: Record<string, HostInput> = {};
  for (const name of ENDPOINTS) {
    const e = input.endpoints?.[name];
    const host: HostInput = { address: v1Address(name) };
    if (e?.isn !== undefined) host.isn = Array.isArray(e.isn) ? [...e.isn] : e.isn;
    if (e?.window !== undefined) host.window = e.window;
    if (e?.mss !== undefined) host.mss = e.mss;
    if (e?.closeOnEof !== undefined) host.closeOnEof = e.closeOnEof;
    if (e?.closeOnConnect !== undefined) host.closeOnConnect = e.closeOnConnect;
    hosts[name] = host;
  }

  // Run order, actions first at equal times (src/tcp/simulator.ts queues actions before faults).
  type Step =
    | { kind: 'action'; index: number; at: number }
    | { kind: 'crash'; endpoint: EndpointName; at: number };
  const steps: Step[] = input.actions.map((a, index) => ({ kind: 'action', index, at: a.at }));
  for (const fault of input.faults ?? [])
    if ('crash' in fault) steps.push({ kind: 'crash', endpoint: fault.crash.endpoint, at: fault.crash.at });
  // A stable sort keeps file order within a time, and the crashes (appended) after the actions.
  steps.sort((a, b) => a.at - b.at);

  const current: Partial<Record<EndpointName, string>> = {};
  /** The endpoint's current conn is one it opened and it has not crashed since. */
  const own: Record<EndpointName, boolean> = { A: false, B: false };
  const listened: Record<EndpointName, boolean> = { A: false, B: false };
  const actions = new Array<ActionV2>(input.actions.length);
  let opened = 0;
  for (const step of steps) {
    if (step.kind === 'crash') {
      own[step.endpoint] = false;
      continue;
    }
    const a = input.actions[step.index] as ScenarioInput['actions'][number];
    const x = a.endpoint;
    const y = PEER[x];
    switch (a.call) {
      case 'listen':
        listened[x] = true;
        actions[step.index] = { at: a.at, host: x, call: 'listen', port: port(x) };
        break;
      case 'connect': {
        const conn = `c${++opened}`;
        current[x] = conn;
        own[x] = true;
        if (!own[y]) current[y] = conn;
        actions[step.index] = {
          at: a.at,
          host: x,
          call: 'connect',
          to: `${y}:${port(y)}`,
          conn,
          port: port(x),
        };
        break;
      }
      default: {
        const conn = current[x];
        if (a.call === 'send') {
          if (conn === undefined) throw noConnection(step.index);
          actions[step.index] = { at: a.at, host: x, call: 'send', conn, bytes: a.bytes as number };
        } else if (conn !== undefined) {
          actions[step.index] = { at: a.at, host: x, call: a.call, conn };
          if (a.call === 'abort') own[x] = false;
        } else if (listened[x]) {
          actions[step.index] = { at: a.at, host: x, call: a.call, port: port(x) };
        } else throw noConnection(step.index);
      }
    }
  }

  const out: ScenarioV2Input = { version: 2, hosts, actions };
  if (input.name !== undefined) out.name = input.name;
  if (input.description !== undefined) out.description = input.description;
  if (input.seed !== undefined) out.seed = input.seed;
  if (input.profile !== undefined) out.profile = input.profile;
  if (input.network !== undefined) out.network = { ...input.network };
  if (input.options !== undefined) out.options = { ...input.options };
  if (input.faults !== undefined) out.faults = input.faults.map((f) => fault(f, port));
  // Key order as a person writes it: version first, then what describes the file, then the rest.
  return out;
}

function fault(f: FaultInput, port: (name: EndpointName) => number): FaultV2 {
  if ('drop' in f) return { drop: { ...f.drop, flags: [...f.drop.flags] } };
  if ('delay' in f) return { delay: { ...f.delay, flags: [...f.delay.flags] } };
  if ('crash' in f) return { crash: { at: f.crash.at, host: f.crash.endpoint } };
  const { at, from, segment } = f.inject;
  const to = PEER[from];
  return {
    inject: {
      at,
      from,
      port: port(from),
      to: `${to}:${port(to)}`,
      segment: { ...segment, flags: [...segment.flags] },
    },
  };
}

function noConnection(index: number): RangeError {
  return new RangeError(
    `$.actions[${index}]: the endpoint has no connection to address (v2 names one in every send, close and abort)`,
  );
}
