/**
 * Issue 9, at the level of the process: the real command (node + tsx, as `npm run sim` runs it) with its
 * output on a full disk, a closed pipe or an existing file, and its input from /dev/zero or standard input.
 * SIM_ROOT runs these against another checkout (to see them fail on the code before the fix).
 */
import { spawnSync } from 'node:child_process';
import { linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { limitedSim } from './limited';

const root = process.env.SIM_ROOT ?? process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'synack-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A bash script (for redirections) where SIM is the real command, held to 1 GB and 40 s (helpers.ts). */
function shell(script: string, timeoutMs = 60_000) {
  const result = spawnSync('bash', ['-c', script.replaceAll('SIM', limitedSim(root, dir))], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: timeoutMs,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, signal: result.signal };
}

const HANDSHAKE = JSON.stringify({
  version: 1,
  name: 'Handshake',
  actions: [
    { at: 0, endpoint: 'B', call: 'listen' },
    { at: 0, endpoint: 'A', call: 'connect' },
  ],
});

const BIG = {
  version: 1,
  name: 'Big',
  endpoints: { A: { mss: 1 }, B: { closeOnEof: true } },
  options: { mslMs: 1000 },
  actions: [
    { at: 0, endpoint: 'B', call: 'listen' },
    { at: 10, endpoint: 'A', call: 'connect' },
    { at: 300, endpoint: 'A', call: 'send', bytes: 100_000 },
    { at: 300, endpoint: 'A', call: 'close' },
  ],
};

/** Nothing but our files in `dir`: no temporary file was left behind. */
function leftovers(): string[] {
  return readdirSync(dir).filter((name) => name.includes('.tmp'));
}

describe('output errors', () => {
  it('stdout on a full disk: one line naming ENOSPC, exit 1, no stack trace', { timeout: 60_000 }, () => {
    const run = shell('SIM rfc9293-fig6 > /dev/full');
    expect(run.stderr).toBe('sim: cannot write the output (ENOSPC)\n');
    expect(run.code).toBe(1);
  });

  it('the same for --format json', { timeout: 60_000 }, () => {
    const run = shell('SIM rfc9293-fig6 --format json > /dev/full');
    expect(run.stderr).toBe('sim: cannot write the output (ENOSPC)\n');
    expect(run.code).toBe(1);
  });

  it('a closed progress pipe does not fail the run, and the result is complete', { timeout: 60_000 }, () => {
    const out = join(dir, 'mc.json');
    // `true` exits at once, so every progress line meets a closed pipe (EPIPE).
    const run = shell(
      `SIM montecarlo --runs 20000 --loss 0.1 --format json 2>&1 >${out} | true; echo "exit $\{PIPESTATUS[0]}"`,
    );
    expect(run.stdout).toBe('exit 0\n');
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.runs).toBe(20000);
    expect(result.established).toBeGreaterThan(0);
  });

  it('the same when stderr is closed outright (EBADF)', { timeout: 60_000 }, () => {
    const out = join(dir, 'mc2.json');
    const run = shell(`SIM montecarlo --runs 20000 --loss 0.1 --format json >${out} 2>&-; echo "exit $?"`);
    expect(run.stdout).toBe('exit 0\n');
    expect(JSON.parse(readFileSync(out, 'utf8')).runs).toBe(20000);
  });

  it('| head: a closed stdout stays exit 0, silently', { timeout: 60_000 }, () => {
    // 200,000 events: megabytes of ladder, far more than a pipe holds, so the writes meet EPIPE.
    const big = join(dir, 'big.json');
    writeFileSync(big, JSON.stringify(BIG));
    const run = shell(`SIM ${big} | head -1; echo "exit $\{PIPESTATUS[0]}"`);
    expect(run.stdout).toBe('Big\nexit 0\n');
    expect(run.stderr).toBe('');
  });
});

describe('a trace of 200,000 events', () => {
  it('prints as text (it once died of a stack overflow, exit 1)', { timeout: 90_000 }, () => {
    const big = join(dir, 'big-text.json');
    writeFileSync(big, JSON.stringify(BIG));
    const out = join(dir, 'big.txt');
    const run = shell(`SIM ${big} > ${out}; echo "exit $?"`);
    expect(run.stdout).toBe('exit 0\n');
    expect(run.stderr).toBe('');
    const text = readFileSync(out, 'utf8');
    // One line per event (each starts with its time), and the footer of a run cut at maxEvents.
    expect(text.split('\n').filter((l) => /^ *\d+\.\d{3} {2}/.test(l)).length).toBeGreaterThanOrEqual(
      200_000,
    );
    expect(
      text.trimEnd().endsWith('truncated: the run stopped at options.maxTimeMs or options.maxEvents'),
    ).toBe(true);
  });
});

