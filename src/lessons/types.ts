/**
 * Lesson file version 1 and what the page computes from it (issue 10; names pinned in the design).
 * A lesson names what to look at and what to ask about; every answer comes from the engine's trace.
 */
import type { ScenarioIssue } from '../scenarios/issue';
import type { ExplainKey } from '../tcp/explain';
import type { TcbField } from '../tcp/snapshot';
import type { EndpointName, Profile, ScenarioInput, State, TimerKind, UserCall } from '../tcp/types';

export type { ScenarioIssue };

/** The two languages every reader-facing text of a lesson has. */
export type TextLang = 'en' | 'zh-CN';

/** A text in both languages. */
export type Text = Record<TextLang, string>;

// ---------------------------------------------------------------- anchors

export type AnchorEventType = 'send' | 'deliver' | 'drop' | 'state' | 'timer' | 'call' | 'app' | 'crash';

export const ANCHOR_EVENT_TYPES: readonly AnchorEventType[] = [
  'send',
  'deliver',
  'drop',
  'state',
  'timer',
  'call',
  'app',
  'crash',
];

/** An event named by what it is (never by index: indexes change when the engine does). */
export interface AnchorMatch {
  type: AnchorEventType;
  /** send → from; deliver → to; drop → the dropped segment's sender; state/timer/app/call/crash → endpoint. */
  endpoint?: EndpointName;
  /** "SYN,ACK": the segment's flag set equals this exactly (order-insensitive). send, deliver, drop. */
  flags?: string;
  /** state: the state entered; deliver: the receiver's state at arrival. */
  state?: State;
  /** call: which user call. */
  call?: UserCall;
  /** timer: which timer fired. */
  timer?: TimerKind;
  /** The nth match (1-based, default 1), counting from the start (or after `after` in resolveAnchor). */
  nth?: number;
  /** That many events after (negative: before) the match, clamped into the trace. Default 0. */
  offset?: number;
}

/** "start" is the cursor -1 (nothing happened yet), "end" the last event. */
export type Anchor = 'start' | 'end' | AnchorMatch;

// ---------------------------------------------------------------- watch

/** "A.sndNxt": an endpoint and a TCB field. */
export type TcbWatch = `${EndpointName}.${TcbField}`;

export type Watch =
  | { tcb: TcbWatch }
  | { segment: Anchor }
  | { state: { endpoint: EndpointName; state: State } }
  | { row: Anchor };

// ---------------------------------------------------------------- figures and checkpoints

export type Figure =
  | { figure: 'handshake-ms' }
  | { figure: 'teardown-ms' }
  | { figure: 'send-count'; endpoint?: EndpointName; flags?: string }
  | { figure: 'state-duration'; endpoint: EndpointName; state: State }
  | { figure: 'event-time'; anchor: Anchor }
  | { figure: 'gap-ms'; from: Anchor; to: Anchor }
  | { figure: 'app-error'; endpoint: EndpointName }
  | { figure: 'final-state'; endpoint: EndpointName };

export type FigureName = Figure['figure'];

export type NumberUnit = 'ms' | 'count' | 's';

export type Checkpoint =
  | { kind: 'next-segment'; endpoint?: EndpointName }
  | { kind: 'next-state'; endpoint: EndpointName }
  | { kind: 'number'; figure: Figure; question: Text; unit?: NumberUnit }
  | { kind: 'choice'; figure: Figure; question: Text; choices?: string[] };

export type CheckpointKind = Checkpoint['kind'];

// ---------------------------------------------------------------- lesson

export interface StatisticsLab {
  lossRate?: number;
  profile?: Profile;
  runs?: number;
  seed?: number;
}

export interface LessonStep {
  text: Text;
  /** A preset name (src/scenarios/presets) or an inline scenario (scenario v1). */
  scenario: string | ScenarioInput;
  /** Run under this profile instead of the scenario's own. */
  profile?: Profile;
  /** Where the step opens (default "start": cursor -1). */
  from?: Anchor;
  /** The last event it plays (default "end"); a checkpoint is asked there. */
  to?: Anchor;
  watch?: Watch[];
  checkpoint?: Checkpoint;
  lab?: { statistics: StatisticsLab };
  /** Another run drawn beside this one (e.g. the two-way handshake next to the three-way one). */
  compare?: Compare;
}

/**
 * A second scenario shown side by side with the step's: both sequence diagrams, each up to its `to`, under
 * their titles. For a comparison the text makes ("the same old SYN, without the third segment").
 */
export interface Compare {
  /** What the other run is, e.g. "Two-way handshake". */
  title: Text;
  scenario: string | ScenarioInput;
  profile?: Profile;
  /** The last event drawn (default "end"). */
  to?: Anchor;
}

export interface Lesson {
  version: 1;
  id: string;
  title: Text;
  summary: Text;
  /** Estimated time, whole minutes. */
  minutes: number;
  steps: LessonStep[];
}

/** What the course page lists (built by the registry, src/lessons/index.ts). */
export interface LessonInfo {
  id: string;
  title: Text;
  summary: Text;
  minutes: number;
  steps: number;
  checkpoints: number;
}

/** A lesson file checked: the lesson, or issues in the scenario issue form (path, code, expected, got, message). */
export type LessonResult =
  | { ok: true; lesson: Lesson }
  | {
      ok: false;
      /** The first MAX_REPORTED_ISSUES (100) issues, sorted by path. */
      issues: ScenarioIssue[];
      /** How many issues there are in all (≥ issues.length). */
      issueCount: number;
    };

// ---------------------------------------------------------------- answers and grading

export interface SegmentAnswer {
  /** Index of the send event in the trace. */
  index: number;
  /** The segment's id (for the inspector and the ladder). */
  id: number;
  from: EndpointName;
  /** In the trace's canonical order (FLAG_ORDER). */
  flags: string[];
  seq: number;
  ack: number;
  len: number;
  /** The rule that made it (the hint), and its RFC section. */
  explain: ExplainKey;
  rfc?: string;
}

export type Answer =
  | { kind: 'next-segment'; segment: SegmentAnswer }
  | {
      kind: 'next-state';
      endpoint: EndpointName;
      state: State;
      index: number;
      explain: ExplainKey;
      rfc?: string;
    }
  | { kind: 'number'; value: number; unit: NumberUnit }
  | { kind: 'choice'; value: string; choices: string[] };

/** What the student typed: null for a blank field. */
export interface SegmentPrediction {
  flags: string[];
  seq: number | null;
  ack: number | null;
  len: number | null;
}

export interface SegmentGrade {
  flags: boolean;
  seq: boolean;
  ack: boolean;
  len: boolean;
  correct: boolean;
}

/** The rule behind an answer, for the first-miss hint: the page shows cat.explain[explain] and the section. */
export interface Hint {
  explain: ExplainKey;
  rfc?: string;
}

// ---------------------------------------------------------------- progress

export interface LessonProgress {
  /** The step to resume at (0-based index). */
  step: number;
  /** Indexes of the steps whose checkpoint (or reading) is done, ascending, no repeats. */
  done: number[];
  /** Checkpoints answered right within 2 attempts without "Show answer", out of `asked`. */
  right: number;
  asked: number;
  /** The u32 seed of the attempt's fresh numbers. */
  seed: number;
  completed: boolean;
}

export interface ProgressFile {
  version: 1;
  lessons: Record<string, LessonProgress>;
}
