/** RFC 9293 §3.10.7.3 SYN-SENT. A has ISS=100 and SND.NXT=101; its first SYN is lost so it waits. */
import { describe, expect, it } from 'vitest';
import { appEvents, FIXTURES, inject, stateAt } from './harness';

const f = FIXTURES.synSentA;

describe('§3.10.7.3 SYN-SENT', () => {
  it('SYN-SENT: ACK =< ISS → <SEQ=SEG.ACK><CTL=RST>, discard', () => {
    const { trace, reaction } = inject(f, 'B', { seq: 300, ack: 100, flags: ['SYN', 'ACK'] });
    expect(reaction).toEqual({
      explain: 'synsent-bad-ack-reset',
      state: 'SYN-SENT',
      replies: ['A>B RST seq=100'],
    });
    expect(stateAt(trace, 'A', 151)).toBe('SYN-SENT');
  });

  it('SYN-SENT: ACK > SND.NXT → <SEQ=SEG.ACK><CTL=RST>', () => {
    const { reaction } = inject(f, 'B', { seq: 300, ack: 500, flags: ['ACK'] });
    expect(reaction.replies).toEqual(['A>B RST seq=500']);
  });

  it('SYN-SENT: unacceptable ACK with RST → drop silently', () => {
    const { reaction } = inject(f, 'B', { seq: 300, ack: 500, flags: ['ACK', 'RST'] });
    expect(reaction).toEqual({ explain: 'synsent-bad-ack-rst-dropped', state: 'SYN-SENT', replies: [] });
  });

  it('SYN-SENT: RST with acceptable ACK → CLOSED, ECONNREFUSED', () => {
    const { trace, reaction } = inject(f, 'B', { seq: 0, ack: 101, flags: ['ACK', 'RST'] });
    expect(reaction.explain).toBe('synsent-rst-refused');
    expect(stateAt(trace, 'A', 150)).toBe('CLOSED');
    expect(appEvents(trace, 'A')).toContain('error:ECONNREFUSED');
    expect(trace.final.A).toEqual({ state: 'CLOSED', error: 'ECONNREFUSED' });
  });

  it('SYN-SENT: RST without ACK → drop, stay in SYN-SENT', () => {
    const { trace, reaction } = inject(f, 'B', { seq: 0, flags: ['RST'] });
    expect(reaction).toEqual({ explain: 'synsent-rst-no-ack', state: 'SYN-SENT', replies: [] });
    expect(stateAt(trace, 'A', 151)).toBe('SYN-SENT');
  });

  it('SYN-SENT: SYN,ACK acknowledging our SYN → ESTABLISHED, <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>', () => {
    const { trace, reaction } = inject(f, 'B', { seq: 700, ack: 101, flags: ['SYN', 'ACK'] });
    expect(reaction).toEqual({
      explain: 'synsent-synack',
      state: 'SYN-SENT',
      replies: ['A>B ACK seq=101 ack=701'],
    });
    expect(stateAt(trace, 'A', 150)).toBe('ESTABLISHED');
    expect(appEvents(trace, 'A')[0]).toBe('connected');
  });

  it('SYN-SENT: SYN without ACK → SYN-RECEIVED, <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> (simultaneous open)', () => {
    const { trace, reaction } = inject(f, 'B', { seq: 700, flags: ['SYN'] });
    expect(reaction).toEqual({
      explain: 'synsent-syn-simultaneous',
      state: 'SYN-SENT',
      replies: ['A>B SYN,ACK seq=100 ack=701'],
    });
    expect(stateAt(trace, 'A', 150)).toBe('SYN-RECEIVED');
  });

  it('SYN-SENT: neither SYN nor RST → drop', () => {
    const { reaction } = inject(f, 'B', { seq: 700, ack: 101, flags: ['ACK'] });
    expect(reaction).toEqual({ explain: 'synsent-no-syn-dropped', state: 'SYN-SENT', replies: [] });
  });
});
