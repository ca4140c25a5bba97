import type { ScenarioInput } from '../tcp/types';

export function freshScenario(
  _scenario: ScenarioInput,
  _seed: number,
): { scenario: ScenarioInput; fresh: boolean } {
  throw new Error('not yet');
}
