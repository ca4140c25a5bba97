// @vitest-environment jsdom
/**
 * A `?join=` link and the server's refusals, as a student and a teacher read them (issue 11). The link
 * opens the join form only, code filled in, focus in Nickname; the header's button still offers "Start a
 * class". The refusals are the server's own texts (src/server/context.ts refusalError, input.ts
 * checkNickname, classwork.ts noAnswer, app.ts's join limit), answered by a fake network; the oracle is the
 * catalog sentence each one must become, in en and zh-CN, and the server's words after the lead-in for
 * anything else.
 */
import '@testing-library/jest-dom/vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createAppStore, setAppStore } from '../../src/store';
import { App } from '../../src/ui/App';
import { loadLang } from '../../src/ui/i18n';
import { FakeEventSource, fakeNet, settle } from '../store/classroomFakes';
import { openQuestion, setup } from './classroom-fixtures';
import { cleanupAfterEach, memoryStorage, servedByClassroom, stubMatchMedia } from './helpers';

cleanupAfterEach();

const INFO = { synack: 'classroom', version: 1, joinBase: '' };

async function page(lang: 'en' | 'zh-CN', search: string) {
  if (lang === 'zh-CN') await loadLang('zh-CN');
  stubMatchMedia();
  window.history.replaceState(null, '', `${window.location.pathname}${search}`);
  const f = fakeNet({ search });
  const store = createAppStore({ storage: memoryStorage(), languages: [lang], classroomNet: f.net });
  setAppStore(store);
  f.on('GET', '/api/info', { status: 200, body: INFO });
  servedByClassroom();
  render(<App />);
  return { f, store };
}

/**
 * jsdom has no showModal; a browser's focuses the dialog's first focusable control (WHATWG HTML, "dialog
 * focusing steps"), here Close. Stand in for it, so the test sees the page move focus on to Nickname after.
 */
function browserLikeShowModal() {
  const proto = HTMLDialogElement.prototype as Omit<HTMLDialogElement, 'showModal'> & {
    showModal?: () => void;
  };
  const before = proto.showModal;
  proto.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
    this.querySelector<HTMLElement>('button, input')?.focus();
  };
  return () => {
    if (before) proto.showModal = before;
    else delete proto.showModal;
  };
}

describe('a ?join= link', { timeout: 30_000 }, () => {
  it('en: shows the join form only, code filled in, focus in Nickname; the header still offers Start', async () => {
    const user = userEvent.setup();
    const restore = browserLikeShowModal();
    onTestFinished(restore);
    await page('en', '?join=abc234');
    const dialog = await screen.findByRole('dialog', { name: 'Classroom' }, { timeout: 10_000 });
    const form = within(dialog).getByRole('form', { name: 'Join a class' });
    expect(within(form).getByRole('textbox', { name: 'Class code' })).toHaveValue('ABC234');
    await waitFor(() => expect(within(form).getByRole('textbox', { name: 'Nickname' })).toHaveFocus());
    expect(within(dialog).queryByRole('button', { name: 'Start a class' })).toBeNull();

    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await user.click(await screen.findByRole('button', { name: 'Classroom' }, { timeout: 10_000 }));
    const again = await screen.findByRole('dialog', { name: 'Classroom' });
    expect(within(again).getByRole('button', { name: 'Start a class' })).toBeInTheDocument();
    expect(within(again).getByRole('textbox', { name: 'Class code' })).toHaveValue('');
  });

  it('zh-CN: a link with a code that cannot be one says so in Chinese, with the code left to fix', async () => {
    await page('zh-CN', '?join=AB-2');
    const form = await screen.findByRole('form', { name: '加入课堂' }, { timeout: 10_000 });
    expect(within(form).getByRole('textbox', { name: '课堂代码' })).toHaveValue('AB-2');
    expect(within(form).getByRole('alert')).toHaveTextContent(
      '课堂代码：请输入老师给出的字母和数字（例如 ABC234）。',
    );
    expect(screen.queryByRole('button', { name: '开始上课' })).toBeNull();
  });
});

/** [status, the server's error, Retry-After or null, en sentence, zh-CN sentence] */
const JOIN_REFUSALS: [number, string, string | null, string, string][] = [
  [
    404,
    'code: no class ABC234',
    null,
    'There is no class with this code. Check the code your teacher shows; the class may have ended.',
    '没有使用这个代码的课堂。请核对老师给出的代码；这节课也可能已经结束。',
  ],
  [
    409,
    'nickname: already taken',
    null,
    'Someone in this class already has this nickname. Choose another one.',
    '本课堂已有同学使用这个昵称，请换一个。',
  ],
  [
    400,
    'nickname: must be 1–40 characters',
    null,
    'Type a nickname of 1 to 40 characters.',
    '请输入 1 到 40 个字符的昵称。',
  ],
  [
    400,
    'nickname: may not contain control or direction characters',
    null,
    'A nickname may not contain control or text-direction characters.',
    '昵称不能包含控制字符或文字方向控制符。',
  ],
  [
    400,
    'nickname: must have a visible character',
    null,
    'A nickname needs at least one visible character.',
    '昵称至少要有一个可见字符。',
  ],
  [409, 'class: ended', null, 'This class has ended.', '这节课已经结束。'],
  [
    409,
    'class: full (2000 students)',
    null,
    'This class is full: no more students can join.',
    '本课堂已满员，无法再加入。',
  ],
  [
    429,
    'join: too many attempts from this address; try again in 37 s',
    '37',
    'Too many attempts from this network. Try again in 37 s.',
    '此网络的尝试次数过多，请在 37 秒后重试。',
  ],
  // Without the header the wait is read from the server's sentence.
  [
    429,
    'code: too many unknown class codes from this address; try again in 12 s',
    null,
    'Too many attempts from this network. Try again in 12 s.',
    '此网络的尝试次数过多，请在 12 秒后重试。',
  ],
  [
    400,
    'body: not valid JSON',
    null,
    'The classroom server refused: body: not valid JSON',
    '课堂服务器拒绝了请求：body: not valid JSON',
  ],
];

