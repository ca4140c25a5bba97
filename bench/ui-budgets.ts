/**
 * npm run budgets — the browser UI's budgets (issue "The simulator in the browser"), measured in Debian's
 * headless Chromium (software rendering, no GPU: what CI has) against the production build:
 *  1. Initial JS ≤ 130 KB gzip: the entry script plus every modulepreload in index.html (gzip -9 each).
 *  2. Step and scrub on a ≥ 10,000-event trace within one frame: keydown (or scrubber input) → the DOM
 *     mutation that shows the new event ≤ 16 ms, worst of 30 each.
 *  3. 20 segments in flight hold ≥ 55 fps while playing at 4× (a reading pace, src/store/pace.ts: a few
 *     events in the window) and at 100× (up to 25 steps a second, more events a second than 4× showed
 *     before playback kept a reading pace).
 * Prints a table (or JSON with --json); exits 1 if any budget fails, 2 if the measurement itself failed.
 * The site is built into a temporary directory (not dist/, which the e2e tests may be serving).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';
import { loadPreset } from '../src/scenarios/presets';
import { nextStep } from '../src/store/pace';
import { segmentLives } from '../src/store/selectors';
import { encodeShare } from '../src/store/url';
import { buildTimeline, runScenario, type Timeline } from '../src/tcp/index';
import type { ScenarioInput, Trace } from '../src/tcp/types';
import { narrationFor } from '../src/ui/hooks/usePlayback';
import { messages } from '../src/ui/i18n';
import { CHROMIUM_PATH, chromiumAvailable, launch } from '../test/e2e/browser';
import { clicksWhileComputing, ladderCaughtUp } from '../test/e2e/page';
import { bulkTransfer, oneByteFlood } from './scenarios';
import {
  type FrameResult,
  fpsSource,
  PROBE_SOURCE,
  type ProbeWindow,
  type StepResult,
} from './ui-budgets-probe';

const json = process.argv.includes('--json');
const FRAME_MS = 16;
const INITIAL_JS_KB = 130;
const MIN_FPS = 55;
const MIN_SEGMENTS = 20;
const MIN_EVENTS = 10_000;
const SAMPLES = 30;
const FPS_WINDOW_MS = 3000;
const WATCHDOG_MS = 600_000;

function log(line = ''): void {
  if (!json) console.log(line);
}

interface BudgetLine {
  name: string;
  measured: number;
  limit: number;
  unit: string;
  /** "max" budgets pass when measured ≤ limit, "min" budgets when measured ≥ limit. */
  kind: 'max' | 'min';
  pass: boolean;
  note?: string;
}

const budgets: BudgetLine[] = [];
const details: Record<string, unknown> = {};

function budget(line: Omit<BudgetLine, 'pass'> & { pass?: boolean }): void {
  const ok = line.kind === 'max' ? line.measured <= line.limit : line.measured >= line.limit;
  budgets.push({ ...line, pass: ok && line.pass !== false });
}

