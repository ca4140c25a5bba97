/** Slot keys (src/ui/slotKeys.ts): distinct, stable across a step, shared across a jump; ids otherwise. */
import { describe, expect, it } from 'vitest';
import { slotKeys } from '../../src/ui/slotKeys';

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('slotKeys', () => {
  it('the last n of consecutive ids get n distinct keys, and the same set after a jump', () => {
    const before = slotKeys(range(1000, 40), 40);
    const after = slotKeys(range(123_457, 40), 40);
    expect(new Set(before).size).toBe(40);
    expect(new Set(after)).toEqual(new Set(before));
  });

  it('a step keeps every key but one: the oldest row’s slot goes to the newest', () => {
    const before = slotKeys(range(1000, 40), 40);
    const after = slotKeys(range(1001, 40), 40);
    expect(after.slice(0, 39)).toEqual(before.slice(1));
    expect(after[39]).toBe(before[0]);
  });

  it('ids that would share a slot, or more ids than slots, keep their own ids as keys', () => {
    expect(slotKeys([3, 43, 50], 40)).toEqual([3, 43, 50]);
    expect(slotKeys(range(0, 41), 40)).toEqual(range(0, 41));
    expect(slotKeys([1, 2], 0)).toEqual([1, 2]);
    expect(slotKeys([-1, 5], 4)).toEqual([3, 1]);
  });
});
