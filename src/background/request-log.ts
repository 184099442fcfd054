import { type LogEvent, type RequestLog, reduceLog } from '../core/request-log';
import { bytesChange, fitLogs, LOG_BUDGET_BYTES, logBytes } from '../core/request-log-budget';
import { requestLogItem, requestLogTab } from '../core/storage-items';
import { readArea, remove, writeEach } from '../platform/store';
import { laterWork } from './later';

/** Writes are coalesced: a page of a hundred calls writes a few times, not a hundred. */
const WRITE_AFTER_MS = 150;

/**
 * Each tab's request log for the DevTools panel (core/request-log.ts): kept in memory, mirrored to
 * storage.session a moment after a burst (so the panel sees it live, and it outlives a worker that
 * was stopped), dropped with the tab. Fed by the request observers, inside the tab's order; it adds
 * no listener and no wait to any request. All tabs' logs share one budget (core/request-log-budget.ts),
 * in memory and in storage alike: the area also holds pins, share questions and served-by state,
 * which a log must never crowd out.
 */
export function createRequestLog({ budget = LOG_BUDGET_BYTES }: { budget?: number } = {}) {
  const logs = new Map<number, RequestLog>();
  /** Each tab's log size as stored, kept with the log (the sum is checked on every change). */
  const sizes = new Map<number, number>();
  let total = 0;
  /** Every stored log is read back once per wake, before the first event: the budget counts them all. */
  let loaded: Promise<void> | undefined;
  /** Tabs whose log changed since the last write; one write takes them all (see flush). */
  const dirty = new Set<number>();
  /** One write for every changed log, a moment after a burst. */
  const writes = laterWork<'logs'>();

  function keep(tabId: number, log: RequestLog, before?: RequestLog): void {
    const was = sizes.get(tabId);
    const bytes = before && was !== undefined ? was + bytesChange(before, log) : logBytes(log);
    total += bytes - (was ?? 0);
    sizes.set(tabId, bytes);
    logs.set(tabId, log);
  }

  function drop(tabId: number): void {
    total -= sizes.get(tabId) ?? 0;
    sizes.delete(tabId);
    logs.delete(tabId);
  }

  const load = () =>
    (loaded ??= readArea('session').then(
      (stored) => {
        for (const [key, value] of Object.entries(stored)) {
          const tabId = requestLogTab(key);
          if (tabId === undefined || logs.has(tabId) || !requestLogItem(tabId).valid(value)) continue;
          keep(tabId, value as RequestLog);
        }
        // Stored by a version without the budget, or a budget since made smaller.
        keepWithinBudget();
      },
      () => undefined,
    ));

  async function logOf(tabId: number): Promise<RequestLog> {
    await load();
    return logs.get(tabId) ?? [];
  }

  function schedule(tabId: number): void {
    dirty.add(tabId);
    if (!writes.isWaiting('logs')) writes.later('logs', WRITE_AFTER_MS, flush);
  }

  /** Past the budget: the oldest rows of any tab go, and every tab that lost rows is written again. */
  function keepWithinBudget(): void {
    if (total <= budget) return;
    for (const [tabId, log] of fitLogs(logs, budget, total)) {
      keep(tabId, log, logs.get(tabId));
      schedule(tabId);
    }
  }

  /** Applies one event to a tab's log (call inside the tab's order); the write to storage follows later. */
  async function logRequest(tabId: number, event: LogEvent): Promise<void> {
    await load();
    // Read after the wait, with no other between this and keep: another tab's event may have just
    // cut this tab's log to the budget, and a copy read earlier would bring its rows back uncounted.
    const before = logs.get(tabId) ?? [];
    const after = reduceLog(before, event);
    if (after === before) return;
    keep(tabId, after, before);
    schedule(tabId);
    keepWithinBudget();
  }

  /**
   * Every changed log in one write: a log another tab's rows pushed out of the budget is cut in the
   * same write that adds them, so storage holds what memory holds, never both. A write the area
   * refuses (full of what something else put there) costs each of those logs its older half, then
   * their stored copies: never a pin or a served-by write (platform/store.ts).
   */
  async function flush(): Promise<void> {
    const tabs = [...dirty].filter((tabId) => logs.has(tabId));
    dirty.clear();
    for (;;) {
      try {
        await writeEach(
          'session',
          tabs.map((tabId) => [requestLogItem(tabId), logs.get(tabId) ?? []]),
        );
        // A tab closed while it was written: its copy goes too.
        const closed = tabs.filter((tabId) => !logs.has(tabId));
        if (closed.length > 0) await remove(...closed.map(requestLogItem));
        return;
      } catch {
        const left = tabs.filter((tabId) => (logs.get(tabId)?.length ?? 0) > 0);
        if (left.length === 0) {
          await remove(...tabs.map(requestLogItem)).catch(() => undefined);
          return;
        }
        for (const tabId of left) {
          const log = logs.get(tabId) as RequestLog;
          keep(tabId, log.slice(0, Math.floor(log.length / 2)), log);
        }
      }
    }
  }

  /** A row of a tab's log, for the compare (which reads the URL from here, never from a message). */
  const loggedRequest = async (tabId: number, id: string) => (await logOf(tabId)).find((r) => r.id === id);

  /** A closed tab: its log goes. */
  function forgetRequestLog(tabId: number): void {
    dirty.delete(tabId);
    drop(tabId);
    void remove(requestLogItem(tabId));
  }

  /** What every tab's log holds now (tests and the bench measure it against the budget). */
  const logBytesInMemory = () => total;

  /** Unit tests: the waiting write, now (later.ts). */
  const runPendingLogWrites = (): Promise<void> => writes.runPending();

  return { logRequest, loggedRequest, forgetRequestLog, logBytesInMemory, runPendingLogWrites };
}
export type RequestLogs = ReturnType<typeof createRequestLog>;
