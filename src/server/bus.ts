/**
 * Fan-out between the requests of one class: a pushed event reaches every stream and held poll, a join or
 * an answer wakes the teacher's stream. Behind an interface so that several server processes can share a
 * Redis pub/sub instead of this in-process one. Messages are published after their write is committed; a
 * subscriber that needs what it missed reads the store (the bus is a wake-up, the log is the truth).
 */
import type { ClassEvent } from './protocol';

export type BusMessage =
  | { kind: 'event'; event: ClassEvent }
  /** Something the teacher's stream shows changed: the roster, the answers, the anonymous setting. */
  | { kind: 'teacher' };

export type BusListener = (message: BusMessage) => void;

export interface EventBus {
  publish(code: string, message: BusMessage): void;
  /** Returns the unsubscribe function. */
  subscribe(code: string, listener: BusListener): () => void;
  close(): Promise<void>;
}

export class LocalBus implements EventBus {
  private readonly topics = new Map<string, Set<BusListener>>();

  publish(code: string, message: BusMessage): void {
    const listeners = this.topics.get(code);
    if (!listeners) return;
    // A copy: a listener may unsubscribe (a stream ending on `end`) while the others are told.
    for (const listener of [...listeners]) {
      try {
        listener(message);
      } catch {
        // One broken stream must not keep the event from the rest of the class.
      }
    }
  }

  subscribe(code: string, listener: BusListener): () => void {
    let listeners = this.topics.get(code);
    if (!listeners) {
      listeners = new Set();
      this.topics.set(code, listeners);
    }
    listeners.add(listener);
    return () => {
      const current = this.topics.get(code);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.topics.delete(code);
    };
  }

  /** How many listeners a class has (for tests: streams unsubscribe when they end). */
  listenerCount(code: string): number {
    return this.topics.get(code)?.size ?? 0;
  }

  async close(): Promise<void> {
    this.topics.clear();
  }
}
