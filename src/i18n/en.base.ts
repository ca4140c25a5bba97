/**
 * The English catalog's first part: what the page needs to draw before anything has happened (state, call
 * and preset names, figure 5's labels…). The explanation sentences and the glossary are in en.sentences.ts;
 * en.ts joins both into the whole catalog, the source of the Catalog type.
 */
import type { Lesson, PresetName } from '../scenarios';
import type { ExplainKey } from '../tcp/explain';
import type { AppError, AppEventKind, DropEvent, State, TimerKind, UserCall } from '../tcp/types';
import type { Figure5Label, GlossaryTerm } from './glossary';

/** What every catalog must cover: one string per engine key. */
export interface CatalogShape {
  explain: Record<ExplainKey, string>;
  states: Record<State, string>;
  calls: Record<UserCall, string>;
  appEvents: Record<AppEventKind, string>;
  errors: Record<AppError, string>;
  timers: Record<TimerKind, string>;
  dropCauses: Record<DropEvent['cause'], string>;
  lessons: Record<Lesson, string>;
  /** Each preset's title and one-line description: the English ones are the JSON's "name" and "description". */
  presets: Record<PresetName, { title: string; description: string }>;
  /** What each TCB variable, flag, state and header field means (glossary.ts says where the RFC defines it). */
  glossary: Record<GlossaryTerm, string>;
  /** RFC 9293 figure 5's edge labels, as the state diagram writes them. */
  figure5: Record<Figure5Label, string>;
}

