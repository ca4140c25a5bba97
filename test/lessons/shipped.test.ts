/**
 * The seven shipped lessons, checked against the schema, against the runs they name (every anchor resolves,
 * every checkpoint has an answer the page can compute and the student can type), and a set of their answers
 * against values worked out by hand from RFC 9293's figures, RFC 6298 and the Linux constants, written out
 * beside each one, never by running the engine a second time.
 */
import { describe, expect, it } from 'vitest';
import { answerFor } from '../../src/lessons/answers';
import { checkLessonRuns, stepScenario, stepTimeline } from '../../src/lessons/check';
import { freshScenario } from '../../src/lessons/fresh';
import { LESSON_IDS, listLessons, loadLesson } from '../../src/lessons/index';
import { resolveAnchor, unresolvedAnchors } from '../../src/lessons/resolve';
import { validateLesson } from '../../src/lessons/schema';
import type { Answer, Lesson, LessonStep, Text } from '../../src/lessons/types';
import { loadPreset } from '../../src/scenarios/presets';
import { buildTimeline, type Timeline } from '../../src/tcp';
import { headingLine } from '../rfc9293';

/** The issue's list, in the course's order. */
const SHIPPED = ['handshake', 'why-three-way', 'teardown', 'loss', 'resets', 'simultaneous', 'linux-vs-rfc'];

/** The flags the checkpoint form can toggle (pinned accessible names): an answer must be expressible. */
const TOGGLES = ['SYN', 'ACK', 'FIN', 'RST'];

const nextSegmentOfB = { kind: 'next-segment', endpoint: 'B' } as const;

function lesson(id: string): Lesson {
  const l = loadLesson(id);
  if (!l) throw new Error(`no lesson ${id}`);
  return l;
}

const timelines = new Map<string, Timeline>();

/** The run a step plays: its preset or inline scenario, under the step's profile if it names one. */
function timelineOf(step: LessonStep): Timeline {
  const key = `${typeof step.scenario === 'string' ? step.scenario : JSON.stringify(step.scenario)}|${step.profile ?? ''}`;
  let timeline = timelines.get(key);
  if (!timeline) {
    const scenario = typeof step.scenario === 'string' ? loadPreset(step.scenario) : step.scenario;
    if (!scenario) throw new Error(`no preset ${String(step.scenario)}`);
    timeline = buildTimeline(scenario, step.profile ? { profile: step.profile } : {});
    timelines.set(key, timeline);
  }
  return timeline;
}

/** The answer of step `n` (1-based, as the page shows "Step n of m") of a lesson. */
function answerOf(id: string, n: number): Answer {
  const step = lesson(id).steps[n - 1];
  if (!step?.checkpoint) throw new Error(`${id} step ${n} has no checkpoint`);
  const timeline = timelineOf(step);
  const cursor = resolveAnchor(timeline.trace, step.to ?? 'end');
  if (cursor === null) throw new Error(`${id} step ${n}: "to" does not resolve`);
  const answer = answerFor(timeline, step.checkpoint, cursor);
  if (!answer) throw new Error(`${id} step ${n}: no answer`);
  return answer;
}

function segment(id: string, n: number) {
  const a = answerOf(id, n);
  if (a.kind !== 'next-segment') throw new Error(`${id} step ${n} is a ${a.kind} checkpoint`);
  const { from, flags, seq, ack, len } = a.segment;
  return { from, flags: [...flags].sort(), seq, ...(flags.includes('ACK') ? { ack } : {}), len };
}

const value = (id: string, n: number) => {
  const a = answerOf(id, n);
  if (a.kind === 'number' || a.kind === 'choice') return a.value;
  if (a.kind === 'next-state') return a.state;
  throw new Error(`${id} step ${n} is a next-segment checkpoint`);
};

