/**
 * Scenario validation at the edge: turn any value (or JSON text) into either a ScenarioInput the engine
 * can trust or a list of issues, each with a JSON path, what was expected and got, and an English message
 * a user can act on. Never throws.
 */
import * as v from 'valibot';
import type { ScenarioInput } from '../tcp/types';
import { type IssueDetail, type JsonExpectation, issue as makeIssue, type ScenarioIssue } from './issue';
import { readDetail, scenarioSchema } from './schema';

export type { ScenarioIssue };

export type ParseResult = { ok: true; scenario: ScenarioInput } | { ok: false; issues: ScenarioIssue[] };

type PathSegment = string | number;

/** Validate a parsed JSON value. Reports every issue, sorted by path (array indexes in numeric order). */
export function parseScenario(value: unknown): ParseResult {
  try {
    const result = v.safeParse(scenarioSchema, value, { abortEarly: false });
    if (result.success) return { ok: true, scenario: result.output };
    const located = result.issues.map((issue, order) => ({
      segments: pathSegments(issue),
      detail: detailOf(issue),
      order,
    }));
    located.sort((a, b) => comparePaths(a.segments, b.segments) || a.order - b.order);
    return {
      ok: false,
      issues: located.map(({ segments, detail }) => makeIssue(formatPath(segments), detail)),
    };
  } catch (error) {
    // Only exotic inputs (proxies, throwing getters) get here; the contract is to report, not throw.
    return {
      ok: false,
      issues: [
        makeIssue('$', {
          code: 'unreadable',
          expected: { kind: 'readable-scenario' },
          got: { kind: 'error', text: describe(error) },
        }),
      ],
    };
  }
}

/** JSON.parse and validate. A syntax error is one issue at "$" naming its line and column. */
export function parseScenarioJson(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [makeIssue('$', jsonSyntaxDetail(String(text), error))] };
  }
  return parseScenario(value);
}

/** One line for a person: `$.actions[2].bytes: expected an integer from 1 to 100000000, got "ten"`. */
export function formatIssue(issue: ScenarioIssue): string {
  return `${issue.path}: ${issue.message}`;
}

/** The schema's issue as data; a message valibot wrote itself (never expected) is kept as its words. */
function detailOf(issue: v.BaseIssue<unknown>): IssueDetail {
  return (
    readDetail(issue.message) ?? {
      code: 'invalid-value',
      expected: { kind: 'readable-scenario' },
      got: { kind: 'error', text: issue.message },
    }
  );
}

// ------------------------------------------------------------------ paths

function pathSegments(issue: v.BaseIssue<unknown>): PathSegment[] {
  return (issue.path ?? []).map((item) => {
    const key = (item as { key: unknown }).key;
    return typeof key === 'number' ? key : String(key);
  });
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function formatPath(segments: readonly PathSegment[]): string {
  let path = '$';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) path += `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

function comparePaths(a: readonly PathSegment[], b: readonly PathSegment[]): number {
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

// ------------------------------------------------------------------ JSON syntax errors

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * "invalid JSON at line 3, column 14: expected ',' or '}' after a value". JSON.parse's messages differ
 * between engines and some carry no position, so the error is located by a small scanner of our own.
 */
function jsonSyntaxDetail(text: string, error: unknown): IssueDetail {
  let found: SyntaxProblem | null = null;
  try {
    found = findJsonSyntaxError(text);
  } catch {
    // Pathologically deep nesting: fall back to the engine's own words.
  }
  if (!found)
    return {
      code: 'json-syntax',
      expected: { kind: 'json', what: 'value' },
      got: { kind: 'error', text: describe(error) },
    };
  const { line, column } = lineAndColumn(text, found.offset);
  const char = text[found.offset];
  return {
    code: 'json-syntax',
    expected: found.word
      ? { kind: 'json', what: found.expected, word: found.word }
      : { kind: 'json', what: found.expected },
    got: char === undefined ? { kind: 'end-of-text' } : { kind: 'char', json: JSON.stringify(char) },
    line,
    column,
  };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

interface SyntaxProblem {
  offset: number;
  expected: JsonExpectation;
  word?: string;
}

class JsonScanError extends Error {
  constructor(
    readonly offset: number,
    readonly expected: JsonExpectation,
    readonly word?: string,
  ) {
    super(expected);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;
const MAX_DEPTH = 5000;

/** The first syntax error of a JSON text (RFC 8259 grammar), or null if there is none. */
function findJsonSyntaxError(text: string): SyntaxProblem | null {
  let pos = 0;

  const fail = (expected: JsonExpectation, word?: string): never => {
    throw new JsonScanError(pos, expected, word);
  };
  const skipWhitespace = () => {
    WHITESPACE.lastIndex = pos;
    WHITESPACE.exec(text);
    pos = WHITESPACE.lastIndex;
  };
  const literal = (word: string) => {
    for (let i = 0; i < word.length; i++) {
      if (text[pos] !== word[i]) fail('literal', word);
      pos++;
    }
  };
  const string = () => {
    pos++; // opening quote
    for (;;) {
      const c = text[pos];
      if (c === undefined) return fail('closing-quote');
      if (c === '"') {
        pos++;
        return;
      }
      if (c === '\\') {
        pos++;
        const e = text[pos];
        if (e === 'u') {
          pos++;
          for (let i = 0; i < 4; i++) {
            if (!/[0-9a-fA-F]/.test(text[pos] ?? '')) fail('hex-digits');
            pos++;
          }
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          pos++;
        } else {
          fail('escape');
        }
      } else if (c < ' ') {
        fail('no-control-characters');
      } else {
        pos++;
      }
    }
  };
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) fail('shallower-nesting');
    skipWhitespace();
    const c = text[pos];
    if (c === '{') {
      pos++;
      skipWhitespace();
      if (text[pos] === '}') {
        pos++;
        return;
      }
      for (;;) {
        skipWhitespace();
        if (text[pos] !== '"') fail('property-name');
        string();
        skipWhitespace();
        if (text[pos] !== ':') fail('colon');
        pos++;
        value(depth + 1);
        skipWhitespace();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return;
        }
        fail('comma-or-brace');
      }
    }
    if (c === '[') {
      pos++;
      skipWhitespace();
      if (text[pos] === ']') {
        pos++;
        return;
      }
      for (;;) {
        value(depth + 1);
        skipWhitespace();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return;
        }
        fail('comma-or-bracket');
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    NUMBER.lastIndex = pos;
    if (c !== undefined && NUMBER.exec(text)) {
      pos = NUMBER.lastIndex;
      return;
    }
    fail('value');
  };

  try {
    value(0);
    skipWhitespace();
    if (pos < text.length) fail('end');
    return null;
  } catch (error) {
    if (error instanceof JsonScanError)
      return error.word === undefined
        ? { offset: error.offset, expected: error.expected }
        : { offset: error.offset, expected: error.expected, word: error.word };
    throw error;
  }
}
