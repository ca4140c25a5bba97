/**
 * The simulator's event queue: a binary heap ordered by (time, insertion order), so ties are explicit
 * and every run replays identically.
 */
export interface Queued<T> {
  at: number;
  order: number;
  item: T;
}

export class EventQueue<T> {
  private heap: Queued<T>[] = [];
  private counter = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Empty the queue and restart its insertion order, as a new queue (Simulation.rerun). */
  clear(): void {
    this.heap.length = 0;
    this.counter = 0;
  }

  /** The next insertion order, for something kept outside the queue that must sort among its items. */
  stamp(): number {
    return this.counter++;
  }

  push(at: number, item: T): void {
    this.insert(at, this.counter++, item);
  }

  /** Queue `item` with an order taken earlier from `stamp` (a wake-up whose place was fixed when it was set). */
  insert(at: number, order: number, item: T): void {
    const node: Queued<T> = { at, order, item };
    const heap = this.heap;
    let i = heap.length;
    heap.push(node);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Queued<T>;
      if (before(p, node)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = node;
  }

  peek(): Queued<T> | undefined {
    return this.heap[0];
  }

  pop(): Queued<T> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    const n = heap.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && before(heap[r] as Queued<T>, heap[l] as Queued<T>)) c = r;
      const child = heap[c] as Queued<T>;
      if (before(last, child)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = last;
    return top;
  }
}

function before<T>(x: Queued<T>, y: Queued<T>): boolean {
  return x.at < y.at || (x.at === y.at && x.order < y.order);
}
