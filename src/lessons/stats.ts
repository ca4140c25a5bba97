/**
 * The statistics lab's arithmetic (pure: no React, no DOM): the analytic expectation of connection setup time
 * for `sim montecarlo`'s lifecycle (src/tcp/montecarlo.ts), the lab's input checks, its CSV and the CLI
 * command that gives the same numbers.
 *
 * Setup time is what the Monte Carlo measures: from A's connect() to A entering ESTABLISHED, i.e. to the
 * first SYN,ACK that reaches A. Each transmission is lost independently with the loss rate p (the engine
 * draws one loss per segment put on the wire, src/tcp/simulator.ts `launch`), and the lifecycle has no jitter,
 * so a setup time is 2 × latency plus the time of the retransmissions that were needed:
 *
 * - A lost SYN: A retransmits it when its retransmission timer expires (RFC 9293 §3.8.1; RFC 6298 (5.4)). The
 *   timer starts at 1 s — RFC 6298 (2.1) "Until a round-trip time (RTT) measurement has been made … the
 *   sender SHOULD set RTO <- 1 second"; Linux TCP_TIMEOUT_INIT = 1*HZ (include/net/tcp.h) — and backs off:
 *   RFC 6298 (5.5) "The host MUST set RTO <- RTO * 2", capped by (2.5) at 60 s in the rfc profile (Linux
 *   TCP_RTO_MAX = 120 s). Linux ≥ 6.5 first retransmits tcp_syn_linear_timeouts = 4 times at the initial RTO
 *   ("tcp: make the first N SYN RTO backoffs linear", commit ccce324dabfe: "1, 1, 1, 1, 1, 2, 4, 8, …").
 *   A gives up (ETIMEDOUT) when the timer expires with the time since the first SYN at or past the limit:
 *   RFC 9293 §3.8.3 "R2 for a SYN segment MUST be set large enough to provide retransmission of the segment
 *   for at least 3 minutes (MUST-23)" (180 s); Linux tcp_syn_retries = 6, "approximately 127 seconds"
 *   (Documentation/networking/ip-sysctl.rst). SYNs go out at 0, 1, 3, 7, 15, 31, 63, 123 s (rfc) or
 *   0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s (linux). The number of SYNs lost before one arrives is geometric in p.
 * - A lost SYN,ACK: B, in SYN-RECEIVED, retransmits it on its own timer (1, 2, 4 … s after its first SYN,ACK;
 *   rfc: gives up after 180 s like a SYN; Linux: tcp_synack_retries = 5, "the final timeout for a passive TCP
 *   connection will happen after 63 seconds", and the request is dropped: B listens again). A's own
 *   retransmitted SYN helps only under Linux: tcp_check_req() answers a "pure retransmitted SYN" with
 *   inet_rtx_syn_ack() and restarts the request timer from now with its current timeout
 *   (min(TCP_TIMEOUT_INIT << num_timeout, TCP_RTO_MAX)); Linux also rate-limits that answer
 *   (tcp_oow_rate_limited), which the engine does not model at these timescales. Under the RFC, the SYN lies
 *   before RCV.NXT, so B answers with a bare ACK (§3.10.7.4, "If an incoming segment is not acceptable, an
 *   acknowledgment should be sent"), which A in SYN-SENT drops (§3.10.7.3 fifth: "If neither of the SYN or
 *   RST bits is set, then drop the segment and return"). Only B's timer recovers.
 * - A lost ACK (the handshake's third segment): A is already ESTABLISHED when it sends it, so it does not
 *   change the setup time. B learns of it from A's next segment (the lifecycle's FIN, which carries the ACK)
 *   or re-sends its SYN,ACK on its timer, and A answers that with the ACK again.
 *
 * So the setup time is a sum over loss patterns of SYNs and SYN,ACKs. For the RFC profile it is a double
 * geometric sum: P(setup = s_k + r_j + 2L) = p^k (1−p) · p^j (1−p), with s_k A's k-th SYN time and r_j B's j-th
 * SYN,ACK time after its first. Under Linux the answers to retransmitted SYNs interleave with B's timer. Both are
 * computed by `setupExpectation` exactly, by walking every loss pattern up to the retry limits (each pattern's
 * segments, timers and give-ups in time order, as the simulator orders them: by time, then by when they were
 * scheduled); there are a few thousand patterns at most, since a pattern ends at the first SYN,ACK that
 * arrives.
 */
import { PROFILES } from '../tcp/profile';
import type { Profile } from '../tcp/types';

