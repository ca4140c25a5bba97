// @vitest-environment jsdom
/**
 * The endpoint cards against two oracles: values derived by hand from RFC 9293's figures, and the
 * narration's own claims ("Now SND.UNA=201…") read off the page, which must match what the cards show
 * once the burst the narration speaks of is over.
 */
import '@testing-library/jest-dom/vitest';
import { act, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PRESET_NAMES } from '../../src/scenarios/presets';
import type { AppStore } from '../../src/store';
import type { EndpointName, TraceEvent } from '../../src/tcp/types';
import { Narration } from '../../src/ui/components/Narration';
import { Stage } from '../../src/ui/components/Stage';
import { burstEnd } from '../../src/ui/narration';
import { cleanupAfterEach, eventIndex, freshStore, stubMatchMedia } from './helpers';

cleanupAfterEach();

function setup(preset: string, profile: 'rfc' | 'linux' = 'rfc'): AppStore {
  stubMatchMedia();
  const { store } = freshStore(preset);
  if (profile !== 'rfc') act(() => store.getState().setProfile(profile));
  render(
    <>
      <Stage />
      <Narration />
    </>,
  );
  return store;
}

/** The card's TCB rows as shown: { 'SND.UNA': '201', … }. */
function card(name: EndpointName): Record<string, string> {
  const table = screen.getByRole('table', { name: `TCB ${name}` });
  const out: Record<string, string> = {};
  for (const row of within(table).getAllByRole('row')) {
    const key = within(row).getByRole('rowheader').textContent ?? '';
    out[key] = within(row).getByRole('cell').textContent ?? '';
  }
  return out;
}

const narration = () => screen.getByTestId('narration').textContent ?? '';
const seek = (store: AppStore, i: number) => act(() => store.getState().seek(i));

describe('endpoint cards (hand-derived from RFC 9293 figure 6: A ISS 100, B ISS 300)', () => {
  it('before anything happens every value is "—": there is no TCB (CLOSED)', () => {
    const store = setup('rfc9293-fig6');
    seek(store, -1);
    for (const v of Object.values(card('A'))) expect(v).toBe('—');
    for (const v of Object.values(card('B'))) expect(v).toBe('—');
  });

  it('in SYN-SENT, A knows ISS, SND.UNA, SND.NXT but not IRS, RCV.NXT, SND.WND (nothing heard yet)', () => {
    const store = setup('rfc9293-fig6');
    seek(
      store,
      eventIndex(store, (e) => e.type === 'state' && e.endpoint === 'A' && e.to === 'SYN-SENT'),
    );
    expect(card('A')).toMatchObject({
      ISS: '100',
      'SND.UNA': '100',
      'SND.NXT': '101',
      IRS: '—',
      'RCV.NXT': '—',
      'SND.WND': '—',
      RTO: '1000 ms',
    });
  });

  it('last event: A shows SND.UNA = 201 and no retransmission timer, as the narration says', () => {
    const store = setup('rfc9293-fig6');
    const last = store.getState().timeline.trace.events.length - 1;
    seek(store, last);
    expect(narration()).toMatch(/SND\.UNA=201/);
    expect(card('A')).toMatchObject({ 'SND.UNA': '201', 'SND.NXT': '201', IRS: '300', 'RCV.NXT': '301' });
    const timers = screen.getByRole('table', { name: 'Timers of A' });
    const rtx = within(timers).getByRole('rowheader', { name: /retransmission/i })
      .parentElement as HTMLElement;
    expect(rtx).toHaveTextContent(/not armed/);
    expect(rtx).not.toHaveTextContent(/in [\d.]+ ms/);
  });

  it('after the TCB is deleted (RST in connection-refused) A shows "—", and no narration says ISS=0', () => {
    const store = setup('connection-refused');
    const events = store.getState().timeline.trace.events;
    for (let i = 0; i < events.length; i++) {
      seek(store, i);
      expect(narration()).not.toMatch(/\b(ISS|IRS|SND\.UNA|SND\.NXT|RCV\.NXT)=0\b/);
    }
    seek(store, events.length - 1);
    expect(Object.values(card('A')).every((v) => v === '—')).toBe(true);
  });
});

const NOTHING_LEARNED = new Set(['syn-timeout', 'connection-refused']);

describe('what the narration says changed is what the cards show (every preset, both profiles)', () => {
  for (const name of PRESET_NAMES) {
    for (const profile of ['rfc', 'linux'] as const) {
      it(`${name} (${profile})`, () => {
        const store = setup(name, profile);
        const events = store.getState().timeline.trace.events;
        let claims = 0;
        events.forEach((e: TraceEvent, i) => {
          if (e.type !== 'deliver') return;
          seek(store, i);
          const said = /Now ([^.]*=[^.]*)\./.exec(narration());
          if (!said) return;
          // At the very event the narration speaks of, and still once its burst is over.
          const now = card(e.to);
          seek(store, burstEnd(events, i));
          const after = card(e.to);
          for (const pair of (said[1] as string).split(', ')) {
            const [k, v] = pair.split('=') as [string, string];
            expect(`${k}=${now[k]}`, `event ${i}`).toBe(`${k}=${v}`);
            expect(`${k}=${after[k]}`, `end of the burst of event ${i}`).toBe(`${k}=${v}`);
            claims++;
          }
        });
        // Each preset delivers at least one segment that changes something worth saying, except the two
        // where A never hears a SYN (a timeout; a RST in SYN-SENT): its TCB learns nothing before it is gone.
        if (NOTHING_LEARNED.has(name)) expect(claims).toBe(0);
        else expect(claims).toBeGreaterThan(0);
      });
    }
  }
});
