/**
 * English explanations and the glossary arrive as a chunk of their own (src/ui/i18n.ts). Before they do,
 * the page has every name and label, and an explanation reads as empty, never as "undefined"; once they
 * have, every explanation key reads its sentence from the whole catalog (en.ts, what the CLI prints).
 */
import { describe, expect, it, vi } from 'vitest';
import { en } from '../../src/i18n/en';
import { EXPLAIN_KEYS } from '../../src/tcp/explain';

describe('English sentences load after the first paint', () => {
  it('before the chunk arrives: names and labels are there, explanations are empty strings', async () => {
    vi.resetModules();
    const fresh = await import('../../src/ui/i18n');
    const before = fresh.messages('en');
    expect(before.cat.states.ESTABLISHED).toBe(en.states.ESTABLISHED);
    expect(before.cat.presets['rfc9293-fig6'].title).toBe(en.presets['rfc9293-fig6'].title);
    expect(before.t('gallery')).toBe('Scenarios');
    expect(before.cat.explain['listen-syn']).toBe('');
    expect(before.cat.glossary['SND.UNA']).toBe('');
    await fresh.loadLang('en');
    const after = fresh.messages('en');
    for (const key of EXPLAIN_KEYS) expect(after.cat.explain[key]).toBe(en.explain[key]);
    expect(after.cat.glossary['SND.UNA']).toBe(en.glossary['SND.UNA']);
    expect(after.cat.explain['listen-syn']).toMatch(/SYN arrives in LISTEN/);
  });
});
