/**
 * A `<dialog>` opened as a modal when it mounts (the gallery, the course page, the statistics lab), closed
 * by its button, by the browser's cancel (Escape) and by Escape here too (jsdom has no cancel event).
 * Spread the result on the element: `<dialog {...useModalDialog(onClose)} …>`. The opener returns focus.
 */
import { type KeyboardEvent, type RefObject, useEffect, useRef } from 'react';

export interface ModalDialogProps {
  ref: RefObject<HTMLDialogElement | null>;
  onClose: () => void;
  onCancel: () => void;
  onKeyDown: (e: KeyboardEvent) => void;
}

export function useModalDialog(onClose: () => void): ModalDialogProps {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    }
  }, []);
  return {
    ref,
    onClose,
    onCancel: onClose,
    onKeyDown: (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        onClose();
      }
    },
  };
}
