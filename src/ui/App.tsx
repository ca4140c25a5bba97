/**
 * The simulator page. Data flows one way: scenario → engine (in the store) → trace → cursor → components.
 * Animation lives in the components that draw; pacing lives in usePlayback; the URL mirrors the store.
 */
import { lazy, Suspense, useEffect } from 'react';
import { useApp } from '../store';
import { ComputeSlot } from './components/ComputeSlot';
import { Controls } from './components/Controls';
import { DropZone } from './components/DropZone';
import { FaultsPanel } from './components/FaultsPanel';
import { Header } from './components/Header';
import { Inspector } from './components/Inspector';
import { Narration } from './components/Narration';
import { ProblemBanner } from './components/ProblemBanner';
import { Stage } from './components/Stage';
import { StateDiagram } from './components/StateDiagram';
import { Timing } from './components/Timing';
import { useDocumentLanguage } from './hooks/useDocumentLanguage';
import { useKeyboard } from './hooks/useKeyboard';
import { useSystemTheme } from './hooks/useMedia';
import { usePlayback } from './hooks/usePlayback';
import { useUrlSync } from './hooks/useUrlSync';
import { useWarmIndexes } from './hooks/useWarmIndexes';
import { useMessages } from './i18n';

/**
 * The sequence diagram (its layout and label placement) is a chunk of its own, so the initial bundle stays
 * within budget; main.tsx starts fetching it before the first render, so it is there by the time one looks.
 * Its placeholder holds its grid cell, so the state diagram beside it does not move.
 */
export const loadLadder = () => import('./components/Ladder');
const Ladder = lazy(() => loadLadder().then((mod) => ({ default: mod.Ladder })));
/** Only shown with an imported capture: loaded then, with the pcap code it needs. */
const CapturePanel = lazy(() =>
  import('./components/CapturePanel').then((mod) => ({ default: mod.CapturePanel })),
);

/** The lesson being followed (its text, checkpoints, Previous/Next): loaded with the first lesson. */
const LessonPanel = lazy(() =>
  import('./components/LessonPanel').then((mod) => ({ default: mod.LessonPanel })),
);

export function App() {
  const theme = useApp((s) => s.theme);
  const presenter = useApp((s) => s.presenter);
  const hasCapture = useApp((s) => s.capture !== null);
  const inLesson = useApp((s) => s.lessonRun !== null);
  const m = useMessages();
  return (
    <>
      <Effects />
      {/* Presenter mode draws its light theme in high contrast, for projectors. */}
      <div
        className={`app ${theme}${presenter ? ' presenter' : ''}${presenter && theme === 'light' ? ' contrast' : ''}`}
        lang={m.lang}
      >
        <a className="skip-link" href="#main">
          {m.t('skipToMain')}
        </a>
        <Header />
        <ProblemBanner />
        <ComputeSlot />
        <main id="main" className="layout">
          <div className="main-col">
            {inLesson && (
              <Suspense fallback={null}>
                <LessonPanel />
              </Suspense>
            )}
            <Stage />
            <Controls />
            <Narration />
            {hasCapture && (
              <Suspense fallback={null}>
                <CapturePanel />
              </Suspense>
            )}
            <div className="diagrams">
              <Suspense fallback={<div className="ladder-placeholder" />}>
                <Ladder />
              </Suspense>
              <StateDiagram />
            </div>
          </div>
          <aside className="side-col" aria-label={m.t('inspector')}>
            <Inspector />
            <FaultsPanel />
            <Timing />
          </aside>
        </main>
        <DropZone />
      </div>
    </>
  );
}

/**
 * Pacing, keyboard and URL sync subscribe to the cursor, and the index warm-up to the trace; living here,
 * they do not re-render the page.
 */
function Effects() {
  usePlayback();
  useKeyboard();
  useUrlSync();
  usePresenterRoot();
  useDocumentLanguage();
  useSystemTheme();
  useWarmIndexes();
  return null;
}

/** Presenter mode scales the root font size, so every rem-sized text grows with it. */
function usePresenterRoot() {
  const presenter = useApp((s) => s.presenter);
  useEffect(() => {
    document.documentElement.classList.toggle('presenter', presenter);
  }, [presenter]);
}
