/**
 * The pieces bench/classroom.ts drives: the real classroom server as a child process (src/server/main.ts,
 * a database in a temporary directory, no page), JSON calls to its pinned API (README "Classroom API",
 * issue 11), simulated students on Node EventSource clients (eventsource 4: Node 20 has none of its own),
 * and the server's memory from /proc (Linux).
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { EventSource } from 'eventsource';
import type { ClassState, QuestionEvent, RevealEvent } from '../src/server/protocol';

/**
 * Milliseconds on one clock for every process of the bench (the students run in child processes): the
 * wall-clock origin of this process plus its monotonic time since then.
 */
export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface RunningServer {
  base: string;
  pid: number;
  stop(): Promise<{ code: number | null; ms: number }>;
}

/**
 * Start `src/server/main.ts` under Node with tsx's loader in the same process (`node --import tsx`, what
 * the `tsx` command runs in a child of its own), so the pid is the server's and /proc reads its memory.
 */
export async function startServer(): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'synack-bench-classroom-'));
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  const args = ['--import', 'tsx', 'src/server/main.ts', '--port', '0', '--host', '127.0.0.1'];
  args.push('--data', join(dir, 'classroom.db'), '--no-build', '--static', staticDir);
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 30 s')), 30_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      const m = /^synack classroom listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      if (m) resolve(m[1] as string);
      else reject(new Error(`unexpected first line: ${line}`));
    });
    exited.then((code) => reject(new Error(`the server exited (${code}): ${stderr.join('').slice(-2000)}`)));
  });
  lines.on('line', () => {}); // keep reading, so a full pipe never blocks the server
  return {
    base,
    pid: child.pid as number,
    async stop() {
      const t0 = now();
      child.kill('SIGTERM');
      const code = await Promise.race([exited, sleep(10_000).then(() => null)]);
      if (code === null && child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      return { code, ms: now() - t0 };
    },
  };
}

/** The server's resident memory now and at its peak, in MB (VmRSS, VmHWM of /proc/<pid>/status). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** This process's soft limit on open files (each student holds a socket here and one in the server). */
export function openFileLimit(): number {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  return Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1] ?? Number.NaN);
}

export interface Reply {
  status: number;
  body: unknown;
  text: string;
}

/** One JSON call (Bearer token when given). */
export async function call(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  token?: string,
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: response.status, body: parsed, text };
}

/** Run `work` over `items` with at most `width` at a time. */
export async function inBatches<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>) {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return out;
}

/** A simulated student: its tokens and what its class stream delivered, with arrival times. */
export class Student {
  readonly stateAt = new Map<number, number>();
  readonly ids: number[] = [];
  questions: { data: QuestionEvent; at: number }[] = [];
  reveals: { data: RevealEvent; at: number }[] = [];
  errors = 0;
  private source: EventSource | null = null;

  constructor(
    readonly nickname: string,
    readonly token: string,
  ) {}

  /** Open the class stream; resolves at the first event (the snapshot's state). */
  open(url: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const source = new EventSource(url);
      this.source = source;
      const timer = setTimeout(() => reject(new Error(`${this.nickname}: no event within 20 s`)), 20_000);
      const seen = (e: MessageEvent) => {
        this.ids.push(Number(e.lastEventId));
        clearTimeout(timer);
        resolve();
      };
      source.addEventListener('state', (e) => {
        const at = now();
        const data = JSON.parse(e.data) as ClassState;
        if (!this.stateAt.has(data.cursor)) this.stateAt.set(data.cursor, at);
        seen(e);
      });
      source.addEventListener('question', (e) => {
        this.questions.push({ data: JSON.parse(e.data) as QuestionEvent, at: now() });
        seen(e);
      });
      source.addEventListener('reveal', (e) => {
        this.reveals.push({ data: JSON.parse(e.data) as RevealEvent, at: now() });
        seen(e);
      });
      source.addEventListener('end', seen);
      source.onerror = () => {
        this.errors++;
      };
    });
  }

  close(): void {
    this.source?.close();
  }

  /** Event ids missing between the first and the last one this student saw (each class's ids go up by 1). */
  idGaps(): number {
    let gaps = 0;
    for (let i = 1; i < this.ids.length; i++) {
      const step = (this.ids[i] as number) - (this.ids[i - 1] as number);
      if (step > 1) gaps += step - 1;
    }
    return gaps;
  }
}

