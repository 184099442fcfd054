import { type LogEvent, type RequestLog, reduceLog } from '../core/request-log';
import { requestLogItem } from '../core/storage-items';
import { read, remove, write } from '../platform/store';
import { laterWork } from './later';

/** Writes are coalesced: a page of a hundred calls writes a few times, not a hundred. */
const WRITE_AFTER_MS = 150;

/** Each tab's request log, in memory for this wake. */
export function createRequestLog() {
  /**
   * Each tab's request log for the DevTools panel (core/request-log.ts): kept in memory, mirrored to
   * storage.session a moment after a burst (so the panel sees it live, and it outlives a worker that
   * was stopped), dropped with the tab. Fed by the request observers, inside the tab's order; it adds
   * no listener and no wait to any request.
   */
  const logs = new Map<number, RequestLog>();

  const loading = new Map<number, Promise<void>>();

  const writes = laterWork<number>();

  /** A tab's log; the stored one is read once per wake, before its first event (one read for callers at once). */
  async function logOf(tabId: number): Promise<RequestLog> {
    if (!logs.has(tabId)) {
      let pending = loading.get(tabId);
      if (!pending) {
        pending = read(requestLogItem(tabId)).then((stored) => {
          if (!logs.has(tabId)) logs.set(tabId, stored);
          loading.delete(tabId);
        });
        loading.set(tabId, pending);
      }
      await pending;
    }
    return logs.get(tabId) ?? [];
  }

  /** Applies one event to a tab's log (call inside the tab's order); the write to storage follows later. */
  async function logRequest(tabId: number, event: LogEvent): Promise<void> {
    const before = await logOf(tabId);
    const after = reduceLog(before, event);
    if (after === before) return;
    logs.set(tabId, after);
    if (!writes.isWaiting(tabId)) writes.later(tabId, WRITE_AFTER_MS, () => flush(tabId));
  }

  async function flush(tabId: number): Promise<void> {
    const log = logs.get(tabId);
    // A full session storage (many tabs, long URLs) keeps the log in memory only.
    if (log) await write(requestLogItem(tabId), log).catch(() => undefined);
  }

  /** A row of a tab's log, for the compare (which reads the URL from here, never from a message). */
  const loggedRequest = async (tabId: number, id: string) => (await logOf(tabId)).find((r) => r.id === id);

  /** A closed tab: its log goes. */
  function forgetRequestLog(tabId: number): void {
    writes.cancel(tabId);
    logs.delete(tabId);
    void remove(requestLogItem(tabId));
  }
  /** Writes the logs waiting for their moment now (unit tests wait on it). */
  const runPendingLogWrites = (): Promise<void> => writes.runPending();
  return { logRequest, loggedRequest, forgetRequestLog, runPendingLogWrites };
}
export type RequestLogs = ReturnType<typeof createRequestLog>;
