import { useEffect, useState } from 'preact/hooks';
import { browser } from '../platform/browser';

export interface TabInfo {
  id?: number;
  /** The host the tab shows, when it is a web page. */
  host?: string;
  ready: boolean;
}

/** The tab the popup acts on: `?tab=<id>` when given (tests, "open in tab"), else the active tab. */
export function useTab(): TabInfo {
  const [tab, setTab] = useState<TabInfo>({ ready: false });
  useEffect(() => {
    const param = new URLSearchParams(location.search).get('tab');
    const found = param
      ? browser.tabs.get(Number(param))
      : browser.tabs.query({ active: true, currentWindow: true }).then(([t]) => t);
    void found
      .then((t) => {
        let host: string | undefined;
        try {
          const url = new URL(t?.url ?? '');
          if (/^(https?|wss?):$/.test(url.protocol)) host = url.hostname;
        } catch {}
        setTab({ id: t?.id, host, ready: true });
      })
      .catch(() => setTab({ ready: true }));
  }, []);
  return tab;
}
