/**
 * Embed mode: `?embed=1` (in the query, before the `#` link) shows only what a page that embeds synack in
 * an 800×600 iframe needs: the wire and cards, the controls, the narration, the lesson's text and
 * checkpoints, and the sequence diagram, with a link to the full app. `&steps=2-4` (1-based, inclusive)
 * limits a lesson to those steps. The host page hears about checkpoints and the lesson's end by
 * `postMessage` (./hooks/useHostMessages.ts; the README documents the messages).
 */

export interface EmbedOptions {
  on: boolean;
  /** A lesson's steps to show, 1-based inclusive; null: all of them. */
  steps: { first: number; last: number } | null;
  /** Problems with the query, in English for the console (the page still opens). */
  notes: string[];
}

/** The most steps a lesson may have (src/lessons/schema.ts), so a range beyond it is a mistake. */
const MAX_STEP = 40;

/** The embed options of a query string (`location.search`); never throws. */
export function embedOptions(search: string): EmbedOptions {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search.length > 4096 ? '' : search);
  } catch {
    return { on: false, steps: null, notes: [] };
  }
  const on = params.get('embed') === '1';
  const notes: string[] = [];
  let steps: EmbedOptions['steps'] = null;
  const range = params.get('steps');
  if (on && range !== null) {
    const m = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(range);
    const first = m ? Number(m[1]) : Number.NaN;
    const last = m ? Number(m[2] ?? m[1]) : Number.NaN;
    if (m && first >= 1 && last >= first && last <= MAX_STEP) steps = { first, last };
    else
      notes.push(
        `steps: expected a step or a range like 2-4 (1 to ${MAX_STEP}), got "${range.slice(0, 20)}"`,
      );
  }
  return { on, steps, notes };
}

/** This page's embed options (read once: the query does not change while the page lives). */
export const EMBED: EmbedOptions =
  typeof window === 'undefined'
    ? { on: false, steps: null, notes: [] }
    : embedOptions(window.location.search);

/** The same link without embed mode: what "Open in synack" opens. */
export function fullAppUrl(href: string): string {
  try {
    const url = new URL(href);
    url.searchParams.delete('embed');
    url.searchParams.delete('steps');
    return url.toString();
  } catch {
    return href;
  }
}
