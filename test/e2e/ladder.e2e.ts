/**
 * End-to-end: the sequence diagram with real fonts. In Chromium, the drawn text's own boxes (getBBox of
 * every label line, tag, gap marker, state and time label) and every ✕ must not overlap, at laptop,
 * desktop, single-column and phone widths, with the normal and the presenter text size (--diagram-font);
 * segments sent at the same instant leave from distinct points; labels show seq/ack; the exported SVG and
 * PNG hold the whole run under a title line and are named after the scenario and profile.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch } from './browser';
import { ladderCaughtUp, type OpenOptions, openApp } from './page';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

interface Drawn {
  /** Pairs of drawn things that overlap, named. */
  overlaps: string[];
  /** Text of each segment's label, lines joined by " / ". */
  labels: string[];
  /** Where each segment's line starts, "x,y". */
  starts: string[];
  /** Computed font size (px) of every text in the diagram. */
  fontSizes: number[];
  texts: number;
}

/**
 * Runs in the page (a string, so the bundler adds nothing to it): measures what Chromium drew in the first
 * SVG matching `selector`. Boxes are in the SVG's user units; a ✕ grows by half its stroke.
 */
const MEASURE = `(selector) => {
  const svg = document.querySelector(selector);
  const boxes = [];
  const add = (what, el, grow) => {
    const b = el.getBBox();
    if (b.width > 0 && b.height > 0)
      boxes.push({ what, x: b.x - grow, y: b.y - grow, w: b.width + 2 * grow, h: b.height + 2 * grow });
  };
  const fontSizes = [];
  for (const t of svg.querySelectorAll('text')) {
    fontSizes.push(parseFloat(getComputedStyle(t).fontSize));
    const spans = t.querySelectorAll('tspan');
    const owner = t.closest('[data-label-for]');
    const name = owner ? '#' + owner.getAttribute('data-label-for') + ' ' : '';
    if (spans.length === 0) add(name + JSON.stringify(t.textContent), t, 0);
    for (const s of spans) add(name + JSON.stringify(s.textContent), s, 0);
  }
  for (const c of svg.querySelectorAll('.ld-cross')) {
    add('✕ of #' + c.closest('[data-segment-id]').getAttribute('data-segment-id'), c, 1.25);
  }
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const p = boxes[i];
      const q = boxes[j];
      const dx = Math.min(p.x + p.w, q.x + q.w) - Math.max(p.x, q.x);
      const dy = Math.min(p.y + p.h, q.y + q.h) - Math.max(p.y, q.y);
      if (dx > 0.5 && dy > 0.5) overlaps.push(p.what + ' × ' + q.what);
    }
  const labels = [...svg.querySelectorAll('text.ld-label')].map((t) => {
    const lines = [...t.querySelectorAll('tspan.ld-line')].map((s) => s.textContent);
    return lines.length > 0 ? lines.join(' / ') : t.textContent;
  });
  const starts = [...svg.querySelectorAll('[data-segment-id] > line[class^="ld-from-"]')].map(
    (l) => l.getAttribute('x1') + ',' + l.getAttribute('y1'),
  );
  return { overlaps, labels, starts, fontSizes, texts: boxes.length };
}`;

async function drawn(page: Page, selector = '[data-testid="ladder-svg"]'): Promise<Drawn> {
  if (selector === '[data-testid="ladder-svg"]') await ladderCaughtUp(page);
  return page.evaluate(`(${MEASURE})(${JSON.stringify(selector)})`) as Promise<Drawn>;
}

/** What presenter mode sets (the presenter helper owns the real rule): projector-sized diagram text. */
const PRESENTER_FONT = '.app { --diagram-font: 18px; }';

interface Size {
  name: string;
  width: number;
  height: number;
  lang?: string;
  css?: string;
  fontSize: number;
}

const SIZES: Size[] = [
  { name: 'laptop 1366', width: 1366, height: 768, fontSize: 12 },
  { name: 'desktop 1920, presenter text', width: 1920, height: 1080, css: PRESENTER_FONT, fontSize: 18 },
  { name: 'single column 1024', width: 1024, height: 768, fontSize: 12 },
  { name: 'phone 390, zh-CN', width: 390, height: 844, lang: 'zh-CN', fontSize: 12 },
];

const PRESETS: { preset: string; linux?: boolean }[] = [
  { preset: 'lost-syn-ack' },
  { preset: 'lost-syn-ack', linux: true },
  { preset: 'rfc9293-fig7' },
  { preset: 'rfc9293-fig13' },
  { preset: 'simultaneous-close' },
];

async function openAt(preset: string, linux: boolean, size: Size) {
  const opts: OpenOptions = {
    width: size.width,
    height: size.height,
    reducedMotion: true,
    ...(size.lang ? { lang: size.lang, theme: 'light' } : {}),
  };
  const opened = await openApp(browser, `${base}#p=${preset}`, opts);
  const { page } = opened;
  // The diagram is a chunk of its own (fetched at once): wait for it.
  await page.getByTestId('ladder-svg').waitFor();
  if (size.css) await page.addStyleTag({ content: size.css });
  if (linux) await page.locator('.segmented button').nth(1).click();
  return opened;
}

