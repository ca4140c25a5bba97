// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
/**
 * The statistics lab in the page (jsdom: the runner works on the page's thread, in slices). Oracles: the
 * engine's runMonteCarlo for the numbers shown, the lab's catalog for the wording (en and zh-CN), axe-core.
 */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { statsEn, statsZh } from '../../src/i18n/stats';
import { runMonteCarlo } from '../../src/tcp/montecarlo';
import { StatsLab } from '../../src/ui/components/StatsLab';
import { loadLang } from '../../src/ui/i18n';
import { cleanupAfterEach, freshStore, renderApp, stubMatchMedia } from './helpers';

cleanupAfterEach();

async function axeViolations(): Promise<string[]> {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false } },
    resultTypes: ['violations'],
  });
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

const ms = (n: number) => `${n.toLocaleString('en', { maximumFractionDigits: 3 })} ms`;

describe('the statistics lab', () => {
  it('runs N lifecycles with progress; shows sim montecarlo’s figures and the command that prints them', async () => {
    stubMatchMedia();
    freshStore();
    const user = userEvent.setup();
    render(<StatsLab lossRate={0.3} profile="linux" runs={4000} seed={5} />);
    // Before a run: the expectation alone, and a prompt to predict.
    expect(screen.getByRole('status')).toHaveTextContent(statsEn.beforeRun);
    expect(screen.getByRole('button', { name: statsEn.exportCsv })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: statsEn.run }));
    expect(screen.getByRole('progressbar', { name: statsEn.progressLabel })).toHaveAttribute(
      'aria-valuemax',
      '4000',
    );
    expect(screen.getByRole('button', { name: statsEn.cancel })).toBeEnabled();
    await screen.findByText('4,000 lifecycles done.', {}, { timeout: 30_000 });
    expect(screen.queryByRole('progressbar')).toBeNull();

    const oracle = runMonteCarlo({ runs: 4000, lossRate: 0.3, profile: 'linux', seed: 5 });
    const summary = screen.getByRole('table', { name: statsEn.summaryCaption });
    const row = (name: string) => within(summary).getByRole('row', { name: new RegExp(`^${name} `) });
    expect(row('mean')).toHaveTextContent(ms(oracle.setupMs.mean));
    expect(row('p50')).toHaveTextContent(ms(oracle.setupMs.p50));
    expect(row('p90')).toHaveTextContent(ms(oracle.setupMs.p90));
    expect(row('p99')).toHaveTextContent(ms(oracle.setupMs.p99));
    expect(screen.getByTestId('stats-cli')).toHaveTextContent(
      'npm run sim -- montecarlo --runs 4000 --loss 0.3 --profile linux --seed 5',
    );
    // The table view holds the same runs as the histogram, one row per setup time.
    await user.click(screen.getByRole('button', { name: statsEn.showTable }));
    const table = screen.getByRole('table', { name: statsEn.tableCaption });
    expect(within(table).getByRole('row', { name: /^100 ms / })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: statsEn.exportCsv })).toBeEnabled();
    expect(await axeViolations()).toEqual([]);
  }, 60_000);

  it('Cancel stops a run and says so; the inputs work again', async () => {
    stubMatchMedia();
    freshStore();
    const user = userEvent.setup();
    render(<StatsLab lossRate={0.1} runs={1_000_000} />);
    await user.click(screen.getByRole('button', { name: statsEn.run }));
    await screen.findByRole('progressbar');
    await user.click(screen.getByRole('button', { name: statsEn.cancel }));
    expect(await screen.findByText(statsEn.cancelled)).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByLabelText(statsEn.runs)).toBeEnabled();
  });

  it('bad inputs get a message naming the field; Run waits until they are fixed', async () => {
    stubMatchMedia();
    freshStore();
    const user = userEvent.setup();
    render(<StatsLab />);
    const loss = screen.getByLabelText(statsEn.lossRate);
    await user.clear(loss);
    await user.type(loss, '1.5');
    const runs = screen.getByLabelText(statsEn.runs);
    await user.clear(runs);
    await user.type(runs, '0');
    expect(loss).toHaveAttribute('aria-invalid', 'true');
    expect(loss).toHaveAccessibleDescription(/Loss rate must be a probability from 0 to 1 .*not “1\.5”/);
    expect(runs).toHaveAccessibleDescription(/Runs must be a whole number of at least 1, not “0”/);
    expect(screen.getByRole('button', { name: statsEn.run })).toBeDisabled();
    await user.clear(runs);
    await user.type(runs, '2000000');
    expect(runs).toHaveAccessibleDescription(/Runs must be at most 1,000,000 here/);
    await user.clear(loss);
    await user.type(loss, '10%');
    await user.clear(runs);
    await user.type(runs, '500');
    expect(screen.getByRole('button', { name: statsEn.run })).toBeEnabled();
    expect(await axeViolations()).toEqual([]);
  });

  it('speaks Chinese: labels, errors and the progress', async () => {
    stubMatchMedia();
    const { store } = freshStore();
    await loadLang('zh-CN');
    act(() => store.getState().setLang('zh-CN'));
    const user = userEvent.setup();
    render(<StatsLab runs={300} />);
    const seed = screen.getByLabelText(statsZh.seed);
    await user.clear(seed);
    await user.type(seed, 'abc');
    expect(seed).toHaveAccessibleDescription(/种子必须是 0 到 4294967295 之间的整数，而不是“abc”。/);
    await user.clear(seed);
    await user.type(seed, '3');
    await user.click(screen.getByRole('button', { name: statsZh.run }));
    expect(await screen.findByText('已完成 300 次生命周期。', {}, { timeout: 30_000 })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: statsZh.summaryCaption })).toHaveTextContent('毫秒');
  }, 60_000);

  it('the Header’s Statistics button opens it as a dialog, defaulting to the scenario’s profile', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    act(() => store.getState().setProfile('linux'));
    await user.click(screen.getByRole('button', { name: 'Statistics' }));
    const dialog = await screen.findByRole('dialog', { name: statsEn.title });
    expect(within(dialog).getByLabelText(statsEn.profile)).toHaveValue('linux');
    // The preset has no loss: the lab starts at the loss lesson's 10 %.
    expect(within(dialog).getByLabelText(statsEn.lossRate)).toHaveValue('0.1');
    await user.click(within(dialog).getByRole('button', { name: statsEn.close }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Statistics' })).toHaveFocus();
  });
});
