/** The teacher panel's catalog (src/i18n/teach.ts) in the page's language. */
import { sideCatalog } from '../../../i18n/side-catalog';
import { teachEn, teachZh } from '../../../i18n/teach';
import { useMessages } from '../../i18n';

export type TeachT = ReturnType<typeof sideCatalog<keyof typeof teachEn>>;

export function useTeachText(): TeachT {
  const { lang } = useMessages();
  return sideCatalog(lang, teachEn, teachZh);
}
