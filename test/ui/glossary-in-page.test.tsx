// @vitest-environment jsdom
/**
 * Where the glossary shows on the page: every TCB row heading and state badge of the endpoint cards, the
 * inspector's field names, flags and changed variables are <Term>s whose description is their definition;
 * and the outcome line ("Final: …") appears only at the last event.
 */
import '@testing-library/jest-dom/vitest';
import { act, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inspector } from '../../src/ui/components/Inspector';
import { Timing } from '../../src/ui/components/Timing';
import { loadLang } from '../../src/ui/i18n';
import { RFC9293_LINES } from '../rfc9293';
import { cleanupAfterEach, freshStore, renderApp } from './helpers';

cleanupAfterEach();

/** The definition a term's tooltip gives, which must end with its RFC citation. */
function description(button: HTMLElement): string {
  const tip = document.getElementById(button.getAttribute('aria-describedby') ?? '');
  expect(tip, button.textContent ?? '').not.toBeNull();
  expect(tip).toHaveAttribute('role', 'tooltip');
  return tip?.textContent ?? '';
}

describe('terms on the page', () => {
  it("each endpoint card's TCB rows and state badge explain themselves", () => {
    renderApp('rfc9293-fig6');
    for (const name of ['A', 'B']) {
      const card = screen.getByRole('article', { name: new RegExp(`^${name}`) });
      const heads = [...card.querySelectorAll('.tcb th')] as HTMLElement[];
      expect(heads.map((th) => th.textContent)).toEqual([
        'SND.UNA',
        'SND.NXT',
        'SND.WND',
        'RCV.NXT',
        'RCV.WND',
        'ISS',
        'IRS',
        'RTO',
      ]);
      for (const th of heads) {
        const term = within(th).getByRole('button', { name: th.textContent ?? '' });
        const text = description(term);
        expect(text.startsWith(`${th.textContent}: `), text).toBe(true);
        expect(text).toMatch(th.textContent === 'RTO' ? /RFC 6298/ : /RFC 9293 §3\.3\.1/);
      }
      const badge = card.querySelector('.state-badge') as HTMLElement;
      expect(badge).toHaveTextContent(`State of ${name}: CLOSED`);
      expect(description(within(badge).getByRole('button', { name: 'CLOSED' }))).toMatch(
        /^CLOSED: no connection at all.*RFC 9293 §3\.3\.2$/,
      );
    }
  });

  it("the inspector's field names, flags and changed variables explain themselves", () => {
    const { store } = freshStore('rfc9293-fig6');
    render(<Inspector />);
    act(() => store.getState().select(1));
    const header = screen.getByRole('table', { name: 'Header' });
    for (const field of [
      'Source port',
      'Destination port',
      'Sequence number',
      'Acknowledgment number',
      'Flags',
      'Window',
      'Payload',
    ]) {
      expect(description(within(header).getByRole('button', { name: field }))).toMatch(/RFC 9293 §3\.1$/);
    }
    // Times are the simulator's, not header fields: plain text.
    expect(within(header).queryByRole('button', { name: 'Sent at' })).toBeNull();
    expect(description(within(header).getByRole('button', { name: 'SYN' }))).toMatch(
      /^SYN: synchronize sequence numbers/,
    );
    const changes = screen.getByRole('heading', { name: 'What changed in B' }).parentElement as HTMLElement;
    expect(description(within(changes).getByRole('button', { name: 'IRS' }))).toMatch(
      /initial receive sequence number/,
    );
    expect(description(within(changes).getByRole('button', { name: 'SYN-RECEIVED' }))).toMatch(
      /RFC 9293 §3\.3\.2$/,
    );
  });

  it('in Chinese the definitions are Chinese and the names stay as in the RFC', async () => {
    const { store } = renderApp('rfc9293-fig6');
    await act(async () => {
      await loadLang('zh-CN');
      store.getState().setLang('zh-CN');
    });
    const card = document.querySelector('.endpoint-A') as HTMLElement;
    const una = within(card).getByRole('button', { name: 'SND.UNA' });
    expect(description(una)).toMatch(/^SND\.UNA：.*已发送但未确认.*RFC 9293 §3\.3\.1$/);
  });
});

describe('the outcome line', () => {
  // The oracle: the last line of RFC 9293 figure 6 gives both peers' final states.
  const figure6 = RFC9293_LINES.findIndex((l) => l.includes('Figure 6: Basic Three-Way Handshake'));
  const lastLine = [...RFC9293_LINES.slice(0, figure6)].reverse().find((l) => /^\s+\d\.\s/.test(l)) ?? '';
  const [, finalA, finalB] = /^\s+\d\.\s+(\S+).*\s(\S+)\s*$/.exec(lastLine) ?? [];

  function setup() {
    const { store } = freshStore('rfc9293-fig6');
    render(<Timing />);
    const line = document.querySelector('.final') as HTMLElement;
    return { store, line };
  }

  it('is not shown at the start, nor before the last event', () => {
    const { store, line } = setup();
    expect(store.getState().cursor).toBe(-1);
    expect(line).toBeEmptyDOMElement();
    expect(screen.queryByText(/Final/)).toBeNull();
    const last = store.getState().timeline.trace.events.length - 1;
    for (const i of [0, Math.floor(last / 2), last - 1]) {
      act(() => store.getState().seek(i));
      expect(line, `event ${i}`).toBeEmptyDOMElement();
    }
  });

  it('appears at the last event with both final states, and goes again when stepping back', () => {
    const { store, line } = setup();
    expect([finalA, finalB]).toEqual(['ESTABLISHED', 'ESTABLISHED']);
    act(() => store.getState().toEnd());
    expect(line).toHaveTextContent(`Final: A ${finalA}, B ${finalB}`);
    act(() => store.getState().step(-1));
    expect(line).toBeEmptyDOMElement();
    act(() => store.getState().toStart());
    expect(line).toBeEmptyDOMElement();
  });

  it('reads naturally in Chinese', async () => {
    const { store, line } = setup();
    await act(async () => {
      await loadLang('zh-CN');
      store.getState().setLang('zh-CN');
      store.getState().toEnd();
    });
    expect(line).toHaveTextContent(`最终状态：A ${finalA}，B ${finalB}`);
  });
});
