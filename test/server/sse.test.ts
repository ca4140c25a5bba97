/**
 * SSE frames as WHATWG HTML §9.2.6 parses them: `id:`, `event:`, one `data:` line, a blank line. A class
 * event's frame is encoded once and shared by every stream that carries the same event object.
 */
import { describe, expect, it } from 'vitest';
import { eventFrame, sseFrame, sseRetry } from '../../src/server/sse';

describe('SSE frames', () => {
  it('an event is id, event and one line of JSON data, then a blank line', () => {
    expect(sseFrame('state', { cursor: 7, note: 'a\nb' }, 12)).toBe(
      'id: 12\nevent: state\ndata: {"cursor":7,"note":"a\\nb"}\n\n',
    );
    expect(sseRetry(2000)).toBe('retry: 2000\n\n');
  });

  it("a class event's frame is built once for every stream that sends the same event", () => {
    const data = { cursor: 3 };
    const event = { id: 4, type: 'state', data };
    const first = eventFrame(event);
    expect(first).toBe('id: 4\nevent: state\ndata: {"cursor":3}\n\n');
    // The same object again: the cached frame, even if someone changed the data since (nobody should).
    data.cursor = 99;
    expect(eventFrame(event)).toBe(first);
    // Another object (a replay from the log) is encoded for itself.
    expect(eventFrame({ id: 4, type: 'state', data: { cursor: 99 } })).toBe(
      'id: 4\nevent: state\ndata: {"cursor":99}\n\n',
    );
  });
});
