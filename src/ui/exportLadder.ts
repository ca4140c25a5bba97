/**
 * The ladder diagram as a file: a standalone SVG that looks like the drawing it is given (the whole run,
 * from wholeLadder.ts) in the current theme, and a PNG drawn from it. The SVG's own <style> uses
 * `var(--x, fallback)`; a file opened on its own (or printed) has no page to define those variables, so
 * every one is replaced by the theme's computed value. Loaded on demand from the export menu; it imports
 * nothing the page already has, so it stays one small chunk.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A custom property's value in the current theme ("" when undefined, then the fallback is used). */
export type ThemeLookup = (name: string) => string;

/** The theme of the element that defines the tokens (the `.app` element). */
export function themeOf(el: Element): ThemeLookup {
  const style = getComputedStyle(el);
  return (name) => style.getPropertyValue(name).trim();
}

/**
 * Replace every `var(--name)` / `var(--name, fallback)` in a CSS text by the theme's value, else the
 * (recursively resolved) fallback. A variable with neither is left as `unset`, so no `var(` survives.
 */
export function resolveVars(css: string, theme: ThemeLookup): string {
  let out = '';
  let i = 0;
  while (i < css.length) {
    const start = css.indexOf('var(', i);
    if (start < 0) {
      out += css.slice(i);
      break;
    }
    out += css.slice(i, start);
    // Find the matching parenthesis: fallbacks may hold commas, quotes and nested var()s.
    let depth = 0;
    let end = start + 3;
    for (; end < css.length; end++) {
      const c = css[end];
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) break;
    }
    const inner = css.slice(start + 4, end);
    const comma = inner.indexOf(',');
    const name = (comma < 0 ? inner : inner.slice(0, comma)).trim();
    const fallback = comma < 0 ? '' : inner.slice(comma + 1).trim();
    const value = theme(name) || resolveVars(fallback, theme) || 'unset';
    out += resolveVars(value, theme);
    i = end + 1;
  }
  return out;
}

export interface LadderSvgFile {
  svg: string;
  width: number;
  height: number;
}

/**
 * Serialize a copy of the on-screen ladder: variables resolved, a background in the panel color, explicit
 * size from the viewBox, the page's font, and the interactive attributes (tab stops, button roles) removed.
 */
export function ladderSvg(source: SVGSVGElement, theme: ThemeLookup, title: string): LadderSvgFile {
  const svg = source.cloneNode(true) as SVGSVGElement;
  const [x = 0, y = 0, width = 560, height = 400] = (svg.getAttribute('viewBox') ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  // The serializer writes the namespace of an SVG element itself; a plain `xmlns` attribute (React sets
  // one) would come out twice in some serializers, an XML error.
  svg.removeAttribute('xmlns');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.removeAttribute('preserveAspectRatio');
  svg.removeAttribute('data-testid');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title);
  svg.setAttribute('font-family', resolveVars('var(--font, system-ui, sans-serif)', theme));

  for (const style of svg.querySelectorAll('style')) {
    style.textContent = resolveVars(style.textContent ?? '', theme);
  }
  for (const el of [svg, ...svg.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      if (attr.value.includes('var(')) el.setAttribute(attr.name, resolveVars(attr.value, theme));
    }
    if (el !== svg) {
      el.removeAttribute('tabindex');
      el.removeAttribute('aria-pressed');
      if (el.getAttribute('role') === 'button') el.removeAttribute('role');
    }
  }

  const doc = svg.ownerDocument;
  const titleEl = doc.createElementNS(SVG_NS, 'title');
  titleEl.textContent = title;
  const background = doc.createElementNS(SVG_NS, 'rect');
  background.setAttribute('x', String(x));
  background.setAttribute('y', String(y));
  background.setAttribute('width', String(width));
  background.setAttribute('height', String(height));
  background.setAttribute('fill', resolveVars('var(--panel, #ffffff)', theme));
  svg.insertBefore(background, svg.firstChild);
  svg.insertBefore(titleEl, svg.firstChild);

  let text = new XMLSerializer().serializeToString(svg);
  if (!/^<svg[^>]*\sxmlns="/.test(text)) text = text.replace('<svg', `<svg xmlns="${SVG_NS}"`);
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`, width, height };
}

/** Draw the SVG at `scale` × its size into a canvas and encode it as PNG (browser only). */
export async function svgToPng(file: LadderSvgFile, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([file.svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the SVG could not be drawn'));
    });
    image.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(file.width * scale);
    canvas.height = Math.ceil(file.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
