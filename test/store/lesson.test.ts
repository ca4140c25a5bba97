/**
 * The lesson slice (src/store/lesson.ts) driven through createAppStore, on a small fixture lesson over
 * RFC 9293 figure 6. Oracles: the trace itself read directly (the send event's own flags, seq, ack, len and
 * explanation key; the endpoints' SYNs for their ISNs), and hand-derived rules (a SYN occupies one sequence
 * number, so B's SYN,ACK acknowledges A's ISS + 1; relative numbers start at 0 and 1), never a second run
 * of the grading code.
 */
import { describe, expect, it } from 'vitest';
import type { Lesson } from '../../src/lessons/types';
import { createAppStore } from '../../src/store';
import type { PrefsStorage } from '../../src/store/prefs';
import type { SendEvent, TraceEvent } from '../../src/tcp/types';

const text = (en: string) => ({ en, 'zh-CN': en });

/** Three steps on figure 6: predict B's SYN,ACK; read; predict A's state once the SYN,ACK arrives. */
const FIXTURE: Lesson = {
  version: 1,
  id: 'fixture-handshake',
  title: text('Fixture handshake'),
  summary: text('A small lesson for the store tests.'),
  minutes: 3,
  steps: [
    {
      text: text('A has sent its SYN. What does B answer?'),
      scenario: 'rfc9293-fig6',
      to: { type: 'send', endpoint: 'B', flags: 'SYN,ACK', offset: -1 },
      watch: [{ tcb: 'B.rcvNxt' }, { state: { endpoint: 'B', state: 'SYN-RECEIVED' } }],
      checkpoint: { kind: 'next-segment', endpoint: 'B' },
    },
    {
      text: text('The SYN,ACK is on its way.'),
      scenario: 'rfc9293-fig6',
      from: { type: 'send', endpoint: 'B', flags: 'SYN,ACK' },
      to: { type: 'deliver', endpoint: 'A', flags: 'SYN,ACK' },
      watch: [{ segment: { type: 'send', endpoint: 'B', flags: 'SYN,ACK' } }],
    },
    {
      text: text('The SYN,ACK has arrived. Which state does A enter?'),
      scenario: 'rfc9293-fig6',
      to: { type: 'deliver', endpoint: 'A', flags: 'SYN,ACK' },
      checkpoint: { kind: 'next-state', endpoint: 'A' },
    },
  ],
};

function memoryStorage(
  initial: Record<string, string> = {},
): PrefsStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => data[k] ?? null,
    setItem: (k, v) => {
      data[k] = v;
    },
  };
}

const sends = (events: readonly TraceEvent[]) =>
  events.flatMap((e, index) => (e.type === 'send' ? [{ e: e as SendEvent, index }] : []));

function setup(seed = 12345, storage = memoryStorage()) {
  const store = createAppStore({ storage, randomSeed: () => seed });
  return { store, storage };
}

