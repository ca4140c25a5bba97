// @vitest-environment jsdom
/**
 * The lesson views in jsdom: the course page, the lesson panel and the checkpoint forms by their pinned
 * accessible names, driven by the keyboard, with axe-core finding nothing. Oracles: RFC 9293 figure 6 by
 * hand (B's SYN,ACK is relative seq 0, ack 1, len 0; a SYN occupies one sequence number) and the engine's
 * explanation sentence for the rule behind it (listen-syn, §3.10.7.2), read from the catalog.
 */
import '@testing-library/jest-dom/vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { loadLang } from '../../src/ui/i18n';
import { cleanupAfterEach, renderApp } from './helpers';

cleanupAfterEach();

async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false } },
    resultTypes: ['violations'],
  });
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${v.help}`));
}

// axe-core on the whole page takes seconds in jsdom, more on a shared machine.
describe('lessons in the page', { timeout: 30_000 }, () => {
  it('the course page lists the lessons with minutes and Start, and is axe-clean', async () => {
    renderApp('rfc9293-fig6');
    fireEvent.click(screen.getByRole('button', { name: 'Lessons' }));
    const dialog = await screen.findByRole('dialog', { name: 'Lessons' }, { timeout: 10_000 });
    const items = await within(dialog).findAllByRole('listitem');
    expect(items.length).toBe(7);
    expect(within(dialog).getByText('Opening a connection: the three-way handshake')).toBeInTheDocument();
    await waitFor(() => expect(within(dialog).getAllByText(/Not started/).length).toBe(7));
    expect(within(dialog).getAllByText(/\d+ min/).length).toBe(7);
    expect(await violations()).toEqual([]);
  });

  it('predict the next segment by keyboard: a miss names the wrong field and the rule, then right', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    await act(async () => {
      store.getState().setRelativeSeq(true);
      await store.getState().openLesson('handshake', 1, 4242);
    });
    const lesson = await screen.findByRole(
      'region',
      { name: 'Opening a connection: the three-way handshake' },
      { timeout: 10_000 },
    );
    expect(within(lesson).getByText('Step 2 of 7')).toBeInTheDocument();
    expect(within(lesson).getByText('Numbers: seed 4242')).toBeInTheDocument();
    // No question until the step reaches its checkpoint.
    expect(screen.queryByRole('form', { name: 'Predict the next segment' })).toBeNull();
    await user.click(within(lesson).getByRole('button', { name: 'Go to the question' }));
    const form = await screen.findByRole('form', { name: 'Predict the next segment' }, { timeout: 10_000 });
    // Flags by keyboard: Tab to SYN, Space; Tab to ACK, Enter.
    const syn = within(form).getByRole('button', { name: 'SYN' });
    syn.focus();
    await user.keyboard(' ');
    expect(syn).toHaveAttribute('aria-pressed', 'true');
    await user.tab();
    expect(within(form).getByRole('button', { name: 'ACK' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(within(form).getByRole('button', { name: 'ACK' })).toHaveAttribute('aria-pressed', 'true');
    expect(within(form).getByRole('button', { name: 'FIN' })).toHaveAttribute('aria-pressed', 'false');
    await user.type(within(form).getByLabelText('seq'), '0');
    await user.type(within(form).getByLabelText('ack'), '0');
    await user.type(within(form).getByLabelText('len'), '0{Enter}');
    const status = within(form).getByRole('status');
    expect(status).toHaveTextContent('Not quite.');
    expect(status).toHaveTextContent('ack is wrong');
    expect(status).toHaveTextContent('seq is right');
    // The hint is the rule's sentence and section, without the numbers.
    const rule = store.getState().lessonRun?.answer;
    expect(rule?.kind === 'next-segment' && rule.segment.explain).toBe('listen-syn');
    expect(status).toHaveTextContent('Hint: SYN arrives in LISTEN');
    expect(status).toHaveTextContent('RFC 9293 §3.10.7.2');
    expect(within(form).getByLabelText('ack')).toHaveAttribute('aria-invalid', 'true');
    expect(await violations()).toEqual([]);
    await user.clear(within(form).getByLabelText('ack'));
    await user.type(within(form).getByLabelText('ack'), '1{Enter}');
    expect(status).toHaveTextContent('Right!');
    expect(status).toHaveTextContent('The answer: B sends SYN,ACK seq=0 ack=1.');
    expect(store.getState().lessonRun?.progress).toMatchObject({ right: 1, asked: 1 });
    expect(await violations()).toEqual([]);
  });

  it('in Chinese: the pinned names, Show answer, and the answer with its rule', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    await act(async () => {
      store.getState().setLang('zh-CN');
      await loadLang('zh-CN');
      await store.getState().openLesson('handshake', 1, 7);
    });
    await user.click(await screen.findByRole('button', { name: '跳到问题' }, { timeout: 10_000 }));
    const form = await screen.findByRole('form', { name: '预测下一个报文段' }, { timeout: 10_000 });
    expect(within(form).getByRole('button', { name: '检查' })).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: '显示答案' }));
    const status = within(form).getByRole('status');
    expect(status).toHaveTextContent('答案：B 发送 SYN,ACK');
    expect(status).toHaveTextContent('RFC 9293 §3.10.7.2');
    expect(store.getState().lessonRun?.progress).toMatchObject({ right: 0, asked: 1 });
    expect(await violations()).toEqual([]);
  });

  it('the next-state form and the number form by their names', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    await act(async () => {
      await store.getState().openLesson('handshake', 0, 1);
    });
    await user.click(await screen.findByRole('button', { name: 'Go to the question' }, { timeout: 10_000 }));
    const form = await screen.findByRole('form', { name: 'Predict the next state' }, { timeout: 10_000 });
    await user.selectOptions(within(form).getByLabelText('B'), 'SYN-RECEIVED');
    await user.click(within(form).getByRole('button', { name: 'Check' }));
    expect(within(form).getByRole('status')).toHaveTextContent('Right!');
    expect(await violations()).toEqual([]);
    await act(async () => {
      await store.getState().goToStep(4);
    });
    await user.click(await screen.findByRole('button', { name: 'Go to the question' }, { timeout: 10_000 }));
    const question = "How many ms from A's connect() until both ends are ESTABLISHED?";
    const numberForm = await screen.findByRole('form', { name: question }, { timeout: 10_000 });
    // Figure 6 by hand: connect() at 10 ms, B ESTABLISHED when the ACK lands at 160 ms.
    await user.type(within(numberForm).getByRole('textbox', { name: question }), '150{Enter}');
    expect(within(numberForm).getByRole('status')).toHaveTextContent('Right!');
    expect(await violations()).toEqual([]);
  });

  it('Quiz me turns the scenario into one question per segment', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    const sends = store.getState().timeline.trace.events.filter((e) => e.type === 'send').length;
    await user.click(screen.getByRole('button', { name: 'Quiz me' }));
    const lesson = await screen.findByRole('region', { name: /^Quiz: / }, { timeout: 10_000 });
    expect(within(lesson).getByText(`Step 1 of ${sends}`)).toBeInTheDocument();
    expect(within(lesson).getByText('Numbers: as in the scenario')).toBeInTheDocument();
  });

  it('a step with a comparison draws both runs side by side, each under its title, axe-clean', async () => {
    const { store } = renderApp('rfc9293-fig6');
    await act(async () => {
      await store.getState().openLesson('why-three-way', 8, 5);
    });
    await screen.findByText('Step 9 of 9', {}, { timeout: 10_000 });
    const figure = await screen.findByRole('figure', { name: 'Side by side' }, { timeout: 10_000 });
    const diagrams = within(figure).getAllByTestId('ladder-svg');
    expect(diagrams.map((d) => d.getAttribute('aria-label'))).toEqual([
      'Sequence diagram: Two-way handshake and an old duplicate SYN',
      'Sequence diagram: Three-way handshake: the same old SYN',
    ]);
    // RFC 9293 §3.5: with two ways the old SYN opens a connection at B; with three it does not.
    const states = (d: Element) => [...d.querySelectorAll('.ld-state')].map((t) => t.textContent);
    expect(states(diagrams[0] as Element)).toContain('ESTABLISHED');
    expect(states(diagrams[1] as Element).slice(0, 4)).not.toContain('ESTABLISHED');
    expect(await violations()).toEqual([]);
  });
});