export const enBase = {
  states: {
    CLOSED: 'no connection at all',
    LISTEN: 'waiting for a connection request from any remote TCP',
    'SYN-SENT': 'sent a connection request (SYN), waiting for a matching one',
    'SYN-RECEIVED': 'received and sent a SYN, waiting for the acknowledgment of ours',
    ESTABLISHED: 'an open connection: data flows both ways',
    'FIN-WAIT-1': "closed our side (sent FIN), waiting for its ACK or the peer's FIN",
    'FIN-WAIT-2': "our FIN is acknowledged, waiting for the peer's FIN",
    'CLOSE-WAIT': 'the peer closed its side, waiting for our application to close',
    CLOSING: 'both sides closed at once, waiting for the ACK of our FIN',
    'LAST-ACK': 'the peer closed first and so did we, waiting for the ACK of our FIN',
    'TIME-WAIT': 'waiting 2·MSL so the peer surely received the ACK of its FIN',
  },

  calls: {
    listen: 'listen',
    connect: 'connect',
    send: 'send',
    close: 'close',
    abort: 'abort',
  },

  appEvents: {
    listening: 'listening',
    connected: 'connected',
    data: 'data received',
    eof: 'end of file (the peer closed)',
    closed: 'connection closed',
    error: 'error',
  },

  errors: {
    ECONNREFUSED: 'connection refused',
    ETIMEDOUT: 'connection timed out',
    ECONNRESET: 'connection reset by peer',
    ENOTCONN: 'connection does not exist',
    EISCONN: 'connection already exists',
    EPIPE: 'connection closing',
  },

  timers: {
    retransmission: 'retransmission timer',
    'time-wait': 'TIME-WAIT timer (2·MSL)',
    'delayed-ack': 'delayed-ACK timer',
  },

  dropCauses: {
    loss: 'lost by the network',
    fault: 'dropped by a scenario fault',
  },

  lessons: {
    handshake: 'Opening a connection',
    'why-three-way': 'Why three ways: old duplicate SYNs',
    teardown: 'Closing a connection',
    loss: 'Loss and retransmission',
    resets: 'Resets and half-open connections',
    'linux-vs-rfc': 'Linux versus the RFC',
    // --- l-content ---
    simultaneous: 'Simultaneous open and close',
  },

  presets: {
    'rfc9293-fig6': {
      title: 'RFC 9293 Figure 6: basic three-way handshake',
      description:
        'A (ISN 100) connects to B (ISN 300, listening): SYN, SYN,ACK, ACK, then A sends 100 bytes with the same SEQ=101 as its ACK.',
    },
    'rfc9293-fig7': {
      title: 'RFC 9293 Figure 7: simultaneous connection synchronization',
      description:
        'A (ISN 100) and B (ISN 300) both connect at the same moment; each goes SYN-SENT, SYN-RECEIVED, ESTABLISHED.',
    },
    'rfc9293-fig8': {
      title: 'RFC 9293 Figure 8: recovery from an old duplicate SYN',
      description:
        "An old duplicate SYN (SEQ=90) reaches B while A's real SYN is still in the network (held 150 ms); A resets B's wrong SYN,ACK, B returns to LISTEN, then the real SYN arrives and the handshake completes with B's ISN 400.",
    },
    'rfc9293-fig9': {
      title: 'RFC 9293 Figure 9: half-open connection discovery',
      description:
        "Established (A sent up to 99, B up to 299); A reboots and connects again with ISN 400; B's challenge ACK makes A send RST, B aborts, listens again and A's retried SYN completes a fresh handshake.",
    },
    'rfc9293-fig10': {
      title: 'RFC 9293 Figure 10: active side causes half-open connection discovery',
      description:
        'Established; A reboots and forgets the connection; B sends 10 bytes (SEQ=300, ACK=100); A answers RST SEQ=100 and B aborts with ECONNRESET.',
    },
    'rfc9293-fig11': {
      title: 'RFC 9293 Figure 11: old duplicate SYN initiates a reset on two passive sockets',
      description:
        'A and B both listen; an old SYN (SEQ=200) claiming to be from A reaches B, B answers SYN,ACK, A (LISTEN) resets it and B returns to LISTEN.',
    },
    'rfc9293-fig12': {
      title: 'RFC 9293 Figure 12: normal close sequence',
      description:
        'Established (A at 100, B at 300); A closes, B ACKs its FIN, closes a little later; A waits in TIME-WAIT for 2 MSL (MSL shortened to 1 s here).',
    },
    'rfc9293-fig13': {
      title: 'RFC 9293 Figure 13: simultaneous close sequence',
      description:
        'Established; A and B close at the same moment, their FINs cross, both pass through CLOSING into TIME-WAIT (MSL shortened to 1 s here).',
    },
    'lost-syn': {
      title: 'Lost SYN',
      description:
        "A's first SYN is lost; after the initial 1 s retransmission timeout A sends it again and the handshake completes.",
    },
    'lost-syn-ack': {
      title: 'Lost SYN,ACK',
      description:
        "B's SYN,ACK is lost; A's SYN and B's SYN,ACK both time out after 1 s; B only ACKs the repeated SYN (RFC), its own resent SYN,ACK completes the handshake.",
    },
    'lost-ack': {
      title: 'Lost handshake ACK',
      description:
        "A's final handshake ACK is lost: A is ESTABLISHED but B stays in SYN-RECEIVED until it resends its SYN,ACK after 1 s and A ACKs again.",
    },
    'lost-fin': {
      title: 'Lost FIN',
      description:
        'A closes but its FIN is lost; A retransmits it after the retransmission timeout, B ACKs and closes in turn (MSL shortened to 1 s here).',
    },
    'lost-last-ack': {
      title: 'Lost last ACK',
      description:
        "A's ACK of B's FIN is lost; B in LAST-ACK resends its FIN, and A, still in TIME-WAIT, ACKs it again: that is why TIME-WAIT exists (MSL shortened to 1 s here).",
    },
    'syn-timeout': {
      title: 'Connection timeout',
      description:
        'Every SYN from A is lost; A retransmits with exponential backoff (1, 2, 4, 8 s …) and gives up with ETIMEDOUT after 3 minutes.',
    },
    'connection-refused': {
      title: 'Connection refused',
      description:
        "Nobody listens on B; B answers A's SYN with RST,ACK and A's connect fails with ECONNREFUSED.",
    },
    'old-duplicate-syn': {
      title: 'Old duplicate SYN',
      description:
        'An old SYN from a long-gone connection of A reaches listening B; B answers SYN,ACK, A (no such connection) resets it and B returns to LISTEN; later A connects for real.',
    },
    'two-way-handshake-old-duplicate': {
      title: 'Two-way handshake and an old duplicate SYN',
      description:
        "With a two-way handshake, B takes an old duplicate SYN as a new connection and tells its application it is connected to a peer that does not exist, until A's RST tears it down: the problem the third segment solves.",
    },
    'simultaneous-open': {
      title: 'Simultaneous open',
      description:
        'A and B connect to each other 20 ms apart; their SYNs cross, each answers with SYN,ACK and both reach ESTABLISHED without a listener.',
    },
    'simultaneous-close': {
      title: 'Simultaneous close',
      description:
        "Established; A closes, B closes 20 ms later before A's FIN arrives; the FINs cross and both sides go through CLOSING to TIME-WAIT (MSL shortened to 1 s here).",
    },
    'half-open': {
      title: 'Half-open connection',
      description:
        "Established; A's host reboots and forgets the connection; when B sends data 2 s later, A answers RST and B aborts with ECONNRESET.",
    },
    'half-close': {
      title: 'Half-close',
      description:
        'A sends a request and closes its sending side; B keeps sending its 4000-byte reply in CLOSE-WAIT, A keeps receiving in FIN-WAIT-2, then B closes (MSL shortened to 1 s here).',
    },
    'time-wait-fin-retransmit': {
      title: 'TIME-WAIT answers a retransmitted FIN',
      description:
        "A's last ACK is lost twice; each retransmitted FIN from B reaches A in TIME-WAIT, A ACKs it again and restarts its 2 MSL timer (MSL 2 s here).",
    },
    'data-then-close': {
      title: 'Send data, then close',
      description:
        'A sends 4000 bytes (three segments of at most 1460) and closes at once; the FIN follows the data, B reads to end-of-file and closes (MSL shortened to 1 s here).',
    },
    'reset-mid-connection': {
      title: 'Reset in the middle of a connection',
      description:
        'A sends 1000 bytes, then aborts: it sends RST, B drops the connection at once and reports ECONNRESET; no FIN, no TIME-WAIT.',
    },
    'linux-lost-syn-ack': {
      title: 'Lost SYN,ACK (Linux)',
      description:
        "Linux profile: B's SYN,ACK and its 1 s retransmission are lost; A's retransmitted SYN makes Linux send the SYN,ACK again at once (the RFC sends a bare ACK and waits for its next timeout, 2 s later).",
    },
    'data-then-close-linux': {
      title: 'Send data, then close (Linux)',
      description:
        'Linux profile with delayed ACKs: A sends 1000 bytes and closes; B closes on end-of-file, so its ACK rides on its FIN and the close takes three segments (MSL shortened to 1 s here).',
    },
    // --- l-content ---
    'lost-data': {
      title: 'Lost data on a short path',
      description:
        "RTT 20 ms; A's first data segment is lost and A resends it when its RTO expires: after 1 s under rfc (RFC 6298's 1 s minimum), after 220 ms under linux (SRTT + the 200 ms TCP_RTO_MIN).",
    },
    'lost-syn-then-data': {
      title: "Lost SYN, then lost data (Karn's rule)",
      description:
        "A's first SYN is lost, so the handshake gives no RTT sample (Karn's rule) and RTO becomes 3 s (RFC 6298 5.7); A's first data segment is then lost too and is resent 3 s later.",
    },
    'challenge-ack': {
      title: 'Blind reset and the challenge ACK',
      description:
        "Established (A at 100, B at 300); a forged RST with SEQ=5000, inside B's window but not at RCV.NXT = 101, reaches B; B answers a challenge ACK (RFC 5961) and the connection survives.",
    },
    'time-wait-default': {
      title: 'Close with the default TIME-WAIT',
      description:
        "A closes, B closes on end-of-file; nothing is shortened, so A's TIME-WAIT lasts the profile's own: 2 MSL = 240 s under rfc, 60 s (TCP_TIMEWAIT_LEN) under linux.",
    },
  },

  // RFC notation, as Figure 5 prints it.
  figure5: {
    'passive OPEN': 'passive OPEN',
    'create TCB': 'create TCB',
    'active OPEN': 'active OPEN',
    'create TCB, snd SYN': 'create TCB, snd SYN',
    CLOSE: 'CLOSE',
    'delete TCB': 'delete TCB',
    'rcv SYN': 'rcv SYN',
    'snd SYN,ACK': 'snd SYN,ACK',
    SEND: 'SEND',
    'snd SYN': 'snd SYN',
    'rcv RST (note 1)': 'rcv RST (note 1)',
    'rcv ACK of SYN': 'rcv ACK of SYN',
    'rcv SYN,ACK': 'rcv SYN,ACK',
    'snd ACK': 'snd ACK',
    'snd FIN': 'snd FIN',
    'rcv FIN': 'rcv FIN',
    'rcv ACK of FIN': 'rcv ACK of FIN',
    'Timeout=2MSL': 'Timeout=2MSL',
  },
} as const satisfies Omit<CatalogShape, 'explain' | 'glossary'>;
