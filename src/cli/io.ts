/**
 * What the `sim` command needs from the outside world. main.ts uses only this, so the whole command runs
 * in-process in tests; node-io.ts and sim.ts bind it to a real process.
 */

export interface Io {
  /** Print on standard output. May throw an error with a string `code` (EPIPE, ENOSPC…): it cannot be written. */
  stdout(text: string): void;
  /** Print on standard error. Errors here are ignored: a closed progress pipe must not fail the run. */
  stderr(text: string): void;
  /**
   * The bytes of a file, or of standard input for "-". Throws InputTooLargeError once more than `maxBytes`
   * have been read, or a Node-style error (with `code`) when the file cannot be read.
   */
  readBytes?(path: string, maxBytes: number): Uint8Array;
  /**
   * Write a binary file (pcap export) whole or not at all. Throws an error with code EEXIST when the file
   * exists and `force` is false, and a Node-style error when it cannot write.
   */
  writeFile?(path: string, data: Uint8Array, options: { force: boolean }): void;
  /** Device and inode of an existing file (links followed), or null: tells whether --out is the input. */
  fileId?(path: string): string | null;
  /** stdout is a terminal: colour the ladder, unless NO_COLOR is set in `env`. */
  isTTY: boolean;
  /** stderr is a terminal: progress may redraw one line. */
  stderrIsTTY?: boolean;
  env?: Record<string, string | undefined>;
  /** Monotonic clock in ms for the Monte Carlo timing (performance.now). */
  clock?: () => number;
}

/** The input is over its size limit (thrown by Io.readBytes). */
export class InputTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`input larger than ${limit} bytes`);
  }
}
