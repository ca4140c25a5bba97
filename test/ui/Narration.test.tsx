// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Narration } from '../../src/ui/components/Narration';
import { loadLang } from '../../src/ui/i18n';
import { cleanupAfterEach, eventIndex, freshStore } from './helpers';

cleanupAfterEach();

const narration = () => screen.getByTestId('narration');

function setup(preset: string) {
  const { store } = freshStore(preset);
  render(<Narration />);
  return store;
}

/** Cursor at the deliver event of A's first SYN at B in figure 6. */
const synAtB = (store: ReturnType<typeof setup>) =>
  eventIndex(store, (e) => e.type === 'deliver' && e.to === 'B' && e.state === 'LISTEN');

describe('<Narration>', () => {
  it('before the first event invites to press Play and names the scenario', () => {
    setup('rfc9293-fig6');
    expect(screen.getByRole('heading', { name: 'What happens' })).toBeInTheDocument();
    expect(narration()).toHaveTextContent(
      /^Press Play \(or →\) to start\. RFC 9293 Figure 6: basic three-way handshake\. A \(ISN 100\) connects/,
    );
  });

  it('an edited preset is introduced as the preset, marked as edited', () => {
    const store = setup('rfc9293-fig6');
    act(() => store.getState().crash('B'));
    expect(store.getState().presetName).toBeNull();
    expect(narration()).toHaveTextContent(
      /^Press Play \(or →\) to start\. RFC 9293 Figure 6: basic three-way handshake \(edited\)\. A \(ISN 100\) connects/,
    );
  });

  it('a scenario of its own is introduced by its own description', () => {
    const store = setup('rfc9293-fig6');
    const own = {
      version: 1,
      name: 'Mine',
      description: 'Only B listens.',
      actions: [{ at: 0, endpoint: 'B', call: 'listen' }],
    };
    act(() => void store.getState().importJson(JSON.stringify(own)));
    expect(narration()).toHaveTextContent('Press Play (or →) to start. Only B listens.');
  });

  it('figure 6: B receives the SYN in LISTEN, answers SYN,ACK and records IRS and ISS (RFC §3.10.7.2)', () => {
    const store = setup('rfc9293-fig6');
    act(() => store.getState().seek(synAtB(store)));
    const text = narration().textContent ?? '';
    expect(text).toContain('B receives SYN seq=100 in LISTEN');
    expect(text).toContain('SYN arrives in LISTEN: record IRS');
    expect(text).toContain('It answers SYN,ACK seq=300 ack=101');
    expect(text).toMatch(/Now .*ISS=300/);
    expect(text).toContain('IRS=100');
    expect(text).toContain('RCV.NXT=101');
    expect(text).toMatch(/— RFC 9293 §3\.10\.7\.2$/);
    // state changes are narrated by their own event, not listed among the variables
    expect(text).not.toContain('state=');
  });

  it('follows the cursor: the send before and the state change after read differently', () => {
    const store = setup('rfc9293-fig6');
    const i = synAtB(store);
    act(() => store.getState().seek(i - 1));
    expect(narration()).toHaveTextContent(/^A sends SYN seq=100\./);
    act(() => store.getState().seek(i + 1));
    expect(narration()).toHaveTextContent(/^B moves from LISTEN to SYN-RECEIVED\./);
  });

  it('a dropped segment is narrated as lost with the RFC citation', () => {
    const store = setup('lost-syn');
    act(() => store.getState().seek(eventIndex(store, (e) => e.type === 'drop')));
    expect(narration().textContent).toMatch(/^SYN seq=\d+ from A is /);
    expect(narration().textContent).toContain('RFC 9293 §3.8.1');
  });

  it('in zh-CN the same moment reads in Chinese, still citing the RFC', async () => {
    const store = setup('rfc9293-fig6');
    act(() => store.getState().seek(synAtB(store)));
    await act(async () => {
      store.getState().setLang('zh-CN');
      await loadLang('zh-CN');
    });
    const text = narration().textContent ?? '';
    expect(text).toContain('收到');
    expect(text).toContain('B 在 LISTEN 状态收到 SYN seq=100');
    expect(text).toContain('SYN,ACK seq=300 ack=101');
    expect(text).toContain('RFC 9293 §3.10.7.2');
    expect(text).not.toContain('receives');
    expect(screen.getByRole('heading', { name: '发生了什么' })).toBeInTheDocument();
    act(() => store.getState().setLang('en'));
    expect(narration()).toHaveTextContent('B receives SYN seq=100 in LISTEN');
  });

  it('relative sequence numbers on lost-syn: the SYN reads seq=0 and the SYN,ACK ack=1', () => {
    const store = setup('lost-syn');
    const firstSyn = eventIndex(store, (e) => e.type === 'send' && e.from === 'A');
    act(() => store.getState().seek(firstSyn));
    expect(narration()).toHaveTextContent(/^A sends SYN seq=\d{4,}\./);
    act(() => store.getState().setRelativeSeq(true));
    expect(narration()).toHaveTextContent(/^A sends SYN seq=0\./);
    const synAck = eventIndex(store, (e) => e.type === 'send' && e.from === 'B');
    act(() => store.getState().seek(synAck));
    expect(narration()).toHaveTextContent(/^B sends SYN,ACK seq=0 ack=1\./);
    act(() => store.getState().setRelativeSeq(false));
    expect(narration()).not.toHaveTextContent('seq=0');
  });

  it('says a cause once: the SYN,ACK arrival explains, the state change after it says "same rule" (en, zh-CN)', async () => {
    const store = setup('rfc9293-fig6');
    const i = eventIndex(store, (e) => e.type === 'deliver' && e.to === 'A' && e.state === 'SYN-SENT');
    act(() => store.getState().seek(i));
    expect(narration()).toHaveTextContent('SYN,ACK arrives in SYN-SENT: record IRS');
    act(() => store.getState().seek(i + 1));
    expect(narration()).toHaveTextContent(
      'A moves from SYN-SENT to ESTABLISHED. Same rule as the step before. — RFC 9293 §3.10.7.3',
    );
    expect(narration()).not.toHaveTextContent('SYN,ACK arrives in SYN-SENT');
    await act(async () => {
      store.getState().setLang('zh-CN');
      await loadLang('zh-CN');
    });
    expect(narration()).toHaveTextContent('依据的规则与上一步相同。');
    act(() => store.getState().setLang('en'));
  });
});
