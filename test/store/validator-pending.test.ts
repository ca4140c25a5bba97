/**
 * The page loads the scenario validator after its first paint (src/store/validator.ts). A link or a file
 * that arrives before it must still open — or be refused with the same problem as always — once it has,
 * in the order they came; if it never loads, the problem says so and nothing changes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/store';
import { decodeShare, linkHoldsScenario } from '../../src/store/url';
import {
  forgetValidatorForTests,
  loadValidator,
  type Validator,
  validatorIfLoaded,
} from '../../src/store/validator';

/**
 * Figure 6's handshake written by hand with other ISNs (A 7, B 9000): whatever opens it must run A's
 * SYN seq=7, then B's SYN,ACK seq=9000 ack=8 (RFC 9293 §3.5: each side acknowledges the other's ISN + 1).
 */
const HANDSHAKE = {
  version: 1,
  name: 'Handshake by hand',
  endpoints: { A: { isn: 7 }, B: { isn: 9000 } },
  actions: [
    { at: 0, endpoint: 'B', call: 'listen' },
    { at: 10, endpoint: 'A', call: 'connect' },
  ],
};
const HANDSHAKE_JSON = JSON.stringify(HANDSHAKE);
/** A loss rate of 7 is out of range: the validator says so at `$.network.lossRate`. */
const BAD_JSON = '{"version":1,"network":{"lossRate":7},"actions":[]}';

const toBase64Url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const scenarioLink = (json: string, cursor: number) => `#s=${toBase64Url(json)}&c=${cursor}`;

/** The real validator, handed over only when the test says so (as a slow network would). */
function gatedValidator() {
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let requests = 0;
  forgetValidatorForTests(async () => {
    requests++;
    await gate;
    return import('../../src/scenarios/validate');
  });
  return {
    requests: () => requests,
    /** Let the validator arrive; resolves once everything that waited for it has run. */
    arrive: async (): Promise<Validator> => {
      open();
      return loadValidator();
    },
  };
}

function handshakeSegments(store: ReturnType<typeof createAppStore>) {
  return store
    .getState()
    .timeline.trace.events.flatMap((e) =>
      e.type === 'send'
        ? [`${e.from} ${e.segment.flags.join(',')} seq=${e.segment.seq} ack=${e.segment.ack}`]
        : [],
    )
    .slice(0, 2);
}

afterEach(async () => {
  // Back to a loaded validator, as the setup file leaves it for every other test.
  forgetValidatorForTests();
  await loadValidator();
});

describe('before the validator has loaded', () => {
  it('nothing is loaded until asked, and a link or a file asks for it once', async () => {
    const validator = gatedValidator();
    expect(validatorIfLoaded()).toBeNull();
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    expect(validator.requests()).toBe(0);
    store.getState().importJson(HANDSHAKE_JSON);
    store.getState().openShared(scenarioLink(HANDSHAKE_JSON, 2));
    expect(validator.requests()).toBe(1);
    await validator.arrive();
    expect(validatorIfLoaded()).not.toBeNull();
    expect(validator.requests()).toBe(1);
  });

  it('an imported scenario opens once it arrives, recorded for undo', async () => {
    const validator = gatedValidator();
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    const fig6 = s().scenario;
    // True: nothing is wrong yet. Nothing has changed either.
    expect(s().importJson(HANDSHAKE_JSON)).toBe(true);
    expect(s().scenario).toBe(fig6);
    expect(s().problem).toBeNull();
    await validator.arrive();
    expect(s().scenario).toEqual(HANDSHAKE);
    expect(s().presetName).toBeNull();
    expect(handshakeSegments(store)).toEqual(['A SYN seq=7 ack=0', 'B SYN,ACK seq=9000 ack=8']);
    s().undo();
    expect(s().scenario).toBe(fig6);
    expect(s().presetName).toBe('rfc9293-fig6');
  });

  it('a bad file is refused once it arrives, with the same problem as always', async () => {
    const validator = gatedValidator();
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    const fig6 = s().scenario;
    expect(s().importJson(BAD_JSON)).toBe(true);
    expect(s().problem).toBeNull();
    await validator.arrive();
    expect(s().problem).toEqual({
      source: 'import',
      issueCount: 1,
      issues: [
        expect.objectContaining({
          path: '$.network.lossRate',
          code: 'invalid-value',
          message: 'expected a number from 0 to 1, got 7',
        }),
      ],
    });
    expect(s().scenario).toBe(fig6);
    expect(s().past).toEqual([]);
  });

  it('a #s= link opens once it arrives, at its event, not recorded for undo', async () => {
    const validator = gatedValidator();
    const store = createAppStore({ initialPreset: 'lost-syn' });
    const s = store.getState;
    const lostSyn = s().scenario;
    expect(s().openShared(scenarioLink(HANDSHAKE_JSON, 2))).toBe(true);
    expect(s().scenario).toBe(lostSyn);
    await validator.arrive();
    expect(s().scenario).toEqual(HANDSHAKE);
    expect(s().cursor).toBe(2);
    expect(s().problem).toBeNull();
    expect(s().past).toEqual([]);
    expect(handshakeSegments(store)).toEqual(['A SYN seq=7 ack=0', 'B SYN,ACK seq=9000 ack=8']);
  });

  it('a #s= link whose scenario is bad is refused once it arrives, naming the JSON path', async () => {
    const validator = gatedValidator();
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    const fig6 = s().scenario;
    expect(s().openShared(scenarioLink(BAD_JSON, 0))).toBe(true);
    await validator.arrive();
    expect(s().problem?.source).toBe('url');
    expect(s().problem?.issues.map((i) => [i.path, i.message])).toEqual([
      ['$.network.lossRate', 'expected a number from 0 to 1, got 7'],
    ]);
    expect(s().scenario).toBe(fig6);
  });

  it('a link that is broken before its scenario is read is refused at once, without the validator', () => {
    const validator = gatedValidator();
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    for (const [hash, path] of [
      ['#s=eyJ2ZXJzaW9uIjo', 'link s'], // base64url of `{"version":` cut short: not JSON
      ['#s=%%%', 'link s'],
      [`${scenarioLink(HANDSHAKE_JSON, 0)}&lang=fr`, 'link lang'],
    ] as const) {
      expect(s().openShared(hash)).toBe(false);
      expect(s().problem?.issues[0]?.path).toBe(path);
    }
    expect(validator.requests()).toBe(0);
  });

  it('a preset link needs no validator: it opens at once', () => {
    const validator = gatedValidator();
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    expect(store.getState().openShared('#p=lost-syn&c=3')).toBe(true);
    expect(store.getState()).toMatchObject({ presetName: 'lost-syn', cursor: 3 });
    expect(validator.requests()).toBe(0);
  });

  it('what waits is applied in the order it came; what the user did meanwhile stays one undo away', async () => {
    const validator = gatedValidator();
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    const edited = { ...HANDSHAKE, name: 'Handshake by hand, edited' };
    s().openShared(scenarioLink(HANDSHAKE_JSON, 1));
    s().loadPreset('lost-syn'); // a click while the link waits
    s().importJson(JSON.stringify(edited));
    expect(s().presetName).toBe('lost-syn');
    await validator.arrive();
    expect(s().scenario).toEqual(edited);
    s().undo();
    expect(s().scenario).toEqual(HANDSHAKE);
    s().undo();
    expect(s().presetName).toBe('lost-syn');
    s().undo();
    expect(s().presetName).toBe('rfc9293-fig6');
  });

  it('importFile resolves once the file is open, not while the validator is on its way', async () => {
    const validator = gatedValidator();
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    let settled = false;
    const done = s()
      .importFile('handshake.json', new TextEncoder().encode(HANDSHAKE_JSON))
      .then((ok) => {
        settled = true;
        return ok;
      });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(settled).toBe(false);
    await validator.arrive();
    expect(await done).toBe(true);
    expect(s().scenario).toEqual(HANDSHAKE);
  });
});

