/**
 * The classroom's wire protocol (issue 11): what the server stores and pushes, and what the page reads.
 * Types and constants only, so the page can `import type` from here without pulling server code into its
 * bundle. The HTTP API itself is pinned in the README ("Classroom API"); these are the shapes of its bodies.
 * Add fields; never rename one or change what it means.
 */
import type { Checkpoint, NumberUnit } from '../lessons/types';
import type { ExplainKey } from '../tcp/explain';
import type { EndpointName, ScenarioInput, State } from '../tcp/types';

/** What the projector shows: every `state` event carries all of it (the state after the change). */
export interface ClassState {
  /** The scenario the teacher's page runs (null: the page's default preset, `presetName`). */
  scenario: ScenarioInput | null;
  /** The preset it is, when it is one (the page names it so). */
  presetName: string | null;
  /** The event the teacher's page shows (-1: before the first). */
  cursor: number;
  /** A shipped lesson's id, and the 0-based step, while the teacher follows a lesson. */
  lesson: string | null;
  step: number | null;
  /** The lesson attempt's seed (its fresh numbers), so a student's page can draw the same ones. */
  seed: number | null;
}

/** A student's answer, by the kind of the question's checkpoint. */
export type SegmentAnswerBody = {
  flags: string[];
  seq: number | null;
  ack: number | null;
  len: number | null;
};
export type StudentAnswer = SegmentAnswerBody | { state: State } | { value: number } | { choice: string };

/** The right answer, as the engine computed it, in the student's answer format plus what explains it. */
export type RevealAnswer =
  | {
      kind: 'next-segment';
      flags: string[];
      seq: number;
      ack: number;
      len: number;
      from: EndpointName;
      /** Index of the send event in the trace. */
      index: number;
      explain: ExplainKey;
      rfc?: string;
    }
  | {
      kind: 'next-state';
      endpoint: EndpointName;
      state: State;
      index: number;
      explain: ExplainKey;
      rfc?: string;
    }
  | { kind: 'number'; value: number; unit: NumberUnit }
  | { kind: 'choice'; choice: string; choices: string[] };

/** One answer value and how many gave it. */
export interface Tally {
  value: string;
  count: number;
  correct: boolean;
}

/** The distribution of a question's answers (aggregate only: nothing about one student). */
export interface Counts {
  /** The roster's size when counted. */
  students: number;
  /** Answers stored for this question. */
  answered: number;
  correct: number;
  /** Whole answers, by count (descending) then value; at most TOP_ANSWERS. */
  answers: (Tally & { answer: StudentAnswer })[];
  /** Answers not among `answers`. */
  other: number;
  /** For a next-segment question: each field's values, at most TOP_FIELD_VALUES each. */
  fields?: { flags: Tally[]; seq: Tally[]; ack: Tally[]; len: Tally[] };
}

/**
 * `<meta name="synack-classroom">`: the classroom server puts it in the index.html it serves (and `npm run
 * dev` does when a classroom server answers beside it). The page asks GET /api/info only where it finds it.
 */
export const CLASSROOM_META = 'synack-classroom';

export const TOP_ANSWERS = 20;
export const TOP_FIELD_VALUES = 10;

/** `question` event data: the checkpoint to answer, never its answer. */
export interface QuestionEvent {
  id: number;
  checkpoint: Checkpoint;
  /** The teacher's cursor when asked: the question is about what comes after it. */
  cursor: number;
  /** For a choice question, the choices offered. */
  choices?: string[];
  /** For a number question, its unit. */
  unit?: NumberUnit;
  /** Set when the teacher reset the question: earlier answers were deleted, answer again. */
  reset?: true;
}

export interface RevealEvent {
  questionId: number;
  answer: RevealAnswer;
  counts: Counts;
}

export interface EndEvent {
  reason: 'ended' | 'expired';
}

/** The class stream's events, as the poll route returns them and as the page keeps them. */
export type ClassEvent =
  | { id: number; type: 'state'; data: ClassState }
  | { id: number; type: 'question'; data: QuestionEvent }
  | { id: number; type: 'reveal'; data: RevealEvent }
  | { id: number; type: 'end'; data: EndEvent };

export type ClassEventType = ClassEvent['type'];

/** Teacher stream: the roster (names null in anonymous mode) and the current question's live counts. */
export interface RosterEvent {
  students: number;
  names: { studentId: string; nickname: string; answered: boolean }[] | null;
}

export type QuestionStatus = 'open' | 'closed' | 'revealed';

export interface CountsEvent {
  questionId: number;
  status: QuestionStatus;
  counts: Counts;
}

/** The state a class starts with: the page's default preset, before its first event. */
export const DEFAULT_CLASS_STATE: ClassState = {
  scenario: null,
  presetName: 'rfc9293-fig6',
  cursor: -1,
  lesson: null,
  step: null,
  seed: null,
};
