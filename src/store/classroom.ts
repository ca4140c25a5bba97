/**
 * The classroom slice (issue 11): the class this page teaches or follows, as the page draws it. The slice
 * itself is tiny and always loaded; the network (fetch, EventSource, long polling, the teacher's state sync)
 * lives in ./classroomClient.ts, a chunk loaded with the first classroom action, so the initial bundle does
 * not grow. The wire shapes are src/server/protocol.ts's.
 */
import type { StateCreator } from 'zustand';
import type { Checkpoint, NumberUnit } from '../lessons/types';
import type {
  ClassState,
  Counts,
  QuestionStatus,
  RevealAnswer,
  RosterEvent,
  StudentAnswer,
} from '../server/protocol';
import { CLASSROOM_META } from '../server/protocol';
import type { AppState, StoreDeps } from './index';

export type ClassRole = 'teacher' | 'student';
/** live: Server-Sent Events; long-poll: the fallback (the page says why); ended: the class is over. */
export type Connection = 'connecting' | 'live' | 'long-poll' | 'reconnecting' | 'ended';

export interface ClassQuestion {
  id: number;
  checkpoint: Checkpoint;
  cursor: number;
  choices?: string[];
  unit?: NumberUnit;
  status: QuestionStatus;
  reveal: { answer: RevealAnswer; counts: Counts } | null;
  /** Student: what this page sent, once sent. */
  mine?: { answer: StudentAnswer; sentAt: number } | null;
  /** Teacher: the live distribution from the teacher stream. */
  live?: Counts | null;
  /** How many times this question was reset (0 when first asked): a reset starts a fresh form. */
  round?: number;
}

export interface ClassroomView {
  role: ClassRole;
  code: string;
  joinUrl: string;
  connection: Connection;
  /** Why the page fell back to long polling (a catalog key the view translates), else null. */
  fallbackReason: string | null;
  /** Student: the nickname joined with. */
  nickname?: string;
  /** Student: looking around on their own instead of following the teacher. */
  exploring: boolean;
  /** The last `state` event. */
  latest: ClassState | null;
  question: ClassQuestion | null;
  /** Teacher: who is in the class (names null in anonymous mode). */
  roster: RosterEvent | null;
  anonymous: boolean;
  ended: boolean;
  /** The last error, as the server worded it (`field: what is wrong`), or a catalog key for a network error. */
  error: string | null;
  /** The HTTP status and Retry-After behind `error` (absent or null for a catalog key). */
  errorInfo?: ErrorInfo | null;
}

/**
 * What the page needs besides the server's words to say an error in the reader's language: the status
 * (409 `nickname: …` is "taken", 400 `nickname: …` is "malformed") and, for a 429, how long to wait.
 */
export interface ErrorInfo {
  status: number;
  /** Seconds from the Retry-After header (RFC 9110 §10.2.3, delay-seconds form), else null. */
  retryAfterS: number | null;
}

export interface ClassroomSlice {
  classroom: ClassroomView | null;
  /** The page is served by a classroom server (its meta tag is in the page, and GET /api/info said so): the header shows its button. */
  classroomAvailable: boolean;
  /** Ask the server once whether it runs a classroom (after the page has loaded). */
  probeClassroom(): Promise<boolean>;
  /** The Start/Join dialog. */
  classroomOpen: boolean;
  /** Why starting or joining a class failed (the server's `field: what is wrong`, or a catalog key). */
  classroomError: string | null;
  /** The HTTP status and Retry-After behind `classroomError` (null for the client's own catalog keys). */
  classroomErrorInfo: ErrorInfo | null;
  /**
   * The code of the `?join=` link that opened the dialog: it then shows the join form only, with the code
   * filled in. Null when the dialog was opened from the header (Start and Join both offered).
   */
  classroomJoinCode: string | null;
  /**
   * Student: the last event the cursor may reach while a question they have not answered is open (the
   * question's cursor), as `lessonLimit` caps a lesson's checkpoint; null when nothing caps it.
   */
  classroomLimit: number | null;
  openClassroom(): void;
  closeClassroom(): void;
  startClass(): Promise<boolean>;
  joinClass(code: string, nickname: string): Promise<boolean>;
  /** Resume from storage: a `?join=` link's saved student, or the saved teacher class. */
  resumeClass(): Promise<boolean>;
  ask(body?: object): Promise<boolean>;
  reveal(): Promise<boolean>;
  resetQuestion(): Promise<boolean>;
  setAnonymous(on: boolean): Promise<boolean>;
  endClass(): Promise<boolean>;
  sendAnswer(answer: StudentAnswer): Promise<boolean>;
  rejoinLive(): void;
  /** Stop following or teaching; forget the saved tokens. */
  leaveClass(): void;
}

