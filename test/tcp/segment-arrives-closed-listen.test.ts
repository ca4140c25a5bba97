/** RFC 9293 §3.10.7.1 (CLOSED) and §3.10.7.2 (LISTEN), one test per rule. */
import { describe, expect, it } from 'vitest';
import { FIXTURES, inject, states } from './harness';

describe('§3.10.7.1 CLOSED', () => {
  it('CLOSED: an incoming RST is discarded', () => {
    const { reaction } = inject(FIXTURES.closed, 'A', { seq: 5, flags: ['RST'] });
    expect(reaction).toEqual({ explain: 'closed-rst-discarded', state: 'CLOSED', replies: [] });
  });

  it('CLOSED: a segment with ACK → <SEQ=SEG.ACK><CTL=RST>', () => {
    const { reaction } = inject(FIXTURES.closed, 'A', { seq: 5, ack: 777, flags: ['ACK'], len: 10 });
    expect(reaction.replies).toEqual(['B>A RST seq=777']);
    expect(reaction.explain).toBe('closed-reset');
  });

  it('CLOSED: a segment without ACK → <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> (SYN and FIN count)', () => {
    expect(inject(FIXTURES.closed, 'A', { seq: 90, flags: ['SYN'] }).reaction.replies).toEqual([
      'B>A ACK,RST seq=0 ack=91',
    ]);
    expect(inject(FIXTURES.closed, 'A', { seq: 90, flags: ['FIN'], len: 10 }).reaction.replies).toEqual([
      'B>A ACK,RST seq=0 ack=101',
    ]);
  });

  it('CLOSED: SEG.SEQ+SEG.LEN wraps modulo 2^32', () => {
    const { reaction } = inject(FIXTURES.closed, 'A', { seq: 4294967295, flags: ['SYN'] });
    expect(reaction.replies).toEqual(['B>A ACK,RST seq=0 ack=0']);
  });
});

describe('§3.10.7.2 LISTEN', () => {
  it('LISTEN: an incoming RST is ignored', () => {
    const { trace, reaction } = inject(FIXTURES.listen, 'A', { seq: 5, flags: ['RST'] });
    expect(reaction).toEqual({ explain: 'listen-rst-ignored', state: 'LISTEN', replies: [] });
    expect(trace.final.B.state).toBe('LISTEN');
  });

  it('LISTEN: any ACK is bad → <SEQ=SEG.ACK><CTL=RST>, stay in LISTEN', () => {
    const { trace, reaction } = inject(FIXTURES.listen, 'A', { seq: 5, ack: 4242, flags: ['ACK'] });
    expect(reaction.replies).toEqual(['B>A RST seq=4242']);
    expect(trace.final.B.state).toBe('LISTEN');
  });

  it('LISTEN: SYN → IRS=SEG.SEQ, RCV.NXT=SEG.SEQ+1, SYN,ACK <SEQ=ISS><ACK=RCV.NXT>, SYN-RECEIVED', () => {
    const { trace, reaction } = inject(FIXTURES.listen, 'A', { seq: 90, flags: ['SYN'], win: 1000 });
    expect(reaction).toEqual({
      explain: 'listen-syn',
      state: 'LISTEN',
      replies: ['B>A SYN,ACK seq=300 ack=91'],
    });
    expect(states(trace, 'B').slice(0, 3)).toEqual(['CLOSED', 'LISTEN', 'SYN-RECEIVED']);
  });

  it('LISTEN: anything without SYN, ACK or RST is dropped', () => {
    const { reaction } = inject(FIXTURES.listen, 'A', { seq: 5, flags: ['FIN'], len: 3 });
    expect(reaction).toEqual({ explain: 'listen-drop', state: 'LISTEN', replies: [] });
  });
});
