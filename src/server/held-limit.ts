/**
 * A limit on the connections one client address holds open at once: class streams, teacher streams and
 * held long polls. Each is a socket (a file descriptor) for as long as the client likes, so without it one
 * machine could open streams until the process runs out of descriptors and the whole school is locked out.
 * The limit is above a full class behind one NAT (a school's public address): MAX_STUDENTS students with a
 * stream each, plus room for reconnections overlapping the streams they replace.
 */
import { isIPv6 } from 'node:net';

/**
 * The key of a client address: IPv4 as is (an IPv4-mapped IPv6 address folded to it), IPv6 by its /64, the
 * network one machine is usually given (RFC 4291 §2.5.4), so a host cannot dodge a limit by hopping addresses.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('%')[0]?.split('::') ?? [];
  const left = head === '' ? [] : head.split(':');
  const right = ip.includes('::') && tail !== '' ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export class HeldLimit {
  private readonly held = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Count one more connection of `ip`; the release function (idempotent), or null when it holds `max`. */
  hold(ip: string): (() => void) | null {
    const key = addressKey(ip);
    const count = this.held.get(key) ?? 0;
    if (count >= this.max) return null;
    this.held.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.held.get(key) ?? 1) - 1;
      if (left <= 0) this.held.delete(key);
      else this.held.set(key, left);
    };
  }

  /** How many connections `ip`'s key holds (for tests). */
  count(ip: string): number {
    return this.held.get(addressKey(ip)) ?? 0;
  }
}