/** What the client chunk implements (./classroomClient.ts exports `createClassroomClient`). */
export type ClassroomActions = Omit<
  ClassroomSlice,
  | 'classroom'
  | 'classroomAvailable'
  | 'probeClassroom'
  | 'classroomOpen'
  | 'classroomError'
  | 'classroomErrorInfo'
  | 'classroomJoinCode'
  | 'classroomLimit'
  | 'openClassroom'
  | 'closeClassroom'
>;

export interface ClassroomApi {
  set: (partial: Partial<AppState> | ((s: AppState) => Partial<AppState>)) => void;
  get: () => AppState;
  /** The store's subscribe: the teacher's sync and the student's "exploring" watch the scenario and cursor. */
  subscribe: (listener: (state: AppState, previous: AppState) => void) => () => void;
  deps: StoreDeps;
}

type ClientModule = typeof import('./classroomClient');

export const createClassroomSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], ClassroomSlice> =>
  (set, get, store) => {
    let client: Promise<ClassroomActions> | null = null;
    /** The client chunk, once per store. */
    const actions = (): Promise<ClassroomActions> => {
      client ??= import('./classroomClient').then((mod: ClientModule) =>
        mod.createClassroomClient({ set, get, subscribe: store.subscribe, deps }),
      );
      return client;
    };
    return {
      classroom: null,
      classroomAvailable: false,
      probeClassroom: async () => {
        // In the initial bundle (a few bytes), so a page served without the classroom loads no chunk for it.
        // Only a page the classroom server served (or `npm run dev` beside one) carries the meta tag: on a
        // static host the page asks nothing, so it logs no failed request (a 404 or a proxy's 502).
        if (!servedByClassroom()) return false;
        try {
          const net = deps.classroomNet;
          const res = await (net?.fetch ?? fetch)(`${net?.location.origin ?? location.origin}/api/info`, {
            headers: { accept: 'application/json' },
          });
          const info: unknown = res.ok ? await res.json() : null;
          const yes = (info as { synack?: unknown } | null)?.synack === 'classroom';
          if (yes) set({ classroomAvailable: true });
          return yes;
        } catch {
          return false;
        }
      },
      classroomOpen: false,
      classroomError: null,
      classroomErrorInfo: null,
      classroomJoinCode: null,
      classroomLimit: null,
      openClassroom: () =>
        set({ classroomOpen: true, classroomError: null, classroomErrorInfo: null, classroomJoinCode: null }),
      closeClassroom: () => set({ classroomOpen: false }),
      startClass: async () => (await actions()).startClass(),
      joinClass: async (code, nickname) => (await actions()).joinClass(code, nickname),
      resumeClass: async () => (await actions()).resumeClass(),
      ask: async (body) => (await actions()).ask(body),
      reveal: async () => (await actions()).reveal(),
      resetQuestion: async () => (await actions()).resetQuestion(),
      setAnonymous: async (on) => (await actions()).setAnonymous(on),
      endClass: async () => (await actions()).endClass(),
      sendAnswer: async (answer) => (await actions()).sendAnswer(answer),
      rejoinLive: () => {
        void actions().then((a) => a.rejoinLive());
      },
      leaveClass: () => {
        void actions().then((a) => a.leaveClass());
      },
    };
  };

function servedByClassroom(): boolean {
  return typeof document !== 'undefined' && document.querySelector(`meta[name="${CLASSROOM_META}"]`) !== null;
}
