/**
 * Every explanation key the engine puts on a trace event, with the one place each rule is written: a
 * section of RFC 9293 ("3.10.7.2"), another RFC ("RFC 5961 §4.2"), or the Linux function or sysctl that
 * does it ("tcp_check_req"). The engine never formats text for people: narration (src/i18n) maps each key
 * to a sentence, and its type is derived from this table, so a key without a translation fails the typecheck.
 *
 * A key names one rule, so it has one citation. Where the two profiles follow different rules, each rule
 * has its own key (`give-up-syn` is RFC 9293's R2, `give-up-syn-linux` is Linux's tcp_syn_retries budget),
 * and the profile chooses the key, never the citation.
 */
export const EXPLAIN_RFC = {
  // user calls as issued, and the application's reflex (close on EOF or on connect, the only one it has)
  'call-listen': { rfc: '3.10.1' },
  'call-connect': { rfc: '3.10.1' },
  'call-send': { rfc: '3.10.2' },
  'call-close': { rfc: '3.10.4' },
  'call-abort': { rfc: '3.10.5' },
  'reflex-close': { rfc: '3.10.4' },
  // user-call processing (§3.10.1–3.10.5)
  'open-passive': { rfc: '3.10.1' },
  'open-active': { rfc: '3.10.1' },
  'call-already-exists': { rfc: '3.10.1' },
  'send-no-connection': { rfc: '3.10.2' },
  'close-no-connection': { rfc: '3.10.4' },
  'abort-no-connection': { rfc: '3.10.5' },
  'send-closing': { rfc: '3.10.2' },
  'close-closing': { rfc: '3.10.4' },
  close: { rfc: '3.10.4' },
  'close-after-fin': { rfc: '3.10.4' },
  'close-before-sync': { rfc: '3.10.4' },
  'close-queued': { rfc: '3.10.4' },
  abort: { rfc: '3.10.5' },
  'abort-reset': { rfc: '3.10.5' },
  'abort-reset-linux': { rfc: 'tcp_send_active_reset' },
  // sending
  'send-data': { rfc: '3.10.2' },
  'send-data-fin': { rfc: '3.10.4' },
  'send-fin': { rfc: '3.10.4' },
  'send-fin-last': { rfc: '3.10.4' },
  'handshake-ack': { rfc: '3.10.7.3' },
  'ack-data': { rfc: '3.10.7.4' },
  'ack-fin': { rfc: '3.10.7.4' },
  'delayed-ack': { rfc: '3.8.6.3' },
  retransmit: { rfc: 'RFC 6298 §5.4' },
  'retransmit-r1': { rfc: '3.8.3' },
  'retransmit-partial-ack': { rfc: 'RFC 6582 §3.2' },
  'fast-retransmit': { rfc: 'RFC 5681 §3.2' },
  'give-up-syn': { rfc: '3.8.3' },
  'give-up-syn-linux': { rfc: 'tcp_write_timeout' },
  'give-up-synack': { rfc: 'tcp_synack_retries' },
  'give-up-data': { rfc: '3.8.3' },
  // the network and faults
  lost: { rfc: '3.8.1' },
  'dropped-by-fault': { rfc: '3.8.1' },
  duplicated: { rfc: '3.4' },
  injected: { rfc: '3.5' },
  crash: { rfc: '3.5.1' },
  // timers
  'timer-retransmission': { rfc: 'RFC 6298 §5.4' },
  'timer-time-wait': { rfc: '3.10.8' },
  'timer-delayed-ack': { rfc: '3.8.6.3' },
  'time-wait-expired': { rfc: '3.10.8' },
  // segment arrives: CLOSED, LISTEN, SYN-SENT (§3.10.7.1–3.10.7.3)
  accepted: { rfc: '3.10.7.4' },
  'closed-rst-discarded': { rfc: '3.10.7.1' },
  'closed-reset': { rfc: '3.10.7.1' },
  'listen-rst-ignored': { rfc: '3.10.7.2' },
  'listen-ack-reset': { rfc: '3.10.7.2' },
  'listen-syn': { rfc: '3.10.7.2' },
  'listen-drop': { rfc: '3.10.7.2' },
  // a world's listening sockets (Linux): the accept queue and a SYN reopening a TIME-WAIT 4-tuple
  'accept-queue-full': { rfc: 'sk_acceptq_is_full' },
  'time-wait-syn-reopen': { rfc: 'tcp_timewait_state_process' },
  // closing a listening socket (Linux): its unaccepted children are reset, its request socks dropped
  'listen-stop-reset': { rfc: 'inet_csk_listen_stop' },
  'listen-stop-request-dropped': { rfc: 'inet_csk_reqsk_queue_drop' },
  'two-way-established': { rfc: '3.5' },
  'synsent-bad-ack-reset': { rfc: '3.10.7.3' },
  'synsent-bad-ack-rst-dropped': { rfc: '3.10.7.3' },
  'synsent-rst-refused': { rfc: '3.10.7.3' },
  'synsent-rst-no-ack': { rfc: '3.10.7.3' },
  'synsent-no-syn-dropped': { rfc: '3.10.7.3' },
  'synsent-synack': { rfc: '3.10.7.3' },
  'synsent-syn-simultaneous': { rfc: '3.10.7.3' },
  // segment arrives: other states (§3.10.7.4)
  'unacceptable-ack': { rfc: '3.10.7.4' },
  'ack-throttled': { rfc: 'RFC 5961 §7' },
  'unacceptable-rst-dropped': { rfc: '3.10.7.4' },
  'simultaneous-synack': { rfc: '3.5' },
  'synrcvd-dup-syn-ack': { rfc: '3.10.7.4' },
  'synrcvd-dup-syn-synack': { rfc: 'tcp_check_req' },
  'time-wait-fin-restart': { rfc: '3.10.7.4' },
  'time-wait-ack-restart': { rfc: 'tcp_timewait_state_process' },
  'time-wait-ack-rescheduled': { rfc: 'tcp_timewait_state_process' },
  'time-wait-rst-dropped': { rfc: 'tcp_timewait_state_process' },
  'rst-challenge-ack': { rfc: 'RFC 5961 §3.2' },
  'synrcvd-rst-listen': { rfc: '3.10.7.4' },
  'synrcvd-rst-embryonic': { rfc: 'tcp_check_req' },
  'synrcvd-syn-embryonic-reset': { rfc: 'tcp_check_req' },
  'synrcvd-rst-refused': { rfc: '3.10.7.4' },
  'rst-reset': { rfc: '3.10.7.4' },
  'rst-close': { rfc: '3.10.7.4' },
  'synrcvd-syn-listen': { rfc: '3.10.7.4' },
  'syn-challenge-ack': { rfc: 'RFC 5961 §4.2' },
  'no-ack-dropped': { rfc: '3.10.7.4' },
  'synrcvd-ack-established': { rfc: '3.10.7.4' },
  'synrcvd-bad-ack-reset': { rfc: '3.10.7.4' },
  'ack-out-of-range': { rfc: 'RFC 5961 §5.2' },
  'ack-advances': { rfc: '3.10.7.4' },
  'duplicate-ack': { rfc: 'RFC 5681 §2' },
  'fin-acked': { rfc: '3.10.7.4' },
  'closing-fin-acked': { rfc: '3.10.7.4' },
  'last-ack-acked': { rfc: '3.10.7.4' },
  'out-of-order': { rfc: '3.10.7.4' },
  'data-received': { rfc: '3.10.7.4' },
  'text-ignored': { rfc: '3.10.7.4' },
  // eighth, check the FIN bit: one key per state the FIN arrives in
  'fin-received': { rfc: '3.10.7.4' },
  'simultaneous-close': { rfc: '3.10.7.4' },
  'fin-wait-1-fin-acked': { rfc: '3.10.7.4' },
  'fin-wait-2-fin': { rfc: '3.10.7.4' },
} as const satisfies Record<string, { rfc: string }>;

export type ExplainKey = keyof typeof EXPLAIN_RFC;

export const EXPLAIN_KEYS = Object.keys(EXPLAIN_RFC) as readonly ExplainKey[];

/** The citation of a key's rule, as the trace's `rfc` field carries it. */
export function rfcOf(key: ExplainKey): string {
  return EXPLAIN_RFC[key].rfc;
}
