/**
 * End-to-end: the zh-CN page is Chinese. In many states of the page (each panel open, a capture compared,
 * an error shown, presets at several cursors, an edited scenario), collect what a reader sees — the
 * rendered text of the page and the aria-label, title and placeholder of every visible element — and fail
 * on any Latin word that is not a name kept the same in both languages (below, with why).
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { STATES } from '../../src/tcp';
import { launch } from './browser';
import { type OpenPage, openApp } from './page';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/**
 * Latin words a Chinese page may show. Only names that a Chinese textbook or terminal shows the same way.
 * Matched as whole words (a state name with its hyphens, a TCB variable with its dot).
 */
const ALLOWED: readonly string[] = [
  // RFC 9293 state names, flags, TCB variables and the quantities RFC 9293 names
  ...STATES,
  'SYN',
  'ACK',
  'FIN',
  'RST',
  'PSH',
  'URG',
  'SND.UNA',
  'SND.NXT',
  'SND.WND',
  'RCV.NXT',
  'RCV.WND',
  'SEG.SEQ',
  'SEG.ACK',
  'SEG.LEN',
  'ISS',
  'IRS',
  'ISN',
  'RTO',
  // RFC 6298's round-trip names, and the algorithm named after Phil Karn (Chinese textbooks: "Karn 算法")
  'RTT',
  'SRTT',
  'RTTVAR',
  'Karn',
  'MSL',
  '2MSL',
  'MSS',
  'TCB',
  'R1',
  'R2',
  // RFC 9293's user calls (OPEN, SEND …) and the socket API's, shown as code
  'OPEN',
  'SEND',
  'RECEIVE',
  'CLOSE',
  'ABORT',
  'listen',
  'connect',
  'send',
  'close',
  'abort',
  // errno names, as a program sees them
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ECONNRESET',
  // RFC 9293's segment notation (<SEQ=ISS><CTL=SYN>)
  'SEQ',
  'CTL',
  // proper names and formats; the language picker names each language in itself
  'English',
  'synack',
  'RFC',
  'Linux',
  'Wireshark',
  'TCP',
  'IP',
  'IPv4',
  'IPv6',
  'pcap',
  'pcapng',
  'JSON',
  'base64url',
  // text encodings and the control character a binary file shows (named as in the Unicode standard)
  'UTF-8',
  'UTF-16',
  'UTF-32',
  'NUL',
  'SVG',
  'PNG',
  // segment label fields, as Wireshark writes them ("SYN,ACK seq=300 ack=101 len=10")
  'seq',
  'ack',
  'len',
  'win',
  // RFC 9293 figure 5's short state names, which the narrow ladder uses
  'SYN-RCVD',
  'ESTAB',
  // keyboard keys (a presentation clicker sends PageDown / PageUp)
  'PageDown',
  'PageUp',
  'Home',
  'End',
  'Ctrl',
  'Shift',
  'Esc',
];

/**
 * Tokens that are not words: a link, hex, file names and extensions, Linux sysctl names, a JSON path, a JSON value
 * or key in ASCII quotes (Chinese text quotes with “”), a JSON object's key list "{ from, flags, nth }".
 */
