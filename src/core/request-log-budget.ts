import type { LoggedRequest, RequestLog } from './request-log';

/**
 * storage.session is one room: tab pins, share questions, worker plans and every tab's served-by
 * state live there next to the request logs, and Chrome gives the whole area 10 MiB. Diagnostics
 * get one budget for all tabs together (a tenth of that room), in storage and in the worker's
 * memory alike; past it, the oldest rows of any tab go first. Issue 33 (4): two tabs of a chatty
 * page filled the area in 30 s when each tab was bounded alone.
 */
export const LOG_BUDGET_BYTES = 1024 * 1024;

const WIDE = /[\u0080-\uffff]/g;

/**
 * A string's UTF-8 bytes as the browser counts a stored value, or a little more: a character past
 * ASCII counts 3 (a surrogate pair 6, for its 4). A native scan: every observed request pays it.
 */
const utf8Bytes = (text: string) => text.length + 2 * (text.match(WIDE)?.length ?? 0);

/** Rows never change once made (the reducer makes new ones): each is measured once. */
const measured = new WeakMap<LoggedRequest, number>();

/** A row's size as stored (its JSON and the comma after it), never less. */
export function rowBytes(row: LoggedRequest): number {
  let bytes = measured.get(row);
  if (bytes === undefined) {
    bytes = utf8Bytes(JSON.stringify(row)) + 1;
    measured.set(row, bytes);
  }
  return bytes;
}

/** A tab's log as stored: its key (`requests:<tab>`, at most 20 bytes), brackets and rows. */
export function logBytes(log: RequestLog): number {
  let bytes = 22;
  for (const row of log) bytes += rowBytes(row);
  return bytes;
}

/**
 * How many bytes a log grew or shrank by one step of the reducer, measuring only the rows that
 * changed (a step adds a row at the front, replaces or removes one, cuts the end): every observed
 * request pays for one row, not for the whole log. Rows are compared by identity.
 */
export function bytesChange(before: RequestLog, after: RequestLog): number {
  let change = 0;
  let i = 0;
  let j = 0;
  while (i < after.length && j < before.length) {
    const a = after[i] as LoggedRequest;
    const b = before[j] as LoggedRequest;
    if (a === b) {
      i++;
      j++;
    } else if (after[i + 1] === b) {
      change += rowBytes(a);
      i++;
    } else if (before[j + 1] === a) {
      change -= rowBytes(b);
      j++;
    } else {
      change += rowBytes(a) - rowBytes(b);
      i++;
      j++;
    }
  }
  for (; i < after.length; i++) change += rowBytes(after[i] as LoggedRequest);
  for (; j < before.length; j++) change -= rowBytes(before[j] as LoggedRequest);
  return change;
}

/**
 * The logs of every tab, cut to `budget` bytes together: the oldest rows of any tab go first
 * (each log is newest first, so a tab's oldest row is its last). Returns only the tabs whose log
 * changed, with what is left of it; nothing when all fit.
 */
export function fitLogs(
  logs: ReadonlyMap<number, RequestLog>,
  budget: number = LOG_BUDGET_BYTES,
  /** Their size together, when the caller keeps count (else measured here). */
  measuredTotal?: number,
): Map<number, RequestLog> {
  let total = measuredTotal ?? 0;
  if (measuredTotal === undefined) for (const log of logs.values()) total += logBytes(log);
  const cut = new Map<number, RequestLog>();
  if (total <= budget) return cut;
  const left = new Map<number, number>([...logs].map(([tab, log]) => [tab, log.length]));
  while (total > budget) {
    let oldest: number | undefined;
    let at = Number.POSITIVE_INFINITY;
    for (const [tab, n] of left) {
      const row = (logs.get(tab) as RequestLog)[n - 1];
      if (row && row.at < at) {
        at = row.at;
        oldest = tab;
      }
    }
    if (oldest === undefined) break; // every log empty: only keys remain
    const n = left.get(oldest) as number;
    total -= rowBytes((logs.get(oldest) as RequestLog)[n - 1] as LoggedRequest);
    left.set(oldest, n - 1);
    cut.set(oldest, []);
  }
  for (const tab of cut.keys()) cut.set(tab, (logs.get(tab) as RequestLog).slice(0, left.get(tab)));
  return cut;
}
