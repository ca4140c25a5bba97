/**
 * "Quiz me": one next-segment checkpoint per send, in order. The oracle is the trace's send events read
 * directly, and RFC 9293 figure 6's segments.
 */
import { describe, expect, it } from 'vitest';
import { answerFor } from '../../src/lessons/answers';
import { MAX_QUIZ_STEPS, quizLesson } from '../../src/lessons/quiz';
import { stepRange } from '../../src/lessons/resolve';
import { validateLesson } from '../../src/lessons/schema';
import type { Lesson } from '../../src/lessons/types';
import { loadPreset } from '../../src/scenarios/presets';
import { buildTimeline, type Timeline } from '../../src/tcp';
import type { ScenarioInput } from '../../src/tcp/types';

const title = { en: 'Quiz', 'zh-CN': '测验' };

function answersOf(lesson: Lesson, timeline: Timeline) {
  return lesson.steps.map((step) => {
    if (!step.checkpoint) throw new Error('a quiz step without a checkpoint');
    const { to } = stepRange(timeline.trace, step);
    const a = answerFor(timeline, step.checkpoint, to);
    if (a?.kind !== 'next-segment') throw new Error('expected a segment');
    return a.segment;
  });
}

describe('quizLesson', () => {
  it('figure 6: one checkpoint per send, each answer the send itself, in order', () => {
    const scenario = loadPreset('rfc9293-fig6') as ScenarioInput;
    const timeline = buildTimeline(scenario);
    const sends = timeline.trace.events.flatMap((e, index) => (e.type === 'send' ? [{ e, index }] : []));
    const lesson = quizLesson(scenario, title);
    expect(lesson.steps).toHaveLength(sends.length);
    expect(answersOf(lesson, timeline).map((a) => a.index)).toEqual(sends.map((s) => s.index));
    expect(answersOf(lesson, timeline).map((a) => [a.from, a.seq, a.ack, a.len])).toEqual(
      sends.map(({ e }) => [e.from, e.segment.seq, e.segment.ack, e.segment.len]),
    );
    // RFC 9293 figure 6, lines 2 to 5, then B's ACK of the data.
    expect(
      answersOf(lesson, timeline).map((a) => `${a.from} ${a.seq}/${a.ack} ${a.flags.join(',')}`),
    ).toEqual(['A 100/0 SYN', 'B 300/101 SYN,ACK', 'A 101/301 ACK', 'A 101/301 ACK,PSH', 'B 301/201 ACK']);
  });

  it('each step opens where the last one stopped, so the quiz plays the run once, and nothing of the send is shown', () => {
    const scenario = loadPreset('rfc9293-fig12') as ScenarioInput;
    const timeline = buildTimeline(scenario);
    const lesson = quizLesson(scenario, title);
    let previous = -1;
    for (const step of lesson.steps) {
      const range = stepRange(timeline.trace, step);
      expect(range.from).toBe(previous);
      expect(timeline.trace.events[range.to + 1]?.type).toBe('send');
      previous = range.to;
    }
  });

  it('a quiz is a valid lesson (inline scenario, both languages)', () => {
    const lesson = quizLesson(loadPreset('lost-syn') as ScenarioInput, title);
    const result = validateLesson(JSON.parse(JSON.stringify(lesson)));
    expect(result.ok ? 'valid' : result.issues.map((i) => `${i.path}: ${i.message}`)).toBe('valid');
  });

  it('a scenario that sends nothing still opens, with no checkpoint', () => {
    const lesson = quizLesson({ version: 1, actions: [{ at: 0, endpoint: 'B', call: 'listen' }] }, title);
    expect(lesson.steps).toHaveLength(1);
    expect(lesson.steps[0]?.checkpoint).toBeUndefined();
  });

  it(`a bulk transfer is cut at ${MAX_QUIZ_STEPS} checkpoints`, () => {
    const scenario: ScenarioInput = {
      version: 1,
      endpoints: { A: { mss: 10 } },
      actions: [
        { at: 0, endpoint: 'B', call: 'listen' },
        { at: 10, endpoint: 'A', call: 'connect' },
        { at: 200, endpoint: 'A', call: 'send', bytes: 5000 },
      ],
    };
    expect(quizLesson(scenario, title).steps).toHaveLength(MAX_QUIZ_STEPS);
  });
});