/** Wait until `done()` or `ms` pass; resolves with whether it was done. */
export async function until(done: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = now() + ms;
  while (!(await done())) {
    if (now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/** The rows of an RFC 4180 file (quoted fields with doubled quotes; no line breaks inside fields here). */
export function csvRows(text: string): string[][] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return body
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => {
      const cells: string[] = [];
      let i = 0;
      while (i <= line.length) {
        if (line[i] === '"') {
          let cell = '';
          i++;
          while (i < line.length) {
            if (line[i] === '"' && line[i + 1] === '"') {
              cell += '"';
              i += 2;
            } else if (line[i] === '"') {
              i++;
              break;
            } else cell += line[i++];
          }
          cells.push(cell);
          i++; // the comma
        } else {
          const end = line.indexOf(',', i);
          const stop = end < 0 ? line.length : end;
          cells.push(line.slice(i, stop));
          i = stop + 1;
        }
      }
      return cells;
    });
}

/** Percentile by nearest rank (sorted ascending input). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** A request to a group of students in a child process (bench/classroom-students.ts), and its answer. */
export type GroupRequest =
  | { type: 'ping' }
  | { type: 'open'; url: string; students: { nickname: string; token: string }[] }
  | { type: 'count'; what: 'state'; cursor: number }
  | { type: 'count'; what: 'question'; questionId: number }
  | { type: 'count'; what: 'reveal' }
  | {
      type: 'answer';
      url: string;
      questionId: number;
      /** Student k of this group sends at sendAt[k] (on the bench's clock) its answers[k]. */
      sendAt: number[];
      answers: unknown[];
    }
  | { type: 'report'; changes: number }
  | { type: 'close' };

export interface GroupReport {
  /** Per student, per state change k: the arrival time of the event with cursor k, or null. */
  arrivals: (number | null)[][];
  idGaps: number;
  streamErrors: number;
  /** Per student that got one, its first reveal's counts, as JSON. */
  reveals: string[];
  /** This process's event-loop delay since the streams opened (how busy the clients were), ms. */
  loopDelayP99: number;
  /** CPU seconds this process used since the streams opened. */
  cpuS: number;
}

export interface AnswerReport {
  statuses: number[];
  ms: number[];
  refused: Record<string, number>;
}

/**
 * Students in a child process, away from the teacher's thread: the clients' parsing costs about twice the
 * server's CPU, and a lagging event loop would delay the teacher's POSTs as well as the arrivals.
 */
export class StudentGroup {
  private readonly child: ChildProcess;
  private next = 1;
  private readonly waiting = new Map<number, (reply: unknown) => void>();

  constructor() {
    this.child = fork(new URL('./classroom-students.ts', import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (message: { id: number; reply: unknown }) => {
      this.waiting.get(message.id)?.(message.reply);
      this.waiting.delete(message.id);
    });
    this.child.on('exit', (code) => {
      for (const settle of this.waiting.values()) settle({ error: `a student group exited (${code})` });
      this.waiting.clear();
    });
  }

  request<T>(request: GroupRequest): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, (reply) => {
        const error = (reply as { error?: unknown } | null)?.error;
        if (typeof error === 'string') reject(new Error(error));
        else resolve(reply as T);
      });
      this.child.send({ id, request }, (error) => {
        if (error) reject(error);
      });
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await Promise.race([this.request({ type: 'close' }), sleep(5000)]);
    this.child.disconnect();
    await Promise.race([exited, sleep(5000)]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (clock ticks of 1/100 s). */
export function cpuSecondsOf(pid: number): number {
  const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The 1-minute load average and the number of CPUs: other work on the machine skews every latency. */
export function machineLoad(): { load1: number; cpus: number } {
  const load1 = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  return { load1, cpus: availableParallelism() };
}
