/**
 * results.csv: one row per student per question (issue 11: nickname, answer, correct, seconds to answer).
 * RFC 4180 text (CRLF line ends; a field holding a comma, a quote or a line break in double quotes, its
 * quotes doubled) with a UTF-8 byte order mark, which Excel needs to read Chinese nicknames as UTF-8. A
 * cell a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return: OWASP's
 * "CSV Injection") is prefixed with an apostrophe, so it shows as text. Pure.
 */
import type { QuestionSpec } from './classwork';
import { answerKey } from './grading';
import type { StudentAnswer } from './protocol';

/** One student and one question: the answer, its grade (null until revealed) and how long it took. */
export interface ResultRow {
  nickname: string;
  questionId: number;
  q: QuestionSpec;
  /** Null when the student did not answer. */
  answer: StudentAnswer | null;
  correct: boolean | null;
  /** From the question's event to the answer; null when not answered. */
  seconds: number | null;
}

export const RESULTS_HEADER = ['nickname', 'question', 'kind', 'answer', 'correct', 'seconds'] as const;

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: defused if a spreadsheet would read it as a formula, then quoted if RFC 4180 needs it. */
export function csvCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const line = (cells: readonly string[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** The file's text (the server writes it as UTF-8): BOM, header, then the rows in the order given. */
export function resultsCsv(rows: Iterable<ResultRow>): string {
  let out = BOM + line(RESULTS_HEADER);
  for (const row of rows) {
    const seconds = row.seconds !== null && Number.isFinite(row.seconds) ? Math.max(0, row.seconds) : null;
    out += line([
      row.nickname,
      String(row.questionId),
      row.q.checkpoint.kind,
      row.answer === null ? '' : answerKey(row.q, row.answer),
      row.correct === null ? '' : String(row.correct),
      seconds === null ? '' : seconds.toFixed(1),
    ]);
  }
  return out;
}
