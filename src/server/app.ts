/**
 * The classroom server (issue 11): the built page and the classroom API in one fastify 5 process. This
 * file wires it: JSON bodies only (415 otherwise), every error as JSON `{ error: "field: what is wrong" }`,
 * the security headers on every response, the join rate limit, the minute expiry sweep, and the graceful
 * shutdown. The routes are in ./routes-*.ts.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { resolve } from 'node:path';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { clip } from '../scenarios/issue';
import { type EventBus, LocalBus } from './bus';
import { Context, HttpError } from './context';
import { nestedDeeperThan } from './input';
import {
  DEFAULT_CLASS_TTL_MS,
  DEFAULT_CREATE_LIMIT,
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_JOIN_LIMIT,
  DEFAULT_MISS_LIMIT,
  DEFAULT_POLL_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_RETRY_MS,
  DEFAULT_STREAMS_PER_ADDRESS,
  DEFAULT_SWEEP_MS,
  JSON_BODY_LIMIT,
  MAX_BODY_DEPTH,
} from './limits';
import { readMarkedPage } from './page';
import { type JoinRouteOptions, registerClassRoutes } from './routes-class';
import { registerQuestionRoutes } from './routes-questions';
import { registerStreamRoutes } from './routes-stream';
import { SECURITY_HEADERS } from './security';
import { shutdownServer, trackUnusedSockets } from './shutdown';
import type { ClassStore } from './store';

export interface ServerOptions {
  store: ClassStore;
  /** Default: a new LocalBus. */
  bus?: EventBus;
  /** The built page; null = the API only. */
  staticDir?: string | null;
  heartbeatMs?: number;
  retryMs?: number;
  pollTimeoutMs?: number;
  /** Joins per client address: 1,200 per 60,000 ms. */
  joinLimit?: { max: number; windowMs: number };
  /** Classes created per client address: 120 per 3,600,000 ms. */
  createLimit?: { max: number; windowMs: number };
  /** Unknown class codes per client address before 429 (code guessing): 100 per 60,000 ms. */
  missLimit?: { max: number; windowMs: number };
  /** Streams and held polls one client address may have open at once: 2,500. */
  streamsPerAddress?: number;
  /** The whole request (headers and body) must arrive within this, or 408 and the socket is closed: 30 s. */
  requestTimeoutMs?: number;
  /** The headers alone must arrive within this: 10 s. */
  headersTimeoutMs?: number;
  /** A class expires this long after its last activity (12 h). */
  classTtlMs?: number;
  /** How often idle classes are swept (60,000 ms). */
  sweepMs?: number;
  /** The clock of activity and expiry (Date.now; tests pass a fake one). */
  now?: () => number;
  /** The base URL students are given; default: from the request. */
  publicUrl?: string | null;
  logger?: boolean;
}

export interface ClassroomServer {
  app: FastifyInstance;
  /** Resolves with the base URL. */
  listen(port: number, host?: string): Promise<string>;
  /** Stop accepting, tell streams to reconnect, answer held polls, finish requests, close the store. */
  shutdown(): Promise<void>;
  /** Expire the classes idle past their TTL now (the timer does it every sweepMs); resolves with how many. */
  sweep(): Promise<number>;
  /** The base URL students are given from now on (main.ts sets the LAN address once the port is known). */
  setPublicUrl(url: string | null): void;
}

