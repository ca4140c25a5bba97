/** Small, language-neutral formatting of segments and times, shared by the views. */

import { segmentLabel } from '../i18n/segment';
import { tcbValue } from '../store/selectors';
import type { Timeline } from '../tcp';
import type { SendEvent } from '../tcp/types';
import type { Messages } from './i18n';
import type { LadderText } from './ladderLayout';

export { segmentLabel };

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

/** What a relative label subtracts from seq and ack (the sender's ISS and IRS), or null if it stays absolute. */
export function relativeBase(
  timeline: Timeline,
  send: SendEvent,
  sendIndex: number,
): { seq: number; ack: number } | null {
  if (send.injected) return null;
  // The sender's ISS and IRS as they stood when it sent: absolute where it had none (tcbValue).
  const me = timeline.stateBefore(sendIndex)[send.from];
  const iss = tcbValue(me, 'iss');
  return iss === null ? null : { seq: iss, ack: tcbValue(me, 'irs') ?? 0 };
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
