/** The document's title and language follow the reader's language (the tab, bookmarks, screen readers). */
import { useEffect } from 'react';
import { useMessages } from '../i18n';

export function useDocumentLanguage(): void {
  const { lang, t } = useMessages();
  const title = t('documentTitle');
  useEffect(() => {
    document.title = title;
    document.documentElement.lang = lang;
  }, [lang, title]);
}
