/**
 * A cheap look at the shape of a parsed scenario before it is validated. Validation reports every problem,
 * and a 54 MB file of 1,500,000 bad actions took 99 s and 4.5 GB before Node ran out of memory. No valid
 * scenario has an array or object of more than MAX_ITEMS entries, nor more than MAX_VALUES values in all,
 * so a file past either is refused at once with the path of the part that is too big. Pure.
 */
import { MAX_ACTIONS, MAX_CONNECTIONS, MAX_FAULTS, MAX_HOSTS } from '../scenarios';
import { echo } from './echo';

/** The longest list a scenario has: its actions or its faults. */
export const MAX_ITEMS = Math.max(MAX_ACTIONS, MAX_FAULTS);

/**
 * The most JSON values a valid scenario holds: MAX_ACTIONS actions of at most 5 (the object, at, endpoint,
 * call, bytes), MAX_FAULTS faults of at most 15 (an inject: fault, inject, at, from, segment, seq, ack, len,
 * win, the flags array and its 5 flags), and at most 100 more for the top level, endpoints, network and
 * options. Beyond it a file is refused unvalidated (each extra value could be one more problem to find).
 */
export const MAX_VALUES = MAX_ACTIONS * 5 + MAX_FAULTS * 15 + 100;

/**
 * The same for a version 2 scenario: MAX_ACTIONS actions of at most 6 values (a send: the object, at,
 * host, call, conn, bytes) of which MAX_CONNECTIONS connects have 2 more (to, port, iss instead of bytes),
 * MAX_FAULTS faults of at most 17 (an inject adds port and to), MAX_HOSTS hosts of at most 9 (the object
 * and its 8 keys) in the hosts object, and 100 more for the top level, network and options.
 */
export const MAX_VALUES_V2 =
  MAX_ACTIONS * 6 + MAX_CONNECTIONS * 2 + MAX_FAULTS * 17 + MAX_HOSTS * 9 + 1 + 100;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

interface Visit {
  value: unknown;
  key: string | number | null;
  parent: Visit | null;
}

/** Why `value` is too big to be a scenario (a path and a count, for one line), or null when it is not. */
export function oversizedPart(value: unknown, maxValues = MAX_VALUES): string | null {
  // Iterative (a file can nest 10,000,000 arrays deep), and paths are only built for the part reported:
  // building one per value would be quadratic in the depth.
  const stack: Visit[] = [{ value, key: null, parent: null }];
  let seen = 0;
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    const node = visit.value;
    if (++seen > maxValues) {
      return `$: more than ${maxValues.toLocaleString('en-US')} JSON values; no scenario has more (not checked further)`;
    }
    if (node === null || typeof node !== 'object') continue;
    const entries = Array.isArray(node) ? node.length : Object.keys(node).length;
    if (entries > MAX_ITEMS) {
      const what = Array.isArray(node) ? 'items' : 'keys';
      return `${pathOf(visit)}: ${entries.toLocaleString('en-US')} ${what}; no part of a scenario has more than ${MAX_ITEMS.toLocaleString('en-US')} (not checked further)`;
    }
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ value: node[i], key: i, parent: visit });
    } else {
      const keys = Object.keys(node);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        stack.push({ value: (node as Record<string, unknown>)[key], key, parent: visit });
      }
    }
  }
  return null;
}

/** `$.actions[3].segment`, written as the validator writes paths; a path deeper than 20 keeps its end. */
function pathOf(visit: Visit): string {
  const steps: string[] = [];
  for (let v: Visit | null = visit; v !== null && v.key !== null; v = v.parent) {
    if (steps.length === 20) {
      steps.push('…');
      break;
    }
    const key = v.key;
    steps.push(
      typeof key === 'number'
        ? `[${key}]`
        : IDENTIFIER.test(key)
          ? `.${echo(key)}`
          : `[${echo(JSON.stringify(key))}]`,
    );
  }
  return `$${steps.reverse().join('')}`;
}
