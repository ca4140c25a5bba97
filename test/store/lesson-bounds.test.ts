/**
 * Hostile lesson files in the page: every step runs the engine on the page thread (lessonRun.ts loadStep),
 * so that work must stay within the page's synchronous budget (SYNC_EVENT_BUDGET events) whatever a step's
 * scenario asks for. Fresh numbers are read from a finished run (then the shifted copy is run and compared),
 * so a step on a 1,000,000-event scenario (the schema's largest maxEvents) must be refused, named by its
 * path, before any fresh numbers are drawn. (Counted, not timed: speed is for the
 * benchmarks.)
 */
import { describe, expect, it, vi } from 'vitest';
import { oneByteFlood } from '../../bench/scenarios';
import * as fresh from '../../src/lessons/fresh';
import { validateLesson } from '../../src/lessons/schema';
import type { Lesson } from '../../src/lessons/types';
import { loadStep } from '../../src/store/lessonRun';

vi.mock('../../src/lessons/fresh', async (actual) => {
  const mod = await actual<typeof import('../../src/lessons/fresh')>();
  return { ...mod, shiftedBy: vi.fn(mod.shiftedBy) };
});

const text = { en: 'x', 'zh-CN': 'x' };
function lessonOf(scenario: unknown): Lesson {
  const r = validateLesson({
    version: 1,
    id: 'hostile',
    title: text,
    summary: text,
    minutes: 1,
    steps: [{ text, scenario }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.lesson;
}

describe('a lesson step on an enormous scenario', () => {
  it('is refused within the page budget, named by its path, without running the whole scenario', () => {
    const lesson = lessonOf(oneByteFlood(1_000_000));
    vi.mocked(fresh.shiftedBy).mockClear();
    const r = loadStep(lesson, 0, 12345, false, new Map());
    expect(r.ok).toBe(false);
    expect(fresh.shiftedBy).not.toHaveBeenCalled();
    if (!r.ok) {
      expect(r.issues.map((i) => i.path)).toEqual(['$.steps[0].scenario']);
      // Says what is wrong (not "expected a scenario that can be read, got nothing").
      expect(r.issues[0]?.message).toBe(
        'the run is longer than 10,000 events; a lesson step must end within that, as the page runs each step at once',
      );
    }
  }, 60_000);

  it('a short scenario still gets fresh numbers (the bound does not change what a lesson shows)', () => {
    const lesson = lessonOf('rfc9293-fig6');
    vi.mocked(fresh.shiftedBy).mockClear();
    const a = loadStep(lesson, 0, 1, false, new Map());
    const b = loadStep(lesson, 0, 2, false, new Map());
    expect(fresh.shiftedBy).toHaveBeenCalledTimes(2);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) {
      expect(a.step.fresh).toBe(true);
      const synA = a.step.timeline.trace.events.find((e) => e.type === 'send');
      const synB = b.step.timeline.trace.events.find((e) => e.type === 'send');
      expect(synA?.type === 'send' && synB?.type === 'send' && synA.segment.seq !== synB.segment.seq).toBe(
        true,
      );
      // The scenario the page shows keeps the step's own options (no budget left in it).
      expect(a.step.scenario.options?.maxEvents).toBe(undefined);
    }
  });
});
