/**
 * The glossary against RFC 9293's own text (test/fixtures/rfc9293.txt): every TCB variable, flag and state
 * the page shows has a definition in both languages, and each cited section exists and is about the term.
 */
import { describe, expect, it } from 'vitest';
import { en, zhCN } from '../../src/i18n';
import {
  GLOSSARY_CITES,
  GLOSSARY_TERMS,
  type GlossaryTerm,
  type HEADER_FIELDS,
  TCB_VARIABLES,
} from '../../src/i18n/glossary';
import { FLAG_ORDER } from '../../src/tcp/types';
import { headingLine, sectionText } from '../rfc9293';

/** The variables of RFC 9293 §3.3.1's tables, with their descriptions: "| SND.UNA  | send unacknowledged |". */
const TABLE_VARIABLES = new Map(
  [...sectionText('3.3.1').matchAll(/^\s*\| ([A-Z]{3}(?:\.[A-Z0-9]{2,3})?)\s+\| (\S[^|]*?)\s+\|$/gm)].map(
    (m) => [m[1] as string, m[2] as string],
  ),
);

/** RFC 9293 §3.3.2: "The states are: LISTEN, SYN-SENT, …, and the fictional state CLOSED." */
const RFC_STATES = (() => {
  const sentence = /The states are:([^.]*)\./s.exec(sectionText('3.3.2'))?.[1] ?? '';
  return [...sentence.matchAll(/[A-Z][A-Z0-9-]+[A-Z0-9]/g)].map((m) => m[0]);
})();

/** RFC 9293 §3.1's control bits, each with its one-line meaning: "SYN:  1 bit\n\n  Synchronize sequence numbers." */
const CONTROL_BITS = new Map(
  [...sectionText('3.1').matchAll(/^\s+([A-Z]{3}):\s+1 bit\s+^\s+([^\n]+?)\.?$/gm)].map((m) => [
    m[1] as string,
    m[2] as string,
  ]),
);

/** The RFC's names of the header fields the inspector shows (§3.1, "Source Port:  16 bits"). */
const FIELD_NAMES: Record<(typeof HEADER_FIELDS)[number], string> = {
  sourcePort: 'Source Port:',
  destinationPort: 'Destination Port:',
  sequenceNumber: 'Sequence Number:',
  acknowledgmentNumber: 'Acknowledgment Number:',
  flags: 'Control bits:',
  window: 'Window:',
  payload: 'Data',
};

/** Cites that are not RFC 9293 sections, and the only terms allowed to use them. */
const OTHER_RFCS: Record<string, GlossaryTerm[]> = { 'RFC 6298': ['RTO'] };

const CJK = /\p{Script=Han}/u;

