// The built file names of the content scripts (crxjs `?iife` imports): paths to hand to the
// scripting API, not code the background runs, so the entry-folder boundary is kept.
// biome-ignore lint/style/noRestrictedImports: imports a file name, not the module
import badgeFile from '../content/badge.ts?iife';
// biome-ignore lint/style/noRestrictedImports: imports a file name, not the module
import bridgeFile from '../content/keep-page-baggage-bridge.ts?iife';
// biome-ignore lint/style/noRestrictedImports: imports a file name, not the module
import pageFile from '../content/keep-page-baggage-page.ts?iife';

export const BADGE_SCRIPT: string = badgeFile;
export const KEEP_PAGE_BAGGAGE_SCRIPTS = { page: pageFile, bridge: bridgeFile };
