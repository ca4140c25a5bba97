// @vitest-environment jsdom
/**
 * The student's classroom view in jsdom, by its pinned accessible names (issue 11), in en and zh-CN: a
 * `?join=` link opens the join form with the code, joining shows the bar's role="status", a question is
 * the lessons' checkpoint form with "Send answer", then "Answer sent…", then right or not after the reveal.
 * The network is a fake (test/store/classroomFakes.ts); the oracle is RFC 9293 figure 6 by hand: after A's
 * SYN (ISN 100), B (ISN 300) sends SYN,ACK seq=300 ack=101 len=0, relative seq 0 ack 1.
 */
import '@testing-library/jest-dom/vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { createAppStore, setAppStore } from '../../src/store';
import { App } from '../../src/ui/App';
import { loadLang } from '../../src/ui/i18n';
import { FakeEventSource, fakeNet, settle } from '../store/classroomFakes';
import {
  cleanupAfterEach,
  eventIndex,
  memoryStorage,
  notServedByClassroom,
  servedByClassroom,
  stubMatchMedia,
} from './helpers';

cleanupAfterEach();

async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false } },
    resultTypes: ['violations'],
  });
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${v.help}`));
}

const TOKEN = 'stu-token-0123456789abcdef';
const REVEAL = {
  questionId: 1,
  answer: {
    kind: 'next-segment',
    flags: ['SYN', 'ACK'],
    seq: 300,
    ack: 101,
    len: 0,
    from: 'B',
    index: 0,
    explain: 'listen-syn',
  },
  counts: { students: 3, answered: 3, correct: 2, answers: [], other: 0 },
};
const FIG6 = { scenario: null, presetName: 'rfc9293-fig6', cursor: -1, lesson: null, step: null, seed: null };

/** `info`: what GET /api/info answers; `served`: the page carries the classroom's meta tag. */
async function page(lang: 'en' | 'zh-CN', search: string, info: unknown = null, served = true) {
  if (lang === 'zh-CN') await loadLang('zh-CN');
  stubMatchMedia();
  window.history.replaceState(null, '', `${window.location.pathname}${search}`);
  const f = fakeNet({ search });
  const store = createAppStore({ storage: memoryStorage(), languages: [lang], classroomNet: f.net });
  setAppStore(store);
  f.on('POST', '/api/classes/ABC234/join', {
    status: 201,
    body: { studentId: 's_abcdefabcdef', studentToken: TOKEN, nickname: 'Ada <b>' },
  });
  f.on('POST', '/api/classes/ABC234/answers', { status: 201, body: { correct: null } });
  if (info) f.on('GET', '/api/info', { status: 200, body: info });
  notServedByClassroom();
  if (served) servedByClassroom();
  render(<App />);
  return { f, store };
}

/** The teacher's class: fig 6 at A's SYN, and the question "what comes next". */
async function teacherAsks(store: ReturnType<typeof createAppStore>) {
  const es = FakeEventSource.last();
  const cursor = eventIndex(store, (e) => e.type === 'send' && e.from === 'A');
  REVEAL.answer.index = eventIndex(store, (e) => e.type === 'send' && e.from === 'B');
  await act(async () => {
    es.emit('state', 1, { ...FIG6, cursor });
    es.emit('question', 2, { id: 1, checkpoint: { kind: 'next-segment' }, cursor });
    await settle();
  });
  return es;
}

describe('the student in the page', { timeout: 30_000 }, () => {
  it('en: a ?join= link, the join form, Live, the question form, Answer sent, Right!', async () => {
    const user = userEvent.setup();
    const { f, store } = await page('en', '?join=ABC234');
    const form = await screen.findByRole('form', { name: 'Join a class' }, { timeout: 10_000 });
    expect(within(form).getByRole('textbox', { name: 'Class code' })).toHaveValue('ABC234');
    expect(await violations()).toEqual([]);
    await user.type(within(form).getByRole('textbox', { name: 'Nickname' }), 'Ada <b>');
    await user.click(within(form).getByRole('button', { name: 'Join' }));
    await waitFor(() => expect(f.callsTo('POST', '/api/classes/ABC234/join')).toHaveLength(1));
    expect(f.callsTo('POST', '/api/classes/ABC234/join')[0]?.body).toEqual({ nickname: 'Ada <b>' });

    const bar = await screen.findByRole('region', { name: 'Following class ABC234' }, { timeout: 10_000 });
    // The nickname is text, never markup.
    expect(within(bar).getByText(/You are Ada <b>\./)).toBeInTheDocument();
    const es = await teacherAsks(store);
    expect(within(bar).getByRole('status')).toHaveTextContent('Live');

    const cp = await screen.findByRole('form', { name: 'Predict the next segment' });
    expect(within(cp).getByText('What does B send next?')).toBeInTheDocument();
    await user.click(within(cp).getByRole('button', { name: 'SYN' }));
    await user.click(within(cp).getByRole('button', { name: 'ACK' }));
    expect(within(cp).getByRole('button', { name: 'SYN' })).toHaveAttribute('aria-pressed', 'true');
    expect(within(cp).getByRole('button', { name: 'FIN' })).toHaveAttribute('aria-pressed', 'false');
    await user.type(within(cp).getByRole('textbox', { name: 'seq' }), '300');
    await user.type(within(cp).getByRole('textbox', { name: 'ack' }), '101');
    await user.type(within(cp).getByRole('textbox', { name: 'len' }), '0');
    await user.click(within(cp).getByRole('button', { name: 'Send answer' }));
    await screen.findByText('Answer sent. Waiting for the reveal.');
    expect(f.callsTo('POST', '/api/classes/ABC234/answers')[0]?.body).toEqual({
      questionId: 1,
      answer: { flags: ['SYN', 'ACK'], seq: 300, ack: 101, len: 0 },
    });
    expect(screen.queryByRole('button', { name: 'Send answer' })).toBeNull();

    await act(async () => {
      es.emit('reveal', 3, REVEAL);
      await settle();
    });
    const verdict = screen.getByText('Right!').closest('[role="status"]');
    expect(verdict).toHaveTextContent('Right! The answer: B sends SYN,ACK seq=300 ack=101 len=0.');
    expect(screen.getByText('2 of 3 answers were right.')).toBeInTheDocument();
    expect(await violations()).toEqual([]);
  });

  it('en: exploring shows Rejoin live, which follows the teacher again; Leave class ends it', async () => {
    const user = userEvent.setup();
    const { f, store } = await page('en', '?join=ABC234');
    f.store.set('synack.classroom.student.ABC234', JSON.stringify({ studentToken: TOKEN, nickname: 'Ada' }));
    f.on('GET', '/api/classes/ABC234/me', {
      status: 200,
      body: { studentId: 's_1', nickname: 'Ada', answers: [] },
    });
    await act(async () => {
      await store.getState().resumeClass();
    });
    const es = FakeEventSource.last();
    await act(async () => {
      es.emit('state', 1, { ...FIG6, cursor: 2 });
      await settle();
    });
    await screen.findByRole('region', { name: 'Following class ABC234' }, { timeout: 10_000 });
    expect(screen.queryByRole('button', { name: 'Rejoin live' })).toBeNull();
    act(() => store.getState().seek(0));
    await user.click(await screen.findByRole('button', { name: 'Rejoin live' }));
    await waitFor(() => expect(store.getState().cursor).toBe(2));
    expect(screen.queryByRole('button', { name: 'Rejoin live' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Leave class' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Following class ABC234' })).toBeNull());
    expect(f.store.has('synack.classroom.student.ABC234')).toBe(false);
  });

  it('the header shows Classroom only when /api/info says so; it opens Start a class and the join form', async () => {
    const user = userEvent.setup();
    const { f } = await page('en', '');
    await waitFor(() => expect(f.callsTo('GET', '/api/info')).toHaveLength(1));
    // The fake answers 404 for /api/info: no classroom here.
    await settle();
    expect(screen.queryByRole('button', { name: 'Classroom' })).toBeNull();
    cleanup();
    // A page without the classroom's meta tag (a static host) asks nothing at all, even where a server
    // would say yes: no request, so no 404 or 502 in its console.
    const elsewhere = await page('en', '', { synack: 'classroom', version: 1, joinBase: '' }, false);
    // jsdom's document is complete: the probe runs on a 0 ms timer (src/ui/hooks/useClassroomInit.ts).
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    await settle();
    expect(elsewhere.f.calls).toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Classroom' })).toBeNull();
    cleanup();
    const again = await page('zh-CN', '', { synack: 'classroom', version: 1, joinBase: '' });
    await waitFor(() => expect(again.f.callsTo('GET', '/api/info')).toHaveLength(1));
    await user.click(await screen.findByRole('button', { name: '课堂' }, { timeout: 10_000 }));
    const dialog = await screen.findByRole('dialog', { name: '课堂' }, { timeout: 10_000 });
    expect(within(dialog).getByRole('button', { name: '开始上课' })).toBeInTheDocument();
    expect(within(dialog).getByRole('form', { name: '加入课堂' })).toBeInTheDocument();
    expect(again.f.calls.filter((c) => c.path !== '/api/info')).toHaveLength(0);
  });

  it('en: the server’s refusal shows in role=alert in the reader’s words', async () => {
    const user = userEvent.setup();
    const { f } = await page('en', '?join=ABC234');
    f.on('POST', '/api/classes/ABC234/join', { status: 409, body: { error: 'nickname: already taken' } });
    const form = await screen.findByRole('form', { name: 'Join a class' }, { timeout: 10_000 });
    await user.type(within(form).getByRole('textbox', { name: 'Nickname' }), 'Ada');
    await user.click(within(form).getByRole('button', { name: 'Join' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'Someone in this class already has this nickname. Choose another one.',
    );
  });

  it('en: A’s SYN (no ACK flag) is right with ack left blank, and the answer shows no ack', async () => {
    // RFC 9293 figure 6: A's SYN is seq=100 (its ISN) with no ACK flag, so no acknowledgment number.
    const user = userEvent.setup();
    const { f, store } = await page('en', '?join=ABC234');
    f.store.set('synack.classroom.student.ABC234', JSON.stringify({ studentToken: TOKEN, nickname: 'Ada' }));
    f.on('GET', '/api/classes/ABC234/me', {
      status: 200,
      body: { studentId: 's_1', nickname: 'Ada', answers: [] },
    });
    await act(async () => {
      await store.getState().resumeClass();
    });
    const es = FakeEventSource.last();
    await act(async () => {
      es.emit('state', 1, FIG6);
      es.emit('question', 2, { id: 1, checkpoint: { kind: 'next-segment' }, cursor: -1 });
      await settle();
    });
    const cp = await screen.findByRole('form', { name: 'Predict the next segment' }, { timeout: 10_000 });
    await user.click(within(cp).getByRole('button', { name: 'SYN' }));
    await user.type(within(cp).getByRole('textbox', { name: 'seq' }), '100');
    await user.type(within(cp).getByRole('textbox', { name: 'len' }), '0');
    await user.click(within(cp).getByRole('button', { name: 'Send answer' }));
    await screen.findByText('Answer sent. Waiting for the reveal.');
    const index = eventIndex(store, (e) => e.type === 'send' && e.from === 'A');
    await act(async () => {
      es.emit('reveal', 3, {
        questionId: 1,
        answer: {
          kind: 'next-segment',
          flags: ['SYN'],
          seq: 100,
          ack: 0,
          len: 0,
          from: 'A',
          index,
          explain: 'open-active',
        },
        counts: { students: 1, answered: 1, correct: 1, answers: [], other: 0 },
      });
      await settle();
    });
    expect(screen.getByText('Right!').closest('[role="status"]')).toHaveTextContent(
      'Right! The answer: A sends SYN seq=100 len=0.',
    );
  });

  it('zh-CN: relative numbers are sent absolute; a wrong answer says 答错了。 with the answer', async () => {
    const user = userEvent.setup();
    const { f, store } = await page('zh-CN', '?join=ABC234');
    act(() => store.getState().setRelativeSeq(true));
    const form = await screen.findByRole('form', { name: '加入课堂' }, { timeout: 10_000 });
    expect(within(form).getByRole('textbox', { name: '课堂代码' })).toHaveValue('ABC234');
    await user.type(within(form).getByRole('textbox', { name: '昵称' }), '小明');
    await user.click(within(form).getByRole('button', { name: '加入' }));
    const bar = await screen.findByRole('region', { name: '正在参加课堂 ABC234' }, { timeout: 10_000 });
    const es = await teacherAsks(store);
    expect(within(bar).getByRole('status')).toHaveTextContent('实时同步中');

    const cp = await screen.findByRole('form', { name: '预测下一个报文段' });
    await user.click(within(cp).getByRole('button', { name: 'SYN' }));
    // Relative seq 0, ack 1 is B's ISN 300 and A's ISN 100 + 1; len 1 is wrong (a SYN carries no data).
    await user.type(within(cp).getByRole('textbox', { name: 'seq' }), '0');
    await user.type(within(cp).getByRole('textbox', { name: 'ack' }), '1');
    await user.type(within(cp).getByRole('textbox', { name: 'len' }), '1');
    await user.click(within(cp).getByRole('button', { name: '提交答案' }));
    await screen.findByText('答案已提交，等待老师揭晓。');
    expect(f.callsTo('POST', '/api/classes/ABC234/answers')[0]?.body).toEqual({
      questionId: 1,
      answer: { flags: ['SYN'], seq: 300, ack: 101, len: 1 },
    });
    await act(async () => {
      es.emit('reveal', 3, REVEAL);
      await settle();
    });
    const verdict = screen.getByText('答错了。').closest('[role="status"]');
    // Shown as typed: relative to the ISNs.
    expect(verdict).toHaveTextContent('答错了。 正确答案：B 发送 SYN,ACK seq=0 ack=1 len=0。');
    expect(screen.getByText('你的答案：SYN seq=0 ack=1 len=1。')).toBeInTheDocument();
    // The form keeps what the student typed, read-only, beside the verdict.
    const after = screen.getByRole('form', { name: '预测下一个报文段' });
    expect(within(after).getByRole('textbox', { name: 'seq' })).toHaveValue('0');
    expect(within(after).getByRole('textbox', { name: 'len' })).toHaveValue('1');
    expect(within(after).getByRole('button', { name: 'SYN' })).toHaveAttribute('aria-pressed', 'true');
    // The teacher resets the question: the same question, asked again, with an empty form.
    await act(async () => {
      es.emit('question', 4, {
        id: 1,
        checkpoint: { kind: 'next-segment' },
        cursor: REVEAL.answer.index - 1,
        reset: true,
      });
      await settle();
    });
    const again = await screen.findByRole('form', { name: '预测下一个报文段' });
    await waitFor(() => expect(within(again).getByRole('textbox', { name: 'seq' })).toHaveValue(''));
    expect(within(again).getByRole('button', { name: 'SYN' })).toHaveAttribute('aria-pressed', 'false');
    expect(screen.queryByText('答错了。')).toBeNull();
  });

  it('a teacher following a lesson: the student reads its title, step and text, in their own language', async () => {
    // The oracle is the lesson file itself, read from disk (not through the page's loader).
    const file = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../src/lessons/handshake.json'), 'utf8'),
    );
    for (const lang of ['en', 'zh-CN'] as const) {
      const { store } = await page(lang, '');
      await act(async () => {
        await store.getState().joinClass('ABC234', 'Ada');
        await settle();
      });
      const es = FakeEventSource.last();
      expect(screen.queryByRole('region', { name: file.title[lang] })).toBeNull();
      await act(async () => {
        es.emit('state', 1, { ...FIG6, lesson: 'handshake', step: 1 });
        await settle();
      });
      const region = await screen.findByRole('region', { name: file.title[lang] }, { timeout: 10_000 });
      const total = file.steps.length;
      expect(region).toHaveTextContent(lang === 'en' ? `Step 2 of ${total}` : `第 2 步，共 ${total} 步`);
      expect(within(region).getByText(file.steps[1].text[lang])).toBeInTheDocument();
      await act(async () => {
        es.emit('state', 2, { ...FIG6, lesson: 'handshake', step: 2 });
        await settle();
      });
      await waitFor(() => expect(within(region).getByText(file.steps[2].text[lang])).toBeInTheDocument());
      await act(async () => {
        es.emit('state', 3, { ...FIG6 });
        await settle();
      });
      await waitFor(() => expect(screen.queryByRole('region', { name: file.title[lang] })).toBeNull());
      cleanup();
    }
  });

  it('zh-CN: the bar says 实时同步中（长轮询） with the reason after 6 s without an event', async () => {
    const { f, store } = await page('zh-CN', '');
    f.on('GET', '/api/classes/ABC234/poll', new Promise(() => {}));
    await act(async () => {
      await store.getState().joinClass('ABC234', '小明');
    });
    await act(async () => {
      await f.advance(6_000);
    });
    const bar = await screen.findByRole('region', { name: '正在参加课堂 ABC234' }, { timeout: 10_000 });
    expect(within(bar).getByRole('status')).toHaveTextContent('实时同步中（长轮询）');
    expect(within(bar).getByText(/页面改用长轮询/)).toBeInTheDocument();
  });
});
