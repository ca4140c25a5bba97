// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Narration } from '../../src/ui/components/Narration';
import { loadLang } from '../../src/ui/i18n';
import { cleanupAfterEach, eventIndex, freshStore, renderApp } from './helpers';

cleanupAfterEach();

const alert = () => screen.getByRole('alert');
const narration = () => screen.getByTestId('narration').textContent;

/** A custom scenario: figure 6 with B's SYN,ACK dropped, the cursor on its retransmission arriving at A. */
function editedOriginal() {
  const { store } = freshStore('rfc9293-fig6');
  const s = store.getState;
  s().dropSegment(2);
  expect(s().timeline.trace.events.some((e) => e.type === 'drop' && e.id === 2)).toBe(true);
  s().seek(eventIndex(store, (e) => e.type === 'deliver' && e.to === 'A'));
  render(<Narration />);
  const text = narration();
  cleanup();
  expect(text).toMatch(/^A receives SYN,ACK seq=300 ack=101 in SYN-SENT\./);
  return { scenario: s().scenario, cursor: s().cursor, hash: s().shareHash(), text };
}

describe('share URL', () => {
  it('a link to an edited scenario reopens the same scenario, cursor and narration', () => {
    const original = editedOriginal();
    expect(original.hash).toMatch(/^#s=[\w-]+&c=\d+$/);
    window.history.replaceState(null, '', original.hash);
    const { store } = renderApp('lost-syn', { keepHash: true });
    const s = store.getState();
    expect(s.scenario).toEqual(original.scenario);
    expect(s.presetName).toBeNull();
    expect(s.cursor).toBe(original.cursor);
    expect(s.problem).toBeNull();
    expect(narration()).toBe(original.text);
    expect(screen.queryByRole('alert')).toBeNull();
    // opening a link is not an edit to undo
    expect(s.past).toHaveLength(0);
  });

  it('a preset link opens the preset at the given event', () => {
    window.history.replaceState(null, '', '#p=lost-syn&c=6');
    const { store } = renderApp('rfc9293-fig6', { keepHash: true });
    expect(store.getState()).toMatchObject({ presetName: 'lost-syn', cursor: 6 });
    expect(narration()).toMatch(/^SYN seq=\d+ from A is /);
  });

  it('the URL follows the store once it rests: stepping and editing rewrite the hash', async () => {
    const { store } = renderApp('rfc9293-fig6');
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    await waitFor(() => expect(window.location.hash).toBe('#p=rfc9293-fig6&c=1'));
    act(() => store.getState().crash('B'));
    await waitFor(() => expect(window.location.hash).toBe(store.getState().shareHash()));
    expect(window.location.hash).toMatch(/^#s=/);
  });

  it('editing the hash by hand loads it', async () => {
    const { store } = renderApp('rfc9293-fig6');
    window.location.hash = '#p=lost-syn&c=3';
    await waitFor(() => expect(store.getState().presetName).toBe('lost-syn'));
    expect(store.getState().cursor).toBe(3);
  });

  it('a bad link (#s=garbage) shows an alert naming "link s", keeps the default scenario usable, and Dismiss hides it', () => {
    window.history.replaceState(null, '', '#s=garbage');
    const { store } = renderApp('rfc9293-fig6', { keepHash: true });
    expect(alert()).toHaveTextContent('This link does not hold a valid scenario');
    expect(within(alert()).getByText('link s')).toBeInTheDocument();
    expect(store.getState()).toMatchObject({ presetName: 'rfc9293-fig6', cursor: -1 });
    // the bad hash stays visible until the user changes something
    expect(window.location.hash).toBe('#s=garbage');
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    expect(store.getState().playing).toBe(true);
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    fireEvent.click(within(alert()).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(store.getState().problem).toBeNull();
  });

  it('a link with a bad event number names "link c"', () => {
    window.history.replaceState(null, '', '#p=lost-syn&c=abc');
    const { store } = renderApp('rfc9293-fig6', { keepHash: true });
    expect(within(alert()).getByText('link c')).toBeInTheDocument();
    expect(alert()).toHaveTextContent('expected an event number, got "abc"');
    expect(store.getState().presetName).toBe('rfc9293-fig6');
  });

  it('a link whose scenario fails validation names the JSON path', () => {
    const bad = btoa(JSON.stringify({ version: 1, network: { lossRate: 7 }, actions: [] }))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    window.history.replaceState(null, '', `#s=${bad}&c=0`);
    const { store } = renderApp('rfc9293-fig6', { keepHash: true });
    expect(within(alert()).getByText('$.network.lossRate')).toBeInTheDocument();
    expect(store.getState().presetName).toBe('rfc9293-fig6');
  });
});

describe('a profile switch on a preset', () => {
  it('keeps the preset title, adds nothing to undo, and keeps the link short', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('lost-syn-ack');
    const title = () => document.querySelector('.scenario-title')?.textContent;
    expect(title()).toBe('Lost SYN,ACK');
    await user.click(screen.getByRole('button', { name: 'Linux' }));
    expect(screen.getByRole('button', { name: 'Linux' })).toHaveAttribute('aria-pressed', 'true');
    expect(title()).toBe('Lost SYN,ACK');
    expect(screen.getByRole('button', { name: 'Undo' })).toBeDisabled();
    expect(store.getState().past).toHaveLength(0);
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    await waitFor(() => expect(window.location.hash).toBe('#p=lost-syn-ack&profile=linux&c=0'));
  });
});

describe('Copy link', () => {
  // user-event puts a clipboard stub on navigator for the test; read what the page wrote to it.
  const copied = () => navigator.clipboard.readText();

  it('copies the short link; with "Link opens in …" ticked it carries the language, named in that language', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('lost-syn-ack');
    await user.click(screen.getByRole('button', { name: 'Linux' }));
    act(() => store.getState().seek(6));
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(await copied()).toMatch(/#p=lost-syn-ack&profile=linux&c=6$/);
    await user.click(screen.getByRole('checkbox', { name: 'Link opens in English' }));
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(await copied()).toMatch(/#p=lost-syn-ack&profile=linux&c=6&lang=en$/);
    await act(async () => {
      store.getState().setLang('zh-CN');
      await loadLang('zh-CN');
    });
    expect(screen.getByRole('checkbox', { name: '链接以简体中文打开' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: '复制链接' }));
    expect(await copied()).toMatch(/#p=lost-syn-ack&profile=linux&c=6&lang=zh-CN$/);
    expect((await copied()).startsWith(window.location.href.split('#')[0] as string)).toBe(true);
  });

  it('a link with lang=zh-CN opens the page in Chinese, at the event, under the profile it names', async () => {
    window.history.replaceState(null, '', '#p=lost-syn-ack&profile=linux&c=6&lang=zh-CN');
    const { store } = renderApp('rfc9293-fig6', { keepHash: true });
    expect(store.getState()).toMatchObject({ presetName: 'lost-syn-ack', cursor: 6, lang: 'zh-CN' });
    await act(() => loadLang('zh-CN'));
    expect(document.querySelector('.scenario-title')?.textContent).toBe('SYN,ACK 丢失');
    expect(screen.getByRole('button', { name: 'Linux' })).toHaveAttribute('aria-pressed', 'true');
    expect(store.getState().past).toHaveLength(0);
  });
});

describe('the title of an edited preset', () => {
  it('is the preset title marked as edited, in the reader’s language; Undo restores the plain title', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    const title = () => document.querySelector('.scenario-title')?.textContent;
    act(() => store.getState().crash('B'));
    expect(title()).toBe('RFC 9293 Figure 6: basic three-way handshake (edited)');
    await act(async () => {
      store.getState().setLang('zh-CN');
      await loadLang('zh-CN');
    });
    expect(title()).toBe('RFC 9293 图 6：基本的三次握手（已修改）');
    // The narration introduces it the same way, with the preset's Chinese description.
    expect(narration()).toMatch(
      /^按“播放”（或 →）开始。RFC 9293 图 6：基本的三次握手（已修改）。A（ISN 100）/,
    );
    await user.click(screen.getByRole('button', { name: '撤销' }));
    expect(title()).toBe('RFC 9293 图 6：基本的三次握手');
  });

  it('a shared link to an edited preset is titled the same way', () => {
    const { store } = freshStore('rfc9293-fig6');
    store.getState().crash('A');
    const hash = store.getState().shareHash();
    expect(hash).toMatch(/^#s=/);
    window.history.replaceState(null, '', hash);
    renderApp('lost-syn', { keepHash: true });
    expect(document.querySelector('.scenario-title')?.textContent).toBe(
      'RFC 9293 Figure 6: basic three-way handshake (edited)',
    );
  });
});

describe('the scenario gallery', () => {
  it('Escape, Close and a pick return focus to the Scenarios button', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    const button = screen.getByRole('button', { name: 'Scenarios' });
    await user.click(button);
    // The gallery is loaded when first opened.
    const dialog = await screen.findByRole('dialog', { name: 'Scenario gallery' });
    within(dialog).getByRole('button', { name: 'Close' }).focus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(button).toHaveFocus();

    await user.click(button);
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Close' }));
    expect(button).toHaveFocus();

    await user.click(button);
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: /^Lost SYN,ACK(?! \(Linux\))/ }),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(store.getState().presetName).toBe('lost-syn-ack');
    expect(button).toHaveFocus();
  });
});
