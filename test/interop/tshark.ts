/** Running Wireshark's tshark from tests (Debian package `tshark`; .ci/run installs it). */
import { execFileSync, spawnSync } from 'node:child_process';

export const TSHARK = process.env.TSHARK_PATH ?? 'tshark';

export function tsharkAvailable(): boolean {
  return spawnSync(TSHARK, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Run tshark on a file with checksum validation on and return one row of fields per frame. */
export function tsharkFields(file: string, fields: string[], extra: string[] = []): string[][] {
  const args = [
    '-r',
    file,
    '-o',
    'tcp.check_checksum:TRUE',
    '-o',
    'ip.check_checksum:TRUE',
    '-o',
    'tcp.relative_sequence_numbers:FALSE',
    ...extra,
    '-T',
    'fields',
    '-E',
    'separator=\t',
    '-E',
    'occurrence=a',
    ...fields.flatMap((f) => ['-e', f]),
  ];
  const out = execFileSync(TSHARK, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => line.split('\t'));
}
