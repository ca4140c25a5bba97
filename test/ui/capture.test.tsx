// @vitest-environment jsdom
/**
 * The Wireshark interop in the page: the export menu (JSON, pcap, pcap at A/B), drag and drop of a file,
 * "Import…", and the capture comparison panel (facts, two-column ladder, deviations, stream picker, close).
 */
import '@testing-library/jest-dom/vitest';
import { readFileSync } from 'node:fs';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { traceToPcap } from '../../src/interop/pcap-write';
import { loadPreset } from '../../src/scenarios';
import { runScenario } from '../../src/tcp';
import type { ScenarioInput } from '../../src/tcp/types';
import { exportBaseName } from '../../src/ui/exportName';
import { loadLang } from '../../src/ui/i18n';
import { cleanupAfterEach, renderApp } from './helpers';

cleanupAfterEach();

const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/${name}`));
const fileOf = (bytes: Uint8Array, name: string) => new File([bytes as Uint8Array<ArrayBuffer>], name);

interface Saved {
  blob: Blob;
  name: string;
}

/** Capture what the page downloads: the Blob given to createObjectURL and the link's file name. */
function captureDownloads() {
  const saved: Saved[] = [];
  const blobs = new Map<string, Blob>();
  let n = 0;
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${n++}`;
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
  return { saved, restore: () => click.mockRestore() };
}

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

/** Drop a file on the page the way a browser does: dragenter, dragover, drop, all carrying "Files". */
function dropFile(file: File) {
  const dataTransfer = { files: [file], types: ['Files'], dropEffect: 'none' };
  fireEvent.dragEnter(document.body, { dataTransfer });
  fireEvent.dragOver(document.body, { dataTransfer });
  expect(screen.getByTestId('drop-overlay')).toHaveTextContent(
    'Drop a scenario (.json) or a capture (.pcap, .pcapng)',
  );
  fireEvent.drop(document.body, { dataTransfer });
}

async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false } },
    resultTypes: ['violations'],
  });
  return result.violations.flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
}

