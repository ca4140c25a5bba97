/**
 * `npm run sim -- …` starts here: plain Node, no TypeScript loader. It runs src/cli/sim.ts as one bundled ES
 * module, built by esbuild into node_modules/.cache/synack-sim/ and rebuilt whenever one of the files it was
 * built from changes (their sizes and modification times are kept beside it). Why:
 * - A command through tsx spent about 400 ms loading tsx's loader and transforming the sources one by one
 *   before the first line of sim ran (650 ms for a 10,000-run Monte Carlo; about 230 ms this way).
 * - Bundled, the engine's functions call each other directly: through tsx every cross-module call went
 *   through an export getter, which the JIT has to optimize away before the code is fast.
 * Two V8 tiering settings are also changed for this process (see TIERING below). When the bundle cannot be
 * built (esbuild missing, a syntax error while editing), or SYNACK_SIM_FROM_SOURCES=1 asks for it, sim runs
 * from the sources through tsx as before.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const entry = join(here, 'sim.ts');

/**
 * V8 (Node 20) tiering for a short CPU-bound command, measured with `npm run bench` (a cold 10,000-run
 * Monte Carlo, 13 fresh processes, medians 140 → 121 ms of engine time): optimize a function after a
 * smaller share of the default interrupt budget (67,584 in V8 11.3), and inline smaller callees (460 by
 * default), so TurboFan's one background thread, which bounds the warm-up on two cores, has less to compile
 * before the engine's hot functions run optimized. Neither changes what any code computes.
 */
const TIERING = ['--interrupt-budget=20000', '--max-inlined-bytecode-size=120'];

/** The cache: the bundle and the manifest of its inputs (SYNACK_SIM_CACHE names another directory). */
function cacheDir() {
  const chosen = process.env.SYNACK_SIM_CACHE;
  if (chosen) {
    mkdirSync(chosen, { recursive: true });
    return chosen;
  }
  const inModules = join(root, 'node_modules', '.cache', 'synack-sim');
  try {
    mkdirSync(inModules, { recursive: true });
    return inModules;
  } catch {
    // A read-only checkout: a per-user temporary directory, named after this checkout.
    const dir = join(tmpdir(), `synack-sim-${Buffer.from(root).toString('base64url').slice(-40)}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  }
}

/** The manifest's inputs still have the sizes and times they had when the bundle was built. */
function fresh(manifestPath, esbuildVersion) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    return false;
  }
  if (manifest.esbuild !== esbuildVersion || manifest.entry !== relative(root, entry)) return false;
  for (const [file, [size, mtimeMs]] of Object.entries(manifest.inputs)) {
    try {
      const st = statSync(join(root, file));
      if (st.size !== size || st.mtimeMs !== mtimeMs) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Build the bundle and its manifest, each written under a temporary name and renamed into place. */
async function build(esbuild, dir, bundlePath, manifestPath) {
  const tmp = `${bundlePath}.${process.pid}.tmp`;
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: tmp,
    absWorkingDir: root,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    const st = statSync(join(root, file));
    inputs[file] = [st.size, st.mtimeMs];
  }
  renameSync(tmp, bundlePath);
  const manifest = { esbuild: esbuild.version, entry: relative(root, entry), inputs };
  writeFileSync(`${manifestPath}.${process.pid}.tmp`, JSON.stringify(manifest));
  renameSync(`${manifestPath}.${process.pid}.tmp`, manifestPath);
  return dir;
}

async function bundled() {
  if (process.env.SYNACK_SIM_FROM_SOURCES === '1') return null;
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  try {
    const dir = cacheDir();
    const bundlePath = join(dir, 'sim.mjs');
    const manifestPath = join(dir, 'manifest.json');
    if (!fresh(manifestPath, esbuild.version)) await build(esbuild, dir, bundlePath, manifestPath);
    return bundlePath;
  } catch {
    return null;
  }
}

for (const flag of TIERING) v8.setFlagsFromString(flag);
const bundle = await bundled();
if (bundle !== null) {
  await import(pathToFileURL(bundle).href);
} else {
  // From the sources, as tsx runs them (the bundle could not be built).
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(entry).href);
}