const NOT_WORDS: readonly RegExp[] = [
  /\bhttps?:\/\/\S+/g,
  /\b0x[0-9a-f]+\b/gi,
  /[\w.-]*\.(?:pcapng|pcap|json|svg|png)\b/g,
  /"(?:[^"\\]|\\.)*(?:"|…)/g,
  /\{ [\w?, ]+ \}/g,
  /\btcp_[a-z_]+\b/g,
  // Linux kernel constants (TCP_RTO_MIN, TCP_TIMEWAIT_LEN), quoted as the source spells them
  /\bTCP_[A-Z_]+\b/g,
  /\$[\w.[\]"]*/g,
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ALLOWED_RE = new RegExp(
  `(?<![\\w.-])(?:${[...ALLOWED]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})(?![\\w-])`,
  'g',
);

/** Latin words of two letters or more left once the allowed names and non-words are taken out. */
function latinLeaks(text: string): string[] {
  let rest = text;
  for (const re of NOT_WORDS) rest = rest.replace(re, ' ');
  rest = rest.replace(ALLOWED_RE, ' ');
  return [...rest.matchAll(/[A-Za-z][A-Za-z0-9]*(?:[-.'][A-Za-z0-9]+)*/g)]
    .map((m) => m[0])
    .filter((word) => word.length >= 2);
}

/**
 * What a reader sees: every rendered text node (one line each, so that the labels of a diagram do not run
 * together) and the labels of visible elements (screen readers, tooltips).
 */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      // The explanation key is an identifier, the same in every language (the CLI prints it in brackets).
      if (!parent || parent.closest('script, style, [data-testid="rule-key"]')) continue;
      if (!parent.checkVisibility({ visibilityProperty: true })) continue;
      const text = node.textContent?.trim();
      if (text) out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [aria-valuetext]')) {
      if (!el.checkVisibility()) continue;
      for (const attr of ['aria-label', 'title', 'placeholder', 'aria-valuetext']) {
        const value = el.getAttribute(attr);
        if (value) out.push(value);
      }
    }
    return out.join('\n');
  });
}

/** Leaks found so far: word → the states (and the line) it was seen in. */
const leaks = new Map<string, Set<string>>();

async function check(page: Page, state: string): Promise<void> {
  const text = await visibleText(page);
  for (const line of text.split('\n')) {
    for (const word of latinLeaks(line)) {
      const seen = leaks.get(word) ?? new Set<string>();
      seen.add(`${state}: ${line.trim().slice(0, 140)}`);
      leaks.set(word, seen);
    }
  }
}

async function openChinese(hash: string, width = 1280): Promise<OpenPage> {
  const opened = await openApp(browser, `${base}${hash}`, {
    lang: 'zh-CN',
    theme: 'light',
    reducedMotion: true,
    width,
  });
  await opened.page.getByRole('button', { name: /播放/ }).waitFor();
  return opened;
}

describe('the zh-CN page is Chinese', () => {
  it('the latin-word filter itself: allowed names pass, English words do not', () => {
    expect(latinLeaks('A 的 TIME-WAIT 计时器（2MSL）将在 950 毫秒后超时')).toEqual([]);
    expect(latinLeaks('SYN,ACK seq=300 ack=101 len=10 → SND.UNA=201')).toEqual([]);
    expect(latinLeaks('导出 lost-syn-ack.linux.pcap（端口 40000）、时序图（.svg）')).toEqual([]);
    expect(latinLeaks('$.faults[0].drop：未知的键 "dorp"（是不是想写 "drop"？）')).toEqual([]);
    expect(latinLeaks('RTO 60 ms')).toEqual(['ms']);
    expect(latinLeaks('× state：Custom scenario')).toEqual(['state', 'Custom', 'scenario']);
    expect(latinLeaks('Figure 6')).toEqual(['Figure']);
  });

  it('initial page, every panel, the inspector, an edit, a capture and an error', async () => {
    const { page, errors, close } = await openChinese('#p=rfc9293-fig6');
    await check(page, 'initial');

    // the shortcuts list and the time-in-state lists
    for (const summary of await page.locator('details > summary').all()) {
      if (await summary.isVisible()) await summary.click();
    }
    await check(page, 'details open');

    // gallery
    await page.getByRole('button', { name: '场景', exact: true }).click();
    await page.getByRole('dialog').waitFor();
    await check(page, 'gallery');
    await page.keyboard.press('Escape');

    // toggles: relative numbers, presenter mode, dark theme; and the share note
    await page.getByRole('button', { name: '相对序号' }).click();
    await page.getByRole('button', { name: '演示模式' }).click();
    await page.getByRole('button', { name: '深色' }).click();
    await page.getByRole('button', { name: '复制链接' }).click();
    await page.locator('.share-note').waitFor();
    await check(page, 'relative seq, presenter, dark, share note');
    await page.getByRole('button', { name: '演示模式' }).click();
    await page.getByRole('button', { name: '相对序号' }).click();

    // export menu
    await page.locator('summary', { hasText: '导出' }).click();
    await check(page, 'export menu');
    await page.locator('summary', { hasText: '导出' }).click();

    // at the end, with the inspector on a segment (from the timing list)
    await page.keyboard.press('End');
    await page.locator('.segment-table button.link').nth(1).click();
    await page.locator('.inspector table').first().waitFor();
    await check(page, 'inspector on segment 2, at the end');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
    await check(page, 'four events before the end');

    // an edit: the scenario becomes a custom one
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.getByRole('button', { name: /A 发出旧的重复 SYN/ }).click();
    await page.keyboard.press('End');
    await check(page, 'after an edit (stale SYN injected)');

    // a capture compared
    await page.locator('input[type="file"]').setInputFiles('test/fixtures/linux-normal.pcap');
    await page.getByTestId('capture-panel').waitFor();
    await check(page, 'capture compared (RFC)');
    await page.getByRole('button', { name: 'Linux', exact: true }).click();
    await page.getByText(/没有偏差/).waitFor();
    await page.keyboard.press('End');
    await check(page, 'capture compared (Linux), at the end');
    await page.getByRole('button', { name: 'RFC', exact: true }).click();

    // an error: a scenario file with mistakes
    const bad = JSON.stringify({
      version: 2,
      network: { lossrate: 0.1 },
      endpoints: { A: { port: '80' } },
      actions: [{ at: 0, endpoint: 'C', call: 'send' }],
      faults: [{ dorp: {} }],
    });
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    await page.getByRole('alert').waitFor();
    await check(page, 'error: bad scenario file');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"a": tru}') });
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('第 1 行');
    await check(page, 'error: JSON syntax');
    expect(errors).toEqual([]);
    await close();
  });

  it('other captures (assumptions noted, several conversations) and unreadable files', async () => {
    const { page, errors, close } = await openChinese('#p=rfc9293-fig6');
    const input = page.locator('input[type="file"]');
    await input.setInputFiles('test/fixtures/linux-syn-timeout.pcap');
    await page.getByTestId('capture-panel').waitFor();
    await page.getByRole('button', { name: 'Linux', exact: true }).click();
    await page.keyboard.press('End');
    await check(page, 'capture linux-syn-timeout.pcap (Linux), at the end');
    await input.setInputFiles('test/fixtures/mixed-non-tcp.pcapng');
    await expect.poll(() => page.getByTestId('capture-panel').textContent()).toContain('mixed-non-tcp');
    await check(page, 'capture mixed-non-tcp.pcapng');
    await input.setInputFiles('test/fixtures/linux-refused.pcapng');
    await expect.poll(() => page.getByTestId('capture-panel').textContent()).toContain('linux-refused');
    await page.keyboard.press('End');
    await check(page, 'capture linux-refused.pcapng, at the end');
    // a capture cut short, and a file that is neither a scenario nor a capture
    const pcap = readFileSync('test/fixtures/linux-normal.pcap');
    await input.setInputFiles({
      name: 'cut.pcap',
      mimeType: 'application/octet-stream',
      buffer: pcap.subarray(0, 60),
    });
    await page.getByRole('alert').waitFor();
    await check(page, 'error: capture cut short');
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00, 0x80]);
    await input.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: binary });
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('photo.png');
    await check(page, 'error: not a scenario or a capture');
    expect(errors).toEqual([]);
    await close();
  });

  it('presets at several cursors, a broken link, and the phone layout', async () => {
    const cases: [string, number][] = [
      ['#p=lost-syn-ack&c=12', 1280],
      ['#p=lost-syn-ack&profile=linux&c=12', 1280],
      ['#p=syn-timeout&c=4', 1280],
      ['#p=connection-refused&c=5', 1280],
      ['#p=simultaneous-close&c=9', 1280],
      ['#p=half-open&c=8', 1280],
      ['#p=rfc9293-fig12&c=10', 1280],
      ['#p=time-wait-fin-retransmit&c=14', 1280],
      ['#p=linux-lost-syn-ack&c=8', 390],
      ['#s=not-base64!!', 1280],
    ];
    for (const [hash, width] of cases) {
      const { page, close } = await openChinese(hash, width);
      await check(page, `${hash} at ${width} px`);
      await page.keyboard.press('End');
      await check(page, `${hash} at the end`);
      await close();
    }
  });

  it('reports no English leaks', () => {
    const report = [...leaks].map(([word, seen]) => `${word}  ←  ${[...seen].slice(0, 3).join('  |  ')}`);
    if (report.length > 0) console.log(`English words on the zh-CN page:\n${report.join('\n')}`);
    expect(report).toEqual([]);
  });
});
