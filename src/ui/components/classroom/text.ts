/** The classroom catalog (src/i18n/classroom.ts) in the page's language, for the classroom views. */
import { type ClassroomKey, classroomEn, classroomZh } from '../../../i18n/classroom';
import { sideCatalog } from '../../../i18n/side-catalog';
import { useMessages } from '../../i18n';

export type ClassroomT = ReturnType<typeof sideCatalog<ClassroomKey>>;

export function useClassroomText(): ClassroomT {
  const { lang } = useMessages();
  return sideCatalog(lang, classroomEn, classroomZh);
}

/**
 * An error as the page shows it: the server's own words (`field: what is wrong`, always in English, as
 * the API pins them), or the catalog's sentence when the client named one (the network, a bad code).
 */
export function errorText(t: ClassroomT, error: string): string {
  return Object.hasOwn(classroomEn, error) ? t(error as ClassroomKey) : error;
}
