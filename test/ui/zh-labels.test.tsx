// @vitest-environment jsdom
/**
 * Labels a Chinese reader sees: socket calls translated with the API name kept as code, the inspector's
 * "state" row, units in 毫秒 everywhere, flags written "SYN,ACK" (as Wireshark writes them).
 */
import '@testing-library/jest-dom/vitest';
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { loadLang } from '../../src/ui/i18n';
import { cleanupAfterEach, eventIndex, renderApp } from './helpers';

cleanupAfterEach();

async function chinesePage(preset = 'rfc9293-fig6') {
  await loadLang('zh-CN');
  const setup = renderApp(preset);
  act(() => setup.store.getState().setLang('zh-CN'));
  return setup;
}

describe('zh-CN labels', () => {
  it('call buttons are Chinese verbs with the socket call as code beside them', async () => {
    await chinesePage();
    const faults = screen.getByRole('region', { name: '故障与调用' });
    const expected: [string, string][] = [
      ['A：监听 listen', 'listen'],
      ['A：连接 connect', 'connect'],
      ['A：发送 1000 字节 send', 'send'],
      ['A：关闭 close', 'close'],
      ['A：终止 abort', 'abort'],
    ];
    for (const [name, call] of expected) {
      const button = within(faults).getByRole('button', { name });
      expect(button.querySelector('code')).toHaveTextContent(call);
    }
  });

  it('the document title and language follow the reader', async () => {
    await chinesePage();
    expect(document.title).toBe('synack — TCP 握手与挥手模拟器');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('English call buttons keep their names ("A: listen", "A: send 1000 bytes")', () => {
    renderApp();
    const faults = screen.getByRole('region', { name: 'Faults and calls' });
    for (const name of ['A: listen', 'A: connect', 'A: send 1000 bytes', 'B: close', 'B: abort'])
      expect(within(faults).getByRole('button', { name })).toBeInTheDocument();
  });

  it('the inspector names the state row 状态 and writes flags SYN,ACK; units are 毫秒', async () => {
    const { store } = await chinesePage();
    act(() => store.getState().select(2)); // B's SYN,ACK in figure 6
    const inspector = screen.getByRole('heading', { name: /报文段查看器/ }).parentElement as HTMLElement;
    const header = within(inspector).getByRole('table', { name: '首部' });
    const flagsRow = within(header).getByRole('rowheader', { name: '标志位' }).parentElement as HTMLElement;
    expect(flagsRow).toHaveTextContent('标志位SYN,ACK');
    expect(within(header).getByRole('rowheader', { name: '发送时间' }).parentElement).toHaveTextContent(
      /^发送时间\d+ 毫秒$/,
    );
    expect(within(inspector).getAllByRole('rowheader', { name: '状态' }).length).toBeGreaterThan(0);
    expect(inspector).not.toHaveTextContent(/\bstate\b/);
    // the endpoint cards' RTO and the clock use the catalog's unit
    // (at A's SYN: A is in SYN-SENT, so it has a TCB and an RTO)
    act(() => store.getState().seek(eventIndex(store, (e) => e.type === 'send' && e.from === 'A')));
    const card = screen.getByRole('article', { name: /^A/ });
    expect(within(card).getByRole('rowheader', { name: 'RTO' }).parentElement).toHaveTextContent(
      /^RTO\d+ 毫秒$/,
    );
    expect(screen.getByRole('status', { name: '模拟时钟' })).toHaveTextContent(/^t = \d+(\.\d+)? 毫秒$/);
    expect(document.body.textContent).not.toMatch(/\d ms\b/);
  });
});
