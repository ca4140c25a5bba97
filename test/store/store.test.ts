import { readFileSync } from 'node:fs';
/** The store's slices, tested through createAppStore (no React). */
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/store';
import { defaultLang } from '../../src/store/prefs';
import { decodeShare, encodeShare } from '../../src/store/url';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  };
}

describe('playback slice', () => {
  it('starts before the first event, steps, clamps and jumps to the ends', () => {
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    const n = s().timeline.trace.events.length;
    expect(s().cursor).toBe(-1);
    s().step(1);
    expect(s().cursor).toBe(0);
    s().step(-5);
    expect(s().cursor).toBe(-1);
    s().toEnd();
    expect(s().cursor).toBe(n - 1);
    s().step(1);
    expect(s().cursor).toBe(n - 1);
    s().seek(3.7);
    expect(s().cursor).toBe(3);
  });

  it('play from the end starts over; stepping pauses', () => {
    const store = createAppStore();
    const s = store.getState;
    s().toEnd();
    s().play();
    expect(s()).toMatchObject({ cursor: -1, playing: true });
    s().step(1);
    expect(s().playing).toBe(false);
  });
});

describe('scenario slice', () => {
  it('loading a preset recomputes the trace and resets the cursor; undo brings the old one back', () => {
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    s().seek(5);
    s().loadPreset('lost-syn');
    expect(s().presetName).toBe('lost-syn');
    expect(s().cursor).toBe(-1);
    expect(s().timeline.trace.scenario.name).toMatch(/SYN/);
    s().undo();
    expect(s().presetName).toBe('rfc9293-fig6');
    s().redo();
    expect(s().presetName).toBe('lost-syn');
  });

  it('dropping the SYN,ACK by its id adds a drop fault and the trace shows a retransmission', () => {
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    const synAck = s().timeline.trace.events.find(
      (e) => e.type === 'send' && e.segment.flags.join() === 'SYN,ACK',
    );
    expect(synAck?.type).toBe('send');
    s().seek(s().timeline.trace.events.indexOf(synAck as never));
    s().dropSegment((synAck as { id: number }).id);
    expect(s().scenario.faults).toContainEqual({
      drop: { from: 'B', flags: ['SYN', 'ACK'], nth: 1, count: 1 },
    });
    expect(s().presetName).toBeNull();
    const rtx = s().timeline.trace.events.filter((e) => e.type === 'send' && e.retransmission);
    expect(rtx.length).toBeGreaterThan(0);
    expect(s().past).toHaveLength(1);
  });

  it('the second SYN of a lost-syn run is dropped as nth 2', () => {
    const store = createAppStore({ initialPreset: 'lost-syn' });
    const s = store.getState;
    const syns = s().timeline.trace.events.filter(
      (e) => e.type === 'send' && e.segment.flags.join() === 'SYN',
    );
    s().dropSegment((syns[1] as { id: number }).id);
    expect(s().scenario.faults?.at(-1)).toEqual({ drop: { from: 'A', flags: ['SYN'], nth: 2, count: 1 } });
  });

  it('injecting a stale SYN, crashing, and user calls happen just after the cursor event', () => {
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    s().toEnd();
    const t = s().timeline.trace.events[s().cursor]?.t ?? 0;
    s().inject('stale-syn', 'A');
    const inj = s().scenario.faults?.at(-1);
    expect(inj).toMatchObject({
      inject: { at: t + 0.001, from: 'A', segment: { seq: 100 - 1000 + 2 ** 32, flags: ['SYN'] } },
    });
    s().crash('B');
    expect(s().scenario.faults?.at(-1)).toEqual({ crash: { at: t + 0.001, endpoint: 'B' } });
    s().call('A', 'close');
    expect(s().scenario.actions.at(-1)).toEqual({ at: t + 0.001, endpoint: 'A', call: 'close' });
    expect(s().past).toHaveLength(3);
  });

  it('an injected RST at RCV.NXT resets the established peer', () => {
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    s().toEnd();
    s().inject('rst', 'A');
    expect(s().timeline.trace.final.B).toEqual({ state: 'CLOSED', error: 'ECONNRESET' });
  });

  it('network and profile edits recompute; the cursor stays in range', () => {
    const store = createAppStore({ initialPreset: 'lost-syn' });
    const s = store.getState;
    s().toEnd();
    s().setNetwork({ latencyMs: 10 });
    expect(s().timeline.trace.scenario.network.latencyMs).toBe(10);
    expect(s().cursor).toBeLessThanOrEqual(s().timeline.trace.events.length - 1);
    s().setProfile('linux');
    expect(s().timeline.trace.scenario.profile).toBe('linux');
  });

  it('a bad import names the problem and keeps the current scenario', () => {
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    const before = s().scenario;
    expect(s().importJson('{"version": 1, "actions": [{"at": -5, "endpoint": "C", "call": "listen"}]}')).toBe(
      false,
    );
    expect(s().scenario).toBe(before);
    expect(s().problem?.source).toBe('import');
    expect(s().problem?.issues.map((i) => i.path)).toEqual(['$.actions[0].at', '$.actions[0].endpoint']);
    expect(s().importJson('{ not json')).toBe(false);
    expect(s().problem?.issues[0]?.path).toBe('$');
    expect(s().importJson(s().exportJson())).toBe(true);
    expect(s().problem).toBeNull();
  });
});

