/**
 * Keyboard: space play/pause, ←/→ step, Home/End, Ctrl+Z / Ctrl+Shift+Z undo/redo. In presenter mode
 * PageDown/PageUp also step, as presentation clickers send them: one press of "next" is one event.
 */
import { useEffect } from 'react';
import { appStore } from '../../store';

/** Keys typed into a form control belong to it, not to the player. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable) return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return type !== 'range' && type !== 'button' && type !== 'checkbox';
  }
  return false;
}

export function handleKey(e: KeyboardEvent): boolean {
  if (typing(e.target) || e.altKey || e.metaKey) return false;
  const s = appStore().getState();
  // Space belongs to whatever interactive element has focus (a button, a <summary>, a link, a slider…).
  const inWidget =
    e.target instanceof HTMLElement &&
    e.target.closest('button, a[href], summary, input, select, textarea, [role="button"], [tabindex]') !==
      null;
  if (e.ctrlKey) {
    if (e.key.toLowerCase() === 'z') {
      if (e.shiftKey) s.redo();
      else s.undo();
      return true;
    }
    return false;
  }
  switch (e.key) {
    case ' ':
      if (inWidget) return false; // space activates the focused button
      s.togglePlay();
      return true;
    case 'ArrowRight':
      if (e.target instanceof HTMLInputElement && e.target.type === 'range') return false;
      s.step(1);
      return true;
    case 'ArrowLeft':
      if (e.target instanceof HTMLInputElement && e.target.type === 'range') return false;
      s.step(-1);
      return true;
    case 'PageDown':
    case 'PageUp':
      // Outside presenter mode these keys scroll the page, as readers expect.
      if (!s.presenter) return false;
      s.step(e.key === 'PageDown' ? 1 : -1);
      return true;
    case 'Home':
      if (e.target instanceof HTMLInputElement && e.target.type === 'range') return false;
      s.toStart();
      return true;
    case 'End':
      if (e.target instanceof HTMLInputElement && e.target.type === 'range') return false;
      s.toEnd();
      return true;
    default:
      return false;
  }
}

export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (handleKey(e)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
