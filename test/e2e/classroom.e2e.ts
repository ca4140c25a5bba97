/**
 * End-to-end: the live classroom (issue 11) in Chromium against a real classroom server (spawned as
 * `npm run classroom` runs it, serving the built site, with a database file of its own).
 *
 * - One teacher page and three student pages (one in zh-CN on a phone) through a whole question cycle: join
 *   by link, follow the teacher's cursor, answer, see the live count, reveal, right and wrong, results.csv.
 * - A student page that survives a `kill -9` of the server and its restart, and follows on without a reload.
 * - A student whose stream is held back (as a buffering proxy does) falls back to long polling and says so.
 *
 * Oracles, from RFC 9293 figure 6 worked by hand (the preset `rfc9293-fig6`, A's ISS 100, B's ISS 300):
 * after B enters SYN-RECEIVED on A's SYN (the 8th event of 22), the next segment is B's
 * <SEQ=300><ACK=101><CTL=SYN,ACK>, no data: a SYN occupies one sequence number, so ack = 100 + 1.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { classroomEn, classroomZh } from '../../src/i18n/classroom';
import { teachEn, teachZh } from '../../src/i18n/teach';
import { launch } from './browser';
import { type ClassroomProcess, dataDir, removeDataDir, startClassroom } from './classroom-server';
import { axeViolations } from './page';

// The site the global setup built is what the classroom server serves; the preview server is not used.
inject('baseUrl');

let browser: Browser;
let dir: string;
let server: ClassroomProcess;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launch();
  dir = dataDir();
  server = await startClassroom(`${dir}/class.db`);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  if (server && server.proc.exitCode === null) await server.stop();
  if (dir) removeDataDir(dir);
});

interface Opened {
  page: Page;
  errors: string[];
}

/** A browser of its own (its own storage, as a student's phone has), at an address of the server. */
async function open(
  path: string,
  opts: { lang?: 'en' | 'zh-CN'; width?: number; height?: number; presenter?: boolean; axe?: boolean } = {},
): Promise<Opened> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
    locale: opts.lang === 'zh-CN' ? 'zh-CN' : 'en-US',
    // axe-core is injected as an inline script, which the server's Content-Security-Policy rightly refuses.
    // Every other page runs under the policy, and a violation would show as a console error.
    bypassCSP: opts.axe === true,
  });
  contexts.push(context);
  if (opts.presenter) {
    await context.addInitScript(() =>
      localStorage.setItem('synack.prefs', JSON.stringify({ presenter: true, lang: 'en' })),
    );
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    // A server restart refuses connections for a moment: the browser logs that, the page handles it.
    if (
      m.type() === 'error' &&
      !/ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|Failed to load resource/.test(m.text())
    )
      errors.push(m.text());
  });
  await page.goto(`${server.url}${path}`);
  await page.getByTestId('narration').waitFor();
  return { page, errors };
}

/** A teacher page that started a class: its code. */
async function startClass(teacher: Page): Promise<string> {
  await teacher.getByRole('button', { name: classroomEn.classroom, exact: true }).click();
  await teacher.getByRole('button', { name: classroomEn.startClass, exact: true }).click();
  const code = ((await teacher.getByTestId('class-code').textContent()) ?? '').trim();
  expect(code).toMatch(/^[A-Z2-9]{6}$/);
  return code;
}

/** A student who opened the join link and gave a nickname. */
async function joinByLink(
  code: string,
  nickname: string,
  lang: 'en' | 'zh-CN',
  width = 390,
  axe = false,
): Promise<Opened> {
  const w = lang === 'zh-CN' ? classroomZh : classroomEn;
  const student = await open(`/?join=${code}`, { lang, width, height: 844, axe });
  const { page } = student;
  // A Chinese browser opens the page in Chinese.
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
  await expect
    .poll(() => page.getByRole('textbox', { name: w.classCode, exact: true }).inputValue())
    .toBe(code);
  await page.getByRole('textbox', { name: w.nickname, exact: true }).fill(nickname);
  await page.getByRole('button', { name: w.join, exact: true }).click();
  await expect.poll(() => statusText(page)).toContain(w.live);
  return student;
}

/** The student bar's connection status. */
async function statusText(page: Page): Promise<string> {
  const bar = page.locator('section.class-bar [role="status"]').first();
  return (await bar.count()) ? ((await bar.textContent()) ?? '') : '';
}