/** The latency `sim montecarlo` uses unless given --latency (src/cli/main.ts): the lab uses the same. */
export const LAB_LATENCY_MS = 50;
/** Runs the lab starts with (the 10,000): percentiles to 1 in 100 runs past p99. */
export const DEFAULT_LAB_RUNS = 10_000;
/**
 * The most runs the lab takes. Lifecycles run at ~280,000 a second on a laptop core (src/cli/args.ts
 * MAX_RUNS) and about ten times slower on a weak or shared one, so 1,000,000 runs take 4–40 s in the worker,
 * and memory does not grow with runs (setup times are counted by value). Beyond that the CLI is the tool
 * (it takes 10,000,000).
 */
export const MAX_LAB_RUNS = 1_000_000;
/** Seeds are u32, as the CLI's --seed. */
export const MAX_LAB_SEED = 0xffff_ffff;
/** `sim montecarlo`'s default seed. */
export const DEFAULT_LAB_SEED = 1;

/** One possible setup time and its probability (of all runs: the probabilities sum to P(established)). */
export interface SetupOutcome {
  ms: number;
  probability: number;
}

export interface SetupExpectation {
  /** Every setup time a loss pattern gives, shortest first (equal times merged). */
  outcomes: SetupOutcome[];
  /** P(A connects at all): the rest is A giving up (or refused), which the Monte Carlo counts as not established. */
  established: number;
  /** Mean setup time of the runs that connect (the Monte Carlo's mean is over established runs too). */
  meanMs: number;
}

/** What happens next in one loss pattern. `order` breaks ties in time as the simulator's queue does. */
type Happening =
  | { at: number; order: number; kind: 'a-timer' }
  | { at: number; order: number; kind: 'b-timer' }
  | { at: number; order: number; kind: 'syn-at-b' }
  | { at: number; order: number; kind: 'synack-at-a' }
  | { at: number; order: number; kind: 'rst-at-a' };

interface World {
  queue: Happening[];
  order: number;
  probability: number;
  /** A (SYN-SENT): retransmissions so far and the current RTO. */
  aBackoff: number;
  aRto: number;
  /** B: its passive connection's state, SYN,ACK timer and backoff. */
  b: 'LISTEN' | 'SYN-RECEIVED' | 'CLOSED';
  bTimerAt: number | null;
  bFirstSentAt: number;
  bRto: number;
  bBackoff: number;
}

/** A safety bound on loss patterns (the largest case, linux at any loss rate, has a few thousand). */
const MAX_PATTERNS = 1_000_000;

/**
 * The exact distribution of setup time for `sim montecarlo --loss p --profile <profile> --latency L`.
 * Loss rates of 0 and 1 are exact too (one pattern each).
 */
