/**
 * Targeted faults on "the nth … (nth + count - 1)th segment with exactly these flags sent by X" (drop and
 * delay rules), matched against every segment sent. Rules for the same sender and flags count the same
 * segments, so they share one counter; a rule applies while the counter is in its range, and where ranges
 * overlap the first rule in the file wins. A scenario may hold 10,000 rules (src/tcp/limits.ts): checking
 * each of them at every segment took 5 s for a 200,000-event run, so the rules of a group are activated
 * in the order their ranges start and kept in a heap by file order: O(log n) per segment.
 */
import { EventQueue } from './queue';

export interface SegmentRule {
  /**
   * Who sends the segments it counts, as a small number the simulator assigns (v1: A = 0, B = 1; a world:
   * one per host, and one per (host, conn) for rules limited to a connection).
   */
  from: number;
  /** Flag bits (segment.ts) the segment must have exactly. */
  flags: number;
  /** The range of matching segments it applies to, counted from 1. */
  first: number;
  last: number;
  /** For delay rules: extra time in the network (ms). */
  ms: number;
}

interface Group {
  /** Segments of this sender and flag set seen so far. */
  seen: number;
  /** The group's rules by where their range starts, with their place in the file. */
  byFirst: { rule: SegmentRule; order: number }[];
  /** Rules in byFirst before this index have been activated. */
  next: number;
  /** Activated rules by file order (expired ones leave lazily, from the top). */
  active: EventQueue<SegmentRule>;
}

export class SegmentRules {
  private readonly groups = new Map<number, Group>();
  /** No rules at all: `match` always returns null (the network skips it). */
  readonly empty: boolean;

  constructor(rules: readonly SegmentRule[]) {
    this.empty = rules.length === 0;
    rules.forEach((rule, order) => {
      const key = groupKey(rule.from, rule.flags);
      let group = this.groups.get(key);
      if (!group) {
        group = { seen: 0, byFirst: [], next: 0, active: new EventQueue() };
        this.groups.set(key, group);
      }
      group.byFirst.push({ rule, order });
    });
    for (const group of this.groups.values()) {
      group.byFirst.sort((x, y) => x.rule.first - y.rule.first || x.order - y.order);
    }
  }

  /** Count this segment for its sender and flag set; return the first rule (in file order) it falls in. */
  match(from: number, flags: number): SegmentRule | null {
    const group = this.groups.get(groupKey(from, flags));
    if (!group) return null;
    const seen = ++group.seen;
    for (let entry = group.byFirst[group.next]; entry && entry.rule.first <= seen; ) {
      group.active.push(entry.order, entry.rule);
      entry = group.byFirst[++group.next];
    }
    for (let top = group.active.peek(); top; top = group.active.peek()) {
      if (top.item.last >= seen) return top.item;
      group.active.pop();
    }
    return null;
  }
}

/** Flag bits are below 32 (segment.ts), so sender × 256 + flags never collides. */
function groupKey(from: number, flags: number): number {
  return from * 256 + flags;
}
