/**
 * End-to-end, Wireshark interop in the page: import a real Linux capture through "Import…", compare it
 * under both profiles, export the trace as pcap and the sequence diagram as SVG and PNG through the
 * keyboard-operable "Export" menu, and axe-core with the comparison panel open (light and dark, phone).
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch } from './browser';
import { axeViolations, type OpenOptions, openApp } from './page';

const CAPTURE = 'test/fixtures/linux-normal.pcapng';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

const open = (hash: string, opts: Omit<OpenOptions, 'reducedMotion'> = {}) =>
  openApp(browser, `${base}${hash}`, { ...opts, reducedMotion: true });

async function importCapture(page: Page): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles(CAPTURE);
  await page.getByTestId('capture-panel').waitFor();
}

/** Choose an export from the menu and return the downloaded file's name and bytes. */
async function exportVia(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  await page.locator('summary', { hasText: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: item }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

describe('Wireshark interop in a browser', () => {
  it('imports a real Linux capture: one deviation under RFC, none under Linux', async () => {
    const { page, errors, close } = await open('#p=rfc9293-fig6');
    await importCapture(page);
    const panel = page.getByTestId('capture-panel');
    expect(await panel.getByRole('heading').first().textContent()).toBe('Capture: linux-normal.pcapng');
    expect(await page.getByTestId('capture-verdict').textContent()).toBe('⚠ 1 deviation');
    expect(await panel.locator('tbody tr.deviates').count()).toBe(1);
    await page.getByRole('button', { name: 'Linux', exact: true }).click();
    await page.getByText('✓ No deviations').waitFor();
    expect(await panel.locator('tbody tr.deviates').count()).toBe(0);
    expect(await panel.locator('tbody tr').count()).toBe(10);
    // The ladder shows the replayed model: ten segments, once played to the end.
    await page.keyboard.press('End');
    // (the diagram follows the cursor a render later: see Ladder.tsx)
    await expect.poll(() => page.locator('[data-testid="ladder-svg"] [data-segment-id]').count()).toBe(10);
    expect(errors).toEqual([]);
    await close();
  });

  it('the Export menu opens from the keyboard and downloads a pcap', async () => {
    const { page, errors, close } = await open('#p=lost-syn');
    const summary = page.locator('summary', { hasText: 'Export' });
    await summary.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Scenario (.json)' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Scenario (.json)');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('button', { name: 'Scenario (.json)' }).isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');

    const pcap = await exportVia(page, 'Capture, each segment as sent (.pcap)');
    expect(pcap.name).toBe('lost-syn.rfc.pcap');
    expect([...pcap.bytes.subarray(0, 4)]).toEqual([0xd4, 0xc3, 0xb2, 0xa1]);
    const atB = await exportVia(page, 'Capture as seen at B (.pcap)');
    expect(atB.name).toBe('lost-syn.rfc.at-B.pcap');
    expect(atB.bytes.length).toBeLessThan(pcap.bytes.length); // B never sees the lost SYN
    expect(errors).toEqual([]);
    await close();
  });

  it('exports the sequence diagram as a standalone SVG and as a PNG at twice its size', async () => {
    const { page, errors, close } = await open('#p=rfc9293-fig6', { theme: 'dark' });
    await page.keyboard.press('End');
    const svg = await exportVia(page, 'Sequence diagram (.svg)');
    expect(svg.name).toBe('rfc9293-fig6.rfc.ladder.svg');
    const text = svg.bytes.toString('utf8');
    expect(text).not.toContain('var(');
    const parsed = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        ns: root.namespaceURI,
        width: root.getAttribute('width'),
        height: root.getAttribute('height'),
        background: root.querySelector('rect')?.getAttribute('fill'),
        labels: [...root.querySelectorAll('text')].map((t) => t.textContent),
      };
    }, text);
    expect(parsed.error).toBeNull();
    expect(parsed.ns).toBe('http://www.w3.org/2000/svg');
    expect(Number(parsed.width)).toBeGreaterThan(300);
    expect(Number(parsed.height)).toBeGreaterThan(100);
    expect(parsed.background).toBe('#181b21'); // the dark theme's panel
    // The file is wide enough for whole labels, whatever the page's width.
    expect(parsed.labels).toContain('SYN,ACK seq=300 ack=101');

    const png = await exportVia(page, 'Sequence diagram (.png)');
    expect(png.name).toBe('rfc9293-fig6.rfc.ladder.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.readUInt32BE(16)).toBe(Math.ceil(Number(parsed.width) * 2));
    expect(png.bytes.readUInt32BE(20)).toBe(Math.ceil(Number(parsed.height) * 2));
    expect(errors).toEqual([]);
    await close();
  });
});

describe('accessibility with the capture panel open (axe-core)', () => {
  for (const [label, opts] of [
    ['desktop, light, en', { theme: 'light' }],
    ['desktop, dark, en', { theme: 'dark' }],
    ['phone, dark, zh-CN', { width: 390, height: 844, theme: 'dark', lang: 'zh-CN' }],
  ] as const) {
    it(`has no violations: ${label}`, async () => {
      const { page, close } = await open('#p=rfc9293-fig6', opts);
      await importCapture(page);
      if ('lang' in opts) await page.getByText('只在模型中出现').waitFor();
      const violations = await axeViolations(page);
      expect(violations).toEqual([]);
      await close();
    });
  }
});
