/**
 * Closing a listening socket with children (docs/design/engine-v2.md §1 and §6, linux-listener.md §3), with
 * what each client sees derived by hand (the scenario is world-harness.ts `listenStop`: c1 ESTABLISHED at
 * the server since 150 ms and never accepted, c2 SYN-RECEIVED since 150 ms, the listener closed at 200 ms).
 *
 * Linux (6.18.19): tcp_close → __tcp_close: `if (sk->sk_state == TCP_LISTEN) { tcp_set_state(sk,
 * TCP_CLOSE); inet_csk_listen_stop(sk); }`. inet_csk_listen_stop (net/ipv4/inet_connection_sock.c) takes
 * every child off the accept queue (reqsk_queue_remove) and calls inet_child_forget → `disconnect` =
 * tcp_disconnect (net/ipv4/tcp.c): `if (tcp_need_reset(old_state)) tcp_send_active_reset(...)`, where
 * tcp_need_reset is ESTABLISHED | CLOSE_WAIT | FIN_WAIT1 | FIN_WAIT2 | SYN_RECV, and tcp_send_active_reset
 * sends RST|ACK with seq = tcp_acceptable_seq (SND.NXT) and ack = RCV.NXT. A request sock (SYN-RECEIVED) is
 * not in the accept queue; tcp_v4_rcv meets it with `sk->sk_state != TCP_LISTEN` for its listener and calls
 * inet_csk_reqsk_queue_drop_and_put, then `goto lookup`: no socket, so tcp_v4_send_reset answers the ACK
 * with <SEQ=SEG.ACK><CTL=RST> (reqsk_timer_handler drops it likewise: no SYN,ACK is resent).
 *
 * RFC 9293 §3.10.4 CLOSE in LISTEN: "Any outstanding RECEIVEs are returned with "error: closing" responses.
 * Delete TCB, enter CLOSED state, and return." The connections are TCBs of their own (§3.4.1: "A
 * connection is defined by a pair of sockets"), so they carry on.
 */
import { describe, expect, it } from 'vitest';
import type { SendEventV2, TraceV2 } from '../../src/tcp/traceV2';
import { runWorld, World } from '../../src/tcp/world';
import { listenStop, sends, show, statesOf } from './world-harness';

/** What arrives at `host` (not lost: no loss here), in order, with its arrival time. */
const seen = (trace: TraceV2, host: string): string[] =>
  sends(trace)
    .filter((e: SendEventV2) => e.toHost === host)
    .map((e) => `${e.arriveAt} ${show(e)}`);