describe('lesson slice', () => {
  it('opens a step at its checkpoint with fresh numbers, and playback cannot pass it', async () => {
    const { store } = setup();
    expect(await store.getState().openLesson(FIXTURE, 0)).toBe(true);
    const s = store.getState();
    const run = s.lessonRun;
    expect(run?.step).toBe(0);
    expect(run?.seed).toBe(12345);
    const events = s.timeline.trace.events;
    const all = sends(events);
    const synAck = all.find(({ e }) => e.from === 'B' && e.segment.flags.join(',') === 'SYN,ACK');
    // The step opens at its start; its checkpoint is the event just before B's SYN,ACK (nothing of it shown).
    expect(s.cursor).toBe(-1);
    expect(run?.to).toBe((synAck?.index ?? 0) - 1);
    // Before the checkpoint is reached, nothing can be answered.
    expect(s.submit({ kind: 'next-segment', flags: [], seq: null, ack: null, len: null })).toBeNull();
    // Fresh numbers: A's ISS is not figure 6's 100 (the seed shifted it).
    const aSyn = all.find(({ e }) => e.from === 'A' && e.segment.flags.join(',') === 'SYN');
    expect(aSyn?.e.segment.seq).not.toBe(100);
    // End and Play stop at the checkpoint.
    s.toEnd();
    expect(store.getState().cursor).toBe(run?.to);
    s.step(5);
    expect(store.getState().cursor).toBe(run?.to);
    // The step's watch list, resolved.
    expect([...(run?.highlights.tcb ?? [])]).toEqual(['B.rcvNxt']);
    expect([...(run?.highlights.states ?? [])]).toEqual(['B:SYN-RECEIVED']);
  });

  it('a wrong then a right prediction: fields, hint, score and saved progress', async () => {
    const { store, storage } = setup();
    await store.getState().openLesson(FIXTURE, 0);
    store.getState().toEnd();
    const events = store.getState().timeline.trace.events;
    const all = sends(events);
    const aSyn = all.find(({ e }) => e.from === 'A')?.e as SendEvent;
    const synAck = all.find(({ e }) => e.from === 'B')?.e as SendEvent;
    // First try: the student forgets that the SYN occupies a sequence number (ack = A's ISS, not ISS + 1).
    const wrong = store.getState().submit({
      kind: 'next-segment',
      flags: ['ACK', 'SYN'],
      seq: synAck.segment.seq,
      ack: aSyn.segment.seq,
      len: 0,
    });
    expect(wrong?.correct).toBe(false);
    expect(wrong?.fields).toEqual({ flags: true, seq: true, ack: false, len: true, correct: false });
    // The hint names the rule that made the segment: the send event's own explanation key.
    expect(wrong?.hint?.explain).toBe(synAck.explain);
    expect(wrong?.answer).toBeNull();
    expect(store.getState().lessonRun?.checkpoint?.status).toBe('open');
    // Second try: ack = A's ISS + 1 (mod 2^32), hand-derived.
    const right = store.getState().submit({
      kind: 'next-segment',
      flags: ['SYN', 'ACK'],
      seq: synAck.segment.seq,
      ack: (aSyn.segment.seq + 1) >>> 0,
      len: 0,
    });
    expect(right?.correct).toBe(true);
    expect(right?.attempts).toBe(2);
    expect(right?.answer?.kind).toBe('next-segment');
    const after = store.getState();
    expect(after.lessonRun?.progress).toMatchObject({ right: 1, asked: 1, done: [0] });
    // The step plays on to reveal the segment, selected in the inspector.
    expect(after.selectedId).toBe(synAck.id);
    expect(after.playing).toBe(true);
    expect(after.lessonLimit).toBeGreaterThan(after.lessonRun?.to ?? 0);
    const saved = JSON.parse(storage.data['synack.lessons'] ?? '{}');
    expect(saved.lessons['fixture-handshake']).toMatchObject({ right: 1, asked: 1, done: [0], seed: 12345 });
  });

  it('relative numbers are graded against the ISNs: SYN,ACK seq=0 ack=1', async () => {
    const { store } = setup();
    store.getState().setRelativeSeq(true);
    await store.getState().openLesson(FIXTURE, 0);
    store.getState().toEnd();
    const f = store
      .getState()
      .submit({ kind: 'next-segment', flags: ['SYN', 'ACK'], seq: 0, ack: 1, len: 0 });
    expect(f?.correct).toBe(true);
  });

  it('two misses show the answer and score it wrong; Show answer does too', async () => {
    const { store } = setup();
    await store.getState().openLesson(FIXTURE, 0);
    store.getState().toEnd();
    const miss = { kind: 'next-segment' as const, flags: ['FIN'], seq: 1, ack: 2, len: 3 };
    expect(store.getState().submit(miss)?.answer).toBeNull();
    const second = store.getState().submit(miss);
    expect(second?.answer?.kind).toBe('next-segment');
    expect(store.getState().lessonRun?.checkpoint?.status).toBe('shown');
    expect(store.getState().lessonRun?.progress).toMatchObject({ right: 0, asked: 1 });
    // A settled checkpoint takes no more answers.
    expect(store.getState().submit(miss)).toBeNull();

    await store.getState().goToStep(2);
    store.getState().toEnd();
    const s = store.getState();
    // Step 3's checkpoint: A's next state after the SYN,ACK arrives, from the trace's next state event of A.
    const next = s.timeline.trace.events
      .slice(s.cursor + 1)
      .find((e) => e.type === 'state' && e.endpoint === 'A');
    expect(next?.type === 'state' && next.to).toBe('ESTABLISHED');
    s.showAnswer();
    expect(store.getState().lessonRun?.checkpoint?.status).toBe('shown');
    expect(store.getState().lessonRun?.progress).toMatchObject({ right: 0, asked: 2, done: [0, 2] });
  });

  it('a next-state answer is right when it names the state the trace enters', async () => {
    const { store } = setup();
    await store.getState().openLesson(FIXTURE, 2);
    store.getState().toEnd();
    expect(store.getState().submit({ kind: 'next-state', state: 'SYN-SENT' })?.correct).toBe(false);
    expect(store.getState().submit({ kind: 'next-state', state: 'ESTABLISHED' })?.correct).toBe(true);
    expect(store.getState().lessonRun?.progress).toMatchObject({ right: 1, asked: 1 });
  });

  it('resumes where the student left, with the same seed and numbers', async () => {
    const storage = memoryStorage();
    const first = setup(777, storage).store;
    await first.getState().openLesson(FIXTURE, 0);
    const iss = sends(first.getState().timeline.trace.events)[0]?.e.segment.seq;
    await first.getState().nextStep();
    expect(first.getState().lessonRun?.step).toBe(1);
    // A new visit (another seed would be drawn): the saved attempt goes on.
    const second = setup(999, storage).store;
    await second.getState().openLesson(FIXTURE);
    expect(second.getState().lessonRun?.step).toBe(1);
    expect(second.getState().lessonRun?.seed).toBe(777);
    expect(sends(second.getState().timeline.trace.events)[0]?.e.segment.seq).toBe(iss);
  });

  it('a link with another seed keeps the saved steps and score, with the numbers of the link', async () => {
    const storage = memoryStorage();
    const { store } = setup(777, storage);
    await store.getState().openLesson('handshake', 0);
    store.getState().toEnd();
    store.getState().showAnswer();
    expect(store.getState().lessonRun?.progress).toMatchObject({ done: [0], asked: 1, seed: 777 });
    const other = setup(1, storage).store;
    expect(await other.getState().openLessonLink('#lesson=handshake&step=2&seed=5')).toBe(true);
    expect(other.getState().lessonRun?.progress).toMatchObject({ done: [0], asked: 1, seed: 5 });
  });

  it('another seed gives other numbers', async () => {
    const a = setup(1).store;
    const b = setup(2).store;
    await a.getState().openLesson(FIXTURE, 0);
    await b.getState().openLesson(FIXTURE, 0);
    const issA = sends(a.getState().timeline.trace.events)[0]?.e.segment.seq;
    const issB = sends(b.getState().timeline.trace.events)[0]?.e.segment.seq;
    expect(issA).not.toBe(issB);
  });

  it('garbage progress is tolerated: the lesson opens at step 1 and saves over it', async () => {
    const storage = memoryStorage({ 'synack.lessons': '{"version": 1, "lessons": {"fixture-handshake": 42' });
    const { store } = setup(5, storage);
    expect(await store.getState().openLesson(FIXTURE)).toBe(true);
    expect(store.getState().lessonRun?.step).toBe(0);
    expect(await store.getState().readLessonProgress()).toMatchObject({ version: 1 });
    await store.getState().nextStep();
    expect(JSON.parse(storage.data['synack.lessons'] ?? '{}').lessons['fixture-handshake'].step).toBe(1);
  });

  it('works without storage', async () => {
    const store = createAppStore({ randomSeed: () => 3 });
    expect(await store.getState().openLesson(FIXTURE, 0)).toBe(true);
    expect((await store.getState().readLessonProgress()).lessons).toEqual({});
  });

  it('Quiz me on an edited scenario: one checkpoint per send, each the next send of the trace', async () => {
    const { store } = setup();
    const s = store.getState();
    // Edit figure 6: A closes after its data, so the run has a teardown too.
    s.seek(s.timeline.trace.events.length - 1);
    s.call('A', 'close');
    const edited = store.getState().timeline.trace.events;
    const expected = sends(edited);
    expect(await store.getState().quizMe()).toBe(true);
    const run = store.getState().lessonRun;
    expect(run?.source).toBe('quiz');
    expect(run?.lesson.steps.length).toBe(expected.length);
    for (let k = 0; k < expected.length; k++) {
      await store.getState().goToStep(k);
      store.getState().toEnd();
      const answer = store.getState().lessonRun?.answer;
      const want = expected[k] as { e: SendEvent; index: number };
      expect(answer?.kind === 'next-segment' && answer.segment.index).toBe(want.index);
      expect(answer?.kind === 'next-segment' && answer.segment.seq).toBe(want.e.segment.seq);
      // Nothing of it is shown: the cursor is before its send.
      expect(store.getState().cursor).toBeLessThan(want.index);
    }
  });

  it('a bad seed in a link is a problem naming it; nothing else changes', async () => {
    const { store } = setup();
    const before = store.getState().scenario;
    expect(await store.getState().openLessonLink('#lesson=handshake&seed=banana')).toBe(false);
    expect(store.getState().problem?.issues[0]?.path).toBe('link seed');
    expect(store.getState().scenario).toBe(before);
    expect(store.getState().lessonRun).toBeNull();
  });

  it('an unknown lesson id in a link names the lessons there are', async () => {
    const { store } = setup();
    expect(await store.getState().openLessonLink('#lesson=no-such-lesson')).toBe(false);
    const issue = store.getState().problem?.issues[0];
    expect(issue?.path).toBe('link lesson');
    expect(issue?.message).toContain('no-such-lesson');
  });

  it('a step number out of range is a problem naming the steps there are', async () => {
    const { store } = setup();
    expect(await store.getState().openLesson(FIXTURE, 7)).toBe(false);
    const issue = store.getState().problem?.issues[0];
    expect(issue?.path).toBe('link step');
    expect(issue?.expected).toEqual({ kind: 'integer', min: 1, max: 3 });
  });

  it('an anchor that matches nothing is named by its path', async () => {
    const { store } = setup();
    const bad: Lesson = {
      ...FIXTURE,
      steps: [{ ...(FIXTURE.steps[0] as Lesson['steps'][number]), to: { type: 'send', flags: 'RST' } }],
    };
    expect(await store.getState().openLesson(bad, 0)).toBe(false);
    expect(store.getState().problem?.issues[0]?.path).toBe('$.steps[0].to');
  });

  it('the lesson link names the lesson, the 1-based step and the seed', async () => {
    const { store } = setup(4242);
    await store.getState().openLesson(FIXTURE, 2);
    const hash = store.getState().lessonHash();
    const params = new URLSearchParams(hash.slice(1));
    expect(params.get('step')).toBe('3');
    expect(params.get('seed')).toBe('4242');
    // An imported lesson travels whole in the link, and opens again from it.
    const other = setup(1).store;
    expect(await other.getState().openLessonLink(hash)).toBe(true);
    expect(other.getState().lessonRun?.step).toBe(2);
    expect(other.getState().lessonRun?.seed).toBe(4242);
    expect(other.getState().lessonRun?.lesson.id).toBe(FIXTURE.id);
  });

  it('closing the lesson lifts the cap on the cursor', async () => {
    const { store } = setup();
    await store.getState().openLesson(FIXTURE, 0);
    // Titled as its preset while the lesson is open; left on screen, an edited copy (its ISNs are not figure 6's).
    expect(store.getState().presetName).toBe('rfc9293-fig6');
    store.getState().closeLesson();
    expect(store.getState().presetName).toBeNull();
    expect(store.getState().editedFrom).toEqual({ kind: 'preset', name: 'rfc9293-fig6' });
    store.getState().toEnd();
    expect(store.getState().cursor).toBe(store.getState().timeline.trace.events.length - 1);
  });
});

