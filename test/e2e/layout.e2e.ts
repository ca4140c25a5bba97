/**
 * End-to-end layout measurements in Chromium (issue 8): presenter mode fits what a room reads in one screen
 * at 1920×1080 and 1024×768 with no text under 18 px at 1920×1080; nothing moves while stepping or when a
 * note appears; segment pills stay inside the wire and no preset makes a 390 px phone scroll sideways; a
 * touch screen says "Tap" and gets 44 px targets; the theme follows the system until the reader chooses.
 *
 * The oracle is the browser's own geometry (getBoundingClientRect, getComputedStyle, the SVG's screen
 * transform) against numbers fixed by the issue: the viewport, 18 CSS px, 44 px, 390 px.
 */
import { readdirSync } from 'node:fs';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch } from './browser';
import { axeViolations } from './page';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

const PRESETS = readdirSync('src/scenarios/presets')
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

interface Open {
  presenter?: boolean;
  lang?: 'en' | 'zh-CN';
  touch?: boolean;
  colorScheme?: 'light' | 'dark';
  /** Saved preferences to start from (as the page stores them). */
  prefs?: Record<string, unknown>;
}

async function open(hash: string, width: number, height: number, opts: Open = {}) {
  const options: BrowserContextOptions = {
    viewport: { width, height },
    locale: opts.lang === 'zh-CN' ? 'zh-CN' : 'en-US',
    reducedMotion: 'reduce', // pills jump to where they are, so a measurement sees the settled layout
    colorScheme: opts.colorScheme ?? 'light',
    hasTouch: opts.touch === true,
    isMobile: opts.touch === true,
  };
  const context = await browser.newContext(options);
  const prefs = opts.prefs ?? (opts.presenter ? { presenter: true, lang: opts.lang ?? 'en' } : null);
  if (prefs) {
    // Only once: a reload must see what the page saved, not these again.
    await context.addInitScript((p) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('synack.prefs', JSON.stringify(p));
        sessionStorage.setItem('seeded', '1');
      }
    }, prefs);
  }
  const page = await context.newPage();
  await page.goto(`${base}${hash}`);
  await page.getByTestId('narration').waitFor();
  // The sequence diagram is a chunk of its own, fetched as the page starts: measure once it is drawn.
  await page.getByTestId('ladder-svg').waitFor();
  return { page, close: () => context.close() };
}

/** Number of events in the run (the timeline slider runs from -1 to the last index). */
async function eventCount(page: Page): Promise<number> {
  return Number(await page.locator('.scrubber input').getAttribute('max')) + 1;
}

/** Press a key and wait until the page has rendered and laid out the result. */
async function press(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

type Box = { left: number; top: number; right: number; bottom: number };

function boxes(page: Page, selectors: string[]): Promise<Record<string, Box | null>> {
  return page.evaluate((sels) => {
    const out: Record<string, Box | null> = {};
    for (const sel of sels) {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      out[sel] = r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : null;
    }
    return out;
  }, selectors);
}

/**
 * Every piece of visible text under the selectors, with the size it is drawn at: the computed font size,
 * times the SVG's scale for text inside an SVG (a viewBox scales its 10-unit labels).
 */
function textSizes(page: Page, selectors: string[]): Promise<{ text: string; px: number; where: string }[]> {
  return page.evaluate((sels) => {
    const out: { text: string; px: number; where: string }[] = [];
    for (const sel of sels) {
      for (const root of document.querySelectorAll(sel)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent?.trim() ?? '';
          const el = node.parentElement;
          if (!text || !el || el.closest('style, .visually-hidden, [hidden]')) continue;
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue; // not drawn (a closed <details>, display: none)
          let px = Number.parseFloat(getComputedStyle(el).fontSize);
          if (el instanceof SVGGraphicsElement) {
            const m = el.getScreenCTM();
            if (m) px *= Math.hypot(m.a, m.b);
          }
          out.push({ text: text.slice(0, 40), px: Math.round(px * 100) / 100, where: sel });
        }
      }
    }
    return out;
  }, selectors);
}

/** What the room reads in presenter mode. */
const READ = ['.stage', '.controls', '.narration', '.ladder'];

