/** The classroom catalog (src/i18n/classroom.ts) in the page's language, for the classroom views. */
import { type ClassroomKey, classroomEn, classroomZh } from '../../../i18n/classroom';
import { sideCatalog } from '../../../i18n/side-catalog';
import type { ErrorInfo } from '../../../store/classroom';
import { useMessages } from '../../i18n';
import { serverErrorMessage } from './errors';

export type ClassroomT = ReturnType<typeof sideCatalog<ClassroomKey>>;

export function useClassroomText(): ClassroomT {
  const { lang } = useMessages();
  return sideCatalog(lang, classroomEn, classroomZh);
}

/**
 * An error as the page shows it, in the reader's language: the catalog's sentence when the client named
 * one (the network, a bad code) or when the server's refusal is one a person can meet (./errors.ts), else
 * the server's own words (`field: what is wrong`, in English as the API pins them) after a lead-in.
 */
export function errorText(t: ClassroomT, error: string, info: ErrorInfo | null | undefined): string {
  if (Object.hasOwn(classroomEn, error)) return t(error as ClassroomKey);
  const message = serverErrorMessage(error, info ?? { status: 0, retryAfterS: null });
  return t(message.key, message.params);
}
