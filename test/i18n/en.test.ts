import { describe, expect, it } from 'vitest';
import { type Catalog, citation, en } from '../../src/i18n';
import { EXPLAIN_KEYS, STATES } from '../../src/tcp';

describe('English catalog', () => {
  it('has a sentence for every explanation key the engine emits', () => {
    for (const key of EXPLAIN_KEYS) {
      const sentence: string = en.explain[key];
      expect(sentence, key).toMatch(/^\S.*[.?!]$/);
    }
  });

  it('has no sentence for a key the engine does not know', () => {
    expect(Object.keys(en.explain).sort()).toEqual([...EXPLAIN_KEYS].sort());
  });

  it('describes every RFC 9293 state', () => {
    for (const state of STATES) expect(en.states[state].length, state).toBeGreaterThan(0);
  });

  it('names every application error', () => {
    expect(en.errors.ECONNREFUSED).toBe('connection refused');
    for (const text of Object.values(en.errors)) expect(text.length).toBeGreaterThan(0);
  });

  it('is a Catalog, the type another language must satisfy', () => {
    const catalog: Catalog = en;
    // @ts-expect-error a catalog missing a section fails the typecheck
    const missing: Catalog = { ...en, errors: undefined };
    expect(catalog.timers.retransmission).toBe('retransmission timer');
    expect(missing).toBeDefined();
  });
});

describe('citation', () => {
  it('reads a bare section as RFC 9293', () => {
    expect(citation('3.10.7.2')).toBe('RFC 9293 §3.10.7.2');
  });
  it('keeps another RFC as written', () => {
    expect(citation('RFC 5961 §4.2')).toBe('RFC 5961 §4.2');
  });
  it('names a Linux function as Linux', () => {
    expect(citation('tcp_check_req')).toBe('Linux tcp_check_req');
  });
  it('is empty for no reference', () => {
    expect(citation('')).toBe('');
  });
});
