/** The user calls of RFC 9293 §3.10.1–3.10.5: OPEN (passive and active), SEND, CLOSE, ABORT. */
import type { ExplainKey } from './explain';
import { output, sendRaw, sendSegment } from './output';
import { ACK, RST, SYN } from './segment';
import { seqAdd } from './seq';
import { type Endpoint, enterState } from './tcb';
import type { AppError, UserCall } from './types';

export function userCall(ep: Endpoint, call: UserCall, bytes = 0): void {
  switch (call) {
    case 'listen':
      return listen(ep);
    case 'connect':
      return connect(ep);
    case 'send':
      return send(ep, bytes);
    case 'close':
      return close(ep);
    case 'abort':
      return abort(ep);
  }
}

function refuse(ep: Endpoint, error: AppError, explain: ExplainKey): void {
  ep.host.onApp(ep, 'error', explain, error);
}

/** Passive OPEN (§3.10.1). */
function listen(ep: Endpoint): void {
  if (ep.state !== 'CLOSED') return refuse(ep, 'EISCONN', 'call-already-exists');
  ep.passive = true;
  enterState(ep, 'LISTEN', 'open-passive');
  ep.host.onApp(ep, 'listening', 'open-passive');
}

/** Active OPEN (§3.10.1), from CLOSED or LISTEN. */
function connect(ep: Endpoint): void {
  if (ep.state !== 'CLOSED' && ep.state !== 'LISTEN') {
    return refuse(ep, 'EISCONN', 'call-already-exists');
  }
  ep.passive = false;
  ep.error = null;
  ep.connectedAt = null;
  ep.connectCalledAt = ep.host.now;
  ep.iss = ep.host.chooseIss(ep);
  ep.issKnown = true;
  ep.sndUna = ep.iss;
  ep.sndNxt = seqAdd(ep.iss, 1);
  enterState(ep, 'SYN-SENT', 'open-active');
  sendSegment(ep, ep.iss, 0, SYN, 0, 'open-active');
}

/** SEND (§3.10.2). */
function send(ep: Endpoint, bytes: number): void {
  switch (ep.state) {
    case 'CLOSED':
      return refuse(ep, 'ENOTCONN', 'send-no-connection');
    case 'LISTEN':
      // §3.10.2: a SEND in LISTEN with a known remote socket turns the connection active.
      ep.unsent += bytes;
      connect(ep);
      return;
    case 'SYN-SENT':
    case 'SYN-RECEIVED':
      ep.unsent += bytes; // queued until ESTABLISHED
      return;
    case 'ESTABLISHED':
    case 'CLOSE-WAIT':
      ep.unsent += bytes;
      output(ep);
      return;
    default:
      return refuse(ep, 'EPIPE', 'send-closing');
  }
}

/** CLOSE (§3.10.4). */
function close(ep: Endpoint): void {
  switch (ep.state) {
    case 'CLOSED':
      return refuse(ep, 'ENOTCONN', 'close-no-connection');
    case 'LISTEN':
    case 'SYN-SENT':
      enterState(ep, 'CLOSED', 'close-before-sync');
      ep.host.onApp(ep, 'closed', 'close-before-sync');
      return;
    case 'SYN-RECEIVED':
      ep.finQueued = true;
      if (ep.unsent === 0) {
        enterState(ep, 'FIN-WAIT-1', 'close');
        output(ep);
      }
      return;
    case 'ESTABLISHED':
      ep.finQueued = true;
      enterState(ep, 'FIN-WAIT-1', 'close');
      output(ep);
      return;
    case 'CLOSE-WAIT':
      ep.finQueued = true;
      enterState(ep, 'LAST-ACK', 'close-after-fin');
      output(ep);
      return;
    default:
      return refuse(ep, 'EPIPE', 'close-closing');
  }
}

/** ABORT (§3.10.5). */
function abort(ep: Endpoint): void {
  switch (ep.state) {
    case 'CLOSED':
      return refuse(ep, 'ENOTCONN', 'abort-no-connection');
    case 'SYN-RECEIVED':
    case 'ESTABLISHED':
    case 'FIN-WAIT-1':
    case 'FIN-WAIT-2':
    case 'CLOSE-WAIT': {
      // §3.10.5: <SEQ=SND.NXT><CTL=RST>; Linux's tcp_send_active_reset also acknowledges RCV.NXT.
      const withAck = ep.profile.abortRstCarriesAck;
      sendRaw(
        ep,
        {
          seq: ep.sndNxt,
          ack: withAck ? ep.rcvNxt : 0,
          flags: withAck ? RST | ACK : RST,
          len: 0,
          win: 0,
        },
        withAck ? 'abort-reset-linux' : 'abort-reset',
      );
      break;
    }
    default:
      break;
  }
  enterState(ep, 'CLOSED', 'abort');
  ep.host.onApp(ep, 'closed', 'abort');
}
