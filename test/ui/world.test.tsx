// @vitest-environment jsdom
/**
 * The page showing a world (a version 2 scenario, issue 12), checked against facts taken from the scenario
 * files themselves and from the engine's own run (runWorld), never from the view under test:
 * - one lifeline per host of the file, headed by its name and address;
 * - each connect's SYN drawn from the connecting host to the `to` host, with the engine's ports;
 * - the legend names every connection the file opens, with its ports;
 * - an end card per connection end, grouped under its host, with the listener's backlog;
 * - time-wait-reuse-linux: Linux opens c2 with ISS = the old connection's SND.NXT + 65537 (the FIN's seq + 1,
 *   since a FIN occupies one sequence number; docs/design/linux-listener.md), read off the FIN's arrow;
 * - the narration names the host and the connection, in English and in Chinese.
 */
import '@testing-library/jest-dom/vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConnectAction, ScenarioV2Input } from '../../src/scenarios/typesV2';
import type { AppStore } from '../../src/store';
import type { SendEventV2 } from '../../src/tcp/traceV2';
import { runWorld } from '../../src/tcp/world';
import { loadLang } from '../../src/ui/i18n';
import { cleanupAfterEach, renderApp } from './helpers';

cleanupAfterEach();

const example = (name: string) =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, '../../docs/examples', `${name}.json`), 'utf8'),
  ) as ScenarioV2Input;

async function openWorld(name: string): Promise<AppStore> {
  const { store } = renderApp('rfc9293-fig6');
  await act(async () => {
    await store.getState().loadWorldPreset(name);
  });
  await screen.findByTestId('world-stage');
  await screen.findByTestId('world-ladder');
  return store;
}

const connects = (s: ScenarioV2Input) => s.actions.filter((a): a is ConnectAction => a.call === 'connect');

const sendIndex = (store: AppStore, test: (e: SendEventV2) => boolean) => {
  const events = store.getState().world?.view.events ?? [];
  return events.findIndex((e) => e.type === 'send' && test(e as SendEventV2));
};

