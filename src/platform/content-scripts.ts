import { browser } from './browser';

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
  runAt: 'document_start';
  allFrames?: boolean;
  world?: 'ISOLATED' | 'MAIN';
}

const sameMatches = (a: readonly string[], b: readonly string[]) =>
  JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

/**
 * Makes the registered content scripts exactly `wanted` (one with no matches is not wanted), from
 * one read of what is registered: a script that already matches is left alone, and any other
 * registration of ours goes (the page badge that versions before 0.3 registered among them).
 * Registered at run time, so they follow the domain list.
 */
export async function syncContentScripts(wanted: Script[]): Promise<void> {
  const scripting = browser.scripting;
  const current = new Map((await scripting.getRegisteredContentScripts()).map((s) => [s.id, s]));
  const live = wanted.filter((w) => w.matches.length > 0);
  const gone = [...current.keys()].filter((id) => !live.some((w) => w.id === id));
  if (gone.length > 0) await scripting.unregisterContentScripts({ ids: gone });
  const registered = (w: Script) =>
    ({ ...w, persistAcrossSessions: true }) as Parameters<typeof scripting.registerContentScripts>[0][number];
  const changed = live.filter((w) => current.has(w.id) && !sameMatches(current.get(w.id)?.matches ?? [], w.matches));
  const added = live.filter((w) => !current.has(w.id));
  if (changed.length > 0) await scripting.updateContentScripts(changed.map(registered));
  if (added.length > 0) await scripting.registerContentScripts(added.map(registered));
}

/**
 * Chrome, "Keep the page's own baggage": the page-world script and its bridge, at document start in
 * every frame of `matches` (diverted hosts and granted calling pages), or nowhere.
 */
export const keepPageBaggageScripts = (files: { page: string; bridge: string }, matches: string[]): Script[] => [
  { id: 'divert-switch-keep-bridge', js: [files.bridge], matches, runAt: 'document_start', allFrames: true },
  { id: 'divert-switch-keep-page', js: [files.page], matches, runAt: 'document_start', allFrames: true, world: 'MAIN' },
];
