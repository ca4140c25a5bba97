/**
 * The classroom's start on page load (issue 11), kept tiny for the initial bundle: a `?join=` link or a
 * saved teacher class resumes (which loads the classroom client chunk), and once the page has loaded the
 * server is asked whether it runs a classroom at all (the header's button).
 */
import { useEffect } from 'react';
import { appStore } from '../../store';
import { EMBED } from '../embed';

export function useClassroomInit() {
  useEffect(() => {
    if (EMBED.on) return;
    const s = appStore().getState();
    if (savedClass()) void s.resumeClass();
    const probe = () => void s.probeClassroom();
    if (document.readyState === 'complete') {
      const timer = setTimeout(probe, 0);
      return () => clearTimeout(timer);
    }
    window.addEventListener('load', probe, { once: true });
    return () => window.removeEventListener('load', probe);
  }, []);
}

/** A `?join=` link, or a class this browser teaches (src/store/classroomClient.ts saves it). */
function savedClass(): boolean {
  if (new URLSearchParams(location.search).has('join')) return true;
  try {
    return localStorage.getItem('synack.classroom.teacher') !== null;
  } catch {
    return false;
  }
}
