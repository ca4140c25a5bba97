// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppStore, createAppStore, setAppStore } from '../../src/store';
import { Ladder } from '../../src/ui/components/Ladder';
import { ladderSvg, resolveVars, type ThemeLookup } from '../../src/ui/exportLadder';

let store: AppStore;

beforeEach(() => {
  store = createAppStore({ initialPreset: 'rfc9293-fig6', languages: ['en'] });
  setAppStore(store);
});

afterEach(cleanup);

const dark: ThemeLookup = (name) =>
  (
    ({
      '--panel': '#181b21',
      '--text': '#e9ecf1',
      '--a': '#7fb0ff',
      '--font': 'system-ui, sans-serif',
    }) as Record<string, string>
  )[name] ?? '';

describe('resolveVars', () => {
  it('uses the theme, else the fallback (nested, with commas and quotes), else unset', () => {
    expect(resolveVars('fill: var(--a, #1f5fd1);', dark)).toBe('fill: #7fb0ff;');
    expect(resolveVars('fill: var(--b, #b4420e);', dark)).toBe('fill: #b4420e;');
    expect(resolveVars('font-family: var(--mono, "DejaVu Sans Mono", monospace)', dark)).toBe(
      'font-family: "DejaVu Sans Mono", monospace',
    );
    expect(resolveVars('stroke: var(--nope, var(--a, red))', dark)).toBe('stroke: #7fb0ff');
    expect(resolveVars('stroke: var(--nope)', dark)).toBe('stroke: unset');
    expect(resolveVars('no variables here', dark)).toBe('no variables here');
  });
});

describe('ladderSvg', () => {
  it('serializes the on-screen ladder with every variable resolved, a size, a background and the labels', () => {
    render(<Ladder />);
    act(() => store.getState().toEnd());
    const source = screen.getByTestId('ladder-svg') as unknown as SVGSVGElement;
    const [, , w, h] = (source.getAttribute('viewBox') ?? '').split(' ').map(Number);
    const file = ladderSvg(source, dark, 'Sequence diagram');

    expect(file.svg).not.toContain('var(');
    expect(file.width).toBe(w);
    expect(file.height).toBe(h);
    const doc = new DOMParser().parseFromString(file.svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    const svg = doc.documentElement;
    expect(svg.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(svg.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(svg.getAttribute('width')).toBe(String(w));
    expect(svg.getAttribute('height')).toBe(String(h));
    expect(svg.getAttribute('font-family')).toBe('system-ui, sans-serif');
    expect(svg.querySelector('title')?.textContent).toBe('Sequence diagram');
    // The background is the theme's panel color, drawn first so everything else is on top of it.
    const background = svg.querySelector('rect');
    expect(background?.getAttribute('fill')).toBe('#181b21');
    expect(background?.getAttribute('width')).toBe(String(w));
    // Colors from the theme where it defines them, fallbacks otherwise.
    const css = svg.querySelector('style')?.textContent ?? '';
    expect(css).toContain('fill: #e9ecf1');
    expect(css).toContain('stroke: #7fb0ff');
    expect(css).toContain('stroke: #b4420e');
    // Every segment label of the handshake and the teardown is there; nothing is a tab stop any more.
    const labels = [...svg.querySelectorAll('text')].map((t) => t.textContent ?? '');
    for (const send of store.getState().timeline.trace.events.filter((e) => e.type === 'send')) {
      expect(labels.some((l) => l.startsWith(send.segment.flags.join(',')))).toBe(true);
    }
    expect(labels.filter((l) => /^SYN seq=/.test(l))).toHaveLength(1);
    expect(svg.querySelector('[tabindex]')).toBeNull();
    expect(svg.querySelector('[role="button"]')).toBeNull();
    // The page's SVG itself is untouched.
    expect(source.getAttribute('width')).toBe('100%');
    expect(source.querySelector('style')?.textContent).toContain('var(--a, #1f5fd1)');
  });
});