describe('shipped lessons in the store', () => {
  it('every step of every lesson opens, and a checkpoint step stops before its answer', async () => {
    const { LESSON_IDS, loadLesson } = await import('../../src/lessons/index');
    for (const id of LESSON_IDS) {
      const { store } = setup(99);
      const lesson = loadLesson(id) as Lesson;
      for (let k = 0; k < lesson.steps.length; k++) {
        const ok = await store.getState().openLesson(id, k);
        expect(ok, `${id} step ${k + 1}: ${JSON.stringify(store.getState().problem?.issues[0])}`).toBe(true);
        const run = store.getState().lessonRun;
        if (!run?.answer) continue;
        const at =
          run.answer.kind === 'next-segment'
            ? run.answer.segment.index
            : run.answer.kind === 'next-state'
              ? run.answer.index
              : null;
        if (at !== null) expect(at, `${id} step ${k + 1}`).toBeGreaterThan(run.to);
      }
    }
  });

  it('#lesson=handshake&step=99 names the steps there are; nothing changes', async () => {
    const { store } = setup();
    const before = store.getState().scenario;
    expect(await store.getState().openLessonLink('#lesson=handshake&step=99')).toBe(false);
    const issue = store.getState().problem?.issues[0];
    expect(issue?.path).toBe('link step');
    expect(issue?.expected).toMatchObject({ kind: 'integer', min: 1 });
    expect(store.getState().scenario).toBe(before);
  });

  it('#lesson=handshake&step=2&seed=7 opens step 2 with seed 7', async () => {
    const { store } = setup();
    expect(await store.getState().openLessonLink('#lesson=handshake&step=2&seed=7')).toBe(true);
    expect(store.getState().lessonRun).toMatchObject({ step: 1, seed: 7, source: 'registry' });
    expect(new URLSearchParams(store.getState().lessonHash().slice(1)).get('lesson')).toBe('handshake');
  });

  it('an imported lesson file opens; a bad one names its JSON path', async () => {
    const { store } = setup();
    const bytes = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
    expect(await store.getState().importFile('mine.json', bytes(FIXTURE))).toBe(true);
    expect(store.getState().lessonRun?.lesson.id).toBe(FIXTURE.id);
    const bad = {
      ...FIXTURE,
      steps: [{ ...FIXTURE.steps[0], checkpoint: { kind: 'next-segment', endpoint: 'C' } }],
    };
    expect(await store.getState().importFile('bad.json', bytes(bad))).toBe(false);
    expect(store.getState().problem?.issues[0]?.path).toBe('$.steps[0].checkpoint.endpoint');
    // The lesson that was open stays open.
    expect(store.getState().lessonRun?.lesson.id).toBe(FIXTURE.id);
  });
});
