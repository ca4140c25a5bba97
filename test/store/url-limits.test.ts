/**
 * Issue 9, share links: a link that could mean two things is refused (`p=` beside `s=`, a parameter given
 * twice), a hash longer than any browser keeps is refused before any decoding, broken `s=` data names the
 * part that is broken, a key given twice in the link's JSON is reported, and `shareLinkFits` tells the page
 * when a scenario is too large for a link. Oracles: Chromium's 2 MiB kMaxURLChars, Firefox's 1 MiB
 * network.standard-url.max-length, positions counted by hand.
 */
import { describe, expect, it } from 'vitest';
import { chineseIssue, chinesePath } from '../../src/i18n/issue.zh-CN';
import type { ScenarioIssue } from '../../src/scenarios';
import * as validator from '../../src/scenarios/validate';
import { decodeShare, MAX_LINK_HASH_CHARS, MAX_SHARE_LINK_CHARS, shareLinkFits } from '../../src/store/url';

const base64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const encode = (text: string) => base64Url(new TextEncoder().encode(text));
const HANDSHAKE = JSON.stringify({
  version: 1,
  actions: [
    { at: 0, endpoint: 'B', call: 'listen' },
    { at: 10, endpoint: 'A', call: 'connect' },
  ],
});

function issuesOf(hash: string): ScenarioIssue[] {
  const decoded = decodeShare(hash, validator);
  if (decoded.ok !== false) throw new Error(`expected the link to be refused, got ${decoded.ok}`);
  return decoded.issues;
}

/** Chinese issue text without quoted values and link parameter names: what is left must be Chinese. */
function englishWords(text: string): string[] {
  const outside = text.replace(/"(?:[^"\\]|\\.)*"/g, ' ').replace(/[ps]=…/g, ' ');
  const allowed = new Set(['JSON', 'UTF', 'base64url']);
  return [...outside.matchAll(/[A-Za-z][A-Za-z0-9]*/g)].map((m) => m[0]).filter((w) => !allowed.has(w));
}

describe('a link means one thing', () => {
  it('p= beside s= is refused (today the preset silently wins)', () => {
    const [issue] = issuesOf(`#p=lost-syn&s=${encode(HANDSHAKE)}&c=1`);
    expect(issue).toMatchObject({
      path: 'link',
      code: 'bad-link',
      message: 'a link holds a preset (p=…) or a scenario (s=…), not both',
    });
    expect(chineseIssue(issue as ScenarioIssue)).toBe(
      '链接中只能有预设场景（p=…）或场景（s=…）之一，不能两者都有',
    );
  });

  it('a parameter given twice is refused, naming it', () => {
    const [issue] = issuesOf('#p=lost-syn&c=1&c=5');
    expect(issue).toMatchObject({
      path: 'link c',
      message: 'expected the parameter once, got it 2 times',
      got: { kind: 'count', count: 2 },
    });
    expect(chinesePath(issue as ScenarioIssue)).toBe('链接参数 c');
    expect(chineseIssue(issue as ScenarioIssue)).toBe('这个参数只能出现一次，实际出现了 2 次');
    expect(issuesOf(`#s=${encode(HANDSHAKE)}&s=${encode(HANDSHAKE)}`)[0]?.path).toBe('link s');
  });
});

describe('link length', () => {
  it('a hash over 2 MiB (Chromium refuses such URLs) is refused before it is decoded', () => {
    const hash = `#s=${'A'.repeat(MAX_LINK_HASH_CHARS)}`;
    expect(MAX_LINK_HASH_CHARS).toBe(2 * 1024 * 1024);
    const start = performance.now();
    const [issue] = issuesOf(hash);
    expect(performance.now() - start).toBeLessThan(100);
    expect(issue).toMatchObject({
      path: 'link',
      message: `the link is ${hash.length} characters long; browsers open links of at most 2097152 characters`,
    });
    expect(englishWords(chineseIssue(issue as ScenarioIssue))).toEqual([]);
  });

  it('shareLinkFits: a link is offered while it opens in Firefox too (1 MiB, less room for the address)', () => {
    expect(MAX_SHARE_LINK_CHARS).toBeLessThanOrEqual(1_048_576);
    expect(shareLinkFits(`#${'a'.repeat(MAX_SHARE_LINK_CHARS - 1)}`)).toBe(true);
    expect(shareLinkFits(`#${'a'.repeat(MAX_SHARE_LINK_CHARS)}`)).toBe(false);
    const page = 'https://example.org/synack/';
    expect(shareLinkFits(`#${'a'.repeat(MAX_SHARE_LINK_CHARS - page.length - 1)}`, page)).toBe(true);
    expect(shareLinkFits(`#${'a'.repeat(MAX_SHARE_LINK_CHARS - page.length)}`, page)).toBe(false);
  });
});