export function setupExpectation(
  lossRate: number,
  profile: Profile,
  latencyMs = LAB_LATENCY_MS,
): SetupExpectation {
  const c = PROFILES[profile];
  const p = Math.min(1, Math.max(0, lossRate));
  const byTime = new Map<number, number>();
  let patterns = 0;

  const schedule = (w: World, at: number, kind: Happening['kind']) => {
    w.queue.push({ at, order: w.order++, kind });
    w.queue.sort((x, y) => x.at - y.at || x.order - y.order);
  };
  const clone = (w: World): World => ({ ...w, queue: w.queue.slice() });

  /** A segment put on the wire: the pattern splits into "lost" (p) and "arrives after the latency" (1 − p). */
  const transmit = (w: World, now: number, arrives: Happening['kind']): World[] => {
    const out: World[] = [];
    if (p > 0) {
      const lost = clone(w);
      lost.probability *= p;
      out.push(lost);
    }
    if (p < 1) {
      const through = clone(w);
      through.probability *= 1 - p;
      schedule(through, now + latencyMs, arrives);
      out.push(through);
    }
    return out;
  };

  /** B sends a SYN,ACK; from its timer (`retransmission`) or not, then (re)arms the timer as the engine does. */
  const bSendsSynAck = (w: World, now: number, timerAfterwards: boolean): World[] =>
    transmit(w, now, 'synack-at-a').map((next) => {
      if (timerAfterwards) {
        next.bTimerAt = now + next.bRto;
        schedule(next, next.bTimerAt, 'b-timer');
      }
      return next;
    });

  const walk = (w: World): void => {
    if (++patterns > MAX_PATTERNS) throw new Error('setupExpectation: too many loss patterns');
    for (;;) {
      const next = w.queue.shift();
      if (!next) return; // nothing more can happen: A never connects (counted as not established)
      const now = next.at;
      switch (next.kind) {
        case 'synack-at-a':
          // A in SYN-SENT: ESTABLISHED (RFC 9293 §3.10.7.3 fourth). The setup time of this pattern.
          byTime.set(now, (byTime.get(now) ?? 0) + w.probability);
          return;
        case 'rst-at-a':
          return; // refused: not established
        case 'a-timer': {
          // A's SYN retransmission timer (RFC 6298 (5.4)–(5.6)); give-up first, by time since the first SYN.
          const limit = c.synGiveUp;
          const exhausted = limit.kind === 'time' ? now >= limit.limitMs : w.aBackoff >= limit.retries;
          if (exhausted) return; // ETIMEDOUT: not established
          w.aBackoff++;
          if (w.aBackoff > c.synLinearTimeouts) w.aRto = Math.min(w.aRto * 2, c.maxRtoMs);
          const branches = transmit(w, now, 'syn-at-b');
          for (const b of branches) schedule(b, now + b.aRto, 'a-timer');
          for (const b of branches) walk(b);
          return;
        }
        case 'b-timer': {
          if (w.b !== 'SYN-RECEIVED' || w.bTimerAt !== now) break; // a stale timer (restarted since)
          w.bTimerAt = null;
          const limit = c.synAckGiveUp;
          const exhausted =
            limit.kind === 'time' ? now - w.bFirstSentAt >= limit.limitMs : w.bBackoff >= limit.retries;
          if (exhausted) {
            // Linux drops the request and listens again; the RFC's B deletes its TCB (ETIMEDOUT) and is CLOSED.
            w.b = c.passiveGiveUpReturnsToListen ? 'LISTEN' : 'CLOSED';
            break;
          }
          w.bBackoff++;
          w.bRto = Math.min(w.bRto * 2, c.maxRtoMs);
          for (const b of bSendsSynAck(w, now, true)) walk(b);
          return;
        }
        case 'syn-at-b': {
          if (w.b === 'LISTEN') {
            // RFC 9293 §3.10.7.2: SYN-RECEIVED, SYN,ACK, its timer at the initial RTO (a fresh TCB).
            w.b = 'SYN-RECEIVED';
            w.bFirstSentAt = now;
            w.bRto = c.initialRtoMs;
            w.bBackoff = 0;
            for (const b of bSendsSynAck(w, now, true)) walk(b);
            return;
          }
          if (w.b === 'CLOSED') {
            // §3.10.7.1: a SYN to a closed port is answered with a RST, which refuses A's connect().
            for (const b of transmit(w, now, 'rst-at-a')) walk(b);
            return;
          }
          if (c.resendSynAckOnDuplicateSyn) {
            // Linux tcp_check_req: the SYN,ACK again, and the request timer restarted with its current timeout.
            for (const b of bSendsSynAck(w, now, true)) walk(b);
            return;
          }
          break; // RFC: a bare ACK, which A in SYN-SENT drops; no SYN,ACK comes of it
        }
      }
    }
  };

  // A's connect() at 0: the first SYN, its timer at the initial RTO. B is listening.
  const start: World = {
    queue: [],
    order: 0,
    probability: 1,
    aBackoff: 0,
    aRto: c.initialRtoMs,
    b: 'LISTEN',
    bTimerAt: null,
    bFirstSentAt: 0,
    bRto: c.initialRtoMs,
    bBackoff: 0,
  };
  const firsts = transmit(start, 0, 'syn-at-b');
  for (const w of firsts) schedule(w, c.initialRtoMs, 'a-timer');
  for (const w of firsts) walk(w);

  const outcomes = [...byTime.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([ms, probability]) => ({ ms, probability }))
    .filter((o) => o.probability > 0);
  const established = outcomes.reduce((s, o) => s + o.probability, 0);
  const meanMs = established === 0 ? 0 : outcomes.reduce((s, o) => s + o.ms * o.probability, 0) / established;
  return { outcomes, established, meanMs };
}

/** The q-quantile of the established runs' setup time (nearest rank, as the Monte Carlo's percentiles). */
export function expectedQuantile(e: SetupExpectation, q: number): number {
  let seen = 0;
  for (const o of e.outcomes) {
    seen += o.probability;
    // A small tolerance: the probabilities are sums of products and may fall a hair short of q·P.
    if (seen >= q * e.established - 1e-12) return o.ms;
  }
  return e.outcomes[e.outcomes.length - 1]?.ms ?? 0;
}

// ------------------------------------------------------------ the lab's inputs

export interface LabSettings {
  lossRate: number;
  profile: Profile;
  runs: number;
  seed: number;
}

export type LabField = 'lossRate' | 'runs' | 'seed';

/** An input that cannot be run, named by field, as a message key of the lab's catalog (src/i18n/stats.ts). */
export interface LabInputError {
  field: LabField;
  key: 'errLoss' | 'errRuns' | 'errRunsMax' | 'errSeed';
  given: string;
}

