/**
 * `npx tsx test/e2e/screenshots.ts [outDir]`: build, serve, and photograph the app at 1280×800 and 390×844,
 * in English and Chinese, light and dark, and in presenter mode at 1920×1080 and 1024×768 (its high-contrast
 * light default), at an interesting moment (mid-handshake with a lost SYN,ACK).
 * SHOT_HASH picks another moment; SHOT_PRESENTER=1 turns presenter mode on; SHOT_IMPORT=<file> imports a scenario or capture first (through
 * "Import…") and scrolls to the capture comparison; FULL=1 takes full-page shots.
 */
import { mkdirSync } from 'node:fs';
import { build, preview } from 'vite';
import { launch } from './browser';

const out = process.argv[2] ?? 'docs/screenshots';
mkdirSync(out, { recursive: true });
await build({ logLevel: 'warn' });
const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const base = server.resolvedUrls?.local[0] ?? '';
const browser = await launch();
const hash = process.env.SHOT_HASH ?? '#p=lost-syn-ack&c=17';
for (const [w, h, label] of [
  [1280, 800, 'desktop'],
  [390, 844, 'phone'],
] as const) {
  for (const lang of ['en', 'zh-CN'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({
        viewport: { width: w, height: h },
        locale: lang,
        deviceScaleFactor: 1,
      });
      await context.addInitScript(
        ([l, t, p]) =>
          localStorage.setItem('synack.prefs', JSON.stringify({ lang: l, theme: t, presenter: p === '1' })),
        [lang, theme, process.env.SHOT_PRESENTER ?? '0'],
      );
      const page = await context.newPage();
      await page.goto(`${base}${hash}`);
      await page.waitForSelector('[data-testid="narration"]');
      if (process.env.SHOT_IMPORT) {
        await page.locator('input[type="file"]').setInputFiles(process.env.SHOT_IMPORT);
        const panel = page.getByTestId('capture-panel');
        await panel.waitFor();
        if (!process.env.FULL) await panel.scrollIntoViewIfNeeded();
      }
      await page.waitForTimeout(700);
      const file = `${out}/${label}-${lang}-${theme}.png`;
      await page.screenshot({ path: file, fullPage: process.env.FULL === '1' });
      console.log(file);
      await context.close();
    }
  }
}
// Presenter mode, as a projector shows it: its own (high-contrast light) theme, no saved theme.
for (const [w, h] of [
  [1920, 1080],
  [1024, 768],
] as const) {
  for (const lang of ['en', 'zh-CN'] as const) {
    const context = await browser.newContext({ viewport: { width: w, height: h }, locale: lang });
    await context.addInitScript(
      (l) => localStorage.setItem('synack.prefs', JSON.stringify({ lang: l, presenter: true })),
      lang,
    );
    const page = await context.newPage();
    await page.goto(`${base}${hash}`);
    await page.waitForSelector('[data-testid="narration"]');
    await page.waitForTimeout(700);
    const file = `${out}/presenter-${w}-${lang}-light.png`;
    await page.screenshot({ path: file });
    console.log(file);
    await context.close();
  }
}
await browser.close();
await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
