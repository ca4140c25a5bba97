/**
 * npm run bench:classroom — the live classroom under load on loopback (issue 11, "Load, measured in a
 * benchmark, not a timed test"). For 300 and then 1,000 students, each against a fresh server process
 * (src/server/main.ts on an ephemeral port, its database in a temporary file):
 *  1. the students join one class and open its stream (Node EventSource clients, in this process);
 *  2. the teacher sends 100 state changes ~50 ms apart, each with its own cursor; for every student and
 *     change, the delivery latency from just before the teacher's POST to that student's `state` event
 *     with that cursor: p50 / p99 / max, and the events lost (never delivered) and id gaps;
 *  3. the teacher asks figure 6's "what does B send after A's SYN?" and every student answers once,
 *     spread evenly over one second: every answer must get 201, the `reveal` counts must equal the answers
 *     sent (by value), and results.csv must hold one answered row per student;
 *  4. the server's memory (VmRSS now, VmHWM peak, from /proc/<pid>/status).
 * Targets (300 students; 1,000 is reported only): p99 ≤ 100 ms, 0 lost events, 0 lost answers. Exit 1
 * when one is missed. Both client and teacher run in this process, so a latency includes the client's
 * own parsing of 300 (1,000) streams on one thread: an upper bound on what the server adds.
 * The server's join limit (1,200 per minute per address) fits 1,000 joins: each size gets its own server.
 * Pass --json for machine-readable output.
 */
import { resolveAnchor } from '../src/lessons/resolve';
import { loadPreset } from '../src/scenarios/presets';
import type { Counts, SegmentAnswerBody } from '../src/server/protocol';
import { buildTimeline } from '../src/tcp/timeline';
import { FLAG_ORDER, type ScenarioInput } from '../src/tcp/types';
import {
  type AnswerReport,
  call,
  cpuSecondsOf,
  csvRows,
  type GroupReport,
  type GroupRequest,
  inBatches,
  machineLoad,
  memoryOf,
  now,
  openFileLimit,
  percentile,
  type RunningServer,
  StudentGroup,
  sleep,
  startServer,
  until,
} from './classroom-clients';

const json = process.argv.includes('--json');
const log = (line: string) => {
  if (!json) console.log(line);
};

const STATE_CHANGES = 100;
const SPACING_MS = 50;
const ANSWER_WINDOW_MS = 1000;

/**
 * What the students answer: figure 6's SYN,ACK (RFC 9293 figure 6 line 3: <SEQ=300><ACK=101>) and five
 * typical mistakes, in turn. The expected distribution is counted from this list, not from the server.
 */
const ANSWERS: SegmentAnswerBody[] = [
  { flags: ['SYN', 'ACK'], seq: 300, ack: 101, len: 0 },
  { flags: ['SYN', 'ACK'], seq: 300, ack: 100, len: 0 },
  { flags: ['ACK'], seq: 300, ack: 101, len: 0 },
  { flags: ['SYN', 'ACK'], seq: 101, ack: 300, len: 0 },
  { flags: ['SYN'], seq: 300, ack: 101, len: 0 },
  { flags: ['SYN', 'ACK'], seq: 300, ack: 101, len: null },
];

/** The pinned Tally.value of a segment answer: `SYN,ACK seq=300 ack=101 len=0` (design "Counts"). */
function tallyValue(a: SegmentAnswerBody): string {
  const flags = FLAG_ORDER.filter((f) => a.flags.includes(f)).join(',') || 'none';
  const n = (x: number | null) => (x === null ? '?' : String(x));
  return `${flags} seq=${n(a.seq)} ack=${n(a.ack)} len=${n(a.len)}`;
}

interface SizeResult {
  students: number;
  groups: number;
  joinMs: number;
  openMs: number;
  latency: { p50: number; p99: number; max: number; samples: number };
  teacherPostP50: number;
  lostEvents: number;
  idGaps: number;
  streamErrors: number;
  clientLoopDelayP99: number;
  /** CPU seconds over the 100 changes: the server's, and the students' (from the streams' opening on). */
  cpu: { serverS: number; serverAnswersS: number; clientsS: number };
  answers: { sent: number; created: number; refused: Record<string, number>; p99Ms: number };
  revealMatches: boolean;
  revealDelivered: number;
  stored: number;
  lostAnswers: number;
  memory: { idleMb: number; joinedMb: number; endMb: number; peakMb: number };
  shutdown: { code: number | null; ms: number };
}

