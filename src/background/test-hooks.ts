import type { Reply } from '../core/messages';
import { browser } from '../platform/browser';
import { notified } from '../platform/notifications';
import type { DeployNews } from './deploy-news';
import type { Okteto } from './okteto';
import { menuItemId, type OpenDiverted, PREVIEW_ITEM } from './open-diverted';
import type { Queue } from './queue';
import type { RequestLogs } from './request-log';

type Parts = Pick<DeployNews, 'onNewsAction'> &
  Pick<Okteto, 'wakeOkteto'> &
  Pick<OpenDiverted, 'builtMenu' | 'onMenuClick'> &
  Pick<Queue, 'enqueue'> &
  Pick<RequestLogs, 'logBytesInMemory'> & {
    dispatch: (message: unknown) => Promise<Reply>;
    onAlarm: (alarm: { name: string }) => Promise<void>;
    onCommand: (command: string, tabId: number) => Promise<string>;
  };

/** storage.session's size as the browser counts it (Chrome), and as its keys and JSON add up (both). */
async function sessionBytes(): Promise<{ bytesInUse: number | null; json: number; keys: Record<string, number> }> {
  const area = browser.storage.session as typeof browser.storage.session & { getBytesInUse?: (k: null) => Promise<number> };
  const bytesInUse = await Promise.resolve(area.getBytesInUse?.(null)).catch(() => undefined);
  const keys = Object.fromEntries(
    Object.entries(await area.get(null)).map(([k, v]) => [k, new TextEncoder().encode(k + JSON.stringify(v)).length]),
  );
  const json = Object.values(keys).reduce((n, b) => n + b, 0);
  return { bytesInUse: typeof bytesInUse === 'number' ? bytesInUse : null, json, keys };
}

/**
 * e2e builds only: what a headless browser cannot do itself, reached from the tests through the
 * worker (Chromium) or the background page (Firefox):
 * - `test:hold-queue:<ms>` keeps the command queue busy that long (a background as slow as right
 *   after a browser start);
 * - `test:alarms` lists the alarms set, and `test:alarm:<name>` fires one (nobody waits 15 minutes);
 * - `test:menus` is the link menu as built, and `test:open-diverted:<ns>:<url>` a click in it
 *   (`test:open-preview:<url>`: on "The preview in this link");
 * - `test:notifications` lists the notifications created (id and message), and `test:notification:<id>` clicks one;
 * - `test:log-bytes` is what every tab's request log holds in the worker's memory, in bytes, and
 *   `test:session-bytes` what storage.session holds: the browser's getBytesInUse where it has one
 *   (`null` where not), and the keys and JSON of everything in it;
 * - `test:time-box:<s>` starts a time box of a few seconds, through the popup's own command;
 * - anything else is the keyboard shortcut's command, for the given tab.
 */
export function installTestHooks({
  builtMenu,
  dispatch,
  enqueue,
  logBytesInMemory,
  onAlarm,
  onCommand,
  onMenuClick,
  onNewsAction,
  wakeOkteto,
}: Parts): void {
  (globalThis as Record<string, unknown>).divertSwitchTest = {
    onCommand: async (command: string, tabId: number) => {
      const hold = /^test:hold-queue:(\d{1,5})$/.exec(command);
      if (hold) {
        void enqueue(() => new Promise((r) => setTimeout(r, Number(hold[1]))));
        return 'held';
      }
      if (command === 'test:alarms') return JSON.stringify(await browser.alarms.getAll());
      if (command === 'test:notifications') return JSON.stringify(notified());
      const clicked = /^test:notification:(\S+)$/.exec(command);
      if (clicked) {
        // A click on one of our notifications (headless browsers show none to click).
        await onNewsAction(clicked[1] as string, wakeOkteto);
        return 'clicked';
      }
      if (command === 'test:menus') return builtMenu();
      const preview = /^test:open-preview:(\S+)$/.exec(command);
      if (preview) return onMenuClick({ menuItemId: PREVIEW_ITEM, linkUrl: preview[1] }, await browser.tabs.get(tabId));
      if (command === 'test:log-bytes') return String(logBytesInMemory());
      if (command === 'test:session-bytes') return JSON.stringify(await sessionBytes());
      const click = /^test:open-diverted:([a-z0-9-]{1,63}):(\S+)$/.exec(command);
      if (click) return onMenuClick({ menuItemId: menuItemId(click[1]), linkUrl: click[2] }, await browser.tabs.get(tabId));
      const box = /^test:time-box:(\d{1,3})$/.exec(command);
      if (box) return JSON.stringify(await dispatch({ type: 'setDivertUntil', until: Date.now() + Number(box[1]) * 1000 }));
      const alarm = /^test:alarm:([a-z-]{1,40})$/.exec(command);
      if (alarm) {
        await onAlarm({ name: alarm[1] });
        return 'fired';
      }
      return onCommand(command, tabId);
    },
  };
}
