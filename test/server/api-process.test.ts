/**
 * The real command (`tsx src/server/main.ts`, as `npm run classroom` runs it) in a child process: nothing
 * lost when it is killed with SIGKILL and started again on the same database (the issue: "the class,
 * roster, answers and the teacher's last state are back … resume with Last-Event-ID without missing an
 * event"), and SIGTERM as a graceful shutdown (streams told to reconnect, exit 0). Every child is killed
 * after each test, whatever happened.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { call, createClass, joinClass, SseReader, tempDir } from './helpers';

const children = new Set<ChildProcess>();
const temps: { remove(): void }[] = [];

afterEach(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
  for (const temp of temps.splice(0)) temp.remove();
});

function workspace() {
  const temp = tempDir();
  temps.push(temp);
  writeFileSync(join(temp.dir, 'index.html'), '<!doctype html><title>synack</title>');
  return { data: join(temp.dir, 'class.db'), page: temp.dir };
}

interface Started {
  child: ChildProcess;
  base: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Start the command (node with tsx's loader: one process, so a signal reaches the server itself). */
function startMain(data: string, staticDir: string): Promise<Started> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/server/main.ts',
      '--port',
      '0',
      '--data',
      data,
      '--no-build',
      '--static',
      staticDir,
    ],
    { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const first = stdout.split('\n')[0] ?? '';
      const match = /^synack classroom listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first);
      if (match && stdout.includes('\n')) resolve({ child, base: match[1] as string, exited });
    });
    exited.then(({ code }) => reject(new Error(`main.ts exited (${code}) before listening: ${stderr}`)));
  });
}

describe('npm run classroom', () => {
  it('comes back after kill -9 with the class, roster, answers and last state; a client resumes without a gap', {
    timeout: 60_000,
  }, async () => {
    const { data, page } = workspace();
    const first = await startMain(data, page);
    const { code, teacherToken } = await createClass(first.base);
    const ann = await joinClass(first.base, code, 'Ann');
    const bob = await joinClass(first.base, code, 'Bob');
    const state = (base: string, body: unknown) =>
      call(base, 'POST', `/api/classes/${code}/state`, { token: teacherToken, body });
    await state(first.base, { cursor: -1, seed: 5 }); // event 2
    await call(first.base, 'POST', `/api/classes/${code}/questions`, {
      token: teacherToken,
      body: { kind: 'next-segment', endpoint: 'B' },
    }); // event 3
    const answer = { flags: ['SYN', 'ACK'], seq: 300, ack: 101, len: 0 };
    await call(first.base, 'POST', `/api/classes/${code}/answers`, {
      token: ann.studentToken,
      body: { questionId: 1, answer },
    });

    // A student's page has read up to event 3, then loses its connection; the class goes on without it.
    const client = await SseReader.open(`${first.base}/api/classes/${code}/stream`);
    expect((await client.waitEvents(2)).map((e) => e.id)).toEqual([2, 3]);
    client.close();
    await state(first.base, { cursor: 4 }); // event 4
    await state(first.base, { cursor: 5 }); // event 5
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = await startMain(data, page);
    const summary = await call(second.base, 'GET', `/api/classes/${code}/teacher/summary`, {
      token: teacherToken,
    });
    expect(summary.status).toBe(200);
    expect(summary.json.state).toMatchObject({ cursor: 5, seed: 5, presetName: 'rfc9293-fig6' });
    expect(
      summary.json.roster.names.map((n: { nickname: string; answered: boolean }) => [n.nickname, n.answered]),
    ).toEqual([
      ['Ann', true],
      ['Bob', false],
    ]);
    expect(summary.json.question).toMatchObject({
      id: 1,
      status: 'open',
      counts: { answered: 1, correct: 1 },
    });
    const me = await call(second.base, 'GET', `/api/classes/${code}/me`, { token: ann.studentToken });
    expect(me.json.answers).toEqual([{ questionId: 1, answer, correct: null }]);
    expect(
      (await call(second.base, 'GET', `/api/classes/${code}/me`, { token: bob.studentToken })).status,
    ).toBe(200);

    const resumed = await SseReader.open(`${second.base}/api/classes/${code}/stream`, {
      'last-event-id': '3',
    });
    expect((await resumed.waitEvents(2)).map((e) => [e.id, e.data.cursor])).toEqual([
      [4, 4],
      [5, 5],
    ]);
    await state(second.base, { cursor: 6 });
    expect((await resumed.waitEvents(3)).map((e) => e.id)).toEqual([4, 5, 6]);
    resumed.close();
  });

  it('shuts down on SIGTERM: streams told to reconnect, exit code 0', { timeout: 60_000 }, async () => {
    const { data, page } = workspace();
    const started = await startMain(data, page);
    const { code } = await createClass(started.base);
    const stream = await SseReader.open(`${started.base}/api/classes/${code}/stream`);
    await stream.waitEvents(1);
    started.child.kill('SIGTERM');
    await stream.closed();
    expect(stream.items.at(-1)).toEqual({ kind: 'retry', ms: 500 });
    // The server's own deadline (SHUTDOWN_DEADLINE_MS, 4.5 s) bounds the shutdown; here it only must end well.
    expect(await started.exited).toEqual({ code: 0, signal: null });
  });

  it('refuses a bad flag with one line on stderr and exit code 2', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--port', 'eighty'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stderr = '';
    let stdout = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('classroom: --port must be an integer from 0 to 65535, not "eighty"\n');
  });
});