/** Let a cursor move (or a font change) reach the drawing: the layout follows a resize observer. */
const settle = (page: Page) => page.waitForTimeout(150);

describe('the sequence diagram with real text', () => {
  for (const { preset, linux } of PRESETS) {
    const name = `${preset}${linux ? ' (linux)' : ''}`;
    it(`${name}: nothing drawn overlaps, same-instant sends leave apart, labels show seq/ack`, async () => {
      for (const size of SIZES) {
        const { page, errors, close } = await openAt(preset, !!linux, size);
        await page.keyboard.press('End');
        await settle(page);
        const end = await drawn(page);
        const where = `${name} at ${size.name}`;
        expect(end.texts, where).toBeGreaterThan(10);
        expect(end.overlaps, where).toEqual([]);
        expect(new Set(end.starts).size, `${where}: ${end.starts.join(' ')}`).toBe(end.starts.length);
        for (const label of end.labels) expect(label, where).toMatch(/seq=\d+/);
        // Every text in the diagram is drawn at the diagram's font size or larger.
        expect(Math.min(...end.fontSizes), where).toBeGreaterThanOrEqual(size.fontSize);
        expect(errors, where).toEqual([]);
        await close();
      }
    });
  }

  it('lost-syn-ack at 1366: nothing overlaps at any step of the run (labels of segments in flight too)', async () => {
    const { page, close } = await openAt('lost-syn-ack', false, SIZES[0] as Size);
    for (let step = 0; step < 60; step++) {
      await page.keyboard.press('ArrowRight');
      const now = await drawn(page);
      expect(now.overlaps, `step ${step + 1}`).toEqual([]);
    }
    await close();
  });

  it('grows its text and its spacing with --diagram-font', async () => {
    const { page, close } = await openAt('rfc9293-fig13', false, SIZES[2] as Size);
    await page.keyboard.press('End');
    await settle(page);
    const normal = await drawn(page);
    const heightOf = () =>
      page.locator('[data-testid="ladder-svg"]').evaluate((svg) => svg.getBoundingClientRect().height);
    const normalHeight = await heightOf();
    expect(Math.min(...normal.fontSizes)).toBe(12);
    await page.addStyleTag({ content: '.app { --diagram-font: 22px; }' });
    await page.waitForFunction(
      () => getComputedStyle(document.querySelector('.ld-label') as Element).fontSize === '22px',
    );
    const large = await drawn(page);
    expect(Math.min(...large.fontSizes)).toBe(22);
    expect(large.overlaps).toEqual([]);
    expect(await heightOf()).toBeGreaterThan(1.5 * normalHeight);
    await close();
  });
});

describe('Export ▸ Sequence diagram', () => {
  async function exportVia(page: Page, item: RegExp): Promise<{ name: string; bytes: Buffer }> {
    await page.locator('summary', { hasText: 'Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: item }).click(),
    ]);
    return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
  }

  it('exports the whole run of lost-syn-ack under Linux, titled and named after it, with nothing overlapping', async () => {
    const { page, errors, close } = await openAt('lost-syn-ack', true, SIZES[0] as Size);
    // The cursor stays at the start: the file still holds every segment of the run.
    expect(await page.locator('[data-testid="ladder-svg"] [data-segment-id]').count()).toBe(0);
    const svg = await exportVia(page, /\(\.svg\)/);
    const png = await exportVia(page, /\(\.png\)/);
    expect(svg.name).toBe('lost-syn-ack.linux.ladder.svg');
    expect(png.name).toBe('lost-syn-ack.linux.ladder.png');
    await page.keyboard.press('End');
    // (the diagram follows the cursor a render later: see Ladder.tsx)
    const arrows = page.locator('[data-testid="ladder-svg"] [data-segment-id]');
    await expect.poll(() => arrows.count()).toBeGreaterThan(4);
    const onPage = await arrows.count();

    // Open the file on its own, as an image viewer would, and measure what it draws.
    const file = await browser.newPage();
    await file.setContent(svg.bytes.toString('utf8').replace(/^<\?xml[^>]*>/, ''));
    const exported = await drawn(file, 'svg');
    expect(exported.overlaps).toEqual([]);
    expect(exported.starts).toHaveLength(onPage);
    for (const label of exported.labels) expect(label).toMatch(/seq=\d+/);
    const heading = await file.locator('.ld-heading').allTextContents();
    expect(heading.join(' ')).toMatch(/Lost SYN,ACK.* · Linux$/);
    const size = await file
      .locator('svg')
      .evaluate((s) => [Number(s.getAttribute('width')), Number(s.getAttribute('height'))]);
    await file.close();

    // The PNG is that SVG drawn at twice its size.
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.readUInt32BE(16)).toBe(Math.ceil((size[0] as number) * 2));
    expect(png.bytes.readUInt32BE(20)).toBe(Math.ceil((size[1] as number) * 2));
    expect(errors).toEqual([]);
    await close();
  });
});
