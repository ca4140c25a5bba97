/**
 * Version 2 scenarios in the page's store (issue 12): a multi-connection preset, a file and a link open a
 * world, run by the world engine in the runner (here the page-thread runner, as in jsdom); a bad v2 file or
 * link is refused with v2's validator issue at its JSON path and nothing changes; playback steps through the
 * world's events; a v1 preset closes it. Oracles: the scenario files themselves (hosts, connects, ports) and
 * the engine's own run of the same file (runWorld), never the view being tested.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORLD_PRESET_NAMES } from '../../src/scenarios/worldPresetNames';
import { loadWorldPreset } from '../../src/scenarios/worldPresets';
import { createAppStore } from '../../src/store';
import { toBase64Url } from '../../src/store/url';
import { runWorld } from '../../src/tcp/world';

const EXAMPLES = join(import.meta.dirname, '../../docs/examples');
const file = (name: string) => readFileSync(join(EXAMPLES, `${name}.json`), 'utf8');
const bytes = (text: string) => new TextEncoder().encode(text);

describe('worlds in the store', () => {
  it('every multi-connection preset is the docs/examples file of its name', () => {
    for (const name of WORLD_PRESET_NAMES) expect(loadWorldPreset(name)).toEqual(JSON.parse(file(name)));
  });

  it('a preset opens as a world with the engine’s trace; v1 stays underneath and comes back with a v1 preset', async () => {
    const store = createAppStore();
    const before = store.getState().timeline;
    expect(await store.getState().loadWorldPreset('three-clients-one-server')).toBe(true);
    const world = store.getState().world;
    expect(world?.presetName).toBe('three-clients-one-server');
    const expected = runWorld(loadWorldPreset('three-clients-one-server') as never);
    expect(world?.view.trace.events).toEqual(expected.events);
    expect(world?.view.hosts.map((h) => h.name)).toEqual(['client1', 'client2', 'client3', 'server']);
    expect(store.getState().cursor).toBe(-1);
    expect(store.getState().timeline).toBe(before);

    store.getState().toEnd();
    expect(store.getState().cursor).toBe(expected.events.length - 1);
    store.getState().step(-1);
    expect(store.getState().cursor).toBe(expected.events.length - 2);

    store.getState().loadPreset('lost-syn');
    expect(store.getState().world).toBeNull();
    expect(store.getState().presetName).toBe('lost-syn');
  });

  it('snapshots at every cursor are the engine’s own (World.snapshotAt), checkpoints or not', async () => {
    const store = createAppStore();
    await store.getState().loadWorldPreset('backlog-full-linux');
    const view = store.getState().world?.view;
    if (!view) throw new Error('no world');
    const { World } = await import('../../src/tcp/world');
    const engine = new World(loadWorldPreset('backlog-full-linux') as never, { snapshots: true });
    engine.run();
    for (let i = -1; i < view.events.length; i += 7) expect(view.snapshotAt(i)).toEqual(engine.snapshotAt(i));
  });

  it('a lesson gives the page back to its v1 scenario', async () => {
    const store = createAppStore();
    await store.getState().loadWorldPreset('server-crash-three');
    await store.getState().openLessonLink('#lesson=handshake&step=1');
    expect(store.getState().lessonRun).not.toBeNull();
    expect(store.getState().world).toBeNull();
  });

  it('a v2 file opens; a bad one names its JSON path and keeps what was shown', async () => {
    const store = createAppStore();
    expect(await store.getState().importFile('three.json', bytes(file('server-crash-three')))).toBe(true);
    expect(store.getState().world?.view.connections.map((c) => c.name)).toEqual(['c1', 'c2', 'c3']);
    expect(store.getState().problem).toBeNull();
    const shown = store.getState().world;

    const bad = JSON.parse(file('three-clients-one-server'));
    bad.actions[6].host = 'proxy';
    expect(await store.getState().importFile('bad.json', bytes(JSON.stringify(bad)))).toBe(false);
    const problem = store.getState().problem;
    expect(problem?.source).toBe('import');
    expect(problem?.issues[0]?.path).toBe('$.actions[6].host');
    expect(problem?.issues[0]?.message).toContain('expected a declared host');
    expect(store.getState().world).toBe(shown);
  });

  it('links: #p= a world preset at an event, #s= a v2 scenario, and the page’s own link round-trips', async () => {
    const store = createAppStore();
    expect(store.getState().openShared('#p=time-wait-reuse-linux&c=5')).toBe(true);
    await store.getState().idle();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().world?.presetName).toBe('time-wait-reuse-linux');
    expect(store.getState().cursor).toBe(5);
    expect(store.getState().shareHash()).toBe('#p=time-wait-reuse-linux&c=5');

    store.getState().setProfile('rfc');
    await store.getState().idle();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().world?.scenario.profile).toBe('rfc');
    expect(store.getState().shareHash()).toBe('#p=time-wait-reuse-linux&profile=rfc&c=5');

    const own = JSON.parse(file('backlog-full-linux'));
    own.name = 'My backlog';
    store.getState().openShared(`#s=${toBase64Url(JSON.stringify(own))}&c=2`);
    await store.getState().idle();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().world?.presetName).toBeNull();
    expect(store.getState().world?.scenario.name).toBe('My backlog');
    expect(store.getState().cursor).toBe(2);
    const again = createAppStore();
    again.getState().openShared(store.getState().shareHash());
    await again.getState().idle();
    await new Promise((r) => setTimeout(r, 0));
    expect(again.getState().world?.scenario).toEqual(own);

    own.hosts.server.address = own.hosts.client1.address;
    const shown = store.getState().world;
    store.getState().openShared(`#s=${toBase64Url(JSON.stringify(own))}`);
    await new Promise((r) => setTimeout(r, 10));
    expect(store.getState().problem?.source).toBe('url');
    expect(store.getState().problem?.issues[0]?.path).toMatch(/^\$\.hosts\.\w+\.address$/);
    expect(store.getState().world).toBe(shown);
  });
});
