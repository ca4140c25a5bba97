/** Workloads shared by the benchmarks and the UI budget scripts. */
import type { ScenarioInput } from '../src/tcp/types';

/**
 * A bulk transfer: A connects and sends `sends` × 20,000 bytes, one write every 50 ms, then closes; B closes
 * on EOF. At 20 ms one way and 0.5 % loss this yields about 68 trace events per write.
 */
export function bulkTransfer(sends: number, lossRate = 0.005): ScenarioInput {
  return {
    version: 1,
    name: 'benchmark: bulk transfer',
    seed: 7,
    network: { latencyMs: 20, lossRate },
    endpoints: { A: { closeOnConnect: false }, B: { closeOnEof: true } },
    options: { mslMs: 1000 },
    actions: [
      { at: 0, endpoint: 'B', call: 'listen' },
      { at: 10, endpoint: 'A', call: 'connect' },
      ...Array.from({ length: sends }, (_, i) => ({
        at: 100 + i * 50,
        endpoint: 'A' as const,
        call: 'send' as const,
        bytes: 20_000,
      })),
      { at: 200 + sends * 50, endpoint: 'A', call: 'close' },
    ],
  };
}

/**
 * One-byte segments without end: A sends 100,000,000 bytes with mss 1, so one ACK releases a window of 65,535
 * segments. The largest run the page accepts (issue "Nothing a user gives synack can crash it…"): it stops at
 * `maxEvents` (the page's 200,000 at most).
 */
export function oneByteFlood(maxEvents: number, name = 'Enormous'): ScenarioInput {
  return {
    version: 1,
    name,
    endpoints: { A: { mss: 1 }, B: { mss: 1 } },
    options: { maxEvents },
    actions: [
      { at: 0, endpoint: 'B', call: 'listen' },
      { at: 10, endpoint: 'A', call: 'connect' },
      { at: 300, endpoint: 'A', call: 'send', bytes: 100_000_000 },
    ],
  };
}