describe('share URL', () => {
  it('round-trips a modified scenario and the cursor', () => {
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    s().seek(4);
    s().setNetwork({ lossRate: 0.25 });
    s().seek(7);
    const hash = s().shareHash();
    expect(hash).toMatch(/^#s=/);
    const other = createAppStore({ initialPreset: 'lost-syn' });
    expect(other.getState().openShared(hash)).toBe(true);
    expect(other.getState().scenario).toEqual(s().scenario);
    expect(other.getState().cursor).toBe(7);
    expect(JSON.stringify(other.getState().timeline.trace)).toBe(JSON.stringify(s().timeline.trace));
  });

  it('an unmodified preset shares as a short link', () => {
    const store = createAppStore({ initialPreset: 'lost-syn-ack' });
    store.getState().seek(6);
    expect(store.getState().shareHash()).toBe('#p=lost-syn-ack&c=6');
  });

  it('bad links leave the app as it was and say what is wrong', () => {
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    const before = s().scenario;
    for (const [hash, path] of [
      ['#p=no-such-preset', 'link p'],
      ['#s=%%%', 'link s'],
      ['#s=eyJ2ZXJzaW9uIjo', 'link s'],
      ['#c=abc&p=lost-syn', 'link c'],
      [`#s=${btoa('{"version":2,"actions":[]}')}`, '$.version'],
      ['#x=1', 'link'],
    ] as const) {
      expect(s().openShared(hash)).toBe(false);
      expect(s().problem?.issues[0]?.path).toBe(path);
      expect(s().scenario).toBe(before);
    }
    expect(s().openShared('')).toBe(true);
  });

  it('decode(encode(x)) is x, including non-ASCII names', () => {
    const value = {
      scenario: { version: 1 as const, name: '三次握手 ✓', actions: [] },
      presetName: null,
      cursor: 3,
    };
    const decoded = decodeShare(encodeShare(value));
    expect(decoded).toEqual({ ok: true, value });
  });
});

describe('preferences slice', () => {
  it('defaults the language from the browser and remembers choices', () => {
    expect(defaultLang(['zh-TW', 'en'])).toBe('zh-CN');
    expect(defaultLang(['fr', 'en-GB'])).toBe('en');
    expect(defaultLang([])).toBe('en');
    const storage = memoryStorage();
    const store = createAppStore({ storage, languages: ['zh-CN'] });
    expect(store.getState().lang).toBe('zh-CN');
    store.getState().setLang('en');
    store.getState().setTheme('dark');
    store.getState().setPresenter(true);
    const again = createAppStore({ storage, languages: ['zh-CN'] });
    // Presenter mode shows its own (high-contrast light) theme; the dark choice waits for leaving it.
    expect(again.getState()).toMatchObject({
      lang: 'en',
      theme: 'light',
      themeChoice: 'dark',
      presenter: true,
    });
    again.getState().setPresenter(false);
    expect(again.getState().theme).toBe('dark');
  });

  it('ignores corrupt stored preferences', () => {
    const storage = memoryStorage();
    storage.setItem('synack.prefs', '{"lang":"klingon","theme":7');
    expect(createAppStore({ storage, languages: ['en'] }).getState()).toMatchObject({
      lang: 'en',
      theme: 'light',
    });
  });
});

describe('capture import', () => {
  const bytes = (file: string) => new Uint8Array(readFileSync(`test/fixtures/${file}`));

  it('a pcapng becomes the inferred scenario and a comparison; switching profile replays it again', async () => {
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    expect(await s().importFile('linux-normal.pcapng', bytes('linux-normal.pcapng'))).toBe(true);
    expect(s().capture?.streams).toHaveLength(1);
    expect(s().capture?.replay.deviations).toHaveLength(1); // rfc: the extra ACK of a 4-segment close
    expect(s().presetName).toBeNull();
    expect(s().timeline.trace.scenario.endpoints.B.port).toBe(8080);
    s().setProfile('linux');
    expect(s().capture?.replay.deviations).toEqual([]);
    expect(s().timeline.trace.scenario.profile).toBe('linux');
    s().loadPreset('lost-syn');
    expect(s().capture).toBeNull();
  });

  it('a JSON scenario file is still a scenario; a broken capture names the frame; the app keeps what it had', async () => {
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    const before = s().scenario;
    const cut = bytes('linux-normal.pcap').subarray(0, 150);
    expect(await s().importFile('cut.pcap', cut)).toBe(false);
    expect(s().problem?.issues[0]?.path).toBe('cut.pcap');
    expect(s().problem?.issues[0]?.message).toMatch(/frame \d+/);
    expect(s().scenario).toBe(before);
    expect(await s().importFile('x.bin', new Uint8Array([0xff, 0xfe, 0x00, 0x80]))).toBe(false);
    expect(s().problem?.issues[0]?.message).toMatch(/neither a scenario/);
    const json = new TextEncoder().encode(
      JSON.stringify({ version: 1, actions: [{ at: 0, endpoint: 'B', call: 'listen' }] }),
    );
    expect(await s().importFile('s.json', json)).toBe(true);
    expect(s().capture).toBeNull();
  });
});
