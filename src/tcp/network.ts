/**
 * The network a world's segments cross (v1 runs included, world.ts §2): latency, jitter, loss, duplication
 * and reordering drawn from seeded streams, and the scenario's targeted drop and delay rules; with the order
 * of happenings kept outside the queue and the event limit. The draws happen in the order v1 always made
 * them, so every v1 trace stays what it was.
 */
import { Rng } from './prng';
import type { SegmentRule, SegmentRules } from './rules';
import { flagBits } from './segment';
import type { Flag, NetworkConfig } from './types';

/** The stand-in for a stream whose rate is zero: nothing ever draws from it. */
const NEVER_DRAWN = new Rng(0, 'never drawn');

/** Does (at, order) come before (otherAt, otherOrder)? The queue's ordering, for timers kept outside it. */
export function before(at: number, order: number, otherAt: number, otherOrder: number): boolean {
  return at < otherAt || (at === otherAt && order < otherOrder);
}

/** Thrown when one more event would pass options.maxEvents, caught by `step`; never escapes a simulator. */
export const EVENT_LIMIT: unique symbol = Symbol('event limit');

/** A drop or delay fault as a rule on sender `from` (a number the simulator assigns to a sender). */
export function segmentRule(
  from: number,
  f: { flags: readonly Flag[]; nth: number; count?: number },
  ms: number,
): SegmentRule {
  const first = f.nth;
  return { from, flags: flagBits(f.flags), first, last: first + (f.count ?? 1) - 1, ms };
}

export type Loss = 'loss' | 'fault' | null;

/**
 * The network's decisions for one segment. `carry` returns how long the segment takes and leaves in `lost`
 * whether (and why) it is lost; the draws happen in a fixed order whatever the outcome, so a targeted fault
 * never shifts a random stream.
 */
export class Network {
  /** Set by `carry`: the last segment's fate. */
  lost: Loss = null;
  private readonly lossRng: Rng;
  private readonly jitterRng: Rng;
  private readonly duplicateRng: Rng;
  private readonly reorderRng: Rng;

  constructor(
    readonly config: NetworkConfig,
    seed: number,
    private drops: SegmentRules,
    private delays: SegmentRules,
  ) {
    // A stream whose rate is zero is never drawn from (Rng.chance draws nothing at 0, jitter only above 0),
    // so it is not seeded (the Monte Carlo loop reseeds the others for every run: `reseed`).
    this.lossRng = config.lossRate > 0 ? new Rng(seed, 'loss') : NEVER_DRAWN;
    this.jitterRng = config.jitterMs > 0 ? new Rng(seed, 'jitter') : NEVER_DRAWN;
    this.duplicateRng = config.duplicateRate > 0 ? new Rng(seed, 'duplicate') : NEVER_DRAWN;
    this.reorderRng = config.reorderRate > 0 ? new Rng(seed, 'reorder') : NEVER_DRAWN;
  }

  /** Start the random streams over under another seed, as a new Network's (Simulation.rerun). */
  reseed(seed: number): void {
    const net = this.config;
    if (net.lossRate > 0) this.lossRng.reset(seed, 'loss');
    if (net.jitterMs > 0) this.jitterRng.reset(seed, 'jitter');
    if (net.duplicateRate > 0) this.duplicateRng.reset(seed, 'duplicate');
    if (net.reorderRate > 0) this.reorderRng.reset(seed, 'reorder');
    this.lost = null;
  }

  /** Replace the drop and delay rules (a new run counts segments from the start). */
  setRules(drops: SegmentRules, delays: SegmentRules): void {
    this.drops = drops;
    this.delays = delays;
  }

  /**
   * The delay of one segment from sender `from` (flag bits `flags`), and its fate in `lost`. `sub` is a
   * second sender number whose rules also count the segment (a world's per-connection rules), or -1.
   * Injected segments are never lost, reordered or delayed by a rule; a network duplicate is not counted by
   * the rules (it is the same segment).
   */
  carry(from: number, sub: number, flags: number, injected: boolean, duplicate: boolean): number {
    const net = this.config;
    let lost: Loss = null;
    if (!injected) {
      if (!duplicate && !this.drops.empty && this.matchDrop(from, sub, flags)) lost = 'fault';
      // Always draw, so a targeted fault does not shift the random stream.
      if (this.lossRng.chance(net.lossRate) && lost === null) lost = 'loss';
    }
    this.lost = lost;
    let delay = net.latencyMs;
    if (net.jitterMs > 0) delay += Math.round(this.jitterRng.next() * net.jitterMs * 1000) / 1000;
    if (!injected && net.reorderRate > 0 && this.reorderRng.chance(net.reorderRate))
      delay += net.reorderDelayMs;
    if (!injected && !duplicate && !this.delays.empty) delay += this.matchDelay(from, sub, flags);
    return delay;
  }

  /** Whether the network also delivers a copy of the segment just carried (never of a copy or an injection). */
  duplicates(injected: boolean, duplicate: boolean): boolean {
    const rate = this.config.duplicateRate;
    return rate > 0 && !injected && !duplicate && this.duplicateRng.chance(rate);
  }

  /** Both senders' rules count the segment; the per-connection rule (`sub`) wins when both match. */
  private matchDrop(from: number, sub: number, flags: number): boolean {
    const wide = this.drops.match(from, flags) !== null;
    return sub >= 0 ? this.drops.match(sub, flags) !== null || wide : wide;
  }

  private matchDelay(from: number, sub: number, flags: number): number {
    const wide = this.delays.match(from, flags);
    const narrow = sub >= 0 ? this.delays.match(sub, flags) : null;
    return (narrow ?? wide)?.ms ?? 0;
  }
}
