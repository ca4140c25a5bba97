/**
 * A group of simulated students in a process of its own, driven by bench/classroom.ts over IPC (see
 * StudentGroup in ./classroom-clients.ts): open their class streams, say how many saw an event, answer a
 * question at given times, report what arrived when.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  type AnswerReport,
  call,
  type GroupReport,
  type GroupRequest,
  now,
  Student,
  sleep,
} from './classroom-clients';

let students: Student[] = [];
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
let cpuFrom = process.cpuUsage();

async function handle(request: GroupRequest): Promise<unknown> {
  switch (request.type) {
    case 'ping':
      return {};
    case 'open': {
      students = request.students.map((s) => new Student(s.nickname, s.token));
      // 50 at a time: a listen backlog is finite.
      for (let i = 0; i < students.length; i += 50)
        await Promise.all(students.slice(i, i + 50).map((s) => s.open(request.url)));
      loop.reset();
      cpuFrom = process.cpuUsage();
      return {};
    }
    case 'count': {
      const seen = (s: Student) =>
        request.what === 'state'
          ? s.stateAt.has(request.cursor)
          : request.what === 'question'
            ? s.questions.some((q) => q.data.id === request.questionId)
            : s.reveals.length > 0;
      return { count: students.filter(seen).length };
    }
    case 'answer': {
      const report: AnswerReport = { statuses: [], ms: [], refused: {} };
      await Promise.all(
        students.map(async (s, k) => {
          await sleep((request.sendAt[k] as number) - now());
          const t = now();
          const body = { questionId: request.questionId, answer: request.answers[k] };
          const r = await call(request.url, 'POST', '', body, s.token);
          report.ms.push(now() - t);
          report.statuses.push(r.status);
          if (r.status !== 201) {
            const why = `${r.status} ${r.text.slice(0, 80)}`;
            report.refused[why] = (report.refused[why] ?? 0) + 1;
          }
        }),
      );
      return report;
    }
    case 'report': {
      const report: GroupReport = {
        arrivals: students.map((s) =>
          Array.from({ length: request.changes }, (_, k) => s.stateAt.get(k) ?? null),
        ),
        idGaps: students.reduce((sum, s) => sum + s.idGaps(), 0),
        streamErrors: students.reduce((sum, s) => sum + s.errors, 0),
        reveals: students.flatMap((s) => (s.reveals[0] ? [JSON.stringify(s.reveals[0].data.counts)] : [])),
        loopDelayP99: loop.percentile(99) / 1e6,
        cpuS: (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(cpuFrom)),
      };
      return report;
    }
    case 'close':
      for (const s of students) s.close();
      students = [];
      loop.disable();
      return {};
  }
}

process.on('message', (message: { id: number; request: GroupRequest }) => {
  handle(message.request).then(
    (reply) => process.send?.({ id: message.id, reply }),
    (error: unknown) =>
      process.send?.({
        id: message.id,
        reply: { error: error instanceof Error ? error.message : String(error) },
      }),
  );
});
process.on('disconnect', () => process.exit(0));
