import { describe, expect, it } from 'vitest';
import { type Catalog, en, zhCN } from '../../src/i18n';
import { EXPLAIN_KEYS, STATES } from '../../src/tcp';

/** Every string of a catalog with its path, e.g. ["explain.listen-syn", "…"]. */
function strings(node: unknown, path = ''): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) =>
    strings(v, path ? `${path}.${k}` : k),
  );
}

const EN = new Map(strings(en));
const ZH = new Map(strings(zhCN));
const CJK = /\p{Script=Han}/u;

/** Names that stay in English in a Chinese sentence: states, flags, TCB variables, errno names. */
const NAMES = [
  ...STATES,
  'SYN',
  'ACK',
  'FIN',
  'RST',
  'PSH',
  'SND.UNA',
  'SND.NXT',
  'RCV.NXT',
  'SEG.SEQ',
  'SEG.ACK',
  'ISS',
  'IRS',
  'ISN',
  'RTO',
  'MSL',
  'MSS',
  'TCB',
  'R1',
  'R2',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ECONNRESET',
];
/** A name as a word of its own, not part of a longer word or a hyphenated one ("ACK" is not in "delayed-ACK"). */
function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`).test(text);
}

describe('Simplified Chinese catalog', () => {
  it('is a Catalog with exactly the keys of the English one', () => {
    const catalog: Catalog = zhCN;
    expect([...ZH.keys()].sort()).toEqual([...EN.keys()].sort());
    expect(Object.keys(catalog.explain).sort()).toEqual([...EXPLAIN_KEYS].sort());
  });

  it('has no empty or padded string', () => {
    for (const [path, text] of ZH) expect(text, path).toMatch(/^\S(.*\S)?$/s);
  });

  it('is written in Chinese, except the socket call names shown as code', () => {
    for (const [path, text] of ZH) {
      if (path.startsWith('calls.')) expect(text, path).toBe(EN.get(path));
      else expect(text, path).toMatch(CJK);
    }
  });

  it('ends every explanation with a Chinese full stop and uses no ASCII sentence punctuation between Chinese', () => {
    for (const key of EXPLAIN_KEYS) expect(zhCN.explain[key], key).toMatch(/。$/);
    for (const [path, text] of ZH)
      expect(text, path).not.toMatch(/\p{Script=Han}[,:;()]|[,:;(]\p{Script=Han}/u);
  });

  it('keeps state names, flags, variables and errno names untranslated', () => {
    const missing: string[] = [];
    for (const [path, english] of EN) {
      const chinese = ZH.get(path) as string;
      for (const name of NAMES)
        if (mentions(english, name) && !chinese.includes(name)) missing.push(`${path}: ${name}`);
    }
    expect(missing).toEqual([]);
  });

  it('spot-checks a few sentences', () => {
    expect(zhCN.explain['listen-syn']).toContain('LISTEN');
    expect(zhCN.explain['listen-syn']).toContain('SYN-RECEIVED');
    expect(zhCN.explain['listen-syn']).toContain('IRS');
    expect(zhCN.explain['fin-wait-2-fin']).toContain('TIME-WAIT');
    expect(zhCN.explain['synsent-bad-ack-reset']).toContain('<SEQ=SEG.ACK><CTL=RST>');
    expect(zhCN.explain['handshake-ack']).toContain('三次握手');
    expect(zhCN.errors.ECONNREFUSED).toBe('连接被拒绝');
    expect(zhCN.errors.ETIMEDOUT).toBe('连接超时');
    expect(zhCN.errors.ECONNRESET).toBe('连接被对方复位');
    expect(zhCN.lessons.handshake).toBe('建立连接（三次握手）');
    expect(zhCN.lessons.teardown).toBe('释放连接（四次挥手）');
    expect(zhCN.presets['rfc9293-fig8'].title).toBe('RFC 9293 图 8：从旧的重复 SYN 中恢复');
  });

  it('uses 序号, the textbook term, never 序列号', () => {
    for (const [path, text] of ZH) expect(text, path).not.toContain('序列号');
  });
});
