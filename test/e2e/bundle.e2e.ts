/**
 * The scenario validator (valibot and the schema) is not in the page's initial JS — the entry script and
 * its modulepreloads, which issue 8 budgets at 130 KB gzip — yet a `#s=` link still opens in Chromium,
 * with no flash of the default preset, and says so when the validator cannot be loaded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch } from './browser';
import { ladderLabels } from './page';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/**
 * Strings valibot's own code carries in its minified build (node_modules/valibot/dist/index.min.mjs): the
 * template of its default issue message ("Invalid type: Expected … but received …") and the type names of
 * the object schema and length actions the scenario schema uses.
 */
const VALIBOT_MARKERS = ['Invalid ${', 'strict_object', 'max_length'];

const DIST = 'dist';

/** The entry script and modulepreloads of the built index.html (global-setup has just built dist/). */
function initialScripts(): string[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+\.js)"/g)].map(
    (m) => m[1] ?? '',
  );
  return refs.map((ref) => ref.replace(/^\.?\//, ''));
}

const markersIn = (file: string) => {
  const code = readFileSync(join(DIST, file), 'utf8');
  return VALIBOT_MARKERS.filter((marker) => code.includes(marker));
};

const HANDSHAKE = JSON.stringify({
  version: 1,
  name: 'Handshake by hand',
  endpoints: { A: { isn: 7 }, B: { isn: 9000 } },
  actions: [
    { at: 0, endpoint: 'B', call: 'listen' },
    { at: 10, endpoint: 'A', call: 'connect' },
  ],
});
const LINK = `#s=${Buffer.from(HANDSHAKE).toString('base64url')}&c=1`;

describe('the validator is not in the initial bundle', () => {
  it('no initial script holds valibot; a lazy chunk does', () => {
    const initial = initialScripts();
    expect(initial.length).toBeGreaterThan(0);
    expect(initial.map((file) => [file, markersIn(file)])).toEqual(initial.map((file) => [file, []]));
    // The markers are valibot's: the chunk loaded for links and files has every one of them.
    const lazy = readdirSync(join(DIST, 'assets'))
      .map((name) => `assets/${name}`)
      .filter((file) => file.endsWith('.js') && !initial.includes(file));
    expect(lazy.filter((file) => markersIn(file).length === VALIBOT_MARKERS.length)).toHaveLength(1);
  });

  it('a #s= link opens its scenario at its event, never showing figure 6 first', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    // Every title the page ever shows, from its first paint.
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { titlesSeen: string[] }).titlesSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('.scenario-title')?.textContent ?? null;
        if (text !== null && seen[seen.length - 1] !== text) seen.push(text);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}${LINK}`);
    await page.getByTestId('narration').waitFor();
    expect(await page.evaluate(() => (window as unknown as { titlesSeen: string[] }).titlesSeen)).toEqual([
      'Handshake by hand',
    ]);
    // A's SYN carries its ISN 7; B answers with its ISN 9000 and acknowledges 8 (RFC 9293 §3.5).
    await page.keyboard.press('End');
    const labels = await ladderLabels(page);
    expect(labels.some((l) => l.includes('A → B') && l.includes('SYN seq=7'))).toBe(true);
    expect(labels.some((l) => l.includes('B → A') && l.includes('SYN,ACK seq=9000 ack=8'))).toBe(true);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('when the validator cannot be fetched, the page still opens and says why the link did not', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.route('**/assets/*.js', async (route) => {
      const response = await route.fetch();
      const body = await response.text();
      // Only the chunk with valibot in it is refused, as a flaky network would.
      if (VALIBOT_MARKERS.every((m) => body.includes(m))) await route.abort('internetdisconnected');
      else await route.fulfill({ response, body });
    });
    await page.goto(`${base}${LINK}`);
    await page.getByTestId('narration').waitFor();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('The part of the page that checks scenarios could not be loaded');
    expect(await page.locator('.scenario-title').textContent()).toBe(
      'RFC 9293 Figure 6: basic three-way handshake',
    );
    // The link the user opened stays in the address bar: nothing they were given is lost.
    expect(await page.evaluate(() => location.hash)).toBe(LINK);
    await context.close();
  });
});
