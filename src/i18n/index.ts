/**
 * Narration for people: the catalogs, and how an event's RFC reference is cited.
 * Pure data and functions (no React, no Node), shared by the CLI and the UI.
 * (The browser imports the catalogs by module so Simplified Chinese can be a separate chunk.)
 */
export { citation } from './citation';
export { type Catalog, type CatalogShape, en } from './en';
export { zhCN } from './zh-CN';
