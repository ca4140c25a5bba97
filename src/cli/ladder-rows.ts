/**
 * What both ladders (./ladder.ts for v1, ./ladder-v2.ts for a world of hosts) draw the same way: a row and
 * its colour, the tags of a send, a segment's flags, and the word-wrapped explanations.
 */
import type { WireSegment } from '../tcp/types';

export type Tone = 'plain' | 'state' | 'drop' | 'error' | 'note' | 'header';

const ANSI: Record<Tone, string> = {
  plain: '',
  state: '\x1b[36m',
  drop: '\x1b[31m',
  error: '\x1b[1;31m',
  note: '\x1b[2m',
  header: '\x1b[1m',
};

export interface Row {
  text: string;
  tone: Tone;
}

/** A row as printed: in its ANSI colour when `color` (a terminal that wants them), else plain text. */
export function paintRow(row: Row, color: boolean | undefined): string {
  return color && row.tone !== 'plain' ? `${ANSI[row.tone]}${row.text}\x1b[0m` : row.text;
}

/** What a send event is besides a first transmission: "(retransmission)", "(injected)", "(duplicate)". */
export function eventTags(event: {
  type: string;
  retransmission?: boolean;
  injected?: boolean;
  duplicate?: boolean;
}): string[] {
  if (event.type !== 'send') return [];
  const tags: string[] = [];
  if (event.retransmission) tags.push('(retransmission)');
  if (event.injected) tags.push('(injected)');
  if (event.duplicate) tags.push('(duplicate)');
  return tags;
}

export function flagLabel(segment: WireSegment): string {
  return segment.flags.length > 0 ? segment.flags.join(',') : '<no flags>';
}

/** Word-wrap `text`; `tail` (a citation) is kept in one piece. */
export function wrap(text: string, width: number, tail = ''): string[] {
  const lines: string[] = [];
  let current = '';
  const words = text.split(' ');
  if (tail) words.push(tail);
  for (const word of words) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}
