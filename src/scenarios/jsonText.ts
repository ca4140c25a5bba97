/**
 * JSON text to a value, strictly: a byte order mark at the start is skipped (editors on Windows write
 * one), a syntax error is one issue at "$" with its line, column and byte offset, and a key given twice in
 * one object is an issue at its path (JSON.parse alone would keep the last one silently). Small and free of
 * the validator, so the share-link decoder can use it too.
 */
import { clip, type IssueDetail, issue, MAX_REPORTED_ISSUES, type ScenarioIssue } from './issue';
import { MAX_JSON_DEPTH, type PathSegment, scanJson, textPositions } from './jsonScan';

export type JsonTextResult =
  | { ok: true; value: unknown }
  | { ok: false; issues: ScenarioIssue[]; issueCount: number };

const BOM = '\uFEFF';

export function readJsonText(text: string): JsonTextResult {
  const start = text.startsWith(BOM) ? 1 : 0;
  const scan = scanJson(text, start, MAX_REPORTED_ISSUES);
  if (scan.syntax) {
    const { offset, expected, word } = scan.syntax;
    const [position] = textPositions(text, [offset]);
    const char = String.fromCodePoint(text.codePointAt(offset) ?? 0);
    const detail: IssueDetail = {
      code: 'json-syntax',
      expected: {
        kind: 'json',
        what: expected,
        ...(word === undefined ? {} : { word }),
        ...(expected === 'shallower-nesting' ? { max: MAX_JSON_DEPTH } : {}),
      },
      got: offset >= text.length ? { kind: 'end-of-text' } : { kind: 'char', json: JSON.stringify(char) },
      line: position?.line ?? 1,
      column: position?.column ?? 1,
      offset: position?.byte ?? 0,
    };
    return { ok: false, issues: [issue('$', detail)], issueCount: 1 };
  }
  if (scan.duplicateCount > 0) {
    const positions = textPositions(
      text,
      scan.duplicates.map((d) => d.offset),
    );
    const issues = scan.duplicates.map((duplicate, i) => {
      const position = positions[i] ?? { line: 1, column: 1, byte: 0 };
      return issue(jsonPath(duplicate.path), {
        code: 'duplicate-key',
        expected: { kind: 'unique-key' },
        got: { kind: 'key', key: clip(duplicate.key) },
        line: position.line,
        column: position.column,
        offset: position.byte,
      });
    });
    return { ok: false, issues, issueCount: scan.duplicateCount };
  }
  try {
    return { ok: true, value: JSON.parse(start ? text.slice(start) : text) };
  } catch (error) {
    // The scan accepts exactly RFC 8259 JSON, as JSON.parse does; this is only a guard.
    const detail: IssueDetail = {
      code: 'json-syntax',
      expected: { kind: 'json', what: 'value' },
      got: { kind: 'error', text: clip(error instanceof Error ? error.message : String(error), 200) },
    };
    return { ok: false, issues: [issue('$', detail)], issueCount: 1 };
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** "$.network.lossRate", "$.actions[2]", `$["bad key"]`; a long key is cut, as any echoed text is. */
export function jsonPath(segments: readonly PathSegment[]): string {
  let path = '$';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else {
      const key = clip(segment);
      path += IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    }
  }
  return path;
}
