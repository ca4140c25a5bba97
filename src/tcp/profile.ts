/**
 * Constants of the two profiles. `rfc` follows the RFCs' rules and recommended values; `linux` follows
 * what a Linux 6.x kernel does by default. Every number cites where it comes from.
 */
import type { ExplainKey } from './explain';
import type { Profile } from './types';

export interface ProfileConstants {
  /** Initial RTO before any RTT sample. RFC 6298 §2.1: 1 s. Linux TCP_TIMEOUT_INIT = 1*HZ (include/net/tcp.h). */
  initialRtoMs: number;
  /** RFC 6298 §2.4: RTO "SHOULD be rounded up to 1 second". Linux TCP_RTO_MIN = HZ/5 = 200 ms. */
  minRtoMs: number;
  /** RFC 6298 §2.5: a maximum "at least 60 seconds". Linux TCP_RTO_MAX = 120*HZ. */
  maxRtoMs: number;
  /** RFC 6298 §5.7 / Linux TCP_TIMEOUT_FALLBACK: RTO after a handshake whose SYN was retransmitted. */
  fallbackRtoMs: number;
  /** How RTO is derived from SRTT and RTTVAR (RFC 6298 §2.3 vs Linux __tcp_set_rto). */
  rtoFormula: 'rfc6298' | 'linux';
  /** Give-up rule for SYN retransmissions in SYN-SENT. */
  synGiveUp: GiveUp;
  /** Give-up rule for SYN,ACK retransmissions in SYN-RECEIVED. */
  synAckGiveUp: GiveUp;
  /** Give-up rule for data and FIN retransmissions. */
  dataGiveUp: GiveUp;
  /** Linux tcp_syn_linear_timeouts: the first N SYN retransmissions do not back off. RFC: 0. */
  synLinearTimeouts: number;
  /** R1 (RFC 9293 §3.8.3): after this many retransmissions the endpoint "passes negative advice". */
  r1Retransmissions: number;
  /** Delayed-ACK timeout. RFC 9293 §3.8.6.3: "MUST be less than 0.5 seconds"; we use 200 ms, the common
   * value (Linux's TCP_DELACK_MAX is also 200 ms). Linux starts at TCP_ATO_MIN = TCP_DELACK_MIN = HZ/25 = 40 ms. */
  delayedAckMs: number;
  /** Default MSL: RFC 9293 §3.4.2 "MSL … 2 minutes"; Linux TCP_TIMEWAIT_LEN = 60 s = 2 × 30 s. */
  defaultMslMs: number;
  /** Linux answers a retransmitted SYN in SYN-RECEIVED with the SYN,ACK again (tcp_check_req →
   * inet_rtx_syn_ack). The RFC sends only an ACK (§3.10.7.4 first check: unacceptable segment). */
  resendSynAckOnDuplicateSyn: boolean;
  /** A passive SYN-RECEIVED that gives up: Linux drops the request socket silently (the listener stays
   * in LISTEN); the RFC's user timeout deletes the TCB (§3.10.8) and reports ETIMEDOUT. */
  passiveGiveUpReturnsToListen: boolean;
  /** ABORT sends <SEQ=SND.NXT><CTL=RST> (RFC 9293 §3.10.5); Linux's tcp_send_active_reset also sets ACK. */
  abortRstCarriesAck: boolean;
  /** ISN clock ticks per simulated ms: RFC 9293 §3.4.1 "every roughly 4 microseconds" (250/ms);
   * Linux seq_scale() adds ktime_get_real_ns() >> 6, a 64 ns tick (15625/ms). */
  isnTicksPerMs: number;
  /** Linux quick-ACK mode: the first data segments are ACKed at once even with delayed ACKs on
   * (tcp_event_data_recv → tcp_incr_quickack, at most TCP_MAX_QUICKACKS = 16). RFC: 0. */
  quickAcks: number;
  /** What the user sees when a RST arrives in CLOSE-WAIT: Linux tcp_reset() reports EPIPE, the RFC "connection reset". */
  rstInCloseWait: 'ECONNRESET' | 'EPIPE';
  /** Delayed ACK default for the profile: Linux delays ACKs by default; the RFC example does not. */
  defaultDelayedAck: boolean;
  /** TIME-WAIT as Linux's tcp_timewait_state_process (arrive.ts linuxTimeWait): a bare ACK at RCV.NXT
   * restarts the timer silently, any other non-RST segment is ACKed (rate-limited) and restarts it if it
   * carries an ACK, a RST not at RCV.NXT is dropped. RFC 9293 §3.10.7.4: the usual checks, and a
   * retransmitted FIN is re-ACKed and restarts 2·MSL (see arrive.ts's readings). */
  timeWaitLinux: boolean;
  /** A listener's accept queue is bounded by its backlog: a SYN (or the handshake's last ACK) that finds it
   * full is dropped silently (Linux tcp_conn_request / tcp_check_req, `sk_acceptq_is_full`, whose `>`
   * admits backlog + 1; the backlog is capped at net.core.somaxconn = 4096 by __sys_listen_socket). RFC
   * 9293 has no backlog: unbounded. */
  acceptQueueLimit: boolean;
  /** A SYN for a 4-tuple in TIME-WAIT whose SEG.SEQ is after RCV.NXT opens a new connection when a listener
   * is on the port, with ISS = the old SND.NXT + 65537 (Linux tcp_timewait_state_process → TCP_TW_SYN,
   * RFC 9293 §3.6 MAY-2). Under the RFC profile it is processed by the TIME-WAIT TCB (§3.10.7.4): an ACK. */
  timeWaitSynReopens: boolean;
  /** connect() without a port may take a local port that other connections of the host hold, as long as its
   * 4-tuple is not in use and no socket bound the port itself (Linux __inet_hash_connect: a bind bucket with
   * `fastreuse >= 0` is skipped, then __inet_check_established checks the 4-tuple), starting from a hash of
   * the destination and a 10-second time seed (inet_sk_port_offset). RFC 9293 does not say how a port is
   * chosen; the `rfc` profile's convention takes a port no socket of the host holds. */
  connectPortPerDestination: boolean;
  /** Closing a listening socket ends the connections it spawned that the application has not accepted
   * (Linux __tcp_close → inet_csk_listen_stop: each child in the accept queue is disconnected, and
   * tcp_disconnect sends a RST for the states of tcp_need_reset) and drops its SYN-RECEIVED request socks
   * (a request whose listener is no longer in LISTEN is dropped: tcp_v4_rcv, reqsk_timer_handler). RFC 9293
   * §3.10.4/§3.10.5 in LISTEN delete only the listening TCB: each connection is a TCB of its own. */
  listenStopResetsChildren: boolean;
  /**
   * How many challenge ACKs (RFC 5961 §3.2 RST, §4.2 SYN, §5.2 ACK out of range) may go out per window.
   * RFC 5961 §7 asks for ACK throttling and suggests 10 challenge ACKs in 5 seconds. Linux's
   * tcp_send_challenge_ack first applies the per-socket limit of __tcp_oow_rate_limited: none within
   * sysctl_tcp_invalid_ratelimit = HZ/2 = 500 ms of the last rate-limited ACK (tcp_ipv4.c). (Its host-wide
   * sysctl_tcp_challenge_ack_limit is not modelled: one connection never reaches it.)
   */
  challengeAckLimit: AckLimit;
  /** A passive SYN-RECEIVED (Linux's request sock) that gets a RST anywhere in the window, or a SYN in the
   * window that is not the SYN again, drops the request, answering the SYN with a RST (tcp_check_req →
   * embryonic_reset). RFC 9293 §3.10.7.4 with RFC 5961: a RST not at RCV.NXT gets a challenge ACK; a SYN
   * returns the connection to LISTEN without a reply. */
  embryonicReset: boolean;
  /**
   * The ACK for any other unacceptable segment (§3.10.7.4 first check; TIME-WAIT's re-ACKs): RFC 9293 sends
   * it every time (null: no limit). Linux rate-limits it like a challenge ACK, sharing the same timestamp
   * (tp->last_oow_ack_time), but only for a segment that occupies no sequence space or carries a SYN:
   * tcp_oow_rate_limited returns "not limited" for data and FIN ("Data packets without SYNs are not likely
   * part of an ACK loop"), so a duplicate data segment is always ACKed.
   */
  dupAckLimit: AckLimit | null;
}

