/**
 * A QR code of a link, drawn as one SVG: a white square and the dark modules as one <path>, so it scales to
 * any size without blurring (a projector at the back of a room) and stays one element for the DOM.
 * Black on white whatever the page's theme: phone cameras read dark modules on a light ground, and an
 * inverted code is not read by every scanner (ISO/IEC 18004 §6.2 defines dark on light; reflectance
 * reversal is optional for decoders).
 */
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/** The light margin on every side, in modules: ISO/IEC 18004 §6.3.8 asks for 4 (the "quiet zone"). */
export const QUIET_ZONE = 4;

/**
 * Error correction M (about 15 % of the codewords can be lost): a projected code is clean, so the higher
 * levels would only make the modules smaller for the same link.
 */
const ERROR_CORRECTION = 'M';

/** The dark modules of `text`'s QR code as rows of booleans (the smallest version that holds it). */
export function qrModules(text: string): boolean[][] {
  const code = qrcode(0, ERROR_CORRECTION);
  code.addData(text, 'Byte');
  code.make();
  const size = code.getModuleCount();
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, col) => code.isDark(row, col)),
  );
}

/**
 * The modules as path data in a coordinate system of one unit per module, the quiet zone included: each
 * horizontal run of dark modules is one rectangle (`M x y h n v 1 h -n z`), which keeps the path short.
 */
export function qrPath(modules: boolean[][]): string {
  const parts: string[] = [];
  modules.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      const n = x - start;
      parts.push(`M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${n}v1h-${n}z`);
    }
  });
  return parts.join('');
}

export function QrCode({ text, label, className }: { text: string; label: string; className?: string }) {
  const { path, side } = useMemo(() => {
    const modules = qrModules(text);
    return { path: qrPath(modules), side: modules.length + 2 * QUIET_ZONE };
  }, [text]);
  return (
    <svg
      className={className}
      role="img"
      aria-label={label}
      viewBox={`0 0 ${side} ${side}`}
      xmlns="http://www.w3.org/2000/svg"
      // Crisp module edges: no antialiasing seams between the runs.
      shapeRendering="crispEdges"
    >
      <rect width={side} height={side} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
