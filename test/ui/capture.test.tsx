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
    expect(sent?.name).toBe('lost-syn.pcap');
    expect(sent?.blob.type).toBe('application/vnd.tcpdump.pcap');
    expect(await bytesOf(sent?.blob as Blob)).toEqual(traceToPcap(trace));
    expect(atA?.name).toBe('lost-syn-at-A.pcap');
    expect(await bytesOf(atA?.blob as Blob)).toEqual(traceToPcap(trace, { captureAt: 'A' }));
    expect(atB?.name).toBe('lost-syn-at-B.pcap');
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
    expect(json.name).toBe('rfc9293-fig6.json');
    expect(JSON.parse(await json.blob.text())).toEqual(store.getState().scenario);
    expect(svg.name).toBe('rfc9293-fig6.rfc.svg');
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
    const panel = await screen.findByRole('region', { name: 'Capture: linux-normal.pcapng' });
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
    });
  }
});
