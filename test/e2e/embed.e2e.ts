/**
 * End-to-end: embed mode (issue 10, "Embed and print"). A host page on another origin embeds steps 1–2 of
 * the handshake lesson in an 800×600 iframe and records what synack posts to it. Oracles: RFC 9293 figure 6
 * (B enters SYN-RECEIVED on the SYN; its SYN,ACK is the next segment), the messages' documented shapes, and
 * the iframe's own geometry (nothing wider than 800 px).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/**
 * The host page, served from another origin of the loopback interface (another port): Chromium blocks a
 * page it cannot place on the network (a routed one) from framing a local server.
 */
async function hostPage(iframeSrc: string): Promise<{ url: string; server: Server }> {
  const body = `<!doctype html><html lang="en"><title>host</title><body>
    <iframe title="synack" src="${iframeSrc}" style="width:800px;height:600px;border:0"></iframe>
    <script>window.messages = []; addEventListener('message', (e) => window.messages.push(e.data));</script>
  </body></html>`;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

describe('printing a lesson', () => {
  it('Print gives a worksheet of every step, blank for the student and filled in for the instructor', async () => {
    const { page, close } = await openApp(browser, `${base}#lesson=handshake&step=1`, {
      reducedMotion: true,
    });
    // The print dialog itself is the browser's: stand in for it, so the test sees what would be printed.
    await page.evaluate(() => {
      window.print = () => {};
    });
    const lesson = page.getByRole('region', { name: 'Opening a connection: the three-way handshake' });
    await lesson.waitFor();
    const sheet = (withAnswers: boolean) =>
      page.getByRole('article', {
        name: `Opening a connection: the three-way handshake: ${withAnswers ? 'worksheet with answers' : 'worksheet'}`,
      });
    await page.getByRole('button', { name: 'Print worksheet' }).click();
    await page.emulateMedia({ media: 'print' });
    const student = sheet(false);
    await student.waitFor();
    const steps = student.locator('.ws-step');
    expect(await steps.count()).toBe(7);
    expect(await student.textContent()).not.toContain('The answer:');
    // Step 2 asks for B's SYN,ACK: its diagram stops before it (fig 6: the SYN only).
    const step2 = steps.nth(1);
    expect(await step2.locator('svg').textContent()).toContain('SYN');
    expect(await step2.locator('svg').textContent()).not.toContain('SYN,ACK');
    expect(await step2.textContent()).toContain('seq ____');
    expect(await page.locator('.stage').isVisible()).toBe(false);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.emulateMedia({ media: 'screen' });
    expect(await student.count()).toBe(0);

    await page.getByRole('button', { name: 'Print with answers' }).click();
    await page.emulateMedia({ media: 'print' });
    const teacher = sheet(true);
    await teacher.waitFor();
    const text = (await teacher.textContent()) ?? '';
    // Hand-derived from RFC 9293 figure 6 (latency 50 ms, connect at 10 ms).
    expect(text).toContain('The answer: B enters SYN-RECEIVED.');
    expect(text).toContain('The answer: A enters ESTABLISHED.');
    expect(text).toContain('The answer: 150 ms.');
    expect(text).toMatch(/The answer: B sends SYN,ACK seq=\d+ ack=\d+\./);
    await page.screenshot({ path: '/tmp/l-embed-worksheet.png', fullPage: true });
    await close();
  });
});

describe('embed mode', () => {
  it('an iframe on another origin shows the lesson alone and posts each checkpoint and the lesson end', async () => {
    const context = await browser.newContext({
      viewport: { width: 1000, height: 760 },
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    const src = `${base}?embed=1&steps=1-2#lesson=handshake&step=1`;
    const host = await hostPage(src);
    await page.goto(host.url);
    const frame = page.frameLocator('iframe');
    const lesson = frame.getByRole('region', { name: 'Opening a connection: the three-way handshake' });
    await lesson.waitFor();
    // Only the embedded steps: "Step 1 of 2", no header, no side panels; a link to the full app.
    expect(await lesson.textContent()).toContain('Step 1 of 2');
    expect(await frame.locator('header.topbar, .side-col, .state-diagram').count()).toBe(0);
    const open = frame.getByRole('link', { name: /Open in synack/ });
    expect(await open.getAttribute('target')).toBe('_blank');
    expect(await open.getAttribute('href')).not.toContain('embed=1');
    expect(await open.getAttribute('href')).toContain('#lesson=handshake');
    const width = await frame.locator('html').evaluate((el) => el.scrollWidth);
    expect(width).toBeLessThanOrEqual(800);

    // Step 1: B's next state after the SYN, right at the first try.
    await frame.getByRole('button', { name: 'Go to the question' }).click();
    const state = frame.getByRole('form', { name: 'Predict the next state' });
    await state.getByLabel('B', { exact: true }).selectOption('SYN-RECEIVED');
    await state.getByRole('button', { name: 'Check', exact: true }).click();
    await page.waitForFunction(() => (window as unknown as { messages: unknown[] }).messages.length >= 1);
    await frame.getByRole('button', { name: 'Next step', exact: true }).click();

    // Step 2: the SYN,ACK, missed twice (no flags, no numbers): the answer is shown.
    expect(await lesson.textContent()).toContain('Step 2 of 2');
    await frame.getByRole('button', { name: 'Go to the question' }).click();
    const seg = frame.getByRole('form', { name: 'Predict the next segment' });
    for (let k = 0; k < 2; k++) await seg.getByRole('button', { name: 'Check', exact: true }).click();
    // Its last checkpoint settled, the embedded lesson is complete: its end is posted at once.
    await page.waitForFunction(() => (window as unknown as { messages: unknown[] }).messages.length >= 3);
    const messages = await page.evaluate(() => (window as unknown as { messages: unknown[] }).messages);
    expect(messages).toEqual([
      { type: 'synack:checkpoint', lesson: 'handshake', step: 1, correct: true, attempts: 1 },
      { type: 'synack:checkpoint', lesson: 'handshake', step: 2, correct: false, attempts: 2 },
      { type: 'synack:lesson-complete', lesson: 'handshake', score: 0.5, right: 1, asked: 2 },
    ]);
    await context.close();
    host.server.close();
  });

  it('at 800×600 on its own: one column, no sideways scroll, no axe-core violations', async () => {
    const { page, close } = await openApp(browser, `${base}?embed=1#p=rfc9293-fig6&c=8`, {
      width: 800,
      height: 600,
      reducedMotion: true,
    });
    await page.getByTestId('narration').waitFor();
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)).toBeLessThanOrEqual(800);
    // The wire, the controls and the narration are in the first screen.
    for (const selector of ['.stage', '.controls', '[data-testid="narration"]']) {
      const box = await page.locator(selector).boundingBox();
      expect(box, selector).not.toBeNull();
      expect((box?.y ?? 0) + (box?.height ?? 0), selector).toBeLessThanOrEqual(600);
    }
    expect(await axeViolations(page)).toEqual([]);
    await close();
  });
});
