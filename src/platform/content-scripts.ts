import { browser } from './browser';

const BADGE_ID = 'divert-switch-badge';

/** Runs the badge script in a tab already open (it ignores a second run in the same page). */
export async function injectBadge(js: string, tabId: number): Promise<void> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [js] });
  } catch {
    // the tab shows something we may not script (or is gone)
  }
}

interface Script {
  id: string;
  js: string[];
  matches: string[];
  runAt: 'document_start' | 'document_idle';
  allFrames?: boolean;
  world?: 'ISOLATED' | 'MAIN';
}

/**
 * Keeps one registered content script at exactly `script.matches` (none: unregistered). Registered
 * at run time, so it follows the domain list; a registration that already matches writes nothing.
 */
async function syncScript(script: Script): Promise<void> {
  const scripting = browser.scripting;
  const [current] = await scripting.getRegisteredContentScripts({ ids: [script.id] });
  if (script.matches.length === 0) {
    if (current) await scripting.unregisterContentScripts({ ids: [script.id] });
    return;
  }
  const same = current && JSON.stringify([...(current.matches ?? [])].sort()) === JSON.stringify([...script.matches].sort());
  if (same) return;
  const registered = { ...script, persistAcrossSessions: true } as Parameters<typeof scripting.registerContentScripts>[0][number];
  if (current) await scripting.updateContentScripts([registered]);
  else await scripting.registerContentScripts([registered]);
}

/** The page badge, on exactly `matches` (the diverted domains): never on a host that is not diverted. */
export const syncBadgeScript = (js: string, matches: string[]): Promise<void> =>
  syncScript({ id: BADGE_ID, js: [js], matches, runAt: 'document_idle' });

/**
 * Chrome, "Keep the page's own baggage": the page-world script and its bridge, at document start in
 * every frame of `matches` (diverted hosts and granted calling pages), or nowhere.
 */
export async function syncKeepBaggageScripts(files: { page: string; bridge: string }, matches: string[]): Promise<void> {
  await syncScript({ id: 'divert-switch-keep-bridge', js: [files.bridge], matches, runAt: 'document_start', allFrames: true });
  await syncScript({
    id: 'divert-switch-keep-page',
    js: [files.page],
    matches,
    runAt: 'document_start',
    allFrames: true,
    world: 'MAIN',
  });
}