/** Run a measurement step; a failure says which step and why. */
async function phase<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw new Error(`${name}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const kb = (bytes: number) => bytes / 1024;
const fmt = (n: number, digits = 1) => n.toFixed(digits);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const max = (xs: number[]) => xs.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);

// ---------------------------------------------------------------- scenarios (checked in Node first)

function bigTrace(): { scenario: ScenarioInput; trace: Trace; sends: number } {
  for (let sends = 40; sends <= 1000; sends += 40) {
    const scenario = bulkTransfer(sends);
    const trace = runScenario(scenario);
    if (trace.events.length >= MIN_EVENTS) return { scenario, trace, sends };
  }
  throw new Error(`no bulk scenario of up to 1000 sends reached ${MIN_EVENTS} events`);
}

/** A long-fat-pipe send: 200 ms one way, window 65,535, so ~45 full-size segments stay on the wire. */
const flightScenario: ScenarioInput = {
  version: 1,
  name: 'budget: segments in flight',
  seed: 1,
  network: { latencyMs: 200 },
  endpoints: { A: { mss: 1460 } },
  actions: [
    { at: 0, endpoint: 'B', call: 'listen' },
    { at: 10, endpoint: 'A', call: 'connect' },
    { at: 1000, endpoint: 'A', call: 'send', bytes: 1_000_000 },
  ],
};

/** Segments the wire draws at each cursor: sent at or before it, not ended before it (as Stage.tsx). */
function onWire(trace: Trace): number[] {
  const lives = segmentLives(trace);
  return trace.events.map((_, i) => {
    let n = 0;
    for (const l of lives) {
      if (l.sendIndex > i) break;
      if (l.endIndex >= i) n++;
    }
    return n;
  });
}

/**
 * The first cursor from which playback at `speed` keeps ≥ MIN_SEGMENTS on the wire for the whole fps
 * window (plus a second of margin for page start-up), using the player's own pacing.
 */
function flightStart(
  timeline: Timeline,
  speed: number,
): { cursor: number; minAhead: number; eventsAhead: number } {
  const trace = timeline.trace;
  const counts = onWire(trace);
  const events = trace.events;
  // The page opens in English (locale en-US), absolute sequence numbers.
  const narrationOf = narrationFor(timeline, messages('en'), false);
  for (let c = 0; c < events.length; c++) {
    let elapsed = 0;
    let i = c;
    let lowest = counts[c] as number;
    while (elapsed < FPS_WINDOW_MS + 1000) {
      const step = nextStep(events, i, narrationOf, speed, false);
      if (!step) break;
      elapsed += step.waitMs;
      for (let k = i + 1; k <= step.to; k++) lowest = Math.min(lowest, counts[k] as number);
      i = step.to;
    }
    if (lowest >= MIN_SEGMENTS && elapsed >= FPS_WINDOW_MS + 1000)
      return { cursor: c, minAhead: lowest, eventsAhead: i - c };
  }
  throw new Error(`no cursor keeps ${MIN_SEGMENTS} segments on the wire for ${FPS_WINDOW_MS} ms of playback`);
}

// ---------------------------------------------------------------- 1. initial JS

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)(?:\s*=\s*"([^"]*)")?/g)) {
    if (m[1]) out[m[1].toLowerCase()] = m[2] ?? '';
  }
  return out;
}

function gz(path: string): { raw: number; gzip: number } {
  const data = readFileSync(path);
  return { raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
}

function bundleSizes(outDir: string): Set<string> {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const initialJs: string[] = [];
  const initialCss: string[] = [];
  for (const m of html.matchAll(/<(script|link)\b([^>]*)>/gi)) {
    const a = attrs(m[2] ?? '');
    if (m[1]?.toLowerCase() === 'script' && a.type === 'module' && a.src) initialJs.push(a.src);
    if (m[1]?.toLowerCase() === 'link' && a.rel === 'modulepreload' && a.href) initialJs.push(a.href);
    if (m[1]?.toLowerCase() === 'link' && a.rel === 'stylesheet' && a.href) initialCss.push(a.href);
  }
  if (initialJs.length === 0) throw new Error('no <script type="module" src> in index.html');
  const norm = (href: string) => href.replace(/^\.?\//, '');
  const initialSet = new Set(initialJs.map(norm));
  const jsRows = initialJs.map((href) => ({ file: norm(href), ...gz(join(outDir, norm(href))) }));
  const total = jsRows.reduce((sum, r) => sum + r.gzip, 0);
  const assets = readdirSync(join(outDir, 'assets'));
  const lazy = assets
    .filter((f) => f.endsWith('.js') && !initialSet.has(`assets/${f}`))
    .map((f) => ({ file: `assets/${f}`, ...gz(join(outDir, 'assets', f)) }));
  const css = assets
    .filter((f) => f.endsWith('.css'))
    .map((f) => ({
      file: `assets/${f}`,
      initial: initialCss.map(norm).includes(`assets/${f}`),
      ...gz(join(outDir, 'assets', f)),
    }));
  details.bundle = { initialJs: jsRows, initialJsGzip: total, lazyJs: lazy, css };
  log('Initial JS (entry + modulepreload, gzip -9):');
  for (const r of jsRows)
    log(`  ${r.file.padEnd(44)} ${fmt(kb(r.raw)).padStart(7)} KB raw ${fmt(kb(r.gzip)).padStart(6)} KB gzip`);
  log(`  ${'total'.padEnd(44)} ${' '.repeat(14)} ${fmt(kb(total)).padStart(6)} KB gzip`);
  log('Lazy JS chunks (not in the initial set):');
  for (const r of lazy)
    log(`  ${r.file.padEnd(44)} ${fmt(kb(r.raw)).padStart(7)} KB raw ${fmt(kb(r.gzip)).padStart(6)} KB gzip`);
  log('CSS:');
  for (const r of css)
    log(
      `  ${r.file.padEnd(44)} ${fmt(kb(r.raw)).padStart(7)} KB raw ${fmt(kb(r.gzip)).padStart(6)} KB gzip${r.initial ? '' : ' (lazy)'}`,
    );
  budget({ name: 'Initial JS (gzip)', measured: kb(total), limit: INITIAL_JS_KB, unit: 'KB', kind: 'max' });
  return initialSet;
}

// ---------------------------------------------------------------- page helpers

async function openAt(browser: Browser, base: string, hash: string, expectEvents: number): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    locale: 'en-US',
    reducedMotion: 'no-preference',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}${hash}`);
  await page.waitForSelector('[data-testid="narration"]');
  // The link's scenario is loaded when the scrubber spans its events.
  await page
    .waitForFunction(
      (n) => Number(document.querySelector<HTMLInputElement>('.scrubber input[type=range]')?.max) === n - 1,
      expectEvents,
      { timeout: 15_000 },
    )
    .catch(async () => {
      const problem = await page.locator('.problem, [role=alert]').allTextContents();
      throw new Error(
        `the shared link did not load a ${expectEvents}-event trace (page errors: ${errors.join('; ') || 'none'}; problem: ${problem.join(' ') || 'none'})`,
      );
    });
  // Let the lazily loaded animation features and the first paints settle.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await page.evaluate(PROBE_SOURCE);
  return page;
}

