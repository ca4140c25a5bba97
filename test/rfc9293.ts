/**
 * RFC 9293 as published (test/fixtures/rfc9293.txt, an unmodified copy of the RFC Editor's text): the
 * independent oracle for which sections exist and what they say.
 */
import { readFileSync } from 'node:fs';

// Relative to the repository root, where vitest runs (as the capture tests read their fixtures).
export const RFC9293_LINES: readonly string[] = readFileSync('test/fixtures/rfc9293.txt', 'utf8').split('\n');

/** A section heading as the RFC prints it at the start of a line: "3.3.1.  Key Connection State Variables". */
const HEADING = /^(\d+(?:\.\d+)*)\.\s{2}\S/;

/** The line of a section's heading, or -1 when the RFC has no such section. */
export function headingLine(section: string): number {
  return RFC9293_LINES.findIndex((line) => HEADING.exec(line)?.[1] === section);
}

/** The text of a section, from its heading to the next heading (of any level). */
export function sectionText(section: string): string {
  const start = headingLine(section);
  if (start < 0) throw new Error(`RFC 9293 has no section ${section}`);
  let end = start + 1;
  while (end < RFC9293_LINES.length && !HEADING.test(RFC9293_LINES[end] ?? '')) end++;
  return RFC9293_LINES.slice(start, end).join('\n');
}

/** The number of the section a line belongs to (the closest heading above it). */
export function sectionAt(line: number): string {
  for (let i = line; i >= 0; i--) {
    const heading = HEADING.exec(RFC9293_LINES[i] ?? '');
    if (heading) return heading[1] as string;
  }
  throw new Error(`no heading above line ${line}`);
}
