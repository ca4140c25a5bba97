import { readFileSync } from 'node:fs';
/** The store's slices, tested through createAppStore (no React). */
import { describe, expect, it } from 'vitest';
import { loadPreset } from '../../src/scenarios';
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
      // Neither 1 nor 2 (a version 2 link opens a world, test/store/world.test.ts).
      [`#s=${btoa('{"version":3,"actions":[]}')}`, '$.version'],
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
    // A capture is replayed again under the other profile, as a job (a Web Worker in the page).
    await s().idle();
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
    // FF FE starts UTF-16 text (its byte order mark): named, so the user knows to save it as UTF-8.
    expect(s().problem?.issues[0]?.message).toMatch(/the file is UTF-16; save it as UTF-8/);
    expect(await s().importFile('x.bin', new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]))).toBe(false);
    expect(s().problem?.issues[0]?.message).toMatch(/invalid UTF-8 at byte offset 1/);
    expect(await s().importFile('empty.pcap', new Uint8Array(0))).toBe(false);
    expect(s().problem?.issues[0]?.message).toMatch(/the file is empty/);
    const json = new TextEncoder().encode(
      JSON.stringify({ version: 1, actions: [{ at: 0, endpoint: 'B', call: 'listen' }] }),
    );
    expect(await s().importFile('s.json', json)).toBe(true);
    expect(s().capture).toBeNull();
  });
});

