// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { Term } from '../../src/ui/components/Term';
import { loadLang } from '../../src/ui/i18n';
import { cleanupAfterEach, freshStore } from './helpers';

cleanupAfterEach();

function setup() {
  const { store } = freshStore();
  render(
    <main className="app light">
      <p>
        Row <Term term="SND.UNA" /> and flag <Term term="SYN" />
      </p>
      <button type="button">elsewhere</button>
    </main>,
  );
  const term = screen.getByRole('button', { name: 'SND.UNA' });
  const tip = document.getElementById(term.getAttribute('aria-describedby') ?? '') as HTMLElement;
  return { store, term, tip, user: userEvent.setup() };
}

/** RFC 9293 Table 2 calls SND.UNA "send unacknowledged", and the table is in §3.3.1. */
const SND_UNA = /send unacknowledged.*RFC 9293 §3\.3\.1/s;

describe('<Term>', () => {
  it('is a button described by a tooltip that is hidden until asked for', () => {
    const { term, tip } = setup();
    expect(tip).toHaveAttribute('role', 'tooltip');
    expect(tip).not.toBeVisible();
    expect(term).toHaveTextContent(/^SND\.UNA$/);
    expect(term).toHaveAccessibleDescription(SND_UNA);
    // The definition is not part of the text around the term (a table cell reads "SND.UNA" only).
    expect(term.closest('p')?.textContent).toBe('Row SND.UNA and flag SYN');
  });

  it('opens on hover and closes shortly after the pointer leaves', async () => {
    const { term, tip, user } = setup();
    await user.hover(term);
    expect(tip).toBeVisible();
    expect(tip).toHaveTextContent(SND_UNA);
    await user.unhover(term);
    await waitFor(() => expect(tip).not.toBeVisible());
  });

  it('stays open while the pointer moves onto the tooltip', async () => {
    const { term, tip, user } = setup();
    await user.hover(term);
    await user.unhover(term);
    await user.hover(tip);
    await new Promise((r) => setTimeout(r, 250));
    expect(tip).toBeVisible();
  });

  it('opens on keyboard focus, closes on Esc (focus stays) and on blur', async () => {
    const { term, tip, user } = setup();
    await user.tab();
    expect(term).toHaveFocus();
    expect(tip).toBeVisible();
    await user.keyboard('{Escape}');
    expect(tip).not.toBeVisible();
    expect(term).toHaveFocus();
    // Enter opens it again (pinned), Tab moves on and closes it.
    await user.keyboard('{Enter}');
    expect(tip).toBeVisible();
    await user.tab();
    expect(term).not.toHaveFocus();
    expect(tip).not.toBeVisible();
  });

  it('opens on a tap, closes on a second tap or a tap elsewhere', async () => {
    const { term, tip, user } = setup();
    await user.pointer({ keys: '[TouchA]', target: term });
    expect(tip).toBeVisible();
    await user.pointer({ keys: '[TouchA]', target: term });
    expect(tip).not.toBeVisible();
    await user.pointer({ keys: '[TouchA]', target: term });
    expect(tip).toBeVisible();
    await user.pointer({ keys: '[TouchA]', target: screen.getByText(/^Row/) });
    expect(tip).not.toBeVisible();
  });

  it('a click pins it: it stays when the mouse leaves, until Esc', async () => {
    const { term, tip, user } = setup();
    await user.click(term);
    await user.unhover(term);
    await new Promise((r) => setTimeout(r, 250));
    expect(tip).toBeVisible();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(tip).not.toBeVisible();
  });

  it('shows one tooltip at a time', async () => {
    const { term, tip, user } = setup();
    const syn = screen.getByRole('button', { name: 'SYN' });
    const synTip = document.getElementById(syn.getAttribute('aria-describedby') ?? '') as HTMLElement;
    await user.click(term);
    await user.click(syn);
    expect(synTip).toBeVisible();
    expect(tip).not.toBeVisible();
    // RFC 9293 §3.1: "SYN: Synchronize sequence numbers."
    expect(synTip).toHaveTextContent(/synchronize sequence numbers.*RFC 9293 §3\.1$/is);
  });

  it('speaks the chosen language', async () => {
    const { store, term } = setup();
    await act(async () => {
      await loadLang('zh-CN');
      store.getState().setLang('zh-CN');
    });
    expect(term).toHaveAccessibleDescription(/已发送但未确认.*RFC 9293 §3\.3\.1/s);
  });

  it('has no axe violations, closed or open', async () => {
    const { term, user } = setup();
    const run = async () => (await axe.run(document.body)).violations.map((v) => v.id);
    expect(await run()).toEqual([]);
    await user.click(term);
    expect(await run()).toEqual([]);
  });
});