function texts(l: Lesson): [string, Text][] {
  const out: [string, Text][] = [
    ['$.title', l.title],
    ['$.summary', l.summary],
  ];
  l.steps.forEach((step, i) => {
    out.push([`$.steps[${i}].text`, step.text]);
    if (step.checkpoint && 'question' in step.checkpoint)
      out.push([`$.steps[${i}].checkpoint.question`, step.checkpoint.question]);
  });
  return out;
}

describe('the lesson registry', () => {
  it('ships the seven lessons of the issue, in the course order', () => {
    expect([...LESSON_IDS]).toEqual(SHIPPED);
    expect(listLessons().map((l) => l.id)).toEqual(SHIPPED);
  });

  it('lists each lesson with its title, summary, minutes and counts of steps and checkpoints', () => {
    for (const info of listLessons()) {
      const l = lesson(info.id);
      expect(info.title).toEqual(l.title);
      expect(info.summary).toEqual(l.summary);
      expect(info.minutes).toBe(l.minutes);
      expect(info.steps).toBe(l.steps.length);
      expect(info.checkpoints).toBe(l.steps.filter((s) => s.checkpoint).length);
    }
  });

  it('loadLesson returns a deep copy, and undefined for an unknown id', () => {
    const first = lesson('handshake');
    first.title.en = 'changed';
    (first.steps[0] as LessonStep).text.en = 'changed';
    first.steps.pop();
    const second = lesson('handshake');
    expect(second.title.en).not.toBe('changed');
    expect(second.steps[0]?.text.en).not.toBe('changed');
    expect(second.steps.length).toBe(first.steps.length + 1);
    expect(loadLesson('no-such-lesson')).toBeUndefined();
    expect(loadLesson('toString')).toBeUndefined();
    expect(loadLesson('__proto__')).toBeUndefined();
  });
});

