import type { PrefsStorage } from '../store/prefs';
import type { ProgressFile } from './types';

export const PROGRESS_KEY = 'synack.lessons';

export function readProgress(_storage: PrefsStorage | undefined): ProgressFile {
  throw new Error('not yet');
}

export function writeProgress(_storage: PrefsStorage | undefined, _file: ProgressFile): void {
  throw new Error('not yet');
}