describe('a world on the page', () => {
  it('three clients, one server: a lifeline per host, each SYN between the right hosts, the legend', async () => {
    const file = example('three-clients-one-server');
    const engine = runWorld(file);
    const store = await openWorld('three-clients-one-server');
    act(() => store.getState().toEnd());

    const ladder = screen.getByTestId('world-ladder');
    const lifelines = [...ladder.querySelectorAll('[data-lifeline]')];
    expect(lifelines.map((l) => l.getAttribute('data-lifeline'))).toEqual(Object.keys(file.hosts));
    for (const l of lifelines) {
      const host = l.getAttribute('data-lifeline') as string;
      expect(l).toHaveTextContent(`${host}${file.hosts[host]?.address}`);
    }

    // The diagram shows the last rows; go to each SYN to see it.
    for (const c of connects(file)) {
      const [toHost, toPort] = c.to.split(':');
      const clientPort = engine.connections[c.conn]?.client.local.port;
      const at = sendIndex(store, (e) => e.conn === c.conn && e.segment.flags.join(',') === 'SYN');
      act(() => store.getState().seek(at));
      const syn = ladder.querySelector(`[data-conn="${c.conn}"][data-flags="SYN"]`);
      expect(syn?.getAttribute('data-from')).toBe(c.host);
      expect(syn?.getAttribute('data-to')).toBe(toHost);
      expect(syn?.getAttribute('data-ports')).toBe(`${clientPort}>${toPort}`);
      expect(syn?.querySelector('title')).toHaveTextContent(
        `${c.conn}: ${c.host}:${clientPort} → ${toHost}:${toPort}, SYN seq=`,
      );
    }

    const legend = screen.getByRole('region', { name: 'Connections' });
    const items = within(legend).getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('data-conn'))).toEqual(connects(file).map((c) => c.conn));
    for (const c of connects(file)) {
      const port = engine.connections[c.conn]?.client.local.port;
      expect(within(legend).getByText(`${c.host} :${port} → server :80`)).toBeInTheDocument();
    }
  });

  it('end cards are grouped by host; the listener shows its backlog and accept queue', async () => {
    const file = example('backlog-full-linux');
    const store = await openWorld('backlog-full-linux');
    // Once c2's handshake is done, both connections wait in the queue of backlog 1 (Linux admits backlog + 1).
    const at = store.getState().world?.view.events.findIndex((e) => e.t >= 300) as number;
    act(() => store.getState().seek(at - 1));
    const server = screen.getByRole('article', { name: /^server/ });
    const listen = file.actions.find((a) => a.call === 'listen') as { backlog: number; port: number };
    expect(within(server).getByText(new RegExp(`listens on :${listen.port}`))).toHaveTextContent(
      `backlog ${listen.backlog} · 2 waiting to be accepted`,
    );
    expect([...server.querySelectorAll('[data-end]')].map((e) => e.getAttribute('data-end'))).toEqual([
      'server/c1',
      'server/c2',
    ]);
    for (const client of ['client1', 'client2']) {
      const card = screen.getByRole('article', { name: new RegExp(`^${client}`) });
      expect(card.querySelectorAll('[data-end]')).toHaveLength(1);
      expect(within(card).getByText('ESTABLISHED')).toBeInTheDocument();
    }
    expect(screen.getByRole('article', { name: /^client3/ })).toHaveTextContent('No connection yet.');
  });

  it('TIME-WAIT reuse (Linux): the server end of c2 has ISS = the old SND.NXT + 65537, as its card shows', async () => {
    const store = await openWorld('time-wait-reuse-linux');
    const fin = sendIndex(
      store,
      (e) => e.conn === 'c1' && e.host === 'server' && e.segment.flags.includes('FIN'),
    );
    act(() => store.getState().seek(fin));
    const arrow = screen
      .getByTestId('world-ladder')
      .querySelector(`[data-conn="c1"][data-from="server"][data-flags*="FIN"]`);
    const finSeq = Number(/seq=(\d+)/.exec(arrow?.textContent ?? '')?.[1]);
    expect(finSeq).toBeGreaterThan(0);

    const synAck = sendIndex(store, (e) => e.conn === 'c2' && e.segment.flags.join(',') === 'SYN,ACK');
    act(() => store.getState().seek(synAck));
    const card = document.querySelector('[data-end="server/c2"]') as HTMLElement;
    const iss = within(card).getByText('ISS').parentElement?.querySelector('dd');
    expect(Number(iss?.textContent)).toBe((finSeq + 1 + 65537) >>> 0);
    expect(screen.getByTestId('narration')).toHaveTextContent(
      `server sends SYN,ACK seq=${(finSeq + 1 + 65537) >>> 0}`,
    );
  });

  it('narrates at the host and the connection, in English and in Chinese', async () => {
    const store = await openWorld('three-clients-one-server');
    expect(screen.getByTestId('narration')).toHaveTextContent(
      'Press Play to run “Three clients, one server”: 4 hosts, 3 connections.',
    );
    const events = store.getState().world?.view.events ?? [];
    const arrives = events.findIndex((e) => e.type === 'deliver' && e.conn === 'c2' && e.state === 'LISTEN');
    act(() => store.getState().seek(arrives));
    const syn = events.find((e) => e.type === 'send' && e.conn === 'c2') as SendEventV2;
    expect(screen.getByTestId('narration')).toHaveTextContent(
      new RegExp(
        `^server receives SYN seq=${syn.segment.seq} on c2 in LISTEN\\. SYN arrives in LISTEN.*It answers SYN,ACK seq=\\d+ ack=${syn.segment.seq + 1}\\..*— RFC 9293 §3\\.10\\.7\\.2$`,
      ),
    );
    await act(async () => {
      store.getState().setLang('zh-CN');
      await loadLang('zh-CN');
    });
    await waitFor(() =>
      expect(screen.getByTestId('narration')).toHaveTextContent(
        new RegExp(`^server 在 c2 上收到 SYN seq=${syn.segment.seq}，此时处于 LISTEN 状态。`),
      ),
    );
    expect(screen.getByRole('region', { name: '连接' })).toBeInTheDocument();
    expect(screen.getByRole('article', { name: /^server/ })).toHaveTextContent('在 :80 上监听');
  });

  it('opening a v1 preset shows v1’s page again, as before', async () => {
    const store = await openWorld('server-crash-three');
    act(() => store.getState().loadPreset('rfc9293-fig6'));
    await waitFor(() => expect(screen.queryByTestId('world-stage')).toBeNull());
    expect(screen.getByRole('article', { name: /^A/ })).toBeInTheDocument();
  });
});
