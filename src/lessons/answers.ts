import type { Timeline } from '../tcp/timeline';
import type {
  Answer,
  Checkpoint,
  Figure,
  Hint,
  SegmentAnswer,
  SegmentGrade,
  SegmentPrediction,
} from './types';

export function answerFor(_timeline: Timeline, _checkpoint: Checkpoint, _cursor: number): Answer | null {
  throw new Error('not yet');
}

export function figureValue(_timeline: Timeline, _figure: Figure): number | string | null {
  throw new Error('not yet');
}

export function gradeSegment(
  _p: SegmentPrediction,
  _a: SegmentAnswer,
  _base: { seq: number; ack: number } | null,
): SegmentGrade {
  throw new Error('not yet');
}

export function hintFor(_answer: Answer): Hint | null {
  throw new Error('not yet');
}
