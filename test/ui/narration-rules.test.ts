/**
 * Narration against the trace it narrates (issue 8, "Narration mistakes"): for every preset under both
 * profiles, the sentence about a FIN names the state the endpoint really enters next, a cause sentence is
 * said once per burst, and a SYN or SYN,ACK says why its ACK is x+1. The oracle is the trace's own state
 * events and segment fields (what the cards and the ladder show), and RFC 9293's figures.
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { format, uiEn } from '../../src/i18n/ui.en';
import { uiZh } from '../../src/i18n/ui.zh-CN';
import { zhCN } from '../../src/i18n/zh-CN';
import { loadPreset, PRESET_NAMES } from '../../src/scenarios';
import { buildTimeline, type Timeline } from '../../src/tcp';
import type { Profile, TraceEvent } from '../../src/tcp/types';
import { labeler } from '../../src/ui/format';
import type { Messages } from '../../src/ui/i18n';
import { burstEnd, burstStart, narrate } from '../../src/ui/narration';

const EN: Messages = {
  lang: 'en',
  cat: en,
  ui: uiEn,
  t: (k, p) => format(uiEn[k], p),
  issue: (i) => i.message,
  issuePath: (i) => i.path,
};
const ZH: Messages = {
  lang: 'zh-CN',
  cat: zhCN,
  ui: uiZh,
  t: (k, p) => format(uiZh[k], p),
  issue: (i) => i.message,
  issuePath: (i) => i.path,
};

function timelineOf(preset: string, profile?: Profile): Timeline {
  const scenario = loadPreset(preset);
  if (!scenario) throw new Error(preset);
  return buildTimeline(profile ? { ...scenario, profile } : scenario);
}

const say = (tl: Timeline, i: number, m: Messages = EN, relative = false) =>
  narrate(tl, i, m, 'title', labeler(tl, relative), relative);

const RUNS = PRESET_NAMES.flatMap((name) => (['rfc', 'linux'] as const).map((p) => [name, p] as const));

/** The state an arriving FIN moves an endpoint to: a state change of the same burst (same instant, same cause). */
function stateEnteredByFin(
  events: readonly TraceEvent[],
  i: number,
  endpoint: 'A' | 'B',
): string | undefined {
  const start = burstStart(events, i);
  const end = burstEnd(events, start);
  for (let j = start; j <= end; j++) {
    const e = events[j] as TraceEvent;
    if (e.type === 'state' && e.endpoint === endpoint && FIN_STATES.includes(e.to)) return e.to;
  }
  return undefined;
}
const FIN_STATES = ['CLOSE-WAIT', 'CLOSING', 'TIME-WAIT'];

/** The narration that carries the reason for event i: itself, or the first of a run that says "same rule". */
function reasonFor(tl: Timeline, i: number, m: Messages = EN): string {
  let j = i;
  while (j > 0 && say(tl, j, m).includes(m.ui.narrateSameRule)) j--;
  return say(tl, j, m);
}

describe('a FIN is narrated by the rule of the state it arrives in (§3.10.7.4 eighth)', () => {
  it.each(RUNS)('%s (%s): every end-of-file names the state the endpoint then enters', (preset, profile) => {
    const tl = timelineOf(preset, profile);
    const events = tl.trace.events;
    events.forEach((e, i) => {
      if (e.type !== 'app' || e.event !== 'eof') return;
      const entered = stateEnteredByFin(events, i, e.endpoint) as string;
      expect(entered, `${preset} #${i}`).toBeDefined();
      const text = reasonFor(tl, i);
      expect(text, `${preset} #${i}`).toContain(`enter ${entered}`);
      if (entered !== 'CLOSE-WAIT') expect(text, `${preset} #${i}`).not.toContain('CLOSE-WAIT');
    });
  });

  it('simultaneous close: the FIN that reaches FIN-WAIT-1 is narrated as "enter CLOSING", not CLOSE-WAIT', () => {
    const tl = timelineOf('simultaneous-close');
    const events = tl.trace.events;
    const i = events.findIndex((e) => e.type === 'deliver' && e.state === 'FIN-WAIT-1');
    expect(i).toBeGreaterThan(0);
    expect(stateEnteredByFin(events, i, (events[i] as { to: 'A' | 'B' }).to)).toBe('CLOSING');
    expect(say(tl, i)).toContain("The peer's FIN arrives in FIN-WAIT-1 before ours is acknowledged");
    expect(say(tl, i)).not.toContain('CLOSE-WAIT');
    expect(say(tl, i, ZH)).toContain('CLOSING');
    expect(say(tl, i, ZH)).not.toContain('CLOSE-WAIT');
  });

  it('figure 12-style close: the FIN that reaches FIN-WAIT-2 is narrated as entering TIME-WAIT', () => {
    const tl = timelineOf('rfc9293-fig12');
    const events = tl.trace.events;
    const i = events.findIndex((e) => e.type === 'deliver' && e.state === 'FIN-WAIT-2');
    expect(i).toBeGreaterThan(0);
    expect(say(tl, i)).toContain("The peer's FIN arrives in FIN-WAIT-2");
    expect(say(tl, i)).toContain('enter TIME-WAIT');
  });
});

