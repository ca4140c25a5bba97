/**
 * A strict scan of JSON text (RFC 8259) run before JSON.parse: it finds the first syntax error with its
 * position, and every key that appears twice in one object (JSON.parse keeps the last silently, so
 * `"lossRate": 0.9, "lossRate": 0` would run with 0). One pass, no recursion: an explicit stack of open
 * objects and arrays, so a text of 100,000 `[` costs a bounded depth error, not a stack overflow.
 */
import type { JsonExpectation } from './issue';

export type PathSegment = string | number;

/**
 * Deepest nesting accepted. A valid scenario nests 6 levels ($.faults[0].inject.segment.flags[0]); 512
 * leaves room for any hand-made mistake while staying far below what every engine's recursive consumers
 * of a parsed value (JSON.stringify in a message, structured clone to a worker) can take.
 */
export const MAX_JSON_DEPTH = 512;

export interface JsonSyntaxProblem {
  /** UTF-16 index of the character where the text stops being JSON. */
  offset: number;
  expected: JsonExpectation;
  word?: string;
}

export interface DuplicateKey {
  /** The path of the second (or later) occurrence: the object's path, then the key. */
  path: PathSegment[];
  key: string;
  /** UTF-16 index of the key's opening quote. */
  offset: number;
}

export interface JsonScan {
  syntax: JsonSyntaxProblem | null;
  /** The first `keep` duplicate keys in text order, and how many there are in all. */
  duplicates: DuplicateKey[];
  duplicateCount: number;
}

