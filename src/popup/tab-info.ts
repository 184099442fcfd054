import { webHost } from '../core/url';
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

/** Looked up before the first render (start-reads.ts), taken by useTab. */
export const tabRead = preloaded(findTab);
