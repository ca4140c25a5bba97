/**
 * What `sim FILE.json` will print for a version 2 scenario once the v2 engine runs it (issue 12): the
 * trace as a ladder with one column per host (ladder-v2.ts), as JSON, or as a pcap file with each
 * host's address (src/interop/pcap-v2.ts). Pure: main.ts writes the result where it goes (stdout, or
 * the --out file as for a v1 trace). `sim` does not run version 2 files yet, so nothing calls this
 * from the command line today; it is tested on hand-written traces.
 */
import type { Catalog } from '../i18n';
import { framesOfV2, pcapFromTraceV2 } from '../interop/pcap-v2';
import { assertTraceV2 } from '../interop/trace-v2-check';
import type { HostName, TraceV2 } from '../tcp/traceV2';
import { formatLadderV2 } from './ladder-v2';

export type TraceV2Format = 'text' | 'json' | 'pcap';

export interface RenderV2Options {
  /** text: ANSI colours. */
  color?: boolean;
  catalog?: Catalog;
  /** pcap: capture at one host's interface instead of at each sender. */
  captureAt?: HostName;
}

/** Text for stdout (the ladder, or the trace as one line of JSON), or the bytes of a pcap file. */
export type TraceV2Output =
  | { kind: 'stdout'; text: string }
  | { kind: 'pcap'; data: Uint8Array; frames: number };

/** Throws a TraceV2Error naming the field when the trace is outside the limits (trace-v2-check.ts). */
export function renderTraceV2(
  trace: TraceV2,
  format: TraceV2Format,
  options: RenderV2Options = {},
): TraceV2Output {
  switch (format) {
    case 'text':
      return {
        kind: 'stdout',
        text: formatLadderV2(trace, {
          ...(options.color !== undefined ? { color: options.color } : {}),
          ...(options.catalog ? { catalog: options.catalog } : {}),
        }),
      };
    case 'json':
      assertTraceV2(trace);
      return { kind: 'stdout', text: `${JSON.stringify(trace)}\n` };
    case 'pcap': {
      const capture = options.captureAt !== undefined ? { captureAt: options.captureAt } : {};
      return {
        kind: 'pcap',
        data: pcapFromTraceV2(trace, capture),
        frames: framesOfV2(trace, capture).length,
      };
    }
  }
}
