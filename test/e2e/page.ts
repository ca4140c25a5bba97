/** Opening the app in a fresh browser context, and running axe-core on it: shared by the e2e suites. */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

export interface OpenOptions {
  width?: number;
  height?: number;
  /** The browser's language (and, with `theme`, the stored language preference). */
  lang?: string;
  /** Store this theme (and the language) as the saved preferences before the page loads. */
  theme?: string;
  /** Emulate prefers-reduced-motion: segments jump instead of flying (and axe sees settled colors). */
  reducedMotion?: boolean;
}

export interface OpenPage {
  page: Page;
  /** Page errors and console errors seen so far. */
  errors: string[];
  close: () => Promise<void>;
}

export async function openApp(browser: Browser, url: string, opts: OpenOptions = {}): Promise<OpenPage> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
    locale: opts.lang ?? 'en-US',
    reducedMotion: opts.reducedMotion ? 'reduce' : 'no-preference',
  });
  if (opts.theme) {
    await context.addInitScript(
      ([theme, lang]) => localStorage.setItem('synack.prefs', JSON.stringify({ theme, lang })),
      [opts.theme, opts.lang ?? 'en'],
    );
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  await page.getByTestId('narration').waitFor();
  return { page, errors, close: () => context.close() };
}

/** axe-core's violations on the whole page, one line each: "rule-id: selector, selector". */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    type Result = { violations: { id: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<Result> } }).axe;
    const r = await axe.run(document);
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/**
 * Waits until the sequence diagram shows the event at the cursor. The diagram is a lazy chunk that follows
 * the cursor a render later (useDeferredValue), so reading it right after a key press may read the last event.
 */
export async function ladderCaughtUp(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const shown = document.querySelector('figure.ladder')?.getAttribute('data-cursor');
    const cursor = document.querySelector<HTMLInputElement>('.scrubber input[type="range"]')?.value;
    return shown != null && shown === cursor;
  });
}

/** The accessible names of the diagram's segments, once it shows the event at the cursor. */
export async function ladderLabels(page: Page): Promise<string[]> {
  await ladderCaughtUp(page);
  return page
    .locator('[data-testid="ladder-svg"] [data-segment-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
}

/**
 * While the progress bar is shown: click the theme button again and again, and how long each click takes to
 * show (the frame after it), and the longest gap between two frames (ms), until the run's result arrives.
 * Also the progress values seen.
 */
export async function clicksWhileComputing(
  page: Page,
): Promise<{ waits: number[]; longestFrame: number; values: number[] }> {
  // A string, not a function: tsx (the budgets script) would wrap named functions in a helper the page lacks.
  return page.evaluate(CLICKS_WHILE_COMPUTING) as Promise<{
    waits: number[];
    longestFrame: number;
    values: number[];
  }>;
}

const CLICKS_WHILE_COMPUTING = `(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame((t) => r(t)));
    const bar = () => document.querySelector('[role="progressbar"]');
    const button = [...document.querySelectorAll('button')].find((b) =>
      /^(Dark|Light)$/.test(b.textContent ?? ''),
    );
    if (!button) throw new Error('no theme button');
    const waits = [];
    const values = [];
    let longestFrame = 0;
    let last = await frame();
    while (bar()) {
      const value = bar()?.getAttribute('aria-valuenow');
      if (value) values.push(Number(value));
      const before = button.getAttribute('aria-pressed');
      const t0 = performance.now();
      button.click();
      for (;;) {
        const now = await frame();
        // The frame that shows the finished run is not "while it works": the page then builds its views
        // of 200,000 events once (measured and reported in the README, not asserted here).
        if (!bar()) break;
        longestFrame = Math.max(longestFrame, now - last);
        last = now;
        if (button.getAttribute('aria-pressed') !== before) {
          waits.push(performance.now() - t0);
          break;
        }
      }
    }
    return { waits, longestFrame, values };
  })()`;
