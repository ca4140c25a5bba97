// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { uiEn } from '../../src/i18n/ui.en';
import { uiZh } from '../../src/i18n/ui.zh-CN';
import { createAppStore, setAppStore } from '../../src/store';
import { App } from '../../src/ui/App';
import { loadLang } from '../../src/ui/i18n';
import { cleanupAfterEach, freshStore, memoryStorage, renderApp, stubMatchMedia } from './helpers';

cleanupAfterEach();

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('language switch in the page', () => {
  it('choosing 简体中文 relabels the page once the zh-CN chunk has loaded, and remembers the choice', async () => {
    const user = userEvent.setup();
    const { store, storage, container } = renderApp();
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument();
    expect(container.querySelector('.app')).toHaveAttribute('lang', 'en');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), '简体中文');
    expect(store.getState().lang).toBe('zh-CN');
    expect(await screen.findByRole('button', { name: '播放' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Play' })).toBeNull();
    for (const heading of ['发生了什么', '报文段查看器', '故障与调用', '计时记录']) {
      expect(screen.getByRole('heading', { name: heading })).toBeInTheDocument();
    }
    expect(screen.getByRole('region', { name: '播放控制' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: '语言' })).toHaveValue('zh-CN');
    expect(container.querySelector('.app')).toHaveAttribute('lang', 'zh-CN');
    expect(JSON.parse(storage.data.get('synack.prefs') ?? '{}')).toMatchObject({ lang: 'zh-CN' });

    // and back
    await user.selectOptions(screen.getByRole('combobox', { name: '语言' }), 'English');
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument();
    expect(JSON.parse(storage.data.get('synack.prefs') ?? '{}')).toMatchObject({ lang: 'en' });
  });

  it('a store created from the saved preferences starts in zh-CN and the page renders in Chinese', async () => {
    const storage = memoryStorage();
    freshStore('rfc9293-fig6', { storage }).store.getState().setLang('zh-CN');
    const store = createAppStore({ initialPreset: 'rfc9293-fig6', storage, languages: ['en-US'] });
    expect(store.getState().lang).toBe('zh-CN');
    await loadLang('zh-CN');
    stubMatchMedia();
    setAppStore(store);
    render(<App />);
    expect(screen.getByRole('button', { name: '播放' })).toBeInTheDocument();
    expect(screen.getByTestId('narration')).toHaveTextContent(/^按“播放”（或 →）开始。/);
  });

  it('theme and relative-seq preferences are saved alongside the language', () => {
    const { store, storage } = freshStore();
    act(() => {
      store.getState().setTheme('dark');
      store.getState().setRelativeSeq(true);
    });
    const again = createAppStore({ storage, languages: ['en'] }).getState();
    expect(again).toMatchObject({ theme: 'dark', relativeSeq: true, lang: 'en' });
  });

  it('the default language follows the browser: zh-TW → zh-CN, en-GB → en, fr → en', () => {
    expect(createAppStore({ storage: memoryStorage(), languages: ['zh-TW'] }).getState().lang).toBe('zh-CN');
    expect(createAppStore({ storage: memoryStorage(), languages: ['en-GB', 'zh'] }).getState().lang).toBe(
      'en',
    );
    expect(createAppStore({ storage: memoryStorage(), languages: ['fr', 'de'] }).getState().lang).toBe('en');
    expect(createAppStore({ storage: memoryStorage(), languages: ['fr', 'zh-HK'] }).getState().lang).toBe(
      'zh-CN',
    );
  });

  it('a saved language wins over the browser language', () => {
    const storage = memoryStorage();
    storage.setItem('synack.prefs', JSON.stringify({ lang: 'en' }));
    expect(createAppStore({ storage, languages: ['zh-CN'] }).getState().lang).toBe('en');
  });
});

describe('UI catalogs', () => {
  it('every English key exists in zh-CN with a non-empty value and the same {placeholders}', () => {
    const problems: string[] = [];
    for (const [key, en] of Object.entries(uiEn)) {
      const zh = (uiZh as Record<string, string | undefined>)[key];
      if (zh === undefined) problems.push(`${key}: missing`);
      else if (zh.trim() === '') problems.push(`${key}: empty`);
      else if (placeholders(zh).join() !== placeholders(en).join())
        problems.push(
          `${key}: {${placeholders(en).join(',')}} in en, {${placeholders(zh).join(',')}} in zh-CN`,
        );
    }
    for (const key of Object.keys(uiZh)) if (!(key in uiEn)) problems.push(`${key}: only in zh-CN`);
    expect(problems).toEqual([]);
  });
});
