/**
 * Request bodies checked at the edge: each check answers the value to use or one error naming the field
 * (`nickname: must be 1–40 characters`), so a route trusts what passes and never echoes a stack trace.
 */
import { LESSON_IDS, listLessons } from '../lessons';
import { PRESET_NAMES, parseScenario } from '../scenarios';
import { clip, longerThan } from '../scenarios/issue';
import { MAX_BODY_DEPTH, MAX_CURSOR, NICKNAME_MAX } from './limits';
import type { ClassState } from './protocol';

/** Each shipped lesson's number of steps (a state's step is checked against it). */
const LESSON_STEPS = new Map(listLessons().map((lesson) => [lesson.id, lesson.steps]));

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** The body as an object of known keys; an empty body is `{}`. */
export function bodyObject(body: unknown, keys: readonly string[]): Checked<Record<string, unknown>> {
  if (body === undefined || body === null) return { ok: true, value: {} };
  if (typeof body !== 'object' || Array.isArray(body)) return fail('body: must be a JSON object');
  for (const key of Object.keys(body)) {
    if (keys.includes(key)) continue;
    return fail(
      `${clip(key)}: not a field here (${keys.length ? `expected ${keys.join(', ')}` : 'send no body'})`,
    );
  }
  return { ok: true, value: body as Record<string, unknown> };
}

/** Whether arrays and objects nest deeper than `max` (counted without recursion, so any depth is safe). */
export function nestedDeeperThan(value: unknown, max = MAX_BODY_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A character a reader sees (as src/lessons/schema.ts's lesson texts: not white space, not a format mark). */
const VISIBLE = /[^\s\p{Cf}]/u;
/**
 * Control characters, half a surrogate pair, the line and paragraph separators (U+2028, U+2029: a name
 * on two lines), and the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which would
 * reorder the names printed after this one on the teacher's list.
 */
const UNREADABLE = /\p{Cc}|\p{Cs}|\p{Zl}|\p{Zp}|[\u202a-\u202e\u2066-\u2069]/u;
/**
 * Format characters (zero-width space and joiners, word joiner, tag characters, U+FEFF) draw nothing, so
 * "a\u200bb" looks like "ab": they are left out of the key, so that one student cannot take another's
 * name with an invisible difference.
 */
const INVISIBLE = /\p{Cf}/gu;

/** A nickname, trimmed, and the key that makes two nicknames "the same" (case and width folded). */
export function checkNickname(value: unknown): Checked<{ nickname: string; key: string }> {
  if (typeof value !== 'string') return fail(`nickname: must be a string of 1–${NICKNAME_MAX} characters`);
  const nickname = value.trim();
  if (nickname === '' || longerThan(nickname, NICKNAME_MAX))
    return fail(`nickname: must be 1–${NICKNAME_MAX} characters`);
  if (UNREADABLE.test(nickname)) return fail('nickname: may not contain control or direction characters');
  if (!VISIBLE.test(nickname)) return fail('nickname: must have a visible character');
  const key = nickname.normalize('NFKC').replace(INVISIBLE, '').toLowerCase();
  return { ok: true, value: { nickname, key } };
}

export function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

const STATE_KEYS = ['scenario', 'presetName', 'cursor', 'lesson', 'step', 'seed'] as const;

/**
 * The state after a teacher's change: the body's fields merged into `current`. A new lesson starts at its
 * first step unless the body says which; no lesson, no step. Each field is checked after the merge, so
 * a step is checked against the lesson it belongs to.
 */
export function mergeState(current: ClassState, body: unknown): Checked<ClassState> {
  const object = bodyObject(body, STATE_KEYS);
  if (!object.ok) return object;
  const input = object.value;
  const next: ClassState = { ...current };

  if ('scenario' in input) {
    if (input.scenario === null) next.scenario = null;
    else {
      const parsed = parseScenario(input.scenario);
      if (!parsed.ok) {
        const first = parsed.issues[0];
        const more = parsed.issueCount > 1 ? ` (and ${parsed.issueCount - 1} more)` : '';
        return fail(
          `scenario${first?.path.replace(/^\$/, '') ?? ''}: ${first?.message ?? 'not a scenario'}${more}`,
        );
      }
      next.scenario = parsed.scenario;
    }
  }
  if ('presetName' in input) {
    const name = input.presetName;
    if (name !== null && (typeof name !== 'string' || !PRESET_NAMES.includes(name)))
      return fail(`presetName: must be null or a preset name, e.g. "rfc9293-fig6"`);
    next.presetName = name as string | null;
  }
  if ('cursor' in input) {
    if (!isIntegerIn(input.cursor, -1, MAX_CURSOR))
      return fail(`cursor: must be an integer from -1 to ${MAX_CURSOR}`);
    next.cursor = input.cursor;
  }
  if ('lesson' in input) {
    const lesson = input.lesson;
    if (lesson !== null && (typeof lesson !== 'string' || !LESSON_IDS.includes(lesson)))
      return fail(`lesson: must be null or one of ${LESSON_IDS.join(', ')}`);
    if (lesson !== current.lesson && !('step' in input)) next.step = lesson === null ? null : 0;
    next.lesson = lesson;
  }
  if ('step' in input) {
    if (input.step !== null && !Number.isInteger(input.step)) return fail('step: must be null or an integer');
    next.step = input.step as number | null;
  }
  if (next.lesson === null && next.step !== null) return fail('step: must be null without a lesson');
  if (next.lesson !== null) {
    const steps = LESSON_STEPS.get(next.lesson) ?? 0;
    if (!isIntegerIn(next.step, 0, steps - 1))
      return fail(
        `step: must be an integer from 0 to ${steps - 1} (lesson ${next.lesson} has ${steps} steps)`,
      );
  }
  if ('seed' in input) {
    if (input.seed !== null && !isIntegerIn(input.seed, 0, 0xffff_ffff))
      return fail('seed: must be null or an integer from 0 to 4294967295');
    next.seed = input.seed as number | null;
  }
  return { ok: true, value: next };
}
