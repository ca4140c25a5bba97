/**
 * `npx tsx bench/ui-profile.ts [step|scrub|play]`: where the time goes in the budgets of
 * bench/ui-budgets.ts. Builds the site unminified (so React components keep their names), opens the same
 * links, records a V8 CPU profile (0.1 ms sampling) of the interaction, and prints the functions with the
 * most inclusive and self time. A helper for investigating a failed budget, not a budget itself.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';
import { encodeShare } from '../src/store/url';
import { runScenario } from '../src/tcp/index';
import { launch } from '../test/e2e/browser';
import { bulkTransfer } from './scenarios';
import { PROBE_SOURCE, type ProbeWindow } from './ui-budgets-probe';

const mode = process.argv[2] ?? 'scrub';
/** --trace: a Chrome trace instead of a CPU profile: time per renderer phase (style, layout, paint…). */
const tracing = process.argv.includes('--trace');

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Wall and CPU time per trace event name on each renderer thread (top-level slices summed by name). */
function reportTrace(events: TraceEvent[]): void {
  const threads = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  const sums = new Map<string, { wall: number; cpu: number; count: number }>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const thread = threads.get(`${e.pid}:${e.tid}`) ?? '?';
    if (
      !new RegExp(process.env.THREADS ?? 'CrRendererMain|Compositor|Raster|VizCompositor|CrGpuMain').test(
        thread,
      )
    )
      continue;
    const key = `${thread.padEnd(28)} ${e.name}`;
    const s = sums.get(key) ?? { wall: 0, cpu: 0, count: 0 };
    s.wall += e.dur / 1000;
    s.cpu += (e.tdur ?? 0) / 1000;
    s.count++;
    sums.set(key, s);
  }
  console.log(
    'thread / event (wall ms, thread CPU ms, count); nested events are counted in their parents too:',
  );
  for (const [k, v] of [...sums]
    .sort((a, b) => b[1].wall - a[1].wall)
    .slice(0, Number(process.env.ROWS ?? 45)))
    console.log(
      `  ${v.wall.toFixed(1).padStart(8)} ${v.cpu.toFixed(1).padStart(8)} ${String(v.count).padStart(6)}  ${k}`,
    );
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const COMPONENTS = [
  'App',
  'Stage',
  'Wire',
  'EndpointCard',
  'Controls',
  'Narration',
  'Ladder',
  'Arrow',
  'StateDiagram',
  'Inspector',
  'FaultsPanel',
  'Timing',
  'Header',
  'ProblemBanner',
  'AnimatePresence',
  'PresenceChild',
  'MotionDOMComponent',
];
const HELPERS = [
  'layoutLadder',
  'placeLabel',
  'buildTable',
  'narrate',
  'timing',
  'inFlight',
  'segmentLives',
  'labeler',
  'segmentLabel',
  'write',
  'encodeShare',
  'shareHash',
  'replaceState',
  'arrowHead',
  'usePlayback',
  'useUrlSync',
  'commitLayoutEffectOnFiber',
  'flushPassiveEffects',
  'commitMutationEffectsOnFiber',
  'renderRootSync',
  'commitRoot',
];

function report(profile: Profile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode) => {
    const file = n.callFrame.url.split('/').pop() ?? '';
    return `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    const fn = node.callFrame.functionName;
    if (fn === '(idle)' || fn === '(program)' || fn === '(garbage collector)') {
      if (fn === '(garbage collector)') self.set(fn, (self.get(fn) ?? 0) + dt);
      if (fn !== '(idle)') busy += fn === '(garbage collector)' ? dt : 0;
      return;
    }
    busy += dt;
    self.set(name(node), (self.get(name(node)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (!n) break;
      const key = name(n);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + dt);
    }
  });
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([key, ms]) => `  ${ms.toFixed(1).padStart(8)} ms  ${key}`)
      .join('\n');
  console.log(`JS busy: ${busy.toFixed(1)} ms`);
  const ours = new RegExp(`^(${[...COMPONENTS, ...HELPERS].join('|')}) `);
  console.log('Components and helpers of src/ (inclusive):');
  console.log(top(new Map([...total].filter(([k]) => ours.test(k))), 40));
  console.log('Inclusive time:');
  console.log(top(total, 45));
  console.log('Self time:');
  console.log(top(self, 25));
}

async function profiled(cdp: CDPSession, fn: () => Promise<void>): Promise<Profile> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await fn();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  return profile;
}

const outDir = join(tmpdir(), `synack-profile-${process.pid}`);
let server: PreviewServer | undefined;
let browser: Browser | undefined;
try {
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true, minify: false } });
  server = await preview({ build: { outDir }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  const base = server.resolvedUrls?.local[0] ?? '';
  browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const scenario = bulkTransfer(160);
  const n = runScenario(scenario).events.length;
  await page.goto(`${base}${encodeShare({ scenario, presetName: null, cursor: Math.floor(n / 2) })}`);
  await page.waitForSelector('[data-testid="narration"]');
  await page.waitForLoadState('networkidle');
  await page.evaluate(PROBE_SOURCE);
  const cdp = await page.context().newCDPSession(page);
  const times: string[] = [];
  const interact = async () => {
    if (mode === 'scrub') {
      for (let k = 1; k <= 10; k++) {
        const r = await page.evaluate(
          (v) => (window as unknown as ProbeWindow).__budgetProbe.scrub(v),
          Math.floor((n * k) / 11),
        );
        times.push(r.render.toFixed(1));
      }
    } else if (mode === 'step') {
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      for (let k = 0; k < 10; k++) {
        await page.evaluate(() => (window as unknown as ProbeWindow).__budgetProbe.arm());
        await page.keyboard.press('ArrowRight');
        const r = await page.evaluate(() => (window as unknown as ProbeWindow).__budgetProbe.result());
        times.push(r.render.toFixed(1));
      }
    } else {
      await page.locator('.speed select').selectOption('4');
      await page.locator('button.play').click();
      await page.waitForTimeout(3000);
      await page.locator('button.play').click();
    }
  };
  if (tracing) {
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'cc', 'viz', 'blink'],
    });
    await interact();
    const buffer = await browser.stopTracing();
    const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
    if (times.length)
      console.log(`${mode} render times (ms, unminified build, tracing on): ${times.join(' ')}`);
    reportTrace(parsed.traceEvents);
  } else {
    const profile = await profiled(cdp, interact);
    if (times.length)
      console.log(`${mode} render times (ms, unminified build, profiler on): ${times.join(' ')}`);
    report(profile);
  }
} finally {
  await browser?.close();
  const s = server;
  if (s) await new Promise<void>((r) => s.httpServer.close(() => r()));
  rmSync(outDir, { recursive: true, force: true });
}
