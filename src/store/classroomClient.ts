/**
 * The classroom's network client (issue 11), a chunk loaded with the first classroom action: it starts,
 * joins and resumes classes, reads the class stream (./classroomConnection.ts) and the teacher stream,
 * keeps the teacher's page in sync (./classroomSync.ts) and makes a student's page follow the teacher's.
 * Every error is kept as the server worded it (`field: what is wrong`), or as a catalog key
 * (src/i18n/classroom.ts) when the server could not be reached.
 */
import type { ClassEvent, ClassState, CountsEvent, RosterEvent, StudentAnswer } from '../server/protocol';
import type { ScenarioInput } from '../tcp/types';
import type { ClassQuestion, ClassroomActions, ClassroomApi, ClassroomView } from './classroom';
import { type ClassConnection, openClassConnection } from './classroomConnection';
import {
  browserNet,
  errorInfoOf,
  errorOf,
  jsonRequester,
  NETWORK_ERROR,
  type Reply,
  readTeacherStream,
  tokenStorage,
} from './classroomHttp';
import { startTeacherSync } from './classroomSync';
import { newView, questionOf, summaryView, type TeacherSummary } from './classroomView';
import type { AppState } from './index';

export const TEACHER_KEY = 'synack.classroom.teacher';
export const studentKey = (code: string) => `synack.classroom.student.${code}`;
export { NETWORK_ERROR };
/** The catalog key of a code that cannot be one (the server's codes: 6 of A–Z, 2–9). */
export const BAD_CODE = 'codeInvalid';
const CODE = /^[A-Z0-9]{1,12}$/;

interface Session {
  role: 'teacher' | 'student';
  code: string;
  token: string;
  connection: ClassConnection | null;
  stops: (() => void)[];
  /** Student: their answers by question id (sent now, or read from /me after a reload). */
  mine: Map<number, StudentAnswer>;
}

