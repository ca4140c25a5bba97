/**
 * Pure scenario edits behind the UI's fault buttons. Each returns a new scenario (the input is never
 * mutated); the store records it in the undo history and recomputes the trace from the engine.
 */
import { other } from '../tcp/simulator';
import type {
  EndpointName,
  FaultInput,
  Flag,
  ScenarioInput,
  SegmentInput,
  SendEvent,
  Snapshot,
  Trace,
  UserCall,
} from '../tcp/types';

export type InjectKind = 'stale-syn' | 'rst' | 'dup-fin';

function withFault(s: ScenarioInput, fault: FaultInput): ScenarioInput {
  return { ...s, faults: [...(s.faults ?? []), fault] };
}

/** Times in the scenario are whole milliseconds at most 3 decimals; keep the cursor time that way. */
function at(t: number): number {
  return Math.max(0, Math.round(t * 1000) / 1000);
}

function sameFlags(a: readonly Flag[], b: readonly Flag[]): boolean {
  return a.length === b.length && a.every((f) => b.includes(f));
}

/**
 * Drop one particular segment: a drop fault for the nth segment with exactly its flags sent by its sender.
 * (Injected segments and network duplicates are not counted by drop faults, so they cannot be dropped.)
 */
export function dropSegment(s: ScenarioInput, trace: Trace, id: number): ScenarioInput | null {
  const target = trace.events.find((e): e is SendEvent => e.type === 'send' && e.id === id);
  if (!target || target.injected || target.duplicate) return null;
  let nth = 0;
  for (const e of trace.events) {
    if (e.type !== 'send' || e.injected || e.duplicate || e.from !== target.from) continue;
    if (!sameFlags(e.segment.flags, target.segment.flags)) continue;
    nth++;
    if (e.id === id) break;
  }
  // If a drop rule already covers these flags from this sender, counting stays correct: rules count independently.
  return withFault(s, { drop: { from: target.from, flags: [...target.segment.flags], nth, count: 1 } });
}

/**
 * Inject a segment "from" one endpoint at time t, shaped by what the endpoints look like then:
 * - stale-syn: an old duplicate SYN, 1000 below the sender's current ISS (or an arbitrary old number);
 * - rst: a RST at exactly the receiver's RCV.NXT, so it is acceptable (RFC 5961 §3.2: only that resets);
 * - dup-fin: the sender's FIN again (its last sequence number), or a FIN at SND.NXT if it sent none.
 */
export function injectSegment(
  s: ScenarioInput,
  kind: InjectKind,
  from: EndpointName,
  t: number,
  state: Snapshot,
): ScenarioInput {
  const me = state[from];
  const peer = state[other(from)];
  let segment: SegmentInput;
  if (kind === 'stale-syn') {
    segment = { seq: ((me.iss || 1_000_000) - 1000) >>> 0, flags: ['SYN'] };
  } else if (kind === 'rst') {
    segment = { seq: peer.rcvNxt >>> 0, flags: ['RST'] };
  } else {
    const finSeq = me.sndNxt === 0 ? 0 : (me.sndNxt - 1) >>> 0;
    segment = { seq: finSeq, ack: me.rcvNxt >>> 0, flags: ['ACK', 'FIN'] };
  }
  return withFault(s, { inject: { at: at(t), from, segment } });
}

export function crashEndpoint(s: ScenarioInput, endpoint: EndpointName, t: number): ScenarioInput {
  return withFault(s, { crash: { at: at(t), endpoint } });
}

export function userCall(
  s: ScenarioInput,
  endpoint: EndpointName,
  call: UserCall,
  t: number,
  bytes?: number,
): ScenarioInput {
  const action =
    call === 'send' ? { at: at(t), endpoint, call, bytes: bytes ?? 1000 } : { at: at(t), endpoint, call };
  return { ...s, actions: [...s.actions, action] };
}

export function setNetwork(
  s: ScenarioInput,
  network: Partial<NonNullable<ScenarioInput['network']>>,
): ScenarioInput {
  return { ...s, network: { ...s.network, ...network } };
}

export function setProfile(s: ScenarioInput, profile: 'rfc' | 'linux'): ScenarioInput {
  return { ...s, profile };
}
