/**
 * A hostile or clumsy client's input: nicknames that look like another's or break the teacher's list,
 * nicknames that are spreadsheet formulas, resume points beyond the class's log, one student answering
 * twice at once, and the longest run a question may take. The class runs the default preset, RFC 9293
 * figure 6 (A ISN 100, B ISN 300): B's first segment is `<SEQ=300><ACK=101><CTL=SYN,ACK>`, A's is
 * `<SEQ=100><CTL=SYN>` (figure 6, lines 2 and 3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createClass, joinClass, type Running, SseReader, startServer } from './helpers';

let running: Running;
let base: string;

beforeAll(async () => {
  // A poll that is held (instead of answered at once) would outlast the test's own time limit.
  running = await startServer({ pollTimeoutMs: 60_000 });
  base = running.base;
});
afterAll(() => running.stop());

describe('nicknames a student could hide behind', () => {
  it('takes a name once however invisible characters dress it up (zero-width space, joiner, tag, BOM)', async () => {
    const { code } = await createClass(base);
    await joinClass(base, code, 'Ada');
    for (const copy of ['A\u200bda', 'Ad\u200da', '\u2060Ada', 'Ada\udb40\udc01', 'A\ufeffda']) {
      const reply = await call(base, 'POST', `/api/classes/${code}/join`, { body: { nickname: copy } });
      expect([JSON.stringify(copy), reply.status]).toEqual([JSON.stringify(copy), 409]);
      expect(reply.json).toEqual({ error: 'nickname: already taken' });
    }
  });

  it('refuses a line or paragraph separator, which would print one name on two lines', async () => {
    const { code } = await createClass(base);
    for (const nickname of ['Ada\u2028Lovelace', 'Ada\u2029Lovelace']) {
      const reply = await call(base, 'POST', `/api/classes/${code}/join`, { body: { nickname } });
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual({ error: 'nickname: may not contain control or direction characters' });
    }
  });

  it('refuses half a surrogate pair sent as a JSON escape', async () => {
    const { code } = await createClass(base);
    for (const raw of ['{"nickname":"\\ud800"}', '{"nickname":"a\\udc00b"}']) {
      const reply = await call(base, 'POST', `/api/classes/${code}/join`, { raw });
      expect(reply.status).toBe(400);
      expect(reply.json.error).toMatch(/^nickname: /);
    }
  });
});

describe('a code in the URL', () => {
  it('is echoed in a 404 without its control, direction or format characters', async () => {
    for (const [path, shown] of [
      ['%E2%80%AEABC234', '?ABC234'],
      ['AB%00C', 'AB?C'],
      ['ab%E2%80%8Bcd', 'AB?CD'],
    ]) {
      const reply = await call(base, 'GET', `/api/classes/${path}/poll`);
      expect([path, reply.status]).toEqual([path, 404]);
      expect(reply.json).toEqual({ error: `code: no class ${shown}` });
    }
  });
});

describe('bodies that are not UTF-8 (RFC 8259 §8.1: JSON is UTF-8)', () => {
  it('refuses another charset with 415 instead of misreading it, and takes utf-8 however spelled', async () => {
    const { code } = await createClass(base);
    const join = (type: string, nickname: string) =>
      call(base, 'POST', `/api/classes/${code}/join`, {
        raw: JSON.stringify({ nickname }),
        headers: { 'content-type': type },
      });
    for (const type of ['application/json; charset=latin1', 'application/json; charset=utf-16']) {
      const reply = await join(type, 'Ada');
      expect([type, reply.status]).toEqual([type, 415]);
      expect(reply.json).toEqual({ error: 'content-type: JSON must be UTF-8 (charset=utf-8 or none)' });
    }
    const spellings = [
      'application/json; charset=UTF-8',
      'application/json;charset="utf-8"',
      'application/json',
    ];
    for (const [i, type] of spellings.entries())
      expect([type, (await join(type, `Ada ${i}`)).status]).toEqual([type, 201]);
  });

  it('refuses a malformed byte (400) instead of storing U+FFFD, and takes the same name as UTF-8', async () => {
    const { code } = await createClass(base);
    const send = (bytes: number[]) =>
      fetch(`${base}/api/classes/${code}/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new Uint8Array([...Buffer.from('{"nickname":"Jos'), ...bytes, ...Buffer.from('"}')]),
      });
    // "é" in Latin-1 is the byte E9, which starts a three-byte sequence in UTF-8 and is cut off here.
    const latin1 = await send([0xe9]);
    expect(latin1.status).toBe(400);
    expect(await latin1.json()).toEqual({ error: 'body: not valid UTF-8' });
    const utf8 = await send([0xc3, 0xa9]);
    expect(utf8.status).toBe(201);
    expect((await utf8.json()).nickname).toBe('José');
  });
});

describe('a body exactly at its limit, and one byte over', () => {
  /** A JSON object of exactly `size` bytes: `prefix`, white space (RFC 8259 §2 allows it), then "}". */
  const sized = (prefix: string, size: number) => `${prefix}${' '.repeat(size - prefix.length - 1)}}`;

  it('takes 65,536 bytes on join and refuses 65,537 (413)', async () => {
    const { code } = await createClass(base);
    const url = `/api/classes/${code}/join`;
    const at = await call(base, 'POST', url, { raw: sized('{"nickname":"Ada"', 65_536) });
    expect(at.status).toBe(201);
    const over = await call(base, 'POST', url, { raw: sized('{"nickname":"Bea"', 65_537) });
    expect(over.status).toBe(413);
    expect(over.json).toEqual({ error: 'body: larger than 65536 bytes' });
  });

  it('takes 524,288 bytes on state and refuses 524,289 (413)', async () => {
    const { code, teacherToken } = await createClass(base);
    const url = `/api/classes/${code}/state`;
    const at = await call(base, 'POST', url, { token: teacherToken, raw: sized('{"cursor":3', 524_288) });
    expect(at.status).toBe(200);
    const over = await call(base, 'POST', url, { token: teacherToken, raw: sized('{"cursor":4', 524_289) });
    expect(over.status).toBe(413);
    expect(over.json).toEqual({ error: 'body: larger than 524288 bytes' });
  });
});

