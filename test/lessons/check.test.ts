import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { oneByteFlood } from '../../bench/scenarios';
import { checkLessonRuns } from '../../src/lessons/check';
import type { Lesson } from '../../src/lessons/types';
import { SYNC_EVENT_BUDGET } from '../../src/store/compute';
import { sim } from '../cli/helpers';

const TINY_PATH = 'test/lessons/fixtures/tiny.json';
const tiny = (): Lesson => JSON.parse(readFileSync(TINY_PATH, 'utf8')) as Lesson;

/** A lesson file's bytes served to the in-process `sim` as the file "lesson.json". */
const serving = (lesson: unknown) => ({
  readBytes: (path: string) => {
    if (path !== 'lesson.json') throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    return new TextEncoder().encode(typeof lesson === 'string' ? lesson : JSON.stringify(lesson));
  },
});

describe('checkLessonRuns: what only the runs can show', () => {
  it('the example lesson works, with and without fresh numbers', () => {
    expect(checkLessonRuns(tiny())).toEqual([]);
    expect(checkLessonRuns(tiny(), 4_000_000_000)).toEqual([]);
  });

  it('an anchor with no event, a checkpoint with no answer, a choice without its answer', () => {
    const lesson = tiny();
    // figure 6 has no timer: nothing fires in a clean handshake.
    (lesson.steps[0] as Lesson['steps'][number]).to = { type: 'timer' };
    // After the last event there is no next segment.
    lesson.steps[1] = { ...(lesson.steps[1] as Lesson['steps'][number]), to: 'end' };
    // connection-refused: A sees ECONNREFUSED (RFC 9293 §3.10.7.3, a RST in SYN-SENT), not listed here.
    const refused = lesson.steps[3] as Lesson['steps'][number];
    if (refused.checkpoint?.kind === 'choice') refused.checkpoint.choices = ['ETIMEDOUT', 'none'];
    expect(checkLessonRuns(lesson)).toEqual([
      { path: '$.steps[0].to', kind: 'unresolved-anchor' },
      { path: '$.steps[1].checkpoint', kind: 'no-answer' },
      { path: '$.steps[3].checkpoint.choices', kind: 'answer-not-in-choices', answer: 'ECONNREFUSED' },
    ]);
  });
});

describe('sim lesson-check', () => {
  it('a valid lesson: one line on stdout, exit 0', () => {
    const run = sim(['lesson-check', TINY_PATH]);
    expect(run).toEqual({
      code: 0,
      stdout: `${TINY_PATH}: lesson "my-first-lesson" is valid: 4 steps, 3 checkpoints; every anchor names an event and every checkpoint has an answer\n`,
      stderr: '',
    });
  });

  it('schema problems by JSON path, exit 1', () => {
    const lesson = tiny();
    const text: Partial<Lesson['steps'][number]['text']> = (lesson.steps[0] as Lesson['steps'][number]).text;
    delete text['zh-CN'];
    const run = sim(['lesson-check', 'lesson.json'], serving(lesson));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('sim: lesson.json: $.steps[0].text["zh-CN"]: missing required key "zh-CN"\n');
  });

  it('a duplicate key with its line and column; run problems under a seed', () => {
    const run = sim(['lesson-check', 'lesson.json'], serving('{\n"version": 1,\n"version": 1}'));
    expect(run.stderr).toMatch(
      /^sim: lesson\.json: \$\.version: duplicate key "version" at line 3, column 1 /,
    );
    const lesson = tiny();
    (lesson.steps[0] as Lesson['steps'][number]).to = { type: 'timer' };
    const seeded = sim(['lesson-check', 'lesson.json', '--seed', '9'], serving(lesson));
    expect(seeded.code).toBe(1);
    expect(seeded.stderr).toBe("sim: lesson.json: $.steps[0].to: names no event of this step's run\n");
  });

  it('usage errors: exit 2, one line', () => {
    expect(sim(['lesson-check']).code).toBe(2);
    expect(sim(['lesson-check', 'a.json', '--profile', 'rfc']).stderr).toBe(
      'sim: --profile is not valid with lesson-check\n',
    );
    expect(sim(['lesson-check', 'missing.json'], serving({})).stderr).toBe(
      'sim: missing.json: cannot read the file (no such file)\n',
    );
  });
});

describe('sim lesson-check on a step too long for the page', () => {
  // The page runs a step on its own thread only within SYNC_EVENT_BUDGET events and refuses a longer one
  // (src/store/lessonRun.ts), so lesson-check must say so too, and quickly: a 1,000,000-event step run to
  // its end takes seconds and ~400 MB, and a lesson may have 40 of them (each with a comparison).
  it('names the step, exits 1, and does not run the whole scenario', () => {
    const lesson = tiny();
    const flood = oneByteFlood(1_000_000);
    lesson.steps = Array.from({ length: 10 }, () => ({
      text: { en: 'x', 'zh-CN': 'x' },
      scenario: flood,
      compare: { title: { en: 'y', 'zh-CN': 'y' }, scenario: flood },
    }));
    const t0 = performance.now();
    const run = sim(['lesson-check', 'lesson.json'], serving(lesson));
    const ms = performance.now() - t0;
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines.length).toBe(20);
    expect(lines[0]).toBe(
      `sim: lesson.json: $.steps[0].scenario: runs longer than the page runs a lesson step (more than ${SYNC_EVENT_BUDGET.toLocaleString('en-US')} events)`,
    );
    expect(lines[1]).toBe(
      `sim: lesson.json: $.steps[0].compare.scenario: runs longer than the page runs a lesson step (more than ${SYNC_EVENT_BUDGET.toLocaleString('en-US')} events)`,
    );
    // 20 runs of 10,000 events (~4 s on this 2-core machine); before the bound, 20 whole runs took ~60 s.
    expect(ms).toBeLessThan(25_000);
  }, 120_000);
});

describe('a step whose to comes before its from', () => {
  // Such a step plays nothing (stepRange clamps to to from): an instructor's slip the page cannot show as
  // meant. Oracle: figure 6's trace order (the SYN is sent before the final ACK is delivered).
  it('is a problem at its to, named; from and to on one event is fine', () => {
    const lesson = tiny();
    const step = lesson.steps[0] as Lesson['steps'][number];
    lesson.steps = [
      {
        ...step,
        checkpoint: undefined,
        from: { type: 'deliver', flags: 'ACK' },
        to: { type: 'send', flags: 'SYN' },
      },
      {
        ...step,
        checkpoint: undefined,
        from: { type: 'send', flags: 'SYN' },
        to: { type: 'send', flags: 'SYN' },
      },
    ];
    expect(checkLessonRuns(lesson)).toEqual([{ path: '$.steps[0].to', kind: 'to-before-from' }]);
    const run = sim(['lesson-check', 'lesson.json'], serving(lesson));
    expect(run.stderr).toBe(
      'sim: lesson.json: $.steps[0].to: names an event before the step\'s "from": the step would play nothing\n',
    );
  });
});
