/**
 * Fresh numbers per attempt: the same scenario with every initial sequence number moved by an offset drawn
 * from a seed, so a student's answers cannot be copied from a neighbour or memorised, and a teacher who
 * knows the seed sees the same numbers. Sequence arithmetic is modulo 2^32 (RFC 9293 §3.4), so moving one
 * endpoint's whole sequence space changes no decision of the engine: the run keeps its shape, and every
 * seq that endpoint sends and every ack its peer sends move by its offset. That is checked, not assumed.
 */
import { runScenario } from '../tcp';
import { Rng } from '../tcp/prng';
import type { EndpointName, Profile, ScenarioInput, SendEvent, Trace, TraceEvent } from '../tcp/types';

const ENDPOINTS: readonly EndpointName[] = ['A', 'B'];

/** The two offsets a seed gives (mod 2^32), from the engine's seeded generator on a stream of its own. */
export function freshOffsets(seed: number): Record<EndpointName, number> {
  const rng = new Rng(seed >>> 0, 'lesson-fresh-isn');
  return { A: rng.nextU32(), B: rng.nextU32() };
}

const add = (x: number, n: number) => (x + n) >>> 0;

/**
 * Each endpoint's ISS per connection, in order: the seq of its own SYNs (SYN or SYN,ACK; not injected, not
 * network copies), a retransmission or the SYN,ACK of a simultaneous open repeating the one before.
 */
export function issList(trace: Trace, endpoint: EndpointName): number[] {
  const list: number[] = [];
  for (const e of trace.events) {
    if (e.type !== 'send' || e.from !== endpoint || e.injected || e.duplicate) continue;
    if (!e.segment.flags.includes('SYN')) continue;
    if (list[list.length - 1] !== e.segment.seq) list.push(e.segment.seq);
  }
  return list;
}

/**
 * The scenario with fresh ISNs for `seed`: run it once, pin each endpoint's ISNs (one per connection) moved
 * by its offset, move every injected segment's seq by its sender's offset and its ack by the receiver's,
 * run again, and check the runs have the same shape (same events in the same order, the same flags, states
 * and times) with every seq and ack moved by exactly those offsets. If not (an engine decision that hangs on
 * the absolute numbers), the original comes back with `fresh: false`. `profile` is the one the page runs
 * the scenario under, when the lesson step overrides the scenario's own.
 */
export function freshScenario(
  scenario: ScenarioInput,
  seed: number,
  profile?: Profile,
): { scenario: ScenarioInput; fresh: boolean } {
  const unchanged = { scenario, fresh: false };
  try {
    const options = profile ? { profile } : {};
    const before = runScenario(scenario, options);
    const moved = shiftedBy(scenario, before, seed);
    if (!moved) return unchanged;
    const after = runScenario(moved.scenario, options);
    return sameShape(before, after, moved.offsets) ? { scenario: moved.scenario, fresh: true } : unchanged;
  } catch {
    return unchanged; // the engine never throws on a valid scenario; an invalid one keeps its numbers
  }
}

/**
 * The first half of freshScenario, for a caller that runs the scenario itself (the page, within its budget):
 * the scenario moved by the seed's offsets, read from `before` (its run), or null when that run was cut
 * short and cannot be compared to the end. Check the moved scenario's run with `sameShape(before, after,
 * offsets)` before trusting it.
 */
export function shiftedBy(
  scenario: ScenarioInput,
  before: Trace,
  seed: number,
): { scenario: ScenarioInput; offsets: Record<EndpointName, number> } | null {
  if (before.truncated) return null;
  const offsets = freshOffsets(seed);
  return { scenario: shifted(scenario, before, offsets), offsets };
}

function shifted(
  scenario: ScenarioInput,
  trace: Trace,
  offsets: Record<EndpointName, number>,
): ScenarioInput {
  const copy = structuredClone(scenario);
  for (const name of ENDPOINTS) {
    const pinned = scenario.endpoints?.[name]?.isn;
    const seen = issList(trace, name);
    let isn: number | number[] | undefined;
    // A single pinned ISN serves every connection; a list serves one each, then the ISN clock does.
    if (typeof pinned === 'number') isn = add(pinned, offsets[name]);
    else if (seen.length > 0 || Array.isArray(pinned)) {
      const list = Array.isArray(pinned) ? [...pinned] : [];
      for (let i = list.length; i < seen.length; i++) list[i] = seen[i] as number;
      isn = list.map((x) => add(x, offsets[name]));
    }
    if (isn === undefined) continue;
    copy.endpoints ??= {};
    copy.endpoints[name] = { ...copy.endpoints[name], isn };
  }
  for (const fault of copy.faults ?? []) {
    if (!('inject' in fault)) continue;
    const { from, segment } = fault.inject;
    const to: EndpointName = from === 'A' ? 'B' : 'A';
    segment.seq = add(segment.seq, offsets[from]);
    if (segment.ack !== undefined) segment.ack = add(segment.ack, offsets[to]);
  }
  return copy;
}

/** Same events, flags, states and times; every seq moved by the sender's offset, every ack by the peer's. */
export function sameShape(a: Trace, b: Trace, offsets: Record<EndpointName, number>): boolean {
  if (a.events.length !== b.events.length || b.truncated) return false;
  for (let i = 0; i < a.events.length; i++) {
    const x = a.events[i] as TraceEvent;
    const y = b.events[i] as TraceEvent;
    if (x.type !== y.type || x.t !== y.t || x.explain !== y.explain) return false;
    if (x.type === 'send') {
      const s = y as SendEvent;
      const to: EndpointName = x.from === 'A' ? 'B' : 'A';
      if (s.from !== x.from || s.segment.flags.join() !== x.segment.flags.join()) return false;
      // A reset answering a segment without ACK has seq 0 in any numbering (RFC 9293 §3.10.7.1).
      const zeroRst = x.segment.flags.includes('RST') && x.segment.seq === 0 && s.segment.seq === 0;
      if (s.segment.len !== x.segment.len) return false;
      if (!zeroRst && s.segment.seq !== add(x.segment.seq, offsets[x.from])) return false;
      if (x.segment.flags.includes('ACK') && s.segment.ack !== add(x.segment.ack, offsets[to])) return false;
      continue;
    }
    if (JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  return ENDPOINTS.every(
    (n) => a.final[n].state === b.final[n].state && a.final[n].error === b.final[n].error,
  );
}
