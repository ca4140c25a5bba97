// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inspector } from '../../src/ui/components/Inspector';
import { loadLang } from '../../src/ui/i18n';
import { cleanupAfterEach, freshStore, renderApp } from './helpers';

cleanupAfterEach();

function setup(preset: string) {
  const { store } = freshStore(preset);
  render(<Inspector />);
  return store;
}

/** The header table as field → value. */
function fields(): Record<string, string> {
  const table = screen.getByRole('table', { name: 'Header' });
  const out: Record<string, string> = {};
  for (const row of within(table).getAllByRole('row').slice(1)) {
    const [k, v] = row.querySelectorAll('th, td');
    out[k?.textContent ?? ''] = v?.textContent ?? '';
  }
  return out;
}

/** A "What changed in X" table as variable → [before, after]. */
function changes(name: string): Record<string, [string, string]> | 'nothing' {
  const heading = screen.getByRole('heading', { name: `What changed in ${name}` });
  const box = heading.parentElement as HTMLElement;
  if (within(box).queryByText('nothing changed')) return 'nothing';
  const out: Record<string, [string, string]> = {};
  for (const row of within(box).getAllByRole('row').slice(1)) {
    const [k, before, after] = row.querySelectorAll('th, td');
    out[k?.textContent ?? ''] = [before?.textContent ?? '', after?.textContent ?? ''];
  }
  return out;
}

describe('<Inspector>', () => {
  it('with nothing selected it says how to select a segment', () => {
    setup('rfc9293-fig6');
    expect(screen.getByRole('heading', { name: 'Packet inspector' })).toBeInTheDocument();
    expect(
      screen.getByText(
        'Select a segment in the sequence diagram or the timing list to see its header (a click on the wire drops it instead).',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it("figure 6's first SYN: header fields and times", () => {
    const store = setup('rfc9293-fig6');
    act(() => store.getState().select(1));
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Packet inspector: #1 A → B');
    expect(fields()).toEqual({
      'Source port': '40000',
      'Destination port': '80',
      'Sequence number': '100 (relative 0)',
      'Acknowledgment number': '0',
      Flags: 'SYN',
      Window: '65535',
      Payload: '0 bytes',
      'Sent at': '10 ms',
      'Arrives at': '60 ms',
    });
  });

  it('what the first SYN changed in B: LISTEN → SYN-RECEIVED; ISS, IRS, RCV.NXT… did not exist before (—)', () => {
    const store = setup('rfc9293-fig6');
    act(() => store.getState().select(1));
    expect(changes('B')).toEqual({
      state: ['LISTEN', 'SYN-RECEIVED'],
      ISS: ['—', '300'],
      IRS: ['—', '100'],
      'SND.UNA': ['—', '300'],
      'SND.NXT': ['—', '301'],
      'RCV.NXT': ['—', '101'],
      'SND.WND': ['—', '65535'],
    });
  });

  it("B's SYN,ACK from B to A: ports swap, ACK number and relative seq shown; A becomes ESTABLISHED", () => {
    const store = setup('rfc9293-fig6');
    act(() => store.getState().select(2));
    expect(fields()).toMatchObject({
      'Source port': '80',
      'Destination port': '40000',
      'Sequence number': '300 (relative 0)',
      'Acknowledgment number': '101',
      Flags: 'SYN,ACK', // as Wireshark and the segment labels write flags, in every language
      'Sent at': '60 ms',
      'Arrives at': '110 ms',
    });
    const a = changes('A');
    expect(a).not.toBe('nothing');
    expect(a).toMatchObject({
      state: ['SYN-SENT', 'ESTABLISHED'],
      IRS: ['—', '300'],
      'RCV.NXT': ['—', '301'],
    });
  });

  it('a data segment shows its payload length and its relative sequence number', () => {
    const store = setup('rfc9293-fig6');
    act(() => store.getState().select(4));
    expect(fields()).toMatchObject({
      'Sequence number': '101 (relative 1)',
      Flags: 'ACK,PSH',
      Payload: '100 bytes',
    });
    expect(changes('A')).toMatchObject({ 'SND.NXT': ['101', '201'] });
  });

  it('a lost segment says "Lost at" and has no receiver changes', () => {
    const store = setup('lost-syn');
    act(() => store.getState().select(1));
    const f = fields();
    expect(f['Lost at']).toBe('60 ms');
    expect(f['Arrives at']).toBeUndefined();
    expect(screen.queryByRole('heading', { name: 'What changed in B' })).toBeNull();
  });

  it('a retransmission is tagged', () => {
    const store = setup('lost-syn');
    act(() => store.getState().select(2));
    expect(screen.getByText('retransmission')).toBeInTheDocument();
    expect(fields()['Arrives at']).toBe('1060 ms');
  });

  it('Close clears the selection', () => {
    const store = setup('rfc9293-fig6');
    act(() => store.getState().select(1));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(store.getState().selectedId).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('in the page, a segment number in the timing list opens it in the inspector', () => {
    const { store } = renderApp('rfc9293-fig6');
    act(() => store.getState().toEnd());
    fireEvent.click(screen.getByRole('button', { name: 'Packet inspector: #3' }));
    expect(store.getState().selectedId).toBe(3);
    const inspector = screen.getByRole('heading', { name: /^Packet inspector: #3/ }).closest('section');
    expect(inspector).toHaveTextContent('A → B');
    expect(inspector).toHaveTextContent('Acknowledgment number301');
  });

  it('shows the explanation key of the event at the cursor, with its citation, as the CLI ladder does', () => {
    const store = setup('rfc9293-fig6');
    expect(screen.queryByTestId('rule-key')).toBeNull(); // before the first event there is none
    // RFC 9293 §3.10.7.2: the SYN arriving in LISTEN.
    const i = store
      .getState()
      .timeline.trace.events.findIndex((e) => e.type === 'deliver' && e.state === 'LISTEN');
    act(() => store.getState().seek(i));
    expect(screen.getByTestId('rule-key')).toHaveTextContent(/^listen-syn$/);
    expect(screen.getByTestId('rule-key').parentElement).toHaveTextContent(
      'Rule at the cursor: listen-syn RFC 9293 §3.10.7.2',
    );
    // It follows the cursor, and stays when a segment is selected.
    act(() => store.getState().seek(i + 1));
    act(() => store.getState().select(2));
    expect(screen.getByTestId('rule-key')).toHaveTextContent(/^listen-syn$/);
    act(() => store.getState().seek(0));
    expect(screen.getByTestId('rule-key')).toHaveTextContent(/^call-listen$/);
  });

  it('in zh-CN the key stays as written, labelled in Chinese', async () => {
    const store = setup('rfc9293-fig6');
    act(() => store.getState().seek(0));
    await act(async () => {
      store.getState().setLang('zh-CN');
      await loadLang('zh-CN');
    });
    expect(screen.getByTestId('rule-key').parentElement).toHaveTextContent(
      '光标处的规则：call-listen RFC 9293 §3.10.1',
    );
    act(() => store.getState().setLang('en'));
  });

  it('under linux, the SYN timeout reads give-up-syn-linux, cited to Linux tcp_write_timeout', () => {
    const store = setup('syn-timeout');
    act(() => store.getState().setProfile('linux'));
    const events = store.getState().timeline.trace.events;
    act(() => store.getState().seek(events.findIndex((e) => e.type === 'app' && e.error === 'ETIMEDOUT')));
    expect(screen.getByTestId('rule-key').parentElement).toHaveTextContent(
      'give-up-syn-linux Linux tcp_write_timeout',
    );
  });
});
