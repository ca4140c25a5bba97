// @vitest-environment jsdom
/**
 * The page before its scenario validator has arrived (it loads after the first paint): a shared custom
 * scenario and an imported file still open, or show the problem banner as always, once it has; and if it
 * cannot be loaded, the banner says so in the reader's language.
 */
import '@testing-library/jest-dom/vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetValidatorForTests, loadValidator } from '../../src/store/validator';
import { loadLang } from '../../src/ui/i18n';
import { cleanupAfterEach, renderApp } from './helpers';

cleanupAfterEach();
afterEach(async () => {
  forgetValidatorForTests();
  await loadValidator();
});

const HANDSHAKE = JSON.stringify({
  version: 1,
  name: 'Handshake by hand',
  endpoints: { A: { isn: 7 }, B: { isn: 9000 } },
  actions: [
    { at: 0, endpoint: 'B', call: 'listen' },
    { at: 10, endpoint: 'A', call: 'connect' },
  ],
});
const link = (json: string, cursor: number) =>
  `#s=${btoa(json).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}&c=${cursor}`;

const fileInput = () => screen.getByLabelText(/^(Import…|导入…)$/, { selector: 'input[type="file"]' });
const title = () => document.querySelector('.scenario-title')?.textContent;

/** The real validator, arriving when the test says so. */
function slowValidator() {
  let arrive: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  forgetValidatorForTests(async () => {
    await gate;
    return import('../../src/scenarios/validate');
  });
  return async () => {
    arrive();
    await loadValidator();
  };
}

const offline = () => forgetValidatorForTests(() => Promise.reject(new TypeError('Failed to fetch')));

describe('before the validator has arrived', () => {
  it('a shared custom scenario opens once it arrives, at its event, with no problem shown', async () => {
    const arrive = slowValidator();
    window.history.replaceState(null, '', link(HANDSHAKE, 2));
    const { store } = renderApp('rfc9293-fig6', { keepHash: true });
    expect(screen.queryByRole('alert')).toBeNull();
    await act(arrive);
    expect(title()).toBe('Handshake by hand');
    expect(store.getState().cursor).toBe(2);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('button', { name: 'Undo' })).toBeDisabled();
  });

  it('a bad imported file shows the problem banner once it arrives, and keeps the scenario', async () => {
    const arrive = slowValidator();
    const { store } = renderApp('rfc9293-fig6');
    const before = store.getState().scenario;
    const file = new File(['{"version":1,"network":{"lossRate":7},"actions":[]}'], 'lossy.json');
    fireEvent.change(fileInput(), { target: { files: [file] } });
    await act(arrive);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'The imported file is not a valid scenario or capture; nothing was changed.',
    );
    expect(within(alert).getByText('$.network.lossRate')).toBeInTheDocument();
    expect(alert).toHaveTextContent('expected a number from 0 to 1, got 7');
    expect(store.getState().scenario).toBe(before);
  });
});

describe('when the validator cannot be loaded', () => {
  it('an imported file leaves the scenario and the banner says what failed', async () => {
    offline();
    const { store } = renderApp('rfc9293-fig6');
    fireEvent.change(fileInput(), { target: { files: [new File([HANDSHAKE], 'handshake.json')] } });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'The part of the page that checks scenarios could not be loaded (is the network down?), so nothing was changed. Try again, or reload the page.',
    );
    expect(alert).toHaveTextContent('$: could not read the scenario: TypeError: Failed to fetch');
    expect(store.getState().presetName).toBe('rfc9293-fig6');
    expect(title()).toBe('RFC 9293 Figure 6: basic three-way handshake');
  });

  it('a shared custom scenario says so in Chinese, and the link stays in the address bar', async () => {
    offline();
    await loadLang('zh-CN');
    const hash = link(HANDSHAKE, 2);
    window.history.replaceState(null, '', hash);
    const { store } = renderApp('rfc9293-fig6', { keepHash: true });
    act(() => store.getState().setLang('zh-CN'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      '页面中用于检查场景的部分没有加载成功（网络是否断开了？），因此没有做任何更改。请重试或刷新页面。',
    );
    expect(alert).toHaveTextContent('无法读取这个场景：TypeError: Failed to fetch');
    expect(title()).toBe('RFC 9293 图 6：基本的三次握手');
    expect(window.location.hash).toBe(hash);
  });
});
