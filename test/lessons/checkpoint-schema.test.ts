/**
 * validateCheckpoint: one checkpoint checked as a lesson step's is (a classroom question is a checkpoint,
 * issue 11). Every shipped checkpoint passes; a bad one is reported at its own JSON path, from "$".
 */
import { describe, expect, it } from 'vitest';
import { LESSON_IDS, loadLesson } from '../../src/lessons/index';
import { validateCheckpoint } from '../../src/lessons/schema';

describe('validateCheckpoint', () => {
  it('every checkpoint of every shipped lesson passes, unchanged', () => {
    let seen = 0;
    for (const id of LESSON_IDS)
      for (const step of loadLesson(id)?.steps ?? []) {
        if (!step.checkpoint) continue;
        seen++;
        expect(validateCheckpoint(step.checkpoint)).toEqual({ ok: true, checkpoint: step.checkpoint });
      }
    expect(seen).toBeGreaterThan(40); // 7 lessons, most steps ask something
  });

  it('issues at the checkpoint\'s own paths: "$" for a non-object, "$.figure.endpoint", "$.question[\\"zh-CN\\"]"', () => {
    const at = (json: unknown) => {
      const r = validateCheckpoint(json);
      return r.ok ? [] : r.issues.map((i) => i.path);
    };
    expect(at('next-segment')).toEqual(['$']);
    expect(at({ kind: 'next-state' })).toEqual(['$.endpoint']);
    expect(
      at({ kind: 'number', figure: { figure: 'send-count', endpoint: 'C' }, question: { en: 'n' } }),
    ).toEqual(['$.figure.endpoint', '$.question["zh-CN"]']);
  });

  it('a number question about a named figure, and a choice about a number without choices, are refused', () => {
    const question = { en: 'q', 'zh-CN': '问' };
    expect(
      validateCheckpoint({ kind: 'number', figure: { figure: 'final-state', endpoint: 'A' }, question }).ok,
    ).toBe(false);
    expect(validateCheckpoint({ kind: 'choice', figure: { figure: 'handshake-ms' }, question }).ok).toBe(
      false,
    );
    expect(
      validateCheckpoint({ kind: 'choice', figure: { figure: 'final-state', endpoint: 'A' }, question }).ok,
    ).toBe(true);
  });
});
