/**
 * The page loads its English explanation sentences and glossary as a chunk of their own (src/ui/i18n.ts),
 * which the real page has long before anyone steps to an event. Component tests render and step at once, so
 * wait for that chunk before any test runs. (test/ui/i18n-lazy.test.tsx checks the page before it arrives.)
 */
import { loadLang } from '../src/ui/i18n';

await loadLang('en');
