/**
 * The teacher's state sync (issue 11): what the teacher's page shows (scenario, preset, cursor, lesson,
 * step, seed) goes to `POST …/state` whenever it changes, at most 5 requests a second, one at a time, with
 * a trailing send so the last change always arrives. The scenario goes only when it changed (it is the
 * big part; the server merges what is left out).
 */
import type { ClassState } from '../server/protocol';
import type { ClassroomApi } from './classroom';
import type { AppState, ClassroomNet } from './index';

/** 5 per second: one request starts at most every 200 ms. */
export const SYNC_GAP_MS = 200;
/** After a failure that may pass (the network, a 5xx), try again this much later. */
export const SYNC_RETRY_MS = 1_000;

/** What the teacher's page shows, as a class state. */
export function classStateOf(s: AppState): ClassState {
  const run = s.lessonRun;
  // Only a shipped lesson has an id the server (and every student's page) knows.
  const shipped = run && run.source === 'registry' ? run : null;
  return {
    scenario: s.scenario,
    presetName: s.presetName,
    cursor: s.cursor,
    lesson: shipped ? shipped.lesson.id : null,
    step: shipped ? shipped.step : null,
    seed: shipped && !shipped.fixedNumbers ? shipped.seed : null,
  };
}

function sameState(a: ClassState, b: ClassState): boolean {
  return (
    a.scenario === b.scenario &&
    a.presetName === b.presetName &&
    a.cursor === b.cursor &&
    a.lesson === b.lesson &&
    a.step === b.step &&
    a.seed === b.seed
  );
}

/** What one POST reported: sent, refused for good (a 4xx: do not repeat it), or failed for now. */
export type SyncResult = 'sent' | 'refused' | 'failed';

/** Start syncing; returns the stop function. `post` sends one body. */
export function startTeacherSync(
  api: Pick<ClassroomApi, 'get' | 'subscribe'>,
  net: Pick<ClassroomNet, 'setTimeout' | 'clearTimeout' | 'now'>,
  post: (body: Partial<ClassState>) => Promise<SyncResult>,
): () => void {
  let sent: ClassState | null = null;
  let inFlight = false;
  let timer: unknown = null;
  let lastStart = Number.NEGATIVE_INFINITY;
  let stopped = false;

  const pending = () => sent === null || !sameState(classStateOf(api.get()), sent);

  const schedule = (ms: number) => {
    timer = net.setTimeout(() => {
      timer = null;
      kick();
    }, ms);
  };

  const flush = async () => {
    const now = classStateOf(api.get());
    const { scenario, ...rest } = now;
    const body: Partial<ClassState> = sent?.scenario === scenario ? rest : now;
    inFlight = true;
    lastStart = net.now();
    const result = await post(body);
    inFlight = false;
    if (stopped) return;
    if (result === 'failed') return schedule(SYNC_RETRY_MS);
    sent = now;
    if (pending()) kick();
  };

  function kick() {
    if (stopped || inFlight || timer !== null || !pending()) return;
    const wait = lastStart + SYNC_GAP_MS - net.now();
    if (wait > 0) return schedule(wait);
    void flush();
  }

  const unsubscribe = api.subscribe((s, prev) => {
    if (
      s.scenario !== prev.scenario ||
      s.presetName !== prev.presetName ||
      s.cursor !== prev.cursor ||
      s.lessonRun !== prev.lessonRun
    )
      kick();
  });
  kick();
  return () => {
    stopped = true;
    unsubscribe();
    if (timer !== null) net.clearTimeout(timer);
    timer = null;
  };
}