/** A plain decimal number, as `sim`'s flags take it (src/cli/args.ts `decimal`): no hex, exponent or Infinity. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
/** The longest text a field takes (a u32 has 10 digits; a probability needs no more). */
const MAX_FIELD_CHARS = 24;

/**
 * The lab's text fields, read as the CLI reads --loss (0…1 or a percentage), --runs (1…MAX_LAB_RUNS) and
 * --seed (a u32), so the command the lab prints gives the same numbers.
 */
export function parseLabInput(text: {
  lossRate: string;
  runs: string;
  seed: string;
  profile: Profile;
}): { ok: true; settings: LabSettings } | { ok: false; errors: LabInputError[] } {
  const errors: LabInputError[] = [];
  const number = (s: string) => {
    const t = s.trim();
    return t.length <= MAX_FIELD_CHARS && DECIMAL.test(t) ? Number(t) : Number.NaN;
  };

  const lossText = text.lossRate.trim();
  const percent = lossText.endsWith('%');
  const lossNumber = number(percent ? lossText.slice(0, -1) : lossText);
  const lossRate = percent ? lossNumber / 100 : lossNumber;
  if (!(lossRate >= 0 && lossRate <= 1))
    errors.push({ field: 'lossRate', key: 'errLoss', given: text.lossRate });

  const runs = number(text.runs);
  if (!Number.isInteger(runs) || runs < 1) errors.push({ field: 'runs', key: 'errRuns', given: text.runs });
  else if (runs > MAX_LAB_RUNS) errors.push({ field: 'runs', key: 'errRunsMax', given: text.runs });

  const seed = number(text.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_LAB_SEED)
    errors.push({ field: 'seed', key: 'errSeed', given: text.seed });

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, settings: { lossRate, profile: text.profile, runs, seed } };
}

/** The command that prints the same numbers (the CLI's default latency is the lab's). */
export function cliCommand(s: LabSettings): string {
  return `npm run sim -- montecarlo --runs ${s.runs} --loss ${lossText(s.lossRate)} --profile ${s.profile} --seed ${s.seed}`;
}

/** A loss rate as a plain decimal the CLI reads back to the same number (never an exponent such as 1e-7). */
export function lossText(lossRate: number): string {
  const plain = String(lossRate);
  if (!/e/i.test(plain)) return plain;
  // Enough digits to round-trip a double, then the trailing zeros dropped.
  for (let digits = 1; digits <= 100; digits++) {
    const fixed = lossRate.toFixed(digits);
    if (Number(fixed) === lossRate) return fixed;
  }
  return lossRate.toFixed(100).replace(/0+$/, '');
}

// ------------------------------------------------------------ histogram rows and CSV

/** One setup time: how many runs took it, and the share the analytic model expects. */
export interface SetupRow {
  ms: number;
  runs: number;
  /** runs / all runs (established or not). */
  fraction: number;
  /** The analytic probability of this setup time (of all runs). */
  expected: number;
}

/**
 * The rows of the histogram and the CSV: every setup time that some run took or the model gives (the model's
 * exact distribution includes times too rare to show up; a row is kept if either side has it).
 */
export function setupRows(
  bins: readonly { ms: number; runs: number }[],
  totalRuns: number,
  expectation: SetupExpectation,
): SetupRow[] {
  const rows = new Map<number, SetupRow>();
  for (const o of expectation.outcomes)
    rows.set(o.ms, { ms: o.ms, runs: 0, fraction: 0, expected: o.probability });
  for (const b of bins) {
    const row = rows.get(b.ms) ?? { ms: b.ms, runs: 0, fraction: 0, expected: 0 };
    row.runs = b.runs;
    row.fraction = totalRuns === 0 ? 0 : b.runs / totalRuns;
    rows.set(b.ms, row);
  }
  return [...rows.values()].sort((x, y) => x.ms - y.ms);
}

/** Digits kept for fractions in the CSV: a million runs resolve 1e-6, and the model's rare tail shows as 0. */
const CSV_DIGITS = 9;

/** The CSV: a header, then one row per setup-time bin (time in ms, runs, fraction of runs, expected fraction). */
export function statsCsv(rows: readonly SetupRow[]): string {
  const num = (x: number) => String(Number(x.toFixed(CSV_DIGITS)));
  const lines = ['setup_ms,runs,fraction,expected_fraction'];
  for (const r of rows) lines.push(`${r.ms},${r.runs},${num(r.fraction)},${num(r.expected)}`);
  return `${lines.join('\n')}\n`;
}
