/**
 * End-to-end: the built site in Debian's Chromium. Load, play the handshake to ESTABLISHED, step back,
 * drop a SYN,ACK by clicking it and see the retransmission, inject a stale SYN, switch to zh-CN, reload
 * a share URL and get the same trace, and no axe-core violations (light and dark, en and zh-CN, desktop
 * and phone).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch } from './browser';
import { axeViolations, ladderLabels, type OpenOptions, openApp } from './page';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

const open = (hash = '', opts: OpenOptions = {}) => openApp(browser, `${base}${hash}`, opts);

const stateOf = async (page: Page, ep: 'A' | 'B') =>
  (await page.locator(`.endpoint-${ep} .state-badge`).textContent()) ?? '';

/** Press → until the predicate holds (at most n times). */
async function stepUntil(page: Page, done: () => Promise<boolean>, n = 200): Promise<void> {
  for (let i = 0; i < n; i++) {
    if (await done()) return;
    await page.keyboard.press('ArrowRight');
  }
  throw new Error('condition never became true');
}

describe('the simulator in a browser', () => {
  it('loads, plays the handshake to ESTABLISHED and steps back', async () => {
    const { page, errors, close } = await open('#p=rfc9293-fig6');
    expect(await page.title()).toContain('synack');
    expect(await stateOf(page, 'A')).toContain('CLOSED');
    await page.locator('.speed select').selectOption('4');
    await page.getByRole('button', { name: /^Play$/ }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('.endpoint-A .state-badge')?.textContent?.includes('ESTABLISHED') &&
        document.querySelector('.endpoint-B .state-badge')?.textContent?.includes('ESTABLISHED'),
      undefined,
      { timeout: 30_000 },
    );
    await page
      .getByRole('button', { name: /^Pause$/ })
      .click()
      .catch(() => {});
    // Step back until B is no longer ESTABLISHED: it was SYN-RECEIVED before the ACK arrived.
    for (let i = 0; i < 10 && (await stateOf(page, 'B')).includes('ESTABLISHED'); i++) {
      await page.keyboard.press('ArrowLeft');
    }
    expect(await stateOf(page, 'B')).toContain('SYN-RECEIVED');
    expect(errors).toEqual([]);
    await close();
  });

  it('drops the SYN,ACK by clicking it in flight, and the SYN is retransmitted', async () => {
    const { page, close } = await open('#p=rfc9293-fig6');
    const synAck = page.locator('.segment-pill', { hasText: 'SYN,ACK' });
    await stepUntil(page, async () => (await synAck.count()) > 0);
    await synAck.first().click();
    await expect.poll(() => page.locator('.problem').count()).toBe(0);
    await page.keyboard.press('End');
    const labels = await ladderLabels(page);
    expect(labels.some((l) => l.includes('SYN,ACK') && l.includes('lost'))).toBe(true);
    expect(
      labels.some((l) => l.includes('A → B') && l.includes('SYN seq=100') && l.includes('retransmission')),
    ).toBe(true);
    expect(await stateOf(page, 'A')).toContain('ESTABLISHED');
    // The fault is part of the scenario: the URL now carries it (s=…), and Undo takes it back.
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#s=/);
    await page.getByRole('button', { name: 'Undo' }).click();
    expect((await ladderLabels(page)).some((l) => l.includes('lost'))).toBe(false);
    await close();
  });

  it('injects a stale SYN at the current time', async () => {
    const { page, close } = await open('#p=rfc9293-fig6');
    // Once A has chosen its ISS (100), a stale SYN from A is an older one: 100 − 1000 mod 2^32.
    await stepUntil(page, async () => (await stateOf(page, 'A')).includes('SYN-SENT'));
    await page.getByRole('button', { name: 'Stale SYN from A' }).click();
    await page.keyboard.press('End');
    const labels = await ladderLabels(page);
    expect(labels.some((l) => l.includes('SYN seq=4294966396') && l.includes('injected'))).toBe(true);
    await close();
  });

  it('switches to 简体中文 at runtime and remembers it', async () => {
    const { page, close } = await open('#p=rfc9293-fig6&c=6');
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('button', { name: /播放/ }).waitFor();
    expect(await page.getByTestId('narration').textContent()).toMatch(/收到|发送|进入/);
    await page.reload();
    await page.getByRole('button', { name: /播放/ }).waitFor();
    await close();
  });

  it('a share URL reloads to the same trace and the same moment', async () => {
    const first = await open('#p=lost-syn-ack');
    const { page } = first;
    await page.getByRole('button', { name: 'Crash B' }).click();
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
    // The URL is written once the cursor rests.
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/c=11$/);
    const hash = await page.evaluate(() => location.hash);
    const narration = await page.getByTestId('narration').textContent();
    await page.keyboard.press('End');
    const labels = await ladderLabels(page);
    await first.close();
    const second = await open(hash);
    expect(await second.page.getByTestId('narration').textContent()).toBe(narration);
    await second.page.keyboard.press('End');
    expect(await ladderLabels(second.page)).toEqual(labels);
    await second.close();
  });

  it('a step animates a pill (it flies in and slides); with prefers-reduced-motion it jumps to its place', async () => {
    // The CSS transitions the browser runs on the wire's pills, and where the first pill is drawn.
    const wire = (page: Page) =>
      page.evaluate(() => {
        const li = document.querySelector<HTMLElement>('.segment');
        return {
          running: li ? li.getAnimations().filter((a) => a.playState === 'running').length : -1,
          left: li ? getComputedStyle(li).left : '',
        };
      });
    for (const reducedMotion of [false, true]) {
      const { page, close } = await open('#p=rfc9293-fig6&c=4', { reducedMotion });
      await page.keyboard.press('ArrowRight'); // A sends its SYN
      const first = await wire(page);
      if (reducedMotion) {
        expect(first.running).toBe(0);
        await page.waitForTimeout(300);
        expect((await wire(page)).left).toBe(first.left);
      } else {
        // Flying in from A's edge: a transition runs, and the pill is not yet where it will rest.
        expect(first.running).toBeGreaterThan(0);
        await page.waitForTimeout(800);
        const rest = await wire(page);
        expect(rest.running).toBe(0);
      }
      await close();
    }
  });

  it('a preset link under Linux in Chinese opens so, with no undo step; the gallery gives focus back', async () => {
    const { page, close } = await open('#p=lost-syn-ack&profile=linux&c=6&lang=zh-CN');
    await page.getByRole('button', { name: '场景', exact: true }).waitFor();
    expect(await page.locator('.scenario-title').textContent()).toBe('SYN,ACK 丢失');
    expect(await page.getByRole('button', { name: 'Linux' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: '撤销' }).isDisabled()).toBe(true);
    // Escape (the browser's own cancel of a modal dialog) and a pick both return focus to the button.
    const scenarios = page.getByRole('button', { name: '场景', exact: true });
    await scenarios.click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('场景');
    await scenarios.click();
    await page.getByRole('dialog').locator('button.preset').first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('场景');
    await close();
  });

  it('a broken link shows what is wrong and the app stays usable', async () => {
    const { page, close } = await open('#s=not-base64!!');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('link s');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('narration').textContent()).not.toBe('');
    await close();
  });
});

describe('accessibility (axe-core)', () => {
  for (const [label, opts] of [
    ['desktop, light, en', { theme: 'light', reducedMotion: true }],
    ['desktop, dark, en', { theme: 'dark', reducedMotion: true }],
    ['phone, light, zh-CN', { width: 390, height: 844, lang: 'zh-CN', reducedMotion: true }],
    ['phone, dark, en', { width: 390, height: 844, theme: 'dark', reducedMotion: true }],
  ] as const) {
    it(`has no violations: ${label}`, async () => {
      const { page, close } = await open('#p=lost-syn-ack&c=12', opts);
      if ('lang' in opts) await page.getByRole('button', { name: /播放/ }).waitFor();
      const violations = await axeViolations(page);
      expect(violations).toEqual([]);
      await close();
    });
  }
});
