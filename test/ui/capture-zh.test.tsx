// @vitest-environment jsdom
/**
 * The capture comparison in Chinese: a frame whose flags differ from the model's is described with the
 * field's Chinese name, and what the replay assumed is said in Chinese.
 */
import '@testing-library/jest-dom/vitest';
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { traceToPcap } from '../../src/interop/pcap-write';
import { loadPreset } from '../../src/scenarios';
import { runScenario } from '../../src/tcp';
import type { ScenarioInput } from '../../src/tcp/types';
import { loadLang } from '../../src/ui/i18n';
import { cleanupAfterEach, renderApp } from './helpers';

cleanupAfterEach();

/** Figure 6 captured at A, with PSH set on A's third segment (the ACK): the model sends a plain ACK there. */
function figure6WithPshOnTheAck(): Uint8Array {
  const bytes = traceToPcap(runScenario(loadPreset('rfc9293-fig6') as ScenarioInput), { captureAt: 'A' });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(view.getUint32(20, true)).toBe(1); // Ethernet: 14 bytes before the IPv4 header
  let record = 24; // after the pcap file header
  for (let i = 0; i < 2; i++) record += 16 + view.getUint32(record + 8, true);
  const ip = record + 16 + 14;
  const tcp = ip + ((bytes[ip] as number) & 0x0f) * 4;
  bytes[tcp + 13] = (bytes[tcp + 13] as number) | 0x08; // PSH (RFC 9293 §3.1: the flags byte is at offset 13)
  return bytes;
}

describe('the capture comparison in zh-CN', () => {
  it('names the differing header field in Chinese', async () => {
    await loadLang('zh-CN');
    const { store } = renderApp('rfc9293-fig6');
    act(() => store.getState().setLang('zh-CN'));
    await act(() => store.getState().importFile('psh.pcap', figure6WithPshOnTheAck()));
    const panel = await screen.findByTestId('capture-panel'); // the panel's chunk loads on first use
    expect(within(panel).getByTestId('capture-verdict')).toHaveTextContent('⚠ 1 处偏差');
    const row = panel.querySelector('tbody tr.deviates') as HTMLElement;
    expect(row).toHaveTextContent('首部字段不同');
    expect(row.textContent).toContain('模型在这里发出的报文段不同：标志位不一致');
  });

  it('in English the field keeps its Wireshark name', async () => {
    const { store } = renderApp('rfc9293-fig6');
    await act(() => store.getState().importFile('psh.pcap', figure6WithPshOnTheAck()));
    const row = (await screen.findByTestId('capture-panel')).querySelector(
      'tbody tr.deviates',
    ) as HTMLElement;
    expect(row.textContent).toContain('the model sends a different segment here: flags differ');
  });
});
