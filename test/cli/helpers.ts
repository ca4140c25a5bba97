import { type Io, main } from '../../src/cli/main';
import { fileId, readLimited } from '../../src/cli/node-io';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `sim` in-process with a fake terminal (files are read as the real command reads them). */
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
    readBytes: readLimited,
    fileId,
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