export function createClassroomClient(api: ClassroomApi): ClassroomActions {
  const net = api.deps.classroomNet ?? browserNet();
  let session: Session | null = null;
  /** Student: what following the teacher last showed (so the page tells its own change from the student's). */
  let followed: { key: string; scenario: ScenarioInput; cursor: number } | null = null;
  /** Following is showing the teacher's scenario now (the store's changes are its own). */
  let applying = false;

  const view = () => api.get().classroom;
  const patch = (next: Partial<ClassroomView>) => {
    const v = view();
    if (v) api.set({ classroom: { ...v, ...next } });
  };
  const setQuestion = (f: (q: ClassQuestion) => ClassQuestion | null) => {
    const q = view()?.question;
    if (q) patch({ question: f(q) });
  };

  /** A refusal as the dialog's error, and as the class view's. */
  const dialogError = (reply: Reply) => ({
    classroomError: errorOf(reply),
    classroomErrorInfo: errorInfoOf(reply),
  });
  const viewError = (reply: Reply) => ({ error: errorOf(reply), errorInfo: errorInfoOf(reply) });

  const request = jsonRequester(net);
  const storage = tokenStorage(net);
  const classPath = (code: string, rest = '') => `/api/classes/${encodeURIComponent(code)}${rest}`;

  // ------------------------------------------------------------ following (student)

  const clampCursor = (s: AppState, cursor: number) =>
    Math.max(-1, Math.min(s.timeline.trace.events.length - 1, cursor));

  /** Show the teacher's state: the scenario only when it changed (never recorded for undo). */
  const follow = (state: ClassState) => {
    const limit = api.get().classroomLimit;
    const cursor = limit === null ? state.cursor : Math.min(state.cursor, limit);
    const key = state.scenario ? JSON.stringify(state.scenario) : `preset:${state.presetName}`;
    if (followed && followed.key === key) {
      followed = { ...followed, cursor };
      api.set({ cursor: clampCursor(api.get(), cursor), playing: false });
      return;
    }
    // A preset comes by name (the slice loads it): what it shows is read back once shown, which for a
    // preset is at once (every preset is a short run); meanwhile its own change is not the student's.
    applying = true;
    try {
      if (api.get().followScenario(state.scenario, state.presetName, cursor) === false) return;
    } finally {
      applying = false;
    }
    followed = { key, scenario: state.scenario ?? api.get().scenario, cursor };
  };

  /** A change of scenario or cursor the student made (not following's own) means they explore. */
  const watchExploring = () =>
    api.subscribe((s, prev) => {
      const v = s.classroom;
      if (applying || v?.role !== 'student' || v.exploring || v.ended) return;
      if (s.cursor === prev.cursor && s.scenario === prev.scenario) return;
      if (followed && s.scenario === followed.scenario && s.cursor === clampCursor(s, followed.cursor))
        return;
      patch({ exploring: true });
    });

  /** Cap the student's cursor at an open question they have not answered (as a lesson's checkpoint does). */
  const updateLimit = () => {
    const v = view();
    const q = v?.question;
    const limit = v?.role === 'student' && q && q.status === 'open' && !q.mine && !v.ended ? q.cursor : null;
    if (api.get().classroomLimit === limit) return;
    api.set({ classroomLimit: limit });
    if (limit !== null && api.get().cursor > limit) {
      if (followed) followed = { ...followed, cursor: limit };
      api.set({ cursor: limit, playing: false });
    }
  };

  // ------------------------------------------------------------ events

  const onEvent = (event: ClassEvent) => {
    const s = session;
    const v = view();
    if (!s || !v) return;
    switch (event.type) {
      case 'state':
        patch({ latest: event.data });
        if (s.role === 'student' && !v.exploring) follow(event.data);
        return;
      case 'question': {
        if (event.data.reset) s.mine.delete(event.data.id);
        patch({
          question: questionOf(event.data, v.question, s.role, s.mine.get(event.data.id)),
          error: null,
          errorInfo: null,
        });
        return updateLimit();
      }
      case 'reveal':
        setQuestion((q) =>
          q.id === event.data.questionId
            ? { ...q, status: 'revealed', reveal: { answer: event.data.answer, counts: event.data.counts } }
            : q,
        );
        return updateLimit();
      case 'end':
        stopSession();
        patch({ ended: true, connection: 'ended' });
        return updateLimit();
    }
  };

  const connect = (s: Session) => {
    s.connection = openClassConnection(net, s.code, {
      onEvent,
      onStatus: (connection, fallbackReason) => {
        if (!view()?.ended)
          patch({ connection, fallbackReason: fallbackReason ?? view()?.fallbackReason ?? null });
      },
      onGone: (error) => {
        stopSession();
        patch({ ended: true, connection: 'ended', error, errorInfo: { status: 404, retryAfterS: null } });
        updateLimit();
      },
    });
  };

  const stopSession = () => {
    const s = session;
    if (!s) return;
    s.connection?.close();
    s.connection = null;
    for (const stop of s.stops.splice(0)) stop();
  };

  // ------------------------------------------------------------ teacher

  /** The teacher stream (roster and live counts), read with fetch() for its Authorization header. */
  /** The teacher stream: the roster and the current question's live counts. */
  const teacherStream = (s: Session) =>
    readTeacherStream(
      net,
      classPath(s.code, '/teacher/stream'),
      s.token,
      (type, data) => {
        if (type === 'roster') patch({ roster: data as RosterEvent });
        else if (type === 'counts') {
          const c = data as CountsEvent;
          setQuestion((q) => (q.id === c.questionId ? { ...q, live: c.counts, status: c.status } : q));
        }
      },
      () => !view()?.ended,
    );

  const postState = async (s: Session, body: Partial<ClassState>) => {
    const reply = await request('POST', classPath(s.code, '/state'), body, s.token);
    if (reply.status === 200) return 'sent' as const;
    if (reply.status === 0 || reply.status >= 500) return 'failed' as const;
    patch(viewError(reply));
    if (reply.status === 409) onEvent({ id: 0, type: 'end', data: { reason: 'ended' } });
    return 'refused' as const;
  };

  const beginTeacher = async (code: string, token: string, summaryState: ClassState | null) => {
    const s: Session = { role: 'teacher', code, token, connection: null, stops: [], mine: new Map() };
    session = s;
    // The teacher's last state comes back before the sync starts, so a reload does not reset the class.
    if (summaryState?.lesson && summaryState.step !== null) {
      // A shipped lesson at its step with its numbers, so the sync sends the lesson on (not null).
      const st = summaryState;
      if (await api.get().openLesson(st.lesson as string, st.step as number, st.seed ?? undefined))
        api.get().seek(st.cursor);
    } else if (summaryState)
      await api.get().followScenario(summaryState.scenario, summaryState.presetName, summaryState.cursor);
    if (session !== s) return;
    connect(s);
    if (view()?.ended) return;
    s.stops.push(teacherStream(s));
    s.stops.push(startTeacherSync(api, net, (body) => postState(s, body)));
  };

  const teacherCall = async (path: string, body?: unknown): Promise<boolean> => {
    const s = session;
    if (s?.role !== 'teacher') return false;
    const reply = await request('POST', classPath(s.code, path), body ?? {}, s.token);
    if (reply.status >= 200 && reply.status < 300) {
      patch({ error: null, errorInfo: null });
      return true;
    }
    patch(viewError(reply));
    return false;
  };

  // ------------------------------------------------------------ student

  const beginStudent = (
    code: string,
    token: string,
    nickname: string,
    answers: Map<number, StudentAnswer>,
  ) => {
    const s: Session = { role: 'student', code, token, connection: null, stops: [], mine: answers };
    session = s;
    followed = null;
    api.set({
      classroom: newView('student', code, '', { nickname }),
      classroomOpen: false,
      classroomError: null,
      classroomErrorInfo: null,
      classroomJoinCode: null,
    });
    s.stops.push(watchExploring());
    connect(s);
  };

  const leave = () => {
    const s = session;
    stopSession();
    session = null;
    followed = null;
    if (s?.role === 'teacher') storage.remove(TEACHER_KEY);
    if (s?.role === 'student') {
      storage.remove(studentKey(s.code));
      dropJoinParam();
    }
    api.set({ classroom: null, classroomLimit: null });
  };

  const dropJoinParam = () => {
    if (!net.replaceUrl) return;
    const url = new URL(net.location.href);
    if (!url.searchParams.has('join')) return;
    url.searchParams.delete('join');
    net.replaceUrl(url.toString());
  };

  const resumeStudent = async (code: string): Promise<boolean> => {
    const saved = storage.read(studentKey(code));
    const token = typeof saved?.studentToken === 'string' ? saved.studentToken : null;
    if (!token) {
      api.set({
        classroomOpen: true,
        classroomError: null,
        classroomErrorInfo: null,
        classroomJoinCode: code,
      });
      return false;
    }
    const me = await request('GET', classPath(code, '/me'), undefined, token);
    if (me.status !== 200 && me.status !== 0) {
      // The class or the token is gone: forget it and offer the join form again.
      storage.remove(studentKey(code));
      api.set({ classroomOpen: true, classroomJoinCode: code, ...dialogError(me) });
      return false;
    }
    const answers = new Map<number, StudentAnswer>();
    const list = Array.isArray(me.body?.answers)
      ? (me.body.answers as { questionId: number; answer: StudentAnswer }[])
      : [];
    for (const a of list) answers.set(a.questionId, a.answer);
    const nickname =
      typeof me.body?.nickname === 'string'
        ? me.body.nickname
        : typeof saved?.nickname === 'string'
          ? saved.nickname
          : '';
    beginStudent(code, token, nickname, answers);
    return true;
  };

  const resumeTeacher = async (): Promise<boolean> => {
    const saved = storage.read(TEACHER_KEY);
    const code = typeof saved?.code === 'string' ? saved.code : null;
    const token = typeof saved?.teacherToken === 'string' ? saved.teacherToken : null;
    if (!code || !token) return false;
    const reply = await request('GET', classPath(code, '/teacher/summary'), undefined, token);
    if (reply.status !== 200 || !reply.body) {
      if (reply.status !== 0) storage.remove(TEACHER_KEY);
      return false;
    }
    const b = reply.body as unknown as TeacherSummary;
    api.set({ classroom: summaryView(code, b) });
    if (!b.ended) await beginTeacher(code, token, b.state ?? null);
    return true;
  };

  return {
    startClass: async () => {
      leave();
      const reply = await request('POST', '/api/classes', {});
      const b = reply.body;
      if (reply.status !== 201 || typeof b?.code !== 'string' || typeof b.teacherToken !== 'string') {
        api.set(dialogError(reply));
        return false;
      }
      storage.write(TEACHER_KEY, { code: b.code, teacherToken: b.teacherToken });
      api.set({
        classroom: newView('teacher', b.code, typeof b.joinUrl === 'string' ? b.joinUrl : ''),
        classroomOpen: false,
        classroomError: null,
        classroomErrorInfo: null,
        classroomJoinCode: null,
      });
      await beginTeacher(b.code, b.teacherToken, null);
      return true;
    },
    joinClass: async (codeText, nickname) => {
      const code = codeText.trim().toUpperCase();
      if (!CODE.test(code)) {
        api.set({ classroomError: BAD_CODE, classroomErrorInfo: null });
        return false;
      }
      const reply = await request('POST', classPath(code, '/join'), { nickname });
      const b = reply.body;
      if (reply.status !== 201 || typeof b?.studentToken !== 'string') {
        api.set(dialogError(reply));
        return false;
      }
      leave();
      const name = typeof b.nickname === 'string' ? b.nickname : nickname.trim();
      storage.write(studentKey(code), {
        studentId: b.studentId,
        studentToken: b.studentToken,
        nickname: name,
      });
      if (net.replaceUrl) {
        const url = new URL(net.location.href);
        url.searchParams.set('join', code);
        net.replaceUrl(url.toString());
      }
      beginStudent(code, b.studentToken, name, new Map());
      return true;
    },
    resumeClass: async () => {
      if (session) return true;
      const join = new URLSearchParams(net.location.search).get('join');
      if (join !== null) {
        const code = join.trim().toUpperCase();
        if (CODE.test(code)) return resumeStudent(code);
        api.set({
          classroomOpen: true,
          classroomError: BAD_CODE,
          classroomErrorInfo: null,
          classroomJoinCode: join.trim().toUpperCase().slice(0, 12),
        });
        return false;
      }
      return resumeTeacher();
    },
    ask: (body) => teacherCall('/questions', body),
    reveal: async () => {
      const q = view()?.question;
      return q ? teacherCall(`/questions/${q.id}/reveal`) : false;
    },
    resetQuestion: async () => {
      const q = view()?.question;
      return q ? teacherCall(`/questions/${q.id}/reset`) : false;
    },
    setAnonymous: async (on) => {
      const ok = await teacherCall('/settings', { anonymous: on });
      if (ok) patch({ anonymous: on });
      return ok;
    },
    endClass: async () => {
      const ok = await teacherCall('/end');
      if (ok) onEvent({ id: 0, type: 'end', data: { reason: 'ended' } });
      return ok;
    },
    sendAnswer: async (answer) => {
      const s = session;
      const q = view()?.question;
      if (s?.role !== 'student' || !q) return false;
      const reply = await request(
        'POST',
        classPath(s.code, '/answers'),
        { questionId: q.id, answer },
        s.token,
      );
      if (reply.status !== 201) {
        patch(viewError(reply));
        return false;
      }
      s.mine.set(q.id, answer);
      setQuestion((now) => (now.id === q.id ? { ...now, mine: { answer, sentAt: net.now() } } : now));
      patch({ error: null, errorInfo: null });
      updateLimit();
      return true;
    },
    rejoinLive: () => {
      const v = view();
      if (v?.role !== 'student') return;
      patch({ exploring: false });
      // The student may have changed the scenario: show the teacher's again, whatever was followed before.
      followed = null;
      if (v.latest) follow(v.latest);
    },
    leaveClass: leave,
  };
}
