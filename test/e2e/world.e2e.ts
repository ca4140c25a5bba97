/**
 * End-to-end: a multi-connection scenario (version 2, issue 12) in Chromium. The gallery opens the
 * three-clients preset; the world runs in the engine's Web Worker, its view loads as a chunk of its own; the
 * page steps through it with the keyboard and the buttons; a bad v2 file is refused with its JSON path and
 * the world stays; a link opens a world in Chinese at an event. Oracles: the scenario files (hosts,
 * connects, the backlog), the event count the page reports, axe-core and the console.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch } from './browser';
import { axeViolations, openApp } from './page';

let browser: Browser;
const base = inject('baseUrl');
const example = (name: string) => readFileSync(`docs/examples/${name}.json`, 'utf8');

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe('a world in the browser', () => {
  it('opens from the gallery, runs in the worker, steps, and passes axe with no console errors', async () => {
    const { page, errors, close } = await openApp(browser, `${base}#p=rfc9293-fig6`, { reducedMotion: true });
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page.getByRole('button', { name: 'Scenarios' }).click();
    await page.getByRole('heading', { name: 'Several connections' }).waitFor();
    await page.getByRole('button', { name: /^Three clients, one server/ }).click();
    await page.getByTestId('world-ladder').waitFor();
    expect(workers.some((u) => /engine\.worker/.test(u))).toBe(true);

    const file = JSON.parse(example('three-clients-one-server'));
    const lifelines = await page
      .locator('[data-lifeline]')
      .evaluateAll((ls) => ls.map((l) => l.getAttribute('data-lifeline')));
    expect(lifelines).toEqual(Object.keys(file.hosts));
    await expect.poll(() => page.locator('.scenario-title').textContent()).toBe('Three clients, one server');

    const position = page.locator('.controls .position');
    const total = Number(
      /of (\d+)/.exec((await position.textContent()) ?? '')?.[1] ??
        (await page.locator('.scrubber input').getAttribute('max')),
    );
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => position.textContent()).toMatch(/^Event 12 of \d+$/);
    // By then the three SYNs are drawn, each from its client to the server.
    for (const c of ['c1', 'c2', 'c3']) {
      const syn = page.locator(`[data-arrow][data-conn="${c}"][data-flags="SYN"]`);
      await expect.poll(() => syn.getAttribute('data-to')).toBe('server');
    }
    // Play moves on by itself (at 10×), at the reading pace of the world's narration; Pause stops it.
    await page.locator('.speed select').selectOption('10');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect
      .poll(() => position.textContent(), { timeout: 10_000 })
      .toMatch(/^Event (1[4-9]|[2-9]\d|\d{3}) of/);
    await page.getByRole('button', { name: 'Pause' }).click();
    const narration = await page.getByTestId('narration').textContent();
    expect(narration).toMatch(/ — RFC 9293 §/);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Go to end' }).click();
    const last = await page.locator('.scrubber input').getAttribute('max');
    await expect.poll(() => position.textContent()).toBe(`Event ${Number(last) + 1} of ${Number(last) + 1}`);
    expect(total).toBeGreaterThan(12);
    for (const card of await page.locator('[data-end]').all())
      expect(await card.locator('.state-badge').textContent()).toBe('CLOSED');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('a bad v2 file names its JSON path and keeps the world; a link opens one in Chinese on a phone', async () => {
    const { page, errors, close } = await openApp(browser, `${base}#p=backlog-full-linux&c=20`, {
      width: 390,
      height: 844,
    });
    await page.getByTestId('world-ladder').waitFor();
    const bad = JSON.parse(example('backlog-full-linux'));
    bad.actions[3].to = 'nowhere:80';
    await page.locator('input[type="file"]').setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('$.actions[3].to');
    expect(await page.locator('.scrubber input').inputValue()).toBe('20');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await page.evaluate(() => {
      window.location.hash = '#p=time-wait-reuse-linux&c=8&lang=zh-CN';
    });
    await page.getByRole('heading', { name: '时序图，每台主机一条生命线' }).waitFor();
    await expect.poll(() => page.locator('.scrubber input').inputValue()).toBe('8');
    expect(await page.getByTestId('narration').textContent()).toMatch(/[\u4e00-\u9fff]/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
