/**
 * The scenario validator (valibot, the schema and its issue mapping: ~5 KB gzip) loads after the page, not
 * with it: the default page shows a preset, which needs no checking. Only a `#s=` link and an imported
 * scenario file do, and the page starts loading it at startup (and waits for it before the first render
 * when the link holds a scenario), so it is almost always there when one of them asks.
 */
export type Validator = typeof import('../scenarios/validate');

const importValidator = (): Promise<Validator> => import('../scenarios/validate');

let load = importValidator;
let loading: Promise<Validator> | null = null;
let loaded: Validator | null = null;

/**
 * The validator, loaded once. Every caller gets the same promise, so callbacks run in the order they were
 * added. A failed load (the network, a redeployed site) is forgotten, so the next call tries again.
 */
export function loadValidator(): Promise<Validator> {
  loading ??= load().then(
    (validator) => {
      loaded = validator;
      return validator;
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** The validator if it has loaded, else null (nothing is started: see `loadValidator`). */
export function validatorIfLoaded(): Validator | null {
  return loaded;
}

/**
 * Tests only: forget the loaded validator, as on a page that has not loaded it yet, and optionally load it
 * another way next time (a loader that fails, or one the test resolves when it chooses).
 */
export function forgetValidatorForTests(loader: () => Promise<Validator> = importValidator): void {
  load = loader;
  loading = null;
  loaded = null;
}
