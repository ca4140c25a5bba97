import { describe, expect, it } from 'vitest';
import { loadPreset } from '../../src/scenarios';
import { runScenario } from '../../src/tcp';
import type { ScenarioInput, Trace } from '../../src/tcp/types';
import { layoutLadder } from '../../src/ui/ladderLayout';

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

  it('keeps the lifelines inside the drawing at any width, and shortens labels on a narrow wire', () => {
    const trace = preset('rfc9293-fig6');
    for (const width of [340, 400, 560]) {
      const layout = layoutLadder(trace, 21, { width });
      expect(layout.width).toBe(width);
      expect(layout.aX).toBeGreaterThan(0);
      expect(layout.bX).toBeLessThan(width);
      expect(layout.bX).toBeGreaterThan(layout.aX);
    }
    expect(layoutLadder(trace, 21, { width: 340 }).compactLabels).toBe(true);
    expect(layoutLadder(trace, 21).compactLabels).toBe(false);
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
