/**
 * A hostile or clumsy client at the transport: a request that never finishes (slowloris), one address
 * opening stream after stream, broken HTTP and URLs, and the static files (dotfiles, traversal, missing
 * files). Each is answered as every error is, JSON `{ error }` with the security headers, and none holds
 * a socket for ever or takes the server down for the others.
 */
import { writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP, call, createClass, type Running, SseReader, startServer, tempDir } from './helpers';

const page = tempDir('synack-page-');
writeFileSync(join(page.dir, 'index.html'), '<!doctype html><title>synack</title>');
writeFileSync(join(page.dir, '.env'), 'SECRET=1');

let running: Running;
let base: string;

beforeAll(async () => {
  await mkdir(join(page.dir, 'assets'));
  await mkdir(join(page.dir, '.git'));
  writeFileSync(join(page.dir, 'assets', 'index-abc123.js'), 'export {};');
  writeFileSync(join(page.dir, '.git', 'config'), '[core]');
  running = await startServer({
    staticDir: page.dir,
    requestTimeoutMs: 300,
    headersTimeoutMs: 200,
    streamsPerAddress: 3,
    pollTimeoutMs: 60_000,
  });
  base = running.base;
});
afterAll(async () => {
  await running.stop();
  page.remove();
});

/** Write `text` on a raw socket and read until the server closes it: everything it answered. */
function rawExchange(text: string, keepWriting?: string): Promise<string> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    let drip: ReturnType<typeof setInterval> | undefined;
    socket.on('connect', () => {
      socket.write(text);
      // A body dripped a chunk at a time: each write is activity, yet the request never completes.
      if (keepWriting) drip = setInterval(() => socket.write(keepWriting), 50);
    });
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(drip);
      resolve(received);
    });
    // A bound on the wait, not a timing assertion: without the server's timeout this never closes.
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the socket open; got ${JSON.stringify(received)}`));
    }, 10_000);
  });
}

function statusAndBody(response: string): { status: number; body: unknown; head: string } {
  const [head = '', body = ''] = response.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), body: JSON.parse(body), head: head.toLowerCase() };
}

describe('a request that never finishes (slowloris)', () => {
  const POST = 'POST /api/classes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n';

  it.each([
    ['a chunked body that never ends', `${POST}Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n`, undefined],
    ['a body shorter than its content-length', `${POST}Content-Length: 100\r\n\r\n{`, undefined],
    ['a body dripped a byte at a time', `${POST}Transfer-Encoding: chunked\r\n\r\n`, '1\r\n \r\n'],
    ['headers that never end', 'GET /healthz HTTP/1.1\r\nHost: x\r\n', undefined],
  ])('%s is answered 408 JSON and the socket closed', async (_what, request, drip) => {
    const { status, body, head } = statusAndBody(await rawExchange(request, drip));
    expect(status).toBe(408);
    expect(body).toEqual({
      error: 'request: not received in time (send the headers and the whole body at once)',
    });
    expect(head).toContain(`content-security-policy: ${CSP.toLowerCase()}`);
  });

  it('leaves streams alone: a stream open across the cut still gets the next event', async () => {
    const { code, teacherToken } = await createClass(base);
    const stream = await SseReader.open(`${base}/api/classes/${code}/stream`);
    try {
      await stream.waitEvents(1);
      // The server's timeout has fired for this request by the time it answers; the stream is older.
      await rawExchange(`${POST}Content-Length: 10\r\n\r\n{`);
      await call(base, 'POST', `/api/classes/${code}/state`, { token: teacherToken, body: { cursor: 2 } });
      const events = await stream.waitEvents(2);
      expect(events[1]).toMatchObject({ id: 2, type: 'state', data: { cursor: 2 } });
    } finally {
      stream.close();
    }
  });
});

describe('one address opening stream after stream', () => {
  it('holds at most streamsPerAddress streams and polls, answers 429 past it, and frees a place on close', async () => {
    const { code, teacherToken } = await createClass(base);
    const open = [
      await SseReader.open(`${base}/api/classes/${code}/stream`),
      await SseReader.open(`${base}/api/classes/${code}/teacher/stream`, {
        authorization: `Bearer ${teacherToken}`,
      }),
      await SseReader.open(`${base}/api/classes/${code}/stream`),
    ];
    try {
      expect(open.map((s) => s.status)).toEqual([200, 200, 200]);
      for (const path of ['stream', 'poll?after=1']) {
        const refused = await call(base, 'GET', `/api/classes/${code}/${path}`);
        expect([path, refused.status]).toEqual([path, 429]);
        expect(refused.json.error).toBe(
          'stream: this address already holds 3 open streams and polls; close some',
        );
        expect(refused.headers.get('retry-after')).toBe('5');
      }
      // A poll that answers at once holds nothing: it is not refused.
      expect((await call(base, 'GET', `/api/classes/${code}/poll?after=0`)).status).toBe(200);
      open.pop()?.close();
      // The server sees the close when the socket ends: wait for the place (bounded), then take it.
      let again: SseReader | null = null;
      for (let tries = 0; tries < 100 && !again; tries++) {
        const attempt = await SseReader.open(`${base}/api/classes/${code}/stream`);
        if (attempt.status === 200) again = attempt;
        else await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(again?.status).toBe(200);
      if (again) open.push(again);
    } finally {
      for (const stream of open) stream.close();
    }
  });
});

describe('one address creating class after class', () => {
  it('answers 429 JSON with Retry-After past createLimit.max classes, and limits no join', async () => {
    const limited = await startServer({ createLimit: { max: 2, windowMs: 60_000 } });
    try {
      const { code } = await createClass(limited.base);
      await createClass(limited.base);
      const refused = await call(limited.base, 'POST', '/api/classes');
      expect(refused.status).toBe(429);
      expect(refused.json.error).toMatch(/^create: too many attempts from this address; try again in \d+ s$/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const joined = await call(limited.base, 'POST', `/api/classes/${code}/join`, {
        body: { nickname: 'Ada' },
      });
      expect(joined.status).toBe(201);
    } finally {
      await limited.stop();
    }
  });
});

describe('broken HTTP and URLs', () => {
  it('answers a bad percent-encoding in the path with 400 JSON naming the path', async () => {
    for (const path of ['/api/classes/%ZZ/poll', '/%C0%AF', '/api/classes/A%D8%00/stream']) {
      const reply = await call(base, 'GET', path);
      expect([path, reply.status]).toEqual([path, 400]);
      expect(reply.json).toEqual({ error: 'path: not a valid URL (bad percent-encoding)' });
      expect(reply.headers.get('content-security-policy')).toBe(CSP);
    }
  });

  it('answers headers over Node’s 16 KB limit with 431 JSON', async () => {
    const huge = `GET /healthz HTTP/1.1\r\nHost: x\r\nLast-Event-ID: ${'9'.repeat(20_000)}\r\n\r\n`;
    const { status, body, head } = statusAndBody(await rawExchange(huge));
    expect(status).toBe(431);
    expect(body).toEqual({ error: 'headers: too large' });
    expect(head).toContain(`content-security-policy: ${CSP.toLowerCase()}`);
  });

  it('answers what is not HTTP/1.1 with 400 JSON', async () => {
    const { status, body } = statusAndBody(await rawExchange('HELLO\r\n\r\n'));
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'request: not valid HTTP/1.1' });
  });
});

describe('the static files', () => {
  it('never serves a dotfile: .env and .git/ are 404 like any missing file', async () => {
    for (const path of ['/.env', '/.git/config', '/%2eenv']) {
      const reply = await call(base, 'GET', path);
      expect([path, reply.status]).toEqual([path, 404]);
      expect(reply.text).not.toContain('SECRET');
      expect(reply.text).not.toContain('[core]');
    }
  });

  it('serves nothing outside its folder, however the path climbs', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/assets/../../package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/..%5cpackage.json',
    ]) {
      // fetch would resolve the dots itself: the raw request says what a hostile client sends.
      const response = await rawExchange(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      const { status, body } = statusAndBody(response);
      expect([path, status >= 400 && status < 500]).toEqual([path, true]);
      expect(Object.keys(body as object)).toEqual(['error']);
    }
  });

  it('answers a missing file with 404 JSON, not the page', async () => {
    for (const path of ['/assets/nope.js', '/nope.html', '/favicon.ico']) {
      const reply = await call(base, 'GET', path);
      expect([path, reply.status]).toEqual([path, 404]);
      expect(reply.json).toEqual({ error: `path: no GET ${path}` });
    }
  });

  it('puts the CSP on the page and on its assets', async () => {
    for (const path of ['/', '/index.html', '/assets/index-abc123.js']) {
      const reply = await call(base, 'GET', path);
      expect([path, reply.status]).toEqual([path, 200]);
      expect(reply.headers.get('content-security-policy')).toBe(CSP);
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});
