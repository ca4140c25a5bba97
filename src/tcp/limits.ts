/**
 * The sizes a scenario may have: the schema (src/scenarios/schema.ts) enforces them at the edge, the
 * engine's defaults come from them, and a scenario inferred from a capture (src/interop/replay.ts) is
 * kept inside them. One place, so the three cannot drift apart.
 */

/** options.maxEvents when a scenario does not say: enough for every preset many times over, ~80 MB of timeline. */
export const DEFAULT_MAX_EVENTS = 200_000;
/**
 * The largest options.maxEvents. A timeline costs ~400 bytes per event (src/tcp/timeline.ts), so a full
 * 1,000,000-event run is ~400 MB: the most a laptop's browser tab or the CLI should be asked to hold.
 */
export const MAX_EVENTS = 1_000_000;
/**
 * Actions in a scenario. Every action records at least one event and a send records several (the call,
 * the segment's send and delivery, the peer's data event, its ACK), so at four events an action, more than
 * 250,000 actions cannot all run within MAX_EVENTS. A 100,000-packet capture infers about one action per
 * data segment, well inside it; as JSON, 250,000 actions are ~15 MB.
 */
export const MAX_ACTIONS = 250_000;
/**
 * Faults in a scenario. Each segment sent is checked against the drop and delay rules, so rules cost time
 * per segment; 10,000 is far more than a hand-written scenario needs, and a capture's lost segments are
 * merged into ranges (nth … nth + count - 1) before they count.
 */
export const MAX_FAULTS = 10_000;
/**
 * Simulated times (an action's `at`, options.maxTimeMs): 30 days. A capture of a long-lived connection
 * (an SSH session, a database link) can span days; time costs nothing by itself (the engine jumps from
 * one happening to the next; events are what cost memory), and at 30 days a double still resolves
 * better than a nanosecond (2.6·10^9 ms · 2^-52 ≈ 6·10^-7 ms), far finer than the 10 ns the capture
 * replay uses to order reactions.
 */
export const MAX_TIME_MS = 30 * 86_400_000;
/** One-way latency, jitter, reordering delay and delay faults: 10 minutes. */
export const MAX_DELAY_MS = 600_000;
/** Bytes in one send call: 100 MB, so that one action cannot ask for more data than a run can carry. */
export const MAX_SEND_BYTES = 100_000_000;