async function quiet(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 30)))),
  );
}

async function cursorOf(page: Page): Promise<number> {
  return page.evaluate(() =>
    Number(document.querySelector<HTMLInputElement>('.scrubber input[type=range]')?.value),
  );
}

/** Press a key on the page body and time keydown → mutation → frame. */
async function timedKey(page: Page, key: string): Promise<StepResult> {
  await page.evaluate(() => (window as unknown as ProbeWindow).__budgetProbe.arm());
  await page.keyboard.press(key);
  return page.evaluate(() => (window as unknown as ProbeWindow).__budgetProbe.result());
}

async function focusBody(page: Page): Promise<void> {
  await page.evaluate(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    document.body.focus();
  });
}

function summary(samples: StepResult[]) {
  const render = samples.map((s) => s.render);
  const frame = samples.map((s) => s.frame);
  const paint = samples.map((s) => s.paint);
  return {
    n: samples.length,
    renderMedian: median(render),
    renderMax: max(render),
    frameMedian: median(frame),
    frameMax: max(frame),
    paintMedian: median(paint),
    paintMax: max(paint),
  };
}

function logSummary(label: string, s: ReturnType<typeof summary>): void {
  log(
    `  ${label}: render median ${fmt(s.renderMedian)} ms, max ${fmt(s.renderMax)} ms; next frame (rAF) median ${fmt(s.frameMedian)} ms, max ${fmt(s.frameMax)} ms; after paint median ${fmt(s.paintMedian)} ms, max ${fmt(s.paintMax)} ms  (n=${s.n})`,
  );
}

// ---------------------------------------------------------------- 2. step and scrub

