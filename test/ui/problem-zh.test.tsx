// @vitest-environment jsdom
/**
 * The problem banner in Chinese: a bad scenario's details are written from the structure, so the
 * banner reads Chinese except the JSON paths (in <code>) and the values the user wrote.
 */
import '@testing-library/jest-dom/vitest';
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { loadLang } from '../../src/ui/i18n';
import { cleanupAfterEach, renderApp } from './helpers';

cleanupAfterEach();

const BAD = JSON.stringify({
  version: 3, // neither 1 nor 2: a version 2 file is read as one (issue 12)
  seed: -1,
  profile: 'bsd',
  network: { lossrate: 0.1, latencyMs: 'fast' },
  endpoints: { A: { port: 70000, closeOnEof: 'yes' } },
  actions: [
    { at: 0, endpoint: 'B', call: 'listen', bytes: 5 },
    { at: 1, endpoint: 'C', call: 'send' },
  ],
  faults: [{ dorp: {} }, { drop: { from: 'A', flags: ['SYN', 'URG'], nth: 0 } }],
});

/** The banner's text without its <code> paths and without quoted JSON values; what is left must be Chinese. */
function wordsOutsideValues(alert: HTMLElement): string[] {
  const copy = alert.cloneNode(true) as HTMLElement;
  for (const code of copy.querySelectorAll('code')) code.remove();
  const text = (copy.textContent ?? '').replace(/"(?:[^"\\]|\\.)*"/g, ' ');
  return [...text.matchAll(/[A-Za-z][A-Za-z0-9]+/g)].map((m) => m[0]);
}

/** JSON key names the sentences mention, and JSON literals: the same in both languages. */
const KEY_NAMES = new Set([
  'call',
  'bytes',
  'from',
  'flags',
  'nth',
  'count',
  'true',
  'false',
  'null',
  'JSON',
]);

describe('the problem banner in zh-CN', () => {
  it('writes every issue of a bad scenario in Chinese, keeping paths and values as written', async () => {
    await loadLang('zh-CN');
    const { store } = renderApp('rfc9293-fig6');
    act(() => store.getState().setLang('zh-CN'));
    act(() => void store.getState().importJson(BAD));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('导入的文件既不是有效的场景');
    const items = within(alert).getAllByRole('listitem');
    expect(items.length).toBe(8); // the banner shows the first eight
    expect(within(alert).getByText('$.actions[0].bytes')).toBeInTheDocument();
    expect(items[0]).toHaveTextContent(
      '$.actions[0].bytes：只有 "call" 为 "send" 的动作才带 "bytes"；这里 "call" 为 "listen"，却带了 "bytes"：5',
    );
    expect(wordsOutsideValues(alert).filter((w) => !KEY_NAMES.has(w))).toEqual([]);
  });

  it('a JSON syntax error names its line and column in Chinese', async () => {
    await loadLang('zh-CN');
    const { store } = renderApp('rfc9293-fig6');
    act(() => store.getState().setLang('zh-CN'));
    act(() => void store.getState().importJson('{\n  "version": 1,\n  "actions": [,]\n}'));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(
      '$：不是有效的 JSON：第 3 行第 15 列，应为一个值（对象、数组、字符串、数字、true、false 或 null），实际遇到 ","',
    );
    expect(wordsOutsideValues(alert).filter((w) => !KEY_NAMES.has(w))).toEqual([]);
  });

  it('a bad link names the link parameter in Chinese', async () => {
    await loadLang('zh-CN');
    const { store } = renderApp('rfc9293-fig6');
    act(() => store.getState().setLang('zh-CN'));
    act(() => void store.getState().openShared('#c=abc&p=lost-syn'));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('链接参数 c：应为事件序号，实际为 "abc"');
    expect(wordsOutsideValues(alert)).toEqual([]);
  });

  it('in English the banner shows the same messages the CLI prints', () => {
    const { store } = renderApp('rfc9293-fig6');
    act(() => void store.getState().importJson(BAD));
    const items = within(screen.getByRole('alert')).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(
      '$.actions[0].bytes: expected no bytes (only call "send" takes bytes), got 5 with call "listen"',
    );
  });
});
