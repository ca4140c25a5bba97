/**
 * The projected teacher page in Chromium (issue 11): in presenter mode, with students joined and a
 * question open, the teacher panel is a strip and the simulation stays on screen — both endpoint cards of
 * the stage and the playback controls lie inside the viewport without scrolling, at 1920×1080 and
 * 1024×768, in en and zh-CN; and a student's ?join= link opens the join form alone with the focus in
 * Nickname. Against a real classroom server; a student joins through the pinned API.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teachEn, teachZh } from '../../src/i18n/teach';
import { launch } from './browser';
import { type ClassroomProcess, dataDir, removeDataDir, startClassroom } from './classroom-server';

let browser: Browser;
let server: ClassroomProcess;
let dir: string;

beforeAll(async () => {
  dir = dataDir();
  server = await startClassroom(`${dir}/class.db`);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  removeDataDir(dir);
});

/** The box of `selector` lies wholly inside the viewport (nothing scrolled). */
async function inView(page: Page, selector: string): Promise<{ bottom: number; height: number }> {
  return page.evaluate((s) => {
    const box = document.querySelector(s)?.getBoundingClientRect();
    return { bottom: box ? box.bottom : Number.POSITIVE_INFINITY, height: window.innerHeight };
  }, selector);
}

describe('the projected teacher page', () => {
  for (const [width, height] of [
    [1920, 1080],
    [1024, 768],
  ] as const)
    for (const lang of ['en', 'zh-CN'] as const)
      it(`${width}×${height} presenter, ${lang}: the stage's cards and the controls stay in view`, async () => {
        const words = lang === 'en' ? teachEn : teachZh;
        const context = await browser.newContext({ viewport: { width, height }, reducedMotion: 'reduce' });
        try {
          await context.addInitScript((l) => {
            if (!localStorage.getItem('synack.prefs'))
              localStorage.setItem('synack.prefs', JSON.stringify({ presenter: true, lang: l }));
          }, lang);
          const page = await context.newPage();
          await page.goto(server.url);
          await page.getByRole('button', { name: lang === 'en' ? 'Classroom' : '课堂', exact: true }).click();
          await page.getByRole('button', { name: lang === 'en' ? 'Start a class' : '开始上课' }).click();
          const code = ((await page.getByTestId('class-code').textContent()) ?? '').trim();
          const joined = await fetch(`${server.url}/api/classes/${code}/join`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ nickname: 'Ada' }),
          });
          expect(joined.status).toBe(201);
          await page.getByText(words.studentsOne).waitFor();
          await page.getByRole('button', { name: words.ask, exact: true }).click();
          await page.getByTestId('answered-count').waitFor();
          expect(await page.evaluate(() => window.scrollY)).toBe(0);
          for (const selector of ['.endpoint-A', '.endpoint-B', '.panel.controls']) {
            const { bottom, height: viewport } = await inView(page, selector);
            expect(bottom, selector).toBeLessThanOrEqual(viewport);
          }
        } finally {
          await context.close();
        }
      });
});

describe('a student arriving by a ?join= link', () => {
  it('sees the join form only, the code filled in and the focus in Nickname (after showModal)', async () => {
    const made = await fetch(`${server.url}/api/classes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const { code } = (await made.json()) as { code: string };
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/?join=${code}`);
      const form = page.getByRole('form', { name: 'Join a class' });
      await form.waitFor();
      expect(await form.getByRole('textbox', { name: 'Class code' }).inputValue()).toBe(code);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('autocomplete')))
        .toBe('nickname');
      expect(await page.getByRole('button', { name: 'Start a class' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
