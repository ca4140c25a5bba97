/**
 * A problem with a scenario (or a link, or an imported file) as data: where it is, what was expected and
 * what was found, with a code a program can switch on. `englishIssue` writes the one-line English message
 * the CLI prints; the page renders the same structure in the reader's language (src/ui/issueText.ts).
 */

/**
 * How many issues a validation reports: a person fixes the first few and runs it again, and a file with
 * 60,000 mistakes must not cost 60,000 lines (the total is reported beside them).
 */
export const MAX_REPORTED_ISSUES = 100;

/**
 * How much of a user's own text (a key, a string value) an issue echoes: enough to recognise it, so a
 * 1 MB key costs one line, not 2 MB.
 */
export const ECHO_MAX_CHARS = 60;

/** Whether `text` has more than `max` code points (stops counting there: linear in `max`, not in the text). */
export function longerThan(text: string, max: number): boolean {
  if (text.length <= max) return false; // each code point is 1 or 2 UTF-16 units
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    if (++count > max) return true;
  }
  return false;
}

/** `text` cut to `max` code points, "…" marking the cut (never halfway through a surrogate pair). */
export function clip(text: string, max = ECHO_MAX_CHARS): string {
  if (!longerThan(text, max)) return text;
  let end = 0;
  for (let count = 0; count < max - 1; count++) {
    const c = text.charCodeAt(end);
    end += c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(end + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return `${text.slice(0, end)}…`;
}

/** The objects of scenario JSON v1, named in "expected a … object". */
export type ObjectName =
  | 'scenario'
  | 'network'
  | 'endpoint'
  | 'endpoints'
  | 'options'
  | 'action'
  | 'drop'
  | 'delay'
  | 'segment'
  | 'inject'
  | 'crash'
  | 'fault'
  // scenario JSON v2 (src/scenarios/schemaV2.ts)
  | 'hosts'
  | 'host'
  | 'drop-v2'
  | 'delay-v2'
  | 'inject-v2'
  | 'crash-v2'
  // lesson files (src/lessons/schema.ts)
  | 'lesson'
  | 'text'
  | 'step'
  | 'anchor'
  | 'watch'
  | 'state-watch'
  | 'checkpoint'
  | 'figure'
  | 'lab'
  | 'statistics'
  | 'compare';

/** The lists of a lesson file, named in "an array of 1 to 40 steps". */
export type LessonList = 'steps' | 'watch' | 'choices';

/** What the first syntax error of a JSON text expected at its position. */
export type JsonExpectation =
  | 'literal'
  | 'closing-quote'
  | 'hex-digits'
  | 'escape'
  | 'no-control-characters'
  | 'shallower-nesting'
  | 'property-name'
  | 'colon'
  | 'comma-or-brace'
  | 'comma-or-bracket'
  | 'value'
  | 'end';

/** What a value should have been. Numbers and names are kept, so each language can phrase them. */
export type Expected =
  | { kind: 'object'; object: ObjectName }
  /** An integer from min to max, or (no max) of at least min. */
  | { kind: 'integer'; min: number; max?: number }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'delay-ms'; min: number; max: number }
  | { kind: 'one-of'; options: string[] }
  | { kind: 'string'; maxLength: number }
  | { kind: 'boolean' }
  | { kind: 'version'; version: number }
  /** `maxItems`: the longest array of ISNs. */
  | { kind: 'isn'; max: number; maxItems: number }
  | { kind: 'array'; of: 'actions' | 'faults' }
  | { kind: 'at-most'; max: number; of: 'actions' | 'faults' | 'hosts' | 'connections' }
  /** Drop and delay faults name a non-empty set of flags; an injected segment any list of them. */
  | { kind: 'flags'; options: string[]; nonEmptyUnique: boolean; maxItems?: number }
  | { kind: 'bytes-for-send'; min: number; max: number }
  | { kind: 'no-bytes' }
  /** Not an object at all (kind 'fault-object') or an object without exactly one kind ('one-fault-kind'). */
  | { kind: 'fault-object'; options: string[] }
  | { kind: 'one-fault-kind'; options: string[] }
  /** An unknown key: the closest known one, or all the allowed ones. */
  | { kind: 'known-key'; suggestion?: string; allowed: string[] }
  | { kind: 'key'; key: string }
  /** `max`: the deepest nesting accepted, for 'shallower-nesting'. */
  | { kind: 'json'; what: JsonExpectation; word?: string; max?: number }
  /** A key that appears once in its object (JSON.parse would keep the last of two silently). */
  | { kind: 'unique-key' }
  | { kind: 'readable-scenario' }
  // links and imported files
  | { kind: 'event-number' }
  | { kind: 'preset' }
  | { kind: 'link-content' }
  | { kind: 'base64url' }
  | { kind: 'json-text' }
  | { kind: 'scenario-or-capture' }
  | { kind: 'tcp-conversation' }
  | { kind: 'readable-file' }
  /** A link parameter given once (`c=1&c=2`), and not both `p=` and `s=`. */
  | { kind: 'once' }
  | { kind: 'preset-or-scenario' }
  /** A `#lesson=` link with a scenario beside it (p= or s=): which to open? */
  | { kind: 'lesson-or-scenario' }
  /** A lesson step's run must end within this many events (the page runs a step at once). */
  | { kind: 'short-run'; max: number }
  /** A link of at most `max` characters (what browsers keep). */
  | { kind: 'link-length'; max: number }
  | { kind: 'utf8-text' }
  // lesson files (src/lessons/schema.ts)
  | { kind: 'lesson-version'; version: number }
  /** ^[a-z0-9][a-z0-9-]{0,39}$ */
  | { kind: 'lesson-id'; maxLength: number }
  /** A string with at least one non-space character and at most `max` characters (code points). */
  | { kind: 'text'; max: number }
  | { kind: 'items'; of: LessonList; min: number; max: number }
  /** A comma-separated set of flags, e.g. "SYN,ACK". */
  | { kind: 'flag-set'; options: string[] }
  | { kind: 'preset-or-inline' }
  /** "start", "end", or an anchor object. */
  | { kind: 'anchor' }
  /** A choice checkpoint about a number needs its own list of choices. */
  | { kind: 'choices-for-number' }
  // scenario JSON v2 (src/scenarios/schemaV2.ts, validateV2.ts)
  /** The scenario versions there are (a file of another version). */
  | { kind: 'versions'; versions: number[] }
  /** A host or conn name: a letter, then at most `maxLength` - 1 letters, digits, "-" or "_". */
  | { kind: 'name'; maxLength: number }
  /** A unicast IPv4 address in dotted decimal. */
  | { kind: 'ipv4' }
  /** "host:port", e.g. "server:80". */
  | { kind: 'host-port' }
  /** A close or abort names its connection or a listening port, not both. */
  | { kind: 'conn-or-port' }
  /** A name declared elsewhere in the file: a host (a key of hosts), a conn (named by a connect), or a port the host listens on. `names`: the first few declared. */
  | { kind: 'declared'; what: 'host' | 'conn' | 'listener'; names: string[]; more: number }
  /** A name or address used once: `first` is the JSON path of its first use. */
  | { kind: 'unique'; what: 'conn' | 'address'; first: string }
  /** An action after the connect that names its conn (or the listen of its port), at `first`. */
  | { kind: 'after'; what: 'connect' | 'listen'; first: string }
  /** One of a connection's two ends: the host that connects and the host it connects to. */
  | { kind: 'conn-end'; conn: string; hosts: string[] }
  /** A client port not pinned to the same destination by the connect at `first`, still open then. */
  | { kind: 'free-port'; first: string };

/** What was found instead. A JSON value is kept as JSON text (the same in every language). */
export type Got =
  | { kind: 'value'; json: string }
  | { kind: 'nothing' }
  | { kind: 'function' }
  | { kind: 'unprintable'; array: boolean; type: string }
  | { kind: 'count'; count: number }
  | { kind: 'key'; key: string }
  | { kind: 'kinds'; kinds: string[] }
  | { kind: 'empty-object' }
  | { kind: 'keys'; keys: string; suggestion?: string }
  | { kind: 'bytes-with-call'; bytes: Got; call: Got }
  | { kind: 'char'; json: string }
  | { kind: 'end-of-text' }
  /** An engine's or a reader's own words (English); only exotic failures carry these. */
  | { kind: 'error'; text: string }
  | { kind: 'cut-short' }
  | { kind: 'binary' }
  | { kind: 'empty-file' }
  | { kind: 'encoding'; encoding: string }
  | { kind: 'nul-byte'; offset: number }
  | { kind: 'invalid-utf8'; offset: number }
  | { kind: 'too-large'; size: number; limit: number; what: 'scenario' | 'capture' | 'lesson' }
  | { kind: 'other-frames'; count: number }
  | { kind: 'both-p-and-s' };

export type IssueCode =
  /** A value of the wrong type or out of range. */
  | 'invalid-value'
  | 'unknown-key'
  | 'missing-key'
  | 'too-many'
  /** A key given twice in one JSON object. */
  | 'duplicate-key'
  | 'json-syntax'
  | 'unreadable'
  /** A share link that names no valid scenario. */
  | 'bad-link'
  /** An imported file that is neither a scenario nor a readable capture. */
  | 'bad-file'
  /** A capture whose bytes are malformed, or a conversation that cannot be replayed: `message` is the reader's. */
  | 'bad-capture'
  /** The engine failed (never expected): `message` is its error. */
  | 'engine'
  // scenario JSON v2: what only the whole file shows (src/scenarios/validateV2.ts)
  /** A host, conn or listening port that the file does not declare. */
  | 'unknown-name'
  /** A conn named by two connects, or an address given to two hosts. */
  | 'duplicate-name'
  /** A conn used before its connect (or a listener closed before its listen). */
  | 'not-yet'
  /** A conn used by a host that is neither of its two ends. */
  | 'not-an-end'
  /** Two connects from one host pinning the same client port to the same destination, the first still open. */
  | 'port-in-use';

export interface ScenarioIssue {
  /** JSON path of the offending value: "$", "$.network.lossRate", "$.actions[2].bytes" (or a file/link name). */
  path: string;
  /** One English sentence, as the CLI prints it. */
  message: string;
  code: IssueCode;
  expected: Expected;
  got: Got;
  /** Where a JSON syntax error or a duplicate key is (1-based; the column counts characters). */
  line?: number;
  column?: number;
  /** Where a capture is malformed, or which of its conversations could not be replayed. */
  frame?: number;
  /**
   * Byte offset (0-based) in the file: of a JSON syntax error or duplicate key, or where a capture is
   * malformed; in a link's decoded data for a UTF-8 error, the character index in `s=` for base64url.
   */
  offset?: number;
  stream?: number;
}

export type IssueDetail = Omit<ScenarioIssue, 'path' | 'message'>;

const quoted = (items: readonly string[]) => items.map((item) => `"${item}"`).join(', ');

const OBJECT_EN: Record<ObjectName, string> = {
  scenario: 'a scenario object',
  network: 'a network object',
  endpoint: 'an endpoint object',
  endpoints: 'an object with endpoints "A" and/or "B"',
  options: 'an options object',
  action: 'an action object',
  drop: 'a drop object { from, flags, nth, count? }',
  delay: 'a delay object { from, flags, nth, count?, ms }',
  segment: 'a segment object { seq, ack?, flags, len?, win? }',
  inject: 'an inject object { at, from, segment }',
  crash: 'a crash object { at, endpoint }',
  fault: 'a fault object',
  hosts: 'an object of 1 to 16 hosts by name',
  host: 'a host object { address, profile?, isn?, window?, mss?, delayedAck?, closeOnEof?, closeOnConnect? }',
  'drop-v2': 'a drop object { from, conn?, flags, nth, count? }',
  'delay-v2': 'a delay object { from, conn?, flags, nth, count?, ms }',
  'inject-v2': 'an inject object { at, from, port, to, segment }',
  'crash-v2': 'a crash object { at, host }',
  lesson: 'a lesson object',
  text: 'a text object { "en", "zh-CN" }',
  step: 'a step object { text, scenario, profile?, from?, to?, watch?, checkpoint?, lab? }',
  anchor: 'an anchor object { type, endpoint?, flags?, state?, call?, timer?, nth?, offset? }',
  watch: 'a watch object with exactly one of "tcb", "segment", "state", "row"',
  'state-watch': 'a state object { endpoint, state }',
  checkpoint: 'a checkpoint object { kind, … }',
  figure: 'a figure object { figure, … }',
  lab: 'a lab object { statistics }',
  statistics: 'a statistics object { lossRate?, profile?, runs?, seed? }',
  compare: 'a comparison object { title, scenario, profile?, to? }',
};

const JSON_EN: Record<JsonExpectation, string> = {
  literal: 'expected "{word}"',
  'closing-quote': "expected a closing '\"'",
  'hex-digits': 'expected 4 hex digits after \\u',
  escape: 'expected a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)',
  'no-control-characters': 'expected no raw control characters in a string (use an escape such as \\n)',
  'shallower-nesting': 'expected at most {max} levels of nesting',
  'property-name': 'expected a property name in double quotes',
  colon: "expected ':' after a property name",
  'comma-or-brace': "expected ',' or '}' after a property value",
  'comma-or-bracket': "expected ',' or ']' after an array element",
  value: 'expected a value (object, array, string, number, true, false or null)',
  end: 'expected the end of the text after the value',
};

export function expectedEnglish(expected: Expected): string {
  switch (expected.kind) {
    case 'object':
      return OBJECT_EN[expected.object];
    case 'integer':
      return expected.max === undefined
        ? `an integer of at least ${expected.min}`
        : `an integer from ${expected.min} to ${expected.max}`;
    case 'number':
      return `a number from ${expected.min} to ${expected.max}`;
    case 'delay-ms':
      return `a delay in ms from ${expected.min} to ${expected.max}`;
    case 'one-of':
      return `one of ${quoted(expected.options)}`;
    case 'string':
      return `a string of at most ${expected.maxLength} characters`;
    case 'boolean':
      return 'true or false';
    case 'version':
      return `${expected.version} (the only scenario version)`;
    case 'isn':
      return `an integer from 0 to ${expected.max} or a non-empty array of at most ${expected.maxItems} of them`;
    case 'array':
      return `an array of ${expected.of}`;
    case 'at-most':
      return `at most ${expected.max} ${expected.of}`;
    case 'flags':
      return expected.nonEmptyUnique
        ? `a non-empty array of unique flags from ${quoted(expected.options)}`
        : `an array of ${expected.maxItems === undefined ? '' : `at most ${expected.maxItems} `}flags from ${quoted(expected.options)} (may be empty)`;
    case 'bytes-for-send':
      return `an integer from ${expected.min} to ${expected.max} (required when call is "send")`;
    case 'no-bytes':
      return 'no bytes (only call "send" takes bytes)';
    case 'fault-object':
      return `a fault object with exactly one of ${quoted(expected.options)}`;
    case 'one-fault-kind':
      return `exactly one of ${quoted(expected.options)}`;
    case 'known-key':
      return expected.suggestion ? `"${expected.suggestion}"` : `one of ${quoted(expected.allowed)}`;
    case 'key':
      return `"${expected.key}"`;
    case 'json':
      return JSON_EN[expected.what]
        .replace('{word}', expected.word ?? '')
        .replace('{max}', String(expected.max ?? ''));
    case 'readable-scenario':
      return 'a scenario that can be read';
    case 'event-number':
      return 'an event number';
    case 'preset':
      return 'the name of a preset';
    case 'link-content':
      return 'a scenario (s=…) or a preset (p=…)';
    case 'base64url':
      return 'base64url text';
    case 'json-text':
      return 'JSON text';
    case 'scenario-or-capture':
      return 'a scenario (JSON text) or a capture (pcap, pcapng)';
    case 'tcp-conversation':
      return 'a TCP conversation';
    case 'readable-file':
      return 'a file that can be read';
    case 'unique-key':
      return 'each key once in an object';
    case 'once':
      return 'the parameter once';
    case 'preset-or-scenario':
      return 'a preset (p=…) or a scenario (s=…), not both';
    case 'lesson-or-scenario':
      return 'a lesson (lesson=…) or a scenario (p=… or s=…), not both';
    case 'short-run':
      return `a scenario whose run ends within ${expected.max.toLocaleString('en-US')} events`;
    case 'link-length':
      return `a link of at most ${expected.max} characters`;
    case 'utf8-text':
      return 'UTF-8 text';
    case 'lesson-version':
      return `${expected.version} (the only lesson version)`;
    case 'lesson-id':
      return `a lesson id of at most ${expected.maxLength} characters: lower-case letters, digits and "-", not starting with "-"`;
    case 'text':
      return `a non-blank string of at most ${expected.max} characters, without control characters`;
    case 'items':
      return expected.min === expected.max
        ? `an array of ${expected.min} ${expected.of}`
        : `an array of ${expected.min} to ${expected.max} ${expected.of}`;
    case 'flag-set':
      return `a comma-separated set of flags from ${quoted(expected.options)}, e.g. "SYN,ACK"`;
    case 'preset-or-inline':
      return 'the name of a preset or an inline scenario object';
    case 'anchor':
      return '"start", "end" or an anchor object { type, … }';
    case 'choices-for-number':
      return 'a list of "choices" (a question about a number has no default choices)';
    case 'versions':
      return `${expected.versions.join(' or ')} (the scenario versions)`;
    case 'name':
      return `a name of at most ${expected.maxLength} characters: a letter, then letters, digits, "-" or "_"`;
    case 'ipv4':
      return 'a unicast IPv4 address in dotted decimal, e.g. "192.0.2.1"';
    case 'host-port':
      return '"host:port", e.g. "server:80" (a port from 1 to 65535)';
    case 'conn-or-port':
      return 'exactly one of "conn" (a connection) or "port" (a port the host listens on)';
    case 'declared': {
      const what = {
        host: 'a declared host',
        conn: 'a conn named by a connect',
        listener: 'a port the host listens on',
      }[expected.what];
      if (expected.names.length === 0) return `${what} (there is none)`;
      const more = expected.more > 0 ? ` and ${expected.more} more` : '';
      return `${what} (${quoted(expected.names)}${more})`;
    }
    case 'unique':
      return expected.what === 'conn'
        ? `a conn name no other connect uses (${expected.first} names it first)`
        : `an address no other host has (${expected.first} has it)`;
    case 'after':
      return `an action after the ${expected.what} at ${expected.first} (later, or at the same time and later in the list)`;
    case 'conn-end':
      return `one of the ends of conn "${expected.conn}": ${quoted(expected.hosts)}`;
    case 'free-port':
      return `a port that the connect at ${expected.first} does not hold (close or abort that connection, or crash the host, before connecting again)`;
  }
}

export function gotEnglish(got: Got): string {
  switch (got.kind) {
    case 'value':
    case 'char':
      return got.json;
    case 'nothing':
      return 'nothing';
    case 'function':
      return 'a function';
    case 'unprintable':
      return got.array ? 'an array' : `a value of type ${got.type}`;
    case 'count':
      return String(got.count);
    case 'key':
      return `"${got.key}"`;
    case 'kinds':
      return quoted(got.kinds);
    case 'empty-object':
      return 'an empty object';
    case 'keys':
      return `keys ${got.keys}`;
    case 'bytes-with-call':
      return `${gotEnglish(got.bytes)} with call ${gotEnglish(got.call)}`;
    case 'end-of-text':
      return 'the end of the text';
    case 'error':
      return got.text;
    case 'cut-short':
      return 'something else (was the link cut short?)';
    case 'binary':
      return 'binary data';
    case 'empty-file':
      return 'an empty file';
    case 'encoding':
      return `text in ${got.encoding}`;
    case 'nul-byte':
      return `a NUL byte (0x00) at byte offset ${got.offset}`;
    case 'invalid-utf8':
      return `invalid UTF-8 at byte offset ${got.offset}`;
    case 'too-large':
      return `${megabytes(got.size)}`;
    case 'other-frames':
      return `${got.count} other frames`;
    case 'both-p-and-s':
      return 'both';
  }
}

/**
 * The English sentence of an issue. Most read "expected …, got …"; the wording of the others (unknown and
 * missing keys, JSON syntax errors, links) is the one the CLI has always printed.
 */
export function englishIssue(issue: IssueDetail): string {
  const { code, expected, got } = issue;
  switch (code) {
    case 'unknown-key': {
      const known = expected.kind === 'known-key' ? expected : { suggestion: undefined, allowed: [] };
      const hint = known.suggestion
        ? `did you mean "${known.suggestion}"?`
        : `allowed keys: ${quoted(known.allowed)}`;
      const key = got.kind === 'key' ? got.key : gotEnglish(got);
      return `unknown key "${key}" (${hint})`;
    }
    case 'missing-key':
      return expected.kind === 'key' ? `missing required key "${expected.key}"` : 'missing required key';
    case 'json-syntax': {
      if (issue.line === undefined) return `invalid JSON: ${gotEnglish(got)}`;
      const found = got.kind === 'end-of-text' ? 'found the end of the text' : `found ${gotEnglish(got)}`;
      return `invalid JSON at ${where(issue)}: ${expectedEnglish(expected)}, ${found}`;
    }
    case 'duplicate-key': {
      const key = got.kind === 'key' ? got.key : gotEnglish(got);
      const at = issue.line === undefined ? '' : ` at ${where(issue)}`;
      return `duplicate key "${key}"${at}; each key may appear only once in an object`;
    }
    case 'unreadable':
      return `could not read the scenario: ${gotEnglish(got)}`;
    case 'bad-link':
      switch (expected.kind) {
        case 'preset':
          return `no preset named ${gotEnglish(got)}`;
        case 'base64url':
          return got.kind === 'char'
            ? `the scenario data is not valid base64url text: character ${(issue.offset ?? 0) + 1} is ${got.json}`
            : 'the scenario data is not valid base64url text (was the link cut short?)';
        case 'json-text':
          return issue.line === undefined
            ? 'the scenario data is not valid JSON (was the link cut short?)'
            : `the scenario data is not valid JSON at line ${issue.line}, column ${issue.column} (was the link cut short?)`;
        case 'utf8-text':
          return `the scenario data is not UTF-8 text at byte offset ${issue.offset ?? 0} (was the link cut short?)`;
        case 'once':
          return `expected the parameter once, got it ${gotEnglish(got)} times`;
        case 'preset-or-scenario':
          return 'a link holds a preset (p=…) or a scenario (s=…), not both';
        case 'lesson-or-scenario':
          return 'a link holds a lesson (lesson=…) or a scenario (p=… or s=…), not both';
        case 'link-length':
          return `the link is ${gotEnglish(got)} characters long; browsers open links of at most ${expected.max} characters`;
        case 'link-content':
          return `expected ${expectedEnglish(expected)}`;
        default:
          return `expected ${expectedEnglish(expected)}, got ${gotEnglish(got)}`;
      }
    case 'bad-file':
      if (got.kind === 'empty-file') return 'the file is empty: neither a scenario (JSON text) nor a capture';
      if (got.kind === 'encoding') return `the file is ${got.encoding}; save it as UTF-8`;
      if (got.kind === 'nul-byte')
        return `a NUL byte (0x00) at byte offset ${got.offset}: not a text file, and not a pcap or pcapng capture`;
      if (got.kind === 'invalid-utf8')
        return `invalid UTF-8 at byte offset ${got.offset}; save the file as UTF-8`;
      if (got.kind === 'too-large')
        return `the file is ${megabytes(got.size)}: larger than the page opens (${megabytes(got.limit)} for ${got.what === 'capture' ? 'a capture' : got.what === 'lesson' ? 'a lesson file' : 'a scenario file'})`;
      if (expected.kind === 'scenario-or-capture')
        return 'neither a scenario (JSON text) nor a capture (pcap, pcapng)';
      if (expected.kind === 'readable-file') return 'The file could not be read.';
      if (expected.kind === 'tcp-conversation' && got.kind === 'other-frames')
        return `no TCP conversation in this capture (${got.count} other frames)`;
      return `expected ${expectedEnglish(expected)}, got ${gotEnglish(got)}`;
    case 'bad-capture':
    case 'engine':
      return gotEnglish(got);
    case 'invalid-value':
      // An exotic failure carries its own words; a check without a message of ours, the value found.
      if (expected.kind === 'readable-scenario')
        return got.kind === 'error' ? gotEnglish(got) : `expected a valid value, got ${gotEnglish(got)}`;
      return expectedGot(expected, got);
    case 'unknown-name':
    case 'duplicate-name':
    case 'not-yet':
    case 'not-an-end':
    case 'port-in-use':
      return expectedGot(expected, got);
    case 'too-many':
      if (expected.kind === 'short-run')
        return `the run is longer than ${expected.max.toLocaleString('en-US')} events; a lesson step must end within that, as the page runs each step at once`;
      return expectedGot(expected, got);
  }
}

function expectedGot(expected: Expected, got: Got): string {
  const hint = got.kind === 'keys' && got.suggestion ? ` (did you mean "${got.suggestion}"?)` : '';
  return `expected ${expectedEnglish(expected)}, got ${gotEnglish(got)}${hint}`;
}

/** "line 3, column 15 (byte offset 33)": where a JSON problem is. */
function where(issue: IssueDetail): string {
  const byte = issue.offset === undefined ? '' : ` (byte offset ${issue.offset})`;
  return `line ${issue.line}, column ${issue.column}${byte}`;
}

/** An issue with its English message filled in. */
export function issue(path: string, detail: IssueDetail): ScenarioIssue {
  return { path, message: englishIssue(detail), ...detail };
}

/** A size in MB (2^20 bytes), one decimal: what file managers show. */
export function megabytes(n: number): string {
  return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
}
