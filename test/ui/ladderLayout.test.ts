import { describe, expect, it } from 'vitest';
import { format } from '../../src/i18n/ui.en';
import { uiZh } from '../../src/i18n/ui.zh-CN';
import { loadPreset, PRESET_NAMES } from '../../src/scenarios';
import { runScenario } from '../../src/tcp';
import type { ScenarioInput, Trace } from '../../src/tcp/types';
import {
  ENGLISH_LADDER_TEXT,
  type LadderArrow,
  type LadderLayout,
  type LadderText,
  layoutLadder,
  type Rect,
} from '../../src/ui/ladderLayout';

function preset(name: string): Trace {
  const scenario = loadPreset(name);
  if (!scenario) throw new Error(`no preset ${name}`);
  return runScenario(scenario);
}

/** A connection that sends one small chunk every 10 ms: hundreds of distinct times. */
function longTrace(): Trace {
  const actions: ScenarioInput['actions'] = [
    { at: 0, endpoint: 'B', call: 'listen' },
    { at: 10, endpoint: 'A', call: 'connect' },
  ];
  for (let i = 0; i < 150; i++) actions.push({ at: 300 + i * 7, endpoint: 'A', call: 'send', bytes: 10 });
  return runScenario({ version: 1, actions });
}

const sendsUpTo = (trace: Trace, cursor: number) =>
  trace.events.slice(0, cursor + 1).filter((e) => e.type === 'send').length;

