// The built file name of the page badge script (crxjs `?iife` import): a path to hand to the
// scripting API, not code the background runs, so the entry-folder boundary is kept.
// biome-ignore lint/style/noRestrictedImports: imports a file name, not the module
import badgeFile from '../content/badge.ts?iife';

export const BADGE_SCRIPT: string = badgeFile;
