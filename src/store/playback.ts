/** The playback cursor: an index into the trace's events (-1: before anything happened). */
import type { StateCreator } from 'zustand';
import type { TraceEvent } from '../tcp/types';
import type { AppState } from './index';
import { isArrival } from './pace';
import { segmentById } from './selectors';

/** 1× is a reading pace (src/store/pace.ts); the fast ones run long traces (10,000 events) to the end. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 10, 100, 1000] as const;
export type Speed = (typeof SPEEDS)[number];

export interface PlaybackSlice {
  cursor: number;
  playing: boolean;
  speed: Speed;
  /** The segment under the pointer or keyboard focus on the wire: playback waits while it is in flight. */
  heldSegment: number | null;
  seek(index: number): void;
  step(delta: number): void;
  toStart(): void;
  toEnd(): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  setSpeed(speed: Speed): void;
  /**
   * One playback step, from the playback hook: show the event at `index`; stop at the last event, and at
   * an arrival or a loss when "pause at every segment" is on.
   */
  advance(index: number): void;
  /** The pointer or focus is on segment `id`'s pill (hold) or left it (release). */
  holdSegment(id: number): void;
  releaseSegment(id: number): void;
}

/** Whether playback is held: the held segment is on the wire at the cursor and has not landed yet. */
export function isHeld(s: AppState): boolean {
  if (s.heldSegment === null) return false;
  const life = segmentById(s.timeline.trace, s.heldSegment);
  return life !== undefined && life.sendIndex <= s.cursor && s.cursor < life.endIndex;
}

/** The events on screen: the world's when a v2 scenario is shown, else the timeline's. */
export const shownEvents = (s: AppState): readonly TraceEvent[] =>
  (s.world?.view.trace.events as readonly TraceEvent[] | undefined) ?? s.timeline.trace.events;

export const createPlaybackSlice: StateCreator<AppState, [], [], PlaybackSlice> = (set, get) => {
  // A lesson's checkpoint caps the cursor until its answer is known (./lesson.ts), and so does a class
  // question the student has not answered yet (./classroom.ts).
  const last = () => {
    const s = get();
    const end = shownEvents(s).length - 1;
    if (s.world) return end;
    const lesson =
      s.lessonLimit !== null && s.lessonRun?.timeline === s.timeline ? Math.min(end, s.lessonLimit) : end;
    return s.classroomLimit === null ? lesson : Math.min(lesson, s.classroomLimit);
  };
  const clamp = (i: number) => Math.max(-1, Math.min(last(), Math.trunc(i)));
  return {
    cursor: -1,
    playing: false,
    speed: 1,
    heldSegment: null,
    seek: (index) => set({ cursor: clamp(index) }),
    step: (delta) => set({ cursor: clamp(get().cursor + delta), playing: false }),
    toStart: () => set({ cursor: -1, playing: false }),
    toEnd: () => set({ cursor: last(), playing: false }),
    play: () => {
      // Playing from the end starts over.
      if (get().cursor >= last()) set({ cursor: -1 });
      set({ playing: true });
    },
    pause: () => set({ playing: false }),
    togglePlay: () => (get().playing ? get().pause() : get().play()),
    setSpeed: (speed) => set({ speed }),
    advance: (index) => {
      const s = get();
      if (!s.playing) return;
      const cursor = clamp(index);
      const stop = cursor >= last() || (s.pauseAtSegments && isArrival(shownEvents(s)[cursor]));
      set({ cursor, playing: !stop });
    },
    holdSegment: (id) => set({ heldSegment: id }),
    releaseSegment: (id) => {
      if (get().heldSegment === id) set({ heldSegment: null });
    },
  };
};
