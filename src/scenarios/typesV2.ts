/**
 * Scenario JSON version 2 as a user writes it (issue 12). The types live with the engine that runs them
 * (src/tcp/scenarioV2.ts, which src/tcp may import); the schema (schemaV2.ts) and the whole-file checks
 * (validateV2.ts) guarantee these shapes.
 */
export type {
  ActionBase,
  ActionV2,
  CloseAction,
  ConnectAction,
  ConnName,
  DropRuleV2,
  FaultV2,
  HostInput,
  HostName,
  ListenAction,
  ScenarioV2Input,
  SendAction,
} from '../tcp/scenarioV2';