describe('linux: inet_csk_listen_stop', () => {
  it('the unaccepted ESTABLISHED child is reset: client1 sees <SEQ=301><ACK=101><CTL=RST,ACK> at 250 ms', () => {
    // Server ISS 300: SYN,ACK seq=300 ack=101 (the SYN took 100). SND.NXT = 301, RCV.NXT = 101 at 200 ms.
    const trace = runWorld(listenStop('linux'));
    expect(seen(trace, 'client1')).toEqual([
      '100 server>client1 SYN,ACK seq=300 ack=101',
      '250 server>client1 ACK,RST seq=301 ack=101',
    ]);
    expect(statesOf(trace, 'server', 'c1')).toEqual([
      'LISTEN>SYN-RECEIVED',
      'SYN-RECEIVED>ESTABLISHED',
      'ESTABLISHED>CLOSED',
    ]);
    const reset = sends(trace, { host: 'server', conn: 'c1' }).at(-1);
    expect(reset).toMatchObject({ t: 200, explain: 'listen-stop-reset', rfc: 'inet_csk_listen_stop' });
    // The RST's seq is client1's RCV.NXT: acceptable in ESTABLISHED, so the connection is reset (§3.10.7.4).
    expect(trace.final.c1).toEqual({
      client: { state: 'CLOSED', error: 'ECONNRESET' },
      server: { state: 'CLOSED' },
    });
  });

  it('the SYN-RECEIVED request sock is dropped silently: client2’s ACK finds no socket and gets <SEQ=701><CTL=RST>', () => {
    // Server ISS 700: SYN,ACK seq=700 ack=5001 at 150 ms, arriving at 200; client2's ACK seq=5001 ack=701
    // arrives at 250, when port 80 has no socket: the CLOSED reply to a segment with ACK is <SEQ=SEG.ACK>.
    const trace = runWorld(listenStop('linux'));
    expect(seen(trace, 'client2')).toEqual([
      '200 server>client2 SYN,ACK seq=700 ack=5001',
      '300 server>client2 RST seq=701',
    ]);
    expect(seen(trace, 'server').filter((s) => s.includes('client2>'))).toEqual([
      '150 client2>server SYN seq=5000',
      '250 client2>server ACK seq=5001 ack=701',
    ]);
    const drop = trace.events.find((e) => e.type === 'state' && e.conn === 'c2' && e.to === 'CLOSED');
    expect(drop).toMatchObject({
      t: 200,
      host: 'server',
      from: 'SYN-RECEIVED',
      explain: 'listen-stop-request-dropped',
    });
    // Nothing more from the dropped request: no SYN,ACK retransmission at 1,150 ms.
    expect(sends(trace, { host: 'server', conn: 'c2' }).map((e) => e.t)).toEqual([150]);
    expect(trace.final.c2).toEqual({
      client: { state: 'CLOSED', error: 'ECONNRESET' },
      server: { state: 'CLOSED' },
    });
  });

  it('the listener’s own events come first (__tcp_close sets TCP_CLOSE, then inet_csk_listen_stop)', () => {
    const trace = runWorld(listenStop('linux'));
    const at200 = trace.events.filter((e) => e.t === 200 && e.host === 'server');
    expect(at200.map((e) => `${e.type}:${e.conn ?? `:${e.listener}`}`)).toEqual([
      'call::80',
      'state::80',
      'app::80',
      'send:c1',
      'state:c1',
      'state:c2',
    ]);
  });

  it('an accepted child (the server sent on it at 160 ms) is the application’s socket and carries on', () => {
    const trace = runWorld(
      listenStop('linux', [{ at: 160, host: 'server', conn: 'c1', call: 'send', bytes: 10 }]),
    );
    expect(seen(trace, 'client1')).toEqual([
      '100 server>client1 SYN,ACK seq=300 ack=101',
      '210 server>client1 ACK,PSH seq=301 ack=101 len=10',
    ]);
    expect(trace.final.c1).toEqual({ client: { state: 'ESTABLISHED' }, server: { state: 'ESTABLISHED' } });
    expect(trace.final.c2?.server).toEqual({ state: 'CLOSED' });
  });

  it('a CLOSE-WAIT child is reset too (tcp_need_reset): RST,ACK acknowledging client1’s FIN', () => {
    // client1 closes at 120: FIN seq=101 arrives at 170, the child ACKs it (ack=102) and waits in CLOSE-WAIT.
    const trace = runWorld(listenStop('linux', [{ at: 120, host: 'client1', conn: 'c1', call: 'close' }]));
    expect(seen(trace, 'client1')).toEqual([
      '100 server>client1 SYN,ACK seq=300 ack=101',
      '220 server>client1 ACK seq=301 ack=102',
      '250 server>client1 ACK,RST seq=301 ack=102',
    ]);
    expect(statesOf(trace, 'server', 'c1').slice(-2)).toEqual([
      'ESTABLISHED>CLOSE-WAIT',
      'CLOSE-WAIT>CLOSED',
    ]);
    expect(statesOf(trace, 'client1', 'c1').at(-1)).toBe('FIN-WAIT-2>CLOSED');
  });

  it('accept() takes a child off the accept queue: the listener counts only the unaccepted', () => {
    const s = listenStop('linux', [{ at: 160, host: 'server', conn: 'c1', call: 'send', bytes: 10 }]);
    s.actions = s.actions.filter((a) => !(a.call === 'close' && a.host === 'server'));
    const world = new World(s);
    world.run();
    // c1 was accepted at 160 ms; c2 reached ESTABLISHED at 250 ms and waits in the queue.
    expect(world.snapshot().listeners['server/:80']).toEqual({ backlog: 4096, queued: 1 });
  });
});

describe('rfc: §3.10.4 CLOSE in LISTEN deletes only the listening TCB', () => {
  it('c1 stays ESTABLISHED, c2 completes its handshake; the server sends nothing at 200 ms', () => {
    const trace = runWorld(listenStop('rfc'));
    expect(seen(trace, 'client1')).toEqual(['100 server>client1 SYN,ACK seq=300 ack=101']);
    expect(seen(trace, 'client2')).toEqual(['200 server>client2 SYN,ACK seq=700 ack=5001']);
    expect(statesOf(trace, 'server', 'c2')).toEqual(['LISTEN>SYN-RECEIVED', 'SYN-RECEIVED>ESTABLISHED']);
    for (const c of ['c1', 'c2'])
      expect(trace.final[c]).toEqual({ client: { state: 'ESTABLISHED' }, server: { state: 'ESTABLISHED' } });
  });

  it('the port is closed for new connections: a SYN at 400 ms gets <SEQ=0><ACK=ISS+1><CTL=RST,ACK> (§3.10.7.1)', () => {
    const trace = runWorld(
      listenStop('rfc', [
        { at: 400, host: 'client1', call: 'connect', to: 'server:80', conn: 'c3', iss: 9000 },
      ]),
    );
    expect(seen(trace, 'client1').at(-1)).toBe('500 server>client1 ACK,RST seq=0 ack=9001');
    expect(trace.final.c3).toEqual({ client: { state: 'CLOSED', error: 'ECONNREFUSED' }, server: null });
  });
});