const WHITESPACE = /[ \t\n\r]*/y;
// Characters a string holds as they are: not a quote, a backslash or a control character (U+0000–U+001F).
// biome-ignore lint/suspicious/noControlCharactersInRegex: RFC 8259 forbids exactly these in strings.
const PLAIN_CHARS = /[^"\\\u0000-\u001f]*/y;
const HEX4 = /[0-9a-fA-F]{4}/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const SIMPLE_ESCAPES = '"\\/bfnrt';

interface Frame {
  isObject: boolean;
  /** Keys seen so far (objects only). */
  keys: Set<string> | null;
  /** The key or index of the value being read inside this container. */
  segment: PathSegment;
}

class ScanStop {
  constructor(
    readonly offset: number,
    readonly expected: JsonExpectation,
    readonly word?: string,
  ) {}
}

/** Scan `text` from `start` (1 to skip a byte order mark). Never throws. */
export function scanJson(text: string, start = 0, keep = 100): JsonScan {
  const duplicates: DuplicateKey[] = [];
  let duplicateCount = 0;
  const stack: Frame[] = [];
  let pos = start;

  const skipWhitespace = () => {
    WHITESPACE.lastIndex = pos;
    WHITESPACE.test(text);
    pos = WHITESPACE.lastIndex;
  };
  const stop = (expected: JsonExpectation, word?: string): never => {
    throw new ScanStop(pos, expected, word);
  };
  /** Reads a string at `pos` (its opening quote); returns whether it held an escape. */
  const readString = (): boolean => {
    pos++;
    let escaped = false;
    for (;;) {
      PLAIN_CHARS.lastIndex = pos;
      PLAIN_CHARS.test(text);
      pos = PLAIN_CHARS.lastIndex;
      const c = text.charCodeAt(pos);
      if (Number.isNaN(c)) return stop('closing-quote');
      if (c === 0x22) {
        pos++;
        return escaped;
      }
      if (c === 0x5c) {
        escaped = true;
        pos++;
        const e = text[pos];
        if (e === 'u') {
          pos++;
          HEX4.lastIndex = pos;
          if (!HEX4.test(text)) {
            // Point at the first character that is not a hex digit, as a reader would look for it.
            while (/[0-9a-fA-F]/.test(text[pos] ?? '')) pos++;
            stop('hex-digits');
          }
          pos += 4;
        } else if (e !== undefined && SIMPLE_ESCAPES.includes(e)) pos++;
        else stop('escape');
      } else stop('no-control-characters');
    }
  };
  const literal = (word: string) => {
    for (let i = 0; i < word.length; i++) {
      if (text[pos] !== word[i]) stop('literal', word);
      pos++;
    }
  };
  const open = (isObject: boolean) => {
    if (stack.length >= MAX_JSON_DEPTH) stop('shallower-nesting');
    pos++;
    stack.push({ isObject, keys: isObject ? new Set() : null, segment: 0 });
  };
  /** Reads `"key":` inside the object on top of the stack, noting a key seen before. */
  const readKey = (frame: Frame) => {
    skipWhitespace();
    if (text[pos] !== '"') stop('property-name');
    const keyStart = pos;
    const escaped = readString();
    const raw = text.slice(keyStart + 1, pos - 1);
    const key = escaped ? (JSON.parse(text.slice(keyStart, pos)) as string) : raw;
    const keys = frame.keys as Set<string>;
    if (keys.has(key)) {
      duplicateCount++;
      if (duplicates.length < keep) {
        const path = stack.slice(0, -1).map((f) => f.segment);
        path.push(key);
        duplicates.push({ path, key, offset: keyStart });
      }
    } else keys.add(key);
    frame.segment = key;
    skipWhitespace();
    if (text[pos] !== ':') stop('colon');
    pos++;
  };

  try {
    // Each turn reads one value; then closes every container the value completes.
    for (;;) {
      skipWhitespace();
      const c = text[pos];
      let scalar = true;
      if (c === '{') {
        open(true);
        skipWhitespace();
        if (text[pos] === '}') {
          pos++;
          stack.pop();
        } else {
          readKey(stack[stack.length - 1] as Frame);
          scalar = false;
        }
      } else if (c === '[') {
        open(false);
        skipWhitespace();
        if (text[pos] === ']') {
          pos++;
          stack.pop();
        } else scalar = false;
      } else if (c === '"') readString();
      else if (c === 't') literal('true');
      else if (c === 'f') literal('false');
      else if (c === 'n') literal('null');
      else {
        NUMBER.lastIndex = pos;
        if (c === undefined || !NUMBER.test(text)) stop('value');
        pos = NUMBER.lastIndex;
      }
      if (!scalar) continue; // the container's first value comes next
      // A value ended: a comma opens the next one, a closing bracket ends its container.
      let next = false;
      while (!next) {
        const frame = stack[stack.length - 1];
        skipWhitespace();
        if (!frame) {
          if (pos < text.length) stop('end');
          return { syntax: null, duplicates, duplicateCount };
        }
        const d = text[pos];
        if (d === ',') {
          pos++;
          if (frame.isObject) readKey(frame);
          else frame.segment = (frame.segment as number) + 1;
          next = true;
        } else if (d === (frame.isObject ? '}' : ']')) {
          pos++;
          stack.pop();
        } else stop(frame.isObject ? 'comma-or-brace' : 'comma-or-bracket');
      }
    }
  } catch (error) {
    if (!(error instanceof ScanStop)) throw error;
    const syntax: JsonSyntaxProblem =
      error.word === undefined
        ? { offset: error.offset, expected: error.expected }
        : { offset: error.offset, expected: error.expected, word: error.word };
    return { syntax, duplicates, duplicateCount };
  }
}

export interface TextPosition {
  line: number;
  column: number;
  byte: number;
}

/**
 * Where offsets are, as an editor and a hex viewer show them: line and column (1-based; the column counts
 * characters, i.e. code points, and a byte order mark is not one) and the byte offset in the UTF-8 file
 * (0-based, counting the byte order mark's 3 bytes if the text had one). One pass for all the offsets,
 * which must be in ascending order.
 */
export function textPositions(text: string, offsets: readonly number[]): TextPosition[] {
  const positions: TextPosition[] = [];
  let line = 1;
  let column = 1;
  let byte = 0;
  let i = 0;
  for (const offset of offsets) {
    const end = Math.min(offset, text.length);
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) byte += 1;
      else if (c < 0x800) byte += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end && isLowSurrogate(text.charCodeAt(i + 1))) {
        byte += 4;
        i++; // one character, two UTF-16 units
      } else byte += 3;
      if (c === 0x0a) {
        line++;
        column = 1;
      } else if (!(i === 0 && c === 0xfeff)) column++;
    }
    positions.push({ line, column, byte });
  }
  return positions;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