const EVENT_8_OF_22 = { en: 'Event 8 of 22', 'zh-CN': '第 8 个事件，共 22 个' } as const;

/** Step the teacher's page to the 8th event (B in SYN-RECEIVED), from the start. */
async function teacherToSynReceived(teacher: Page) {
  await teacher.getByRole('button', { name: 'Go to start' }).click();
  for (let i = 0; i < 8; i++) await teacher.getByRole('button', { name: 'Step forward' }).click();
  await expect.poll(() => teacher.getByText(EVENT_8_OF_22.en).count()).toBeGreaterThan(0);
}

async function answerSegment(
  page: Page,
  lang: 'en' | 'zh-CN',
  flags: string[],
  seq: number,
  ack: number,
  len: number,
) {
  const cat = lang === 'zh-CN' ? classroomZh : classroomEn;
  const formName = lang === 'zh-CN' ? '预测下一个报文段' : 'Predict the next segment';
  const form = page.getByRole('form', { name: formName });
  await form.waitFor();
  for (const flag of flags) await form.getByRole('button', { name: flag, exact: true }).click();
  for (const flag of flags)
    expect(await form.getByRole('button', { name: flag, exact: true }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  await form.getByLabel('seq', { exact: true }).fill(String(seq));
  await form.getByLabel('ack', { exact: true }).fill(String(ack));
  await form.getByLabel('len', { exact: true }).fill(String(len));
  await form.getByRole('button', { name: cat.sendAnswer, exact: true }).click();
  await expect.poll(() => page.getByText(cat.answerSent).count()).toBeGreaterThan(0);
}

describe('a live class', () => {
  it('a teacher and three students (one in Chinese, on a phone) go through a whole question', async () => {
    const teacher = await open('/', { width: 1280, height: 800 });
    const tp = teacher.page;
    const code = await startClass(tp);
    const panel = tp.getByRole('region', { name: teachEn.region.replace('{code}', code) });
    await panel.waitFor();
    // The join link and its QR code for the projector.
    await expect.poll(() => panel.getByText(`?join=${code}`).count()).toBeGreaterThan(0);
    expect(await panel.getByRole('img', { name: /QR code for .*\?join=/ }).count()).toBeGreaterThan(0);

    const alice = await joinByLink(code, 'Alice', 'en', 1280);
    const ming = await joinByLink(code, '小明', 'zh-CN', 390);
    // A nickname with HTML in it is shown as text, never as markup.
    const bob = await joinByLink(code, 'Bob <b>x</b>', 'en', 390);
    await expect.poll(() => panel.getByText(teachEn.students.replace('{n}', '3')).count()).toBe(1);
    await expect.poll(() => panel.getByText('Bob <b>x</b>').count()).toBeGreaterThan(0);
    expect(await panel.locator('b').filter({ hasText: /^x$/ }).count()).toBe(0);

    // Every change of the teacher's cursor reaches every student.
    await teacherToSynReceived(tp);
    for (const [s, lang] of [
      [alice, 'en'],
      [ming, 'zh-CN'],
      [bob, 'en'],
    ] as const)
      await expect.poll(() => s.page.getByText(EVENT_8_OF_22[lang]).count()).toBeGreaterThan(0);

    // Ask: the next segment is the question; every student gets the lessons' checkpoint form.
    await panel.getByRole('button', { name: teachEn.ask, exact: true }).click();
    const counted = panel.getByTestId('answered-count');
    await expect.poll(() => counted.textContent()).toBe('0 of 3 answered');

    await answerSegment(alice.page, 'en', ['SYN', 'ACK'], 300, 101, 0);
    await expect.poll(() => counted.textContent()).toBe('1 of 3 answered');
    await answerSegment(ming.page, 'zh-CN', ['SYN', 'ACK'], 300, 101, 0);
    await answerSegment(bob.page, 'en', ['ACK'], 101, 301, 0);
    await expect.poll(() => counted.textContent()).toBe('3 of 3 answered');
    // Before the reveal the projected panel marks nothing right.
    expect(await panel.getByText(teachEn.correct, { exact: false }).count()).toBe(0);

    await panel.getByRole('button', { name: teachEn.reveal, exact: true }).click();
    await expect.poll(() => alice.page.getByText(classroomEn.right).count()).toBeGreaterThan(0);
    await expect.poll(() => ming.page.getByText(classroomZh.right).count()).toBeGreaterThan(0);
    await expect.poll(() => bob.page.getByText(classroomEn.notQuite).count()).toBeGreaterThan(0);
    await expect.poll(() => panel.getByText(teachEn.correct, { exact: false }).count()).toBeGreaterThan(0);

    // results.csv, with the teacher's token (as the Download link fetches it): one row per student.
    const csv = await tp.evaluate(async (c) => {
      const saved = JSON.parse(localStorage.getItem('synack.classroom.teacher') ?? '{}') as {
        teacherToken?: string;
      };
      const r = await fetch(`/api/classes/${c}/results.csv`, {
        headers: { authorization: `Bearer ${saved.teacherToken}` },
      });
      return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
    }, code);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    const rows = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(rows[0]).toBe('nickname,question,kind,answer,correct,seconds');
    expect(rows).toHaveLength(4);
    const byName = (name: string) => rows.find((r) => r.startsWith(name)) ?? '';
    expect(byName('Alice')).toMatch(/^Alice,1,next-segment,.*SYN,ACK.*,true,\d+(\.\d)?$/);
    expect(byName('小明')).toMatch(/,true,\d+(\.\d)?$/);
    expect(byName('"Bob <b>x</b>"') || byName('Bob <b>x</b>')).toMatch(/,false,\d+(\.\d)?$/);

    for (const s of [teacher, alice, ming, bob]) expect(s.errors).toEqual([]);
  });

  it('the teacher panel and a student question are axe-clean', async () => {
    const teacher = await open('/', { width: 1280, height: 800, axe: true });
    const code = await startClass(teacher.page);
    const student = await joinByLink(code, 'Axe', 'zh-CN', 390, true);
    await teacherToSynReceived(teacher.page);
    await teacher.page.getByRole('button', { name: teachEn.ask, exact: true }).click();
    await student.page.getByRole('form', { name: '预测下一个报文段' }).waitFor();
    expect(await axeViolations(teacher.page)).toEqual([]);
    expect(await axeViolations(student.page)).toEqual([]);
    expect(teachZh.reveal).toBe('揭晓答案');
  });
});

describe('keeping the class up', () => {
  it('a student page survives a kill -9 of the server and its restart, and follows on', async () => {
    const teacher = await open('/', { width: 1280, height: 800 });
    const code = await startClass(teacher.page);
    const student = await joinByLink(code, 'Survivor', 'en', 390);

    await server.kill9();
    await expect
      .poll(() => statusText(student.page), { timeout: 15_000 })
      .toContain(classroomEn.reconnecting);
    server = await startClassroom(server.dataFile, server.port);

    // The page reconnects on its own (no reload) and follows the teacher's next change.
    await expect.poll(() => statusText(student.page), { timeout: 40_000 }).toBe(classroomEn.live);
    await teacherToSynReceived(teacher.page);
    await expect
      .poll(() => student.page.getByText(EVENT_8_OF_22.en).count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    expect(student.errors).toEqual([]);
  }, 120_000);

  it('a student whose stream is held back falls back to long polling, says so, and follows', async () => {
    const teacher = await open('/', { width: 1280, height: 800 });
    const code = await startClass(teacher.page);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
    contexts.push(context);
    // A buffering proxy: the stream's response never arrives (the request is held, never answered).
    await context.route('**/stream*', () => {});
    const page = await context.newPage();
    await page.goto(`${server.url}/?join=${code}`);
    await page.getByRole('textbox', { name: classroomEn.nickname, exact: true }).fill('Proxied');
    await page.getByRole('button', { name: classroomEn.join, exact: true }).click();
    await expect.poll(() => statusText(page), { timeout: 20_000 }).toContain(classroomEn.liveLongPoll);
    await expect.poll(() => page.getByText(classroomEn.fallbackNoEvent).count()).toBeGreaterThan(0);
    await teacherToSynReceived(teacher.page);
    await expect.poll(() => page.getByText(EVENT_8_OF_22.en).count(), { timeout: 20_000 }).toBeGreaterThan(0);
  }, 60_000);
});
