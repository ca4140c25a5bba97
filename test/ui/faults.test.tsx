// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AppStore } from '../../src/store';
import type { SendEvent } from '../../src/tcp/types';
import { cleanupAfterEach, eventIndex, renderApp } from './helpers';

cleanupAfterEach();

const faults = () => within(screen.getByRole('region', { name: 'Faults and calls' }));
const wire = () => within(screen.getByRole('region', { name: 'Segments in flight between A and B' }));
const sends = (store: AppStore) =>
  store.getState().timeline.trace.events.filter((e): e is SendEvent => e.type === 'send');
/**
 * The network sliders in order (loss, latency, jitter). Found by position, not by name: each <label> wraps an
 * <output> outside the <label>: an <output> is labelable and would otherwise take the slider's label.
 */
const sliders = () => within(screen.getByRole('group', { name: 'Network' })).getAllByRole('slider');
/** The cursor on B entering ESTABLISHED in figure 6 (t = 160). */
const afterHandshake = (store: AppStore) =>
  eventIndex(store, (e) => e.type === 'state' && e.endpoint === 'B' && e.to === 'ESTABLISHED');

describe('fault buttons', () => {
  it('"Stale SYN from A" injects an old SYN just after the cursor, and B answers it', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    const cursor = afterHandshake(store);
    act(() => store.getState().seek(cursor));
    const trace = store.getState().timeline.trace;
    await user.click(faults().getByRole('button', { name: 'Stale SYN from A' }));
    const s = store.getState();
    expect(s.scenario.faults).toEqual([
      { inject: { at: 160.001, from: 'A', segment: { seq: (100 - 1000) >>> 0, flags: ['SYN'] } } },
    ]);
    expect(s.timeline.trace).not.toBe(trace);
    expect(s.cursor).toBe(cursor);
    expect(s.presetName).toBeNull();
    const injected = sends(store).filter((e) => e.injected);
    expect(injected).toHaveLength(1);
    expect(injected[0]?.segment).toMatchObject({ seq: 4294966396, flags: ['SYN'] });
    // the stale SYN reaches B, which is ESTABLISHED and must say something (a challenge ACK or similar)
    expect(
      s.timeline.trace.events.some((e) => e.type === 'deliver' && e.id === injected[0]?.id && e.to === 'B'),
    ).toBe(true);
    expect(sends(store).length).toBeGreaterThan(trace.events.filter((e) => e.type === 'send').length + 1);
    expect(screen.getByRole('button', { name: 'Undo' })).toBeEnabled();
  });

  it('an injected segment on the wire cannot be dropped', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    act(() => store.getState().seek(afterHandshake(store)));
    await user.click(faults().getByRole('button', { name: 'Stale SYN from A' }));
    const injected = sends(store).find((e) => e.injected) as SendEvent;
    act(() => store.getState().seek(store.getState().timeline.trace.events.indexOf(injected)));
    const pill = wire().getByRole('button', { name: `SYN seq=4294966396 #${injected.id}` });
    expect(pill).toBeDisabled();
  });

  it('"Crash B" adds a crash fault and the trace shows B crashing', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    act(() => store.getState().seek(afterHandshake(store)));
    await user.click(faults().getByRole('button', { name: 'Crash B' }));
    expect(store.getState().scenario.faults).toEqual([{ crash: { at: 160.001, endpoint: 'B' } }]);
    const crashAt = eventIndex(store, (e) => e.type === 'crash');
    expect(store.getState().timeline.trace.events[crashAt]).toMatchObject({ endpoint: 'B', t: 160.001 });
    // A's data (sent at 200) now reaches a B that forgot the connection
    expect(store.getState().timeline.trace.final.A.state).not.toBe('ESTABLISHED');
  });

  it('"A: close" adds a close call and A starts the teardown', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    act(() => store.getState().toEnd());
    const actions = store.getState().scenario.actions.length;
    await user.click(faults().getByRole('button', { name: 'A: close' }));
    const s = store.getState();
    expect(s.scenario.actions).toHaveLength(actions + 1);
    expect(s.scenario.actions.at(-1)).toEqual({ at: 300.001, endpoint: 'A', call: 'close' });
    expect(
      s.timeline.trace.events.some((e) => e.type === 'state' && e.endpoint === 'A' && e.to === 'FIN-WAIT-1'),
    ).toBe(true);
    expect(sends(store).some((e) => e.from === 'A' && e.segment.flags.includes('FIN'))).toBe(true);
  });

  it('before the first event a call happens at t = 0', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    await user.click(faults().getByRole('button', { name: 'B: abort' }));
    expect(store.getState().scenario.actions.at(-1)).toEqual({ at: 0, endpoint: 'B', call: 'abort' });
  });
});

