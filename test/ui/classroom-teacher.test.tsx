// @vitest-environment jsdom
/**
 * The teacher's classroom panel in jsdom, driven through the classroom slice: the store's `classroom` field
 * is set by hand and the actions are replaced by doubles that record their calls (the network client is
 * tested on its own). Oracles: the issue's pinned names and wording; counts made up by hand for a class of
 * 30 answering RFC 9293 figure 6's second segment (B's SYN,ACK seq=300 ack=101, relative seq 0 ack 1: B's
 * ISS is 300 and its IRS 100); the QR code read back by an independent reader (./qr-decode.ts).
 */
import '@testing-library/jest-dom/vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Counts } from '../../src/server/protocol';
import { TEACHER_KEY } from '../../src/ui/components/classroom/results';
import { setResultsDeps } from '../../src/ui/components/classroom/TeacherPanel';
import { loadLang } from '../../src/ui/i18n';
import { bars, COUNTS, JOIN_URL, openQuestion, setup, synAckAnswer, view } from './classroom-fixtures';
import { cleanupAfterEach, renderApp, stubMatchMedia } from './helpers';

cleanupAfterEach();
afterEach(() => setResultsDeps(null));
beforeAll(async () => {
  stubMatchMedia();
  await loadLang('en');
  await loadLang('zh-CN');
});

describe('the teacher panel: names (en, zh-CN)', () => {
  it('en: the region, code, link, QR code, buttons, checkbox, link and the answered count', () => {
    setup('en', { question: openQuestion() });
    const region = screen.getByRole('region', { name: 'Class ABC234' });
    expect(within(region).getByTestId('class-code')).toHaveTextContent(/^ABC234$/);
    expect(within(region).getByTestId('join-url')).toHaveTextContent(JOIN_URL);
    expect(within(region).getByText('Join link')).toBeInTheDocument();
    expect(within(region).getByRole('button', { name: 'Copy' })).toBeInTheDocument();
    expect(within(region).getByRole('img', { name: `QR code for ${JOIN_URL}` })).toBeInTheDocument();
    for (const name of ['Show code for the room', 'Ask', 'Reveal', 'Reset question', 'End class'])
      expect(within(region).getByRole('button', { name })).toBeInTheDocument();
    expect(within(region).getByRole('checkbox', { name: 'Hide names' })).not.toBeChecked();
    expect(within(region).getByRole('link', { name: 'Download results (CSV)' })).toBeInTheDocument();
    expect(within(region).getByTestId('answered-count')).toHaveTextContent('12 of 30 answered');
    expect(within(region).getByText('30 students')).toBeInTheDocument();
    expect(
      within(region).getByRole('heading', { name: 'Question 1: What does B send next?' }),
    ).toBeInTheDocument();
  });

  it('zh-CN: the same controls by their Chinese names', () => {
    setup('zh-CN', { question: openQuestion() });
    const region = screen.getByRole('region', { name: '课堂 ABC234' });
    expect(within(region).getByRole('img', { name: `${JOIN_URL} 的二维码` })).toBeInTheDocument();
    for (const name of ['全屏显示课堂代码', '提问', '揭晓答案', '重置本题', '下课'])
      expect(within(region).getByRole('button', { name })).toBeInTheDocument();
    expect(within(region).getByRole('checkbox', { name: '隐藏昵称' })).toBeInTheDocument();
    expect(within(region).getByRole('link', { name: '下载结果（CSV）' })).toBeInTheDocument();
    expect(within(region).getByTestId('answered-count')).toHaveTextContent('已回答 12 / 30');
    expect(within(region).getByText('30 名学生')).toBeInTheDocument();
  });

  it('is axe-clean with a question open', async () => {
    setup('en', { question: openQuestion() });
    const result = await axe.run(document.body, {
      rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
      resultTypes: ['violations'],
    });
    expect(result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))).toEqual(
      [],
    );
  });
});

describe('in the page', () => {
  it('the page loads the panel (a lazy chunk) while it teaches a class, and drops it after', async () => {
    const { store } = renderApp('rfc9293-fig6');
    expect(screen.queryByRole('region', { name: 'Class ABC234' })).toBeNull();
    act(() => store.setState({ classroom: view() }));
    expect(await screen.findByRole('region', { name: 'Class ABC234' })).toBeInTheDocument();
    act(() => store.setState({ classroom: view({ role: 'student' }) }));
    expect(screen.queryByRole('region', { name: 'Class ABC234' })).toBeNull();
  });
});