describe('the export menu', () => {
  let downloads: ReturnType<typeof captureDownloads>;
  beforeEach(() => {
    downloads = captureDownloads();
  });
  afterEach(() => downloads.restore());

  // jsdom does not toggle a <details> from the keyboard (browsers do: see the e2e test), so this opens it
  // with a click and checks the rest of the keyboard path.
  it('is a disclosure: Tab reaches its buttons, Escape closes it and returns focus to its button', async () => {
    const user = userEvent.setup();
    renderApp('rfc9293-fig6');
    const summary = screen.getByText('Export', { selector: 'summary' });
    const details = summary.closest('details') as HTMLDetailsElement;
    await user.click(summary);
    expect(details.open).toBe(true);
    await user.tab();
    expect(screen.getByRole('button', { name: 'Scenario (.json)' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(details.open).toBe(false);
    expect(summary).toHaveFocus();
  });

  it('downloads the trace as a pcap equal to traceToPcap, and as seen at A and at B', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('lost-syn');
    const trace = store.getState().timeline.trace;
    await user.click(screen.getByText('Export', { selector: 'summary' }));
    await user.click(screen.getByRole('button', { name: 'Capture, each segment as sent (.pcap)' }));
    await user.click(screen.getByText('Export', { selector: 'summary' }));
    await user.click(screen.getByRole('button', { name: 'Capture as seen at A (.pcap)' }));
    await user.click(screen.getByText('Export', { selector: 'summary' }));
    await user.click(screen.getByRole('button', { name: 'Capture as seen at B (.pcap)' }));
    await waitFor(() => expect(downloads.saved).toHaveLength(3));
    const [sent, atA, atB] = downloads.saved;
    expect(sent?.name).toBe('lost-syn.rfc.pcap');
    expect(sent?.blob.type).toBe('application/vnd.tcpdump.pcap');
    expect(await bytesOf(sent?.blob as Blob)).toEqual(traceToPcap(trace));
    expect(atA?.name).toBe('lost-syn.rfc.at-A.pcap');
    expect(await bytesOf(atA?.blob as Blob)).toEqual(traceToPcap(trace, { captureAt: 'A' }));
    expect(atB?.name).toBe('lost-syn.rfc.at-B.pcap');
    expect(await bytesOf(atB?.blob as Blob)).toEqual(traceToPcap(trace, { captureAt: 'B' }));
    // The menu closed after each choice.
    expect(screen.getByText('Export', { selector: 'summary' }).closest('details')).not.toHaveAttribute(
      'open',
    );
  });

  it('downloads the scenario JSON and the sequence diagram as SVG', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    act(() => store.getState().toEnd());
    await user.click(screen.getByText('Export', { selector: 'summary' }));
    await user.click(screen.getByRole('button', { name: 'Scenario (.json)' }));
    await user.click(screen.getByText('Export', { selector: 'summary' }));
    await user.click(screen.getByRole('button', { name: 'Sequence diagram (.svg)' }));
    await waitFor(() => expect(downloads.saved).toHaveLength(2));
    const [json, svg] = downloads.saved as [Saved, Saved];
    expect(json.name).toBe('rfc9293-fig6.rfc.json');
    expect(JSON.parse(await json.blob.text())).toEqual(store.getState().scenario);
    expect(svg.name).toBe('rfc9293-fig6.rfc.ladder.svg');
    const text = await svg.blob.text();
    expect(text).not.toContain('var(');
    expect(text).toContain('SYN,ACK');
  });
});

describe('drag and drop, Import…', () => {
  it('dropping a pcapng opens the comparison: one deviation under RFC, none after switching to Linux', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    dropFile(fileOf(fixture('linux-normal.pcapng'), 'linux-normal.pcapng'));
    const panel = await screen.findByRole(
      'region',
      { name: 'Capture: linux-normal.pcapng' },
      { timeout: 5000 },
    );
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
    expect(store.getState().capture?.fileName).toBe('linux-normal.pcapng');

    // RFC: the model acknowledges the peer's FIN separately; Linux does not. One row, marked and tinted.
    expect(within(panel).getByTestId('capture-verdict')).toHaveTextContent('⚠ 1 deviation');
    const table = within(panel).getByRole('table', { name: 'Captured frames beside the model’s segments' });
    const deviating = table.querySelectorAll('tbody tr.deviates');
    expect(deviating).toHaveLength(1);
    expect(deviating[0]).toHaveTextContent('⚠');
    expect(deviating[0]).toHaveTextContent('Only in the model');
    expect(within(deviating[0] as HTMLElement).getAllByRole('cell')[0]).toHaveTextContent('—');
    // One row per captured frame, plus the model-only one.
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 10 + 1);
    expect(table).toHaveTextContent('A → B');
    expect(table).toHaveTextContent('A ← B');
    expect(within(panel).getByText(/near A \(client\)|near B \(server\)/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Linux' }));
    // The capture is replayed again under Linux, as a job (a Web Worker in the page).
    await act(() => store.getState().idle());
    expect(within(panel).getByTestId('capture-verdict')).toHaveTextContent(
      '✓ No deviations: the model sends exactly what was captured',
    );
    expect(table.querySelectorAll('tbody tr.deviates')).toHaveLength(0);
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 10);
  });

  it('Import… takes a capture too; clicking a model segment shows it in the inspector; Close closes', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    const input = screen.getByLabelText('Import…', { selector: 'input[type="file"]' });
    expect(input).toHaveAttribute('accept', expect.stringContaining('.pcapng'));
    await user.upload(input, fileOf(fixture('linux-normal.pcap'), 'linux-normal.pcap'));
    const panel = await screen.findByRole('region', { name: 'Capture: linux-normal.pcap' });
    const model = within(panel).getAllByRole('button', { name: /^#\d+ SYN,ACK/ })[0] as HTMLElement;
    await user.click(model);
    const id = Number(/^#(\d+)/.exec(model.textContent ?? '')?.[1]);
    expect(store.getState().selectedId).toBe(id);
    expect(
      screen.getByRole('heading', { name: new RegExp(`^Packet inspector: #${id} B → A`) }),
    ).toBeInTheDocument();
    expect(model).toHaveAttribute('aria-pressed', 'true');

    await user.click(within(panel).getByRole('button', { name: 'Close the comparison' }));
    expect(screen.queryByRole('region', { name: /^Capture:/ })).toBeNull();
    expect(store.getState().capture).toBeNull();
  });

  it('a broken capture names the file and the frame in the alert, and the app keeps what it had', async () => {
    const { store } = renderApp('rfc9293-fig6');
    const before = store.getState().scenario;
    dropFile(fileOf(fixture('linux-normal.pcap').subarray(0, 150), 'cut.pcap'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('not a valid scenario or capture');
    expect(within(alert).getByText('cut.pcap')).toBeInTheDocument();
    expect(alert).toHaveTextContent(/frame \d+/);
    expect(store.getState().scenario).toBe(before);
    expect(screen.queryByRole('region', { name: /^Capture:/ })).toBeNull();
  });
});

describe('the capture panel', () => {
  /** Two conversations in one file, as captured at A: fig6 on port 40000, and a lost SYN on port 40001. */
  function twoStreams(): File {
    const withPort = (name: string, port: number) => {
      const s = loadPreset(name) as ScenarioInput;
      return runScenario({ ...s, endpoints: { ...s.endpoints, A: { ...s.endpoints?.A, port } } });
    };
    const first = traceToPcap(withPort('rfc9293-fig6', 40000), { captureAt: 'A' });
    const second = traceToPcap(withPort('lost-syn', 40001), { captureAt: 'A' }).subarray(24);
    const both = new Uint8Array(first.length + second.length);
    both.set(first);
    both.set(second, first.length);
    return fileOf(both, 'two.pcap');
  }

  it('picks another TCP conversation from the stream list', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    dropFile(twoStreams());
    const panel = await screen.findByRole('region', { name: 'Capture: two.pcap' });
    const picker = within(panel).getByRole('combobox', { name: 'TCP conversation' });
    const options = within(picker).getAllByRole('option');
    expect(options).toHaveLength(2);
    expect(options[0]).toHaveTextContent(/^Stream 0: 192\.0\.2\.1:40000 → 198\.51\.100\.1:\d+, \d+ packets$/);
    expect(options[1]).toHaveTextContent(/^Stream 1: 192\.0\.2\.1:40001 →/);
    expect(store.getState().timeline.trace.scenario.endpoints.A.port).toBe(40000);
    await user.selectOptions(picker, '1');
    expect(store.getState().capture?.streamIndex).toBe(1);
    expect(store.getState().timeline.trace.scenario.endpoints.A.port).toBe(40001);
    expect(within(panel).getByTestId('capture-verdict')).toHaveTextContent('No deviations');
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe-core violations with a deviation shown (${theme}, en and zh-CN)`, async () => {
      const { store } = renderApp('rfc9293-fig6');
      act(() => store.getState().setTheme(theme));
      dropFile(fileOf(fixture('linux-normal.pcapng'), 'linux-normal.pcapng'));
      await screen.findByRole('region', { name: 'Capture: linux-normal.pcapng' });
      expect(await violations()).toEqual([]);
      await act(async () => {
        store.getState().setLang('zh-CN');
        await loadLang('zh-CN');
      });
      const panel = screen.getByRole('region', { name: '抓包文件：linux-normal.pcapng' });
      expect(within(panel).getByTestId('capture-verdict')).toHaveTextContent('⚠ 1 处偏差');
      expect(within(panel).getByText('只在模型中出现')).toBeInTheDocument();
      expect(await violations()).toEqual([]);
      // Two full axe-core passes over the page: 3–5 s on a loaded 2-core machine, past vitest's default 5 s.
    }, 20_000);
  }
});

describe('comparing, segment by segment', () => {
  /** The frame's row in the comparison table (its first cell is the frame number). */
  const rowOf = (panel: HTMLElement, frame: number) =>
    within(panel)
      .getAllByRole('row')
      .find((r) => r.querySelector('th')?.textContent?.replace('⚠ ', '') === String(frame)) as HTMLElement;

  it('clicking a captured frame or its model segment moves the cursor to when the capture point saw it', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    dropFile(fileOf(fixture('linux-normal.pcap'), 'linux-normal.pcap'));
    const panel = await screen.findByRole('region', { name: 'Capture: linux-normal.pcap' });
    // test/fixtures/README.md: frame 2 is B's SYN,ACK seq=1718527604 ack=2372320086; the capture was taken at A
    // (veth0, 192.0.2.1), so it shows the SYN,ACK arriving at A.
    expect(within(panel).getByText(/^near A/)).toBeInTheDocument();
    const frame2 = rowOf(panel, 2);
    await user.click(within(frame2).getByRole('button', { name: 'SYN,ACK seq=1718527604 ack=2372320086' }));
    expect(screen.getByTestId('narration')).toHaveTextContent(
      /^A receives SYN,ACK seq=1718527604 ack=2372320086 in SYN-SENT\./,
    );
    const model = within(frame2).getByRole('button', { name: /^#\d+ SYN,ACK/ });
    expect(model).toHaveAttribute('aria-pressed', 'true');
    expect(frame2).toHaveAttribute('aria-current', 'true');
    // Frame 1 is A's own SYN: the cursor goes to its sending.
    await user.click(within(rowOf(panel, 1)).getByRole('button', { name: /^#\d+ SYN seq=2372320085$/ }));
    const s = store.getState();
    const event = s.timeline.trace.events[s.cursor];
    expect(event).toMatchObject({ type: 'send', from: 'A', segment: { flags: ['SYN'], seq: 2372320085 } });
    expect(s.selectedId).toBe((event as { id: number }).id);
  });

  it('marks the header field that differs on both sides, in words for screen readers', async () => {
    // Figure 6 captured at A, with A's handshake ACK rewritten from ack=301 to ack=302: the model sends ack=301.
    const trace = structuredClone(runScenario(loadPreset('rfc9293-fig6') as ScenarioInput));
    const ack = trace.events.filter((e) => e.type === 'send')[2];
    expect(ack).toMatchObject({ from: 'A', segment: { flags: ['ACK'], seq: 101, ack: 301 } });
    if (ack?.type === 'send') ack.segment.ack = 302;
    renderApp('lost-syn');
    dropFile(fileOf(traceToPcap(trace, { captureAt: 'A' }), 'rewritten.pcap'));
    const panel = await screen.findByRole('region', { name: 'Capture: rewritten.pcap' });
    expect(within(panel).getByTestId('capture-verdict')).toHaveTextContent('⚠ 1 deviation');
    const row = rowOf(panel, 3);
    expect(row).toHaveClass('deviates');
    const [captured, model] = within(row).getAllByRole('cell') as [HTMLElement, HTMLElement];
    const marks = (cell: HTMLElement) => [...cell.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks(captured)).toEqual(['ack=302']);
    expect(marks(model)).toEqual(['ack=301']);
    expect(within(captured).getByRole('button')).toHaveAccessibleName(
      'ACK seq=101 ack=302 (differs from the model)',
    );
    expect(within(model).getByRole('button')).toHaveAccessibleName(
      '#3 ACK seq=101 ack=301 (differs from the capture)',
    );
    expect(model).toHaveTextContent('Header differs: the model sends a different segment here: ack differ');
    // Rows that agree mark nothing.
    expect(rowOf(panel, 1).querySelectorAll('mark')).toHaveLength(0);
  });

  it('marks the times of a frame whose timing differs (a Linux SYN timeout seen under RFC)', async () => {
    renderApp('rfc9293-fig6');
    dropFile(fileOf(fixture('linux-syn-timeout.pcap'), 'linux-syn-timeout.pcap'));
    const panel = await screen.findByRole('region', { name: 'Capture: linux-syn-timeout.pcap' });
    // Frame 3 is the second retransmission, 2.028847 s after the first SYN (README); RFC doubles the RTO.
    const row = rowOf(panel, 3);
    const [captured] = within(row).getAllByRole('cell') as [HTMLElement];
    expect([...captured.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['2028.847 ms']);
    expect(captured).toHaveTextContent('2028.847 ms (differs from the model)');
    expect(row).toHaveTextContent('Timing differs');
  });

  it('a frame the model has no segment for moves the cursor to the model at that time', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    dropFile(fileOf(fixture('linux-syn-timeout.pcap'), 'linux-syn-timeout.pcap'));
    const panel = await screen.findByRole('region', { name: 'Capture: linux-syn-timeout.pcap' });
    // Frame 4 (3.052860 s) is Linux's fourth SYN; the RFC model backs off from 1 s (RFC 6298 §5.5: SYNs at 0,
    // 1 and 3 s, then 7 s), so at 3.05 s the model last acted at 3 s.
    await user.click(within(rowOf(panel, 4)).getByRole('button', { name: 'SYN seq=2785099405' }));
    const { cursor, timeline } = store.getState();
    expect(timeline.trace.events[cursor]?.t).toBe(3000);
    expect(timeline.trace.events[cursor + 1]?.t).toBeGreaterThan(3052.86);
  });

  it('an edit ends the comparison and titles the scenario as an edited capture; Undo brings the comparison back', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    dropFile(fileOf(fixture('linux-normal.pcapng'), 'linux-normal.pcapng'));
    await screen.findByRole('region', { name: 'Capture: linux-normal.pcapng' });
    const title = () => document.querySelector('.scenario-title')?.textContent;
    expect(title()).toBe('Capture: linux-normal.pcapng');
    act(() => {
      store.getState().toEnd();
      store.getState().crash('B');
    });
    expect(screen.queryByRole('region', { name: /^Capture:/ })).toBeNull();
    expect(title()).toBe('Capture: linux-normal.pcapng (edited)');
    await act(async () => {
      store.getState().setLang('zh-CN');
      await loadLang('zh-CN');
    });
    expect(title()).toBe('抓包文件：linux-normal.pcapng（已修改）');
    await user.click(screen.getByRole('button', { name: '撤销' }));
    const panel = screen.getByRole('region', { name: '抓包文件：linux-normal.pcapng' });
    expect(within(panel).getByTestId('capture-verdict')).toHaveTextContent('⚠ 1 处偏差');
    expect(title()).toBe('抓包文件：linux-normal.pcapng');
  });
});

describe('export file names', () => {
  let downloads: ReturnType<typeof captureDownloads>;
  beforeEach(() => {
    downloads = captureDownloads();
  });
  afterEach(() => downloads.restore());

  it('exportBaseName: the preset id, else a lowercase ASCII slug of the title, then the profile', () => {
    expect(exportBaseName({ preset: 'lost-syn-ack', title: 'Lost SYN,ACK', profile: 'linux' })).toBe(
      'lost-syn-ack.linux',
    );
    expect(exportBaseName({ preset: null, title: 'Lost SYN,ACK (Linux)', profile: 'rfc' })).toBe(
      'lost-syn-ack-linux.rfc',
    );
    expect(exportBaseName({ preset: null, title: 'Café: déjà vu', profile: 'rfc' })).toBe('cafe-deja-vu.rfc');
    expect(exportBaseName({ preset: null, title: '三次握手', profile: 'linux' })).toBe('scenario.linux');
    expect(exportBaseName({ preset: null, title: '', profile: 'rfc' })).toBe('scenario.rfc');
  });

  async function exportAs(user: ReturnType<typeof userEvent.setup>, name: string) {
    await user.click(screen.getByText(/^(Export|导出)/, { selector: 'summary' }));
    await user.click(screen.getByRole('button', { name }));
  }

  it('a preset under Linux, an edited preset, a capture and an edited capture, in any language', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('lost-syn-ack');
    await user.click(screen.getByRole('button', { name: 'Linux' }));
    await exportAs(user, 'Capture, each segment as sent (.pcap)');
    await exportAs(user, 'Capture as seen at A (.pcap)');
    act(() => store.getState().crash('B'));
    await exportAs(user, 'Scenario (.json)');
    dropFile(fileOf(fixture('linux-normal.pcapng'), 'linux-normal.pcapng'));
    await screen.findByRole('region', { name: 'Capture: linux-normal.pcapng' });
    await exportAs(user, 'Capture, each segment as sent (.pcap)');
    act(() => store.getState().crash('A'));
    // The page's language does not change file names.
    await act(async () => {
      store.getState().setLang('zh-CN');
      await loadLang('zh-CN');
    });
    await user.click(screen.getByRole('button', { name: 'RFC' }));
    await user.click(screen.getByText('导出', { selector: 'summary' }));
    await user.click(screen.getByRole('button', { name: /\.json/ }));
    await waitFor(() => expect(downloads.saved).toHaveLength(5));
    expect(downloads.saved.map((d) => d.name)).toEqual([
      'lost-syn-ack.linux.pcap',
      'lost-syn-ack.linux.at-A.pcap',
      'lost-syn-ack-edited.linux.json',
      'linux-normal.linux.pcap',
      'linux-normal-edited.rfc.json',
    ]);
  });
});