describe('network sliders', () => {
  it('dragging the loss slider edits a draft; releasing commits one undoable change', () => {
    const { store } = renderApp('rfc9293-fig6');
    const [loss] = sliders() as [HTMLInputElement];
    const scenario = store.getState().scenario;
    fireEvent.change(loss, { target: { value: '0.1' } });
    fireEvent.change(loss, { target: { value: '0.3' } });
    expect(faults().getByText('30 %')).toBeInTheDocument();
    expect(store.getState().scenario).toBe(scenario);
    fireEvent.pointerUp(loss);
    expect(store.getState().scenario.network?.lossRate).toBe(0.3);
    expect(store.getState().timeline.trace.scenario.network.lossRate).toBe(0.3);
    expect(store.getState().past).toHaveLength(1);
    // releasing again (key up, blur) without a change records nothing more
    fireEvent.keyUp(loss);
    fireEvent.blur(loss);
    expect(store.getState().past).toHaveLength(1);
    // keyboard: a change then key up commits a second entry
    fireEvent.change(loss, { target: { value: '0' } });
    fireEvent.keyUp(loss, { key: 'ArrowLeft' });
    expect(store.getState().scenario.network?.lossRate).toBe(0);
    expect(store.getState().past).toHaveLength(2);
  });

  it('each slider is named by its label', () => {
    renderApp('rfc9293-fig6');
    expect(sliders().map((input) => (input as HTMLInputElement).labels?.length)).toEqual([1, 1, 1]);
    expect(faults().getByRole('slider', { name: /^Loss/ })).toBeInTheDocument();
  });

  it('the slider follows undo', () => {
    const { store } = renderApp('rfc9293-fig6');
    const latency = sliders()[1] as HTMLInputElement;
    const before = latency.value;
    fireEvent.change(latency, { target: { value: '200' } });
    fireEvent.pointerUp(latency);
    expect(store.getState().scenario.network?.latencyMs).toBe(200);
    expect(sends(store)[0]?.arriveAt).toBe(210);
    act(() => store.getState().undo());
    expect(latency).toHaveValue(before);
    expect(faults().getByText(`${before} ms`)).toBeInTheDocument();
  });
});

describe('dropping a segment on the wire', () => {
  it('clicking a segment in flight drops it and a retransmission appears', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    expect(wire().getByText('nothing in flight')).toBeInTheDocument();
    const synSent = eventIndex(store, (e) => e.type === 'send' && e.id === 1);
    act(() => store.getState().seek(synSent));
    const pill = wire().getByRole('button', { name: /Drop segment/ });
    // label in name: what the pill shows first, then what clicking does
    expect(pill).toHaveAccessibleName('SYN seq=100 — Drop segment #1 (SYN seq=100)');
    expect(sends(store).some((e) => e.retransmission)).toBe(false);
    await user.click(pill);
    const s = store.getState();
    expect(s.scenario.faults).toEqual([{ drop: { from: 'A', flags: ['SYN'], nth: 1, count: 1 } }]);
    expect(s.past).toHaveLength(1);
    expect(s.cursor).toBe(synSent);
    expect(s.timeline.trace.events.some((e) => e.type === 'drop' && e.id === 1)).toBe(true);
    const rtx = sends(store).filter((e) => e.retransmission);
    expect(rtx[0]).toMatchObject({ from: 'A', segment: { seq: 100, flags: ['SYN'] } });
    // the connection still completes
    expect(s.timeline.trace.final).toMatchObject({
      A: { state: 'ESTABLISHED' },
      B: { state: 'ESTABLISHED' },
    });
  });

  it('a segment arriving at the cursor is shown but cannot be dropped any more', () => {
    const { store } = renderApp('rfc9293-fig6');
    act(() => store.getState().seek(eventIndex(store, (e) => e.type === 'deliver' && e.id === 1)));
    expect(wire().queryByRole('button', { name: /Drop segment/ })).toBeNull();
    expect(wire().getByRole('button', { name: 'SYN seq=100 #1' })).toBeDisabled();
  });
});
