// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, cleanup, render, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { type AppStore, createAppStore, setAppStore } from '../../src/store';
import { STATES, type StateEvent } from '../../src/tcp/types';
import { StateDiagram } from '../../src/ui/components/StateDiagram';
import { loadLang } from '../../src/ui/i18n';
import { VIEW_HEIGHT, VIEW_WIDTH } from '../../src/ui/stateGraph';
import { RFC9293_LINES, sectionAt } from '../rfc9293';

const RFC = RFC9293_LINES;

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

  it('each box is a button named by its state, whose tooltip gives the RFC definition', async () => {
    const { container } = setup('rfc9293-fig6');
    const boxes = within(container).getAllByRole('button');
    // One per box of Figure 5: the 11 states, CLOSED twice.
    expect(boxes.map((b) => b.getAttribute('aria-label')).sort()).toEqual([...STATES, 'CLOSED'].sort());
    const listen = within(container).getByRole('button', { name: 'LISTEN' });
    // RFC 9293 §3.3.2: "LISTEN - represents waiting for a connection request from any remote TCP peer and port."
    expect(listen).toHaveAccessibleDescription(
      /^LISTEN.*waiting for a connection request .*from any remote TCP peer and port.*RFC 9293 §3\.3\.2$/s,
    );
    const user = userEvent.setup();
    await user.hover(listen);
    expect(document.getElementById(listen.getAttribute('aria-describedby') ?? '')).toBeVisible();
    // Each CLOSED box says which end of a connection it is.
    const [top, end] = within(container).getAllByRole('button', { name: 'CLOSED' });
    expect(top).toHaveAccessibleDescription(/at the top, is where every connection starts/);
    expect(end).toHaveAccessibleDescription(/at the bottom right, is where a closed connection ends/);
  });

  it('the buttons sit over their boxes, in the same proportions as the drawing', () => {
    const { container } = setup('rfc9293-fig6');
    const listen = within(container).getByRole('button', { name: 'LISTEN' });
    const rect = node(container, 'LISTEN').querySelector('rect') as SVGRectElement;
    const pct = (v: string | null, of: number) => `${(Number(v) / of) * 100}%`;
    expect(listen.style.left).toBe(pct(rect.getAttribute('x'), VIEW_WIDTH));
    // top is the box's middle (the CSS lifts the button by half its own height, 44 px tall on touch).
    const middle = Number(rect.getAttribute('y')) + Number(rect.getAttribute('height')) / 2;
    expect(listen.style.top).toBe(pct(String(middle), VIEW_HEIGHT));
    expect(listen.style.width).toBe(pct(rect.getAttribute('width'), VIEW_WIDTH));
    expect(listen.style.height).toBe(pct(rect.getAttribute('height'), VIEW_HEIGHT));
  });

  it("explains the figure's note 1 and why CLOSED is drawn twice, citing the section that holds them", () => {
    const { container } = setup('rfc9293-fig6');
    // The oracle: RFC 9293's own text. Note 1 and Figure 5 sit in the section whose heading precedes them.
    const note1 = RFC.findIndex((l) => l.includes('Note 1:'));
    expect(RFC.slice(note1, note1 + 3).join(' ')).toMatch(/SYN-RECEIVED to LISTEN on receiving a\s+RST/);
    expect(RFC.slice(note1, note1 + 3).join(' ')).toContain('passive');
    const section = sectionAt(note1);
    expect(section).toBe('3.3.2');
    // Figure 5 draws two CLOSED boxes.
    const figure = RFC.slice(RFC.findIndex((l) => l.includes('active OPEN')) - 2, note1).join('\n');
    expect(figure.match(/\|\s*CLOSED\s*\|/g)).toHaveLength(2);
    expect(container.querySelectorAll('[data-state="CLOSED"]')).toHaveLength(2);

    const legend = container.querySelector('.state-diagram__legend') as HTMLElement;
    const [note, twice] = [...legend.querySelectorAll('dd')].map((d) => d.textContent ?? '');
    expect(legend.querySelectorAll('dt')[0]?.textContent).toBe('Note 1');
    expect(note).toMatch(/SYN-RECEIVED back to LISTEN on a RST/);
    expect(note).toMatch(/passive OPEN/);
    expect(note).toMatch(/refused/);
    expect(note).toContain(`RFC 9293 §${section}`);
    expect(note).toContain('RFC 9293 §3.10.7.4');
    expect(twice).toMatch(/CLOSED is drawn twice/);
    expect(twice).toContain(`RFC 9293 §${section}`);
    // The edge label "(note 1)" points at the note.
    expect(container.querySelector('[data-edge="SYN-RECEIVED>LISTEN"] text')?.textContent).toBe(
      'rcv RST (note 1)',
    );
  });

  it('in Chinese: box tooltips, the notes and the edge labels are Chinese; state names stay as in the RFC', async () => {
    const { store, container } = setup('rfc9293-fig6');
    await act(async () => {
      await loadLang('zh-CN');
      store.getState().setLang('zh-CN');
    });
    const listen = within(container).getByRole('button', { name: 'LISTEN' });
    expect(listen).toHaveAccessibleDescription(/^LISTEN：.*[\u4e00-\u9fff].*RFC 9293 §3\.3\.2$/s);
    const legend = container.querySelector('.state-diagram__legend') as HTMLElement;
    expect(legend.querySelectorAll('dt')[0]?.textContent).toBe('注 1');
    for (const dd of legend.querySelectorAll('dd')) expect(dd.textContent).toMatch(/[\u4e00-\u9fff]/);
    const labels = [...container.querySelectorAll('.sd-edge__label tspan')].map((t) => t.textContent ?? '');
    expect(labels.length).toBeGreaterThan(20);
    for (const text of labels) {
      expect(text, text).toMatch(/[\u4e00-\u9fff]/);
      expect(text, text).not.toMatch(/\b(rcv|snd|passive|active|create|delete|of|Timeout|note)\b/);
    }
    expect(container.querySelector('[data-edge="SYN-RECEIVED>LISTEN"] text')?.textContent).toBe(
      '收到 RST（注 1）',
    );
    expect(container.querySelector('[data-edge="SYN-RECEIVED>ESTABLISHED"] text')?.textContent).toBe(
      '收到对 SYN 的 ACK',
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