describe('a cause sentence is said once per burst', () => {
  it.each(RUNS)('%s (%s): no two consecutive events of one burst repeat a sentence', (preset, profile) => {
    const tl = timelineOf(preset, profile);
    const events = tl.trace.events;
    for (const m of [EN, ZH]) {
      for (let i = 1; i < events.length; i++) {
        const prev = events[i - 1] as TraceEvent;
        const e = events[i] as TraceEvent;
        if (prev.t !== e.t || ['deliver', 'drop', 'timer', 'call', 'crash'].includes(e.type)) continue;
        const sentence = m.cat.explain[prev.explain];
        if (say(tl, i - 1, m).includes(sentence))
          expect(say(tl, i, m), `${preset} #${i}`).not.toContain(sentence);
      }
    }
  });

  it('figure 6: A receives the SYN,ACK, then enters ESTABLISHED under the same rule: the second says so and cites it', () => {
    const tl = timelineOf('rfc9293-fig6');
    const events = tl.trace.events;
    const i = events.findIndex((e) => e.type === 'deliver' && e.to === 'A' && e.state === 'SYN-SENT');
    const state = events[i + 1] as TraceEvent;
    expect(state).toMatchObject({
      type: 'state',
      endpoint: 'A',
      to: 'ESTABLISHED',
      explain: 'synsent-synack',
    });
    expect(say(tl, i)).toContain(en.explain['synsent-synack']);
    expect(say(tl, i + 1)).toBe(
      'A moves from SYN-SENT to ESTABLISHED. Same rule as the step before. — RFC 9293 §3.10.7.3',
    );
    expect(say(tl, i + 1, ZH)).toBe(
      'A 从 SYN-SENT 进入 ESTABLISHED。依据的规则与上一步相同。 — RFC 9293 §3.10.7.3',
    );
  });
});

describe('a SYN occupies one sequence number, so the ACK is x+1 (RFC 9293 §3.4, figure 6)', () => {
  const tl = timelineOf('rfc9293-fig6');
  const events = tl.trace.events;
  const syn = events.findIndex((e) => e.type === 'send' && e.from === 'A');
  const synAck = events.findIndex((e) => e.type === 'send' && e.from === 'B');

  it("A's SYN <SEQ=100>: its answer will be ACK 101 (figure 6 line 3)", () => {
    expect(say(tl, syn)).toContain(
      'A SYN occupies one sequence number: this SYN is seq=100, so the ACK that answers it will be ack=101.',
    );
    expect(say(tl, syn, ZH)).toContain(
      'SYN 占用一个序号：这个 SYN 的序号是 seq=100，所以应答它的确认号将是 ack=101。',
    );
  });

  it("B's SYN,ACK <SEQ=300><ACK=101>: 101 because A's SYN was 100; its own answer will be 301 (line 4)", () => {
    expect(say(tl, synAck)).toContain(
      "A SYN occupies one sequence number: A's SYN was seq=100, which is why this ACK is ack=101; this SYN is seq=300, so its answer will be ack=301.",
    );
    expect(say(tl, synAck, ZH)).toContain('A 的 SYN 是 seq=100，所以这里的确认号是 ack=101');
  });

  it('with relative numbers the sentence uses the numbers the label shows (0 → 1)', () => {
    expect(say(tl, syn, EN, true)).toContain('this SYN is seq=0, so the ACK that answers it will be ack=1.');
    expect(say(tl, synAck, EN, true)).toContain(
      "A's SYN was seq=0, which is why this ACK is ack=1; this SYN is seq=0",
    );
  });

  it('a bare ACK or data segment gets no such sentence', () => {
    const ack = events.findIndex(
      (e) => e.type === 'send' && e.from === 'A' && e.segment.flags.join() === 'ACK',
    );
    expect(say(tl, ack)).not.toContain('occupies one sequence number: this SYN');
  });
});

