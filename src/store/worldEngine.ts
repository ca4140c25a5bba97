/**
 * The world engine as the page loads it (./jobs.ts): src/tcp/world.ts, and beside it the v1 engine's modules
 * the page already holds (timeline, simulator). Asking for those too keeps the engine one chunk in the page's
 * first download: without them the bundler splits it into the part the world shares and the rest, which
 * cost 0.7 KB gzip of the initial JS budget.
 */
export { normalizeScenario } from '../tcp/scenario';
export { other, Simulation } from '../tcp/simulator';
export { TimelineRun, timelineFromData } from '../tcp/timeline';
export { World } from '../tcp/world';
