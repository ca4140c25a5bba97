/** The lesson catalog (src/i18n/lesson.ts) in the page's language, for the lesson components. */
import { lessonEn, lessonZh } from '../../i18n/lesson';
import { sideCatalog } from '../../i18n/side-catalog';
import { useMessages } from '../i18n';

export type LessonT = ReturnType<typeof sideCatalog<keyof typeof lessonEn>>;

export function useLessonText(): LessonT {
  const { lang } = useMessages();
  return sideCatalog(lang, lessonEn, lessonZh);
}