export async function buildServer(options: ServerOptions): Promise<ClassroomServer> {
  // Warnings and errors only, on stderr: stdout's first line is main.ts's "listening" line.
  const logger = options.logger ? { level: 'warn', stream: process.stderr } : false;
  // return503OnClosing is ours (below), so that even that answer is `{ error }` with the headers.
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const headersTimeout = Math.min(options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS, requestTimeout);
  const app = Fastify({
    logger,
    bodyLimit: JSON_BODY_LIMIT,
    return503OnClosing: false,
    // fastify's default of 0 turns Node's request timeout off: a body that never ends would hold its socket
    // for ever. Node checks the timeouts every connectionsCheckingInterval, so a slow client is cut off
    // between one and two timeouts after it started.
    requestTimeout,
    http: {
      requestTimeout,
      headersTimeout,
      connectionsCheckingInterval: Math.min(headersTimeout, 30_000),
    },
    clientErrorHandler: answerClientError,
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      // Routing could not start: a path that does not decode (%ZZ, a lone UTF-8 byte) or too long a part.
      const message =
        error.code === 'FST_ERR_BAD_URL'
          ? 'path: not a valid URL (bad percent-encoding)'
          : 'path: not a valid request path';
      reply.code(400).headers(SECURITY_HEADERS).send({ error: message });
    },
  });
  const ctx = new Context(options.store, options.bus ?? new LocalBus(), {
    heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
    retryMs: options.retryMs ?? DEFAULT_RETRY_MS,
    pollTimeoutMs: options.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS,
    classTtlMs: options.classTtlMs ?? DEFAULT_CLASS_TTL_MS,
    publicUrl: options.publicUrl ?? null,
    now: options.now ?? Date.now,
    missLimit: options.missLimit ?? DEFAULT_MISS_LIMIT,
    streamsPerAddress: options.streamsPerAddress ?? DEFAULT_STREAMS_PER_ADDRESS,
  });

  acceptJsonOnly(app);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, message } = describeError(error, request);
    if (status >= 500) request.log.error(error);
    if (error instanceof HttpError) reply.headers(error.headers);
    reply.code(status).type('application/json; charset=utf-8').send({ error: message });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: `path: no ${request.method} ${clip(request.url.split('?')[0] ?? '')}` });
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!ctx.closing) return;
    reply.header('connection', 'close').header('retry-after', '1');
    throw new HttpError(503, 'server: shutting down; try again in a moment');
  });
  // Any body, before a route reads it: validation and storage recurse, so nesting is bounded first.
  app.addHook('preValidation', async (request) => {
    if (nestedDeeperThan(request.body))
      throw new HttpError(400, `body: nested deeper than ${MAX_BODY_DEPTH} levels`);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    return payload;
  });

  // Keyed by the plugin's default, the client address (IPv4-mapped IPv6 folded to IPv4, IPv6 by its /64).
  await app.register(rateLimit, { global: false });
  registerClassRoutes(
    app,
    ctx,
    routeLimit('join', options.joinLimit ?? DEFAULT_JOIN_LIMIT),
    routeLimit('create', options.createLimit ?? DEFAULT_CREATE_LIMIT),
  );
  registerStreamRoutes(app, ctx);
  registerQuestionRoutes(app, ctx);
  if (options.staticDir) {
    const dir = options.staticDir;
    // The page itself carries the classroom's meta tag (src/server/page.ts); everything else is as built.
    const servePage = async (_request: unknown, reply: FastifyReply) => {
      const html = await readMarkedPage(dir);
      if (html === null) throw new HttpError(404, 'path: no index.html in the page folder');
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
    };
    app.get('/', servePage);
    app.get('/index.html', servePage);
    await app.register(fastifyStatic, {
      root: resolve(dir),
      index: false,
      cacheControl: false,
      // A dotfile is never part of the built page; a --static pointed at the wrong folder must not serve
      // its .git or .env. Ignored, they are 404 like any missing file.
      dotfiles: 'ignore',
      // Vite names the bundle's files by their content: they may be cached for good; the page may not.
      setHeaders(res, path) {
        const immutable = /[\\/]assets[\\/]/.test(path);
        res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  const sweepTimer = setInterval(() => {
    ctx.sweep().catch((error: unknown) => app.log.error(error));
  }, options.sweepMs ?? DEFAULT_SWEEP_MS);
  sweepTimer.unref();

  const unused = trackUnusedSockets(app.server);
  let shuttingDown: Promise<void> | null = null;
  return {
    app,
    async listen(port, host = '127.0.0.1') {
      await app.listen({ port, host });
      const address = app.server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      const shown =
        host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
      return `http://${shown}:${bound}`;
    },
    shutdown() {
      clearInterval(sweepTimer);
      shuttingDown ??= shutdownServer(app, ctx, unused);
      return shuttingDown;
    },
    sweep: () => ctx.sweep(),
    setPublicUrl(url) {
      ctx.settings.publicUrl = url;
    },
  };
}

/** A route's rate limit per client address (@fastify/rate-limit's `config`), its 429 naming `what`. */
function routeLimit(what: string, limit: { max: number; windowMs: number }): JoinRouteOptions {
  return {
    rateLimit: {
      max: limit.max,
      timeWindow: limit.windowMs,
      errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number }) =>
        new HttpError(
          429,
          `${what}: too many attempts from this address; try again in ${Math.ceil(context.ttl / 1000)} s`,
        ),
    },
  };
}

/** UTF-8 that refuses a malformed byte instead of turning it into U+FFFD. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Bodies are JSON or nothing: the text/plain parser fastify has by default is removed (a form post from
 * another origin cannot reach a route), and an empty body with the JSON content type is no body. JSON is
 * UTF-8 (RFC 8259 §8.1): another charset is refused, not misread, and so is a malformed byte, which would
 * otherwise reach a nickname as U+FFFD.
 */
function acceptJsonOnly(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(request.headers['content-type'] ?? '')?.[1];
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
      done(new HttpError(415, 'content-type: JSON must be UTF-8 (charset=utf-8 or none)'), undefined);
      return;
    }
    let text: string;
    try {
      text = STRICT_UTF8.decode(body as Buffer);
    } catch {
      done(new HttpError(400, 'body: not valid UTF-8'), undefined);
      return;
    }
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, text, (error, value) => {
      if (error) done(new HttpError(400, `body: not valid JSON (${whyNotJson(text)})`), undefined);
      else done(null, value);
    });
  });
}

/**
 * What Node reports before a request reaches fastify (a request too slow, headers too large, broken
 * HTTP), answered as every error is: JSON `{ error }` with the security headers, then the socket closed.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'request: not received in time (send the headers and the whole body at once)']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers: too large']
        : [400, 'request: not valid HTTP/1.1'];
  // Nothing may be written once a response has begun: the socket is only closed then.
  if (socket.writable && socket.bytesWritten === 0) {
    const body = JSON.stringify({ error: message });
    const headers = Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\n${headers.join('')}connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** The reason a text is not JSON (JSON.parse's words, cut short), or why it was refused though it parses. */
function whyNotJson(text: string): string {
  try {
    JSON.parse(text);
    return 'a "__proto__" or "constructor.prototype" key is not allowed';
  } catch (error) {
    return clip(error instanceof Error ? error.message : String(error), 80);
  }
}

/** The status and message of any error a route or fastify raised (never a stack trace). */
function describeError(error: FastifyError, request: FastifyRequest): { status: number; message: string } {
  if (error instanceof HttpError) return { status: error.statusCode, message: error.message };
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        message: `body: larger than ${request.routeOptions.bodyLimit ?? JSON_BODY_LIMIT} bytes`,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, message: 'content-type: must be application/json' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, message: 'body: not valid JSON' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, message: 'body: its size does not match content-length' };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return { status, message: `request: ${clip(error.message, 120)}` };
  return { status: 500, message: 'server: internal error (logged)' };
}
