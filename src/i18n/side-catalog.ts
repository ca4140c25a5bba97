/**
 * A small catalog kept out of the main one (it loads with the component that speaks it, not with the page):
 * its en and zh-CN objects, and a `t` like the main catalog's that fills `{name}` placeholders.
 */
import { format } from './ui.en';

export function sideCatalog<K extends string>(
  lang: string,
  en: Readonly<Record<K, string>>,
  zh: Readonly<Record<K, string>>,
): (key: K, params?: Record<string, string | number>) => string {
  const words = lang === 'zh-CN' ? zh : en;
  return (key, params = {}) => format(words[key], params);
}
