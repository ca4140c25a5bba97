/**
 * Seeded pseudo-random numbers. The engine never uses the platform's random source: each concern draws from its own
 * stream (ISN clock, loss, jitter, duplication, reordering), so changing the loss rate leaves the ISNs alone.
 */

/** splitmix32: a good 32-bit mixer, used to derive stream seeds and as a hash. */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** Hash a list of numbers and a label into 32 bits. */
export function hash32(label: string, ...values: number[]): number {
  let h = hashLabel(label);
  for (const v of values) h = hashIn(h, v);
  return mix32(h);
}

/** hash32 of three numbers, without the rest parameter's array (the ISN of every Monte Carlo run). */
export function hash32of3(label: string, x: number, y: number, z: number): number {
  return mix32(hashIn(hashIn(hashIn(hashLabel(label), x), y), z));
}

/** Labels hashed so far: a few fixed strings ('isn', 'loss', …), hashed again for every run otherwise. */
const LABELS = new Map<string, number>();

/** hash32's start: FNV-1a over the label. */
function hashLabel(label: string): number {
  const known = LABELS.get(label);
  if (known !== undefined) return known;
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  if (LABELS.size < 64) LABELS.set(label, h);
  return h;
}

/** hash32's step: fold one number (its low and high 32 bits) into the hash. */
function hashIn(h: number, v: number): number {
  return mix32(h ^ (v >>> 0) ^ Math.floor(v / 0x100000000));
}

/** sfc32: small, fast, passes PractRand; state is four 32-bit words. */
export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed: number, stream: string) {
    this.reset(seed, stream);
  }

  /** Seed the stream as new (the Monte Carlo loop seeds one per run, Simulation.rerun). */
  reset(seed: number, stream: string): void {
    // hash32(stream, seed, k) for k = 1, 2, 3, sharing the work on (stream, seed).
    const h = hashIn(hashLabel(stream), seed);
    let a = mix32(hashIn(h, 1));
    let b = mix32(hashIn(h, 2));
    let c = mix32(hashIn(h, 3));
    let d = 1;
    // Twelve nextU32 rounds, discarded (in locals: this runs once per Monte Carlo run).
    for (let i = 0; i < 12; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }

  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** True with probability p; draws nothing when p is 0 so a zero rate never shifts the stream. */
  chance(p: number): boolean {
    if (p <= 0) return false;
    return this.nextU32() / 4294967296 < p; // this.next() < p, one call less (a draw per segment)
  }
}
