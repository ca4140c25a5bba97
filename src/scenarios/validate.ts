/**
 * Scenario validation at the edge: turn any value (or JSON text) into either a ScenarioInput the engine
 * can trust or a list of issues, each with a JSON path, what was expected and got, and an English message
 * a user can act on. Never throws. At most MAX_REPORTED_ISSUES issues are returned, with the total.
 */
import * as v from 'valibot';
import type { ScenarioInput } from '../tcp/types';
import { clip, type IssueDetail, MAX_REPORTED_ISSUES, issue as makeIssue, type ScenarioIssue } from './issue';
import type { PathSegment } from './jsonScan';
import { jsonPath, readJsonText } from './jsonText';
import {
  actionSchema,
  faultSchema,
  MAX_ACTIONS,
  MAX_FAULTS,
  scenarioShellSchema,
  shownValue,
  withLazyDetails,
} from './schema';

export type { ScenarioIssue };
/** The strict JSON reader, for the share-link decoder (which loads the validator lazily). */
export { readJsonText };

export type ParseResult =
  | { ok: true; scenario: ScenarioInput }
  | {
      ok: false;
      /** The first MAX_REPORTED_ISSUES issues, sorted by path. */
      issues: ScenarioIssue[];
      /** How many issues there are in all (≥ issues.length), for "… and 29,900 more". */
      issueCount: number;
    };

type DetailOf = (message: string) => IssueDetail | null;
type Found = { segments: PathSegment[]; make: () => IssueDetail; order: number };

/**
 * Issues as they are found (for v1 here and v2 in ./validateV2.ts): all counted, the first
 * MAX_REPORTED_ISSUES of each part kept, described only when reported.
 */
export class Collector {
  readonly found: Found[] = [];
  count = 0;

  add(segments: PathSegment[], make: () => IssueDetail, keep = true): void {
    this.count++;
    if (keep) this.found.push({ segments, make, order: this.found.length });
  }

  /** Run a schema; its issues are added under `prefix`. The output, or undefined when it failed. */
  check(schema: v.GenericSchema, input: unknown, prefix: PathSegment[], keep: boolean): unknown {
    const { result, detailOf } = withLazyDetails(() => v.safeParse(schema, input, { abortEarly: false }));
    if (result.success) return result.output;
    for (const issue of result.issues)
      this.add([...prefix, ...pathSegments(issue)], () => describeIssue(issue, detailOf), keep);
    return undefined;
  }

  /**
   * The items of `value[key]` (actions or faults), each checked on its own, keeping the first issues of
   * the list: 10,000 bad actions cost their validation, not 30,000 kept issues. The outputs when every
   * item passed; null when one failed or the list is not an array within `max` (the shell says so).
   */
  items(value: unknown, key: 'actions' | 'faults', schema: v.GenericSchema, max: number): unknown[] | null {
    const list =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    if (!Array.isArray(list) || list.length > max) return null;
    const outputs: unknown[] = [];
    let kept = 0;
    let valid = true;
    for (let i = 0; i < list.length; i++) {
      const before = this.count;
      const output = this.check(schema, list[i], [key, i], kept < MAX_REPORTED_ISSUES);
      kept += this.count - before;
      if (this.count > before) valid = false;
      else outputs.push(output);
    }
    return valid ? outputs : null;
  }

  /** The issues sorted by path (array indexes in numeric order), the first MAX_REPORTED_ISSUES, and the total. */
  failure(): { ok: false; issues: ScenarioIssue[]; issueCount: number } {
    this.found.sort((a, b) => comparePaths(a.segments, b.segments) || a.order - b.order);
    const issues = this.found
      .slice(0, MAX_REPORTED_ISSUES)
      .map(({ segments, make }) => makeIssue(jsonPath(segments), make()));
    return { ok: false, issues, issueCount: Math.max(this.count, issues.length) };
  }
}

/**
 * Validate a parsed JSON value. Reports the first issues by path (array indexes in numeric order) and how
 * many there are. The scenario's own keys are checked first, then its actions and faults one at a time,
 * keeping only the first issues of each: 10,000 bad actions cost their validation, not 30,000 kept issues.
 */
export function parseScenario(value: unknown): ParseResult {
  try {
    const issues = new Collector();
    const shell = issues.check(scenarioShellSchema, value, [], true) as ScenarioInput | undefined;
    // The shell checked that actions and faults are arrays of the allowed length (if it passed or failed
    // elsewhere); their items are checked here whatever else is wrong, as one whole-schema run would.
    const actions = issues.items(value, 'actions', actionSchema, MAX_ACTIONS);
    const faults = issues.items(value, 'faults', faultSchema, MAX_FAULTS);
    if (issues.count === 0 && shell) {
      const scenario: ScenarioInput = { ...shell, actions: actions as ScenarioInput['actions'] };
      if (shell.faults !== undefined) scenario.faults = faults as NonNullable<ScenarioInput['faults']>;
      return { ok: true, scenario };
    }
    return issues.failure();
  } catch (error) {
    // Only exotic inputs (proxies, throwing getters) get here; the contract is to report, not throw.
    return failure([
      makeIssue('$', {
        code: 'unreadable',
        expected: { kind: 'readable-scenario' },
        got: { kind: 'error', text: clip(describe(error), 200) },
      }),
    ]);
  }
}

/**
 * JSON text to a scenario: a byte order mark at the start is skipped, a syntax error is one issue at "$"
 * with its line, column and byte offset, a key given twice in an object is an issue at its path.
 */
export function parseScenarioJson(text: string): ParseResult {
  const read = readJsonText(String(text));
  if (!read.ok) return read;
  return parseScenario(read.value);
}

/** One line for a person: `$.actions[2].bytes: expected an integer from 1 to 100000000, got "ten"`. */
export function formatIssue(issue: ScenarioIssue): string {
  return `${issue.path}: ${issue.message}`;
}

function failure(issues: ScenarioIssue[]): ParseResult {
  return { ok: false, issues, issueCount: issues.length };
}

/**
 * The schema's issue as data. Every check of the schema has a message of ours; were one missing, valibot's
 * own words ("Invalid length: …") are not shown: the value found is.
 */
export function describeIssue(issue: v.BaseIssue<unknown>, detailOf: DetailOf): IssueDetail {
  return (
    detailOf(issue.message) ?? {
      code: 'invalid-value',
      expected: { kind: 'readable-scenario' },
      got: shownValue(issue.input),
    }
  );
}

// ------------------------------------------------------------------ paths

export function pathSegments(issue: v.BaseIssue<unknown>): PathSegment[] {
  return (issue.path ?? []).map((item) => {
    const key = (item as { key: unknown }).key;
    return typeof key === 'number' ? key : String(key);
  });
}

export function comparePaths(a: readonly PathSegment[], b: readonly PathSegment[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i] as PathSegment;
    const y = b[i] as PathSegment;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
