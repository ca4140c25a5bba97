/**
 * The English catalog: every sentence a person reads about a trace. It is the source of the Catalog type,
 * so another language typed `Catalog` fails the typecheck when it misses (or invents) a key.
 * Sentences follow the engine's explanation keys (src/tcp/explain.ts) and say, in RFC 9293's terms, what
 * happened and why; the RFC section is carried by the event and cited separately (see `citation`).
 *
 * It is written in two files so the page can draw before the long sentences have loaded: en.base.ts (names
 * and titles) and en.sentences.ts (one sentence per explanation key, and the glossary).
 */
import { type CatalogShape, enBase } from './en.base';
import { enSentences } from './en.sentences';

export type { CatalogShape } from './en.base';

export const en = { ...enBase, ...enSentences } as const satisfies CatalogShape;

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** The type every catalog has: the English one's keys, any strings. */
export type Catalog = Strings<typeof en>;
