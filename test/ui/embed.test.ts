/**
 * Embed mode's pure parts (src/ui/embed.ts, hooks/useHostMessages.ts, hooks/useEmbedSteps.ts): the query it
 * reads, the messages a change of the lesson run posts, and the cut of a lesson to a range of steps.
 * Oracles: the documented query and message shapes, and the shipped handshake lesson's own steps.
 */
import { describe, expect, it } from 'vitest';
import { loadLesson } from '../../src/lessons/index';
import type { Lesson } from '../../src/lessons/types';
import type { LessonRun } from '../../src/store/lesson';
import { embedOptions, fullAppUrl } from '../../src/ui/embed';
import { cutLesson, embedStepsIssue } from '../../src/ui/hooks/useEmbedSteps';
import { hostMessages } from '../../src/ui/hooks/useHostMessages';

describe('embed options', () => {
  it('reads ?embed=1 and a step range; anything else is not embed mode or a note', () => {
    expect(embedOptions('?embed=1')).toEqual({ on: true, steps: null, notes: [] });
    expect(embedOptions('?embed=1&steps=2-4').steps).toEqual({ first: 2, last: 4 });
    expect(embedOptions('?embed=1&steps=3').steps).toEqual({ first: 3, last: 3 });
    expect(embedOptions('').on).toBe(false);
    expect(embedOptions('?embed=0').on).toBe(false);
    expect(embedOptions('?embed=true').on).toBe(false);
    for (const bad of ['4-2', '0-3', '1-99', 'x', '-1', '2-']) {
      const o = embedOptions(`?embed=1&steps=${bad}`);
      expect(o.steps, bad).toBeNull();
      expect(o.notes[0], bad).toMatch(/^steps: expected a step or a range like 2-4/);
    }
    expect(embedOptions(`?embed=1&steps=${'9'.repeat(5000)}`).on).toBe(false);
  });

  it('"Open in synack" is the same address without embed mode', () => {
    expect(fullAppUrl('https://x.test/app/?embed=1&steps=1-2#lesson=handshake&step=2')).toBe(
      'https://x.test/app/#lesson=handshake&step=2',
    );
    expect(fullAppUrl('not a url')).toBe('not a url');
  });
});

describe('a lesson cut to its embedded steps', () => {
  const lesson = loadLesson('handshake') as Lesson;

  it('keeps exactly those steps, under an id of its own', () => {
    const cut = cutLesson(lesson, 2, 4) as Lesson;
    expect(cut.steps).toEqual(lesson.steps.slice(1, 4));
    expect(cut.id).toBe('handshake-2-4');
    expect(cutLesson(lesson, 2, 99)?.steps.length).toBe(lesson.steps.length - 1);
    expect(cutLesson(lesson, lesson.steps.length + 1, lesson.steps.length + 2)).toBeNull();
  });
});

describe('host messages', () => {
  const lesson = loadLesson('handshake') as Lesson;
  const progress = { step: 0, done: [], right: 0, asked: 0, seed: 1, completed: false };
  const run = (patch: Partial<LessonRun>): LessonRun =>
    ({ lesson, source: 'registry', step: 0, seed: 1, checkpoint: null, progress, ...patch }) as LessonRun;
  const as = () => ({ lesson: 'handshake', offset: 1 });
  const open = { attempts: 0, status: 'open', last: null, hint: null } as const;

  it('a checkpoint settled (right, or its answer shown) is one message, with the step as the page numbers it', () => {
    const before = run({ step: 2, checkpoint: open });
    const right = run({ step: 2, checkpoint: { ...open, attempts: 1, status: 'right' } });
    expect(hostMessages(before, right, as)).toEqual([
      { type: 'synack:checkpoint', lesson: 'handshake', step: 4, correct: true, attempts: 1 },
    ]);
    const shown = run({ step: 2, checkpoint: { ...open, attempts: 2, status: 'shown' } });
    expect(hostMessages(before, shown, as)[0]).toMatchObject({ correct: false, attempts: 2 });
    // A miss that leaves it open, a step opened already settled, or nothing new: no message.
    expect(hostMessages(before, run({ step: 2, checkpoint: { ...open, attempts: 1 } }), as)).toEqual([]);
    expect(hostMessages(run({ step: 1 }), right, as)).toEqual([]);
    expect(hostMessages(right, right, as)).toEqual([]);
    expect(hostMessages(before, null, as)).toEqual([]);
  });

  it('the lesson completing is one message with the score', () => {
    const before = run({ progress: { ...progress, right: 3, asked: 4 } });
    const after = run({ progress: { ...progress, right: 3, asked: 4, completed: true } });
    expect(hostMessages(before, after, as)).toEqual([
      { type: 'synack:lesson-complete', lesson: 'handshake', score: 0.75, right: 3, asked: 4 },
    ]);
    expect(hostMessages(after, after, as)).toEqual([]);
    const none = run({ progress: { ...progress, completed: true } });
    expect(hostMessages(run({}), none, as)[0]).toMatchObject({ score: 1, right: 0, asked: 0 });
  });
});

describe('a bad embed step range is shown, not dropped', () => {
  // The notes embedOptions collects reached no one: `?embed=1&steps=x`, or steps past the lesson's end,
  // silently showed the whole lesson. Oracle: the handshake lesson's own step count.
  const lesson = loadLesson('handshake') as Lesson;
  const n = lesson.steps.length;
  const issueOf = (search: string) => embedStepsIssue(embedOptions(search), search, n);

  it('names the steps parameter with the range there is, in the link issue form', () => {
    for (const bad of ['x', '4-2', '0', `${n + 1}`, `${n + 1}-${n + 3}`]) {
      const found = issueOf(`?embed=1&steps=${bad}`);
      expect(found?.path, bad).toBe('link steps');
      expect(found?.message, bad).toBe(`expected an integer from 1 to ${n}, got "${bad}"`);
    }
  });

  it('a good range, no range, or no embed mode is no problem', () => {
    expect(issueOf('?embed=1&steps=2-3')).toBeNull();
    expect(issueOf(`?embed=1&steps=2-${n + 5}`)).toBeNull(); // clamped to the lesson, as cutLesson does
    expect(issueOf('?embed=1')).toBeNull();
    expect(issueOf('?steps=x')).toBeNull();
  });
});
