/**
 * Scenario validation at the edge: turn any value (or JSON text) into either a ScenarioInput the engine
 * can trust or a list of issues, each with a JSON path and a message a user can act on. Never throws.
 */
import * as v from 'valibot';
import type { ScenarioInput } from '../tcp/types';
import { scenarioSchema } from './schema';

export interface ScenarioIssue {
  /** JSON path of the offending value: "$", "$.network.lossRate", "$.actions[2].bytes". */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; scenario: ScenarioInput } | { ok: false; issues: ScenarioIssue[] };

type PathSegment = string | number;

/** Validate a parsed JSON value. Reports every issue, sorted by path (array indexes in numeric order). */
export function parseScenario(value: unknown): ParseResult {
  try {
    const result = v.safeParse(scenarioSchema, value, { abortEarly: false });
    if (result.success) return { ok: true, scenario: result.output };
    const located = result.issues.map((issue, order) => ({
      segments: pathSegments(issue),
      message: issue.message,
      order,
    }));
    located.sort((a, b) => comparePaths(a.segments, b.segments) || a.order - b.order);
    return {
      ok: false,
      issues: located.map(({ segments, message }) => ({ path: formatPath(segments), message })),
    };
  } catch (error) {
    // Only exotic inputs (proxies, throwing getters) get here; the contract is to report, not throw.
    return { ok: false, issues: [{ path: '$', message: `could not read the scenario: ${describe(error)}` }] };
  }
}

/** JSON.parse and validate. A syntax error is one issue at "$" naming its line and column. */
export function parseScenarioJson(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [{ path: '$', message: jsonSyntaxMessage(String(text), error) }] };
  }
  return parseScenario(value);
}

/** One line for a person: `$.actions[2].bytes: expected an integer from 1 to 100000000, got "ten"`. */
export function formatIssue(issue: ScenarioIssue): string {
  return `${issue.path}: ${issue.message}`;
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
function jsonSyntaxMessage(text: string, error: unknown): string {
  let found: SyntaxProblem | null = null;
  try {
    found = findJsonSyntaxError(text);
  } catch {
    // Pathologically deep nesting: fall back to the engine's own words.
  }
  if (!found) return `invalid JSON: ${describe(error)}`;
  const { line, column } = lineAndColumn(text, found.offset);
  return `invalid JSON at line ${line}, column ${column}: ${found.message}`;
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
  message: string;
}

class JsonScanError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;
const MAX_DEPTH = 5000;

/** The first syntax error of a JSON text (RFC 8259 grammar), or null if there is none. */
function findJsonSyntaxError(text: string): SyntaxProblem | null {
  let pos = 0;

  const fail = (message: string): never => {
    const found = pos < text.length ? `found ${JSON.stringify(text[pos])}` : 'found the end of the text';
    throw new JsonScanError(pos, `${message}, ${found}`);
  };
  const skipWhitespace = () => {
    WHITESPACE.lastIndex = pos;
    WHITESPACE.exec(text);
    pos = WHITESPACE.lastIndex;
  };
  const literal = (word: string) => {
    for (let i = 0; i < word.length; i++) {
      if (text[pos] !== word[i]) fail(`expected "${word}"`);
      pos++;
    }
  };
  const string = () => {
    pos++; // opening quote
    for (;;) {
      const c = text[pos];
      if (c === undefined) return fail("expected a closing '\"'");
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
            if (!/[0-9a-fA-F]/.test(text[pos] ?? '')) fail('expected 4 hex digits after \\u');
            pos++;
          }
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          pos++;
        } else {
          fail('expected a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)');
        }
      } else if (c < ' ') {
        fail('expected no raw control characters in a string (use an escape such as \\n)');
      } else {
        pos++;
      }
    }
  };
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) fail('nesting too deep');
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
        if (text[pos] !== '"') fail('expected a property name in double quotes');
        string();
        skipWhitespace();
        if (text[pos] !== ':') fail("expected ':' after a property name");
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
        fail("expected ',' or '}' after a property value");
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
        fail("expected ',' or ']' after an array element");
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
    fail('expected a value (object, array, string, number, true, false or null)');
  };

  try {
    value(0);
    skipWhitespace();
    if (pos < text.length) fail('expected the end of the text after the value');
    return null;
  } catch (error) {
    if (error instanceof JsonScanError) return { offset: error.offset, message: error.message };
    throw error;
  }
}
