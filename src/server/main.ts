/**
 * `npm run classroom`: one process that serves the built page and the classroom API, keeping everything in
 * one SQLite file. Builds the page first when it is missing or older than its sources. The first line on
 * stdout is exactly `synack classroom listening on http://127.0.0.1:<port>` (tests and scripts read it).
 * SIGTERM or SIGINT shuts down gracefully and exits 0 (a second signal exits at once).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { buildServer } from './app';
import { CLASSROOM_USAGE, type ClassroomArgs, parseClassroomArgs } from './args';
import { SHUTDOWN_DEADLINE_MS } from './limits';
import { openSqliteStore } from './sqlite-store';

/** The newest modification time of a file in `path` (a file or a folder, walked). */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

function pageIsStale(staticDir: string): boolean {
  const index = join(staticDir, 'index.html');
  if (!existsSync(index)) return true;
  return statSync(index).mtimeMs < Math.max(newestMtime('src'), newestMtime('index.html'));
}

async function buildPage(staticDir: string): Promise<void> {
  process.stderr.write(`classroom: building the page into ${staticDir} (vite build)…\n`);
  // Loaded only when needed: a server started with a built page never loads vite.
  const { build } = await import('vite');
  // emptyOutDir is left to vite: it empties the folder only inside the project, never a --static elsewhere.
  await build({ logLevel: 'warn', build: { outDir: resolve(staticDir) } });
}

/** This machine's IPv4 addresses other than loopback: where the students' phones can reach it. */
function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => (a as { address: string }).address);
}

function fail(message: string, code: number): never {
  process.stderr.write(`classroom: ${message}\n`);
  process.exit(code);
}

async function run(args: ClassroomArgs): Promise<void> {
  if (args.build && pageIsStale(args.staticDir)) await buildPage(args.staticDir);
  const hasPage = existsSync(join(args.staticDir, 'index.html'));
  if (!hasPage) process.stderr.write(`classroom: no built page in ${args.staticDir}; serving the API only\n`);

  const everywhere = args.host === '0.0.0.0' || args.host === '::';
  const lan = everywhere ? lanAddresses() : [];
  const dataFile = resolve(args.data);
  let store: ReturnType<typeof openSqliteStore>;
  try {
    store = openSqliteStore(dataFile);
  } catch (error) {
    fail(`cannot open ${dataFile}: ${error instanceof Error ? error.message : String(error)}`, 1);
  }
  const server = await buildServer({
    store,
    staticDir: hasPage ? args.staticDir : null,
    logger: true,
    publicUrl: args.publicUrl,
  });
  let url: string;
  try {
    url = await server.listen(args.port, args.host);
  } catch (error) {
    await store.close();
    fail(
      `cannot listen on ${args.host}:${args.port}: ${error instanceof Error ? error.message : String(error)}`,
      1,
    );
  }
  const port = new URL(url).port;
  // Students are given the LAN address unless told otherwise (127.0.0.1 is the teacher's machine only).
  const joinBase = args.publicUrl ?? (lan[0] === undefined ? null : `http://${lan[0]}:${port}`);
  server.setPublicUrl(joinBase);
  const lines = [`synack classroom listening on ${url}`];
  for (const address of lan) lines.push(`  on your network: http://${address}:${port}`);
  lines.push(`  students join at: ${joinBase ?? url}`);
  lines.push(`  data: ${dataFile}`);
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    process.stderr.write(`classroom: ${signal}: shutting down\n`);
    // The shutdown forces what is left after its deadline; this is the backstop should even that hang.
    setTimeout(() => fail('shutdown did not finish in time', 1), SHUTDOWN_DEADLINE_MS + 400).unref();
    server.shutdown().then(
      () => process.exit(0),
      (error: unknown) =>
        fail(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`, 1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

const parsed = parseClassroomArgs(process.argv.slice(2));
if (parsed.kind === 'help') process.stdout.write(CLASSROOM_USAGE);
else if (parsed.kind === 'error') fail(parsed.message, 2);
else
  run(parsed.args).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), 1));
