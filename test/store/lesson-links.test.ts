/**
 * Hostile `#lesson=` links (issue 10 "Unknown id or bad step → the page's problem banner names it"). The
 * rule the scenario links already follow (src/store/url.ts): a parameter given twice, or two things to open
 * in one link, is a problem named by the parameter, never one copy winning silently. Oracles: the link
 * parameters named in the issue and design (lesson, step, seed, lang) and the scenario link's own rules.
 */
import { describe, expect, it } from 'vitest';
import { loadLesson } from '../../src/lessons/index';
import { parseLessonText } from '../../src/lessons/schema';
import { createAppStore } from '../../src/store';
import { lessonToLink } from '../../src/store/lessonRun';

async function open(hash: string) {
  const store = createAppStore({});
  const ok = await store.getState().openLessonLink(hash);
  return { ok, problem: store.getState().problem, run: store.getState().lessonRun };
}

describe('lesson links a careless or hostile user makes', () => {
  it.each(['lesson', 'step', 'seed', 'lang'])(
    '%s given twice is named, not one copy winning',
    async (name) => {
      const twice = {
        lesson: 'lesson=handshake&lesson=teardown',
        step: 'lesson=handshake&step=1&step=2',
        seed: 'lesson=handshake&seed=5&seed=5',
        lang: 'lesson=handshake&lang=en&lang=zh-CN',
      }[name];
      const r = await open(`#${twice}`);
      expect(r.ok).toBe(false);
      expect(r.run).toBeNull();
      expect(r.problem?.issues[0]?.path).toBe(`link ${name}`);
      expect(r.problem?.issues[0]?.message).toBe('expected the parameter once, got it 2 times');
    },
  );

  it.each(['p=rfc9293-fig6', 's=AAAA'])(
    'a lesson beside a scenario (%s) is named, not one ignored',
    async (extra) => {
      const r = await open(`#lesson=handshake&${extra}`);
      expect(r.ok).toBe(false);
      expect(r.run).toBeNull();
      expect(r.problem?.issues[0]?.path).toBe('link');
      expect(r.problem?.issues[0]?.message).toBe(
        'a link holds a lesson (lesson=…) or a scenario (p=… or s=…), not both',
      );
    },
  );

  it('an empty lesson= names the lessons there are (not "invalid JSON at byte offset 0")', async () => {
    const r = await open('#lesson=&step=1');
    expect(r.ok).toBe(false);
    expect(r.problem?.issues[0]?.path).toBe('link lesson');
    expect(r.problem?.issues[0]?.message).toContain('handshake');
  });

  it('a lesson link too large says how large it is, not the limit twice', async () => {
    const lesson = loadLesson('handshake');
    if (!lesson) throw new Error('no handshake lesson');
    // ~2 MB of JSON: the first step's text padded (the size check comes before the schema).
    const big = JSON.parse(JSON.stringify(lesson));
    big.steps[0].text.en = 'x'.repeat(2 * 1024 * 1024);
    const r = await open(`#lesson=${lessonToLink(big)}`);
    expect(r.ok).toBe(false);
    expect(r.problem?.issues[0]?.message).toMatch(/^the file is 2(\.0)? MB: /);
    // The same through parseLessonText directly (the import path).
    const direct = parseLessonText(JSON.stringify(big));
    expect(!direct.ok && direct.issues[0]?.message).toMatch(/^the file is 2(\.0)? MB: /);
  });

  it('a good link still opens at its step with its seed', async () => {
    const r = await open('#lesson=handshake&step=2&seed=4294967295&lang=en');
    expect(r.ok).toBe(true);
    expect(r.run?.step).toBe(1);
    expect(r.run?.seed).toBe(4294967295);
  });
});
