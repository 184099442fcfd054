import { useEffect, useState } from 'preact/hooks';
import type { TabServed } from '../core/served';
import { onStorageChange, readTabServed } from '../platform/store';

/** What the background observed on this tab's page; updates as responses arrive. */
export function useServed(tabId: number | undefined): TabServed | undefined {
  const [served, setServed] = useState<TabServed>();
  useEffect(() => {
    if (tabId === undefined) return;
    let live = true;
    const refresh = () => void readTabServed(tabId).then((s) => live && setServed(s));
    refresh();
    const off = onStorageChange((area, keys) => area === 'session' && keys.includes(`served:${tabId}`) && refresh());
    return () => {
      live = false;
      off();
    };
  }, [tabId]);
  return served;
}
