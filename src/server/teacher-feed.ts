/**
 * The teacher's streams of one class: on connect the roster and the current question's counts, then the
 * same again after every join, answer, question or setting, coalesced to at most one push per
 * TEACHER_PUSH_MS (300 answers in a second are ten pushes, not 300 recounts).
 */
import type { Context } from './context';
import { TEACHER_PUSH_MS } from './limits';
import type { StreamSink } from './sse';
import { teacherFrames } from './views';

interface Feed {
  streams: Set<StreamSink>;
  unsubscribe: () => void;
  timer: ReturnType<typeof setTimeout> | null;
  lastPush: number;
  /** Bumped by every change: a view computed across a change is pushed again. */
  version: number;
  ended: boolean;
}

export class TeacherFeeds {
  private readonly feeds = new Map<string, Feed>();

  constructor(private readonly ctx: Context) {}

  async add(code: string, stream: StreamSink): Promise<void> {
    const feed = this.feeds.get(code) ?? this.open(code);
    feed.streams.add(stream);
    stream.onClose(() => {
      feed.streams.delete(stream);
      if (feed.streams.size > 0) return;
      feed.unsubscribe();
      if (feed.timer) clearTimeout(feed.timer);
      this.feeds.delete(code);
    });
    const version = feed.version;
    stream.write(await teacherFrames(this.ctx, code));
    if (feed.version !== version) this.schedule(code, feed);
  }

  private open(code: string): Feed {
    const feed: Feed = {
      streams: new Set(),
      unsubscribe: () => {},
      timer: null,
      lastPush: 0,
      version: 0,
      ended: false,
    };
    feed.unsubscribe = this.ctx.bus.subscribe(code, (message) => {
      if (message.kind === 'event' && message.event.type === 'state') return;
      if (message.kind === 'event' && message.event.type === 'end') feed.ended = true;
      feed.version++;
      this.schedule(code, feed);
    });
    this.feeds.set(code, feed);
    return feed;
  }

  private schedule(code: string, feed: Feed): void {
    if (feed.timer) return;
    const wait = Math.max(0, feed.lastPush + TEACHER_PUSH_MS - Date.now());
    feed.timer = setTimeout(() => {
      feed.timer = null;
      feed.lastPush = Date.now();
      this.push(code, feed).catch(() => {
        for (const stream of feed.streams) stream.end(this.ctx.settings.retryMs);
      });
    }, wait);
  }

  private async push(code: string, feed: Feed): Promise<void> {
    if (feed.streams.size === 0 || this.ctx.closing) return;
    const frames = await teacherFrames(this.ctx, code);
    for (const stream of [...feed.streams]) {
      stream.write(frames);
      // The class is over: the teacher's page reads the results from the summary and the CSV.
      if (feed.ended) stream.end();
    }
  }
}