describe.each(SHIPPED)('shipped lesson %s', (id) => {
  it('passes the lesson schema and its id is its file name', () => {
    const result = validateLesson(loadLesson(id));
    if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    expect(result.lesson.id).toBe(id);
  });

  it('has at least 4 checkpoints, of at least three kinds', () => {
    const kinds = lesson(id).steps.flatMap((s) => (s.checkpoint ? [s.checkpoint.kind] : []));
    expect(kinds.length).toBeGreaterThanOrEqual(4);
    expect(new Set(kinds).size).toBeGreaterThanOrEqual(id === 'linux-vs-rfc' ? 2 : 3);
  });

  it('has every text in en and zh-CN, and the Chinese spaced from Latin words and numbers', () => {
    for (const [path, text] of texts(lesson(id))) {
      expect(text.en.trim(), `${path}.en`).not.toBe('');
      expect(text['zh-CN'].trim(), `${path}.zh-CN`).not.toBe('');
      // The Chinese text is a translation, not the English left in place.
      expect(/\p{Script=Han}/u.test(text['zh-CN']), `${path}.zh-CN`).toBe(true);
      expect(text['zh-CN'], `${path}.zh-CN`).not.toMatch(
        /\p{Script=Han}[A-Za-z0-9]|[A-Za-z0-9]\p{Script=Han}/u,
      );
    }
  });

  it('cites only RFC 9293 sections that exist', () => {
    for (const [path, text] of texts(lesson(id))) {
      for (const lang of ['en', 'zh-CN'] as const) {
        for (const m of text[lang].matchAll(/(?:RFC (\d+) )?§(\d+(?:\.\d+)*)/g)) {
          if (m[1] !== undefined && m[1] !== '9293') continue; // RFC 6298 §2.1, RFC 5961 §4: other RFCs
          expect(headingLine(m[2] as string), `${path}.${lang}: §${m[2]}`).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it('names events that exist in every step run, and plays each step forwards', () => {
    lesson(id).steps.forEach((step, i) => {
      const trace = timelineOf(step).trace;
      expect(unresolvedAnchors(trace, step, i), `$.steps[${i}]`).toEqual([]);
      const from = resolveAnchor(trace, step.from ?? 'start') as number;
      const to = resolveAnchor(trace, step.to ?? 'end') as number;
      expect(to, `$.steps[${i}]: "to" after "from"`).toBeGreaterThan(from);
      for (const [k, w] of (step.watch ?? []).entries()) {
        if ('segment' in w) {
          const at = resolveAnchor(trace, w.segment) as number;
          expect(trace.events[at]?.type, `$.steps[${i}].watch[${k}].segment is a send`).toBe('send');
        }
      }
    });
  });

  it('has a computable answer for every checkpoint, one the student can give', () => {
    lesson(id).steps.forEach((step, i) => {
      if (!step.checkpoint) return;
      const timeline = timelineOf(step);
      const cursor = resolveAnchor(timeline.trace, step.to ?? 'end') as number;
      const answer = answerFor(timeline, step.checkpoint, cursor);
      expect(answer, `$.steps[${i}].checkpoint`).not.toBeNull();
      if (answer?.kind === 'next-segment') {
        // Asked before it is shown, and made only of flags the form can toggle (no PSH on a data segment).
        expect(answer.segment.index).toBeGreaterThan(cursor);
        for (const flag of answer.segment.flags) expect(TOGGLES, `$.steps[${i}]: ${flag}`).toContain(flag);
      }
      if (answer?.kind === 'next-state') expect(answer.index).toBeGreaterThan(cursor);
      if (answer?.kind === 'choice') expect(answer.choices).toContain(answer.value);
      if (answer?.kind === 'number') expect(Number.isFinite(answer.value)).toBe(true);
    });
  });
});

/** Seeds of fresh numbers: small, typical, and the largest u32 (offsets that wrap past 2^32). */
const SEEDS = [1, 7, 12345, 0xffff_ffff];

describe('fresh numbers on the shipped lessons', () => {
  it.each(SHIPPED)('%s: every step gets fresh ISNs and still resolves and answers', (id) => {
    const l = lesson(id);
    expect(checkLessonRuns(l)).toEqual([]);
    for (const seed of SEEDS) {
      expect(checkLessonRuns(l, seed), `seed ${seed}`).toEqual([]);
      l.steps.forEach((step, i) => {
        const scenario = stepScenario(step);
        if (!scenario) throw new Error(`$.steps[${i}]: no scenario`);
        expect(freshScenario(scenario, seed, step.profile).fresh, `$.steps[${i}] seed ${seed}`).toBe(true);
      });
    }
  });

  it("handshake step 2: B's SYN,ACK acknowledges A's fresh ISN + 1, whatever the seed", () => {
    const step = lesson('handshake').steps[1] as LessonStep;
    const acks = new Set<number>();
    for (const seed of SEEDS) {
      const timeline = stepTimeline(step, seed);
      if (!timeline) throw new Error('no run');
      const events = timeline.trace.events;
      const syn = events.find((e) => e.type === 'send' && e.from === 'A');
      if (syn?.type !== 'send') throw new Error('no SYN from A');
      const cursor = resolveAnchor(timeline.trace, step.to ?? 'end') as number;
      const answer = answerFor(timeline, step.checkpoint ?? nextSegmentOfB, cursor);
      if (answer?.kind !== 'next-segment') throw new Error('no segment answer');
      // RFC 9293 §3.4: the SYN occupies one sequence number, so ACK = ISS(A) + 1 (mod 2^32).
      expect(answer.segment.ack).toBe((syn.segment.seq + 1) % 2 ** 32);
      acks.add(answer.segment.ack);
    }
    expect(acks.size).toBe(SEEDS.length); // different numbers for each attempt
    expect(acks.has(101)).toBe(false); // none left at figure 6's own ISN
  });
});

describe('the statistics step and the profile comparison', () => {
  it('loss has a statistics lab step: 10,000 runs at 10% loss', () => {
    const labs = lesson('loss').steps.flatMap((s) => (s.lab ? [s.lab.statistics] : []));
    expect(labs).toEqual([{ lossRate: 0.1, profile: 'rfc', runs: 10000, seed: 1 }]);
  });

  it('linux-vs-rfc runs the same scenarios under both profiles', () => {
    const profiles = new Map<string, Set<string>>();
    for (const step of lesson('linux-vs-rfc').steps) {
      if (typeof step.scenario !== 'string' || !step.profile) continue;
      profiles.set(step.scenario, (profiles.get(step.scenario) ?? new Set()).add(step.profile));
    }
    for (const scenario of ['syn-timeout', 'lost-data', 'time-wait-default'])
      expect([...(profiles.get(scenario) ?? [])].sort(), scenario).toEqual(['linux', 'rfc']);
  });
});

// Answers worked out by hand. Figures quoted from RFC 9293 (test/fixtures/rfc9293.txt), their presets
// keep the figures' ISNs; times from the presets' 50 ms one-way delay (10 ms in lost-data) and the
// profiles' constants as RFC 6298 and include/net/tcp.h give them.
describe('checkpoint answers, derived by hand', () => {
  it('handshake: RFC 9293 figure 6, and 1.5 round trips to open', () => {
    // Figure 6 line 3: <SEQ=300><ACK=101><CTL=SYN,ACK>; line 4: <SEQ=101><ACK=301><CTL=ACK>.
    expect(value('handshake', 1)).toBe('SYN-RECEIVED');
    expect(segment('handshake', 2)).toEqual({ from: 'B', flags: ['ACK', 'SYN'], seq: 300, ack: 101, len: 0 });
    expect(value('handshake', 3)).toBe('ESTABLISHED');
    expect(segment('handshake', 4)).toEqual({ from: 'A', flags: ['ACK'], seq: 101, ack: 301, len: 0 });
    // connect() at 10 ms; SYN, SYN,ACK, ACK are three one-way trips of 50 ms: B ESTABLISHED at 160 ms.
    expect(value('handshake', 5)).toBe(150);
    // Line 5: 100 bytes from SEQ=101, so B acknowledges 101 + 100 = 201 from its SND.NXT 301.
    expect(segment('handshake', 6)).toEqual({ from: 'B', flags: ['ACK'], seq: 301, ack: 201, len: 0 });
  });

  it('why-three-way: RFC 9293 figures 8 and 11, and the two-way server that opens to nobody', () => {
    // Figure 8 line 4: <SEQ=300><ACK=91><CTL=SYN,ACK>; line 5: <SEQ=91><CTL=RST> --> LISTEN.
    expect(segment('why-three-way', 1)).toEqual({
      from: 'B',
      flags: ['ACK', 'SYN'],
      seq: 300,
      ack: 91,
      len: 0,
    });
    expect(segment('why-three-way', 2)).toEqual({ from: 'A', flags: ['RST'], seq: 91, len: 0 });
    expect(value('why-three-way', 3)).toBe('LISTEN');
    // Line 4 (to the old SYN) and line 7 (to the real one).
    expect(value('why-three-way', 4)).toBe(2);
    // Figure 11 line 4: <SEQ=Z+1><CTL=RST> with the old SYN's Z = 200.
    expect(segment('why-three-way', 5)).toEqual({ from: 'A', flags: ['RST'], seq: 201, len: 0 });
    expect(value('why-three-way', 6)).toBe('none');
    expect(value('why-three-way', 7)).toBe('ESTABLISHED');
    expect(value('why-three-way', 8)).toBe('ECONNRESET');
  });

  it('teardown: RFC 9293 figure 12, TIME-WAIT restarted twice, and 2·MSL = 240 s', () => {
    // Figure 12 line 2: <SEQ=100><ACK=300><CTL=FIN,ACK>; line 3: <SEQ=300><ACK=101><CTL=ACK>.
    expect(segment('teardown', 1)).toEqual({ from: 'A', flags: ['ACK', 'FIN'], seq: 100, ack: 300, len: 0 });
    expect(value('teardown', 2)).toBe('CLOSE-WAIT');
    expect(segment('teardown', 3)).toEqual({ from: 'B', flags: ['ACK'], seq: 300, ack: 101, len: 0 });
    expect(value('teardown', 4)).toBe('TIME-WAIT');
    // TIME-WAIT entered at 600 ms; the retransmitted FINs arrive at 1600 and 3600 ms (B's RTO 1 s, then
    // doubled to 2 s), each restarting 2·MSL = 4 s: A leaves at 3600 + 4000 = 7600 ms, 7000 ms in all.
    expect(value('teardown', 8)).toBe(7000);
    // RFC 9293 §3.4.2: MSL = 2 minutes; §3.6.1: TIME-WAIT lasts 2·MSL = 240 s.
    expect(value('teardown', 9)).toBe(240);
  });

  it('loss: RFC 6298 initial RTO, rounding up to 1 s, doubling, R2 and the 3 s fallback', () => {
    expect(value('loss', 1)).toBe(1000); // §2.1: RTO starts at 1 s
    // §2.4: SRTT + 4·RTTVAR = 100 + 4·50 = 300 ms after the 100 ms handshake sample, rounded up to 1 s.
    expect(value('loss', 5)).toBe(1000);
    expect(value('loss', 6)).toBe('CLOSED'); // B's FIN re-ACKed from TIME-WAIT: LAST-ACK → CLOSED
    expect(value('loss', 7)).toBe(4000); // §5.5: 1 s, 2 s, then 4 s
    // SYNs at 0, 1, 3, 7, 15, 31, 63 (RTO capped at 60 s, §2.5), 123 s; the next expiry, 183 s, is past
    // RFC 9293's R2 of 180 s: 8 SYNs, then ETIMEDOUT.
    expect(value('loss', 8)).toBe(8);
    expect(value('loss', 9)).toBe('ETIMEDOUT');
    expect(value('loss', 10)).toBe(3000); // Karn: no sample from the retransmitted SYN; §5.7: RTO = 3 s
  });

  it('resets: RFC 9293 figures 9 and 10, and the errors the application sees', () => {
    expect(value('resets', 2)).toBe('ECONNREFUSED');
    expect(value('resets', 3)).toBe('ETIMEDOUT');
    expect(value('resets', 5)).toBe('ECONNRESET');
    // Figure 10 line 3: <SEQ=100><CTL=RST>.
    expect(segment('resets', 6)).toEqual({ from: 'A', flags: ['RST'], seq: 100, len: 0 });
    // Figure 9 line 4: <SEQ=300><ACK=100><CTL=ACK>; line 5: <SEQ=100><CTL=RST>.
    expect(segment('resets', 7)).toEqual({ from: 'B', flags: ['ACK'], seq: 300, ack: 100, len: 0 });
    expect(segment('resets', 8)).toEqual({ from: 'A', flags: ['RST'], seq: 100, len: 0 });
    expect(value('resets', 9)).toBe('CLOSED'); // line 5: B "(Abort!!)"
    // challenge-ack: A's ISN 100 and B's 300 pinned, so B's challenge is <SEQ=301><ACK=101><CTL=ACK>.
    expect(segment('resets', 11)).toEqual({ from: 'B', flags: ['ACK'], seq: 301, ack: 101, len: 0 });
    expect(value('resets', 12)).toBe('ESTABLISHED');
  });

  it('simultaneous: RFC 9293 figures 7 and 13', () => {
    expect(value('simultaneous', 1)).toBe('SYN-RECEIVED');
    // Figure 7 line 6: <SEQ=300><ACK=101><CTL=SYN,ACK>.
    expect(segment('simultaneous', 2)).toEqual({
      from: 'B',
      flags: ['ACK', 'SYN'],
      seq: 300,
      ack: 101,
      len: 0,
    });
    expect(value('simultaneous', 3)).toBe('ESTABLISHED');
    // Both connect at 0 ms: SYN then SYN,ACK, two one-way trips of 50 ms.
    expect(value('simultaneous', 4)).toBe(100);
    expect(value('simultaneous', 5)).toBe('CLOSING');
    // Figure 13 line 3: <SEQ=301><ACK=101><CTL=ACK> from B.
    expect(segment('simultaneous', 6)).toEqual({ from: 'B', flags: ['ACK'], seq: 301, ack: 101, len: 0 });
    expect(value('simultaneous', 7)).toBe('TIME-WAIT');
    expect(value('simultaneous', 8)).toBe(2000); // 2·MSL with the preset's MSL of 1 s
    expect(value('simultaneous', 9)).toBe('FIN-WAIT-1');
  });

  it('linux-vs-rfc: the SYN schedule, the RTO floor, RST,ACK, TIME-WAIT and the FIN that carries the ACK', () => {
    expect(value('linux-vs-rfc', 1)).toBe(4000); // RFC 6298 §5.5: 1, 2, 4 s
    expect(value('linux-vs-rfc', 2)).toBe(1000); // tcp_syn_linear_timeouts = 4: 1, 1, 1, 1 s first
    // Linux: gaps 1, 1, 1, 1, 1, 2, 4, 8, 16, 32 s → SYNs at 0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s.
    expect(value('linux-vs-rfc', 3)).toBe(11);
    // Next expiry 67 + 64 = 131 s, past the (2^7 − 1) × 1 s = 127 s budget of tcp_syn_retries = 6.
    expect(value('linux-vs-rfc', 4)).toBe(131);
    // RTT 20 ms: rfc 20 + 4·10 = 60 ms → 1 s (§2.4); linux 20 + max(4·10, TCP_RTO_MIN = 200) = 220 ms.
    expect(value('linux-vs-rfc', 5)).toBe(1000);
    expect(value('linux-vs-rfc', 6)).toBe(220);
    const abort = segment('linux-vs-rfc', 7);
    expect(abort.flags).toEqual(['ACK', 'RST']);
    expect(segment('linux-vs-rfc', 8).flags).toEqual(['ACK']); // rfc: the FIN ACKed at once, on its own
    expect(segment('linux-vs-rfc', 9).flags).toEqual(['ACK', 'FIN']); // linux: the ACK rides on B's FIN
    expect(value('linux-vs-rfc', 10)).toBe(60); // TCP_TIMEWAIT_LEN = 60 s
    expect(value('linux-vs-rfc', 11)).toBe(240); // 2·MSL, MSL = 2 min
    expect(segment('linux-vs-rfc', 12).flags).toEqual(['ACK', 'SYN']); // inet_rtx_syn_ack
  });
});

describe('why-three-way draws the two-way handshake beside the three-way one', () => {
  it('the same old SYN: the two-way B opens a bogus connection, the three-way B does not', () => {
    const steps = (loadLesson('why-three-way') as Lesson).steps.filter((s) => s.compare);
    expect(steps.length).toBeGreaterThan(0);
    expect(checkLessonRuns(loadLesson('why-three-way') as Lesson)).toEqual([]);
    for (const step of steps) {
      const compare = step.compare as NonNullable<LessonStep['compare']>;
      const twoWay = stepTimeline(step) as Timeline;
      const threeWay = stepTimeline({
        text: step.text,
        scenario: compare.scenario,
        profile: compare.profile,
      }) as Timeline;
      expect(loadPreset(step.scenario as string)?.options?.handshake).toBe('two-way');
      expect(loadPreset(compare.scenario as string)?.options?.handshake ?? 'three-way').toBe('three-way');
      // RFC 9293 §3.5: before A's application asks for anything, only the two-way B reaches ESTABLISHED.
      const beforeConnect = (t: Timeline) => {
        const events = t.trace.events;
        const connect = events.findIndex(
          (e) => e.type === 'call' && e.endpoint === 'A' && e.call === 'connect',
        );
        return events.slice(0, connect < 0 ? events.length : connect);
      };
      const opened = (t: Timeline) =>
        beforeConnect(t).some((e) => e.type === 'state' && e.endpoint === 'B' && e.to === 'ESTABLISHED');
      expect(opened(twoWay)).toBe(true);
      expect(opened(threeWay)).toBe(false);
    }
  });
});