async function stepAndScrub(browser: Browser, base: string): Promise<void> {
  const { scenario, trace, sends } = bigTrace();
  const n = trace.events.length;
  const hash = encodeShare({ scenario, presetName: null, cursor: -1 });
  log();
  log(
    `Step / scrub trace: A sends ${sends} × 20,000 B (20 ms, 0.5 % loss): ${n} events, final A ${trace.final.A.state} B ${trace.final.B.state}; link ${hash.length} characters`,
  );
  details.bigTrace = { events: n, sends, hashLength: hash.length };
  const page = await phase('open the 10,000-event link', () => openAt(browser, base, hash, n));
  try {
    await focusBody(page);
    // Warm-up (not counted): the first presses compile the handlers.
    for (const key of ['ArrowRight', 'ArrowLeft']) await timedKey(page, key);
    const steps: (StepResult & { from: number })[] = [];
    const stepAt = async (where: string, setup: () => Promise<void>) => {
      await setup();
      await focusBody(page);
      for (let k = 0; k < SAMPLES / 3; k++) {
        await quiet(page);
        const from = await cursorOf(page);
        const r = await phase(`ArrowRight at ${where} (cursor ${from})`, () => timedKey(page, 'ArrowRight'));
        const to = await cursorOf(page);
        if (to !== from + 1) throw new Error(`ArrowRight moved the cursor from ${from} to ${to}`);
        steps.push({ ...r, from });
      }
    };
    await stepAt('the start', async () => {
      await page.keyboard.press('Home');
    });
    await stepAt('the middle', async () => {
      await page.evaluate(
        (v) => (window as unknown as ProbeWindow).__budgetProbe.scrub(v),
        Math.floor(n / 2),
      );
    });
    await stepAt('the end', async () => {
      await page.keyboard.press('End');
      for (let k = 0; k < SAMPLES / 3 + 1; k++) await page.keyboard.press('ArrowLeft');
    });
    const stepSummary = summary(steps);
    details.step = { ...stepSummary, samples: steps };
    log('Step (ArrowRight, 10 each near the start, middle and end):');
    logSummary('step', stepSummary);

    // Scrub: 30 seeded random positions over the whole trace.
    let x = 20_240_601;
    const scrubs: (StepResult & { to: number })[] = [];
    for (let k = 0; k < SAMPLES; k++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const to = x % n;
      await quiet(page);
      const r = await phase(`scrub to ${to}`, () =>
        page.evaluate((v) => (window as unknown as ProbeWindow).__budgetProbe.scrub(v), to),
      );
      const now = await cursorOf(page);
      if (now !== to) throw new Error(`the scrubber asked for ${to} but the cursor is at ${now}`);
      scrubs.push({ ...r, to });
    }
    const dom = await page.evaluate(() => ({
      nodes: document.querySelectorAll('*').length,
      ladderArrows: document.querySelectorAll('.ladder-seg').length,
      segments: document.querySelectorAll('.segment').length,
    }));
    details.domAfterScrub = dom;
    const scrubSummary = summary(scrubs);
    details.scrub = { ...scrubSummary, samples: scrubs };
    log('Scrub (range input to 30 random positions):');
    logSummary('scrub', scrubSummary);
    log(
      `  DOM after the last scrub: ${dom.nodes} elements, ${dom.ladderArrows} ladder arrows, ${dom.segments} .segment (wire) elements`,
    );
    budget({
      name: `Step on a ${n}-event trace (max render)`,
      measured: stepSummary.renderMax,
      limit: FRAME_MS,
      unit: 'ms',
      kind: 'max',
      note: `median ${fmt(stepSummary.renderMedian)} ms; next rAF max ${fmt(stepSummary.frameMax)} ms`,
    });
    budget({
      name: `Scrub on a ${n}-event trace (max render)`,
      measured: scrubSummary.renderMax,
      limit: FRAME_MS,
      unit: 'ms',
      kind: 'max',
      note: `median ${fmt(scrubSummary.renderMedian)} ms; next rAF max ${fmt(scrubSummary.frameMax)} ms`,
    });
  } finally {
    await page.context().close();
  }
}

// ---------------------------------------------------------------- 3. segments in flight

async function inFlight(browser: Browser, base: string, speed: number): Promise<void> {
  const timeline = buildTimeline(flightScenario);
  const trace = timeline.trace;
  const start = flightStart(timeline, speed);
  const hash = encodeShare({ scenario: flightScenario, presetName: null, cursor: start.cursor });
  log();
  log(
    `In-flight trace: A sends 1,000,000 B (mss 1460, 200 ms one way): ${trace.events.length} events; from cursor ${start.cursor}, ≥ ${start.minAhead} segments on the wire for the next ${start.eventsAhead} events at ${speed}×`,
  );
  const page = await phase('open the in-flight link', () => openAt(browser, base, hash, trace.events.length));
  try {
    const idle = await phase('idle frame rate', () => page.evaluate<FrameResult>(fpsSource(1000)));
    const at = await cursorOf(page);
    if (at !== start.cursor) throw new Error(`the link asked for cursor ${start.cursor} but it is at ${at}`);
    const segmentsAtStart = await page.locator('.segment').count();
    await page.locator('.speed select').selectOption(String(speed));
    await page.locator('button.play').click();
    await page.waitForFunction((c) => {
      const v = Number(document.querySelector<HTMLInputElement>('.scrubber input[type=range]')?.value);
      return v > c;
    }, start.cursor);
    const playing: FrameResult = await phase('frame rate while playing', () =>
      page.evaluate<FrameResult>(fpsSource(FPS_WINDOW_MS)),
    );
    const end = await cursorOf(page);
    const stillPlaying = await page.locator('button.play[aria-pressed=true]').count();
    await page.locator('button.play').click();
    details[`inFlight${speed}x`] = {
      events: trace.events.length,
      startCursor: start.cursor,
      endCursor: end,
      segmentsAtStart,
      idle,
      playing,
    };
    log(
      `  idle: ${fmt(idle.fps)} fps (longest frame gap ${fmt(idle.maxGap)} ms) — the harness's own frame rate`,
    );
    log(
      `  playing ${speed}×: ${fmt(playing.fps)} fps over ${fmt(playing.seconds, 2)} s (${playing.frames} frames), longest frame gap ${fmt(playing.maxGap)} ms, ${playing.slowFrames} frames > 20 ms, long tasks ${playing.longTasks} (longest ${fmt(playing.longestTask)} ms)`,
    );
    log(
      `  .segment elements: ${segmentsAtStart} at start, ${playing.minSegments}–${playing.maxSegments} while measuring; cursor ${start.cursor} → ${end} (${end - start.cursor} events)${stillPlaying ? '' : ' — playback had stopped!'}`,
    );
    const enough = segmentsAtStart >= MIN_SEGMENTS && playing.minSegments >= MIN_SEGMENTS;
    budget({
      name: `${MIN_SEGMENTS} segments in flight, playing ${speed}×`,
      measured: playing.fps,
      limit: MIN_FPS,
      unit: 'fps',
      kind: 'min',
      pass: enough && stillPlaying > 0 && end > start.cursor,
      note: enough
        ? `${playing.minSegments}–${playing.maxSegments} segments drawn; longest gap ${fmt(playing.maxGap)} ms`
        : `only ${Math.min(segmentsAtStart, playing.minSegments)} segments drawn: not the scene the budget is about`,
    });
  } finally {
    await page.context().close();
  }
}