/** base64url of a scenario, the way the link format writes `s=` (an old link, built by hand). */
function base64Url(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

describe('a profile switch is not an edit', () => {
  it('a preset under Linux keeps its name and title, records nothing for undo, and links as #p=…&profile=linux', () => {
    const store = createAppStore({ initialPreset: 'lost-syn-ack', languages: ['en'] });
    const s = store.getState;
    s().seek(6);
    s().setProfile('linux');
    expect(s().timeline.trace.scenario.profile).toBe('linux');
    expect(s().presetName).toBe('lost-syn-ack');
    expect(s().timeline.trace.scenario.name).toBe('Lost SYN,ACK');
    expect(s().editedFrom).toBeNull();
    expect(s().past).toHaveLength(0);
    expect(s().future).toHaveLength(0);
    expect(s().cursor).toBe(6);
    expect(s().shareHash()).toBe('#p=lost-syn-ack&profile=linux&c=6');
    expect(s().shareHash({ withLang: true })).toBe('#p=lost-syn-ack&profile=linux&c=6&lang=en');
    s().setLang('zh-CN');
    expect(s().shareHash({ withLang: true })).toBe('#p=lost-syn-ack&profile=linux&c=6&lang=zh-CN');
    // Back to the preset's own profile: the plain short link.
    s().setProfile('rfc');
    expect(s().shareHash()).toBe('#p=lost-syn-ack&c=6');
    expect(s().past).toHaveLength(0);
  });

  it('a Linux preset switched to RFC links with profile=rfc', () => {
    const store = createAppStore({ initialPreset: 'linux-lost-syn-ack' });
    store.getState().setProfile('rfc');
    expect(store.getState().shareHash()).toBe('#p=linux-lost-syn-ack&profile=rfc&c=-1');
  });

  it('undo and redo change the scenario, not the profile chosen', () => {
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    s().dropSegment(2);
    expect(s().past).toHaveLength(1);
    s().setProfile('linux');
    expect(s().past).toHaveLength(1);
    expect(s().editedFrom).toEqual({ kind: 'preset', name: 'rfc9293-fig6' });
    s().undo();
    expect(s().presetName).toBe('rfc9293-fig6');
    expect(s().editedFrom).toBeNull();
    expect(s().timeline.trace.scenario.profile).toBe('linux');
    expect(s().shareHash()).toBe('#p=rfc9293-fig6&profile=linux&c=-1');
    s().redo();
    expect(s().presetName).toBeNull();
    expect(s().scenario.faults).toEqual([{ drop: { from: 'B', flags: ['SYN', 'ACK'], nth: 1, count: 1 } }]);
    expect(s().timeline.trace.scenario.profile).toBe('linux');
  });
});

describe('share links: every format opens', () => {
  it('#p=…&profile=linux&c=…&lang=zh-CN opens the preset under Linux, at the event, in Chinese, with no undo entry', () => {
    const store = createAppStore({ initialPreset: 'rfc9293-fig6', languages: ['en'] });
    const s = store.getState;
    expect(s().openShared('#p=lost-syn-ack&profile=linux&c=6&lang=zh-CN')).toBe(true);
    expect(s()).toMatchObject({ presetName: 'lost-syn-ack', cursor: 6, lang: 'zh-CN', problem: null });
    expect(s().timeline.trace.scenario.profile).toBe('linux');
    expect(s().past).toHaveLength(0);
    // The address bar's link (no language) and the shared one.
    expect(s().shareHash()).toBe('#p=lost-syn-ack&profile=linux&c=6');
    expect(s().shareHash({ withLang: true })).toBe('#p=lost-syn-ack&profile=linux&c=6&lang=zh-CN');
  });

  it('decodes the formats written before: #p=…&c=…, #p=… alone, and a preset under the other profile as #s=…', () => {
    expect(decodeShare('#p=lost-syn&c=4')).toMatchObject({
      ok: true,
      value: { presetName: 'lost-syn', cursor: 4 },
    });
    expect(decodeShare('#p=lost-syn')).toMatchObject({
      ok: true,
      value: { presetName: 'lost-syn', cursor: -1 },
    });
    // Before `profile=` existed, switching a preset to Linux made it a custom scenario, shared in full.
    const oldLink = `#s=${base64Url({ ...loadPreset('lost-syn-ack'), profile: 'linux' })}&c=3`;
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    expect(s().openShared(oldLink)).toBe(true);
    expect(s().presetName).toBe('lost-syn-ack');
    expect(s().timeline.trace.scenario.profile).toBe('linux');
    expect(s().shareHash()).toBe('#p=lost-syn-ack&profile=linux&c=3');
  });

  it('an edited preset shared as #s=… opens as an edit of that preset', () => {
    const edited = { ...loadPreset('rfc9293-fig6'), faults: [{ crash: { at: 50, endpoint: 'B' } }] };
    const decoded = decodeShare(`#s=${base64Url(edited)}&c=2`);
    expect(decoded).toMatchObject({
      ok: true,
      value: { presetName: null, editedFrom: 'rfc9293-fig6', cursor: 2 },
    });
    const store = createAppStore({ initialPreset: 'lost-syn' });
    store.getState().openShared(`#s=${base64Url(edited)}&c=2`);
    expect(store.getState().editedFrom).toEqual({ kind: 'preset', name: 'rfc9293-fig6' });
  });

  it('round-trips preset links with and without profile and language', () => {
    for (const hash of [
      '#p=lost-syn-ack&c=6',
      '#p=lost-syn-ack&profile=linux&c=6',
      '#p=lost-syn-ack&profile=linux&c=6&lang=zh-CN',
      '#p=rfc9293-fig6&c=-1&lang=en',
      '#p=linux-lost-syn-ack&profile=rfc&c=0',
    ]) {
      const decoded = decodeShare(hash);
      if (decoded.ok !== true) throw new Error(`${hash} did not decode`);
      expect(encodeShare(decoded.value)).toBe(hash);
    }
  });

  it('a bad profile or language names its parameter', () => {
    expect(decodeShare('#p=lost-syn&profile=bsd&c=1')).toEqual({
      ok: false,
      issues: [
        {
          path: 'link profile',
          message: 'expected one of "rfc", "linux", got "bsd"',
          code: 'bad-link',
          expected: { kind: 'one-of', options: ['rfc', 'linux'] },
          got: { kind: 'value', json: '"bsd"' },
        },
      ],
    });
    expect(decodeShare('#p=lost-syn&c=1&lang=fr')).toEqual({
      ok: false,
      issues: [
        {
          path: 'link lang',
          message: 'expected one of "en", "zh-CN", got "fr"',
          code: 'bad-link',
          expected: { kind: 'one-of', options: ['en', 'zh-CN'] },
          got: { kind: 'value', json: '"fr"' },
        },
      ],
    });
  });
});

describe('capture comparison and undo', () => {
  const bytes = (file: string) => new Uint8Array(readFileSync(`test/fixtures/${file}`));

  it('an edit ends the comparison; undo brings it back, redo ends it again', async () => {
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    expect(await s().importFile('linux-normal.pcapng', bytes('linux-normal.pcapng'))).toBe(true);
    const view = s().capture;
    expect(s().past).toHaveLength(1);
    // Named after the file, not "Capture: 127.0.0.1:… → …, 10 packets, SYN seen, FIN seen".
    expect(s().timeline.trace.scenario.name).toBe('linux-normal.pcapng');
    s().toEnd();
    s().crash('B');
    expect(s().capture).toBeNull();
    expect(s().editedFrom).toEqual({ kind: 'capture', fileName: 'linux-normal.pcapng' });
    expect(s().past).toHaveLength(2);
    s().undo();
    expect(s().capture).toBe(view);
    expect(s().capture?.replay.deviations).toHaveLength(1); // RFC: the extra ACK of a 4-segment close
    expect(s().editedFrom).toBeNull();
    s().redo();
    expect(s().capture).toBeNull();
    s().undo();
    // The profile switch replays the capture and is not recorded; undo after an edit replays under Linux.
    s().setProfile('linux');
    await s().idle();
    expect(s().past).toHaveLength(1);
    expect(s().capture?.replay.deviations).toEqual([]);
    s().crash('B');
    s().undo();
    expect(s().capture?.fileName).toBe('linux-normal.pcapng');
    expect(s().capture?.replay.deviations).toEqual([]);
    expect(s().timeline.trace.scenario.profile).toBe('linux');
    // Undoing the import brings the preset back, under the profile chosen.
    s().undo();
    expect(s()).toMatchObject({ presetName: 'rfc9293-fig6', capture: null });
    expect(s().timeline.trace.scenario.profile).toBe('linux');
  });
});