describe('the join form says the server’s refusal in the reader’s language', { timeout: 60_000 }, () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    it(`${lang}: unknown code, nickname taken/length/characters, ended, full, rate limited, other`, async () => {
      const user = userEvent.setup();
      const { f } = await page(lang, '?join=ABC234');
      const zh = lang === 'zh-CN';
      const form = await screen.findByRole(
        'form',
        { name: zh ? '加入课堂' : 'Join a class' },
        { timeout: 10_000 },
      );
      const nickname = within(form).getByRole('textbox', { name: zh ? '昵称' : 'Nickname' });
      await user.type(nickname, 'Ada');
      for (const [status, error, retryAfter, en, zhText] of JOIN_REFUSALS) {
        f.on('POST', '/api/classes/ABC234/join', {
          status,
          body: { error },
          ...(retryAfter ? { headers: { 'retry-after': retryAfter } } : {}),
        });
        await user.click(within(form).getByRole('button', { name: zh ? '加入' : 'Join' }));
        await waitFor(() => expect(within(form).getByRole('alert')).toHaveTextContent(zh ? zhText : en));
      }
    });
  }
});

describe('the student’s answer refused', { timeout: 30_000 }, () => {
  it('zh-CN: a closed question and an answer already sent, in Chinese', async () => {
    const user = userEvent.setup();
    const { f, store } = await page('zh-CN', '?join=ABC234');
    f.on('POST', '/api/classes/ABC234/join', {
      status: 201,
      body: { studentId: 's_abcdefabcdef', studentToken: 'stu-token-0123456789abcdef', nickname: '小明' },
    });
    const form = await screen.findByRole('form', { name: '加入课堂' }, { timeout: 10_000 });
    await user.type(within(form).getByRole('textbox', { name: '昵称' }), '小明');
    await user.click(within(form).getByRole('button', { name: '加入' }));
    await waitFor(() => expect(FakeEventSource.instances.length).toBeGreaterThan(0));
    const es = FakeEventSource.last();
    await act(async () => {
      es.emit('state', 1, {
        scenario: null,
        presetName: 'rfc9293-fig6',
        cursor: -1,
        lesson: null,
        step: null,
        seed: null,
      });
      es.emit('question', 2, { id: 1, checkpoint: { kind: 'next-segment' }, cursor: -1 });
      await settle();
    });
    expect(store.getState().classroom?.question?.id).toBe(1);
    const refusals: [string, string][] = [
      ['question: closed', '这道题已关闭，不再接收答案。'],
      ['answer: already sent for this question', '你已经回答过这道题。'],
    ];
    for (const [error, text] of refusals) {
      f.on('POST', '/api/classes/ABC234/answers', { status: 409, body: { error } });
      const cp = await screen.findByRole('form', { name: '预测下一个报文段' });
      await user.click(within(cp).getByRole('button', { name: 'SYN' }));
      await user.click(within(cp).getByRole('button', { name: '提交答案' }));
      await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(text));
    }
  });
});

describe('the teacher’s call refused', () => {
  it('zh-CN: an ended class and nothing to ask after the cursor, in Chinese; others after the lead-in', () => {
    const { setClassroom } = setup('zh-CN', { question: openQuestion() });
    setClassroom({ error: 'class: ended', errorInfo: { status: 409, retryAfterS: null } });
    expect(screen.getByRole('alert')).toHaveTextContent('这节课已经结束。');
    setClassroom({
      error: 'question: the run has no next segment after the cursor',
      errorInfo: { status: 409, retryAfterS: null },
    });
    expect(screen.getByRole('alert')).toHaveTextContent(
      '这里无法提问：模拟在此之后不再发送任何报文段。请退回几步，或重新开始运行。',
    );
    setClassroom({
      error: 'lesson: no lesson is open (set one with POST …/state)',
      errorInfo: { status: 400, retryAfterS: null },
    });
    expect(screen.getByRole('alert')).toHaveTextContent(
      '课堂服务器拒绝了请求：lesson: no lesson is open (set one with POST …/state)',
    );
  });

  it('en: a question already revealed', () => {
    const { setClassroom } = setup('en', { question: openQuestion() });
    setClassroom({ error: 'question: already revealed', errorInfo: { status: 409, retryAfterS: null } });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The answer to this question has already been revealed.',
    );
  });
});
