import type { ScenarioInput } from '../tcp/types';
import type { Lesson, Text } from './types';

export function quizLesson(_scenario: ScenarioInput, _title: Text): Lesson {
  throw new Error('not yet');
}
