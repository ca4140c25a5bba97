/**
 * The server's refusals in the reader's language (issue 11). The API words its errors in English as
 * `field: what is wrong` (src/server/context.ts, src/server/input.ts, src/server/classwork.ts): the ones a
 * student or teacher can meet are recognised by status and field (the text only where one field has
 * several reasons) and become catalog sentences; anything else keeps the server's words after a
 * translated lead-in, so nothing is lost.
 */
import type { ClassroomKey } from '../../../i18n/classroom';
import type { ErrorInfo } from '../../../store/classroom';

export interface ErrorMessage {
  key: ClassroomKey;
  params?: Record<string, string | number>;
}

/** The field an error names: the text before the first colon (`answer.seq: …` → `answer.seq`). */
export function errorField(error: string): string {
  const colon = error.indexOf(':');
  return colon < 0 ? '' : error.slice(0, colon).trim();
}

/** The seconds to wait: Retry-After, else the server's "try again in N s". */
function waitSeconds(error: string, info: ErrorInfo): number | null {
  if (info.retryAfterS !== null) return info.retryAfterS;
  const said = /try again in (\d{1,9}) s\b/.exec(error);
  return said ? Number(said[1]) : null;
}

/** The catalog sentence for a server error, or the lead-in with the server's own words. */
export function serverErrorMessage(error: string, info: ErrorInfo): ErrorMessage {
  const field = errorField(error);
  const why = error.slice(field.length + 1).trim();
  if (info.status === 429) {
    const seconds = waitSeconds(error, info);
    return seconds === null ? { key: 'errRateLimitedSoon' } : { key: 'errRateLimited', params: { seconds } };
  }
  if (info.status === 404 && field === 'code') return { key: 'errNoClass' };
  if (info.status === 409) {
    if (field === 'nickname') return { key: 'errNicknameTaken' };
    if (field === 'class' && why === 'ended') return { key: 'errClassEnded' };
    if (field === 'class' && why.startsWith('full')) return { key: 'errClassFull' };
    if (field === 'answer') return { key: 'errAlreadyAnswered' };
    if (field === 'question') {
      if (why === 'closed') return { key: 'errQuestionClosed' };
      if (why === 'already revealed') return { key: 'errQuestionRevealed' };
      // classwork.ts's noAnswer: the engine found nothing to ask after the teacher's cursor.
      if (/no next segment|enters no state|no such figure/.test(why)) return { key: 'errNothingToAsk' };
    }
  }
  if (info.status === 400 && field === 'nickname') {
    if (why.startsWith('may not contain')) return { key: 'errNicknameControl' };
    if (why.startsWith('must have a visible')) return { key: 'errNicknameVisible' };
    return { key: 'errNicknameLength' };
  }
  return { key: 'errServerSaid', params: { why: error } };
}
