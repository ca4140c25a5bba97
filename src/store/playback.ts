/** The playback cursor: an index into the trace's events (-1: before anything happened). */
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;
export type Speed = (typeof SPEEDS)[number];

export interface PlaybackSlice {
  cursor: number;
  playing: boolean;
  speed: Speed;
  seek(index: number): void;
  step(delta: number): void;
  toStart(): void;
  toEnd(): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  setSpeed(speed: Speed): void;
}

export const createPlaybackSlice: StateCreator<AppState, [], [], PlaybackSlice> = (set, get) => {
  const last = () => get().timeline.trace.events.length - 1;
  const clamp = (i: number) => Math.max(-1, Math.min(last(), Math.trunc(i)));
  return {
    cursor: -1,
    playing: false,
    speed: 1,
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
  };
};
