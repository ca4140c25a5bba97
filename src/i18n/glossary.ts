/**
 * The glossary's terms and where each is defined. The definitions themselves are in the catalogs
 * (`glossary` in en.ts and zh-CN.ts); what is the same in every language lives here: the list of terms and
 * the sections they cite (a bare "3.3.1" is RFC 9293's, "RFC 6298" another RFC's; see `citation`).
 * Pure data, shared by the UI's <Term> and the tests that check every cited section exists in the RFC.
 */
import type { Flag, State } from '../tcp/types';
import { FLAG_ORDER, STATES } from '../tcp/types';

/** The TCB variables the endpoint cards show (RFC 9293 §3.3.1, plus the retransmission timeout). */
export const TCB_VARIABLES = [
  'SND.UNA',
  'SND.NXT',
  'SND.WND',
  'RCV.NXT',
  'RCV.WND',
  'ISS',
  'IRS',
  'RTO',
] as const;
export type TcbVariable = (typeof TCB_VARIABLES)[number];

/** The header fields the packet inspector shows (RFC 9293 §3.1), by their catalog key. */
export const HEADER_FIELDS = [
  'sourcePort',
  'destinationPort',
  'sequenceNumber',
  'acknowledgmentNumber',
  'flags',
  'window',
  'payload',
] as const;
export type HeaderField = (typeof HEADER_FIELDS)[number];

export type GlossaryTerm = TcbVariable | Flag | State | HeaderField;

export const GLOSSARY_TERMS: readonly GlossaryTerm[] = [
  ...TCB_VARIABLES,
  ...FLAG_ORDER,
  ...STATES,
  ...HEADER_FIELDS,
];

const SEQUENCE_VARIABLES = '3.3.1';
const STATE_MACHINE = '3.3.2';
const HEADER = '3.1';

/** Where each term is defined, most specific first. */
export const GLOSSARY_CITES: Record<GlossaryTerm, readonly string[]> = {
  'SND.UNA': [SEQUENCE_VARIABLES],
  'SND.NXT': [SEQUENCE_VARIABLES],
  'SND.WND': [SEQUENCE_VARIABLES],
  'RCV.NXT': [SEQUENCE_VARIABLES],
  'RCV.WND': [SEQUENCE_VARIABLES],
  // The tables of §3.3.1 name them; §3.4.1 says how an initial sequence number is chosen.
  ISS: [SEQUENCE_VARIABLES, '3.4.1'],
  IRS: [SEQUENCE_VARIABLES, '3.4.1'],
  // RFC 9293 §3.8.1 requires the RTO to be computed by RFC 6298's algorithm.
  RTO: ['RFC 6298', '3.8.1'],
  SYN: [HEADER],
  ACK: [HEADER],
  FIN: [HEADER],
  RST: [HEADER],
  PSH: [HEADER],
  CLOSED: [STATE_MACHINE],
  LISTEN: [STATE_MACHINE],
  'SYN-SENT': [STATE_MACHINE],
  'SYN-RECEIVED': [STATE_MACHINE],
  ESTABLISHED: [STATE_MACHINE],
  'FIN-WAIT-1': [STATE_MACHINE],
  'FIN-WAIT-2': [STATE_MACHINE],
  'CLOSE-WAIT': [STATE_MACHINE],
  CLOSING: [STATE_MACHINE],
  'LAST-ACK': [STATE_MACHINE],
  'TIME-WAIT': [STATE_MACHINE],
  sourcePort: [HEADER],
  destinationPort: [HEADER],
  sequenceNumber: [HEADER],
  acknowledgmentNumber: [HEADER],
  flags: [HEADER],
  window: [HEADER],
  payload: [HEADER],
};

/** Header fields are shown under their translated name; every other term is written as in the RFC. */
export function isHeaderField(term: string): term is HeaderField {
  return (HEADER_FIELDS as readonly string[]).includes(term);
}

export function isTcbVariable(name: string): name is TcbVariable {
  return (TCB_VARIABLES as readonly string[]).includes(name);
}

/**
 * Figure 5's edge labels, in the RFC's notation (the English catalog keeps them as they are; others
 * translate them). The state diagram's edges are typed by these.
 */
export const FIGURE5_LABELS = [
  'passive OPEN',
  'create TCB',
  'active OPEN',
  'create TCB, snd SYN',
  'CLOSE',
  'delete TCB',
  'rcv SYN',
  'snd SYN,ACK',
  'SEND',
  'snd SYN',
  'rcv RST (note 1)',
  'rcv ACK of SYN',
  'rcv SYN,ACK',
  'snd ACK',
  'snd FIN',
  'rcv FIN',
  'rcv ACK of FIN',
  'Timeout=2MSL',
] as const;
export type Figure5Label = (typeof FIGURE5_LABELS)[number];
