import { useEffect, useState } from 'preact/hooks';
import type { Item } from '../core/storage-items';
import { read, watch } from '../platform/store';

/** One item of the storage table, read now and again whenever the background writes it. */
export function useStored<T>(item: Item<T> | undefined): T | undefined {
  const [value, setValue] = useState<T>();
  const key = item ? `${item.area}:${item.key}` : '';
  useEffect(() => {
    if (!item) return;
    let live = true;
    const refresh = () => void read(item).then((v) => live && setValue(v));
    refresh();
    const off = watch([item], refresh);
    return () => {
      live = false;
      off();
    };
  }, [key]);
  return value;
}
