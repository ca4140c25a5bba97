// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/store';
import { cleanupAfterEach, renderApp } from './helpers';

cleanupAfterEach();

const fileInput = () => screen.getByLabelText('Import…', { selector: 'input[type="file"]' });
const jsonFile = (text: string, name = 'scenario.json') =>
  new File([text], name, { type: 'application/json' });

describe('Import JSON', () => {
  it('a scenario that fails validation shows the JSON path and keeps the scenario', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    const before = store.getState().scenario;
    await user.upload(fileInput(), jsonFile('{"version":1,"network":{"lossRate":7},"actions":[]}'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'The imported file is not a valid scenario or capture; nothing was changed.',
    );
    expect(within(alert).getByText('$.network.lossRate')).toBeInTheDocument();
    expect(alert).toHaveTextContent('expected a number from 0 to 1, got 7');
    expect(store.getState().scenario).toBe(before);
    expect(store.getState().presetName).toBe('rfc9293-fig6');
    expect(screen.getByRole('button', { name: 'Undo' })).toBeDisabled();
  });

  it('a JSON syntax error names "$" and the line and column', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    const before = store.getState().scenario;
    await user.upload(fileInput(), jsonFile('{\n  "version": 1,\n  "actions": [,]\n}'));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('$')).toBeInTheDocument();
    expect(alert).toHaveTextContent(/invalid JSON at line 3, column 15/);
    expect(store.getState().scenario).toBe(before);
  });

  it('a file that cannot be read says so, naming the file', async () => {
    const { store } = renderApp('rfc9293-fig6');
    const file = jsonFile('{}', 'broken.json');
    file.arrayBuffer = () => Promise.reject(new Error('NotReadableError'));
    fireEvent.change(fileInput(), { target: { files: [file] } });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('broken.json')).toBeInTheDocument();
    expect(alert).toHaveTextContent('The file could not be read.');
    expect(store.getState().presetName).toBe('rfc9293-fig6');
  });

  it('a valid file replaces the scenario, clears an earlier problem, and Undo brings the old one back', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    const fig6 = store.getState().scenario;
    const lostSyn = createAppStore({ initialPreset: 'lost-syn' }).getState().exportJson();

    await user.upload(fileInput(), jsonFile('not json'));
    expect(await screen.findByRole('alert')).toBeInTheDocument();

    act(() => store.getState().seek(5));
    await user.upload(fileInput(), jsonFile(lostSyn, 'lost-syn.json'));
    expect(store.getState().scenario).toEqual(JSON.parse(lostSyn));
    // A preset saved as JSON opens as that preset again (its title, its short link).
    expect(store.getState()).toMatchObject({ presetName: 'lost-syn', cursor: -1, problem: null });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('Lost SYN', { selector: '.scenario-title' })).toBeInTheDocument();
    expect(store.getState().timeline.trace.events.some((e) => e.type === 'drop')).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(store.getState().scenario).toBe(fig6);
    expect(store.getState().presetName).toBe('rfc9293-fig6');
    expect(screen.getByText('RFC 9293 Figure 6: basic three-way handshake')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    expect(store.getState().scenario).toEqual(JSON.parse(lostSyn));
  });

  it('the same file can be imported twice in a row (the input is reset)', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('rfc9293-fig6');
    const lostSyn = createAppStore({ initialPreset: 'lost-syn' }).getState().exportJson();
    await user.upload(fileInput(), jsonFile(lostSyn));
    expect(fileInput()).toHaveValue('');
    await user.upload(fileInput(), jsonFile(lostSyn));
    expect(store.getState().past).toHaveLength(2);
  });
});
