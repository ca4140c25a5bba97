// @vitest-environment jsdom
/**
 * The wire's pills (Stage.tsx): where each is drawn and how it comes and goes. Oracles: the trace (a pill
 * is there from its send to its arrival, `progress` of the way along), the direction of the segment, and
 * how the cursor moved (a step animates, a jump redraws in place).
 */
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { progress, segmentLives } from '../../src/store/selectors';
import { cleanupAfterEach, renderApp } from './helpers';

cleanupAfterEach();

const pills = () => [
  ...within(screen.getByRole('region', { name: 'Segments in flight between A and B' })).queryAllByRole(
    'listitem',
  ),
];
const x = (li: HTMLElement) => Number(li.style.getPropertyValue('--x'));

describe('segment pills', () => {
  it('a step that sends a segment adds a pill that flies in from its sender, at its place on the wire', () => {
    const { store } = renderApp('rfc9293-fig6');
    const trace = store.getState().timeline.trace;
    const syn = segmentLives(trace)[0];
    if (!syn) throw new Error('no segment');
    act(() => store.getState().seek(syn.sendIndex - 1));
    expect(pills()).toHaveLength(0);
    act(() => store.getState().step(1));
    const [li] = pills();
    if (!li) throw new Error('no pill');
    expect(li.className).toContain('from-A');
    expect(li.className).toContain('entering');
    // Just sent: at A's edge (0 of the way to B).
    expect(x(li)).toBe(0);
    // One event later it is still on the wire, further along by the time that passed.
    act(() => store.getState().step(1));
    const now = trace.events[syn.sendIndex + 1]?.t ?? 0;
    const later = pills()[0];
    if (!later) throw new Error('the pill left too early');
    expect(x(later)).toBeCloseTo(progress(syn, now), 6);
  });

  it('a jump draws the pills in place (no fly-in), and a pill that has landed fades out, then goes', () => {
    vi.useFakeTimers();
    try {
      const { store } = renderApp('rfc9293-fig6');
      const trace = store.getState().timeline.trace;
      const syn = segmentLives(trace)[0];
      if (!syn) throw new Error('no segment');
      act(() => store.getState().seek(syn.endIndex)); // a jump to the SYN's arrival
      const [landing] = pills();
      if (!landing) throw new Error('no pill at the arrival');
      expect(landing.className).not.toContain('entering');
      expect(landing.className).toContain('arrived');
      expect(x(landing)).toBe(1);
      act(() => store.getState().step(1));
      const leaving = pills().find((li) => li.className.includes('arrived'));
      expect(leaving?.className).toContain('leaving');
      act(() => {
        vi.advanceTimersByTime(500);
      });
      expect(pills().some((li) => li.className.includes('leaving'))).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
