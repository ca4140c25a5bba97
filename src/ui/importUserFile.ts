/** A file the user picked or dropped, handed to the store; a file that cannot be read is a problem too. */
import { issue } from '../scenarios/issue';
import { appStore } from '../store';

export async function importUserFile(file: File): Promise<boolean> {
  const store = appStore();
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    const found = issue(file.name, {
      code: 'bad-file',
      expected: { kind: 'readable-file' },
      got: { kind: 'error', text: String(error) },
    });
    store.setState({ problem: { source: 'import', issues: [found] } });
    return false;
  }
  return store.getState().importFile(file.name, bytes);
}
