/**
 * The Header's "Statistics" button: opens the statistics lab (StatsLab.tsx, a lazy chunk) in a modal dialog,
 * and puts focus back on the button when it closes. Its own component so the Header only places it.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useMessages } from '../i18n';

const StatsLabDialog = lazy(() => import('./StatsLab').then((mod) => ({ default: mod.StatsLabDialog })));

export function StatsButton() {
  const { t } = useMessages();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !open) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return (
    <>
      <button ref={button} type="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('statistics')}
      </button>
      {open && (
        <Suspense fallback={null}>
          <StatsLabDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