describe('layoutLadder', () => {
  it('puts rows in strictly increasing time and y', () => {
    const trace = preset('rfc9293-fig6');
    const layout = layoutLadder(trace, trace.events.length - 1);
    expect(layout.rows.length).toBe(new Set(trace.events.map((e) => e.t)).size);
    for (let i = 1; i < layout.rows.length; i++) {
      const [prev, row] = [layout.rows[i - 1], layout.rows[i]];
      expect(row?.t).toBeGreaterThan(prev?.t as number);
      expect(row?.y).toBeGreaterThan(prev?.y as number);
    }
    // Every row is inside the viewBox.
    for (const row of layout.rows) {
      expect(row.y).toBeGreaterThan(layout.top);
      expect(row.y).toBeLessThan(layout.top + layout.height);
    }
  });

  it('draws one arrow per segment sent up to the cursor', () => {
    const trace = preset('rfc9293-fig6');
    for (let cursor = -1; cursor < trace.events.length; cursor++) {
      const layout = layoutLadder(trace, cursor);
      expect(layout.arrows.length).toBe(sendsUpTo(trace, cursor));
      expect(layout.hiddenRows).toBe(0);
    }
    expect(layoutLadder(trace, -1).rows).toEqual([]);
  });

  it('draws delivered arrows from the sender lifeline to the receiver lifeline', () => {
    const trace = preset('rfc9293-fig6');
    const layout = layoutLadder(trace, trace.events.length - 1);
    for (const arrow of layout.arrows) {
      expect(arrow.status).toBe('delivered');
      expect(arrow.x1).toBe(arrow.from === 'A' ? layout.aX : layout.bX);
      expect(arrow.x2).toBe(arrow.to === 'A' ? layout.aX : layout.bX);
      expect(arrow.y2).toBeGreaterThan(arrow.y1);
    }
  });

  it('ends a lost segment mid-wire and flags the retransmission', () => {
    const trace = preset('lost-syn');
    const layout = layoutLadder(trace, trace.events.length - 1);
    const lost = layout.arrows.filter((a) => a.status === 'lost');
    expect(lost).toHaveLength(1);
    expect(lost[0]?.x2).toBe(layout.midX);
    expect(lost[0]?.y2).toBeGreaterThan(lost[0]?.y1 as number);
    const rtx = layout.arrows.filter((a) => a.retransmission);
    expect(rtx).toHaveLength(1);
    expect(rtx[0]?.status).toBe('delivered');
  });

  it('marks a gap where time jumps', () => {
    const trace = preset('lost-syn');
    const layout = layoutLadder(trace, trace.events.length - 1);
    expect(layout.gaps).toHaveLength(1);
    expect(layout.gaps[0]?.ms).toBe(950);
    // The marker lies between the rows at 60 ms and 1010 ms.
    const y60 = layout.rows.find((r) => r.t === 60)?.y as number;
    const y1010 = layout.rows.find((r) => r.t === 1010)?.y as number;
    expect(layout.gaps[0]?.y).toBeGreaterThan(y60);
    expect(layout.gaps[0]?.y).toBeLessThan(y1010);
    expect(layoutLadder(preset('rfc9293-fig6'), 21).gaps).toEqual([]);
  });

  it('draws a segment in flight part of the way, ending at the cursor row', () => {
    // simultaneous-open: A's SYN (#1, event 2) is still on the wire at event 3, a little later.
    const trace = preset('simultaneous-open');
    const sendIndex = trace.events.findIndex((e) => e.type === 'send' && e.id === 1);
    const cursor = sendIndex + 1;
    const now = trace.events[cursor]?.t as number;
    const send = trace.events[sendIndex];
    if (send?.type !== 'send') throw new Error('expected a send');
    expect(now).toBeGreaterThan(send.t);
    expect(now).toBeLessThan(send.arriveAt);
    const layout = layoutLadder(trace, cursor);
    const arrow = layout.arrows.find((a) => a.id === 1);
    expect(arrow?.status).toBe('in-flight');
    const [lo, hi] = [Math.min(layout.aX, layout.bX), Math.max(layout.aX, layout.bX)];
    expect(arrow?.x2).toBeGreaterThan(lo);
    expect(arrow?.x2).toBeLessThan(hi);
    expect(arrow?.y2).toBe(layout.rows[layout.rows.length - 1]?.y);
  });

  it('labels state changes beside the lifelines', () => {
    const trace = preset('rfc9293-fig6');
    const layout = layoutLadder(trace, trace.events.length - 1);
    const states = layout.stateLabels.map((l) => `${l.endpoint}:${l.state}`);
    expect(states).toEqual([
      'A:CLOSED',
      'B:CLOSED',
      'B:LISTEN',
      'A:SYN-SENT',
      'B:SYN-RECEIVED',
      'A:ESTABLISHED',
      'B:ESTABLISHED',
    ]);
    for (const label of layout.stateLabels) {
      if (label.endpoint === 'A') expect(label.x).toBeLessThan(layout.aX);
      else expect(label.x).toBeGreaterThan(layout.bX);
    }
  });

  it('keeps the lifelines inside the drawing at any width, and wraps labels on a narrow wire', () => {
    const trace = preset('rfc9293-fig6');
    for (const width of [300, 400, 560]) {
      const layout = layoutLadder(trace, 21, { width });
      expect(layout.width).toBe(width);
      expect(layout.aX).toBeGreaterThan(0);
      expect(layout.bX).toBeLessThan(width);
      expect(layout.bX).toBeGreaterThan(layout.aX);
    }
    const synAck = (width: number) =>
      layoutLadder(trace, 21, { width }).arrows.find((a) => a.full.startsWith('SYN,ACK'));
    // Wide: one line. Narrow: the same words, in order, on more lines.
    expect(synAck(560)?.lines).toEqual(['SYN,ACK seq=300 ack=101']);
    expect(synAck(340)?.lines.length).toBeGreaterThan(1);
    expect(synAck(340)?.lines.join(' ')).toBe('SYN,ACK seq=300 ack=101');
  });

  it('keeps labels of crossing arrows apart', () => {
    // simultaneous-close: A and B send their FINs at nearly the same time; the lines cross.
    const trace = preset('simultaneous-close');
    const layout = layoutLadder(trace, trace.events.length - 1);
    const ys = layout.arrows.map((a) => a.labelY);
    for (let i = 0; i < ys.length; i++)
      for (let j = i + 1; j < ys.length; j++)
        expect(Math.abs((ys[i] as number) - (ys[j] as number))).toBeGreaterThan(8);
  });

  it('draws only the last rows of a long trace', () => {
    const trace = longTrace();
    const last = trace.events.length - 1;
    const totalRows = new Set(trace.events.map((e) => e.t)).size;
    expect(totalRows).toBeGreaterThan(120);
    const layout = layoutLadder(trace, last);
    expect(layout.rows.length).toBe(120);
    expect(layout.hiddenRows).toBe(totalRows - 120);
    expect(layout.rows[layout.rows.length - 1]?.t).toBe(trace.events[last]?.t);
    // The window starts above its first row, so nothing drawn from it is cut off at the top.
    expect(layout.rows[0]?.y).toBeGreaterThan(layout.top);
    // Segments that ended before the window are not drawn; the others are.
    expect(layout.arrows.length).toBeLessThan(sendsUpTo(trace, last));
    const firstT = layout.rows[0]?.t as number;
    for (const arrow of layout.arrows) {
      const send = trace.events[arrow.sendIndex];
      if (send?.type === 'send') expect(send.arriveAt).toBeGreaterThanOrEqual(firstT);
    }
    // Every window in the last stretch is at most 120 rows (speed is measured by npm run budgets, not here).
    for (let cursor = last - 200; cursor <= last; cursor += 50)
      expect(layoutLadder(trace, cursor).rows.length).toBeLessThanOrEqual(120);
  });
});

