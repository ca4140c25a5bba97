// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { cleanupAfterEach, renderApp } from './helpers';

cleanupAfterEach();

const controls = () => within(screen.getByRole('region', { name: 'Playback' }));
const button = (name: string | RegExp) => controls().getByRole('button', { name });
const scrubber = () => controls().getByRole('slider');
const position = () => controls().getByText(/^(Event \d+ of \d+|Before the first event)$/);

describe('<Controls>', () => {
  it('Play toggles playing and its label, and playing advances the cursor', async () => {
    const { store } = renderApp();
    const play = button('Play');
    expect(play).toHaveAttribute('aria-pressed', 'false');
    act(() => store.getState().setSpeed(4));
    fireEvent.click(play);
    expect(store.getState().playing).toBe(true);
    expect(button('Pause')).toHaveAttribute('aria-pressed', 'true');
    expect(controls().queryByRole('button', { name: 'Play' })).toBeNull();
    await waitFor(() => expect(store.getState().cursor).toBeGreaterThanOrEqual(1), { timeout: 2000 });
    fireEvent.click(button('Pause'));
    expect(store.getState().playing).toBe(false);
    const stoppedAt = store.getState().cursor;
    expect(button('Play')).toHaveAttribute('aria-pressed', 'false');
    await new Promise((r) => setTimeout(r, 250));
    expect(store.getState().cursor).toBe(stoppedAt);
  });

  it('step forward / back move the cursor one event and update the position text and clock', () => {
    const { store } = renderApp();
    const total = store.getState().timeline.trace.events.length;
    expect(position()).toHaveTextContent('Before the first event');
    expect(scrubber()).toHaveAttribute('aria-valuetext', 'Before the first event');
    for (let i = 0; i < 6; i++) fireEvent.click(button('Step forward'));
    expect(store.getState().cursor).toBe(5);
    expect(position()).toHaveTextContent(`Event 6 of ${total}`);
    expect(scrubber()).toHaveValue('5');
    // event 5 is A's SYN at t=10
    expect(controls().getByRole('status', { name: 'Simulated clock' })).toHaveTextContent('t = 10 ms');
    fireEvent.click(button('Step back'));
    expect(store.getState().cursor).toBe(4);
    fireEvent.click(button('Step back'));
    expect(position()).toHaveTextContent(`Event 4 of ${total}`);
  });

  it('step back stops before the first event and step forward at the last event', () => {
    const { store } = renderApp();
    const last = store.getState().timeline.trace.events.length - 1;
    fireEvent.click(button('Step back'));
    expect(store.getState().cursor).toBe(-1);
    fireEvent.click(button('Go to end'));
    fireEvent.click(button('Step forward'));
    expect(store.getState().cursor).toBe(last);
  });

  it('Go to end / Go to start jump to the last event and before the first', () => {
    const { store } = renderApp();
    const events = store.getState().timeline.trace.events;
    fireEvent.click(button('Go to end'));
    expect(store.getState().cursor).toBe(events.length - 1);
    expect(position()).toHaveTextContent(`Event ${events.length} of ${events.length}`);
    expect(controls().getByRole('status', { name: 'Simulated clock' })).toHaveTextContent(
      `t = ${events[events.length - 1]?.t} ms`,
    );
    fireEvent.click(button('Go to start'));
    expect(store.getState().cursor).toBe(-1);
    expect(position()).toHaveTextContent('Before the first event');
  });

  it('the range input scrubs to any event', () => {
    const { store } = renderApp();
    const total = store.getState().timeline.trace.events.length;
    expect(scrubber()).toHaveAttribute('min', '-1');
    expect(scrubber()).toHaveAttribute('max', String(total - 1));
    fireEvent.change(scrubber(), { target: { value: '13' } });
    expect(store.getState().cursor).toBe(13);
    expect(scrubber()).toHaveAttribute('aria-valuetext', `Event 14 of ${total}`);
    fireEvent.change(scrubber(), { target: { value: '-1' } });
    expect(store.getState().cursor).toBe(-1);
  });

  it('the speed select sets the speed', async () => {
    const user = userEvent.setup();
    const { store } = renderApp();
    const select = controls().getByRole('combobox', { name: /^Speed/ });
    expect(select).toHaveValue('1');
    await user.selectOptions(select, '4');
    expect(store.getState().speed).toBe(4);
    await user.selectOptions(select, '0.25');
    expect(store.getState().speed).toBe(0.25);
    expect(select).toHaveValue('0.25');
  });

  it('keyboard: space toggles play, ←/→ step, Home/End jump (keys on the window)', () => {
    const { store } = renderApp();
    const last = store.getState().timeline.trace.events.length - 1;
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(store.getState().cursor).toBe(1);
    fireEvent.keyDown(window, { key: 'ArrowLeft' });
    expect(store.getState().cursor).toBe(0);
    fireEvent.keyDown(window, { key: 'End' });
    expect(store.getState().cursor).toBe(last);
    fireEvent.keyDown(window, { key: 'Home' });
    expect(store.getState().cursor).toBe(-1);
    fireEvent.keyDown(window, { key: ' ' });
    expect(store.getState().playing).toBe(true);
    expect(button('Pause')).toBeInTheDocument();
    fireEvent.keyDown(window, { key: ' ' });
    expect(store.getState().playing).toBe(false);
    // stepping pauses playback
    fireEvent.keyDown(window, { key: ' ' });
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(store.getState().playing).toBe(false);
  });

  it('keyboard via user-event on the page body; Ctrl+Z undoes and Ctrl+Shift+Z redoes', async () => {
    const user = userEvent.setup();
    const { store } = renderApp();
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(store.getState().cursor).toBe(2);
    await user.keyboard('{End}');
    expect(store.getState().cursor).toBe(store.getState().timeline.trace.events.length - 1);
    await user.keyboard('{Home}');
    expect(store.getState().cursor).toBe(-1);
    act(() => store.getState().crash('B'));
    expect(store.getState().scenario.faults).toHaveLength(1);
    await user.keyboard('{Control>}z{/Control}');
    expect(store.getState().scenario.faults ?? []).toHaveLength(0);
    await user.keyboard('{Control>}{Shift>}Z{/Shift}{/Control}');
    expect(store.getState().scenario.faults).toHaveLength(1);
  });

  it('keys typed into a text input, a textarea or a select do not trigger shortcuts', () => {
    const { store } = renderApp();
    const input = document.createElement('input');
    input.type = 'text';
    const textarea = document.createElement('textarea');
    document.body.append(input, textarea);
    try {
      for (const target of [input, textarea, controls().getByRole('combobox', { name: /^Speed/ })]) {
        fireEvent.keyDown(target, { key: 'ArrowRight' });
        fireEvent.keyDown(target, { key: 'End' });
        fireEvent.keyDown(target, { key: ' ' });
        expect(store.getState()).toMatchObject({ cursor: -1, playing: false });
      }
    } finally {
      input.remove();
      textarea.remove();
    }
  });

  it('space on a focused button activates that button instead of toggling play', async () => {
    const user = userEvent.setup();
    const { store } = renderApp();
    button('Step forward').focus();
    await user.keyboard(' ');
    expect(store.getState()).toMatchObject({ cursor: 0, playing: false });
  });

  // Space on a focused <summary> must open its <details>, not toggle playback.
  it('space on a focused <summary> opens its details instead of toggling play', () => {
    const { store } = renderApp();
    const summary = controls().getByText('Keyboard shortcuts');
    summary.focus();
    const notPrevented = fireEvent.keyDown(summary, { key: ' ' });
    expect(store.getState().playing).toBe(false);
    expect(notPrevented).toBe(true);
  });

  it('arrow keys on the focused scrubber are left to the slider (no double step)', () => {
    const { store } = renderApp();
    fireEvent.keyDown(scrubber(), { key: 'ArrowRight' });
    fireEvent.keyDown(scrubber(), { key: 'End' });
    expect(store.getState().cursor).toBe(-1);
  });

  it('lists the shortcuts in a <details> that opens on its summary', async () => {
    const user = userEvent.setup();
    renderApp();
    const summary = controls().getByText('Keyboard shortcuts');
    const details = summary.closest('details') as HTMLDetailsElement;
    expect(details).not.toBeNull();
    expect(summary).toBeVisible();
    const items = within(details).getAllByRole('listitem', { hidden: true });
    expect(items.map((li) => li.textContent)).toEqual([
      'Space: play / pause',
      '← / →: step back / forward',
      'Presenter mode: PageDown / PageUp (what a presentation clicker sends) step forward / back',
      'Home / End: first / last event',
      'Ctrl+Z / Ctrl+Shift+Z: undo / redo',
    ]);
    expect(items[0]).not.toBeVisible();
    await user.click(summary);
    expect(details.open).toBe(true);
    expect(items[0]).toBeVisible();
  });
});
