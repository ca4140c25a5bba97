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
import { EMBED, fullAppUrl } from './embed';
import { useClassroomInit } from './hooks/useClassroomInit';
import { useDocumentLanguage } from './hooks/useDocumentLanguage';
import { useEmbedSteps } from './hooks/useEmbedSteps';
import { useHostMessages } from './hooks/useHostMessages';
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
/** A version 2 scenario's view (several hosts and connections): loaded with the first one opened. */
const WorldPage = lazy(() => import('./world/WorldStage').then((mod) => ({ default: mod.WorldPage })));
/** Only shown with an imported capture: loaded then, with the pcap code it needs. */
const CapturePanel = lazy(() =>
  import('./components/CapturePanel').then((mod) => ({ default: mod.CapturePanel })),
);

/** A lesson's printed worksheet (Ctrl+P during a lesson): loaded with the first lesson. */
const PrintSheet = lazy(() => import('./components/PrintSheet').then((mod) => ({ default: mod.PrintSheet })));

/** The lesson being followed (its text, checkpoints, Previous/Next): loaded with the first lesson. */
const LessonPanel = lazy(() =>
  import('./components/LessonPanel').then((mod) => ({ default: mod.LessonPanel })),
);

/** The classroom (issue 11): the student's view or the teacher's panel, and the Start/Join dialog. */
const loadClassroom = () => import('./components/classroom');
const ClassroomSlot = lazy(() => loadClassroom().then((mod) => ({ default: mod.ClassroomSlot })));
const ClassroomDialog = lazy(() => loadClassroom().then((mod) => ({ default: mod.ClassroomDialog })));

export function App() {
  const theme = useApp((s) => s.theme);
  const presenter = useApp((s) => s.presenter);
  const hasCapture = useApp((s) => s.capture !== null);
  const inWorld = useApp((s) => s.world !== null);
  const inLesson = useApp((s) => s.lessonRun !== null);
  const inClass = useApp((s) => s.classroom !== null);
  const classroomOpen = useApp((s) => s.classroomOpen);
  const m = useMessages();
  return (
    <>
      <Effects />
      {/* Presenter mode draws its light theme in high contrast, for projectors. */}
      <div
        className={`app ${theme}${presenter ? ' presenter' : ''}${presenter && theme === 'light' ? ' contrast' : ''}${EMBED.on ? ' embed' : ''}`}
        lang={m.lang}
      >
        <a className="skip-link" href="#main">
          {m.t('skipToMain')}
        </a>
        {EMBED.on ? <EmbedBar /> : <Header />}
        <ProblemBanner />
        <ComputeSlot />
        <main
          id="main"
          className={EMBED.on ? 'layout embed-layout' : inWorld ? 'layout world-layout' : 'layout'}
        >
          <div className="main-col">
            {inClass && !EMBED.on && (
              <Suspense fallback={null}>
                <ClassroomSlot />
              </Suspense>
            )}
            {inLesson && (
              <Suspense fallback={null}>
                <LessonPanel />
              </Suspense>
            )}
            {inWorld ? (
              // The world's view puts the page's controls between its stage and its narration, as v1's.
              <Suspense fallback={<Controls />}>
                <WorldPage controls={<Controls />} />
              </Suspense>
            ) : (
              <>
                <Stage />
                <Controls />
                <Narration />
                {hasCapture && !EMBED.on && (
                  <Suspense fallback={null}>
                    <CapturePanel />
                  </Suspense>
                )}
                <div className="diagrams">
                  <Suspense fallback={<div className="ladder-placeholder" />}>
                    <Ladder />
                  </Suspense>
                  {!EMBED.on && <StateDiagram />}
                </div>
              </>
            )}
          </div>
          {/* Embedded, the page keeps to the stage, controls, narration, lesson and diagram (./embed.ts). */}
          {!EMBED.on && !inWorld && (
            <aside className="side-col" aria-label={m.t('inspector')}>
              <Inspector />
              <FaultsPanel />
              <Timing />
            </aside>
          )}
        </main>
        {!EMBED.on && <DropZone />}
        {classroomOpen && (
          <Suspense fallback={null}>
            <ClassroomDialog />
          </Suspense>
        )}
        {inLesson && (
          <Suspense fallback={null}>
            <PrintSheet />
          </Suspense>
        )}
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
  useHostMessages();
  useEmbedSteps();
  useClassroomInit();
  return null;
}

/** Embedded: a line naming the app, with a link to the same moment in the full app (new tab). */
function EmbedBar() {
  const m = useMessages();
  // Re-rendered at each event: the link follows the address bar, which useUrlSync keeps on the moment shown.
  useApp((s) => s.cursor);
  const href = typeof window === 'undefined' ? '' : fullAppUrl(window.location.href);
  return (
    <header className="embed-bar">
      <h1 className="embed-name">synack</h1>
      <a href={href} target="_blank" rel="noopener">
        {m.t('openFullApp')}
      </a>
    </header>
  );
}

/** Presenter mode scales the root font size, so every rem-sized text grows with it. */
function usePresenterRoot() {
  const presenter = useApp((s) => s.presenter);
  useEffect(() => {
    document.documentElement.classList.toggle('presenter', presenter);
  }, [presenter]);
}