// ---------------------------------------------------------------- nothing drawn on top of anything else

/** Independent of the layout's own test: do two rectangles share area? */
function intersect(a: Rect, b: Rect): boolean {
  return (
    Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 0.01 &&
    Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 0.01
  );
}

const profiles = ['rfc', 'linux'] as const;
const traceOf = (name: string, profile: 'rfc' | 'linux'): Trace => {
  const scenario = loadPreset(name);
  if (!scenario) throw new Error(`no preset ${name}`);
  return runScenario({ ...scenario, profile });
};

/** Every text box and mark drawn, named for the failure message. */
function boxes(layout: LadderLayout): { what: string; box: Rect }[] {
  const out: { what: string; box: Rect }[] = [];
  for (const a of layout.arrows) {
    out.push({ what: `label of #${a.id} "${a.lines.join(' / ')}"`, box: a.labelBox });
    if (a.tagBox) out.push({ what: `tag of #${a.id}`, box: a.tagBox });
    if (a.crossBox) out.push({ what: `✕ of #${a.id}`, box: a.crossBox });
  }
  for (const g of layout.gaps) out.push({ what: `gap marker "${g.text}"`, box: g.box });
  return out;
}

function overlapsIn(layout: LadderLayout): string[] {
  const all = boxes(layout);
  const found: string[] = [];
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++) {
      const [p, q] = [all[i], all[j]] as [{ what: string; box: Rect }, { what: string; box: Rect }];
      if (intersect(p.box, q.box)) found.push(`${p.what} × ${q.what}`);
    }
  return found;
}

/** Text of n characters in a monospace font is at least 0.6 em wide per character (DejaVu Sans Mono: 0.602). */
const MONO_EM = 0.6;
/** A line of text is drawn 1.17 em tall (measured in Chromium); a box must hold it. */
const LINE_EM = 1.15;

const chineseText: LadderText = {
  ...ENGLISH_LADDER_TEXT,
  tag: (send) =>
    [send.retransmission && uiZh.rtx, send.injected && uiZh.injected, send.duplicate && uiZh.duplicate]
      .filter(Boolean)
      .join(' · '),
  timeUnit: uiZh.ladderTimeUnit,
  gap: (skipped) => `⋯ ${format(uiZh.timeGap, { ms: skipped })}`,
};

