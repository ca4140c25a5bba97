/**
 * Chinese text puts a space between a Chinese character and a Latin letter, a digit or a code-like value
 * ("A 的 TIME-WAIT 计时器", "950 毫秒"). Catalog strings are written that way; these helpers keep it so
 * where a sentence is assembled from parts, whose first and last characters the catalog cannot know.
 */
const HAN = /\p{Script=Han}/u;
/** Latin letters, digits and the quotes and brackets that start or end a JSON value or a path. */
const LATIN = /[A-Za-z0-9"'$\\[\]{}_.#]/;

const seam = (before: string, after: string) =>
  (HAN.test(before) && LATIN.test(after)) || (LATIN.test(before) && HAN.test(after));

/** Join parts with a space at each seam where Chinese meets Latin. Only seams are looked at: a part is never changed. */
export function spaced(...parts: string[]): string {
  let out = '';
  for (const part of parts) {
    if (part === '') continue;
    out += seam(out.slice(-1), part.slice(0, 1)) ? ` ${part}` : part;
  }
  return out;
}

/**
 * `format` (ui.en.ts) for Chinese templates: a value that starts or ends with Latin next to a Chinese
 * character gets a space there. Unknown placeholders stay visible, as in `format`. (Not built on `format`,
 * so that this lazily loaded module does not pull the English catalog out of the initial bundle.)
 */
export function formatSpaced(template: string, params: Record<string, string | number> = {}): string {
  const parts = template.split(/(\{\w+\})/).map((piece) => {
    const key = /^\{(\w+)\}$/.exec(piece)?.[1];
    return key !== undefined && key in params ? String(params[key]) : piece;
  });
  return spaced(...parts);
}
