/**
 * Scenario JSON at the edge: v1's schema and validation (what the engine runs), v2's (issue 12: validated,
 * not run yet), v1 → v2, user-facing issues, and the preset library.
 */

export { v1Address, v1ToV2 } from './fromV1';
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
  DEFAULT_BACKLOG,
  EPHEMERAL_PORTS,
  MAX_BACKLOG,
  MAX_CONNECTIONS,
  MAX_HOSTS,
  NAME_PATTERN,
  scenarioV2Schema,
} from './schemaV2';
export type {
  ActionV2,
  ConnectAction,
  FaultV2,
  HostInput,
  ScenarioV2Input,
} from './typesV2';
export {
  formatIssue,
  type ParseResult,
  parseScenario,
  parseScenarioJson,
  type ScenarioIssue,
} from './validate';
export {
  type AnyParseResult,
  type ParseResultV2,
  parseAnyScenario,
  parseAnyScenarioJson,
  parseScenarioV2,
  parseScenarioV2Json,
} from './validateV2';