// ---------------------------------------------------------------- main

// ---------------------------------------------------------------- 4. a long run in the worker

/** One-byte segments, 100,000,000 bytes, maxEvents 1,000,000: the page runs it to its 200,000-event limit. */
const ENORMOUS = oneByteFlood(1_000_000, 'budget: enormous');

async function longRun(browser: Browser, base: string): Promise<void> {
  const hash = encodeShare({ scenario: ENORMOUS, presetName: null, cursor: -1 });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  try {
    await page.goto(`${base}${hash}`);
    const started = Date.now();
    await phase('the long run starts', () => page.getByRole('progressbar').waitFor({ timeout: 15_000 }));
    const seen = await phase('clicks while it runs', () => clicksWhileComputing(page));
    await phase('the long run ends', () =>
      page.getByRole('progressbar').waitFor({ state: 'detached', timeout: 120_000 }),
    );
    const totalMs = Date.now() - started;
    await page.waitForFunction(
      () => Number(document.querySelector<HTMLInputElement>('.scrubber input[type=range]')?.max) === 199_999,
    );
    await page.evaluate(PROBE_SOURCE);
    await quiet(page);
    log();
    log(
      `Long run (one-byte segments, maxEvents 1,000,000 → the page's 200,000): ${fmt(totalMs / 1000)} s from the progress bar to the result; ${seen.waits.length} clicks meanwhile, median ${fmt(median(seen.waits))} ms, max ${fmt(max(seen.waits))} ms; longest frame ${fmt(seen.longestFrame)} ms`,
    );
    details.longRun = { totalMs, ...seen };
    budget({
      name: 'A click while a 200,000-event run builds (max)',
      measured: max(seen.waits),
      limit: 100,
      unit: 'ms',
      kind: 'max',
      note: `median ${fmt(median(seen.waits))} ms, n=${seen.waits.length}; longest frame ${fmt(seen.longestFrame)} ms`,
    });
    // Scrub the 200,000-event trace, 65,535 one-byte segments in flight at most positions. As in the step
    // phase, the first scrubs compile the code that draws an event (the page had shown none yet); they are
    // reported, not counted: a first scrub costs as much on a 22-event preset (see coldScrub below).
    const cold: number[] = [];
    for (const to of [150_000, 50_000]) {
      await quiet(page);
      cold.push(
        (
          await phase(`warm-up scrub to ${to}`, () =>
            page.evaluate((v) => (window as unknown as ProbeWindow).__budgetProbe.scrub(v), to),
          )
        ).render,
      );
    }
    log(
      `  warm-up scrubs (not counted, the first after the page load): ${cold.map((c) => `${fmt(c)} ms`).join(', ')}`,
    );
    details.longRunWarmUp = cold;
    let x = 20_261_201;
    const scrubs: StepResult[] = [];
    for (let k = 0; k < SAMPLES; k++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const to = x % 200_000;
      // Settled: the sequence diagram (which follows the cursor a render later) shows the last scrub.
      await ladderCaughtUp(page);
      await quiet(page);
      scrubs.push(
        await phase(`scrub the long run to ${to}`, () =>
          page.evaluate((v) => (window as unknown as ProbeWindow).__budgetProbe.scrub(v), to),
        ),
      );
    }
    const s = summary(scrubs);
    details.longRunScrub = s;
    logSummary('scrub (200,000 events, 65,535 in flight)', s);
    budget({
      name: 'Scrub on the 200,000-event run (max render)',
      measured: s.renderMax,
      limit: FRAME_MS,
      unit: 'ms',
      kind: 'max',
      note: `median ${fmt(s.renderMedian)} ms; next rAF max ${fmt(s.frameMax)} ms`,
    });
  } finally {
    await context.close();
  }
}

