/**
 * React keys for a list that shows the last few of a long sequence (the segment table's 40 rows, a dense
 * ladder window's 150 arrows). Keyed by segment id, a jump to another part of a 200,000-event run
 * replaces every row: React removes and creates each element. Keyed by `id % slots`, the same elements are
 * reused and only their text and attributes change, while a step still changes one key (the oldest row's
 * slot goes to the newest): segment ids are given out one by one, so the last `slots` of them are distinct
 * modulo `slots`. Where they are not (any other list), the ids themselves are the keys.
 */
export function slotKeys(ids: readonly number[], slots: number): readonly number[] {
  if (ids.length > slots || slots < 1) return ids;
  const seen = new Set<number>();
  const keys: number[] = [];
  for (const id of ids) {
    const slot = ((id % slots) + slots) % slots;
    if (seen.has(slot)) return ids;
    seen.add(slot);
    keys.push(slot);
  }
  return keys;
}
