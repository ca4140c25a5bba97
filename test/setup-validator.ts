/**
 * The page loads the scenario validator after its first paint (src/store/validator.ts); tests call the
 * store's actions synchronously, as on a page where it has long arrived. Tests of the moment before it
 * arrives forget it explicitly (forgetValidatorForTests).
 */
import { loadValidator } from '../src/store/validator';

await loadValidator();
