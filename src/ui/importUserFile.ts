/** A file the user picked or dropped, handed to the store; a file that cannot be read is a problem too. */
import { type Got, issue } from '../scenarios/issue';
import { appStore } from '../store';
import { looksLikeCapture } from '../store/scenario';

/**
 * The largest files the page opens. A scenario file holds at most 10,000 actions and 10,000 faults, far
 * below 64 MB (the CLI's limit too). A capture is read whole into memory and each TCP packet becomes an
 * object, so 256 MB (a few million packets) is what a tab can hold; the CLI reads up to 1 GB.
 */
export const PAGE_SCENARIO_LIMIT = 64 * 1024 * 1024;
export const PAGE_CAPTURE_LIMIT = 256 * 1024 * 1024;

export async function importUserFile(file: File): Promise<boolean> {
  const store = appStore();
  const refuse = (got: Got) => {
    const found = issue(file.name, { code: 'bad-file', expected: { kind: 'readable-file' }, got });
    store.setState({ problem: { source: 'import', issues: [found] } });
    return false;
  };
  let bytes: Uint8Array;
  try {
    const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
    const capture = looksLikeCapture(head);
    const limit = capture ? PAGE_CAPTURE_LIMIT : PAGE_SCENARIO_LIMIT;
    if (file.size > limit) {
      return refuse({ kind: 'too-large', size: file.size, limit, what: capture ? 'capture' : 'scenario' });
    }
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    return refuse({ kind: 'error', text: String(error) });
  }
  return store.getState().importFile(file.name, bytes);
}
