/**
 * The lesson validator (valibot and the scenario schema it reuses) loads when a lesson file is imported,
 * not with the page: the shipped lessons are checked by the tests and need no checking at run time. Same
 * pattern as src/store/validator.ts: one promise for every caller, a failed load forgotten so the next
 * call tries again.
 */
export type LessonValidator = typeof import('./schema');

let loading: Promise<LessonValidator> | null = null;

export function loadLessonValidator(): Promise<LessonValidator> {
  loading ??= import('./schema').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
