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

type Found = { segments: PathSegment[]; issue: v.BaseIssue<unknown>; detailOf: DetailOf; order: number };
type DetailOf = (message: string) => IssueDetail | null;

/**
 * Validate a parsed JSON value. Reports the first issues by path (array indexes in numeric order) and how
 * many there are. The scenario's own keys are checked first, then its actions and faults one at a time,
 * keeping only the first issues of each: 10,000 bad actions cost their validation, not 30,000 kept issues.
 */
export function parseScenario(value: unknown): ParseResult {
  try {
    const found: Found[] = [];
    let count = 0;
    const check = (schema: v.GenericSchema, input: unknown, prefix: PathSegment[], keep: boolean) => {
      const { result, detailOf } = withLazyDetails(() => v.safeParse(schema, input, { abortEarly: false }));
      if (result.success) return result.output;
      count += result.issues.length;
      if (keep)
        for (const issue of result.issues)
          found.push({ segments: [...prefix, ...pathSegments(issue)], issue, detailOf, order: found.length });
      return undefined;
    };
    const shell = check(scenarioShellSchema, value, [], true) as ScenarioInput | undefined;
    // The shell checked that actions and faults are arrays of the allowed length (if it passed or failed
    // elsewhere); their items are checked here whatever else is wrong, as one whole-schema run would.
    const arrays = value as { actions?: unknown; faults?: unknown } | null;
    const items = (key: 'actions' | 'faults', schema: v.GenericSchema, max: number): unknown[] | null => {
      const list = typeof arrays === 'object' && arrays !== null ? arrays[key] : undefined;
      if (!Array.isArray(list) || list.length > max) return null;
      const outputs: unknown[] = [];
      let kept = 0;
      let valid = true;
      for (let i = 0; i < list.length; i++) {
        const before = count;
        const output = check(schema, list[i], [key, i], kept < MAX_REPORTED_ISSUES);
        kept += count - before;
        if (count > before) valid = false;
        else outputs.push(output);
      }
      return valid ? outputs : null;
    };
    const actions = items('actions', actionSchema, MAX_ACTIONS);
    const faults = items('faults', faultSchema, MAX_FAULTS);
    if (count === 0 && shell) {
      const scenario: ScenarioInput = { ...shell, actions: actions as ScenarioInput['actions'] };
      if (shell.faults !== undefined) scenario.faults = faults as NonNullable<ScenarioInput['faults']>;
      return { ok: true, scenario };
    }
    found.sort((a, b) => comparePaths(a.segments, b.segments) || a.order - b.order);
    const issues = found
      .slice(0, MAX_REPORTED_ISSUES)
      .map(({ segments, issue, detailOf }) => makeIssue(jsonPath(segments), describeIssue(issue, detailOf)));
    return { ok: false, issues, issueCount: count };
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
