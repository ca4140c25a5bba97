/**
 * The lesson slice: the lesson running (which step, the attempt's seed, the checkpoint's attempts and
 * result), the course page, and the student's progress (src/lessons/progress.ts, in the store's storage).
 *
 * A step loads its scenario (fresh ISNs from the attempt's seed) and opens at its `from` event; playback
 * cannot pass the checkpoint (`lessonLimit` caps the cursor) until the answer is known, then plays on to
 * reveal it. The work itself lives in ./lessonRun.ts, a chunk loaded with the first lesson; the actions that
 * need it before it has loaded are asynchronous.
 */
import type { StateCreator } from 'zustand';
import type {
  Answer,
  Hint,
  Lesson,
  LessonProgress,
  ProgressFile,
  SegmentGrade,
  Text,
} from '../lessons/types';
import type { IssueDetail, ScenarioIssue } from '../scenarios/issue';
import type { Timeline } from '../tcp';
import type { AppState, StoreDeps } from './index';
import type { Graded, Highlights, Prediction, StepCache } from './lessonRun';

export type { Prediction } from './lessonRun';

type LessonModule = typeof import('./lessonRun');
let loaded: LessonModule | null = null;
/** The lesson chunk: once, the first time anything asks. */
export function loadLessonModule(): Promise<LessonModule> {
  return import('./lessonRun').then((mod) => {
    loaded = mod;
    return mod;
  });
}

/** Where the running lesson came from: the shipped ones, a file or link, or "Quiz me" on a scenario. */
export type LessonSource = 'registry' | 'file' | 'quiz';

/** The state of the step's checkpoint. */
export interface CheckpointState {
  attempts: number;
  /** open: still asked; right: answered right; shown: the answer was shown (second miss or request). */
  status: 'open' | 'right' | 'shown';
  /** The last check: right or not, and for a segment which fields. */
  last: { correct: boolean; fields: SegmentGrade | null } | null;
  /** The rule to apply, shown after the first miss. */
  hint: Hint | null;
}

/** What a Check tells the student. */
export interface Feedback {
  correct: boolean;
  fields: SegmentGrade | null;
  attempts: number;
  hint: Hint | null;
  /** The answer, once it is shown (right, second miss, or Show answer). */
  answer: Answer | null;
}

export interface LessonRun {
  lesson: Lesson;
  source: LessonSource;
  /** 0-based. */
  step: number;
  /** The u32 behind this attempt's fresh numbers. */
  seed: number;
  /** The numbers are the scenario's own (a quiz, or a scenario freshScenario could not shift). */
  fixedNumbers: boolean;
  /** The step's run: while the page shows another (the student edited it), the step waits to be reopened. */
  timeline: Timeline;
  from: number;
  to: number;
  answer: Answer | null;
  checkpoint: CheckpointState | null;
  highlights: Highlights;
  /** Steps done and the score, as saved (the registry and file lessons; a quiz keeps it for the visit). */
  progress: LessonProgress;
}

export interface LessonSlice {
  lessonRun: LessonRun | null;
  /** While a lesson is open, the last event the cursor may reach (the checkpoint, then its reveal). */
  lessonLimit: number | null;
  courseOpen: boolean;
  openCourse(): void;
  closeCourse(): void;
  /**
   * Open a lesson (a shipped one by id, or a checked Lesson) at `step` (0-based; default where the student
   * left it) with `seed` (default: the saved attempt's, else a new one). False when `problem` says why not.
   */
  openLesson(lesson: string | Lesson, step?: number, seed?: number, source?: LessonSource): Promise<boolean>;
  /** Start the lesson again: step 1, new numbers, its progress cleared. */
  restartLesson(id: string): Promise<boolean>;
  goToStep(step: number): Promise<boolean>;
  nextStep(): Promise<boolean>;
  previousStep(): Promise<boolean>;
  /** Check the student's prediction (null when no checkpoint is asked now). */
  submit(prediction: Prediction): Feedback | null;
  showAnswer(): void;
  closeLesson(): void;
  /** "Quiz me": every send of the current scenario becomes a predict-the-next-segment checkpoint. */
  quizMe(title?: Text): Promise<boolean>;
  /** The saved progress of every lesson (empty where storage is absent or garbage). */
  readLessonProgress(): Promise<ProgressFile>;
  /** A lesson file's text (dropped or opened), checked like a scenario. */
  importLessonText(name: string, text: string): Promise<boolean>;
  /** A `#lesson=` link: a shipped id or an imported lesson's base64url JSON, `step=` 1-based, `seed=`. */
  openLessonLink(hash: string): Promise<boolean>;
  /** The link to the lesson at this step with these numbers (empty when no lesson is open). */
  lessonHash(options?: { withLang?: boolean }): string;
}

