/**
 * A Server-Sent Events parser for a stream read with fetch() (the teacher stream needs an Authorization
 * header, which EventSource cannot send). It follows WHATWG HTML §9.2.6 "Interpreting an event stream":
 * lines end in CRLF, LF or CR; a line starting with ":" is a comment; `field: value` loses one leading
 * space; `data` lines join with "\n"; a blank line dispatches the event (none when data is empty).
 */
export interface SseMessage {
  /** The `event` field, "message" when absent. */
  type: string;
  data: string;
  /** The last `id` field seen (the stream's last event id), "" when none. */
  id: string;
}

/** How long one event may grow before the parser drops it (a broken or hostile stream must not eat memory). */
export const SSE_MAX_EVENT_CHARS = 1_000_000;

/** Feed chunks of decoded text with `push`; each complete event goes to `onMessage`. */
export function sseParser(onMessage: (message: SseMessage) => void): { push(text: string): void } {
  let buffer = '';
  let type = '';
  let data: string[] = [];
  let size = 0;
  let lastId = '';
  /** A CR at the end of a chunk may be the first half of a CRLF: wait for the next chunk to tell. */
  let pendingCr = false;

  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0) onMessage({ type: type || 'message', data: data.join('\n'), id: lastId });
      type = '';
      data = [];
      size = 0;
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') type = value;
    else if (field === 'data') {
      size += value.length;
      if (size > SSE_MAX_EVENT_CHARS) {
        data = [];
        size = 0;
        return;
      }
      data.push(value);
    } else if (field === 'id' && !value.includes('\0')) lastId = value;
    // `retry` and unknown fields: nothing to do for a fetch() reader (the caller schedules reconnects).
  };

  return {
    push(text) {
      let chunk = text;
      if (pendingCr) {
        pendingCr = false;
        if (chunk.startsWith('\n')) chunk = chunk.slice(1);
      }
      buffer += chunk;
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer);
        if (!match) break;
        if (match[0] === '\r' && match.index === buffer.length - 1) {
          pendingCr = true;
          line(buffer.slice(0, match.index));
          buffer = '';
          break;
        }
        line(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
      }
      if (buffer.length > SSE_MAX_EVENT_CHARS) buffer = '';
    },
  };
}