describe('results.csv and nicknames that are formulas', () => {
  it('defuses =, +, - and @ with an apostrophe and doubles quotes (OWASP CSV injection, RFC 4180)', async () => {
    const { code, teacherToken } = await createClass(base);
    const nicknames = ['=HYPERLINK("http://evil.example","x")', '+1', '-2', '@SUM(A1)', 'say "hi", ok'];
    for (const nickname of nicknames) await joinClass(base, code, nickname);
    const asked = await call(base, 'POST', `/api/classes/${code}/questions`, { token: teacherToken });
    expect(asked.status).toBe(201);
    const reply = await call(base, 'GET', `/api/classes/${code}/results.csv`, { token: teacherToken });
    expect(reply.status).toBe(200);
    // Written by hand from RFC 4180 §2 (quotes around a field with a quote or comma, quotes doubled) and
    // OWASP's rule; nobody answered, so answer, correct and seconds are empty.
    expect(reply.text.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'nickname,question,kind,answer,correct,seconds',
      `"'=HYPERLINK(""http://evil.example"",""x"")",1,next-segment,,,`,
      "'+1,1,next-segment,,,",
      "'-2,1,next-segment,,,",
      "'@SUM(A1),1,next-segment,,,",
      '"say ""hi"", ok",1,next-segment,,,',
      '',
    ]);
  });
});

describe('a resume point beyond the class’s log', () => {
  it('answers a poll with `after` past the last id with the snapshot at once, not a wait', async () => {
    const { code } = await createClass(base);
    const reply = await call(base, 'GET', `/api/classes/${code}/poll?after=999999999999999`);
    expect(reply.status).toBe(200);
    expect(reply.json.events.map((e: { id: number; type: string }) => [e.id, e.type])).toEqual([
      [1, 'state'],
    ]);
  });

  it('gives a stream with Last-Event-ID past the last id the snapshot, and then the live events', async () => {
    const { code, teacherToken } = await createClass(base);
    const stream = await SseReader.open(`${base}/api/classes/${code}/stream`, { 'last-event-id': '500' });
    try {
      expect((await stream.waitEvents(1)).map((e) => [e.id, e.type])).toEqual([[1, 'state']]);
      await call(base, 'POST', `/api/classes/${code}/state`, { token: teacherToken, body: { cursor: 0 } });
      expect((await stream.waitEvents(2))[1]).toMatchObject({ id: 2, type: 'state', data: { cursor: 0 } });
    } finally {
      stream.close();
    }
  });

  it('still names `after` that is not an integer ≥ 0', async () => {
    const { code } = await createClass(base);
    for (const after of ['-1', '1e309', '0x10', '1.5', '', '9999999999999999']) {
      const reply = await call(base, 'GET', `/api/classes/${code}/poll?after=${after}`);
      expect([after, reply.status]).toEqual([after, 400]);
      expect(reply.json).toEqual({ error: 'after: must be an integer ≥ 0' });
    }
  });
});

describe('one student answering twice at once', () => {
  it('stores exactly one of ten answers sent together (one 201, nine 409)', async () => {
    const { code, teacherToken } = await createClass(base);
    const { studentToken } = await joinClass(base, code, 'Ada');
    const asked = await call(base, 'POST', `/api/classes/${code}/questions`, { token: teacherToken });
    const questionId = asked.json.questionId;
    const answer = { flags: ['SYN'], seq: 100, ack: null, len: 0 };
    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(base, 'POST', `/api/classes/${code}/answers`, {
          token: studentToken,
          body: { questionId, answer },
        }),
      ),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of replies.filter((r) => r.status === 409))
      expect(r.json).toEqual({ error: 'answer: already sent for this question' });
    const me = await call(base, 'GET', `/api/classes/${code}/me`, { token: studentToken });
    expect(me.json.answers).toHaveLength(1);
  });
});

describe('the longest run a question may take', () => {
  it('stops a run at 20,000 events and says so (409), whatever the scenario allows', async () => {
    const { code, teacherToken } = await createClass(base);
    // One byte per segment and 100 MB to send: far more than 20,000 events, within the scenario's 1,000,000.
    const scenario = {
      version: 1,
      name: 'a long send',
      endpoints: { A: { isn: 100, mss: 1 }, B: { isn: 300 } },
      options: { maxEvents: 1_000_000 },
      actions: [
        { at: 0, endpoint: 'B', call: 'listen' },
        { at: 10, endpoint: 'A', call: 'connect' },
        { at: 200, endpoint: 'A', call: 'send', bytes: 100_000_000 },
      ],
    };
    const set = await call(base, 'POST', `/api/classes/${code}/state`, {
      token: teacherToken,
      body: { scenario, cursor: 1_000_000 },
    });
    expect(set.status).toBe(200);
    for (const body of [
      {},
      {
        kind: 'number',
        question: { en: 'How many?', 'zh-CN': '多少个？' },
        figure: { figure: 'send-count' },
      },
    ]) {
      const reply = await call(base, 'POST', `/api/classes/${code}/questions`, { token: teacherToken, body });
      expect(reply.status).toBe(409);
      expect(reply.json.error).toMatch(/^question: the run was cut short at 20,000 events/);
    }
  });
});
