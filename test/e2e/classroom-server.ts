/**
 * A real classroom server for the browser tests: `src/server/main.ts` spawned as `npm run classroom` runs
 * it, serving the site the global setup built (dist/) from a database file of the test's own. The first
 * line it prints names its address (pinned: `synack classroom listening on http://127.0.0.1:<port>`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const LISTENING = /^synack classroom listening on (http:\/\/127\.0\.0\.1:(\d+))\s*$/m;

export interface ClassroomProcess {
  url: string;
  port: number;
  dataFile: string;
  proc: ChildProcess;
  /** Everything it printed (for a failing test's message). */
  output: () => string;
  /** SIGKILL: nothing is flushed, nothing is closed. */
  kill9: () => Promise<void>;
  /** SIGTERM, resolving with the exit code. */
  stop: () => Promise<number | null>;
}

/** A fresh directory for a test's database (removed by `removeDataDir`). */
export function dataDir(): string {
  return mkdtempSync(join(tmpdir(), 'synack-classroom-e2e-'));
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function startClassroom(dataFile: string, port = 0): Promise<ClassroomProcess> {
  // Node itself with tsx's loader (not the tsx wrapper, which runs the server in a child of its own): a
  // SIGKILL or SIGTERM then reaches the server, as it does when a service manager stops it.
  const proc = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/server/main.ts',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--data',
      dataFile,
      '--no-build',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  proc.stdout?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  proc.stderr?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  const exited = new Promise<number | null>((done) => proc.once('exit', (code) => done(code)));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`the classroom server did not start within 30 s:\n${out}`));
    }, 30_000);
    const check = () => {
      const m = LISTENING.exec(out);
      if (!m) return;
      clearTimeout(timer);
      proc.stdout?.off('data', check);
      resolvePromise({
        url: m[1] as string,
        port: Number(m[2]),
        dataFile,
        proc,
        output: () => out,
        kill9: async () => {
          proc.kill('SIGKILL');
          await exited;
        },
        stop: async () => {
          proc.kill('SIGTERM');
          return exited;
        },
      });
    };
    proc.stdout?.on('data', check);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      if (!LISTENING.test(out))
        reject(new Error(`the classroom server exited (${code}) before listening:\n${out}`));
    });
  });
}
