// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppStore, createAppStore, setAppStore } from '../../src/store';
import { Ladder } from '../../src/ui/components/Ladder';

let store: AppStore;

beforeEach(() => {
  store = createAppStore({ initialPreset: 'rfc9293-fig6', languages: ['en'] });
  setAppStore(store);
});

afterEach(cleanup);

const segments = () => screen.queryAllByRole('button');
const seek = (n: number) => act(() => store.getState().seek(n));

describe('<Ladder>', () => {
  it('is a captioned figure with a self-contained SVG', () => {
    render(<Ladder />);
    expect(screen.getByRole('figure', { name: 'Sequence diagram' })).toBeTruthy();
    const svg = screen.getByTestId('ladder-svg');
    expect(svg.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(svg.getAttribute('role')).toBe('group');
    expect(svg.classList.contains('ladder-svg')).toBe(true);
    expect(svg.querySelector('style')?.textContent).toContain('var(--a, #1f5fd1)');
    expect(svg.textContent).toContain('A');
  });

  it('grows with the cursor', () => {
    render(<Ladder />);
    expect(segments()).toHaveLength(0);
    const counts: number[] = [];
    const events = store.getState().timeline.trace.events;
    for (let i = 0; i < events.length; i++) {
      seek(i);
      counts.push(segments().length);
      const sent = events.slice(0, i + 1).filter((e) => e.type === 'send').length;
      expect(segments()).toHaveLength(sent);
    }
    expect(counts[counts.length - 1]).toBe(5);
    seek(-1);
    expect(segments()).toHaveLength(0);
  });

  it('labels each arrow with its segment and writes states beside the lifelines', () => {
    render(<Ladder />);
    seek(21);
    const svg = screen.getByTestId('ladder-svg');
    expect(svg.textContent).toContain('SYN,ACK seq=300 ack=101');
    expect(svg.textContent).toContain('ESTABLISHED');
    expect(screen.getByRole('button', { name: /^SYN,ACK seq=300 ack=101, #2 B → A/ })).toBeTruthy();
  });

  it('selects a segment on click', () => {
    render(<Ladder />);
    seek(21);
    fireEvent.click(screen.getByRole('button', { name: /, #3 [AB] → / }));
    expect(store.getState().selectedId).toBe(3);
    expect(screen.getByRole('button', { name: /, #3 [AB] → / }).getAttribute('aria-pressed')).toBe('true');
  });

  it('selects a focused segment with Enter or Space', () => {
    render(<Ladder />);
    seek(21);
    const second = screen.getByRole('button', { name: /, #2 [AB] → / });
    second.focus();
    expect(document.activeElement).toBe(second);
    fireEvent.keyDown(second, { key: 'Enter' });
    expect(store.getState().selectedId).toBe(2);
    const fourth = screen.getByRole('button', { name: /, #4 [AB] → / });
    fireEvent.keyDown(fourth, { key: ' ' });
    expect(store.getState().selectedId).toBe(4);
  });

  it('selects a segment when its label is clicked, and hides the labels from assistive tech (the buttons say it all)', () => {
    render(<Ladder />);
    seek(21);
    const label = screen.getByTestId('ladder-svg').querySelector('text[data-label-for="2"]');
    expect(label?.textContent).toBe('SYN,ACK seq=300 ack=101');
    fireEvent.click(label as Element);
    expect(store.getState().selectedId).toBe(2);
    expect(label?.closest('[aria-hidden="true"]')).not.toBeNull();
  });

  it('marks a lost segment and tags the retransmission', () => {
    act(() => store.getState().loadPreset('lost-syn'));
    render(<Ladder />);
    seek(store.getState().timeline.trace.events.length - 1);
    expect(screen.getByRole('button', { name: /#1 A → B.*lost/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^SYN seq=\d+ retransmission, #2 / })).toBeTruthy();
    expect(screen.getByTestId('ladder-svg').textContent).toContain('950 ms later');
  });
});
