/** Media queries the page follows: a touch screen (say "Tap", not "Click") and the system's dark mode. */
import { useEffect, useSyncExternalStore } from 'react';
import { appStore, DARK_QUERY } from '../../store';

/** A finger, not a mouse: the primary pointer is coarse (phones, tablets). */
export const TOUCH_QUERY = '(pointer: coarse)';

function mediaList(query: string): MediaQueryList | null {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return null;
  return window.matchMedia(query) ?? null;
}

function subscribeTo(query: string, onChange: () => void): () => void {
  const list = mediaList(query);
  if (!list || typeof list.addEventListener !== 'function') return () => {};
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

/** Whether the query matches now, re-rendering when it changes; false where media queries cannot be asked. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => subscribeTo(query, onChange),
    () => mediaList(query)?.matches === true,
    () => false,
  );
}

/** True on a touch screen: hints say "Tap" there. */
export function useTouch(): boolean {
  return useMediaQuery(TOUCH_QUERY);
}

/** Keep the store's idea of the system's color scheme current (it decides the theme until the reader does). */
export function useSystemTheme(): void {
  const dark = useMediaQuery(DARK_QUERY);
  useEffect(() => {
    if (appStore().getState().systemDark !== dark) appStore().getState().setSystemDark(dark);
  }, [dark]);
}
