/** Small, language-neutral formatting of segments and times, shared by the views. */

import { segmentLabel } from '../i18n/segment';
import { relativeBase } from '../store/selectors';
import type { Timeline } from '../tcp';
import type { SendEvent } from '../tcp/types';
import type { Messages } from './i18n';
import type { LadderText } from './ladderLayout';

export { relativeBase, segmentLabel };

export type SegmentLabeler = (send: SendEvent, sendIndex: number) => string;

const absolute: SegmentLabeler = (send) => segmentLabel(send.segment);
const relativeCache = new WeakMap<Timeline, SegmentLabeler>();

/**
 * Label segments with absolute sequence numbers, or relative to each side's ISN (seq − sender's ISS,
 * ack − sender's IRS) as Wireshark shows them. A sender with no connection (a RST from CLOSED, an injected
 * segment) keeps absolute numbers, since there is nothing to be relative to.
 */
export function labeler(timeline: Timeline, relative: boolean): SegmentLabeler {
  if (!relative) return absolute;
  let l = relativeCache.get(timeline);
  if (!l) {
    l = (send, sendIndex) => {
      const base = relativeBase(timeline, send, sendIndex);
      return base ? segmentLabel(send.segment, base) : segmentLabel(send.segment);
    };
    relativeCache.set(timeline, l);
  }
  return l;
}

/** Milliseconds with up to three decimals, no trailing zeros: 60, 1010.5, 0.001. */
export function ms(t: number): string {
  return String(Math.round(t * 1000) / 1000);
}

/** The words of the ladder diagram in the reader's language, with absolute or relative numbers. */
export function ladderText(t: Messages['t'], timeline: Timeline, relative: boolean): LadderText {
  return {
    segment: labeler(timeline, relative),
    tag: (send) =>
      [send.retransmission && t('rtx'), send.injected && t('injected'), send.duplicate && t('duplicate')]
        .filter(Boolean)
        .join(' · '),
    timeUnit: t('ladderTimeUnit'),
    gap: (skipped) => `⋯ ${t('timeGap', { ms: ms(skipped) })}`,
  };
}