describe('glossary', () => {
  it('reads the oracle: 11 states, 8 control bits, the sequence variables of §3.3.1', () => {
    expect(RFC_STATES).toHaveLength(11);
    expect(RFC_STATES).toContain('CLOSED');
    expect([...CONTROL_BITS.keys()].sort()).toEqual(['ACK', 'CWR', 'ECE', 'FIN', 'PSH', 'RST', 'SYN', 'URG']);
    expect(TABLE_VARIABLES.get('SND.UNA')).toBe('send unacknowledged');
    expect(TABLE_VARIABLES.get('IRS')).toBe('initial receive sequence number');
  });

  it('defines every TCB variable the endpoint cards show, every RFC state and every flag the engine sends', () => {
    const shown = ['SND.UNA', 'SND.NXT', 'SND.WND', 'RCV.NXT', 'RCV.WND', 'ISS', 'IRS', 'RTO'];
    expect([...TCB_VARIABLES]).toEqual(shown);
    for (const term of [...shown, ...RFC_STATES, ...FLAG_ORDER]) {
      expect(GLOSSARY_TERMS, term).toContain(term);
      expect(en.glossary[term as GlossaryTerm], term).toMatch(/^\S.*[.)]$/s);
      const zh = zhCN.glossary[term as GlossaryTerm];
      expect(zh, term).toMatch(CJK);
      expect(zh, term).toMatch(/。$/);
    }
    for (const flag of FLAG_ORDER) expect(CONTROL_BITS.has(flag), flag).toBe(true);
  });

  it('starts each sequence variable and flag with its meaning as the RFC words it', () => {
    for (const variable of TCB_VARIABLES) {
      if (variable === 'RTO') continue; // not a §3.3.1 variable: RFC 6298's retransmission timeout
      expect(en.glossary[variable].startsWith(`${TABLE_VARIABLES.get(variable)}:`), variable).toBe(true);
    }
    expect(en.glossary.RTO.startsWith('retransmission timeout:')).toBe(true);
    for (const flag of FLAG_ORDER) {
      const meaning = (CONTROL_BITS.get(flag) as string).replace(/\s*\(.*$/, '').toLowerCase();
      expect(en.glossary[flag].startsWith(`${meaning}:`), `${flag}: ${meaning}`).toBe(true);
    }
  });

  it.each(GLOSSARY_TERMS)('%s cites sections that exist and are about it', (term) => {
    const cites = GLOSSARY_CITES[term];
    expect(cites.length).toBeGreaterThan(0);
    const own = cites.filter((c) => !c.startsWith('RFC '));
    for (const cite of cites) {
      if (cite.startsWith('RFC ')) expect(OTHER_RFCS[cite], cite).toContain(term);
      else expect(headingLine(cite), `RFC 9293 §${cite}`).toBeGreaterThan(0);
    }
    // Every term cites RFC 9293 somewhere, and its first RFC 9293 section names it.
    expect(own.length).toBeGreaterThan(0);
    const text = sectionText(own[0] as string);
    const name = term in FIELD_NAMES ? FIELD_NAMES[term as keyof typeof FIELD_NAMES] : term;
    expect(text, `§${own[0]} mentions ${name}`).toContain(name);
  });

  it('cites the sections the RFC defines them in', () => {
    for (const v of ['SND.UNA', 'SND.NXT', 'SND.WND', 'RCV.NXT', 'RCV.WND', 'ISS', 'IRS'] as const) {
      expect(GLOSSARY_CITES[v][0], v).toBe('3.3.1');
      expect(TABLE_VARIABLES.has(v), v).toBe(true);
    }
    // The initial sequence numbers are chosen as §3.4.1 says.
    expect(GLOSSARY_CITES.ISS).toContain('3.4.1');
    expect(GLOSSARY_CITES.IRS).toContain('3.4.1');
    expect(sectionText('3.4.1')).toContain('initial sequence number (ISN)');
    // RTO: RFC 6298, which RFC 9293 §3.8.1 requires.
    expect(GLOSSARY_CITES.RTO).toContain('RFC 6298');
    expect(sectionText('3.8.1')).toContain('RFC 6298');
    for (const flag of FLAG_ORDER) expect(GLOSSARY_CITES[flag][0], flag).toBe('3.1');
    for (const state of RFC_STATES) {
      expect(GLOSSARY_CITES[state as GlossaryTerm], state).toEqual(['3.3.2']);
      // §3.3.2 gives each state's meaning: "LISTEN -  represents waiting for …".
      expect(sectionText('3.3.2'), state).toMatch(new RegExp(`^\\s+${state} -\\s+represents`, 'm'));
    }
  });

  it('keeps the RFC names in the Chinese definitions', () => {
    for (const term of GLOSSARY_TERMS) {
      const english = en.glossary[term];
      for (const name of [...TCB_VARIABLES, ...FLAG_ORDER, ...RFC_STATES, 'ISN', 'MSL', 'TCB'])
        if (new RegExp(`(?<![\\w-])${name.replace('.', '\\.')}(?![\\w-])`).test(english))
          expect(zhCN.glossary[term], `${term}: ${name}`).toContain(name);
    }
  });
});
