/** The lesson catalog (src/i18n/lesson.ts) in the page's language, for the lesson components. */
import { citation } from '../../i18n/citation';
import { lessonEn, lessonZh } from '../../i18n/lesson';
import { sideCatalog } from '../../i18n/side-catalog';
import type { NumberUnit } from '../../lessons/types';
import { type Messages, useMessages } from '../i18n';

export type LessonT = ReturnType<typeof sideCatalog<keyof typeof lessonEn>>;

export function useLessonText(): LessonT {
  const { lang } = useMessages();
  return sideCatalog(lang, lessonEn, lessonZh);
}

/** A number answer's unit as the page writes it after the number ("150 ms", "11 个"). */
export function unitText(t: LessonT, unit: NumberUnit): string {
  return unit === 'ms' ? t('unitMs') : unit === 's' ? t('unitS') : t('unitCount');
}

/** The rule behind an answer: the engine's explanation sentence, with its RFC section when it has one. */
export function ruleText(t: LessonT, m: Messages, explain: string, rfc?: string): string {
  const sentence = m.cat.explain[explain as keyof typeof m.cat.explain] ?? '';
  return rfc ? t('ruleWithRfc', { rule: sentence, rfc: citation(rfc) }) : sentence;
}
