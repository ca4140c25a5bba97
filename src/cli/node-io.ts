/**
 * The `sim` command's I/O on Node: synchronous writes to fd 1 and 2 (so a write error is thrown where
 * main can catch it, in order, instead of surfacing later as an 'error' event with a stack trace), reads
 * that stop at a size limit (fstat says nothing about /dev/zero or a pipe, so the bytes are counted as they
 * come), and an --out that never leaves a half-written file and never replaces one unasked.
 */
import {
  closeSync,
  fstatSync,
  linkSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputTooLargeError } from './io';

/** Sleep without an event loop (the command is synchronous): for a non-blocking pipe that is full. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function code(e: unknown): string | undefined {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
}

/**
 * All of `text` to a file descriptor. Throws the Node error (with its `code`: EPIPE, ENOSPC, EIO…) when the
 * descriptor cannot take it. EAGAIN (a non-blocking pipe whose reader is slow) waits and tries again.
 */
export function writeAll(fd: number, text: string | Uint8Array): void {
  const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += writeSync(fd, data, offset, data.length - offset);
    } catch (e) {
      if (code(e) !== 'EAGAIN') throw e;
      pause(2);
    }
  }
}

/** Standard error that, once closed (EPIPE) or broken, is quietly given up: progress is not the result. */
export function stderrWriter(fd = 2): (text: string) => void {
  let open = true;
  return (text) => {
    if (!open) return;
    try {
      writeAll(fd, text);
    } catch {
      open = false;
    }
  };
}

/** A pipe or device is read in chunks of this size (a regular file in one read buffer of its size). */
const CHUNK = 4 * 1024 * 1024;

/**
 * The whole of `path` (standard input for "-"), or InputTooLargeError as soon as more than `maxBytes` have
 * been read: /dev/zero costs `maxBytes` of memory and a moment, not the machine.
 */
export function readLimited(path: string, maxBytes: number): Uint8Array {
  const fd = path === '-' ? 0 : openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() && stat.size > maxBytes) throw new InputTooLargeError(maxBytes);
    // Chunks, joined once at the end: growing one buffer by doubling held 2 GB to refuse a 1 GB pipe.
    // A regular file is read into one buffer of exactly its size. Nothing is held past the limit: when a
    // chunk is full, a one-byte read tells whether there is more.
    const chunks: Buffer[] = [];
    let total = 0;
    let current = Buffer.allocUnsafe(Math.min(maxBytes, stat.isFile() ? stat.size : CHUNK));
    let used = 0;
    const probe = Buffer.allocUnsafe(1);
    for (;;) {
      if (used === current.length) {
        if (readRetrying(fd, probe, 0, 1) === 0) break;
        if (total + used >= maxBytes) throw new InputTooLargeError(maxBytes);
        chunks.push(current.subarray(0, used));
        total += used;
        current = Buffer.allocUnsafe(Math.min(maxBytes - total, CHUNK));
        current[0] = probe[0] as number;
        used = 1;
        continue;
      }
      const n = readRetrying(fd, current, used, current.length - used);
      if (n === 0) break;
      used += n;
    }
    chunks.push(current.subarray(0, used));
    total += used;
    const whole = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
    return new Uint8Array(whole.buffer, whole.byteOffset, whole.length);
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

/** readSync, waiting out EAGAIN (standard input may be a non-blocking pipe). */
function readRetrying(fd: number, buffer: Buffer, offset: number, length: number): number {
  for (;;) {
    try {
      return readSync(fd, buffer, offset, length, null);
    } catch (e) {
      if (code(e) !== 'EAGAIN') throw e;
      pause(2);
    }
  }
}

/** Device and inode of the file at `path` (symbolic links followed), or null when there is none. */
export function fileId(path: string): string | null {
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}

/**
 * Write `data` to `path` through a temporary file beside it, so that an error (a full disk) leaves no half
 * file. Without `force` an existing file is refused (EEXIST): the temporary file is hard-linked to the name,
 * which fails if the name exists, even if it appeared a moment ago. With `force` it is renamed over it.
 * A pipe or device (`--out /dev/stdout`) holds nothing to lose: it is written directly.
 */
export function writeFileSafely(path: string, data: Uint8Array, options: { force: boolean }): void {
  let existing: ReturnType<typeof statSync> | undefined;
  try {
    existing = statSync(path);
  } catch {
    existing = undefined;
  }
  if (existing && !existing.isFile() && !existing.isDirectory()) {
    const fd = openSync(path, 'w');
    try {
      writeAll(fd, data);
    } finally {
      closeSync(fd);
    }
    return;
  }
  if (existing?.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  if (existing && !options.force) throw Object.assign(new Error('file exists'), { code: 'EEXIST' });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'wx');
  try {
    try {
      writeAll(fd, data);
    } finally {
      closeSync(fd);
    }
    if (options.force) renameSync(temporary, path);
    else {
      try {
        linkSync(temporary, path);
      } catch (e) {
        // A file system without hard links (FAT, some network mounts): exclusive create, then copy.
        if (code(e) === 'EEXIST') throw e;
        const target = openSync(path, 'wx');
        try {
          writeAll(target, data);
        } finally {
          closeSync(target);
        }
      }
    }
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // renamed: nothing left to remove
    }
  }
}
