/** Scenario JSON v1 at the edge: schema, validation with user-facing issues, and the preset library. */

export {
  type Expected,
  englishIssue,
  expectedEnglish,
  type Got,
  gotEnglish,
  type IssueCode,
  type IssueDetail,
  issue,
  type JsonExpectation,
  type ObjectName,
} from './issue';
export {
  LESSONS,
  type Lesson,
  listPresets,
  loadPreset,
  PRESET_NAMES,
  type PresetInfo,
  type PresetName,
} from './presets';
export { MAX_ACTIONS, MAX_FAULTS, scenarioSchema, showValue } from './schema';
export {
  formatIssue,
  type ParseResult,
  parseScenario,
  parseScenarioJson,
  type ScenarioIssue,
} from './validate';
