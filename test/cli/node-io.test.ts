/** readLimited and writeFileSafely (src/cli/node-io.ts) on real files; the oracle is the bytes written. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputTooLargeError } from '../../src/cli/io';
import { readLimited, writeFileSafely } from '../../src/cli/node-io';

const dir = mkdtempSync(join(tmpdir(), 'synack-node-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pattern(size: number): Buffer {
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i++) data[i] = i % 251;
  return data;
}

describe('readLimited', () => {
  it.each([1, 5, 1024 * 1024, 1024 * 1024 + 1, 3 * 1024 * 1024 + 7])(
    '%i bytes: read whole at the limit and above it, refused one byte below',
    (size) => {
      const path = join(dir, `f${size}`);
      const data = pattern(size);
      writeFileSync(path, data);
      expect(Buffer.from(readLimited(path, size)).equals(data)).toBe(true);
      expect(Buffer.from(readLimited(path, size + 1)).equals(data)).toBe(true);
      if (size > 1) expect(() => readLimited(path, size - 1)).toThrow(InputTooLargeError);
    },
  );

  it('an empty file is empty', () => {
    writeFileSync(join(dir, 'empty'), '');
    expect(readLimited(join(dir, 'empty'), 10)).toHaveLength(0);
  });

  it('/dev/zero stops at the limit', () => {
    expect(() => readLimited('/dev/zero', 3 * 1024 * 1024)).toThrow(InputTooLargeError);
  });

  it('a file that cannot be read throws the error with its code', () => {
    expect(() => readLimited(join(dir, 'missing'), 10)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => readLimited(dir, 10)).toThrow(expect.objectContaining({ code: 'EISDIR' }));
  });
});

describe('writeFileSafely', () => {
  it('creates a file, refuses to replace it without force, replaces it with force', () => {
    const path = join(dir, 'out.pcap');
    writeFileSafely(path, Uint8Array.from([1, 2, 3]), { force: false });
    expect([...readFileSync(path)]).toEqual([1, 2, 3]);
    expect(() => writeFileSafely(path, Uint8Array.from([9]), { force: false })).toThrow(
      expect.objectContaining({ code: 'EEXIST' }),
    );
    expect([...readFileSync(path)]).toEqual([1, 2, 3]);
    writeFileSafely(path, Uint8Array.from([4, 5]), { force: true });
    expect([...readFileSync(path)]).toEqual([4, 5]);
    expect(readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
  });

  it('a directory is refused, even with force', () => {
    expect(() => writeFileSafely(dir, Uint8Array.from([1]), { force: true })).toThrow(
      expect.objectContaining({ code: 'EISDIR' }),
    );
    expect(existsSync(dir)).toBe(true);
  });

  it('a device is written in place: /dev/null takes it, /dev/full says ENOSPC', () => {
    writeFileSafely('/dev/null', Uint8Array.from([1]), { force: false });
    expect(() => writeFileSafely('/dev/full', Uint8Array.from([1]), { force: false })).toThrow(
      expect.objectContaining({ code: 'ENOSPC' }),
    );
  });

  it('a directory that does not exist: the error with its code, and no temporary file left', () => {
    expect(() => writeFileSafely(join(dir, 'gone', 'x.pcap'), pattern(10), { force: false })).toThrow(
      expect.objectContaining({ code: 'ENOENT' }),
    );
    expect(readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
  });
});