describe('ladder labels never overlap', () => {
  // Phone, 1366 laptop, 1920 desktop, 1024 single column; normal text and presenter text.
  const sizes: [number, number][] = [
    [340, 12],
    [480, 12],
    [600, 12],
    [990, 12],
    [600, 18],
    [990, 20],
    [340, 18],
  ];
  for (const profile of profiles) {
    it(`no label, tag, ✕ or gap marker overlaps another, at any cursor, in any preset (${profile})`, () => {
      const problems: string[] = [];
      for (const name of PRESET_NAMES) {
        const trace = traceOf(name, profile);
        for (const [width, fontSize] of sizes) {
          for (const text of [ENGLISH_LADDER_TEXT, chineseText]) {
            for (let cursor = 0; cursor < trace.events.length; cursor++) {
              const layout = layoutLadder(trace, cursor, { width, fontSize, text });
              for (const o of overlapsIn(layout))
                problems.push(`${name} @${cursor} ${width}px/${fontSize}: ${o}`);
            }
          }
        }
      }
      expect(problems.length, problems.slice(0, 12).join('\n')).toBe(0);
    });
  }

  it('sizes each label box to hold its text at the font size', () => {
    for (const fontSize of [12, 18]) {
      const trace = traceOf('lost-syn-ack', 'linux');
      const layout = layoutLadder(trace, trace.events.length - 1, {
        width: 480,
        fontSize,
        text: chineseText,
      });
      for (const a of layout.arrows) {
        const longest = Math.max(...a.lines.map((l) => l.length));
        expect(a.labelBox.width).toBeGreaterThanOrEqual(longest * MONO_EM * fontSize);
        expect(a.labelBox.height).toBeGreaterThanOrEqual(a.lines.length * LINE_EM * fontSize);
        if (a.tag) {
          // The Chinese tag "重传" is two full-width characters: 1 em each.
          expect(a.tagBox?.width).toBeGreaterThanOrEqual([...a.tag].length * fontSize);
          expect(a.tagBox?.height).toBeGreaterThanOrEqual(LINE_EM * fontSize);
        }
        if (a.crossBox) expect(a.crossBox.width).toBeGreaterThanOrEqual(2 * a.cross);
      }
    }
  });

  it('keeps every label inside the wire, clear of the lifelines, and inside the drawing', () => {
    for (const name of PRESET_NAMES) {
      for (const profile of profiles) {
        const trace = traceOf(name, profile);
        const layout = layoutLadder(trace, trace.events.length - 1, { width: 480, maxRows: Infinity });
        for (const a of layout.arrows) {
          for (const box of [a.labelBox, a.tagBox].filter((b): b is Rect => b !== null)) {
            expect(box.x, `${name} #${a.id}`).toBeGreaterThan(layout.aX);
            expect(box.x + box.width, `${name} #${a.id}`).toBeLessThan(layout.bX);
            expect(box.y).toBeGreaterThanOrEqual(layout.top);
            expect(box.y + box.height).toBeLessThanOrEqual(layout.top + layout.height);
          }
        }
      }
    }
  });
});

describe('segments sent at the same instant', () => {
  for (const profile of profiles) {
    it(`leave their lifeline at distinct heights, in every preset (${profile})`, () => {
      let sameInstant = 0;
      for (const name of PRESET_NAMES) {
        const trace = traceOf(name, profile);
        const layout = layoutLadder(trace, trace.events.length - 1, {
          maxRows: Infinity,
          maxArrows: Infinity,
        });
        const byTime = new Map<number, number[]>();
        for (const a of layout.arrows) {
          const send = trace.events[a.sendIndex];
          if (send?.type !== 'send') throw new Error('expected a send');
          byTime.set(send.t, [...(byTime.get(send.t) ?? []), a.y1]);
        }
        for (const [t, ys] of byTime) {
          if (ys.length > 1) sameInstant++;
          expect(new Set(ys).size, `${name} at ${t} ms`).toBe(ys.length);
        }
      }
      // The presets do send at one instant (lost-syn-ack's two ACKs at 1110 ms, simultaneous open and close).
      expect(sameInstant).toBeGreaterThan(0);
    });
  }

  it('draws lost-syn-ack under Linux with the two ACKs A sends at once apart, and parallel', () => {
    const trace = traceOf('lost-syn-ack', 'linux');
    const layout = layoutLadder(trace, trace.events.length - 1);
    const acks = layout.arrows.filter((a) => a.from === 'A' && a.full.startsWith('ACK '));
    expect(acks.length).toBeGreaterThanOrEqual(2);
    const [first, second] = acks as [LadderArrow, LadderArrow];
    expect(second.y1 - first.y1).toBeGreaterThan(layout.fontSize / 2);
    expect(second.y2 - second.y1).toBeCloseTo(first.y2 - first.y1, 5);
  });
});

describe('labels grow with the font size', () => {
  it('spaces rows and labels for the text size it is given', () => {
    const trace = traceOf('rfc9293-fig6', 'rfc');
    const last = trace.events.length - 1;
    const small = layoutLadder(trace, last, { width: 900, fontSize: 12 });
    const large = layoutLadder(trace, last, { width: 900, fontSize: 24 });
    expect(large.fontSize).toBe(24);
    expect(large.height).toBeGreaterThan(1.8 * small.height);
    const gaps = (l: LadderLayout) => l.rows.slice(1).map((r, i) => r.y - (l.rows[i] as { y: number }).y);
    expect(Math.min(...gaps(large))).toBeGreaterThanOrEqual(2 * Math.min(...gaps(small)) - 0.5);
  });
});