/**
 * Client processes (`--processes N`, default 1). On this project's 2-CPU machine (quiet, 07:40 UTC) 300
 * students measured the same either way (p99 21 ms with 1 or 3); at 1,000, one process had the lower state
 * p99 (58 ms against 95: every extra process's runtime takes CPU from the server) but queued its own
 * answer POSTs (p99 1.1 s against 26 ms). More processes suit a machine with more CPUs.
 */
const PROCESSES = Math.max(1, Number(process.argv[process.argv.indexOf('--processes') + 1]) || 1);

async function runSize(n: number): Promise<SizeResult> {
  const server: RunningServer = await startServer();
  const perGroup = Math.ceil(n / PROCESSES);
  const groups = Array.from({ length: Math.ceil(n / perGroup) }, () => new StudentGroup());
  const sum = async (request: GroupRequest) =>
    (await Promise.all(groups.map((g) => g.request<{ count: number }>(request)))).reduce(
      (a, r) => a + r.count,
      0,
    );
  const all = async (request: GroupRequest, ms = 10_000) => until(async () => (await sum(request)) >= n, ms);
  try {
    await Promise.all(groups.map((g) => g.request({ type: 'ping' }))); // started (tsx compiled them)
    const idle = memoryOf(server.pid);
    const created = await call(server.base, 'POST', '/api/classes', {});
    if (created.status !== 201) throw new Error(`POST /api/classes: ${created.status} ${created.text}`);
    const { code, teacherToken } = created.body as { code: string; teacherToken: string };
    const cls = `/api/classes/${code}`;

    // 1. Join (16 at a time), then each group opens its students' streams.
    let t0 = now();
    const joined = await inBatches(
      Array.from({ length: n }, (_, i) => `s${String(i + 1).padStart(4, '0')}`),
      16,
      async (nickname) => {
        const r = await call(server.base, 'POST', `${cls}/join`, { nickname });
        if (r.status !== 201) throw new Error(`join ${nickname}: ${r.status} ${r.text}`);
        return { nickname, token: (r.body as { studentToken: string }).studentToken };
      },
    );
    const joinMs = now() - t0;
    const share = (g: number) => joined.slice(g * perGroup, (g + 1) * perGroup);
    t0 = now();
    const url = `${server.base}${cls}/stream`;
    await Promise.all(groups.map((group, g) => group.request({ type: 'open', url, students: share(g) })));
    const openMs = now() - t0;
    const joinedMemory = memoryOf(server.pid);

    // 2. State changes: cursor k for change k, so each event is told apart by its cursor.
    const sentAt: number[] = [];
    const postMs: number[] = [];
    const serverCpuFrom = cpuSecondsOf(server.pid);
    for (let k = 0; k < STATE_CHANGES; k++) {
      const start = now();
      sentAt.push(start);
      const r = await call(server.base, 'POST', `${cls}/state`, { cursor: k }, teacherToken);
      if (r.status !== 200) throw new Error(`POST state: ${r.status} ${r.text}`);
      postMs.push(now() - start);
      await sleep(SPACING_MS - (now() - start));
    }
    await all({ type: 'count', what: 'state', cursor: STATE_CHANGES - 1 }, 5000);
    await sleep(200); // stragglers of earlier changes
    const serverCpuS = cpuSecondsOf(server.pid) - serverCpuFrom;

    // 3. A question on figure 6 after A's SYN; every student answers once within one second.
    const fig6 = buildTimeline(loadPreset('rfc9293-fig6') as ScenarioInput).trace;
    const cursor = resolveAnchor(fig6, { type: 'send', endpoint: 'A', flags: 'SYN' }) as number;
    const moved = await call(
      server.base,
      'POST',
      `${cls}/state`,
      { presetName: 'rfc9293-fig6', cursor },
      teacherToken,
    );
    if (moved.status !== 200) throw new Error(`POST state: ${moved.status} ${moved.text}`);
    const asked = await call(server.base, 'POST', `${cls}/questions`, {}, teacherToken);
    if (asked.status !== 201) throw new Error(`POST questions: ${asked.status} ${asked.text}`);
    const questionId = (asked.body as { questionId: number }).questionId;
    await all({ type: 'count', what: 'question', questionId }, 5000);
    const expected = new Map<string, number>();
    const answerOf = (i: number) => ANSWERS[i % ANSWERS.length] as SegmentAnswerBody;
    for (let i = 0; i < n; i++)
      expected.set(tallyValue(answerOf(i)), (expected.get(tallyValue(answerOf(i))) ?? 0) + 1);
    const start = now() + 100; // every group has the schedule before the first answer is due
    const answerCpuFrom = cpuSecondsOf(server.pid);
    const answered = await Promise.all(
      groups.map((group, g) => {
        const indexes = share(g).map((_, k) => g * perGroup + k);
        return group.request<AnswerReport>({
          type: 'answer',
          url: `${server.base}${cls}/answers`,
          questionId,
          sendAt: indexes.map((i) => start + (i * ANSWER_WINDOW_MS) / n),
          answers: indexes.map(answerOf),
        });
      }),
    );
    const answersCpuS = cpuSecondsOf(server.pid) - answerCpuFrom;
    const revealed = await call(
      server.base,
      'POST',
      `${cls}/questions/${questionId}/reveal`,
      {},
      teacherToken,
    );
    if (revealed.status !== 200) throw new Error(`reveal: ${revealed.status} ${revealed.text}`);
    await all({ type: 'count', what: 'reveal' }, 5000);
    const reports = await Promise.all(
      groups.map((g) => g.request<GroupReport>({ type: 'report', changes: STATE_CHANGES })),
    );

    const samples: number[] = [];
    let lostEvents = 0;
    for (const report of reports)
      for (const arrivals of report.arrivals)
        arrivals.forEach((at, k) => {
          if (at === null) lostEvents++;
          else samples.push(at - (sentAt[k] as number));
        });
    samples.sort((a, b) => a - b);
    postMs.sort((a, b) => a - b);
    const reveals = reports.flatMap((r) => r.reveals);
    const counts = reveals[0] === undefined ? undefined : (JSON.parse(reveals[0]) as Counts);
    const got = new Map((counts?.answers ?? []).map((t) => [t.value, t.count]));
    const revealMatches =
      counts !== undefined &&
      reveals.every((r) => r === reveals[0]) &&
      counts.answered === n &&
      counts.other === 0 &&
      got.size === expected.size &&
      [...expected].every(([value, count]) => got.get(value) === count);

    const csv = await call(server.base, 'GET', `${cls}/results.csv`, undefined, teacherToken);
    if (csv.status !== 200) throw new Error(`results.csv: ${csv.status} ${csv.text.slice(0, 200)}`);
    const rows = csvRows(csv.text);
    const header = rows[0] ?? [];
    const [qCol, aCol] = [header.indexOf('question'), header.indexOf('answer')];
    const stored = rows.slice(1).filter((r) => r[qCol] === String(questionId) && r[aCol] !== '').length;
    const statuses = answered.flatMap((a) => a.statuses);
    const answerMs = answered.flatMap((a) => a.ms).sort((a, b) => a - b);
    const refused: Record<string, number> = {};
    for (const a of answered)
      for (const [why, count] of Object.entries(a.refused)) refused[why] = (refused[why] ?? 0) + count;
    const createdCount = statuses.filter((s) => s === 201).length;
    const end = memoryOf(server.pid);
    await Promise.all(groups.map((g) => g.close()));
    const shutdown = await server.stop();
    return {
      students: n,
      groups: groups.length,
      joinMs,
      openMs,
      latency: {
        p50: percentile(samples, 50),
        p99: percentile(samples, 99),
        max: samples[samples.length - 1] ?? Number.NaN,
        samples: samples.length,
      },
      teacherPostP50: percentile(postMs, 50),
      lostEvents,
      idGaps: reports.reduce((total, r) => total + r.idGaps, 0),
      streamErrors: reports.reduce((total, r) => total + r.streamErrors, 0),
      clientLoopDelayP99: Math.max(...reports.map((r) => r.loopDelayP99)),
      cpu: {
        serverS: serverCpuS,
        serverAnswersS: answersCpuS,
        clientsS: reports.reduce((total, r) => total + r.cpuS, 0),
      },
      answers: { sent: n, created: createdCount, refused, p99Ms: percentile(answerMs, 99) },
      revealMatches,
      revealDelivered: reveals.length,
      stored,
      lostAnswers: n - Math.min(createdCount, stored),
      memory: { idleMb: idle.rssMb, joinedMb: joinedMemory.rssMb, endMb: end.rssMb, peakMb: end.peakMb },
      shutdown,
    };
  } catch (error) {
    await Promise.all(groups.map((g) => g.close()));
    await server.stop();
    throw error;
  }
}

