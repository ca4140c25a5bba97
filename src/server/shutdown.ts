/**
 * Graceful shutdown (the "Keeping the class up"): stop accepting connections, tell every stream to
 * come back soon (`retry:`, then the end of the response), answer held polls at once, let the requests in
 * flight finish, then close the bus and the store. Past SHUTDOWN_DEADLINE_MS what is still open is closed,
 * so the process exits within 5 s whatever a client does.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Context } from './context';
import { SHUTDOWN_DEADLINE_MS, SHUTDOWN_RETRY_MS } from './limits';

/** How often idle keep-alive connections are closed while the server drains. */
const DRAIN_POLL_MS = 25;

/**
 * The sockets that have not sent a request yet. Node's closeIdleConnections leaves them open (they are
 * waiting for headers, not idle), and server.close() stops the header timeout that would end them, so one
 * connection opened and never used (a browser's spare, a port scan) would hold the shutdown to its deadline.
 */
export function trackUnusedSockets(server: Server): Set<Socket> {
  const unused = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  });
  server.on('request', (request) => unused.delete(request.socket));
  return unused;
}

export async function shutdownServer(
  app: FastifyInstance,
  ctx: Context,
  unused: Set<Socket> = new Set(),
): Promise<void> {
  ctx.closing = true;
  const closed = app.close();
  for (const stream of [...ctx.streams]) stream.end(SHUTDOWN_RETRY_MS);
  for (const answer of [...ctx.heldPolls]) answer();
  // A keep-alive connection whose response just finished is idle: close it, or server.close() would wait
  // for its keep-alive timeout. Requests still running keep theirs until they answer.
  const server = app.server;
  const drain = setInterval(() => {
    server.closeIdleConnections();
    for (const socket of unused) socket.destroy();
  }, DRAIN_POLL_MS);
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const forced = new Promise<void>((resolve) => {
    deadline = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, SHUTDOWN_DEADLINE_MS);
  });
  try {
    await Promise.race([closed, forced]);
  } finally {
    clearInterval(drain);
    clearTimeout(deadline);
    await ctx.bus.close();
    await ctx.store.close();
  }
}
