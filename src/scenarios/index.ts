/** Scenario JSON v1 at the edge: schema, validation with user-facing issues, and the preset library. */

export {
  ECHO_MAX_CHARS,
  type Expected,
  englishIssue,
  expectedEnglish,
  type Got,
  gotEnglish,
  type IssueCode,
  type IssueDetail,
  issue,
  type JsonExpectation,
  MAX_REPORTED_ISSUES,
  type ObjectName,
} from './issue';
export { MAX_JSON_DEPTH } from './jsonScan';
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