describe('when the validator cannot be loaded', () => {
  const offline = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));

  it('a file or a #s= link changes nothing and the problem says the validator did not load', async () => {
    forgetValidatorForTests(offline);
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    const fig6 = s().scenario;
    expect(await s().importFile('handshake.json', new TextEncoder().encode(HANDSHAKE_JSON))).toBe(false);
    const expected = {
      source: 'load',
      issues: [
        expect.objectContaining({
          path: '$',
          code: 'unreadable',
          message: 'could not read the scenario: TypeError: Failed to fetch dynamically imported module',
        }),
      ],
    };
    expect(s().problem).toEqual(expected);
    s().dismissProblem();
    expect(s().openShared(scenarioLink(HANDSHAKE_JSON, 0))).toBe(true);
    await loadValidator().catch(() => undefined);
    expect(s().problem).toEqual(expected);
    expect(s().scenario).toBe(fig6);
    expect(s().past).toEqual([]);
  });

  it('a failed load is tried again next time: the same file then opens', async () => {
    let attempts = 0;
    forgetValidatorForTests(() => (attempts++ === 0 ? offline() : import('../../src/scenarios/validate')));
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    const file = new TextEncoder().encode(HANDSHAKE_JSON);
    expect(await s().importFile('handshake.json', file)).toBe(false);
    expect(s().problem?.source).toBe('load');
    expect(await s().importFile('handshake.json', file)).toBe(true);
    expect(s().problem).toBeNull();
    expect(s().scenario).toEqual(HANDSHAKE);
    expect(attempts).toBe(2);
  });
});

describe('decodeShare without a validator', () => {
  it("a well-formed #s= link is 'pending'; a preset link decodes as always", () => {
    expect(decodeShare(scenarioLink(HANDSHAKE_JSON, 0), null)).toEqual({ ok: 'pending' });
    expect(decodeShare('#p=lost-syn&c=2', null)).toMatchObject({
      ok: true,
      value: { presetName: 'lost-syn', cursor: 2 },
    });
  });

  it('linkHoldsScenario is true only for a link whose scenario is in it', () => {
    expect(linkHoldsScenario(scenarioLink(HANDSHAKE_JSON, 0))).toBe(true);
    expect(linkHoldsScenario('s=abc')).toBe(true);
    expect(linkHoldsScenario('#p=lost-syn&c=2')).toBe(false);
    expect(linkHoldsScenario('')).toBe(false);
    expect(linkHoldsScenario('#c=3&lang=zh-CN')).toBe(false);
  });
});
