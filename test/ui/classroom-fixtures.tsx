/**
 * The teacher panel's test fixtures: a class of 30 (ABC234) answering RFC 9293 figure 6's second segment
 * (B's SYN,ACK seq=300 ack=101; counts made up by hand), and a store with the classroom actions replaced by
 * doubles that record their calls.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Counts, RevealAnswer } from '../../src/server/protocol';
import type { ClassQuestion, ClassroomView } from '../../src/store/classroom';
import { TeacherPanel } from '../../src/ui/components/classroom/TeacherPanel';
import { freshStore } from './helpers';

export const JOIN_URL = 'http://192.168.1.20:8080/?join=ABC234';

export function view(over: Partial<ClassroomView> = {}): ClassroomView {
  return {
    role: 'teacher',
    code: 'ABC234',
    joinUrl: JOIN_URL,
    connection: 'live',
    fallbackReason: null,
    exploring: false,
    latest: null,
    question: null,
    roster: {
      students: 30,
      names: [
        { studentId: 's_1', nickname: 'Li Wei', answered: true },
        { studentId: 's_2', nickname: '<b>Ann</b>', answered: false },
      ],
    },
    anonymous: false,
    ended: false,
    error: null,
    ...over,
  };
}

/** 12 of 30 answered: 7 right; 2 kept A's ack as seq; 2 forgot SYN; 1 sent SYN with seq blank. */
export const COUNTS: Counts = {
  students: 30,
  answered: 12,
  correct: 7,
  answers: [
    {
      value: 'SYN,ACK seq=300 ack=101 len=0',
      count: 7,
      correct: true,
      answer: { flags: ['SYN', 'ACK'], seq: 300, ack: 101, len: 0 },
    },
    {
      value: 'SYN,ACK seq=101 ack=101 len=0',
      count: 2,
      correct: false,
      answer: { flags: ['SYN', 'ACK'], seq: 101, ack: 101, len: 0 },
    },
    {
      value: 'ACK seq=300 ack=101 len=0',
      count: 2,
      correct: false,
      answer: { flags: ['ACK'], seq: 300, ack: 101, len: 0 },
    },
    {
      value: 'SYN seq=? ack=100 len=0',
      count: 1,
      correct: false,
      answer: { flags: ['SYN'], seq: null, ack: 100, len: 0 },
    },
  ],
  other: 0,
  fields: {
    flags: [
      { value: 'SYN,ACK', count: 9, correct: true },
      { value: 'ACK', count: 2, correct: false },
      { value: 'SYN', count: 1, correct: false },
    ],
    seq: [
      { value: '300', count: 9, correct: true },
      { value: '101', count: 2, correct: false },
      { value: '?', count: 1, correct: false },
    ],
    ack: [
      { value: '101', count: 11, correct: true },
      { value: '100', count: 1, correct: false },
    ],
    len: [{ value: '0', count: 12, correct: true }],
  },
};

/** B's SYN,ACK is the trace's second send; its index is looked up in the run, not assumed. */
export function synAckAnswer(index: number): RevealAnswer {
  return {
    kind: 'next-segment',
    flags: ['SYN', 'ACK'],
    seq: 300,
    ack: 101,
    len: 0,
    from: 'B',
    index,
    explain: 'listen-syn',
    rfc: '3.10.7.2',
  };
}

export function openQuestion(over: Partial<ClassQuestion> = {}): ClassQuestion {
  return {
    id: 1,
    checkpoint: { kind: 'next-segment', endpoint: 'B' },
    cursor: -1,
    status: 'open',
    reveal: null,
    live: COUNTS,
    ...over,
  };
}

/**
 * The panel for `over`; with `details` (the default) its "Show details" toggle is opened when the panel is
 * the strip, so a test reads the question's distribution, the names and End class.
 */
export function setup(
  lang: 'en' | 'zh-CN' = 'en',
  over: Partial<ClassroomView> = {},
  { details = true }: { details?: boolean } = {},
) {
  const { store, storage } = freshStore('rfc9293-fig6', { languages: [lang] });
  const calls: { action: string; args: unknown[] }[] = [];
  const double =
    (action: string, effect?: (...args: unknown[]) => void) =>
    async (...args: unknown[]) => {
      calls.push({ action, args });
      effect?.(...args);
      return true;
    };
  store.setState({
    classroom: view(over),
    ask: double('ask'),
    reveal: double('reveal'),
    resetQuestion: double('resetQuestion'),
    endClass: double('endClass'),
    leaveClass: () => void calls.push({ action: 'leaveClass', args: [] }),
    // Like the client: the setting comes back and the slice says so.
    setAnonymous: double('setAnonymous', (on) =>
      store.setState((s) => ({ classroom: s.classroom && { ...s.classroom, anonymous: on === true } })),
    ),
  });
  render(<TeacherPanel />);
  const toggle = screen.queryByRole('button', { name: lang === 'en' ? 'Show details' : '展开详情' });
  if (details && toggle) fireEvent.click(toggle);
  const setClassroom = (patch: Partial<ClassroomView>) =>
    act(() => store.setState((s) => ({ classroom: s.classroom && { ...s.classroom, ...patch } })));
  return { store, storage, calls, setClassroom };
}

/** The list items of the bar list named `name`, as "value count [correct]" lines. */
export function bars(name: string): string[] {
  return within(screen.getByRole('list', { name }))
    .getAllByRole('listitem')
    .map((li) =>
      [...li.children]
        .map((part) => part.textContent?.trim() ?? '')
        .filter(Boolean)
        .join(' '),
    );
}
