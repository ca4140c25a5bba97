/**
 * "Quiz me": any scenario (a preset, an edited or shared one, an imported capture) as a lesson with one
 * predict-the-next-segment checkpoint per send event, in order. Each step plays up to the event just before
 * its send, so the answer is that send and nothing of it has been shown yet.
 */
import { runScenario } from '../tcp';
import type { Profile, ScenarioInput, TraceEvent } from '../tcp/types';
import type { Anchor, Lesson, LessonStep, Text } from './types';

/**
 * At most this many checkpoints: a scenario with a bulk transfer sends thousands of segments, and nobody
 * predicts more than a hundred in a sitting; the first hundred sends include the handshake and the close
 * of any lesson-sized scenario (the largest preset sends 14).
 */
export const MAX_QUIZ_STEPS = 100;

/** The lesson id of a quiz (not a shipped lesson: the registry's ids never collide with it). */
export const QUIZ_ID = 'quiz';

export function quizLesson(scenario: ScenarioInput, title: Text, profile?: Profile): Lesson {
  const trace = runScenario(scenario, profile ? { profile } : {});
  const sends = trace.events.filter((e): e is Extract<TraceEvent, { type: 'send' }> => e.type === 'send');
  const count = Math.min(sends.length, MAX_QUIZ_STEPS);
  const steps: LessonStep[] = [];
  let from: Anchor = 'start';
  for (let k = 1; k <= count; k++) {
    const send = sends[k - 1] as (typeof sends)[number];
    // The event before the kth send of the whole trace (or "start" if the trace begins with it).
    const to: Anchor = { type: 'send', nth: k, offset: -1 };
    const step: LessonStep = {
      text: {
        en: `Segment ${k} of ${count}: what does ${send.from} send next? Set its flags and type seq, ack and len.`,
        'zh-CN': `第 ${k} 个报文段（共 ${count} 个）：${send.from} 接下来发送什么？请选出标志位，并填写 seq、ack 和 len。`,
      },
      scenario,
      from,
      to,
      checkpoint: { kind: 'next-segment', endpoint: send.from },
    };
    if (profile) step.profile = profile;
    steps.push(step);
    from = to;
  }
  if (steps.length === 0) {
    // Nothing is sent (a listen alone): one step that plays the run, so the quiz still opens.
    steps.push({
      text: {
        en: 'Nothing is sent in this scenario, so there is nothing to predict.',
        'zh-CN': '这个场景中没有发送任何报文段，所以没有可以预测的内容。',
      },
      scenario,
      ...(profile ? { profile } : {}),
    });
  }
  return {
    version: 1,
    id: QUIZ_ID,
    title,
    summary: {
      en: `Predict each of the ${count} segments of this scenario before it is sent.`,
      'zh-CN': `在这个场景的 ${count} 个报文段发出之前，逐一预测它们。`,
    },
    // About half a minute per prediction.
    minutes: Math.min(180, Math.max(1, Math.ceil(count / 2))),
    steps,
  };
}
