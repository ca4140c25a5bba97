/**
 * Pacing: while playing, advance the cursor one event at a time. The delay follows the speed and how much
 * simulated time passes before the next event, so a 1 s retransmission timeout feels longer than two
 * events at the same instant, without ever waiting more than a couple of seconds.
 */
import { useEffect } from 'react';
import { appStore, useApp } from '../../store';

const BASE_MS = 650;

export function delayBefore(nextGapMs: number, speed: number): number {
  const weight = nextGapMs <= 0 ? 0.5 : Math.min(3, 1 + Math.log10(1 + nextGapMs / 100));
  return (BASE_MS * weight) / speed;
}

export function usePlayback(): void {
  const playing = useApp((s) => s.playing);
  const cursor = useApp((s) => s.cursor);
  const speed = useApp((s) => s.speed);
  useEffect(() => {
    if (!playing) return;
    const s = appStore().getState();
    const events = s.timeline.trace.events;
    if (cursor >= events.length - 1) {
      s.pause();
      return;
    }
    const now = events[cursor]?.t ?? 0;
    const next = events[cursor + 1]?.t ?? now;
    const timer = setTimeout(
      () => {
        const st = appStore().getState();
        if (st.playing) st.seek(st.cursor + 1);
      },
      delayBefore(next - now, speed),
    );
    return () => clearTimeout(timer);
  }, [playing, cursor, speed]);
}
