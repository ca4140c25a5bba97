import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { appStore } from './store';
import { isLessonLink, loadLessonModule } from './store/lesson';
import { linkHoldsScenario, linkLang } from './store/url';
import { loadValidator } from './store/validator';
import { App, loadLadder } from './ui/App';
import { loadLang } from './ui/i18n';
import './ui/styles.css';

const container = document.getElementById('root');
if (!container) {
  throw new Error('synack: #root element not found');
}

// The scenario validator is not in the initial bundle (a preset needs no checking): start loading it now.
const validator = loadValidator().catch(() => undefined);
// The sequence diagram's chunk: fetched now, alongside whatever the first render waits for.
void loadLadder();

// Load the chosen language (or the one a shared link asks for) before the first render, so a Chinese page
// never flashes English.
// A link that opens at an event also waits for the English explanations (a chunk of their own, which the
// default page, opening before the first event, does not wait for).
const lang = linkLang(window.location.hash) ?? appStore().getState().lang;
const opensLesson = isLessonLink(window.location.hash);
const opensAtEvent = /(?:^#|&)c=\d/.test(window.location.hash) || opensLesson;
if (lang !== 'en' || opensAtEvent) await loadLang(lang);

// A link holding a scenario waits for the validator too, so it opens at once, without a flash of the
// default preset. If the validator fails to load, the page opens anyway and says why the link did not.
if (linkHoldsScenario(window.location.hash)) await validator;
// A lesson link waits for the lesson chunk, so the page opens at the step rather than on the default preset.
if (opensLesson) await loadLessonModule().catch(() => undefined);

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