describe('input size limits', () => {
  it('sim /dev/zero: one line naming the 64 MB limit and the flag, in bounded memory', {
    timeout: 60_000,
  }, () => {
    const run = shell(`/usr/bin/time -f '%M' -o ${join(dir, 'rss')} SIM /dev/zero`);
    expect(run.stderr).toBe(
      'sim: /dev/zero: larger than the 64 MB limit for scenario files (use --max-input-size to raise it)\n',
    );
    expect(run.code).toBe(2);
    const peakKb = Number(readFileSync(join(dir, 'rss'), 'utf8').trim().split('\n').at(-1));
    expect(peakKb).toBeLessThan(400 * 1024);
  });

  it('sim import /dev/zero with --max-input-size', { timeout: 60_000 }, () => {
    const run = shell('SIM import /dev/zero --max-input-size 8MB');
    expect(run.stderr).toBe(
      'sim: /dev/zero: larger than the 8 MB limit for captures (use --max-input-size to raise it)\n',
    );
    expect(run.code).toBe(2);
  });

  it('a capture on standard input, counted across chunks', { timeout: 60_000 }, () => {
    // A real capture and 9,000,000 bytes of garbage (8.6 MB): over two 4 MB chunks.
    const path = join(dir, 'stdin.pcap');
    const capture = readFileSync(join(root, 'test/fixtures/linux-normal.pcap'));
    writeFileSync(path, Buffer.concat([capture, Buffer.alloc(9_000_000, 0xff)]));
    const over = shell(`cat ${path} | SIM import - --max-input-size 8MB`);
    expect(over.stderr).toBe(
      'sim: standard input: larger than the 8 MB limit for captures (use --max-input-size to raise it)\n',
    );
    // Under a 9 MB limit it is read whole, and the garbage is what is reported.
    const under = shell(`cat ${path} | SIM import - --max-input-size 9MB`);
    expect(under.stderr).toMatch(/^sim: standard input: (?!larger).*\n$/);
    expect(under.code).toBe(2);
    const ok = shell(`SIM import - --list-streams < ${join(root, 'test/fixtures/linux-normal.pcap')}`);
    expect(ok.stdout).toMatch(/^ {2}0 {2}/);
  });

  it('a scenario on standard input ("-"), and its limit', { timeout: 60_000 }, () => {
    const path = join(dir, 'stdin.json');
    writeFileSync(path, HANDSHAKE);
    const ok = shell(`SIM - --format json < ${path}`);
    expect(ok.stderr).toBe('');
    expect(JSON.parse(ok.stdout).final.A.state).toBe('ESTABLISHED');
    const big = shell('SIM - --max-input-size 1MB < /dev/zero');
    expect(big.stderr).toBe(
      'sim: standard input: larger than the 1 MB limit for scenario files (use --max-input-size to raise it)\n',
    );
    expect(big.code).toBe(2);
  });
});

describe('--out never loses a file', () => {
  it('refuses to write over the scenario it runs, by any name, even with --force', {
    timeout: 60_000,
  }, () => {
    const path = join(dir, 's.json');
    writeFileSync(path, HANDSHAKE);
    linkSync(path, join(dir, 'hard-link.json'));
    for (const out of ['s.json', './s.json', `${dir}/../${dir.split('/').pop()}/s.json`, 'hard-link.json']) {
      const run = shell(`cd ${dir} && SIM s.json --format pcap --out ${out} --force`);
      expect(run.code, out).toBe(2);
      expect(run.stderr, out).toBe(
        `sim: --out ${out}: that is the scenario file being run; write the pcap to another file\n`,
      );
      expect(readFileSync(path, 'utf8')).toBe(HANDSHAKE);
    }
  });

  it('refuses an existing file unless --force; writes a new one; leaves no temporary file', {
    timeout: 60_000,
  }, () => {
    const out = join(dir, 'old.pcap');
    writeFileSync(out, 'precious');
    const refused = shell(`SIM rfc9293-fig6 --format pcap --out ${out}`);
    expect(refused.stderr).toBe(`sim: --out ${out}: the file exists (add --force to replace it)\n`);
    expect(refused.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('precious');

    const forced = shell(`SIM rfc9293-fig6 --format pcap --out ${out} --force`);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(/^sim: wrote .*old\.pcap: \d+ frames, \d+ bytes \(libpcap, Ethernet\)\n$/);
    // libpcap's magic number, little-endian (what traceToPcap writes).
    expect([...readFileSync(out).subarray(0, 4)]).toEqual([0xd4, 0xc3, 0xb2, 0xa1]);

    const fresh = join(dir, 'new.pcap');
    expect(shell(`SIM rfc9293-fig6 --format pcap --out ${fresh}`).code).toBe(0);
    expect(readFileSync(fresh).length).toBe(readFileSync(out).length);
    expect(leftovers()).toEqual([]);
  });

  it('an --out that cannot be written is one line, exit 2, and leaves nothing behind', {
    timeout: 60_000,
  }, () => {
    const run = shell('SIM rfc9293-fig6 --format pcap --out /dev/full');
    expect(run.stderr).toBe('sim: --out /dev/full: cannot write the file (ENOSPC)\n');
    expect(run.code).toBe(2);
    const missing = shell(`SIM rfc9293-fig6 --format pcap --out ${dir}/no/such/dir/x.pcap`);
    expect(missing.stderr).toBe(`sim: --out ${dir}/no/such/dir/x.pcap: cannot write the file (ENOENT)\n`);
    expect(leftovers()).toEqual([]);
  });
});
