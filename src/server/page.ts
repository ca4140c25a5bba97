/**
 * The built page's index.html as the classroom server serves it: with `<meta name="synack-classroom">`, so
 * the page knows a classroom is here before it asks anything (a copy of the page on a static host has no
 * such tag and makes no request for one: no 404 or 502 in its console).
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CLASSROOM_META } from './protocol';

const TAG = `<meta name="${CLASSROOM_META}" content="1">`;

/** Put the tag first in `<head>` (or first in the document when it has no `<head>` tag). */
export function markPage(html: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) {
    const at = head.index + head[0].length;
    return `${html.slice(0, at)}${TAG}${html.slice(at)}`;
  }
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  const at = doctype ? doctype[0].length : 0;
  return `${html.slice(0, at)}${TAG}${html.slice(at)}`;
}

/** Read `<dir>/index.html` for each request (a rebuild shows at once); null when there is none. */
export async function readMarkedPage(dir: string): Promise<string | null> {
  try {
    return markPage(await readFile(join(resolve(dir), 'index.html'), 'utf8'));
  } catch {
    return null;
  }
}
