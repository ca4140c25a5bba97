/**
 * RFC 9293 figures 6–13 reproduced segment by segment from the presets: every segment on the wire
 * (flags, seq, ack, len) and every state each endpoint passes through, compared in full.
 * Figure 8's segment "still in the network" is a delay fault.
 */
import { describe, expect, it } from 'vitest';
import { loadPreset } from '../../src/scenarios/index';
import { runScenario } from '../../src/tcp/index';
import type { State } from '../../src/tcp/types';
import { states, wire } from './harness';

interface Figure {
  preset: string;
  wire: string[];
  A: State[];
  B: State[];
}

const FIGURES: Figure[] = [
  {
    preset: 'rfc9293-fig6',
    wire: [
      'A>B SYN seq=100',
      'B>A SYN,ACK seq=300 ack=101',
      'A>B ACK seq=101 ack=301',
      'A>B ACK,PSH seq=101 ack=301 len=100', // line 5: <SEQ=101><ACK=301><CTL=ACK><DATA>
      'B>A ACK seq=301 ack=201',
    ],
    A: ['CLOSED', 'SYN-SENT', 'ESTABLISHED'],
    B: ['CLOSED', 'LISTEN', 'SYN-RECEIVED', 'ESTABLISHED'],
  },
  {
    // Each peer cycles CLOSED → SYN-SENT → SYN-RECEIVED → ESTABLISHED (lines 2–7).
    preset: 'rfc9293-fig7',
    wire: [
      'A>B SYN seq=100',
      'B>A SYN seq=300',
      'B>A SYN,ACK seq=300 ack=101',
      'A>B SYN,ACK seq=100 ack=301',
    ],
    A: ['CLOSED', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED'],
    B: ['CLOSED', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED'],
  },
  {
    // Line 2's SYN is "still in the network": a delay fault holds it 150 ms, so it arrives after the RST.
    preset: 'rfc9293-fig8',
    wire: [
      'A>B SYN seq=100', // line 2
      'A>B SYN seq=90', // line 3: the old duplicate
      'B>A SYN,ACK seq=300 ack=91', // line 4
      'A>B RST seq=91', // line 5
      'B>A SYN,ACK seq=400 ack=101', // line 7 (after line 6's SYN arrives)
      'A>B ACK seq=101 ack=401', // line 8
    ],
    A: ['CLOSED', 'SYN-SENT', 'ESTABLISHED'],
    B: ['CLOSED', 'LISTEN', 'SYN-RECEIVED', 'LISTEN', 'SYN-RECEIVED', 'ESTABLISHED'],
  },
  {
    // Handshake to "send 300, receive 100", A reboots; lines 3–7, then B listens again and the SYN completes.
    preset: 'rfc9293-fig9',
    wire: [
      'A>B SYN seq=99',
      'B>A SYN,ACK seq=299 ack=100',
      'A>B ACK seq=100 ack=300',
      'A>B SYN seq=400', // line 3
      'B>A ACK seq=300 ack=100', // line 4
      'A>B RST seq=100', // line 5
      'A>B SYN seq=400', // line 7
      'B>A SYN,ACK seq=700 ack=401',
      'A>B ACK seq=401 ack=701',
    ],
    A: ['CLOSED', 'SYN-SENT', 'ESTABLISHED', 'CLOSED', 'SYN-SENT', 'ESTABLISHED'],
    B: ['CLOSED', 'LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSED', 'LISTEN', 'SYN-RECEIVED', 'ESTABLISHED'],
  },
  {
    preset: 'rfc9293-fig10',
    wire: [
      'A>B SYN seq=99',
      'B>A SYN,ACK seq=299 ack=100',
      'A>B ACK seq=100 ack=300',
      'B>A ACK,PSH seq=300 ack=100 len=10', // line 2
      'A>B RST seq=100', // line 3
    ],
    A: ['CLOSED', 'SYN-SENT', 'ESTABLISHED', 'CLOSED'],
    B: ['CLOSED', 'LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSED'],
  },
  {
    // Z = 200, X = 300.
    preset: 'rfc9293-fig11',
    wire: ['A>B SYN seq=200', 'B>A SYN,ACK seq=300 ack=201', 'A>B RST seq=201'],
    A: ['CLOSED', 'LISTEN'],
    B: ['CLOSED', 'LISTEN', 'SYN-RECEIVED', 'LISTEN'],
  },
  {
    preset: 'rfc9293-fig12',
    wire: [
      'A>B SYN seq=99',
      'B>A SYN,ACK seq=299 ack=100',
      'A>B ACK seq=100 ack=300',
      'A>B ACK,FIN seq=100 ack=300', // line 2
      'B>A ACK seq=300 ack=101', // line 3
      'B>A ACK,FIN seq=300 ack=101', // line 4
      'A>B ACK seq=101 ack=301', // line 5
    ],
    A: ['CLOSED', 'SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSED'],
    B: ['CLOSED', 'LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED'],
  },
  {
    preset: 'rfc9293-fig13',
    wire: [
      'A>B SYN seq=99',
      'B>A SYN,ACK seq=299 ack=100',
      'A>B ACK seq=100 ack=300',
      'A>B ACK,FIN seq=100 ack=300', // line 2
      'B>A ACK,FIN seq=300 ack=100',
      'B>A ACK seq=301 ack=101', // line 3
      'A>B ACK seq=101 ack=301',
    ],
    A: ['CLOSED', 'SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'CLOSING', 'TIME-WAIT', 'CLOSED'],
    B: ['CLOSED', 'LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'CLOSING', 'TIME-WAIT', 'CLOSED'],
  },
];

describe('RFC 9293 figures', () => {
  for (const fig of FIGURES) {
    it(`${fig.preset}: every segment and every state as in the figure`, () => {
      const scenario = loadPreset(fig.preset);
      expect(scenario).toBeDefined();
      const trace = runScenario(scenario as NonNullable<typeof scenario>);
      expect(wire(trace)).toEqual(fig.wire);
      expect(states(trace, 'A')).toEqual(fig.A);
      expect(states(trace, 'B')).toEqual(fig.B);
    });
  }

  it('figure 7 under the strict acceptability test alone would not establish: the reading is applied and explained', () => {
    const trace = runScenario(loadPreset('rfc9293-fig7') as NonNullable<ReturnType<typeof loadPreset>>);
    const synAcks = trace.events.filter((e) => e.type === 'deliver' && e.explain === 'simultaneous-synack');
    expect(synAcks).toHaveLength(2);
    expect(synAcks.every((e) => e.rfc === '3.5')).toBe(true);
  });
});
