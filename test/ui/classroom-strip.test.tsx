// @vitest-environment jsdom
/**
 * The teacher panel's two shapes (issue 11, the projected page): while the class is joining, the full join
 * details (code, QR code, link); once students have joined or a question is out, one strip (code, count,
 * Ask / Reveal / Reset question, the answered count, a small QR code, "Show code for the room") and "Show
 * details" for the question's distribution, the names, the link, the CSV and End class — collapsed while
 * students answer, open by default after the reveal (the room looks at the distribution), and collapsible.
 * Oracles: the pinned names (src/i18n/teach.ts) and the fixture's class of 30 (12 answered).
 */
import '@testing-library/jest-dom/vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLang } from '../../src/ui/i18n';
import { COUNTS, JOIN_URL, openQuestion, setup, synAckAnswer } from './classroom-fixtures';
import { cleanupAfterEach, stubMatchMedia } from './helpers';

cleanupAfterEach();
beforeAll(async () => {
  stubMatchMedia();
  await loadLang('en');
  await loadLang('zh-CN');
});

const region = () => screen.getByRole('region', { name: 'Class ABC234' });
const toggle = (name: string) => within(region()).getByRole('button', { name });

describe('while the class is joining', () => {
  it('shows the join details in full and no details toggle', () => {
    setup('en', { roster: { students: 0, names: [] } }, { details: false });
    expect(within(region()).getByTestId('join-url')).toHaveTextContent(JOIN_URL);
    expect(within(region()).getByRole('img', { name: `QR code for ${JOIN_URL}` })).toHaveClass('teach-qr');
    expect(within(region()).queryByRole('button', { name: 'Show details' })).toBeNull();
    expect(within(region()).getByRole('button', { name: 'End class' })).toBeInTheDocument();
    // The Ask button's hint is shown as text while nothing is asked.
    expect(
      within(region()).getByText('Asks what the next segment will be and pauses the simulation.'),
    ).toBeVisible();
  });
});

describe('once students have joined', () => {
  it('is one strip; Show details opens the names, link, CSV and End class, Hide details closes them', () => {
    setup('en', {}, { details: false });
    expect(within(region()).getByTestId('class-code')).toHaveTextContent('ABC234');
    expect(within(region()).getByText('30 students')).toBeInTheDocument();
    expect(within(region()).getByRole('button', { name: 'Ask' })).toBeInTheDocument();
    expect(within(region()).getByRole('button', { name: 'Show code for the room' })).toBeInTheDocument();
    expect(within(region()).getByRole('img', { name: `QR code for ${JOIN_URL}` })).toHaveClass(
      'teach-qr-thumb',
    );
    const show = toggle('Show details');
    expect(show).toHaveAttribute('aria-expanded', 'false');
    expect(within(region()).queryByRole('button', { name: 'End class' })).toBeNull();
    expect(within(region()).queryByRole('checkbox', { name: 'Hide names' })).toBeNull();

    fireEvent.click(show);
    const hide = toggle('Hide details');
    expect(hide).toHaveAttribute('aria-expanded', 'true');
    expect(document.getElementById(hide.getAttribute('aria-controls') ?? '')).toBeVisible();
    expect(within(region()).getByRole('button', { name: 'End class' })).toBeInTheDocument();
    expect(within(region()).getByRole('checkbox', { name: 'Hide names' })).toBeInTheDocument();
    expect(within(region()).getByRole('link', { name: 'Download results (CSV)' })).toBeInTheDocument();
    expect(within(region()).getByTestId('join-url')).toHaveTextContent(JOIN_URL);

    fireEvent.click(hide);
    expect(toggle('Show details')).toHaveAttribute('aria-expanded', 'false');
    expect(within(region()).queryByRole('button', { name: 'End class' })).toBeNull();
  });

  it('a half-made End class confirmation survives collapsing the details', () => {
    setup('en');
    fireEvent.click(within(region()).getByRole('button', { name: 'End class' }));
    fireEvent.click(toggle('Hide details'));
    fireEvent.click(toggle('Show details'));
    expect(within(region()).getByRole('button', { name: 'Yes, end the class' })).toBeInTheDocument();
  });
});

describe('a question', () => {
  it('open: Ask, Reveal, Reset question and 12 of 30 answered in the strip; the distribution folded away', () => {
    setup('en', { question: openQuestion() }, { details: false });
    for (const name of ['Ask', 'Reveal', 'Reset question'])
      expect(within(region()).getByRole('button', { name })).toBeInTheDocument();
    expect(within(region()).getByTestId('answered-count')).toHaveTextContent('12 of 30 answered');
    expect(within(region()).queryByRole('list', { name: 'Flags' })).toBeNull();
    expect(toggle('Show details')).toHaveAttribute('aria-expanded', 'false');
  });

  it('revealed: the details open by default with the marked distribution; folding them stays folded', () => {
    const { store, setClassroom } = setup('en', { question: openQuestion() }, { details: false });
    const index = store
      .getState()
      .timeline.trace.events.findIndex((e) => e.type === 'send' && e.from === 'B');
    setClassroom({
      question: openQuestion({ status: 'revealed', reveal: { answer: synAckAnswer(index), counts: COUNTS } }),
    });
    expect(toggle('Hide details')).toHaveAttribute('aria-expanded', 'true');
    expect(within(screen.getByRole('list', { name: 'Flags' })).getByText(/correct/)).toBeInTheDocument();
    expect(screen.getByText('The answer: B sends SYN,ACK seq=300 ack=101.')).toBeInTheDocument();

    fireEvent.click(toggle('Hide details'));
    expect(screen.queryByRole('list', { name: 'Flags' })).toBeNull();
    // The next question starts folded again: the room answers with the simulation in view.
    setClassroom({ question: openQuestion({ id: 2 }) });
    expect(toggle('Show details')).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('list', { name: 'Flags' })).toBeNull();
  });

  it('zh-CN: 展开详情 and 收起详情', () => {
    setup('zh-CN', { question: openQuestion() }, { details: false });
    const zhRegion = screen.getByRole('region', { name: '课堂 ABC234' });
    fireEvent.click(within(zhRegion).getByRole('button', { name: '展开详情' }));
    expect(within(zhRegion).getByRole('button', { name: '收起详情' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    expect(within(zhRegion).getByRole('button', { name: '下课' })).toBeInTheDocument();
  });

  it('ended: the details open by default with the CSV and "Close the class panel", which leaves the class', () => {
    const { calls } = setup('en', { ended: true, question: openQuestion() }, { details: false });
    expect(toggle('Hide details')).toHaveAttribute('aria-expanded', 'true');
    expect(within(region()).getByRole('link', { name: 'Download results (CSV)' })).toBeInTheDocument();
    const close = within(region()).getByRole('button', { name: 'Close the class panel' });
    expect(close).toHaveAccessibleDescription(
      'Download the results first: closing forgets this class on this page.',
    );
    fireEvent.click(close);
    expect(calls.map((c) => c.action)).toEqual(['leaveClass']);
  });
});
