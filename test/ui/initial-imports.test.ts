/**
 * What the page's entry (src/main.tsx) imports statically ends up in its initial JS, which issue 8 budgets
 * at 130 KB gzip. The scenario validator (valibot, schema.ts, validate.ts, and the scenarios barrel that
 * re-exports them) must stay out of it: only a dynamic import() brings it (test/e2e/bundle.e2e.ts checks
 * the built files). This walks the static imports as written, without the bundler, so a stray import of
 * the barrel fails here, in the unit tests, with the chain of files that reaches it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/**
 * The value imports of a module: `import … from`, `export … from`, `import '…'`; not `import type` or
 * `export type` (erased), nor `import()` (a separate chunk).
 */
function staticImports(code: string): string[] {
  const clause = String.raw`(?:\{[^}]*\}|\*(?:\s+as\s+\w+)?|\w+(?:\s*,\s*\{[^}]*\})?)`;
  const withFrom = new RegExp(
    String.raw`^\s*(import|export)\s+(type\s+)?${clause}\s*from\s*['"]([^'"]+)['"]`,
    'gm',
  );
  const bare = /^\s*import\s*['"]([^'"]+)['"]/gm;
  const found: string[] = [];
  for (const m of code.matchAll(withFrom)) {
    const names = m[0];
    // `import { type A, type B } from` is erased as well.
    const allTypes = /^\s*(?:import|export)\s*\{([^}]*)\}/
      .exec(names)?.[1]
      ?.split(',')
      .every((n) => /^\s*(type\s|$)/.test(n));
    if (!m[2] && !allTypes) found.push(m[3] as string);
  }
  for (const m of code.matchAll(bare)) found.push(m[1] as string);
  return found;
}

/** A relative specifier's file (TypeScript resolution, as Vite does it), or null for a package. */
function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = join(dirname(from), spec);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && !candidate.endsWith('/')) return candidate;
  }
  throw new Error(`cannot resolve ${spec} from ${relative(ROOT, from)}`);
}

/** Every file and package reached from the entry, each with the chain of files that imports it. */
function reachable(entry: string): Map<string, string[]> {
  const chains = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (!/\.(ts|tsx)$/.test(file)) continue; // JSON and CSS import nothing
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      const target = resolve(file, spec) ?? spec.split('/')[0] ?? spec;
      if (chains.has(target)) continue;
      chains.set(target, [...(chains.get(file) ?? []), target]);
      if (target.startsWith('/')) queue.push(target);
    }
  }
  return chains;
}

const show = (chain: string[]) => chain.map((f) => (f.startsWith('/') ? relative(ROOT, f) : f)).join(' → ');

describe("the page's static imports", () => {
  const graph = reachable(join(ROOT, 'src/main.tsx'));

  it('reach the store, the presets and the issues (the walk follows the page)', () => {
    for (const file of ['src/store/validator.ts', 'src/scenarios/presets.ts', 'src/scenarios/issue.ts']) {
      expect(graph.has(join(ROOT, file)), file).toBe(true);
    }
    expect(graph.has('zustand')).toBe(true);
    expect(graph.has('react')).toBe(true);
  });

  it('never reach valibot, the schema, the validation or the scenarios barrel', () => {
    const forbidden = [
      'valibot',
      join(ROOT, 'src/scenarios/schema.ts'),
      join(ROOT, 'src/scenarios/validate.ts'),
      join(ROOT, 'src/scenarios/index.ts'),
    ];
    const reached = forbidden.flatMap((target) => {
      const chain = graph.get(target);
      return chain ? [show(chain)] : [];
    });
    expect(reached).toEqual([]);
  });

  it('never reach the world (v2) engine, its view or its catalogs, nor the engine barrel that re-exports it', () => {
    // Issue 12: a multi-connection scenario loads its modules when it is opened (src/store/jobs.ts, App.tsx).
    const forbidden = [
      'src/tcp/index.ts',
      'src/tcp/world.ts',
      'src/store/worldEngine.ts',
      'src/store/worldOpen.ts',
      'src/store/worldView.ts',
      'src/scenarios/worldPresets.ts',
      'src/scenarios/validateV2.ts',
      'src/ui/world/WorldStage.tsx',
      'src/ui/world/WorldLadder.tsx',
      'src/ui/world/narrateWorld.ts',
      'src/i18n/world.en.ts',
      'src/i18n/world.zh-CN.ts',
    ].map((f) => join(ROOT, f));
    const reached = forbidden.flatMap((target) => {
      const chain = graph.get(target);
      return chain ? [show(chain)] : [];
    });
    expect(reached).toEqual([]);
  });

  it('the walker sees what the CLI imports: the barrel and, through it, valibot', () => {
    // The same walk from the CLI, which validates every scenario it reads, must find them.
    const cli = reachable(join(ROOT, 'src/cli/main.ts'));
    expect(cli.has(join(ROOT, 'src/scenarios/index.ts'))).toBe(true);
    expect(cli.has('valibot')).toBe(true);
  });

  it('reads import forms as TypeScript does', () => {
    const code = [
      "import { a, type B } from './a';",
      "import type { C } from './c';",
      "import { type D, type E } from './d';",
      'import {',
      '  f,',
      '  g,',
      "} from './f';",
      "export { h } from './h';",
      "export type { I } from './i';",
      "import * as v from 'valibot';",
      "import './styles.css';",
      "const lazy = () => import('./lazy');",
      " * import { doc } from './comment';",
    ].join('\n');
    expect(staticImports(code)).toEqual(['./a', './f', './h', 'valibot', './styles.css']);
  });
});
