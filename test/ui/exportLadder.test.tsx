// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AppStore, createAppStore, setAppStore } from '../../src/store';
import { Ladder } from '../../src/ui/components/Ladder';
import { ladderSvg, resolveVars, type ThemeLookup } from '../../src/ui/exportLadder';
import { exportBaseName } from '../../src/ui/exportName';
import { loadLang } from '../../src/ui/i18n';
import { renderApp } from './helpers';

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

describe('exportBaseName', () => {
  it('is the preset id and the profile for an unedited preset', () => {
    expect(exportBaseName({ preset: 'lost-syn-ack', title: 'ignored', profile: 'linux' })).toBe(
      'lost-syn-ack.linux',
    );
    expect(exportBaseName({ preset: 'rfc9293-fig7', title: 'ignored', profile: 'rfc' })).toBe(
      'rfc9293-fig7.rfc',
    );
  });

  it('is a lowercase ASCII slug of any other title, or "scenario"', () => {
    expect(exportBaseName({ preset: null, title: 'Lost SYN,ACK', profile: 'rfc' })).toBe('lost-syn-ack.rfc');
    expect(
      exportBaseName({
        preset: null,
        title: 'RFC 9293 Figure 6: basic three-way handshake',
        profile: 'linux',
      }),
    ).toBe('rfc-9293-figure-6-basic-three-way-handshake.linux');
    expect(exportBaseName({ preset: null, title: '  Déjà vu — encore!  ', profile: 'rfc' })).toBe(
      'deja-vu-encore.rfc',
    );
    expect(exportBaseName({ preset: null, title: '自定义场景', profile: 'rfc' })).toBe('scenario.rfc');
    expect(exportBaseName({ preset: null, title: '', profile: 'linux' })).toBe('scenario.linux');
  });
});

describe('Export ▸ Sequence diagram', () => {
  let saved: { blob: Blob; name: string }[];
  let restore: () => void;
  beforeEach(() => {
    saved = [];
    const blobs = new Map<string, Blob>();
    URL.createObjectURL = (blob: Blob) => {
      const url = `blob:test/${blobs.size}`;
      blobs.set(url, blob);
      return url;
    };
    URL.revokeObjectURL = () => {};
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      const blob = blobs.get(this.href);
      if (blob) saved.push({ blob, name: this.download });
    });
    restore = () => click.mockRestore();
  });
  afterEach(() => restore());

  async function exportSvg(): Promise<Document> {
    const user = userEvent.setup();
    await user.click(screen.getByText(/^(Export|导出)/, { selector: 'summary' }));
    await user.click(screen.getByRole('button', { name: /\.svg[)）]$/ }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const doc = new DOMParser().parseFromString(
      await (saved[0] as { blob: Blob }).blob.text(),
      'image/svg+xml',
    );
    expect(doc.querySelector('parsererror')).toBeNull();
    return doc;
  }

  it('exports the whole run with the cursor at the start, named after the preset and profile', async () => {
    const { store } = renderApp('lost-syn-ack');
    expect(store.getState().cursor).toBe(-1);
    expect(document.querySelectorAll('[data-testid="ladder-svg"] [data-segment-id]')).toHaveLength(0);
    const doc = await exportSvg();
    expect(saved[0]?.name).toBe('lost-syn-ack.rfc.ladder.svg');
    // Oracle: the trace's send events, each one arrow in the file.
    const sends = store.getState().timeline.trace.events.filter((e) => e.type === 'send');
    expect(sends.length).toBeGreaterThan(4);
    expect(doc.querySelectorAll('[data-segment-id]')).toHaveLength(sends.length);
    // Its title line names the scenario as the header does, and the profile.
    const heading = doc.querySelector('.ld-heading')?.textContent;
    expect(heading).toBe(
      `${screen.getByText('Lost SYN,ACK', { selector: '.scenario-title' }).textContent} · RFC`,
    );
    expect(doc.querySelector('title')?.textContent).toBe(heading);
    // A still picture: no buttons, no tab stops.
    expect(doc.querySelector('[role="button"], [tabindex]')).toBeNull();
  });

  it('names a Linux run .linux, and titles it Linux', async () => {
    const { store } = renderApp('lost-syn-ack');
    act(() => store.getState().setProfile('linux'));
    const doc = await exportSvg();
    expect(saved[0]?.name).toBe('lost-syn-ack.linux.ladder.svg');
    expect(doc.querySelector('.ld-heading')?.textContent).toMatch(/Lost SYN,ACK · Linux$/);
  });

  it('writes the title line and the tags in Chinese when the page is in Chinese', async () => {
    await loadLang('zh-CN');
    const { store } = renderApp('lost-syn-ack');
    act(() => store.getState().setLang('zh-CN'));
    const doc = await exportSvg();
    expect(saved[0]?.name).toBe('lost-syn-ack.rfc.ladder.svg');
    expect(doc.querySelector('.ld-heading')?.textContent).toBe('SYN,ACK 丢失 · RFC');
    expect([...doc.querySelectorAll('.ld-tag')].map((t) => t.textContent)).toContain('重传');
  });
});