describe('the distribution', () => {
  it('open: the live counts per field and per answer, nothing marked, no answer shown', () => {
    setup('en', { question: openQuestion() });
    expect(bars('Flags')).toEqual(['SYN,ACK 9', 'ACK 2', 'SYN 1']);
    expect(bars('seq')).toEqual(['300 9', '101 2', 'blank 1']);
    expect(bars('ack')).toEqual(['101 11', '100 1']);
    expect(bars('len')).toEqual(['0 12']);
    expect(bars('Whole answers')).toEqual([
      'SYN,ACK seq=300 ack=101 len=0 7',
      'SYN,ACK seq=101 ack=101 len=0 2',
      'ACK seq=300 ack=101 len=0 2',
      'SYN seq=blank ack=100 len=0 1',
    ]);
    expect(screen.queryByText(/correct/)).toBeNull();
    expect(screen.queryByText(/The answer/)).toBeNull();
    expect(screen.queryByText(/7 of 12 right/)).toBeNull();
  });

  it('after the reveal: the right values say "correct", with the answer and its rule', () => {
    const { store, setClassroom } = setup('en', { question: openQuestion() });
    const index = store
      .getState()
      .timeline.trace.events.findIndex((e) => e.type === 'send' && e.from === 'B');
    setClassroom({
      question: openQuestion({ status: 'revealed', reveal: { answer: synAckAnswer(index), counts: COUNTS } }),
    });
    expect(bars('Flags')).toEqual(['SYN,ACK 9 ✓ correct', 'ACK 2', 'SYN 1']);
    expect(bars('seq')).toEqual(['300 9 ✓ correct', '101 2', 'blank 1']);
    expect(bars('ack')).toEqual(['101 11 ✓ correct', '100 1']);
    expect(bars('len')).toEqual(['0 12 ✓ correct']);
    expect(bars('Whole answers')[0]).toBe('SYN,ACK seq=300 ack=101 len=0 7 ✓ correct');
    expect(screen.getAllByText(/✓ correct/)).toHaveLength(5);
    expect(screen.getByText('7 of 12 right')).toBeInTheDocument();
    const answer = screen.getByText('The answer: B sends SYN,ACK seq=300 ack=101.').closest('p');
    // The rule: the engine's sentence for a SYN arriving in LISTEN and RFC 9293 §3.10.7.2.
    expect(answer).toHaveTextContent(/Rule: .+\(RFC 9293 §3\.10\.7\.2\)$/);
    expect(screen.getByRole('button', { name: 'Reveal' })).toBeDisabled();
  });

  it('Relative seq on: seq and ack shown relative to B (ISS 300, IRS 100), before and after the reveal', () => {
    const { store, setClassroom } = setup('en', { question: openQuestion() });
    act(() => store.getState().setRelativeSeq(true));
    // 101 - 300 mod 2^32 = 4294967097: a student who typed A's number.
    expect(bars('seq')).toEqual(['0 9', '4294967097 2', 'blank 1']);
    expect(bars('ack')).toEqual(['1 11', '0 1']);
    expect(bars('Whole answers')[0]).toBe('SYN,ACK seq=0 ack=1 len=0 7');
    const index = store
      .getState()
      .timeline.trace.events.findIndex((e) => e.type === 'send' && e.from === 'B');
    setClassroom({
      question: openQuestion({ status: 'revealed', reveal: { answer: synAckAnswer(index), counts: COUNTS } }),
    });
    expect(bars('seq')[0]).toBe('0 9 ✓ correct');
    expect(screen.getByText('The answer: B sends SYN,ACK seq=0 ack=1.')).toBeInTheDocument();
  });

  it('a choice question: the whole answers, the right one marked only after the reveal (zh-CN)', () => {
    const counts: Counts = {
      students: 3,
      answered: 3,
      correct: 2,
      answers: [
        { value: 'ECONNREFUSED', count: 2, correct: true, answer: { choice: 'ECONNREFUSED' } },
        { value: 'ETIMEDOUT', count: 1, correct: false, answer: { choice: 'ETIMEDOUT' } },
      ],
      other: 0,
    };
    const question = openQuestion({
      checkpoint: {
        kind: 'choice',
        figure: { figure: 'app-error', endpoint: 'A' },
        question: { en: 'What does connect() return?', 'zh-CN': 'connect() 返回什么？' },
      },
      choices: ['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'none'],
      live: counts,
    });
    const { setClassroom } = setup('zh-CN', { question });
    expect(screen.getByRole('heading', { name: '第 1 题：connect() 返回什么？' })).toBeInTheDocument();
    expect(bars('整条答案统计')).toEqual(['ECONNREFUSED 2', 'ETIMEDOUT 1']);
    expect(screen.queryByText(/正确/)).toBeNull();
    setClassroom({
      question: {
        ...question,
        status: 'revealed',
        reveal: {
          answer: { kind: 'choice', choice: 'ECONNREFUSED', choices: question.choices ?? [] },
          counts,
        },
      },
    });
    expect(bars('整条答案统计')).toEqual(['ECONNREFUSED 2 ✓ 正确', 'ETIMEDOUT 1']);
    expect(screen.getByText('答案：ECONNREFUSED。')).toBeInTheDocument();
  });
});

describe('a number question', () => {
  it('the whole answers with their unit; after the reveal the right one and the answer', () => {
    const counts: Counts = {
      students: 4,
      answered: 3,
      correct: 2,
      answers: [
        { value: '60', count: 2, correct: true, answer: { value: 60 } },
        { value: '30', count: 1, correct: false, answer: { value: 30 } },
      ],
      other: 0,
    };
    const question = openQuestion({
      checkpoint: {
        kind: 'number',
        figure: { figure: 'handshake-ms' },
        question: { en: 'How many ms does the handshake take?', 'zh-CN': '握手用了多少毫秒？' },
        unit: 'ms',
      },
      unit: 'ms',
      live: counts,
    });
    const { setClassroom } = setup('en', { question });
    expect(screen.getByTestId('answered-count')).toHaveTextContent('3 of 4 answered');
    expect(bars('Whole answers')).toEqual(['60 ms 2', '30 ms 1']);
    setClassroom({
      question: {
        ...question,
        status: 'revealed',
        reveal: { answer: { kind: 'number', value: 60, unit: 'ms' }, counts },
      },
    });
    expect(bars('Whole answers')).toEqual(['60 ms 2 ✓ correct', '30 ms 1']);
    expect(screen.getByText('The answer: 60 ms.')).toBeInTheDocument();
  });
});

describe('the teacher actions', () => {
  it('Ask outside a lesson asks for the next segment (no body) and pauses playback', () => {
    const { store, calls } = setup('en');
    act(() => store.getState().play());
    fireEvent.click(screen.getByRole('button', { name: 'Ask' }));
    expect(calls).toEqual([{ action: 'ask', args: [undefined] }]);
    expect(store.getState().playing).toBe(false);
  });

  it('Ask in a lesson step with a checkpoint asks { kind: "checkpoint" }', async () => {
    const { store, calls } = setup('en');
    // The handshake lesson's step 2 asks what B sends next.
    await act(async () => void (await store.getState().openLesson('handshake', 1, 4242)));
    await waitFor(() => expect(screen.getByText(/Asks this step’s question/)).toBeInTheDocument());
    fireEvent.click(screen.getByRole('button', { name: 'Ask' }));
    expect(calls).toEqual([{ action: 'ask', args: [{ kind: 'checkpoint' }] }]);
  });

  it('Reveal and Reset question call their actions', async () => {
    const { calls } = setup('en', { question: openQuestion() });
    fireEvent.click(screen.getByRole('button', { name: 'Reveal' }));
    // The buttons wait for the call to come back before taking another.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Reset question' })).toBeEnabled());
    fireEvent.click(screen.getByRole('button', { name: 'Reset question' }));
    expect(calls.map((c) => c.action)).toEqual(['reveal', 'resetQuestion']);
  });

  it('Hide names calls setAnonymous(true) and the names go; the nicknames were text, not markup', async () => {
    const { calls } = setup('en', { question: openQuestion() });
    const names = screen.getByRole('list', { name: 'Who answered' });
    expect(within(names).getByText('<b>Ann</b>')).toBeInTheDocument();
    expect(names.querySelector('b')).toBeNull();
    expect(within(names).getByText('Li Wei').parentElement).toHaveTextContent('Li Wei · answered');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Hide names' }));
    expect(calls).toEqual([{ action: 'setAnonymous', args: [true] }]);
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Who answered' })).toBeNull());
    expect(screen.queryByText('Li Wei')).toBeNull();
    expect(screen.getByRole('checkbox', { name: 'Hide names' })).toBeChecked();
    expect(screen.getByText('Names are hidden.')).toBeInTheDocument();
  });

  it('End class asks for confirmation: Cancel does nothing, yes ends it', () => {
    const { calls } = setup('en');
    fireEvent.click(screen.getByRole('button', { name: 'End class' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(calls).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'End class' }));
    expect(screen.getByRole('group', { name: /End the class for everyone\?/ })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Yes, end the class' }));
    expect(calls).toEqual([{ action: 'endClass', args: [] }]);
  });

  it('an ended class says so and asks nothing more', () => {
    setup('en', { ended: true, question: openQuestion() });
    expect(screen.getByText('The class has ended.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Ask' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'End class' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Download results (CSV)' })).toBeInTheDocument();
  });

  it('Show code for the room: code and QR code over the page; Escape goes back', () => {
    setup('en');
    fireEvent.click(screen.getByRole('button', { name: 'Show code for the room' }));
    const room = screen.getByRole('dialog', { name: 'Join the class' });
    expect(within(room).getByText('ABC234')).toBeInTheDocument();
    expect(within(room).getByRole('img', { name: `QR code for ${JOIN_URL}` })).toBeInTheDocument();
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show code for the room' }));
    fireEvent.click(screen.getByRole('button', { name: 'Back to the panel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Copy puts the join link on the clipboard and says so', async () => {
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void written.push(text) },
    });
    setup('en');
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText('Copied')).toBeInTheDocument();
    expect(written).toEqual([JOIN_URL]);
  });
});

describe('Download results (CSV)', () => {
  const csv = '\uFEFFnickname,question,kind,answer,correct,seconds\r\n';

  it('fetches with the teacher token in the Authorization header and saves synack-<code>-results.csv', async () => {
    const requests: { url: string; auth: string | null }[] = [];
    const saved: { name: string; text: string }[] = [];
    const { storage } = setup('en');
    storage.setItem(TEACHER_KEY, JSON.stringify({ code: 'ABC234', teacherToken: 'tok-123' }));
    setResultsDeps(() => ({
      storage,
      fetch: async (input, init) => {
        requests.push({ url: String(input), auth: new Headers(init?.headers).get('authorization') });
        return new Response(csv, { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8' } });
      },
      save: (blob, name) => void blob.text().then((text) => saved.push({ name, text })),
    }));
    fireEvent.click(screen.getByRole('link', { name: 'Download results (CSV)' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(requests).toEqual([{ url: '/api/classes/ABC234/results.csv', auth: 'Bearer tok-123' }]);
    expect(saved[0]?.name).toBe('synack-ABC234-results.csv');
    // Blob.text() decodes as UTF-8 and drops the BOM, so compare with the header row alone.
    expect(saved[0]?.text).toContain('nickname,question,kind,answer,correct,seconds');
  });

  it('says why when the server refuses, or when the page holds no token for this class', async () => {
    const { storage } = setup('en');
    storage.setItem(TEACHER_KEY, JSON.stringify({ code: 'ZZZ999', teacherToken: 'other' }));
    let fetched = 0;
    setResultsDeps(() => ({
      storage,
      fetch: async () => {
        fetched++;
        return new Response(JSON.stringify({ error: 'authorization: unknown token' }), { status: 401 });
      },
      save: () => {},
    }));
    fireEvent.click(screen.getByRole('link', { name: 'Download results (CSV)' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The results could not be downloaded: this page does not hold the class’s teacher key',
    );
    expect(fetched).toBe(0);
    storage.setItem(TEACHER_KEY, JSON.stringify({ code: 'ABC234', teacherToken: 'stale' }));
    fireEvent.click(screen.getByRole('link', { name: 'Download results (CSV)' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'could not be downloaded: authorization: unknown token',
      ),
    );
  });
});