const U32_MAX = 0xffffffff;
const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

function emptyProgress(seed: number): LessonProgress {
  return { step: 0, done: [], right: 0, asked: 0, seed, completed: false };
}

export const createLessonSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], LessonSlice> =>
  (set, get) => {
    const newSeed = deps.randomSeed ?? randomU32;
    /** Runs of the open lesson's scenarios (so steps on one scenario share its numbers and objects). */
    let cache: StepCache = new Map();

    const problem = (source: 'url' | 'import', issues: ScenarioIssue[], issueCount?: number): false => {
      set({ problem: { source, issues, ...(issueCount === undefined ? {} : { issueCount }) } });
      return false;
    };

    const save = (run: LessonRun) => {
      if (run.source === 'quiz' || !loaded) return;
      const file = loaded.readProgress(deps.storage);
      file.lessons[run.lesson.id] = run.progress;
      loaded.writeProgress(deps.storage, file);
    };

    /** Show step `index` of `run.lesson` (the run's other fields as given). */
    const show = (
      mod: LessonModule,
      base: Omit<
        LessonRun,
        'step' | 'timeline' | 'from' | 'to' | 'answer' | 'checkpoint' | 'highlights' | 'fixedNumbers'
      > & { fixedNumbers: boolean },
      index: number,
      source: 'url' | 'import',
    ): boolean => {
      const r = mod.loadStep(base.lesson, index, base.seed, base.fixedNumbers, cache);
      if (!r.ok) return problem(source, r.issues);
      const s = r.step;
      const run: LessonRun = {
        ...base,
        step: index,
        fixedNumbers: base.fixedNumbers || !s.fresh,
        timeline: s.timeline,
        from: s.from,
        to: s.to,
        answer: s.answer,
        checkpoint: s.answer ? { attempts: 0, status: 'open', last: null, hint: null } : null,
        highlights: s.highlights,
        progress: { ...base.progress, step: index },
      };
      const now = get();
      set({
        lessonRun: run,
        lessonLimit: s.to,
        // A lesson step is a v1 scenario: a world shown (issue 12) gives way to it.
        world: null,
        courseOpen: false,
        problem: null,
        playing: false,
        cursor: s.from,
        selectedId: null,
        ...(now.timeline === s.timeline
          ? {}
          : {
              scenario: s.scenario,
              // Named after its preset while the lesson is open (its fresh ISNs are the lesson's, not an edit).
              presetName: s.preset ?? s.basePreset,
              timeline: s.timeline,
              capture: null,
              editedFrom: null,
              pageLimit: null,
            }),
      });
      save(run);
      return true;
    };

    const resolveLesson = (mod: LessonModule, lesson: string | Lesson): Lesson | null => {
      if (typeof lesson !== 'string') return lesson;
      const found = mod.loadLesson(lesson);
      if (found) return found;
      problem('url', [
        issueOf(mod, 'link lesson', {
          code: 'bad-link',
          expected: { kind: 'one-of', options: [...mod.LESSON_IDS] },
          got: { kind: 'value', json: JSON.stringify(lesson.slice(0, 40)) },
        }),
      ]);
      return null;
    };

    const open = async (
      lessonOrId: string | Lesson,
      step: number | undefined,
      seed: number | undefined,
      source: LessonSource,
      problemSource: 'url' | 'import',
    ): Promise<boolean> => {
      const mod = await loadLessonModule();
      const lesson = resolveLesson(mod, lessonOrId);
      if (!lesson) return false;
      const saved = source === 'quiz' ? undefined : mod.readProgress(deps.storage).lessons[lesson.id];
      if (step !== undefined && (!Number.isInteger(step) || step < 0 || step >= lesson.steps.length)) {
        return problem(problemSource, [
          issueOf(mod, 'link step', {
            code: 'invalid-value',
            expected: { kind: 'integer', min: 1, max: lesson.steps.length },
            got: { kind: 'value', json: String(step + 1) },
          }),
        ]);
      }
      const useSeed = seed ?? saved?.seed ?? newSeed();
      // Another seed (a link with someone else's numbers) changes the numbers, not what was done.
      const progress = saved ? { ...saved, seed: useSeed } : emptyProgress(useSeed);
      const at = step ?? Math.min(progress.step, lesson.steps.length - 1);
      const before = get();
      if (!get().lessonRun || get().lessonRun?.lesson !== lesson) cache = new Map();
      const ok = show(
        mod,
        { lesson, source, seed: useSeed, fixedNumbers: source === 'quiz', progress },
        at,
        problemSource,
      );
      // Undo brings back what was on screen before the lesson.
      if (ok && !before.lessonRun && before.scenario !== get().scenario) {
        set({
          past: [
            ...before.past,
            {
              scenario: before.scenario,
              presetName: before.presetName,
              capture: before.capture,
              editedFrom: before.editedFrom,
            },
          ].slice(-100),
          future: [],
        });
      }
      return ok;
    };

    const goTo = async (index: number): Promise<boolean> => {
      const run = get().lessonRun;
      if (!run || index < 0 || index >= run.lesson.steps.length) return false;
      const mod = loaded ?? (await loadLessonModule());
      return show(mod, run, index, 'url');
    };

    /** The step's checkpoint is settled: score it once, play on to reveal the answer. */
    const settle = (run: LessonRun, checkpoint: CheckpointState) => {
      const mod = loaded as LessonModule;
      const progress = mod.scoreCheckpoint(run.progress, run.step, {
        correct: checkpoint.status === 'right',
        attempts: checkpoint.attempts,
        revealed: checkpoint.status === 'shown',
      });
      const timeline = get().timeline;
      const reveal = run.answer ? mod.revealIndex(timeline, run.answer, run.to) : run.to;
      const highlights =
        run.answer?.kind === 'next-segment'
          ? { ...run.highlights, segments: new Set([...run.highlights.segments, run.answer.segment.id]) }
          : run.highlights;
      const done = {
        ...progress,
        step: run.step,
        completed: progress.done.length === run.lesson.steps.length,
      };
      const next: LessonRun = { ...run, checkpoint, progress: done, highlights };
      set({
        lessonRun: next,
        lessonLimit: Math.max(reveal, run.to),
        selectedId: run.answer?.kind === 'next-segment' ? run.answer.segment.id : get().selectedId,
        playing: reveal > get().cursor,
      });
      save(next);
    };

    return {
      lessonRun: null,
      lessonLimit: null,
      courseOpen: false,
      openCourse: () => {
        void loadLessonModule();
        set({ courseOpen: true });
      },
      closeCourse: () => set({ courseOpen: false }),
      openLesson: (lesson, step, seed, source) =>
        open(lesson, step, seed, source ?? (typeof lesson === 'string' ? 'registry' : 'file'), 'url'),
      restartLesson: async (id) => {
        const mod = await loadLessonModule();
        const file = mod.readProgress(deps.storage);
        delete file.lessons[id];
        mod.writeProgress(deps.storage, file);
        return open(id, 0, newSeed(), 'registry', 'url');
      },
      goToStep: goTo,
      nextStep: async () => {
        const run = get().lessonRun;
        if (!run) return false;
        // A step without a question is done once the student goes on from it.
        let progress = run.progress;
        if (!run.checkpoint && !progress.done.includes(run.step))
          progress = { ...progress, done: [...progress.done, run.step].sort((a, b) => a - b) };
        const last = run.step === run.lesson.steps.length - 1;
        if (progress.done.length === run.lesson.steps.length || last)
          progress = { ...progress, completed: progress.done.length === run.lesson.steps.length };
        const updated = { ...run, progress };
        set({ lessonRun: updated });
        save(updated);
        if (last) return true;
        return goTo(run.step + 1);
      },
      previousStep: () => {
        const run = get().lessonRun;
        return run ? goTo(run.step - 1) : Promise.resolve(false);
      },
      submit: (prediction) => {
        const run = get().lessonRun;
        const cp = run?.checkpoint;
        if (!run || !cp || !run.answer || !loaded || cp.status !== 'open') return null;
        if (get().cursor !== run.to || get().timeline !== run.timeline) return null;
        const graded: Graded = loaded.grade(get().timeline, run.answer, prediction, get().relativeSeq);
        const attempts = cp.attempts + 1;
        const status = graded.correct ? 'right' : attempts >= 2 ? 'shown' : 'open';
        const checkpoint: CheckpointState = {
          attempts,
          status,
          last: { correct: graded.correct, fields: graded.fields },
          hint: cp.hint ?? (graded.correct ? null : loaded.hintOf(run.answer)),
        };
        if (status === 'open') set({ lessonRun: { ...run, checkpoint } });
        else settle(run, checkpoint);
        return {
          correct: graded.correct,
          fields: graded.fields,
          attempts,
          hint: checkpoint.hint,
          answer: status === 'open' ? null : run.answer,
        };
      },
      showAnswer: () => {
        const run = get().lessonRun;
        const cp = run?.checkpoint;
        if (!run || !cp || cp.status !== 'open' || !loaded) return;
        settle(run, { ...cp, status: 'shown' });
      },
      closeLesson: () => {
        cache = new Map();
        const s = get();
        const run = s.lessonRun;
        // Left on screen, a step's scenario with fresh numbers is no longer the preset: an edited copy of it.
        const shifted = run && !run.fixedNumbers && s.timeline === run.timeline && s.presetName;
        set({
          lessonRun: null,
          lessonLimit: null,
          ...(shifted
            ? { presetName: null, editedFrom: { kind: 'preset' as const, name: s.presetName as string } }
            : {}),
        });
      },
      quizMe: async (title) => {
        const mod = await loadLessonModule();
        const s = get();
        const name = s.scenario.name ?? '';
        const lesson = mod.quizLesson(s.scenario, title ?? { en: name, 'zh-CN': name });
        if (lesson.steps.length === 0) return false;
        cache = new Map();
        return open(lesson, 0, 0, 'quiz', 'url');
      },
      readLessonProgress: async () => (await loadLessonModule()).readProgress(deps.storage),
      importLessonText: async (_name, text) => {
        const mod = await loadLessonModule();
        const parsed = mod.parseLessonText(text);
        if (!parsed.ok) return problem('import', parsed.issues, parsed.issueCount);
        cache = new Map();
        return open(parsed.lesson, 0, undefined, 'file', 'import');
      },
      openLessonLink: async (hash) => {
        const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
        const mod = await loadLessonModule();
        const value = params.get('lesson') ?? '';
        const stepText = params.get('step');
        const seedText = params.get('seed');
        const bad = (path: string, expected: IssueDetail['expected'], text: string) =>
          problem('url', [
            issueOf(mod, path, {
              code: 'bad-link',
              expected,
              got: { kind: 'value', json: JSON.stringify(text.slice(0, 40)) },
            }),
          ]);
        // A parameter given twice would let one copy win silently; so would a scenario beside the lesson
        // (as for scenario links, src/store/url.ts).
        for (const name of ['lesson', 'step', 'seed', 'lang']) {
          const count = params.getAll(name).length;
          if (count > 1)
            return problem('url', [
              issueOf(mod, `link ${name}`, {
                code: 'bad-link',
                expected: { kind: 'once' },
                got: { kind: 'count', count },
              }),
            ]);
        }
        if (params.has('p') || params.has('s'))
          return problem('url', [
            issueOf(mod, 'link', {
              code: 'bad-link',
              expected: { kind: 'lesson-or-scenario' },
              got: { kind: 'both-p-and-s' },
            }),
          ]);
        if (value === '') return bad('link lesson', { kind: 'one-of', options: [...mod.LESSON_IDS] }, value);
        if (stepText !== null && !/^\d{1,3}$/.test(stepText))
          return bad('link step', { kind: 'integer', min: 1 }, stepText);
        if (seedText !== null && !(/^\d{1,10}$/.test(seedText) && Number(seedText) <= U32_MAX))
          return bad('link seed', { kind: 'integer', min: 0, max: U32_MAX }, seedText);
        const step = stepText === null ? undefined : Number(stepText) - 1;
        const seed = seedText === null ? undefined : Number(seedText);
        const lang = params.get('lang');
        if (lang === 'en' || lang === 'zh-CN') get().setLang(lang);
        if (ID.test(value)) return open(value, step, seed, 'registry', 'url');
        const text = mod.lessonFromLink(value);
        if (text === null) return bad('link lesson', { kind: 'base64url' }, value);
        const parsed = mod.parseLessonText(text);
        if (!parsed.ok) return problem('url', parsed.issues, parsed.issueCount);
        return open(parsed.lesson, step, seed, 'file', 'url');
      },
      lessonHash: (options) => {
        const run = get().lessonRun;
        if (!run || run.source === 'quiz' || !loaded) return '';
        const params = new URLSearchParams();
        params.set('lesson', run.source === 'registry' ? run.lesson.id : loaded.lessonToLink(run.lesson));
        params.set('step', String(run.step + 1));
        if (!run.fixedNumbers) params.set('seed', String(run.seed));
        if (options?.withLang) params.set('lang', get().lang);
        return `#${params.toString()}`;
      },
    };
  };

function issueOf(mod: LessonModule, path: string, detail: IssueDetail): ScenarioIssue {
  return mod.issue(path, detail);
}

/** A fresh attempt's seed: any u32 (the page's randomness, never the engine's). */
function randomU32(): number {
  const c = globalThis.crypto;
  if (c?.getRandomValues) return c.getRandomValues(new Uint32Array(1))[0] as number;
  return Math.floor(Math.random() * (U32_MAX + 1));
}

/** Whether a link opens a lesson (`#lesson=`). */
export function isLessonLink(hash: string): boolean {
  return new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash).has('lesson');
}