function table(results: SizeResult[]): void {
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const mb = (x: number) => `${x.toFixed(0)} MB`;
  const rows: [string, (r: SizeResult) => string][] = [
    ['join (all students)', (r) => `${ms(r.joinMs)} (${((r.students / r.joinMs) * 1000).toFixed(0)}/s)`],
    ['open streams', (r) => ms(r.openMs)],
    ['state latency p50', (r) => ms(r.latency.p50)],
    ['state latency p99', (r) => ms(r.latency.p99)],
    ['state latency max', (r) => ms(r.latency.max)],
    ['latency samples', (r) => String(r.latency.samples)],
    ['teacher POST /state p50', (r) => ms(r.teacherPostP50)],
    ['lost events', (r) => String(r.lostEvents)],
    ['event id gaps', (r) => String(r.idGaps)],
    ['stream errors (reconnects)', (r) => String(r.streamErrors)],
    ['client event-loop delay p99', (r) => `${ms(r.clientLoopDelayP99)} (${r.groups} proc.)`],
    ['CPU s: server (changes)', (r) => r.cpu.serverS.toFixed(2)],
    ['CPU s: server (answers)', (r) => r.cpu.serverAnswersS.toFixed(2)],
    ['CPU s: clients (to the end)', (r) => r.cpu.clientsS.toFixed(2)],
    ['answers sent / 201', (r) => `${r.answers.sent} / ${r.answers.created}`],
    ['answer POST p99', (r) => ms(r.answers.p99Ms)],
    ['reveal counts = sent', (r) => (r.revealMatches ? 'yes' : 'NO')],
    ['reveal delivered to', (r) => `${r.revealDelivered} students`],
    ['answers in results.csv', (r) => String(r.stored)],
    ['lost answers', (r) => String(r.lostAnswers)],
    ['server RSS idle', (r) => mb(r.memory.idleMb)],
    ['server RSS joined', (r) => mb(r.memory.joinedMb)],
    ['server RSS end / peak', (r) => `${mb(r.memory.endMb)} / ${mb(r.memory.peakMb)}`],
    ['SIGTERM → exit', (r) => `${r.shutdown.code} in ${ms(r.shutdown.ms)}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  log(`${''.padEnd(width)}  ${results.map((r) => `${r.students} students`.padStart(22)).join('')}`);
  for (const [label, cell] of rows)
    log(`${label.padEnd(width)}  ${results.map((r) => cell(r).padStart(22)).join('')}`);
  for (const r of results)
    for (const [why, count] of Object.entries(r.answers.refused)) log(`  ${r.students}: ${count} × ${why}`);
}

async function main(): Promise<number> {
  const files = openFileLimit();
  const before = machineLoad();
  log(
    `Classroom on loopback: Node ${process.version}, open-file limit ${files} (each student: a socket here and one in the server)`,
  );
  log(`  machine: ${before.cpus} CPUs, load average ${before.load1.toFixed(2)} before the run`);
  if (before.load1 > before.cpus / 2)
    log('  warning: the machine is busy with other work; latencies will be higher than on a quiet one');
  if (files < 2100)
    log('  warning: below ~2,100 open files 1,000 students may fail; raise it with `ulimit -n 4096`');
  const results: SizeResult[] = [];
  for (const n of [300, 1000]) results.push(await runSize(n));
  table(results);
  log(`  load average ${machineLoad().load1.toFixed(2)} after the run`);
  const r300 = results[0] as SizeResult;
  const missed = [
    r300.latency.p99 > 100 && `p99 ${r300.latency.p99.toFixed(1)} ms > 100 ms`,
    r300.lostEvents > 0 && `${r300.lostEvents} lost events`,
    (r300.lostAnswers > 0 || !r300.revealMatches) && `answers lost or miscounted`,
  ].filter((m): m is string => typeof m === 'string');
  if (json) console.log(JSON.stringify({ results, missed }, null, 2));
  log(
    missed.length === 0
      ? 'Targets for 300 students met.'
      : `Targets missed (300 students): ${missed.join('; ')}`,
  );
  return missed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench:classroom failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
