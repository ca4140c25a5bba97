/** A file the user picked or dropped, handed to the store; a file that cannot be read is a problem too. */
import { appStore } from '../store';

export async function importUserFile(file: File, readError: string): Promise<boolean> {
  const store = appStore();
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    store.setState({ problem: { source: 'import', issues: [{ path: file.name, message: readError }] } });
    return false;
  }
  return store.getState().importFile(file.name, bytes);
}
