/**
 * End-to-end: the glossary in a real Chromium. A TCB variable's definition opens on hover, on keyboard
 * focus and on a tap; it stays inside the viewport (also on a 390 px phone) and above the page, Esc closes
 * it, and axe-core finds nothing wrong while it is open. The state diagram's buttons sit over its boxes.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch } from './browser';
import { axeViolations, openApp } from './page';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

const TIP = '[role="tooltip"]:not([hidden])';

describe('glossary', () => {
  it('hover, focus and Esc on a TCB row; the tooltip is in view, on top, and passes axe', async () => {
    const { page, errors, close } = await openApp(browser, `${base}#p=rfc9293-fig6`, { reducedMotion: true });
    const term = page.locator('.endpoint-A .tcb th button[data-term="SND.UNA"]');
    await term.hover();
    const tip = page.locator(TIP);
    await expect.poll(() => tip.count()).toBe(1);
    expect(await tip.textContent()).toMatch(/^SND\.UNA: send unacknowledged.*RFC 9293 §3\.3\.1$/);
    // Below the term, and nothing covers it (it is the topmost element at its centre).
    const [termBox, tipBox] = [await term.boundingBox(), await tip.boundingBox()];
    expect(tipBox && termBox && tipBox.y >= termBox.y + termBox.height).toBe(true);
    const onTop = await tip.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
    });
    expect(onTop).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => tip.count()).toBe(0);

    // Keyboard: focus the state badge's term, read the definition, Esc keeps the focus there.
    await page.mouse.move(0, 0);
    await page.locator('.endpoint-B .state-badge button').focus();
    await expect.poll(() => tip.count()).toBe(1);
    expect(await tip.textContent()).toMatch(/^CLOSED: .*RFC 9293 §3\.3\.2$/);
    await page.keyboard.press('Escape');
    await expect.poll(() => tip.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-term'))).toBe('CLOSED');
    expect(errors).toEqual([]);
    await close();
  });

  it('on a 390 px phone a tap opens it inside the screen and a tap elsewhere closes it', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    await page.goto(`${base}#p=rfc9293-fig6`);
    await page.getByTestId('narration').waitFor();
    // B's card is at the right edge: the tooltip must shift left to stay on screen.
    await page.locator('.endpoint-B .tcb th button[data-term="RCV.WND"]').tap();
    const tip = page.locator(TIP);
    await expect.poll(() => tip.count()).toBe(1);
    const box = await tip.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByTestId('narration').tap();
    await expect.poll(() => tip.count()).toBe(0);
    await context.close();
  });

  it("the state diagram's buttons cover their boxes", async () => {
    const { page, close } = await openApp(browser, `${base}#p=rfc9293-fig6`, { reducedMotion: true });
    for (const state of ['LISTEN', 'TIME-WAIT']) {
      const rect = await page.locator(`.sd-node[data-node="${state}"] rect`).boundingBox();
      const hit = await page.locator(`.sd-hit[data-term="${state}"]`).boundingBox();
      expect(rect && hit).toBeTruthy();
      if (!rect || !hit) continue;
      for (const k of ['x', 'y', 'width', 'height'] as const)
        expect(Math.abs(rect[k] - hit[k]), k).toBeLessThan(2);
    }
    await page.locator('.sd-hit[data-term="LISTEN"]').hover();
    expect(await page.locator(TIP).textContent()).toMatch(/^LISTEN: .*RFC 9293 §3\.3\.2$/);
    await close();
  });
});
