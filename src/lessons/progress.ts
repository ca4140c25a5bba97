/**
 * The student's progress through the lessons, kept in localStorage under `synack.lessons`: versioned, and
 * read tolerantly, since anything may be in storage (an older or newer version, a hand edit, another app
 * on the same origin). A value that is not valid is dropped, the valid parts are kept, and neither reading
 * nor writing ever throws (storage blocked by the browser's privacy settings, the quota full).
 */
import type { PrefsStorage } from '../store/prefs';
import type { LessonProgress, ProgressFile } from './types';

export const PROGRESS_KEY = 'synack.lessons';

/**
 * Limits on what is read back, so a corrupt or hostile entry cannot make the page do much work: a lesson
 * has at most 40 steps (the schema's MAX_STEPS) and a quiz at most 100 (quiz.ts), so 1,000 is far above
 * any real step index or count; 200 lessons is more than any course; 256 KB of JSON is 50 times what 200
 * lessons' progress takes.
 */
const MAX_STEP = 1000;
const MAX_COUNT = 1_000_000;
const MAX_LESSONS = 200;
const MAX_TEXT = 256 * 1024;
const LESSON_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

export function emptyProgress(): ProgressFile {
  return { version: 1, lessons: {} };
}

/** A fresh record for a lesson started with `seed`. */
export function newLessonProgress(seed: number): LessonProgress {
  return { step: 0, done: [], right: 0, asked: 0, seed: seed >>> 0, completed: false };
}

/** The progress in storage, or the valid parts of it, or none; never throws. */
export function readProgress(storage: PrefsStorage | undefined): ProgressFile {
  let text: string | null;
  try {
    text = storage ? storage.getItem(PROGRESS_KEY) : null;
  } catch {
    return emptyProgress(); // storage blocked (SecurityError) or a broken shim
  }
  if (typeof text !== 'string' || text.length > MAX_TEXT) return emptyProgress();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return emptyProgress();
  }
  return progressFrom(value);
}

/** Any value to a valid ProgressFile: the lessons whose record is valid, nothing else. */
export function progressFrom(value: unknown): ProgressFile {
  const file = emptyProgress();
  if (!isRecord(value) || value.version !== 1 || !isRecord(value.lessons)) return file;
  // A plain object with no prototype: an id such as "__proto__" or "constructor" is only a key here.
  const lessons: Record<string, LessonProgress> = Object.create(null);
  let kept = 0;
  for (const id of Object.keys(value.lessons)) {
    if (kept >= MAX_LESSONS) break;
    if (!LESSON_ID.test(id)) continue;
    const record = lessonProgressFrom(value.lessons[id]);
    if (!record) continue;
    lessons[id] = record;
    kept++;
  }
  file.lessons = lessons;
  return file;
}

function lessonProgressFrom(value: unknown): LessonProgress | null {
  if (!isRecord(value)) return null;
  const { step, done, right, asked, seed, completed } = value;
  if (!isInt(step, 0, MAX_STEP) || !isInt(right, 0, MAX_COUNT) || !isInt(asked, 0, MAX_COUNT)) return null;
  if (right > asked || !isInt(seed, 0, 0xffff_ffff) || typeof completed !== 'boolean') return null;
  if (!Array.isArray(done) || done.length > MAX_STEP) return null;
  const steps = new Set<number>();
  for (const d of done) if (isInt(d, 0, MAX_STEP)) steps.add(d);
  return { step, done: [...steps].sort((a, b) => a - b), right, asked, seed, completed };
}

/** How a checkpoint went: right or not in the end, after how many Checks, and whether the answer was shown. */
export interface CheckpointOutcome {
  correct: boolean;
  attempts: number;
  revealed: boolean;
}

/**
 * A checkpoint answered: it counts right if answered right within 2 attempts without "Show answer" (the
 * design's score, right/asked). A step already done is not counted again (a student going back over a
 * step keeps the score of the first time), and the lesson resumes after it.
 */
export function scoreCheckpoint(
  progress: LessonProgress,
  step: number,
  outcome: CheckpointOutcome,
): LessonProgress {
  if (progress.done.includes(step)) return progress;
  const right = outcome.correct && outcome.attempts <= 2 && !outcome.revealed;
  return {
    ...progress,
    step: Math.max(progress.step, step + 1),
    done: [...progress.done, step].sort((a, b) => a - b),
    right: progress.right + (right ? 1 : 0),
    asked: progress.asked + 1,
  };
}

/** Save the progress; a full quota or blocked storage loses it quietly (the lesson goes on). */
export function writeProgress(storage: PrefsStorage | undefined, file: ProgressFile): void {
  if (!storage) return;
  try {
    storage.setItem(PROGRESS_KEY, JSON.stringify(progressFrom(file)));
  } catch {
    // QuotaExceededError, SecurityError: progress is a convenience, never a reason to stop the page.
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
