/**
 * Pacing: while playing, advance the cursor at a reading pace (src/store/pace.ts): each arrival, loss and
 * state change waits long enough to read its narration in the language shown. Playback waits while the
 * pointer or keyboard focus is on a segment in flight (the wire holds it) and resumes with the time that
 * was left. This is the only place that schedules playback; an animation finishing never moves the cursor.
 */
import { useEffect, useRef, useState } from 'react';
import { appStore, useApp } from '../../store';
import { type NarrationOf, nextStep } from '../../store/pace';
import { isHeld } from '../../store/playback';
import type { Timeline } from '../../tcp';
import { labeler } from '../format';
import { type Messages, useMessages } from '../i18n';
import { narrate } from '../narration';

type WorldNarration = typeof import('../world/narrateWorld');
/** The world's narration (a lazy chunk, shared with its view): loaded with the first world played. */
let worldNarration: WorldNarration | null = null;

/** The narration the page shows for each event (as <Narration>), for measuring how long it takes to read. */
export function narrationFor(timeline: Timeline, m: Messages, relativeSeq: boolean): NarrationOf {
  const label = labeler(timeline, relativeSeq);
  return (index) => narrate(timeline, index, m, '', label);
}

/** What was left of a dwell that a hold (or a language switch) interrupted. */
interface Interrupted {
  cursor: number;
  timeline: Timeline;
  speed: number;
  remainingMs: number;
}

export function usePlayback(): void {
  const playing = useApp((s) => s.playing);
  const cursor = useApp((s) => s.cursor);
  const speed = useApp((s) => s.speed);
  const timeline = useApp((s) => s.timeline);
  const world = useApp((s) => s.world);
  const held = useApp(isHeld);
  const pauseAtSegments = useApp((s) => s.pauseAtSegments);
  const relativeSeq = useApp((s) => s.relativeSeq);
  const m = useMessages();
  const interrupted = useRef<Interrupted | null>(null);
  // Set once the world's narration has loaded, so the effect runs again with it.
  const [narrationLoaded, setNarrationLoaded] = useState(worldNarration !== null);
  useEffect(() => {
    if (!playing) {
      interrupted.current = null;
      return;
    }
    if (world && !narrationLoaded) {
      // Wait for the sentences, so the first event of a world waits as long as its narration needs.
      let live = true;
      void import('../world/narrateWorld').then((mod) => {
        worldNarration = mod;
        if (live) setNarrationLoaded(true);
      });
      return () => {
        live = false;
      };
    }
    const narrationOf: NarrationOf = world
      ? (index) => worldNarration?.narrateWorldEvent(world.view, index, m) ?? ''
      : narrationFor(timeline, m, relativeSeq);
    const events = world ? (world.view.trace.events as Timeline['trace']['events']) : timeline.trace.events;
    const step = nextStep(events, cursor, narrationOf, speed, pauseAtSegments);
    if (!step) {
      appStore().getState().pause();
      return;
    }
    const left = interrupted.current;
    const resumes =
      left !== null && left.cursor === cursor && left.timeline === timeline && left.speed === speed;
    const waitMs = resumes ? Math.min(step.waitMs, left.remainingMs) : step.waitMs;
    if (held) {
      interrupted.current = { cursor, timeline, speed, remainingMs: waitMs };
      return;
    }
    interrupted.current = null;
    const dueAt = Date.now() + waitMs;
    const timer = setTimeout(() => appStore().getState().advance(step.to), waitMs);
    return () => {
      clearTimeout(timer);
      interrupted.current = { cursor, timeline, speed, remainingMs: Math.max(0, dueAt - Date.now()) };
    };
  }, [playing, cursor, speed, timeline, world, narrationLoaded, held, pauseAtSegments, relativeSeq, m]);
}