/** At most `count` rate-limited ACKs within any `windowMs` (an ACK counts when it is sent). */
export interface AckLimit {
  count: number;
  windowMs: number;
}

/** Give up when `elapsed since the first transmission >= limitMs`, checked each time the timer expires,
 * or after `retries` retransmissions, whichever the profile uses. */
export interface GiveUp {
  kind: 'time' | 'retries';
  limitMs: number;
  retries: number;
  /** The rule that gives up, as the trace explains it (RFC 9293's R2, or Linux's sysctl). */
  explain: ExplainKey;
}

export const PROFILES: Record<Profile, ProfileConstants> = {
  rfc: {
    initialRtoMs: 1000,
    minRtoMs: 1000,
    maxRtoMs: 60_000,
    fallbackRtoMs: 3000,
    rtoFormula: 'rfc6298',
    // RFC 9293 §3.8.3: R2 for a SYN "at least 3 minutes" (MUST-23); for data "at least 100 seconds" (SHLD-11).
    synGiveUp: { kind: 'time', limitMs: 180_000, retries: 0, explain: 'give-up-syn' },
    synAckGiveUp: { kind: 'time', limitMs: 180_000, retries: 0, explain: 'give-up-syn' },
    dataGiveUp: { kind: 'time', limitMs: 100_000, retries: 0, explain: 'give-up-data' },
    synLinearTimeouts: 0,
    // RFC 9293 §3.8.3: "R1 SHOULD correspond to at least 3 retransmissions" (SHLD-10).
    r1Retransmissions: 3,
    delayedAckMs: 200,
    defaultMslMs: 120_000,
    resendSynAckOnDuplicateSyn: false,
    passiveGiveUpReturnsToListen: false,
    abortRstCarriesAck: false,
    defaultDelayedAck: false,
    timeWaitLinux: false,
    acceptQueueLimit: false,
    timeWaitSynReopens: false,
    connectPortPerDestination: false,
    listenStopResetsChildren: false,
    challengeAckLimit: { count: 10, windowMs: 5000 },
    embryonicReset: false,
    dupAckLimit: null,
    isnTicksPerMs: 250,
    quickAcks: 0,
    rstInCloseWait: 'ECONNRESET',
  },
  linux: {
    initialRtoMs: 1000,
    minRtoMs: 200,
    maxRtoMs: 120_000,
    fallbackRtoMs: 3000,
    rtoFormula: 'linux',
    // net.ipv4.tcp_syn_retries = 6 (TCP_SYN_RETRIES): tcp_write_timeout() → retransmits_timed_out() gives up
    // once the time since the first SYN reaches tcp_model_timeout(6, TCP_TIMEOUT_INIT) = (2^7 − 1) × 1 s = 127 s,
    // checked when the timer fires. With tcp_syn_linear_timeouts = 4 (Linux >= 6.5) the SYN goes out at
    // 0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s and connect() fails at 131 s. A real capture with
    // tcp_syn_retries = 2 (test/fixtures/linux-syn-timeout.pcap) shows the same rule: budget 7 s, SYNs at
    // 0…5 s, ETIMEDOUT at about 7 s.
    synGiveUp: { kind: 'time', limitMs: 127_000, retries: 0, explain: 'give-up-syn-linux' },
    // net.ipv4.tcp_synack_retries = 5 (TCP_SYNACK_RETRIES); reqsk_timer_handler() backs off exponentially from
    // TCP_TIMEOUT_INIT: SYN,ACK again at 1, 3, 7, 15, 31 s, request dropped silently at 63 s.
    // (A passive request gives up into LISTEN as `give-up-synack`; an active SYN-RECEIVED, after a
    // simultaneous open, fails the connect() as a SYN timeout.)
    synAckGiveUp: { kind: 'retries', limitMs: 0, retries: 5, explain: 'give-up-syn-linux' },
    // net.ipv4.tcp_retries2 = 15 → tcp_model_timeout(): ((2 << 9) - 1) * 200 ms + (15 - 9) * 120 s = 924.6 s.
    // tcp_retries2 is Linux's R2 (Documentation/networking/ip-sysctl.rst relates it to RFC 1122's 100 s).
    dataGiveUp: { kind: 'time', limitMs: 924_600, retries: 0, explain: 'give-up-data' },
    synLinearTimeouts: 4,
    // net.ipv4.tcp_retries1 = 3 (TCP_RETR1).
    r1Retransmissions: 3,
    delayedAckMs: 40,
    defaultMslMs: 30_000,
    resendSynAckOnDuplicateSyn: true,
    passiveGiveUpReturnsToListen: true,
    abortRstCarriesAck: true,
    defaultDelayedAck: true,
    timeWaitLinux: true,
    acceptQueueLimit: true,
    timeWaitSynReopens: true,
    connectPortPerDestination: true,
    listenStopResetsChildren: true,
    challengeAckLimit: { count: 1, windowMs: 500 },
    embryonicReset: true,
    dupAckLimit: { count: 1, windowMs: 500 },
    isnTicksPerMs: 15625,
    quickAcks: 16,
    rstInCloseWait: 'EPIPE',
  },
};