describe('presenter mode fits one screen', () => {
  for (const [width, height] of [
    [1920, 1080],
    [1024, 768],
  ] as const) {
    for (const lang of ['en', 'zh-CN'] as const) {
      it(`${width}×${height} ${lang}: wire, both cards, narration and ladder in view at every event, PageDown steps`, async () => {
        // The presets with the tallest cards and the longest narration (two timers, ten-digit numbers).
        for (const preset of [
          'rfc9293-fig6',
          'lost-syn-ack',
          'data-then-close',
          'time-wait-fin-retransmit',
        ]) {
          const { page, close } = await open(`#p=${preset}`, width, height, { presenter: true, lang });
          expect(await page.locator('.app').getAttribute('class')).toMatch(/\bpresenter\b.*\bcontrast\b/);
          const total = await eventCount(page);
          for (let i = -1; i < total; i++) {
            const b = await boxes(page, [...READ, '.endpoint-A', '.endpoint-B', '.wire']);
            for (const [sel, box] of Object.entries(b)) {
              const where = `${preset} event ${i + 1}/${total}: ${sel} ${JSON.stringify(box)}`;
              expect(box, where).not.toBeNull();
              if (!box) continue;
              expect(box.top, where).toBeGreaterThanOrEqual(0);
              expect(box.left, where).toBeGreaterThanOrEqual(0);
              expect(box.bottom, where).toBeLessThanOrEqual(height);
              expect(box.right, where).toBeLessThanOrEqual(width);
            }
            expect(await page.evaluate(() => window.scrollY)).toBe(0);
            if (i < total - 1) {
              // One key advances: PageDown, what a presentation clicker sends for "next".
              await press(page, 'PageDown');
              expect(await page.locator('.scrubber input').inputValue()).toBe(String(i + 1));
            }
          }
          await press(page, 'PageUp');
          expect(await page.locator('.scrubber input').inputValue()).toBe(String(total - 2));
          await close();
        }
      }, 180_000);
    }
  }

  it('1920×1080: no text on the wire, the cards, the controls or the narration is under 18 px', async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const { page, close } = await open('#p=lost-syn-ack', 1920, 1080, { presenter: true, lang });
      for (let i = 0; i < 12; i++) {
        await press(page, 'ArrowRight');
        const sizes = await textSizes(page, ['.stage', '.controls', '.narration']);
        expect(sizes.length).toBeGreaterThan(20);
        expect(sizes.filter((s) => s.px < 18)).toEqual([]);
      }
      await close();
    }
  });

  it('1920×1080: the state diagram draws no text under 18 px', async () => {
    const { page, close } = await open('#p=lost-syn-ack', 1920, 1080, { presenter: true });
    for (let i = 0; i < 12; i++) await press(page, 'ArrowRight');
    const sizes = await textSizes(page, ['.state-diagram']);
    expect(sizes.length).toBeGreaterThan(20);
    expect(sizes.filter((s) => s.px < 18)).toEqual([]);
    await close();
  });

  // The ladder's labels are drawn at the --diagram-font size this layout sets for presenter mode.
  it('1920×1080: the ladder draws no text under 18 px', async () => {
    const { page, close } = await open('#p=lost-syn-ack', 1920, 1080, { presenter: true });
    for (let i = 0; i < 12; i++) await press(page, 'ArrowRight');
    const sizes = await textSizes(page, ['.ladder']);
    expect(sizes.length).toBeGreaterThan(5);
    expect(sizes.filter((s) => s.px < 18)).toEqual([]);
    await close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`1920×1080 and 1024×768, ${theme === 'light' ? 'high-contrast light' : 'dark'}: no axe-core violations`, async () => {
      for (const [width, height, lang] of [
        [1920, 1080, 'en'],
        [1024, 768, 'zh-CN'],
      ] as const) {
        const prefs = { presenter: true, lang, ...(theme === 'dark' ? { presenterTheme: 'dark' } : {}) };
        const { page, close } = await open('#p=lost-syn-ack', width, height, { prefs });
        expect(await page.locator('.app').getAttribute('class')).toContain(theme);
        for (let i = 0; i < 12; i++) await press(page, 'ArrowRight');
        expect(await axeViolations(page)).toEqual([]);
        await close();
      }
    });
  }

  it('entering presenter mode from a dark page shows the high-contrast light theme; a choice made there sticks', async () => {
    const { page, close } = await open('#p=rfc9293-fig6', 1280, 800, {
      prefs: { theme: 'dark', lang: 'en' },
    });
    const app = page.locator('.app');
    expect(await app.getAttribute('class')).toMatch(/\bdark\b/);
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    expect(await app.getAttribute('class')).toMatch(/\blight\b.*\bpresenter\b.*\bcontrast\b/);
    // Black on white: the text color is pure black.
    expect(await app.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 0, 0)');
    await page.getByRole('button', { name: 'Dark' }).click();
    await page.reload();
    await page.getByTestId('narration').waitFor();
    expect(await app.getAttribute('class')).toMatch(/\bdark\b.*\bpresenter\b/);
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    expect(await app.getAttribute('class')).toMatch(/\bdark\b/); // the page's own choice, still dark
    await close();
  });
});

describe('nothing moves while stepping', () => {
  const still = ['.controls', '.narration', '.controls .play', '.scrubber input'];

  for (const [width, height, presenter] of [
    [1366, 768, false],
    [1920, 1080, true],
    [390, 844, false],
  ] as const) {
    it(`${width}×${height}${presenter ? ' presenter' : ''}: the controls and the narration stay put at every event`, async () => {
      for (const preset of [
        'rfc9293-fig6',
        'lost-syn-ack',
        'time-wait-fin-retransmit',
        'data-then-close-linux',
      ]) {
        const { page, close } = await open(`#p=${preset}`, width, height, { presenter });
        const first = await boxes(page, still);
        const total = await eventCount(page);
        for (let i = 0; i < total; i++) {
          await press(page, 'ArrowRight');
          const now = await boxes(page, still);
          for (const sel of still)
            expect(now[sel]?.top, `${preset} event ${i + 1}: ${sel}`).toBeCloseTo(
              first[sel]?.top ?? Number.NaN,
              0,
            );
        }
        await close();
      }
    }, 180_000);
  }

  it('"Link copied" floats over the page: the toolbar and the controls do not move', async () => {
    const { page, close } = await open('#p=rfc9293-fig6', 1366, 768);
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
    const before = await boxes(page, ['.topbar', '.stage', '.controls']);
    await page.getByRole('button', { name: 'Copy link' }).click();
    const note = page.locator('.share-note');
    await expect.poll(() => note.textContent()).toMatch(/Link copied|Copy this link/);
    const after = await boxes(page, ['.topbar', '.stage', '.controls']);
    expect(after).toEqual(before);
    await close();
  });
});

