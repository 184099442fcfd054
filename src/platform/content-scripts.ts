import { browser } from './browser';

const ID = 'divert-switch-badge';

/** Runs the badge script in a tab already open (it ignores a second run in the same page). */
export async function injectBadge(js: string, tabId: number): Promise<void> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [js] });
  } catch {
    // the tab shows something we may not script (or is gone)
  }
}

/**
 * Keeps the page badge registered for exactly `matches` (the diverted domains): it never runs on a
 * host that is not diverted. Registered at run time, so it follows the domain list.
 */
export async function syncBadgeScript(js: string, matches: string[]): Promise<void> {
  const scripting = browser.scripting;
  const [current] = await scripting.getRegisteredContentScripts({ ids: [ID] });
  if (matches.length === 0) {
    if (current) await scripting.unregisterContentScripts({ ids: [ID] });
    return;
  }
  const same = current && JSON.stringify([...(current.matches ?? [])].sort()) === JSON.stringify([...matches].sort());
  if (same) return;
  const script = { id: ID, js: [js], matches, runAt: 'document_idle' as const, persistAcrossSessions: true };
  if (current) await scripting.updateContentScripts([script]);
  else await scripting.registerContentScripts([script]);
}
