// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { type AppStore, createAppStore, setAppStore } from '../../src/store';
import type { StateEvent } from '../../src/tcp/types';
import { StateDiagram } from '../../src/ui/components/StateDiagram';
import { loadLang } from '../../src/ui/i18n';

afterEach(cleanup);

function setup(preset: string): { store: AppStore; container: HTMLElement } {
  const store = createAppStore({ initialPreset: preset });
  setAppStore(store);
  const { container } = render(<StateDiagram />);
  return { store, container };
}

const node = (c: HTMLElement, id: string) => c.querySelector(`[data-node="${id}"]`) as Element;
const lit = (c: HTMLElement) =>
  [...c.querySelectorAll('[data-lit]')].map(
    (e) => `${e.getAttribute('data-edge') ?? e.getAttribute('data-offfigure')}:${e.getAttribute('data-lit')}`,
  );

/** Index of the first state event matching, to seek the cursor there. */
function indexOf(store: AppStore, match: (e: StateEvent) => boolean): number {
  const i = store.getState().timeline.trace.events.findIndex((e) => e.type === 'state' && match(e));
  expect(i).toBeGreaterThanOrEqual(0);
  return i;
}

describe('StateDiagram', () => {
  it('before anything happens both endpoints stand in the top CLOSED box and nothing is lit', () => {
    const { container } = setup('rfc9293-fig6');
    expect(node(container, 'CLOSED').getAttribute('data-current')).toBe('A B');
    expect(node(container, 'CLOSED-end').hasAttribute('data-current')).toBe(false);
    expect(lit(container)).toEqual([]);
    expect(container.querySelectorAll('[data-node]')).toHaveLength(12);
    expect(container.querySelectorAll('[data-edge]')).toHaveLength(20);
  });

  it('figure 6: at the end both are ESTABLISHED, each by its own edge', () => {
    const { store, container } = setup('rfc9293-fig6');
    act(() => store.getState().toEnd());
    expect(node(container, 'ESTABLISHED').getAttribute('data-current')).toBe('A B');
    expect(node(container, 'ESTABLISHED').querySelectorAll('.sd-badge')).toHaveLength(2);
    expect(lit(container).sort()).toEqual(['SYN-RECEIVED>ESTABLISHED:B', 'SYN-SENT>ESTABLISHED:A']);
    const svg = container.querySelector('svg') as SVGElement;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe(
      'State diagram (RFC 9293 figure 5): State of A: ESTABLISHED, State of B: ESTABLISHED',
    );
    expect(container.querySelector('[data-offfigure-note]')).toBeNull();
  });

  it("lights B's SYN-RECEIVED → ESTABLISHED the moment B takes it", () => {
    const { store, container } = setup('rfc9293-fig6');
    const i = indexOf(store, (e) => e.endpoint === 'B' && e.to === 'ESTABLISHED');
    act(() => store.getState().seek(i - 1));
    expect(node(container, 'SYN-RECEIVED').getAttribute('data-current')).toBe('B');
    expect(container.querySelector('[data-edge="SYN-RECEIVED>ESTABLISHED"]')?.hasAttribute('data-lit')).toBe(
      false,
    );
    act(() => store.getState().seek(i));
    expect(container.querySelector('[data-edge="SYN-RECEIVED>ESTABLISHED"]')?.getAttribute('data-lit')).toBe(
      'B',
    );
    expect(node(container, 'ESTABLISHED').getAttribute('data-current')).toContain('B');
  });

  it('each box explains its state in a tooltip, in the chosen language', async () => {
    const { store, container } = setup('rfc9293-fig6');
    expect(node(container, 'LISTEN').querySelector('title')?.textContent).toBe(
      'LISTEN: waiting for a connection request from any remote TCP',
    );
    await act(async () => {
      await loadLang('zh-CN');
      store.getState().setLang('zh-CN');
    });
    const title = node(container, 'LISTEN').querySelector('title')?.textContent ?? '';
    expect(title.startsWith('LISTEN: ')).toBe(true);
    expect(title).toMatch(/[\u4e00-\u9fff]/);
    // Edge labels are RFC notation: English in every language.
    expect(container.querySelector('[data-edge="CLOSED>LISTEN"] text')?.textContent).toBe(
      'passive OPENcreate TCB',
    );
  });

  it('connection refused: SYN-SENT → CLOSED on a RST is not the figure\'s "CLOSE" edge: dashed arc and caption', () => {
    const { store, container } = setup('connection-refused');
    act(() => store.getState().toEnd());
    expect(node(container, 'CLOSED').getAttribute('data-current')).toContain('A');
    expect(container.querySelector('[data-edge="SYN-SENT>CLOSED"]')?.hasAttribute('data-lit')).toBe(false);
    expect(container.querySelector('[data-offfigure="SYN-SENT>CLOSED"]')?.getAttribute('data-lit')).toBe('A');
    const note = container.querySelector('[data-offfigure-note="A"]');
    expect(note?.textContent).toContain('A: SYN-SENT → CLOSED');
    expect(note?.textContent).toContain('refused');
  });

  it('reset mid-connection: ESTABLISHED → CLOSED is drawn to the bottom CLOSED box and captioned', () => {
    const { store, container } = setup('reset-mid-connection');
    act(() => store.getState().toEnd());
    const events = store.getState().timeline.trace.events;
    const resets = events.filter(
      (e): e is StateEvent => e.type === 'state' && e.from === 'ESTABLISHED' && e.to === 'CLOSED',
    );
    expect(resets.length).toBeGreaterThan(0);
    for (const e of resets) {
      expect(container.querySelector(`[data-offfigure-note="${e.endpoint}"]`)?.textContent).toContain(
        `${e.endpoint}: ESTABLISHED → CLOSED`,
      );
      expect(node(container, 'CLOSED-end').getAttribute('data-current')).toContain(e.endpoint);
    }
    expect(container.querySelector('[data-offfigure="ESTABLISHED>CLOSED-end"]')).not.toBeNull();
  });

  it('has no axe violations, with a figure, caption and a named image', async () => {
    const { store, container } = setup('reset-mid-connection');
    act(() => store.getState().toEnd());
    expect(container.querySelector('figure > figcaption')?.textContent).toContain(
      'State diagram (RFC 9293 figure 5)',
    );
    const results = await axe.run(container);
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  });
});
