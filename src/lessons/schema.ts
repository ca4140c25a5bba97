import type { LessonResult } from './types';

export function validateLesson(_json: unknown): LessonResult {
  throw new Error('not yet');
}

export function parseLessonText(_text: string): LessonResult {
  throw new Error('not yet');
}
