/**
 * Printing a lesson (issue 10, "Embed and print"): while a lesson is open, the browser's Print (Ctrl+P)
 * prints its worksheet instead of the page, and the lesson panel's "Print worksheet" / "Print with answers"
 * open the print dialog on the student's or the instructor's copy. The worksheet is rendered only for
 * printing (it lays out every step's diagram) and removed afterwards.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

const Worksheet = lazy(() => import('./Worksheet').then((mod) => ({ default: mod.Worksheet })));

type Listener = (withAnswers: boolean) => void;
let listener: Listener | null = null;

/** Print the open lesson's worksheet (with the answers, for the instructor). */
export function printWorksheet(withAnswers: boolean): void {
  listener?.(withAnswers);
}

/** Mounted while a lesson is open. */
export function PrintSheet() {
  const [sheet, setSheet] = useState<{ withAnswers: boolean } | null>(null);
  useEffect(() => {
    const root = document.documentElement;
    const show = (withAnswers: boolean) => {
      flushSync(() => setSheet({ withAnswers }));
      root.classList.add('printing-worksheet');
    };
    // Ctrl+P: the student's copy, unless a button already asked for one.
    const before = () => {
      if (!root.classList.contains('printing-worksheet')) show(false);
    };
    const after = () => {
      root.classList.remove('printing-worksheet');
      setSheet(null);
    };
    listener = (withAnswers) => {
      show(withAnswers);
      // The worksheet's chunk may still be loading: print once it has drawn (the next frames).
      requestAnimationFrame(() => requestAnimationFrame(() => window.print()));
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      listener = null;
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      root.classList.remove('printing-worksheet');
    };
  }, []);
  if (!sheet) return null;
  return (
    <div className="print-sheet">
      <Suspense fallback={null}>
        <Worksheet withAnswers={sheet.withAnswers} />
      </Suspense>
    </div>
  );
}
