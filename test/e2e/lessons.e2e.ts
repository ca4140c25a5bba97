/**
 * End-to-end: lessons in the built site (issue 10). A student completes `handshake` with one wrong and then
 * a right answer (the hint shows, the score is recorded, progress survives a reload), in en and zh-CN;
 * "Quiz me" on a custom scenario; axe-core finds nothing in the course page, the lesson and each kind of
 * checkpoint. Everything is driven by the pinned accessible names and the keyboard where it matters.
 *
 * Oracles are hand-derived from RFC 9293 figure 6 (latency 50 ms, connect at 10 ms): B enters SYN-RECEIVED
 * on the SYN; its SYN,ACK is relative seq 0 ack 1 (a SYN occupies one sequence number); A enters
 * ESTABLISHED on it and ACKs with seq 1 ack 1; both ends are ESTABLISHED at 160 ms, 150 ms after connect();
 * B acknowledges A's 100 bytes with ack 101. For the quiz: §3.10.7.1, a SYN to a CLOSED port gets
 * <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, and the SYN occupies one number, so ack = ISN + 1.
 */
import type { Browser, Locator, Page } from 'playwright-core';
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

/** The words the test clicks, in each language (the pinned names and the lesson catalog's). */
const WORDS = {
  en: {
    lessons: 'Lessons',
    start: 'Start',
    resume: 'Resume',
    predictSegment: 'Predict the next segment',
    predictState: 'Predict the next state',
    check: 'Check',
    toQuestion: 'Go to the question',
    next: 'Next step',
    finish: 'Finish lesson',
    right: 'Right!',
    wrong: 'Not quite.',
    hint: 'Hint:',
    stepOf: (n: number, total: number) => `Step ${n} of ${total}`,
    score: 'score 6 of 6',
    done: 'Completed',
    handshakeTitle: 'Opening a connection: the three-way handshake',
    handshakeQuestion: "How many ms from A's connect() until both ends are ESTABLISHED?",
    quizMe: 'Quiz me',
  },
  'zh-CN': {
    lessons: '课程',
    start: '开始',
    resume: '继续',
    predictSegment: '预测下一个报文段',
    predictState: '预测下一个状态',
    check: '检查',
    toQuestion: '跳到问题',
    next: '下一步',
    finish: '完成课程',
    right: '正确！',
    wrong: '还不对。',
    hint: '提示：',
    stepOf: (n: number, total: number) => `第 ${n} 步，共 ${total} 步`,
    score: '得分 6/6',
    done: '已完成',
    handshakeTitle: '建立连接：三次握手',
    handshakeQuestion: '从 A 调用 connect() 到两端都进入 ESTABLISHED，经过了多少毫秒？',
    quizMe: '考考我',
  },
} as const;

type Lang = keyof typeof WORDS;

async function segment(form: Locator, flags: string[], seq: number, ack: number, len: number) {
  for (const flag of flags) await form.getByRole('button', { name: flag, exact: true }).click();
  await form.getByLabel('seq', { exact: true }).fill(String(seq));
  await form.getByLabel('ack', { exact: true }).fill(String(ack));
  await form.getByLabel('len', { exact: true }).fill(String(len));
}

async function check(page: Page, form: Locator, lang: Lang) {
  // By keyboard: Enter in the form submits it, as the Check button does.
  await form.getByRole('button', { name: WORDS[lang].check, exact: true }).focus();
  await page.keyboard.press('Enter');
}

async function status(form: Locator): Promise<string> {
  return (await form.getByRole('status').textContent()) ?? '';
}

async function toQuestion(page: Page, lang: Lang) {
  await page.getByRole('button', { name: WORDS[lang].toQuestion }).click();
}

async function next(page: Page, lang: Lang) {
  await page.getByRole('button', { name: WORDS[lang].next, exact: true }).click();
}

