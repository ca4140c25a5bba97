/**
 * User input repeated in a message, made safe to print on one short line: control characters (a newline in
 * a flag's value would split the one-line error) are escaped, and long text is cut with "…" so that a
 * 400-digit --seed or a 1 MB flag name does not come back whole. Pure.
 */

/** The most of a flag value, name or argument a message repeats: enough to recognise it, short enough for one line. */
export const ECHO_MAX = 60;

/** Paths get more room, and keep their end (the file's name) when cut. */
export const PATH_ECHO_MAX = 120;

/** A whole message line (an issue's path plus its message) is cut here: ladder lines are 100 columns. */
export const LINE_MAX = 400;

/** At most `max` code points of `text`, control characters escaped, "…" at the end when cut. */
export function echo(text: string, max = ECHO_MAX): string {
  return escapeControls(cutEnd(text, max));
}

/** A path: when longer than `max`, "…" and its last `max - 1` code points (the file's name survives). */
export function echoPath(path: string, max = PATH_ECHO_MAX): string {
  const codePoints = countCodePoints(path, max + 1);
  if (codePoints <= max) return escapeControls(path);
  return escapeControls(`…${lastCodePoints(path, max - 1)}`);
}

/** One printed line at most LINE_MAX code points long, with "…" when cut. */
export function capLine(line: string, max = LINE_MAX): string {
  return escapeControls(cutEnd(line, max));
}

function cutEnd(text: string, max: number): string {
  let codePoints = 0;
  for (let i = 0; i < text.length; i++) {
    if (codePoints === max) return `${text.slice(0, i)}…`;
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    codePoints++;
  }
  return text;
}

function countCodePoints(text: string, stopAt: number): number {
  let n = 0;
  for (let i = 0; i < text.length && n < stopAt; i++, n++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return n;
}

function lastCodePoints(text: string, n: number): string {
  let i = text.length;
  for (let taken = 0; taken < n && i > 0; taken++) {
    i--;
    const unit = text.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff && i > 0) {
      const previous = text.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) i--;
    }
  }
  return text.slice(i);
}

/** C0/C1 controls and the Unicode line/paragraph separators as \n, \t or \u00XX, so a message stays one line. */
function escapeControls(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