describe('segment pills stay inside the wire', () => {
  it('390×844: no preset, at any event, makes the page scroll sideways; every pill is inside the wire', async () => {
    const everyEvent = new Set(['rfc9293-fig6', 'lost-syn-ack', 'simultaneous-open', 'old-duplicate-syn']);
    for (const preset of PRESETS) {
      const { page, close } = await open(`#p=${preset}`, 390, 844, { touch: true });
      const total = await eventCount(page);
      // Every event for a few presets; for the others every third event and the last one.
      const stride = everyEvent.has(preset) ? 1 : 3;
      for (let i = 0; i < total; i++) {
        await press(page, 'ArrowRight');
        if (i % stride !== 0 && i !== total - 1) continue;
        const m = await page.evaluate(() => {
          const wire = document.querySelector('.wire')?.getBoundingClientRect();
          const pills = [...document.querySelectorAll('.segment-pill')].map((p) => p.getBoundingClientRect());
          return {
            scrollWidth: document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY,
            outside: pills.filter((p) => !wire || p.left < wire.left - 0.5 || p.right > wire.right + 0.5)
              .length,
          };
        });
        const where = `${preset} event ${i + 1}/${total}`;
        expect(m.scrollWidth, where).toBeLessThanOrEqual(390);
        expect(m.outside, where).toBe(0);
      }
      await close();
    }
  }, 300_000);

  it('1366×768: a pill from B never covers B’s card (it ends at the wire’s edge)', async () => {
    const { page, close } = await open('#p=rfc9293-fig6', 1366, 768);
    const total = await eventCount(page);
    for (let i = 0; i < total; i++) {
      await press(page, 'ArrowRight');
      const m = await page.evaluate(() => {
        const a = document.querySelector('.endpoint-A')?.getBoundingClientRect();
        const b = document.querySelector('.endpoint-B')?.getBoundingClientRect();
        const pills = [...document.querySelectorAll('.segment-pill')].map((p) => p.getBoundingClientRect());
        return pills.filter((p) => !a || !b || p.left < a.right || p.right > b.left).length;
      });
      expect(m, `event ${i + 1}`).toBe(0);
    }
    await close();
  });
});

describe('phone', () => {
  it('a touch screen says "Tap" and every button, select and summary is at least 44 px', async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const { page, close } = await open('#p=lost-syn-ack', 390, 844, {
        touch: true,
        prefs: { lang },
      });
      for (let i = 0; i < 5; i++) await press(page, 'ArrowRight');
      const hint = (await page.locator('.wire-hint').textContent()) ?? '';
      expect(hint).toMatch(lang === 'en' ? /^Tap / : /^轻触/);
      const small = await page.evaluate(() =>
        [...document.querySelectorAll('button, select, summary')]
          .filter((el) => !el.closest('dialog:not([open]), .visually-hidden'))
          .map((el) => ({ el, r: el.getBoundingClientRect() }))
          .filter(({ r }) => r.width > 0 && (r.height < 44 || r.width < 44))
          .map(
            ({ el, r }) =>
              `${el.textContent?.trim().slice(0, 30)} ${Math.round(r.width)}×${Math.round(r.height)}`,
          ),
      );
      expect(small).toEqual([]);
      await close();
    }
  });

  it('a mouse says "Click"', async () => {
    const { page, close } = await open('#p=lost-syn-ack', 1366, 768);
    expect(await page.locator('.wire-hint').textContent()).toMatch(/^Click /);
    await close();
  });

  it('the theme follows the system’s dark mode until the reader chooses', async () => {
    const { page, close } = await open('#p=rfc9293-fig6', 390, 844, { touch: true, colorScheme: 'dark' });
    const app = page.locator('.app');
    expect(await app.getAttribute('class')).toMatch(/\bdark\b/);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => app.getAttribute('class')).toMatch(/\blight\b/);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => app.getAttribute('class')).toMatch(/\bdark\b/);
    // The reader picks light: it stays light on a dark system, across a reload.
    await page.getByRole('button', { name: 'Light' }).click();
    expect(await app.getAttribute('class')).toMatch(/\blight\b/);
    await page.reload();
    await page.getByTestId('narration').waitFor();
    expect(await app.getAttribute('class')).toMatch(/\blight\b/);
    await close();
  });
});
