/**
 * End-to-end, what a careless or hostile user gives the page (issue "Nothing a user gives synack can crash
 * it, freeze it, exhaust memory or lose their file"), in Chromium:
 * - a 300-character link to an enormous scenario (one-byte segments, 100,000,000 bytes, maxEvents 1,000,000)
 *   runs in the Web Worker with a progress bar and a Cancel, the page answering clicks meanwhile; it opens at
 *   the page's 200,000-event limit with a note, and Cancel leaves the page as it was;
 * - a browser that blocks storage (reading localStorage throws a SecurityError) still gets the app;
 * - a scenario too large for a link is offered as a JSON file instead, and the address bar keeps no stale link;
 * - an empty file and a UTF-16 file are named for what they are.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { oneByteFlood } from '../../bench/scenarios';
import { encodeShare } from '../../src/store/url';
import type { ScenarioInput } from '../../src/tcp/types';
import { launch } from './browser';
import { clicksWhileComputing, openApp } from './page';

let browser: Browser;
const base = inject('baseUrl');
const dir = mkdtempSync(join(tmpdir(), 'synack-robust-'));

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

const ENORMOUS = oneByteFlood(1_000_000);
const ENORMOUS_LINK = encodeShare({ scenario: ENORMOUS, presetName: null, cursor: -1 });

describe('an enormous scenario from a short link', () => {
  it(`runs in a worker with progress, the page answering clicks, and opens at 200,000 events with a note (link: ${ENORMOUS_LINK.length} characters)`, async () => {
    const { page, errors, close } = await openApp(browser, `${base}${ENORMOUS_LINK}`, {
      reducedMotion: true,
    });
    const bar = page.getByRole('progressbar', { name: 'Simulation in progress' });
    await bar.waitFor({ timeout: 10_000 });
    expect(await page.getByRole('button', { name: 'Cancel' }).isVisible()).toBe(true);
    // Meanwhile the page answers clicks: never frozen (it once froze for 95 s). How fast, against the
    // 100 ms budget, is measured by `npm run budgets` on a quiet machine, not asserted here.
    const seen = await clicksWhileComputing(page);
    expect(seen.waits.length).toBeGreaterThan(0);
    expect(Math.max(...seen.waits)).toBeLessThan(1000);
    expect(seen.longestFrame).toBeLessThan(1000);
    // The bar shows how far the run is, and only moves forward.
    for (let i = 1; i < seen.values.length; i++)
      expect(seen.values[i]).toBeGreaterThanOrEqual(seen.values[i - 1] as number);
    await bar.waitFor({ state: 'detached', timeout: 90_000 });
    await expect.poll(() => page.locator('.scenario-title').textContent()).toBe('Enormous');
    expect(await page.locator('.page-limit').textContent()).toContain('first 200,000 events');
    expect(await page.locator('.page-limit').textContent()).toContain('1,000,000');
    await page.keyboard.press('End');
    await expect.poll(() => page.locator('.position').textContent()).toContain('200000');
    expect(errors).toEqual([]);
    await close();
  }, 150_000);

  it('Cancel stops it and the page shows what it had', async () => {
    const { page, errors, close } = await openApp(browser, `${base}${ENORMOUS_LINK}`, {
      reducedMotion: true,
    });
    const bar = page.getByRole('progressbar', { name: 'Simulation in progress' });
    await bar.waitFor({ timeout: 10_000 });
    const title = await page.locator('.scenario-title').textContent();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await bar.waitFor({ state: 'detached', timeout: 2000 });
    expect(await page.getByRole('status').filter({ hasText: 'Cancelled' }).count()).toBe(1);
    expect(await page.locator('.scenario-title').textContent()).toBe(title);
    // The page still works: a step shows the default scenario's first event.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('.position').textContent()).toMatch(/^Event 1 /);
    expect(errors).toEqual([]);
    await close();
  }, 60_000);
});

describe('a browser that blocks storage', () => {
  it('opens the app, switches language, and only forgets preferences', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    await context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}#p=rfc9293-fig6`);
    await page.getByTestId('narration').waitFor();
    expect(await page.evaluate(() => document.getElementById('root')?.childElementCount)).toBeGreaterThan(0);
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('button', { name: /播放/ }).waitFor();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('narration').textContent()).not.toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('files and links too large or not what they seem', () => {
  it('a scenario too large for a link is offered as its JSON file, and the address keeps no stale link', async () => {
    // 30,000 listen calls: ~1.3 MB of JSON, a link longer than browsers open (src/store/url.ts).
    const scenario: ScenarioInput = {
      version: 1,
      name: 'Too large to share',
      actions: Array.from({ length: 30_000 }, (_, i) => ({
        at: i,
        endpoint: 'B' as const,
        call: 'listen' as const,
      })),
    };
    const file = join(dir, 'large.json');
    writeFileSync(file, JSON.stringify(scenario));
    const { page, errors, close } = await openApp(browser, `${base}#p=rfc9293-fig6`, { reducedMotion: true });
    await page.locator('input[type="file"]').setInputFiles(file);
    await expect
      .poll(() => page.locator('.scenario-title').textContent(), { timeout: 60_000 })
      .toBe('Too large to share');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText('too large for a link').waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save the JSON file' }).click();
    const saved = await download;
    const path = await saved.path();
    expect(JSON.parse(readFileSync(path, 'utf8')).actions).toHaveLength(30_000);
    // The URL does not hold an older, different scenario's link.
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('');
    expect(errors).toEqual([]);
    await close();
  }, 120_000);

  it('an empty file and a UTF-16 file are named for what they are', async () => {
    const empty = join(dir, 'empty.pcap');
    writeFileSync(empty, '');
    const utf16 = join(dir, 'scenario.json');
    writeFileSync(utf16, Buffer.from(`\ufeff${JSON.stringify({ version: 1, actions: [] })}`, 'utf16le'));
    const { page, errors, close } = await openApp(browser, `${base}#p=rfc9293-fig6`, { reducedMotion: true });
    await page.locator('input[type="file"]').setInputFiles(empty);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('the file is empty');
    await page.locator('input[type="file"]').setInputFiles(utf16);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('UTF-16; save it as UTF-8');
    expect(await page.locator('.scenario-title').textContent()).not.toBe('');
    expect(errors).toEqual([]);
    await close();
  });
});
