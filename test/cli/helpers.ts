import { readFileSync } from 'node:fs';
import { type Io, main } from '../../src/cli/main';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `sim` in-process with a fake terminal. */
export function sim(argv: string[], overrides: Partial<Io> = {}): Run {
  let stdout = '';
  let stderr = '';
  const code = main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readFile: (path) => readFileSync(path, 'utf8'),
    isTTY: false,
    env: {},
    ...overrides,
  });
  return { code, stdout, stderr };
}

/** Exit 2, nothing on stdout, exactly one line on stderr, which mentions `mention`. */
export function expectRejected(run: Run, mention: string): void {
  if (run.code !== 2 || run.stdout !== '' || run.stderr.split('\n').length !== 2) {
    throw new Error(`expected one error line and exit 2, got ${run.code}:\n${run.stderr}${run.stdout}`);
  }
  if (!run.stderr.startsWith('sim: ') || !run.stderr.includes(mention)) {
    throw new Error(`expected the error to mention ${mention}: ${run.stderr}`);
  }
}
