/**
 * The server's edge: bodies (size, JSON, content type, shape, depth), the headers on every response (CSP,
 * no CORS), unknown routes, health, the built page, and the join rate limit. Errors are JSON naming the
 * field (the design's "Errors"); none is a stack trace.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP, call, createClass, joinClass, type Running, SseReader, startServer, tempDir } from './helpers';

const page = tempDir('synack-page-');
writeFileSync(join(page.dir, 'index.html'), '<!doctype html><title>synack</title>');

let running: Running;
let base: string;

beforeAll(async () => {
  running = await startServer({ staticDir: page.dir });
  base = running.base;
});
afterAll(async () => {
  await running.stop();
  page.remove();
});

function expectSecurityHeaders(headers: Headers) {
  expect(headers.get('content-security-policy')).toBe(CSP);
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  for (const [name] of headers) expect(name.startsWith('access-control-')).toBe(false);
}

describe('request bodies', () => {
  it('refuses a body over 64 KB with 413 naming the limit', async () => {
    const { code } = await createClass(base);
    const reply = await call(base, 'POST', `/api/classes/${code}/join`, {
      body: { nickname: 'a'.repeat(70_000) },
    });
    expect(reply.status).toBe(413);
    expect(reply.json).toEqual({ error: 'body: larger than 65536 bytes' });
  });

  it('lets the state route take up to 512 KB (a scenario), and no more', async () => {
    const { code, teacherToken } = await createClass(base);
    const url = `/api/classes/${code}/state`;
    // White space around a JSON value is allowed (RFC 8259 §2): 100 KB of it is a 100 KB body.
    const padded = await call(base, 'POST', url, {
      token: teacherToken,
      raw: `${' '.repeat(100_000)}{"cursor":1}`,
    });
    expect(padded.status).toBe(200);
    const huge = await call(base, 'POST', url, { token: teacherToken, raw: `${' '.repeat(600_000)}{}` });
    expect(huge.status).toBe(413);
    expect(huge.json).toEqual({ error: 'body: larger than 524288 bytes' });
  });

  it('answers malformed JSON with 400 "body: not valid JSON"', async () => {
    for (const raw of ['{"nickname":', "{'nickname':'x'}", '{"a":1}}']) {
      const reply = await call(base, 'POST', '/api/classes', { raw });
      expect(reply.status).toBe(400);
      expect(reply.json.error).toMatch(/^body: not valid JSON/);
    }
  });

  it('refuses a "__proto__" key (prototype pollution) as not valid JSON', async () => {
    const reply = await call(base, 'POST', '/api/classes', { raw: '{"__proto__":{"admin":true}}' });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatch(/^body: not valid JSON/);
  });

  it('takes only application/json (415 otherwise), and an empty body with it', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const reply = await call(base, 'POST', '/api/classes', {
        raw: 'nickname=x',
        headers: { 'content-type': type },
      });
      expect([type, reply.status]).toEqual([type, 415]);
      expect(reply.json).toEqual({ error: 'content-type: must be application/json' });
    }
    const empty = await call(base, 'POST', '/api/classes', {
      raw: '',
      headers: { 'content-type': 'application/json' },
    });
    expect(empty.status).toBe(201);
  });

  it('wants an object: an array, a string or a number is 400 naming the body', async () => {
    for (const body of [[1], 'x', 5]) {
      const reply = await call(base, 'POST', '/api/classes', { body });
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual({ error: 'body: must be a JSON object' });
    }
  });

  it('refuses a body nested 10,000 levels deep without overflowing a stack', async () => {
    const { code, teacherToken } = await createClass(base);
    const raw = `{"scenario":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const reply = await call(base, 'POST', `/api/classes/${code}/state`, { token: teacherToken, raw });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatch(/^body: nested deeper than 32 levels/);
  });
});

describe('every response', () => {
  it('carries the security headers and no CORS header: API, error, 404, stream, page', async () => {
    const origin = { origin: 'https://evil.example' };
    const { code } = await createClass(base);
    expectSecurityHeaders((await call(base, 'GET', '/healthz', { headers: origin })).headers);
    expectSecurityHeaders((await call(base, 'POST', '/api/classes', { raw: '{', headers: origin })).headers);
    expectSecurityHeaders((await call(base, 'GET', '/api/nope', { headers: origin })).headers);
    expectSecurityHeaders((await call(base, 'OPTIONS', '/api/classes', { headers: origin })).headers);
    expectSecurityHeaders((await call(base, 'GET', '/', { headers: origin })).headers);
    const stream = await SseReader.open(`${base}/api/classes/${code}/stream`, origin);
    expectSecurityHeaders(stream.headers as Headers);
    stream.close();
  });

  it('answers an unknown API route with 404 JSON naming it', async () => {
    const reply = await call(base, 'GET', '/api/nope?x=1');
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({ error: 'path: no GET /api/nope' });
    expect((await call(base, 'DELETE', '/api/classes')).status).toBe(404);
  });

  it('serves the built page at / and /index.html with the classroom meta tag, not cached', async () => {
    for (const path of ['/', '/index.html', '/?join=ABC234']) {
      const reply = await call(base, 'GET', path);
      expect([path, reply.status]).toEqual([path, 200]);
      expect(reply.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(reply.headers.get('cache-control')).toBe('no-cache');
      // Written out by hand: the file on disk, with the tag right after its doctype (it has no <head>).
      expect(reply.text).toBe(
        '<!doctype html><meta name="synack-classroom" content="1"><title>synack</title>',
      );
    }
  });
});

describe('health', () => {
  it('/healthz says alive, /readyz that the database is writable, /api/info what this is', async () => {
    const health = await call(base, 'GET', '/healthz');
    expect(health.status).toBe(200);
    expect(health.json.ok).toBe(true);
    expect(Number.isInteger(health.json.uptimeS)).toBe(true);
    expect(await call(base, 'GET', '/readyz').then((r) => [r.status, r.json])).toEqual([
      200,
      { ok: true, db: 'writable' },
    ]);
    expect((await call(base, 'GET', '/api/info')).json).toEqual({
      synack: 'classroom',
      version: 1,
      joinBase: base,
    });
  });

  it('/readyz answers 503 once the database is closed', async () => {
    const other = await startServer();
    try {
      await other.store.close();
      const ready = await call(other.base, 'GET', '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.json.ok).toBe(false);
      expect(ready.json.error).toMatch(/^db: /);
    } finally {
      await other.stop();
    }
  });
});

describe('the join rate limit', () => {
  it('answers 429 JSON with Retry-After past joinLimit.max joins from one address, and limits nothing else', async () => {
    const limited = await startServer({ joinLimit: { max: 3, windowMs: 60_000 } });
    try {
      const { code } = await createClass(limited.base);
      for (let i = 0; i < 3; i++) await joinClass(limited.base, code, `student ${i}`);
      const refused = await call(limited.base, 'POST', `/api/classes/${code}/join`, {
        body: { nickname: 'late' },
      });
      expect(refused.status).toBe(429);
      expect(refused.json.error).toMatch(/^join: too many attempts from this address/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // Creating classes and reading the stream are not joins.
      for (let i = 0; i < 5; i++) expect((await call(limited.base, 'POST', '/api/classes')).status).toBe(201);
    } finally {
      await limited.stop();
    }
  });
});

describe('the unknown-code limit', () => {
  it('answers 429 to an address past missLimit.max unknown codes, for every code, until the window ends', async () => {
    let clock = 0;
    const limited = await startServer({ now: () => clock, missLimit: { max: 3, windowMs: 60_000 } });
    try {
      const { code } = await createClass(limited.base);
      for (const guess of ['AAAAAA', 'BBBBBB', 'CCCCCC'])
        expect((await call(limited.base, 'GET', `/api/classes/${guess}/stream`)).status).toBe(404);
      // Past the limit a guess cannot tell a live class from none: both are 429.
      for (const guess of ['DDDDDD', code]) {
        const refused = await call(limited.base, 'GET', `/api/classes/${guess}/poll`);
        expect(refused.status).toBe(429);
        expect(refused.json.error).toBe(
          'code: too many unknown class codes from this address; try again in 60 s',
        );
        // The wait as Retry-After too (RFC 6585 §4), so the page can say it in the reader's language.
        expect(refused.headers.get('retry-after')).toBe('60');
      }
      clock = 60_000;
      expect((await call(limited.base, 'GET', `/api/classes/${code}/poll`)).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });
});
