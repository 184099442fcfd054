import { useEffect, useState } from 'preact/hooks';
import { webHost } from '../core/tab-state';
import { browser } from '../platform/browser';
import { preloaded } from '../ui/preload';

export interface TabInfo {
  id?: number;
  /** The host the tab shows, when it is a web page. */
  host?: string;
  /** Its URL, when it is a web page (the share link and curl command start from it). */
  url?: string;
  ready: boolean;
}

function findTab(): Promise<TabInfo> {
  const param = new URLSearchParams(location.search).get('tab');
  const found = param
    ? browser.tabs.get(Number(param))
    : browser.tabs.query({ active: true, currentWindow: true }).then(([t]) => t);
  return found.then(
    (t) => {
      const host = webHost(t?.url);
      return { id: t?.id, host, url: host ? t?.url : undefined, ready: true };
    },
    () => ({ ready: true }),
  );
}

const preload = preloaded(findTab);
/** Starts looking before the first render (see preloadExtensionState); resolves when the tab is known. */
export const preloadTab = (): Promise<unknown> => preload.start();

/** The tab the popup acts on: `?tab=<id>` when given (the e2e tests open it so), else the active tab. */
export function useTab(): TabInfo {
  const [first] = useState(preload.take);
  const [tab, setTab] = useState<TabInfo>(() => ('value' in first ? first.value : { ready: false }));
  useEffect(() => {
    if ('later' in first) void first.later.then(setTab);
  }, []);
  return tab;
}
