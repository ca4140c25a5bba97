import { describe, expect, it } from 'vitest';
import { listPresets, loadPreset } from '../../src/scenarios';
import { runScenario } from '../../src/tcp';
import type { State, StateEvent, Trace } from '../../src/tcp/types';
import { STATES } from '../../src/tcp/types';
import {
  arcPath,
  BOX_HEIGHT,
  BOX_WIDTH,
  EDGES,
  edgeFor,
  figureEdgeOf,
  lastStateEventIndex,
  NODES,
  nodeFor,
  VIEW_HEIGHT,
  VIEW_WIDTH,
} from '../../src/ui/stateGraph';

const stateEvent = (from: State, to: State, explain: StateEvent['explain']): StateEvent => ({
  t: 0,
  type: 'state',
  endpoint: 'A',
  from,
  to,
  explain,
  rfc: '',
});

describe('Figure 5 as data', () => {
  it('every state has a box, and every box fits the drawing without overlapping another', () => {
    for (const state of STATES) expect(NODES.some((n) => n.state === state)).toBe(true);
    for (const n of NODES) {
      expect(n.x - BOX_WIDTH / 2).toBeGreaterThanOrEqual(0);
      expect(n.x + BOX_WIDTH / 2).toBeLessThanOrEqual(VIEW_WIDTH);
      expect(n.y - BOX_HEIGHT / 2).toBeGreaterThanOrEqual(0);
      expect(n.y + BOX_HEIGHT / 2).toBeLessThanOrEqual(VIEW_HEIGHT);
      for (const m of NODES) {
        if (m === n) continue;
        const apart = Math.abs(m.x - n.x) >= BOX_WIDTH || Math.abs(m.y - n.y) >= BOX_HEIGHT;
        expect(apart, `${n.id} overlaps ${m.id}`).toBe(true);
      }
    }
  });

  it('every edge joins known boxes, once', () => {
    const ids = new Set(NODES.map((n) => n.id));
    const seen = new Set<string>();
    for (const e of EDGES) {
      expect(ids.has(e.from), e.from).toBe(true);
      expect(ids.has(e.to), e.to).toBe(true);
      expect(seen.has(`${e.from}>${e.to}`)).toBe(false);
      seen.add(`${e.from}>${e.to}`);
    }
  });

  const figure5: [State, State, string][] = [
    ['CLOSED', 'LISTEN', 'passive OPEN'],
    ['CLOSED', 'SYN-SENT', 'active OPEN'],
    ['LISTEN', 'SYN-RECEIVED', 'rcv SYN'],
    ['LISTEN', 'SYN-SENT', 'SEND'],
    ['LISTEN', 'CLOSED', 'CLOSE'],
    ['SYN-SENT', 'SYN-RECEIVED', 'rcv SYN'],
    ['SYN-SENT', 'ESTABLISHED', 'rcv SYN,ACK'],
    ['SYN-SENT', 'CLOSED', 'CLOSE'],
    ['SYN-RECEIVED', 'ESTABLISHED', 'rcv ACK of SYN'],
    ['SYN-RECEIVED', 'FIN-WAIT-1', 'CLOSE'],
    ['SYN-RECEIVED', 'LISTEN', 'rcv RST (note 1)'],
    ['ESTABLISHED', 'FIN-WAIT-1', 'CLOSE'],
    ['ESTABLISHED', 'CLOSE-WAIT', 'rcv FIN'],
    ['FIN-WAIT-1', 'FIN-WAIT-2', 'rcv ACK of FIN'],
    ['FIN-WAIT-1', 'CLOSING', 'rcv FIN'],
    ['FIN-WAIT-2', 'TIME-WAIT', 'rcv FIN'],
    ['CLOSING', 'TIME-WAIT', 'rcv ACK of FIN'],
    ['CLOSE-WAIT', 'LAST-ACK', 'CLOSE'],
    ['LAST-ACK', 'CLOSED', 'rcv ACK of FIN'],
    ['TIME-WAIT', 'CLOSED', 'Timeout=2MSL'],
  ];

  it.each(figure5)('edgeFor finds %s → %s ("%s")', (from, to, event) => {
    expect(edgeFor(from, to)?.event).toBe(event);
  });

  it('has exactly the 20 edges of Figure 5', () => {
    expect(EDGES).toHaveLength(figure5.length);
  });

  it('edgeFor returns undefined for a transition the figure does not draw', () => {
    expect(edgeFor('ESTABLISHED', 'CLOSED')).toBeUndefined();
    expect(edgeFor('FIN-WAIT-1', 'TIME-WAIT')).toBeUndefined(); // note 2
    expect(edgeFor('SYN-RECEIVED', 'CLOSED')).toBeUndefined();
  });

  it('the connection ends in the bottom CLOSED box, like the figure', () => {
    expect(edgeFor('TIME-WAIT', 'CLOSED')?.to).toBe('CLOSED-end');
    expect(edgeFor('LAST-ACK', 'CLOSED')?.to).toBe('CLOSED-end');
    expect(edgeFor('SYN-SENT', 'CLOSED')?.to).toBe('CLOSED');
    expect(nodeFor('CLOSED', undefined)).toBe('CLOSED');
    expect(nodeFor('CLOSED', stateEvent('ESTABLISHED', 'CLOSED', 'rst-reset'))).toBe('CLOSED-end');
    expect(nodeFor('CLOSED', stateEvent('SYN-SENT', 'CLOSED', 'synsent-rst-refused'))).toBe('CLOSED');
    expect(nodeFor('LISTEN', stateEvent('CLOSED', 'LISTEN', 'open-passive'))).toBe('LISTEN');
  });

  it('an edge shared with a RST, crash or abort lights only for the cause the figure names (note 3)', () => {
    expect(figureEdgeOf(stateEvent('SYN-SENT', 'CLOSED', 'close-before-sync'))?.event).toBe('CLOSE');
    expect(figureEdgeOf(stateEvent('SYN-SENT', 'CLOSED', 'synsent-rst-refused'))).toBeUndefined();
    expect(figureEdgeOf(stateEvent('TIME-WAIT', 'CLOSED', 'rst-close'))).toBeUndefined();
    expect(figureEdgeOf(stateEvent('LAST-ACK', 'CLOSED', 'crash'))).toBeUndefined();
    expect(figureEdgeOf(stateEvent('SYN-RECEIVED', 'LISTEN', 'synrcvd-rst-listen'))?.event).toBe(
      'rcv RST (note 1)',
    );
    expect(figureEdgeOf(stateEvent('ESTABLISHED', 'FIN-WAIT-1', 'close'))?.event).toBe('CLOSE');
  });

  it('every preset handshake and teardown follows the figure (only resets, crashes and aborts leave it)', () => {
    const offCauses = new Set<string>();
    for (const p of listPresets()) {
      const trace = runScenario(loadPreset(p.name) as NonNullable<ReturnType<typeof loadPreset>>);
      for (const e of trace.events) if (e.type === 'state' && !figureEdgeOf(e)) offCauses.add(e.explain);
    }
    for (const cause of offCauses) expect(cause).toMatch(/rst|reset|refused|crash|abort|give-up|syn-listen/);
  });

  it('off-figure arcs are well-formed paths', () => {
    expect(arcPath('ESTABLISHED', 'CLOSED-end')).toMatch(/^M[\d.]+,[\d.]+ Q[\d.]+,[\d.]+ [\d.]+,[\d.]+$/);
  });
});

describe('lastStateEventIndex', () => {
  const trace = runScenario(
    loadPreset('rfc9293-fig6') as NonNullable<ReturnType<typeof loadPreset>>,
  ) as Trace;
  const naive = (cursor: number, endpoint: 'A' | 'B') => {
    for (let i = Math.min(cursor, trace.events.length - 1); i >= 0; i--) {
      const e = trace.events[i];
      if (e?.type === 'state' && e.endpoint === endpoint) return i;
    }
    return -1;
  };

  it('finds the last state event of each endpoint at or before every cursor', () => {
    for (let cursor = -1; cursor < trace.events.length; cursor++) {
      expect(lastStateEventIndex(trace, cursor, 'A')).toBe(naive(cursor, 'A'));
      expect(lastStateEventIndex(trace, cursor, 'B')).toBe(naive(cursor, 'B'));
    }
  });
});
