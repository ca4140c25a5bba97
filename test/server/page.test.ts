/**
 * The classroom's meta tag in the page the server serves (src/server/page.ts): first in `<head>` whatever
 * its attributes or case, after the doctype when there is no `<head>`, and the rest of the file untouched.
 * The oracle is each expected document written out by hand.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markPage } from '../../src/server/page';
import { CLASSROOM_META } from '../../src/server/protocol';

const TAG = '<meta name="synack-classroom" content="1">';

describe('markPage', () => {
  it('puts the tag first in <head>', () => {
    expect(markPage('<!doctype html><html><head><title>x</title></head></html>')).toBe(
      `<!doctype html><html><head>${TAG}<title>x</title></head></html>`,
    );
    expect(markPage('<HTML><HEAD lang="en"><meta charset="utf-8"></HEAD>')).toBe(
      `<HTML><HEAD lang="en">${TAG}<meta charset="utf-8"></HEAD>`,
    );
  });

  it('does not take <header> for <head>', () => {
    expect(markPage('<!doctype html><body><header>h</header>')).toBe(
      `<!doctype html>${TAG}<body><header>h</header>`,
    );
  });

  it('goes after the doctype, or first, in a page with no <head>', () => {
    expect(markPage('<!DOCTYPE html>\n<title>t</title>')).toBe(`<!DOCTYPE html>${TAG}\n<title>t</title>`);
    expect(markPage('<title>t</title>')).toBe(`${TAG}<title>t</title>`);
    expect(markPage('')).toBe(TAG);
  });
});

describe('npm run dev', () => {
  it('writes the same meta name as the server (vite.config.ts spells it out)', () => {
    const config = readFileSync(resolve(import.meta.dirname, '../../vite.config.ts'), 'utf8');
    expect(config).toContain(`const CLASSROOM_META = '${CLASSROOM_META}';`);
  });
});
