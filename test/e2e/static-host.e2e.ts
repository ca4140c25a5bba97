/**
 * The built site works from any static host, under any path, with no network access: serve dist/ from a
 * plain file server under a sub-path and check that the app runs and never asks another origin.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launch } from './browser';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};
const PREFIX = '/courses/networking/synack/';

let server: Server;
let browser: Browser;
let origin = '';

beforeAll(async () => {
  // global-setup has built dist/ already.
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith(PREFIX)) {
      res.writeHead(404).end();
      return;
    }
    const rel = normalize(url.pathname.slice(PREFIX.length) || 'index.html').replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join('dist', rel));
      res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  origin = `http://127.0.0.1:${address.port}`;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

it('runs from a sub-path of a plain static server and requests nothing from elsewhere', async () => {
  const page = await browser.newPage();
  const foreign: string[] = [];
  const failed: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${origin}${PREFIX}#p=lost-syn&c=8`);
  await page.getByTestId('narration').waitFor();
  await page.keyboard.press('End');
  expect(await page.locator('.endpoint-A .state-badge').textContent()).toContain('ESTABLISHED');
  // The language chunk and the animation features load lazily from the same place.
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.getByRole('button', { name: /播放/ }).waitFor();
  expect(foreign).toEqual([]);
  expect(failed).toEqual([]);
  await page.close();
});
