import { useEffect, useState } from 'preact/hooks';
import { type TabInfo, tabRead } from './tab-info';

export type { TabInfo } from './tab-info';

/** The tab the popup acts on: `?tab=<id>` when given (the e2e tests open it so), else the active tab. */
export function useTab(): TabInfo {
  const [first] = useState(tabRead.take);
  const [tab, setTab] = useState<TabInfo>(() => ('value' in first ? first.value : { ready: false }));
  useEffect(() => {
    if ('later' in first) void first.later.then(setTab);
  }, []);
  return tab;
}
