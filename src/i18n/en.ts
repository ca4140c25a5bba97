/**
 * The English catalog: every sentence a person reads about a trace. It is the source of the Catalog type,
 * so another language typed `Catalog` fails the typecheck when it misses (or invents) a key.
 * Sentences follow the engine's explanation keys (src/tcp/explain.ts) and say, in RFC 9293's terms, what
 * happened and why; the RFC section is carried by the event and cited separately (see `citation`).
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

export const en = {
  explain: {
    // user calls as issued, and the application's reflex
    'call-listen': 'The application calls OPEN in passive mode (listen) to accept a connection.',
    'call-connect': 'The application calls OPEN in active mode (connect) to open a connection.',
    'call-send': 'The application calls SEND with data to transmit.',
    'call-close': 'The application calls CLOSE: it has no more data to send.',
    'call-abort': 'The application calls ABORT to tear the connection down at once.',
    'reflex-close':
      'The application closes its side by itself, as it was set to do on end-of-file or once connected.',

    // user-call processing (§3.10.1–3.10.5)
    'open-passive': 'Passive OPEN: create a TCB and enter LISTEN to wait for a SYN from a remote socket.',
    'open-active':
      'Active OPEN: choose an initial send sequence number (ISS), send a SYN <SEQ=ISS> and enter SYN-SENT.',
    'call-already-exists':
      'The call is refused with "connection already exists": this endpoint already has a connection.',
    'send-no-connection':
      'SEND is refused with "connection does not exist": in CLOSED there is no connection to send on.',
    'close-no-connection':
      'CLOSE is refused with "connection does not exist": in CLOSED there is no connection to close.',
    'abort-no-connection':
      'ABORT is refused with "connection does not exist": in CLOSED there is no connection to abort.',
    'send-closing':
      'SEND is refused with "connection closing": CLOSE was already called, so no more data may be sent.',
    'close-closing':
      'CLOSE is refused with "connection closing": this side has already closed; the connection is on its way out.',
    close: 'CLOSE: a FIN will follow any queued data; enter FIN-WAIT-1 and wait for it to be acknowledged.',
    'close-after-fin':
      'CLOSE in CLOSE-WAIT: the peer has already sent its FIN, so send ours and enter LAST-ACK.',
    'close-before-sync':
      'CLOSE before the connection is synchronized (LISTEN or SYN-SENT): delete the TCB and enter CLOSED; nothing is sent.',
    'close-queued':
      'The connection is now established and a CLOSE was waiting: enter FIN-WAIT-1 so the FIN can be sent.',
    abort: 'ABORT: delete the TCB and enter CLOSED; queued data and retransmissions are discarded.',
    'abort-reset':
      'ABORT on an open connection: send a reset <SEQ=SND.NXT><CTL=RST> so that the peer drops it too.',
    'abort-reset-linux':
      'ABORT on an open connection: Linux sends a reset that also acknowledges, <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>, so that the peer drops it too.',

    // sending
    'send-data':
      "Send queued data from SND.NXT, at most one MSS per segment and no more than the peer's window allows.",
    'send-data-fin': 'Send the last queued data with the FIN bit set: the CLOSE rides on the final segment.',
    'send-fin': 'All data has been sent: send a FIN to tell the peer this side has nothing more to send.',
    'send-fin-last':
      'Send our FIN from LAST-ACK (the peer closed first); the connection ends when it is acknowledged.',
    'handshake-ack':
      "Complete the three-way handshake: acknowledge the peer's SYN with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.",
    'ack-data': 'Acknowledge what arrived: ACK = RCV.NXT, the next sequence number expected from the peer.',
    'ack-fin':
      "Acknowledge the peer's FIN: it occupies one sequence number, so RCV.NXT has moved one past it.",
    'delayed-ack':
      'The delayed-ACK timer expired: send the ACK that was held back in the hope of piggybacking it on data.',
    retransmit:
      'Retransmission timeout: send the oldest unacknowledged segment again and back off the timer (RTO).',
    'retransmit-partial-ack':
      'A partial ACK during loss recovery: the segment after the one just repaired is missing too, so send it again at once instead of waiting for another timeout.',
    'fast-retransmit':
      'Three duplicate ACKs in a row: a segment was lost while later ones arrived, so send it again now (fast retransmit) without waiting for the timer.',
    'retransmit-r1':
      'Retransmission timeout again: the R1 threshold is reached, so TCP tells IP the path may be failing and keeps trying.',
    'give-up-syn':
      'The SYN was retransmitted until the R2 limit without an answer: give up, report "connection timed out" and enter CLOSED.',
    'give-up-syn-linux':
      'Linux gives up on the connection attempt: the SYN has been retransmitted for the whole time budget of net.ipv4.tcp_syn_retries (6 retries by default: 127 s after the first SYN, checked each time the timer expires); report "connection timed out" and enter CLOSED.',
    'give-up-synack':
      'The SYN,ACK was retransmitted the maximum number of times: drop the half-open connection and stay in LISTEN.',
    'give-up-data':
      'Data or FIN was retransmitted until the R2 limit without an acknowledgment: report "connection timed out" and enter CLOSED.',

    // the network and faults
    lost: "The network lost the segment: it never arrives, and only the sender's retransmission timer can recover it.",
    'dropped-by-fault': 'The scenario drops this segment on purpose, as if the network had lost it.',
    duplicated:
      'The network delivers a second copy of this segment; sequence numbers let the receiver recognize the duplicate.',
    injected:
      'A segment made up by the scenario is put on the wire, like an old duplicate from an earlier connection.',
    crash: 'The host crashes and reboots: it forgets every connection without telling the peer.',

    // timers
    'timer-retransmission':
      'The retransmission timer expires: a segment was not acknowledged within one RTO.',
    'timer-time-wait':
      'The TIME-WAIT timer expires: 2·MSL has passed, so no segment of this connection can still be in the network.',
    'timer-delayed-ack': 'The delayed-ACK timer expires.',
    'time-wait-expired': 'TIME-WAIT has lasted 2·MSL: delete the TCB and enter CLOSED.',

    // segment arrives: CLOSED, LISTEN, SYN-SENT (§3.10.7.1–3.10.7.3)
    accepted:
      'The segment is acceptable (it lies in the receive window) and calls for nothing more, like a duplicate ACK.',
    'closed-rst-discarded':
      'A RST arrives for a connection that does not exist (CLOSED): discard it, since a RST is never answered.',
    'closed-reset':
      'A segment arrives for a connection that does not exist (CLOSED): answer with a reset so the sender learns it is gone.',
    'listen-rst-ignored': 'A RST arrives in LISTEN: there is no connection to reset, so ignore it.',
    'listen-ack-reset':
      'An ACK arrives in LISTEN, where nothing has been sent that it could acknowledge: answer with a reset <SEQ=SEG.ACK><CTL=RST>.',
    'listen-syn':
      'SYN arrives in LISTEN: record IRS, choose an ISS, answer with SYN,ACK and enter SYN-RECEIVED.',
    'listen-drop': 'A segment with no SYN, ACK or RST arrives in LISTEN: drop it.',
    'two-way-established':
      'Two-way handshake: the SYN alone is taken as proof of a live peer, so enter ESTABLISHED at once; an old duplicate SYN would open a bogus connection, which is why TCP uses three ways.',
    'synsent-bad-ack-reset':
      'In SYN-SENT, the ACK does not cover our SYN (SEG.ACK =< ISS or SEG.ACK > SND.NXT): answer with a reset <SEQ=SEG.ACK><CTL=RST> and drop the segment.',
    'synsent-bad-ack-rst-dropped':
      'In SYN-SENT, a RST whose ACK does not cover our SYN cannot be about this connection: drop it.',
    'synsent-rst-refused':
      'In SYN-SENT, a RST that acknowledges our SYN: the peer refuses the connection; report "connection refused" and enter CLOSED.',
    'synsent-rst-no-ack':
      'In SYN-SENT, a RST without an acceptable ACK cannot be shown to answer our SYN: drop it.',
    'synsent-no-syn-dropped': 'In SYN-SENT, a segment with neither SYN nor RST: drop it.',
    'synsent-synack':
      'SYN,ACK arrives in SYN-SENT: record IRS; our SYN is acknowledged (SND.UNA > ISS), so enter ESTABLISHED.',
    'synsent-syn-simultaneous':
      'A SYN without ACK arrives in SYN-SENT: both sides opened at once (simultaneous open); enter SYN-RECEIVED and send SYN,ACK.',

    // segment arrives: other states (§3.10.7.4)
    'ack-throttled':
      'The reply to this unacceptable segment is suppressed: at most one such ACK is sent per 500 ms, which stops two confused endpoints from ACKing each other forever.',
    'unacceptable-ack':
      'The segment fails the acceptability test (it is outside the receive window): drop it and send an ACK saying what we expect.',
    'unacceptable-rst-dropped': 'A RST outside the receive window is old or forged: drop it silently.',
    'simultaneous-synack':
      "Simultaneous open: the peer's SYN,ACK repeats the SYN already received and acknowledges ours; the SYN is trimmed as a duplicate and the ACK is processed.",
    'synrcvd-dup-syn-ack':
      'A retransmitted SYN arrives in SYN-RECEIVED: it is a duplicate of the SYN already answered (SEG.SEQ = IRS, before RCV.NXT), so it fails the acceptability test; send an ACK <SEQ=SND.NXT><ACK=RCV.NXT> and drop it. Our SYN,ACK goes out again only when its retransmission timer expires.',
    'synrcvd-dup-syn-synack':
      'A retransmitted SYN arrives in SYN-RECEIVED: it is a duplicate of the SYN already answered, so our SYN,ACK was probably lost. Linux sends the SYN,ACK again at once and restarts its timer, where the RFC would send only an ACK.',
    'time-wait-fin-restart':
      "The peer's FIN arrives again in TIME-WAIT (our last ACK was lost): acknowledge it again and restart the 2·MSL timer.",
    'time-wait-ack-restart':
      'An old ACK arrives in TIME-WAIT: Linux answers it with an ACK and restarts the TIME-WAIT timer, as it does for any segment but a RST.',
    'rst-challenge-ack':
      'A RST in the window but not exactly at RCV.NXT may be forged: send a challenge ACK instead of resetting.',
    'synrcvd-rst-listen':
      'A RST arrives in SYN-RECEIVED after a passive OPEN: forget this attempt and return to LISTEN.',
    'synrcvd-rst-refused':
      'A RST arrives in SYN-RECEIVED after an active OPEN: the connection was refused; report it and enter CLOSED.',
    'rst-reset':
      'An acceptable RST arrives on an open connection: the peer aborted; report the reset, delete the TCB and enter CLOSED.',
    'rst-close':
      'An acceptable RST arrives in CLOSING, LAST-ACK or TIME-WAIT: delete the TCB and enter CLOSED.',
    'synrcvd-syn-listen':
      'A new SYN arrives in SYN-RECEIVED after a passive OPEN: abandon this attempt and return to LISTEN.',
    'syn-challenge-ack':
      'A SYN arrives on a synchronized connection: send a challenge ACK and drop it; a peer that really restarted will answer with a RST.',
    'no-ack-dropped':
      'The segment has no ACK bit: once synchronized, every segment must carry one, so drop it.',
    'synrcvd-ack-established':
      'The ACK of our SYN arrives in SYN-RECEIVED (SND.UNA < SEG.ACK =< SND.NXT): the handshake is complete; enter ESTABLISHED.',
    'synrcvd-bad-ack-reset':
      'In SYN-RECEIVED, an ACK that does not acknowledge our SYN: answer with a reset <SEQ=SEG.ACK><CTL=RST>.',
    'ack-out-of-range':
      'The ACK acknowledges something never sent, or far too old: send an ACK and drop the segment.',
    'duplicate-ack':
      'A duplicate ACK: it acknowledges nothing new, which hints that the peer is missing a segment while later ones arrive.',
    'ack-advances':
      'The ACK covers new data: SND.UNA advances and the acknowledged segments leave the retransmission queue.',
    'fin-acked': "Our FIN is acknowledged in FIN-WAIT-1: enter FIN-WAIT-2 and wait for the peer's FIN.",
    'closing-fin-acked': 'Our FIN is acknowledged in CLOSING: enter TIME-WAIT.',
    'last-ack-acked': 'Our FIN is acknowledged in LAST-ACK: delete the TCB and enter CLOSED.',
    'out-of-order':
      'The segment starts beyond RCV.NXT, after a gap: hold it and send a duplicate ACK for the missing data at once.',
    'data-received':
      'In-order data arrives: deliver it to the application, advance RCV.NXT and acknowledge it.',
    'text-ignored': "Data arrives after the peer's FIN, where none can follow: ignore it.",
    'fin-received':
      "The peer's FIN arrives in ESTABLISHED: advance RCV.NXT over it (a FIN occupies one sequence number), tell the application end-of-file and enter CLOSE-WAIT until it closes too.",
    'simultaneous-close':
      "The peer's FIN arrives in FIN-WAIT-1 before ours is acknowledged: both sides closed at once; advance RCV.NXT over it, tell the application end-of-file, acknowledge it and enter CLOSING.",
    'fin-wait-1-fin-acked':
      "The peer's FIN arrives in FIN-WAIT-1 and acknowledges ours in the same segment: the ACK moves us to FIN-WAIT-2, then the FIN is acknowledged, the application told end-of-file, and we enter TIME-WAIT for 2·MSL.",
    'fin-wait-2-fin':
      "The peer's FIN arrives in FIN-WAIT-2: advance RCV.NXT over it, tell the application end-of-file, acknowledge it and enter TIME-WAIT for 2·MSL.",
  },

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
  },

  // --- glossary ---
  glossary: {
    'SND.UNA':
      'send unacknowledged: the oldest sequence number this side has sent that the peer has not acknowledged yet. Everything before it is acknowledged; from SND.UNA up to SND.NXT is in flight and kept for retransmission.',
    'SND.NXT':
      'send next: the sequence number of the next octet this side will send (a SYN and a FIN count as one octet each).',
    'SND.WND':
      "send window: how much the peer is willing to receive, from its last segment's Window field. This side may send new data up to SND.UNA + SND.WND.",
    'RCV.NXT':
      'receive next: the next sequence number this side expects from the peer. It is the acknowledgment number this side sends: everything before it has arrived.',
    'RCV.WND':
      'receive window: how many octets, starting at RCV.NXT, this side is willing to accept; it advertises it in the Window field. Segments outside RCV.NXT … RCV.NXT + RCV.WND − 1 are not acceptable.',
    ISS: "initial send sequence number: the sequence number of this side's SYN, chosen when the connection starts. The SYN occupies it, so the first data octet is ISS + 1. It comes from a clock that ticks about every 4 microseconds, so a new connection does not reuse the numbers of an old one.",
    IRS: "initial receive sequence number: the peer's initial sequence number, learned from the sequence number of the SYN it sent. The peer's first data octet is IRS + 1. Unknown until the peer's SYN has arrived.",
    RTO: 'retransmission timeout: how long this side waits for an acknowledgment before sending the oldest unacknowledged segment again. RFC 6298: 1 s before any round-trip time is measured, then SRTT + 4·RTTVAR, at least 1 s (Linux: 200 ms), doubled after each timeout (back-off).',
    SYN: "synchronize sequence numbers: opens a connection. The segment's sequence number is the sender's initial sequence number (ISN); the SYN occupies that one number, so the first data octet is ISN + 1 and the SYN is acknowledged with ISN + 1.",
    ACK: 'acknowledgment field is significant: the acknowledgment number is the next sequence number the sender expects, so everything before it has arrived. Once a connection is established, it is always set. An ACK occupies no sequence number.',
    FIN: 'no more data from sender: the sender has closed its side. Like a SYN, a FIN occupies one sequence number, so it is acknowledged with its sequence number + its data length + 1.',
    RST: 'reset the connection: the receiver deletes the connection at once, without further exchange, if the reset’s sequence number is acceptable. A RST answers a segment that belongs to no connection, or an ABORT; a RST is never answered with a RST.',
    PSH: 'push function: the sender asks that the data be delivered to the receiving application promptly, without waiting for more to fill a buffer. Set on the last segment of a SEND call.',
    CLOSED:
      'no connection at all: there is no TCB. The RFC calls CLOSED fictional, as it stands for the absence of a connection.',
    LISTEN:
      'after a passive OPEN: waiting for a connection request (a SYN) from any remote TCP peer and port.',
    'SYN-SENT':
      'after an active OPEN: a connection request (SYN) has been sent; waiting for a matching connection request.',
    'SYN-RECEIVED':
      'a connection request (SYN) has been both received and sent; waiting for the acknowledgment of ours.',
    ESTABLISHED:
      'an open connection: data received can be delivered to the application. The normal state while data is transferred.',
    'FIN-WAIT-1':
      "this side has closed and sent its FIN; waiting for the peer's FIN, or for the acknowledgment of ours.",
    'FIN-WAIT-2': "our FIN has been acknowledged; waiting for the peer's FIN (the peer may still send data).",
    'CLOSE-WAIT':
      "the peer has closed (its FIN arrived); waiting for this side's application to close. This side may still send.",
    CLOSING:
      "both sides closed at once: the peer's FIN arrived before ours was acknowledged; waiting for that acknowledgment.",
    'LAST-ACK':
      "the peer closed first, then this side sent its FIN (which also acknowledged the peer's); waiting for the acknowledgment of our FIN.",
    'TIME-WAIT':
      'waiting 2·MSL, long enough to be sure the peer received the acknowledgment of its FIN, and that delayed segments of this connection cannot disturb a new one.',
    sourcePort: "the sender's port number. With the two IP addresses, the ports identify the connection.",
    destinationPort:
      "the receiver's port number. With the two IP addresses, the ports identify the connection.",
    sequenceNumber:
      "the sequence number of the segment's first data octet. On a SYN it is the initial sequence number (ISN), and the first data octet is ISN + 1.",
    acknowledgmentNumber:
      'when the ACK flag is set, the next sequence number the sender expects to receive: everything before it has arrived. Without ACK it means nothing (shown as 0).',
    flags:
      'the control bits: SYN, ACK, FIN, RST, PSH (and URG, ECE, CWR, which these scenarios do not use). They tell the receiver what the segment does.',
    window:
      'how many octets, starting at the acknowledgment number, the sender is willing to accept: its receive window, which becomes the peer’s SND.WND.',
    payload:
      "the data after the header. Each octet has a sequence number of its own, so the next segment's sequence number is this one's plus the payload length (plus one for a SYN or a FIN).",
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
} as const satisfies CatalogShape;

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** The type every catalog has: the English one's keys, any strings. */
export type Catalog = Strings<typeof en>;
