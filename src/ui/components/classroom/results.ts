/**
 * The class results as a CSV file. The route needs the teacher's `Authorization: Bearer` header, which a plain
 * link cannot send, so the page fetches the file with it and saves the Blob (src/ui/download.ts).
 */
import { download } from '../../download';

/** Where the page keeps the class it teaches (pinned in the issue 11 design: `{ code, teacherToken }`). */
export const TEACHER_KEY = 'synack.classroom.teacher';

export function resultsFileName(code: string): string {
  return `synack-${code}-results.csv`;
}

/** The saved teacher token of class `code`, or null (another class saved, storage absent or garbage). */
export function teacherToken(code: string, storage: Pick<Storage, 'getItem'> | null): string | null {
  let text: string | null = null;
  try {
    text = storage?.getItem(TEACHER_KEY) ?? null;
  } catch {
    return null; // storage disabled (sandboxed frame): there is no saved token
  }
  if (text === null) return null;
  try {
    const saved: unknown = JSON.parse(text);
    if (typeof saved !== 'object' || saved === null) return null;
    const { code: savedCode, teacherToken: token } = saved as Record<string, unknown>;
    return savedCode === code && typeof token === 'string' ? token : null;
  } catch {
    return null;
  }
}

export interface ResultsDeps {
  fetch: typeof fetch;
  storage: Pick<Storage, 'getItem'> | null;
  save: (blob: Blob, fileName: string) => void;
}

/** The browser's fetch, localStorage and download link. */
export function browserResultsDeps(): ResultsDeps {
  let storage: Storage | null = null;
  try {
    storage = typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    storage = null;
  }
  return { fetch: (...args) => fetch(...args), storage, save: download };
}

/**
 * Fetch and save class `code`'s results. Resolves with null when saved, else with why not: the server's
 * `{ error }` text, the HTTP status, or `noToken` when this page does not hold the class's teacher token.
 */
export async function downloadResults(code: string, deps: ResultsDeps): Promise<string | null> {
  const token = teacherToken(code, deps.storage);
  if (token === null) return 'noToken';
  let response: Response;
  try {
    response = await deps.fetch(`/api/classes/${encodeURIComponent(code)}/results.csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (!response.ok) {
    try {
      const body: unknown = await response.json();
      const error = (body as { error?: unknown } | null)?.error;
      if (typeof error === 'string') return error;
    } catch {
      // not JSON: the status says it
    }
    return `HTTP ${response.status}`;
  }
  deps.save(await response.blob(), resultsFileName(code));
  return null;
}