describe.each(['en', 'zh-CN'] as const)('lessons in the page (%s)', (lang) => {
  const w = WORDS[lang];

  it('a student completes handshake: one wrong then right answer, hint, score, progress after a reload', async () => {
    const { page, errors, close } = await openApp(browser, `${base}#p=rfc9293-fig6&lang=${lang}`, {
      lang,
      reducedMotion: true,
    });
    // Relative numbers, as Wireshark shows them: the hand-derived answers do not depend on the seed.
    await page.getByRole('button', { name: lang === 'en' ? 'Relative seq' : '相对序号' }).click();
    await page.getByRole('button', { name: w.lessons, exact: true }).click();
    const course = page.getByRole('dialog', { name: w.lessons });
    await course.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const item = course.getByRole('listitem').filter({ hasText: w.handshakeTitle });
    await item.getByRole('button', { name: w.start }).click();

    const lesson = page.getByRole('region', { name: w.handshakeTitle });
    await lesson.waitFor();
    expect(await lesson.textContent()).toContain(w.stepOf(1, 7));
    expect(await lesson.textContent()).toMatch(lang === 'en' ? /Numbers: seed \d+/ : /数值：种子 \d+/);
    expect(page.url()).toMatch(/#lesson=handshake&step=1&seed=\d+/);

    // Step 1: B's next state.
    await toQuestion(page, lang);
    let form = page.getByRole('form', { name: w.predictState });
    expect(await axeViolations(page)).toEqual([]);
    await form.getByLabel('B', { exact: true }).selectOption('SYN-RECEIVED');
    await check(page, form, lang);
    expect(await status(form)).toContain(w.right);
    await next(page, lang);

    // Step 2: B's SYN,ACK. First a miss (ack = A's ISN: the SYN's own number forgotten), then right.
    expect(await lesson.textContent()).toContain(w.stepOf(2, 7));
    await toQuestion(page, lang);
    form = page.getByRole('form', { name: w.predictSegment });
    await segment(form, ['SYN', 'ACK'], 0, 0, 0);
    expect(await form.getByRole('button', { name: 'SYN', exact: true }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await form.getByRole('button', { name: 'FIN', exact: true }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    await check(page, form, lang);
    const missed = await status(form);
    expect(missed).toContain(w.wrong);
    expect(missed).toContain(w.hint);
    expect(missed).toContain(lang === 'en' ? 'ack is wrong' : 'ack 错误');
    expect(missed).toContain(lang === 'en' ? 'seq is right' : 'seq 正确');
    expect(await form.getByLabel('ack', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await form.getByLabel('ack', { exact: true }).fill('1');
    await check(page, form, lang);
    expect(await status(form)).toContain(w.right);
    // The answer is revealed in the inspector: the SYN,ACK is selected.
    await page.waitForFunction(() => document.querySelector('.ladder-seg.is-selected') !== null);
    await next(page, lang);

    // Step 3: A's next state.
    await toQuestion(page, lang);
    form = page.getByRole('form', { name: w.predictState });
    await form.getByLabel('A', { exact: true }).selectOption('ESTABLISHED');
    await check(page, form, lang);
    expect(await status(form)).toContain(w.right);
    await next(page, lang);

    // A reload in the middle: the course page offers to resume at step 4, with the score so far.
    await page.goto(base);
    await page.getByTestId('narration').waitFor();
    await page.getByRole('button', { name: w.lessons, exact: true }).click();
    const again = page.getByRole('dialog', { name: w.lessons });
    // (The progress is read once the course page has opened: wait for it.)
    const saved = again
      .getByRole('listitem')
      .filter({ hasText: w.handshakeTitle })
      .filter({ hasText: lang === 'en' ? 'score 3 of 3' : '得分 3/3' });
    await saved.waitFor();
    expect(await saved.textContent()).toContain(lang === 'en' ? '3 of 7 steps' : '已完成 3/7 步');
    await saved.getByRole('button', { name: w.resume }).click();
    await lesson.waitFor();
    expect(await lesson.textContent()).toContain(w.stepOf(4, 7));

    // Step 4: A's ACK.
    await toQuestion(page, lang);
    form = page.getByRole('form', { name: w.predictSegment });
    await segment(form, ['ACK'], 1, 1, 0);
    await check(page, form, lang);
    expect(await status(form)).toContain(w.right);
    await next(page, lang);

    // Step 5: the handshake's duration, a number the engine computed.
    await toQuestion(page, lang);
    form = page.getByRole('form', { name: w.handshakeQuestion });
    expect(await axeViolations(page)).toEqual([]);
    await form.getByRole('textbox', { name: w.handshakeQuestion }).fill('150');
    await check(page, form, lang);
    expect(await status(form)).toContain(w.right);
    await next(page, lang);

    // Step 6: B acknowledges A's 100 bytes.
    await toQuestion(page, lang);
    form = page.getByRole('form', { name: w.predictSegment });
    await segment(form, ['ACK'], 1, 101, 0);
    await check(page, form, lang);
    expect(await status(form)).toContain(w.right);
    await next(page, lang);

    // Step 7: reading only; finishing completes the lesson.
    expect(await lesson.textContent()).toContain(w.stepOf(7, 7));
    await page.getByRole('button', { name: w.finish }).click();
    await page.getByRole('button', { name: w.lessons, exact: true }).click();
    const final = page
      .getByRole('dialog', { name: w.lessons })
      .getByRole('listitem')
      .filter({ hasText: w.handshakeTitle })
      .filter({ hasText: w.done });
    await final.waitFor();
    expect(await final.textContent()).toContain(w.score);
    expect(errors).toEqual([]);
    await close();
  });

  it('Quiz me on a custom scenario: every segment is a question', async () => {
    // Nobody listens on B: A's SYN (ISN 1000) and B's RST,ACK, hand-derived from §3.10.7.1.
    const scenario = {
      version: 1,
      name: 'quiz-refused',
      endpoints: { A: { isn: 1000 } },
      actions: [{ at: 0, endpoint: 'A', call: 'connect' }],
    };
    const s = Buffer.from(JSON.stringify(scenario)).toString('base64url');
    const { page, errors, close } = await openApp(browser, `${base}#s=${s}&lang=${lang}`, {
      lang,
      reducedMotion: true,
    });
    await page.getByRole('button', { name: w.quizMe, exact: true }).click();
    const lesson = page.getByRole('region', { name: /quiz-refused/ });
    await lesson.waitFor();
    expect(await lesson.textContent()).toContain(w.stepOf(1, 2));
    await toQuestion(page, lang);
    let form = page.getByRole('form', { name: w.predictSegment });
    await segment(form, ['SYN'], 1000, 0, 0);
    await check(page, form, lang);
    expect(await status(form)).toContain(w.right);
    await next(page, lang);
    expect(await lesson.textContent()).toContain(w.stepOf(2, 2));
    await toQuestion(page, lang);
    form = page.getByRole('form', { name: w.predictSegment });
    await segment(form, ['RST', 'ACK'], 0, 1001, 0);
    await check(page, form, lang);
    expect(await status(form)).toContain(w.right);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('a bad lesson link is named in the problem banner, and the page keeps what it had', async () => {
    const { page, close } = await openApp(browser, `${base}#lesson=handshake&step=40&lang=${lang}`, { lang });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(lang === 'en' ? 'link step' : 'step');
    expect(await page.getByRole('region', { name: w.handshakeTitle }).count()).toBe(0);
    await close();
  });
});

describe('lessons on a phone and in presenter mode', () => {
  it('the checkpoint fits 390 px and presenter mode, and stays axe-clean', async () => {
    const { page, errors, close } = await openApp(browser, `${base}#lesson=handshake&step=2&seed=1`, {
      width: 390,
      height: 844,
      reducedMotion: true,
    });
    await page.getByRole('button', { name: 'Go to the question' }).click();
    const form = page.getByRole('form', { name: 'Predict the next segment' });
    await form.waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    expect(await form.isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
