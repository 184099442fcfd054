import type { TabServed } from '../core/served';
import { tabServedItem } from '../core/storage-items';
import { useStored } from '../ui/use-stored';

/** What the background observed on this tab's page; updates as responses arrive. */
export const useServed = (tabId: number | undefined): TabServed | undefined =>
  useStored(tabId === undefined ? undefined : tabServedItem(tabId));