/**
 * The first scrubs after a page load on a 22-event preset: what compiling the drawing code costs on any
 * trace (reported beside the long run's warm-up scrubs; not a budget).
 */
async function coldScrub(browser: Browser, base: string): Promise<void> {
  const page = await openAt(
    browser,
    base,
    '#p=rfc9293-fig6',
    runScenario(loadPreset('rfc9293-fig6') as ScenarioInput).events.length,
  );
  try {
    await page.evaluate(PROBE_SOURCE);
    const cold: number[] = [];
    for (const to of [15, 5]) {
      await quiet(page);
      cold.push(
        (await page.evaluate((v) => (window as unknown as ProbeWindow).__budgetProbe.scrub(v), to)).render,
      );
    }
    log(
      `First scrubs after loading rfc9293-fig6 (cold, for comparison): ${cold.map((c) => `${fmt(c)} ms`).join(', ')}`,
    );
    details.coldScrubFig6 = cold;
  } finally {
    await page.context().close();
  }
}

async function main(): Promise<number> {
  if (!chromiumAvailable()) {
    console.error(
      `budgets: Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
    );
    return 2;
  }
  const outDir = join(tmpdir(), `synack-budgets-${process.pid}`);
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  const watchdog = setTimeout(() => {
    console.error(`budgets: gave up after ${WATCHDOG_MS / 1000} s (a page never answered?)`);
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();
  try {
    await phase('vite build', () =>
      build({ logLevel: 'warn', build: { outDir, emptyOutDir: true, reportCompressedSize: false } }),
    );
    bundleSizes(outDir);
    server = await phase('vite preview', () =>
      preview({
        build: { outDir },
        preview: { port: 0, host: '127.0.0.1', strictPort: false },
        logLevel: 'warn',
      }),
    );
    const base = server.resolvedUrls?.local[0];
    if (!base) throw new Error('vite preview did not report a URL');
    browser = await phase('launch Chromium', () => launch());
    const env = {
      chromium: browser.version(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      loadAverage1m: loadavg()[0] ?? 0,
    };
    details.environment = env;
    log();
    log(
      `Environment: Chromium ${env.chromium} (headless, --disable-gpu), Node ${env.node}, ${env.cpus} × ${env.cpuModel}, load average ${fmt(env.loadAverage1m, 2)}`,
    );
    if (env.loadAverage1m > env.cpus * 0.75)
      log('  (the machine is busy: the browser shares the CPUs, so times are pessimistic)');
    const b = browser;
    await stepAndScrub(b, base);
    await inFlight(b, base, 4);
    await inFlight(b, base, 100);
    await longRun(b, base);
    await coldScrub(b, base);
  } finally {
    await browser?.close().catch(() => {});
    const s = server;
    if (s) await new Promise<void>((resolve) => s.httpServer.close(() => resolve()));
    rmSync(outDir, { recursive: true, force: true });
    clearTimeout(watchdog);
  }
  const failed = budgets.filter((b) => !b.pass);
  if (json) {
    console.log(JSON.stringify({ budgets, pass: failed.length === 0, details }, null, 2));
  } else {
    log();
    const w = Math.max(...budgets.map((b) => b.name.length));
    log(`${'Budget'.padEnd(w)}  ${'Measured'.padStart(12)}  ${'Limit'.padStart(12)}  Result`);
    for (const b of budgets) {
      const measured = `${fmt(b.measured)} ${b.unit}`;
      const limit = `${b.kind === 'max' ? '≤' : '≥'} ${b.limit} ${b.unit}`;
      log(
        `${b.name.padEnd(w)}  ${measured.padStart(12)}  ${limit.padStart(12)}  ${b.pass ? 'PASS' : 'FAIL'}${b.note ? `  (${b.note})` : ''}`,
      );
    }
    log(failed.length === 0 ? 'All budgets met.' : `${failed.length} budget(s) failed.`);
  }
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`budgets: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