describe('broken s= data names the broken part', () => {
  it('a character that is not base64url, by its position', () => {
    const [issue] = issuesOf('#s=eyJ2!XJ');
    expect(issue).toMatchObject({
      path: 'link s',
      offset: 4,
      message: 'the scenario data is not valid base64url text: character 5 is "!"',
    });
    expect(chineseIssue(issue as ScenarioIssue)).toBe(
      '链接中的场景数据不是有效的 base64url 文本：第 5 个字符是 "!"',
    );
  });

  it('base64url cut at an impossible length', () => {
    expect(issuesOf('#s=eyJ2Z')[0]?.message).toBe(
      'the scenario data is not valid base64url text (was the link cut short?)',
    );
  });

  it('bytes that are not UTF-8, by their offset', () => {
    // `{"a":` then 0xFF, which never occurs in UTF-8, at byte offset 5.
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xff, 0x7d]);
    const [issue] = issuesOf(`#s=${base64Url(bytes)}`);
    expect(issue).toMatchObject({
      path: 'link s',
      offset: 5,
      message: 'the scenario data is not UTF-8 text at byte offset 5 (was the link cut short?)',
    });
    expect(englishWords(chineseIssue(issue as ScenarioIssue))).toEqual([]);
  });

  it('JSON cut short, by its line and column', () => {
    const [issue] = issuesOf(`#s=${encode('{"version":1,')}`);
    expect(issue).toMatchObject({
      path: 'link s',
      line: 1,
      column: 14,
      message: 'the scenario data is not valid JSON at line 1, column 14 (was the link cut short?)',
    });
    expect(chineseIssue(issue as ScenarioIssue)).toBe(
      '链接中的场景数据在第 1 行第 14 列处不是有效的 JSON（链接是否被截断了？）',
    );
  });

  it('a key given twice in the JSON is reported at its path (today the last one wins)', () => {
    const text = '{"version":1,"actions":[],"network":{"lossRate":0.9,"lossRate":0}}';
    const [issue] = issuesOf(`#s=${encode(text)}`);
    expect(issue).toMatchObject({ path: '$.network.lossRate', code: 'duplicate-key', column: 53 });
  });

  it('a scenario with many problems reports the first and counts them all', () => {
    const actions = Array.from({ length: 300 }, () => ({ at: -1, endpoint: 'A', call: 'close' }));
    const decoded = decodeShare(`#s=${encode(JSON.stringify({ version: 1, actions }))}`, validator);
    expect(decoded.ok === false && [decoded.issues.length, decoded.issueCount]).toEqual([100, 300]);
  });

  it('before the validator has loaded: a link cut short fails at once, a duplicate key waits for it', () => {
    const cut = decodeShare(`#s=${encode('{"version":1,')}`, null);
    expect(cut.ok === false && cut.issues[0]?.message).toBe(
      'the scenario data is not valid JSON (was the link cut short?)',
    );
    const text = '{"version":1,"actions":[],"network":{"lossRate":0.9,"lossRate":0}}';
    expect(decodeShare(`#s=${encode(text)}`, null)).toEqual({ ok: 'pending' });
  });

  it('a well-formed link still opens', () => {
    expect(decodeShare(`#s=${encode(HANDSHAKE)}&c=1`, validator).ok).toBe(true);
  });
});
