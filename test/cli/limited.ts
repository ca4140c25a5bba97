import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A bash wrapper that runs the real command (node + tsx, as `npm run sim` does) from `root`, killed once
 * its resident memory passes `maxRssMb` or it runs for `maxSeconds`: a regression (a read without a limit)
 * then fails a test instead of eating the machine. `ulimit -v` cannot do it: Node reserves far more address
 * space than it uses (WebAssembly guard regions). Returns the wrapper's path; it exits with node's status,
 * 137 when killed.
 */
export function limitedSim(root: string, dir: string, maxRssMb = 1024, maxSeconds = 40): string {
  const loader = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
  const path = join(dir, 'sim-limited');
  writeFileSync(
    path,
    `#!/bin/bash
node --import ${loader} ${join(root, 'src/cli/sim.ts')} "$@" 0<&0 &
pid=$!
(
  for ((tick = 0; ; tick++)); do
    kill -0 $pid 2>/dev/null || exit 0
    rss=$(awk '/VmRSS/ { print $2 }' /proc/$pid/status 2>/dev/null)
    if [ "\${rss:-0}" -gt ${maxRssMb * 1024} ] || [ $tick -gt ${maxSeconds * 20} ]; then kill -9 $pid; exit 0; fi
    sleep 0.05
  done
) >/dev/null 2>&1 &
wait $pid
`,
    { mode: 0o755 },
  );
  return path;
}
