// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
/**
 * The page while a long run builds (ComputeStatus): a named progress bar with a Cancel, the previous
 * scenario still on screen and usable; after Cancel, a status saying nothing changed; a note when the page
 * shows only its first 200,000 events. In en and zh-CN, and axe-clean. Oracle: the store's own state (what
 * is running, what is shown) and the catalogs' wording.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { oneByteFlood } from '../../bench/scenarios';
import { loadLang } from '../../src/ui/i18n';
import { cleanupAfterEach, renderApp } from './helpers';

cleanupAfterEach();

async function axeViolations(): Promise<string[]> {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false } },
    resultTypes: ['violations'],
  });
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

const enormous = (maxEvents: number) => oneByteFlood(maxEvents);

// The runner, its jobs and ComputeStatus load lazily; their first, cold import on a loaded machine can
// outlast findBy's wait, and loading them is not what is tested here.
beforeAll(async () => {
  await Promise.all([
    import('../../src/store/runner'),
    import('../../src/store/jobs'),
    import('../../src/ui/components/ComputeStatus'),
  ]);
});

describe('a long run in the page', () => {
  it('shows a progress bar and a Cancel; the page keeps its scenario; Cancel says nothing changed', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    const title = screen.getByText('RFC 9293 Figure 6: basic three-way handshake', {
      selector: '.scenario-title',
    });
    act(() => store.getState().edit(enormous(1_000_000)));
    // ComputeStatus is loaded the first time it has something to say.
    const bar = await screen.findByRole(
      'progressbar',
      { name: 'Simulation in progress' },
      { timeout: 10_000 },
    );
    expect(bar).toHaveAttribute('aria-valuemin', '0');
    expect(document.querySelector('.compute-status') as HTMLElement).toHaveTextContent(
      'Running the simulation',
    );
    expect(title).toHaveTextContent('RFC 9293 Figure 6');
    expect(await axeViolations()).toEqual([]);
    // The page is still the old one: stepping works.
    await user.keyboard('{ArrowRight}');
    expect(store.getState().cursor).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(document.querySelector('.compute-status') as HTMLElement).toHaveTextContent(
      'Cancelled. The page still shows the scenario it had.',
    );
    expect(store.getState().scenario.name).not.toBe('Enormous');
  });

  it('in Chinese', async () => {
    await loadLang('zh-CN');
    const { store } = renderApp('rfc9293-fig6');
    act(() => store.getState().setLang('zh-CN'));
    act(() => store.getState().edit(enormous(1_000_000)));
    expect(
      await screen.findByRole('progressbar', { name: '模拟进行中' }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(document.querySelector('.compute-status') as HTMLElement).toHaveTextContent('正在运行模拟');
    expect(screen.getByRole('button', { name: '取消' })).toBeInTheDocument();
    act(() => store.getState().cancelComputing());
    expect(document.querySelector('.compute-status') as HTMLElement).toHaveTextContent('已取消');
  });

  it('a run past the page limit opens at its first 200,000 events, with a note', async () => {
    const { store } = renderApp('rfc9293-fig6');
    act(() => store.getState().edit(enormous(1_000_000)));
    await act(() => store.getState().idle());
    const note = document.querySelector('.page-limit') as HTMLElement;
    expect(note).not.toBeNull();
    expect(within(note).getByText(/first 200,000 events/)).toBeInTheDocument();
    expect(note).toHaveTextContent('allows 1,000,000 (options.maxEvents)');
    expect(store.getState().timeline.trace.events).toHaveLength(200_000);
  }, 120_000);
});
