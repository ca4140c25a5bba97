import type { Trace } from '../tcp/types';
import type { Anchor, LessonStep } from './types';

export function resolveAnchor(_trace: Trace, _anchor: Anchor, _after?: number): number | null {
  throw new Error('not yet');
}

export function stepRange(
  _trace: Trace,
  _step: Pick<LessonStep, 'from' | 'to'>,
): { from: number; to: number } {
  throw new Error('not yet');
}
