/**
 * A limit on unknown class codes per client address. The class stream is readable with the code alone, so
 * without it anyone could try codes there by the million and find the live classes (then join with one
 * try, under the join limit). A class's own students never miss; a guesser misses almost every time.
 */
export class MissLimit {
  private readonly windows = new Map<string, { misses: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `address` may look up codes again, or 0 when it may now. */
  blockedFor(address: string): number {
    const window = this.windows.get(address);
    if (!window) return 0;
    const left = window.resetAt - this.now();
    if (left <= 0) {
      this.windows.delete(address);
      return 0;
    }
    return window.misses >= this.max ? left : 0;
  }

  /** Count one unknown code from `address`. */
  miss(address: string): void {
    const now = this.now();
    const window = this.windows.get(address);
    if (window && window.resetAt > now) window.misses++;
    else {
      // Forget finished windows now and then, so that many addresses do not grow the map for ever.
      if (this.windows.size >= 10_000)
        for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
      this.windows.set(address, { misses: 1, resetAt: now + this.windowMs });
    }
  }
}
