/**
 * `npm run sim -- …`: binds the `sim` command (main.ts) to this process. Nothing else lives here.
 * Output goes through synchronous writes on fd 1 and 2 (node-io.ts), not process.stdout: a full disk or a
 * closed pipe is then an error main catches and reports in one line, not a stack trace from an 'error'
 * event after main returned. process.stdout is never touched (creating it may make a pipe non-blocking).
 */
import { performance } from 'node:perf_hooks';
import { isatty } from 'node:tty';
import { main } from './main';
import { fileId, readLimited, stderrWriter, writeAll, writeFileSafely } from './node-io';

const code = main(process.argv.slice(2), {
  stdout: (text) => writeAll(1, text),
  stderr: stderrWriter(2),
  readBytes: readLimited,
  writeFile: writeFileSafely,
  fileId,
  isTTY: isatty(1),
  stderrIsTTY: isatty(2),
  env: process.env,
  clock: () => performance.now(),
});
process.exitCode = code;
