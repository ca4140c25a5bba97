/**
 * The URL mirrors the scenario and the cursor (history.replaceState, so Back is not flooded); opening a
 * link or changing the hash by hand loads it, and a bad link leaves the app as it was with a message.
 */
import { useEffect } from 'react';
import { appStore } from '../../store';
import { isLessonLink } from '../../store/lesson';
import { shareLinkFits } from '../../store/url';

/** Open a link: a lesson (`#lesson=`) or a scenario. */
function openLink(hash: string): void {
  const s = appStore().getState();
  if (isLessonLink(hash)) void s.openLessonLink(hash);
  else s.openShared(hash);
}

const WRITE_DELAY_MS = 150;

export function useUrlSync(): void {
  useEffect(() => {
    const store = appStore();
    openLink(window.location.hash);
    let lastWritten: string | null = null;
    const write = () => {
      // While a lesson is open the address names it (its step and numbers), not the step's scenario.
      const full = store.getState().lessonHash() || store.getState().shareHash();
      // A scenario too large for a link leaves the address without one (an older link would reopen
      // something else); Share offers its JSON file instead.
      const page = window.location.href.split('#')[0] ?? '';
      const hash = shareLinkFits(full, page) ? full : '';
      if (hash === lastWritten || hash === window.location.hash) {
        lastWritten = hash;
        return;
      }
      lastWritten = hash;
      window.history.replaceState(null, '', hash || page);
    };
    // Keep the first (possibly bad) hash visible until the user changes something: nothing they typed is lost.
    // While stepping or scrubbing, write once the cursor rests (replaceState with a long URL costs ms).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe((s, prev) => {
      if (
        s.scenario !== prev.scenario ||
        s.cursor !== prev.cursor ||
        s.presetName !== prev.presetName ||
        s.lessonRun?.step !== prev.lessonRun?.step ||
        s.lessonRun?.lesson !== prev.lessonRun?.lesson
      ) {
        clearTimeout(timer);
        timer = setTimeout(write, WRITE_DELAY_MS);
      }
    });
    const onHash = () => {
      if (window.location.hash !== lastWritten) openLink(window.location.hash);
    };
    // Leaving the page (or a test reading the URL right away) must not lose the last change.
    window.addEventListener('pagehide', write);
    window.addEventListener('hashchange', onHash);
    return () => {
      clearTimeout(timer);
      unsubscribe();
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('pagehide', write);
    };
  }, []);
}
