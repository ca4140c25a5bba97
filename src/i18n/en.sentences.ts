/**
 * The English sentences a reader needs only once something has happened or is asked about: one per
 * explanation key (what the rule says and why) and the glossary. They are their own chunk in the page, loaded
 * right after the first paint (src/ui/i18n.ts), so the default page does not wait for them; the CLI and the
 * tests get them through `en` (en.ts), which is the whole catalog.
 */
import type { CatalogShape } from './en.base';

export const enSentences = {
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
    'accept-queue-full':
      "The listener's accept queue is full (more connections waiting than its backlog): Linux drops the segment without a reply, and the client's retransmission tries again.",
    'time-wait-syn-reopen':
      'A SYN with a sequence number after RCV.NXT arrives for a connection in TIME-WAIT: Linux ends the old connection and lets the listener open a new one, its ISS the old SND.NXT + 65537.',
    'listen-stop-reset':
      'The listening socket is closed while this connection waits in its accept queue, never accepted by the application: Linux disconnects it with a reset <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK> and deletes it.',
    'listen-stop-request-dropped':
      "The listening socket is closed while this connection is still being opened (SYN-RECEIVED): Linux drops the request silently; the client's next segment finds no socket and gets a reset.",
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
      'The ACK this segment would get is suppressed: too many went out just now (RFC 5961 §7 suggests at most 10 challenge ACKs in 5 s; Linux sends at most one such ACK per 500 ms, but always ACKs data and FINs). The limit stops two confused endpoints from ACKing each other forever.',
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
    'time-wait-ack-rescheduled':
      'A bare ACK exactly at RCV.NXT arrives in TIME-WAIT: Linux restarts the 60 s TIME-WAIT timer and sends nothing.',
    'time-wait-rst-dropped':
      'A RST that is not exactly at RCV.NXT arrives in TIME-WAIT: Linux drops it without a reply, so TIME-WAIT runs its full time.',
    'rst-challenge-ack':
      'A RST in the window but not exactly at RCV.NXT may be forged: send a challenge ACK instead of resetting.',
    'synrcvd-rst-listen':
      'A RST arrives in SYN-RECEIVED after a passive OPEN: forget this attempt and return to LISTEN.',
    'synrcvd-rst-embryonic':
      'A RST inside the window arrives for a connection still being set up (SYN-RECEIVED after a passive OPEN): Linux drops the half-open request at once, whatever its sequence number, and the listener waits for the next SYN.',
    'synrcvd-syn-embryonic-reset':
      'A new SYN inside the window arrives for a connection still being set up: Linux answers it with a RST and drops the half-open request; the listener stays in LISTEN.',
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
} as const satisfies Pick<CatalogShape, 'explain' | 'glossary'>;