describe('a retransmitted SYN reaching SYN-RECEIVED is a duplicate of the SYN already answered', () => {
  it.each([
    ['rfc', 'lost-syn-ack', 'synrcvd-dup-syn-ack', 'ACK'],
    ['linux', 'linux-lost-syn-ack', 'synrcvd-dup-syn-synack', 'SYN,ACK'],
  ] as const)(
    '%s profile (%s): explained as a duplicate; the reply is a %s',
    (_profile, preset, key, reply) => {
      const tl = timelineOf(preset);
      const events = tl.trace.events;
      const i = events.findIndex((e) => e.type === 'deliver' && e.to === 'B' && e.state === 'SYN-RECEIVED');
      expect(events[i]).toMatchObject({ explain: key });
      const answer = events[i + 1] as TraceEvent;
      expect(answer.type === 'send' && answer.segment.flags.join(',')).toBe(reply);
      const text = say(tl, i);
      expect(text).toContain('it is a duplicate of the SYN already answered');
      expect(say(tl, i, ZH)).toContain('重复了已经应答过的那个 SYN');
    },
  );
});

describe('Linux gives up on a SYN through tcp_syn_retries, not R2', () => {
  it('syn-timeout under linux: connect() fails after the tcp_syn_retries budget, cited to tcp_write_timeout', () => {
    const tl = timelineOf('syn-timeout', 'linux');
    const events = tl.trace.events;
    const i = events.findIndex((e) => e.type === 'app' && e.error === 'ETIMEDOUT');
    // Linux default: 127 s of budget from the first SYN, checked at the expiry at 131 s (profile.ts).
    const connect = events.find((e) => e.type === 'call' && e.call === 'connect');
    expect(events[i]?.t).toBe(131_000 + (connect?.t ?? Number.NaN));
    const text = reasonFor(tl, i);
    expect(text).toContain('net.ipv4.tcp_syn_retries');
    expect(text).not.toContain('R2');
    expect(text).toMatch(/— Linux tcp_write_timeout$/);
  });

  it('syn-timeout under rfc: the R2 limit of RFC 9293 §3.8.3', () => {
    const tl = timelineOf('syn-timeout', 'rfc');
    const i = tl.trace.events.findIndex((e) => e.type === 'app' && e.error === 'ETIMEDOUT');
    expect(reasonFor(tl, i)).toContain('R2');
    expect(say(tl, i)).toMatch(/— RFC 9293 §3\.8\.3$/);
  });
});

describe('an arrival that releases thousands of segments', () => {
  it('names the first six replies and counts the rest, in both languages', () => {
    // One-byte segments queued before the handshake ends: the SYN,ACK's arrival releases a window of them.
    const tl = buildTimeline({
      version: 1,
      name: 'queued',
      endpoints: { A: { mss: 1 }, B: { mss: 1 } },
      options: { maxEvents: 20_000 },
      actions: [
        { at: 0, endpoint: 'B', call: 'listen' },
        { at: 10, endpoint: 'A', call: 'connect' },
        { at: 11, endpoint: 'A', call: 'send', bytes: 100_000 },
      ],
    });
    const events = tl.trace.events;
    // The oracle: the arrival whose burst has the most sends by the receiver, counted here by a scan.
    let best = { at: -1, replies: [] as number[] };
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as TraceEvent;
      if (e.type !== 'deliver') continue;
      const replies: number[] = [];
      for (let j = i + 1; j < events.length; j++) {
        const r = events[j] as TraceEvent;
        if (r.t !== e.t || ['deliver', 'drop', 'timer', 'call', 'crash'].includes(r.type)) break;
        if (r.type === 'send' && r.from === e.to) replies.push(j);
      }
      if (replies.length > best.replies.length) best = { at: i, replies };
    }
    expect(best.replies.length).toBeGreaterThan(1000);
    const label = labeler(tl, false);
    const named = best.replies.slice(0, 6).map((j) => {
      const e = events[j] as TraceEvent & { type: 'send' };
      return label(e, j);
    });
    const more = best.replies.length - 6;
    const en = say(tl, best.at);
    expect(en).toContain(`It answers ${named.join(EN.t('sepItems'))} and ${more.toLocaleString('en')} more.`);
    // Not every reply spelled out: the paragraph stays readable.
    expect(en.length).toBeLessThan(1000);
    const zh = say(tl, best.at, ZH);
    expect(zh).toContain(`以及另外 ${more.toLocaleString('zh-CN')} 个报文段`);
    expect(zh.length).toBeLessThan(1000);
  });

  it('an arrival with six replies or fewer still names them all (figure 6: one SYN,ACK)', () => {
    const tl = timelineOf('rfc9293-fig6');
    const events = tl.trace.events;
    const i = events.findIndex((e) => e.type === 'deliver' && e.to === 'B');
    expect(say(tl, i)).toContain('It answers SYN,ACK');
    expect(say(tl, i)).not.toContain('more.');
  });
});
