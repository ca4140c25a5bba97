/**
 * The English explanation sentences are not part of the initial JS (the budget counts the entry script and
 * every modulepreload of index.html), and yet the reader never sees a narration without its explanation:
 * a link that opens at an event waits for them before the first render, and the default page has them long
 * before the first step.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { launch } from './browser';
import { openApp } from './page';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

it('no initial script holds an English explanation sentence (global-setup built dist/)', () => {
  const html = readFileSync(join('dist', 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  expect(initial.length).toBeGreaterThan(0);
  // A distinctive stretch of one explanation and one definition, as the minifier leaves string literals.
  const sentence = en.explain['listen-syn'].slice(0, 40);
  const definition = en.glossary['SND.UNA'].slice(0, 40);
  for (const file of initial) {
    const code = readFileSync(join('dist', file), 'utf8');
    expect(code.includes(sentence), file).toBe(false);
    expect(code.includes(definition), file).toBe(false);
  }
});

it('a link that opens at an event shows its explanation in the first frame the narration has', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  // Hold the sentences chunk back for a second, so a first render without it would be seen.
  await context.route(/en\.sentences-[^/]*\.js$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.continue();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${inject('baseUrl')}#p=rfc9293-fig6&c=6`);
  const narration = page.getByTestId('narration');
  await narration.waitFor();
  // Read at once, not polled: the text must be complete when the page first shows it.
  const text = await narration.textContent();
  expect(text).toContain(en.explain['listen-syn'].slice(0, 30));
  expect(errors).toEqual([]);
  await context.close();
});

it('on the default page, the first step already explains', async () => {
  const { page, errors, close } = await openApp(browser, inject('baseUrl'));
  await page.getByTestId('narration').waitFor();
  await page.keyboard.press('ArrowRight');
  await expect
    .poll(() => page.getByTestId('narration').textContent())
    .toContain(en.explain['call-listen'].slice(0, 30));
  expect(errors).toEqual([]);
  await close();
});
