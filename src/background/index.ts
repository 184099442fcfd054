import { ITEMS, tabServedItem } from '../core/storage-items';
import { SUBSCRIPTION_LIMITS } from '../core/subscription';
import { browser, type Runtime, type Tabs } from '../platform/browser';
import { onMessage } from '../platform/polyfill';
import { ensurePublicSuffixList } from '../platform/psl';
import { canMergeHeaders, observeFetchHeaders, onFetchHeaders } from '../platform/requests';
import { remove, restrictToTrustedContexts, touches } from '../platform/store';
import { dispatch } from './commands';
import { commit, reconcileStored } from './commit';
import { handleContent } from './content';
import { CONTEXT_ITEMS, invalidateContext } from './context';
import { forgetAsker, noticeReplaced } from './keep-page-baggage';

import { applyManaged } from './managed';
import { builtMenu, menuItemId, onMenuClick, syncMenus } from './open-diverted';
import { onCached, onNavigate, onResponse, onSent, onTabComplete, onTabUpdated } from './observers';
import { moveLegacyToken, OKTETO_ALARM, refreshOkteto, scheduleOktetoRefresh } from './okteto';
import { mergeInto } from './page-baggage';
import { bypassPinned, bypassWorker, forgetBypass } from './page-data';
import { runProbe } from './probe';
import { enqueue } from './queue';
import { noteNavigation, scheduleWorkerSync } from './reconcile';
import { type DocumentLoad, forgetShared, onShareLink } from './share';
import { TOGGLE_COMMAND, toggleSite } from './shortcut';
import { refreshAll } from './subscriptions';
import { forgetSurfaces, scheduleRefreshTabs } from './surfaces';
import { pullIfEnabled, pushIfEnabled } from './sync';
import { forgetTab } from './tab-states';
import { endTimeBox, onTimeBoxTick, scheduleTimeBox, TIME_BOX_ALARM, TIME_BOX_TICK } from './time-box';

// Listeners are registered synchronously at top level so that an event waking the worker reaches them.

/**
 * The background's entry: every listener that may check a domain (commands, policy, sync,
 * subscriptions, the shortcut) runs once the packaged public suffix list is loaded, one load per
 * wake. Request observers check no domain and do not wait for it.
 */
const whenReady =
  <A extends unknown[], R>(listener: (...args: A) => R) =>
  (...args: A): Promise<R> =>
    ensurePublicSuffixList().then(() => listener(...args));

// Before anything else: what a page can reach (the badge's content-script world) reads no storage.
void restrictToTrustedContexts().catch(() => false);

const fromOurPages = (sender: Runtime.MessageSender) =>
  sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL(''));

onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (fromOurPages(sender)) {
    return whenReady(dispatch)(message).catch((e: Error) => ({ ok: false, error: `Divert Switch failed: ${e.message}` }));
  }
  // A page badge: it may ask for its tab's state and remember where it sits, nothing else.
  if (sender.id === browser.runtime.id && sender.tab?.id !== undefined) return handleContent(message, sender.tab.id, sender.url);
  return undefined;
});

const REFRESH_ALARM = 'refresh-subscriptions';
const scheduleRefresh = () => browser.alarms.create(REFRESH_ALARM, { periodInMinutes: SUBSCRIPTION_LIMITS.periodMinutes });
const onAlarm = (alarm: { name: string }) => {
  if (alarm.name === REFRESH_ALARM) void refreshAll();
  if (alarm.name === OKTETO_ALARM) void refreshOkteto();
  if (alarm.name === TIME_BOX_ALARM) return endTimeBox();
  if (alarm.name === TIME_BOX_TICK) onTimeBoxTick();
};
browser.alarms.onAlarm.addListener(whenReady(onAlarm));

// Install and update: commit migrates; rules are rebuilt from settings, not trusted.
browser.runtime.onInstalled.addListener(() => {
  void whenReady(applyManaged)();
  void reconcileStored();
  void scheduleRefresh();
  void scheduleOktetoRefresh();
});

// Browser start: pins ended with the last session; some Firefox versions lose dynamic rules.
browser.runtime.onStartup.addListener(() => {
  void reconcileStored({});
  void whenReady(applyManaged)();
  void whenReady(refreshAll)();
  void scheduleRefresh();
  // The namespaces' statuses are fresh at start, and then on the alarm while a divert is on.
  void refreshOkteto();
  void scheduleOktetoRefresh();
});

// Granted or revoked host access changes which domains can carry the header.
const onPermissions = () => {
  invalidateContext();
  void reconcileStored();
  scheduleRefreshTabs();
  void syncMenus();
};
browser.permissions.onAdded.addListener(onPermissions);
browser.permissions.onRemoved.addListener(onPermissions);

browser.tabs.onRemoved.addListener((tabId: number) => {
  forgetTab(tabId);
  forgetSurfaces(tabId);
  forgetAsker(tabId);
  forgetBypass(tabId);
  scheduleWorkerSync(tabId);
  void remove(tabServedItem(tabId));
  void forgetShared(tabId);
  void commit((_settings, { [tabId]: _closed, ...pins }) => ({ pins, reply: undefined }));
});

// ---- served-by: which namespace answered (non-blocking observers; only hosts we have access to) ----
type Headers = { name: string; value?: string }[];
const baggageOf = (headers?: Headers) => headers?.find((h) => h.name.toLowerCase() === 'baggage')?.value;

browser.webRequest.onBeforeRequest.addListener(
  (d: { tabId: number; url: string }) => {
    if (d.tabId < 0) return;
    void onNavigate(d.tabId, d.url);
    noteNavigation(d.tabId, d.url);
  },
  { urls: ['<all_urls>'], types: ['main_frame'] },
);
// Documents, API calls, WebSockets and event streams ('other': EventSource, beacons of old) only:
// they say which namespace answered and whether our header left. Images, scripts and the like
// would only cost an event each (npm run bench: request overhead).
const OBSERVED: Parameters<typeof browser.webRequest.onSendHeaders.addListener>[1] = {
  urls: ['<all_urls>'],
  types: ['main_frame', 'sub_frame', 'xmlhttprequest', 'websocket', 'other'],
};
browser.webRequest.onSendHeaders.addListener(
  (d: { tabId: number; url: string; requestId: string; requestHeaders?: Headers; initiator?: string; originUrl?: string }) =>
    void onSent(d.tabId, d.url, baggageOf(d.requestHeaders), d.requestId, d.initiator ?? d.originUrl),
  OBSERVED,
  ['requestHeaders'],
);
browser.webRequest.onHeadersReceived.addListener(
  (d: { tabId: number; url: string; requestId: string; responseHeaders?: Headers }) =>
    void onResponse(d.tabId, d.url, d.responseHeaders ?? [], d.requestId),
  OBSERVED,
  ['responseHeaders'],
);

// The page's own baggage: Firefox merges okteto-divert into it (a blocking listener on fetch/XHR,
// which the rules then leave alone); Chrome can only replace it, and says which members it replaced.
if (canMergeHeaders()) onFetchHeaders(mergeInto);
else observeFetchHeaders((request) => void noticeReplaced(request));

// The probe starts when a diverted page's document arrived, from the same event stream as its
// navigation: Firefox may deliver a page's onBeforeRequest after tabs.onUpdated says it is complete.
// Documents and API calls answered from the browser's cache are counted: no namespace saw them.
browser.webRequest.onCompleted.addListener((d: DocumentLoad & { type: string; fromCache: boolean }) => {
  if (d.tabId < 0) return;
  if (d.fromCache) void onCached(d.tabId, d.url);
  if (d.type !== 'main_frame') return;
  void runProbe(
    d.tabId,
    d.url,
    browser.tabs.get(d.tabId).then(separateCookies, () => true),
  );
  // A share link is read when its document arrived, never from a URL the page changed itself.
  void onShareLink(d);
}, OBSERVED);

browser.tabs.onUpdated.addListener((tabId: number, change: Tabs.OnUpdatedChangeInfoType, tab: Tabs.Tab) => {
  if (change.url !== undefined) noteNavigation(tabId, change.url);
  if (change.status === 'loading' || change.status === 'complete') void onTabUpdated(tabId, tab.url);
  if (change.status === 'complete') {
    onTabComplete(tabId);
    void bypassWorker(tabId);
  }
});

browser.contextMenus.onClicked.addListener(
  (info: { menuItemId: string | number; linkUrl?: string }, tab?: Tabs.Tab) => void onMenuClick(info, tab),
);

/**
 * A private window or a Firefox container keeps cookies apart from the regular profile; the probe,
 * sent from the background, would carry the regular profile's cookies, so it sends none there.
 */
const separateCookies = (tab: Tabs.Tab) =>
  tab.incognito || (tab.cookieStoreId !== undefined && tab.cookieStoreId !== 'firefox-default');

browser.storage.onChanged.addListener((changes: Record<string, { newValue?: unknown }>, area: string) => {
  // First: the observers' context only changes with what it is made of (not with served:<tab>
  // writes), and every reader below reads it anew (the event can come before commit's own update).
  if (touches(changes, area, CONTEXT_ITEMS)) {
    invalidateContext();
    // Toolbar buttons and page badges follow settings, pins and the Okteto list.
    scheduleRefreshTabs();
  }
  if (touches(changes, area, [ITEMS.settings, ITEMS.okteto])) void scheduleOktetoRefresh();
  if (touches(changes, area, [ITEMS.settings])) {
    void scheduleTimeBox();
    void syncMenus();
  }
  // Pinned tabs whose worker cannot carry their pin: past the worker once the switch is on, or
  // once the plan says the worker no longer follows.
  if (touches(changes, area, [ITEMS.settings, ITEMS.workers])) void bypassPinned();
  if (area === 'managed') void whenReady(applyManaged)();
  // Sync, when on: our changes go out, other browsers' changes come in (checked like any input).
  if (touches(changes, area, [ITEMS.settings])) void pushIfEnabled();
  if (area === 'sync') void whenReady(pullIfEnabled)(changes);
});

const onCommand = async (command: string, tab?: Tabs.Tab) =>
  command === TOGGLE_COMMAND
    ? toggleSite(tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0])
    : 'unknown command';
browser.commands.onCommand.addListener((command: string, tab?: Tabs.Tab) => void whenReady(onCommand)(command, tab));

// e2e builds only: headless browsers cannot press an extension shortcut, so tests call its handler.
// `test:hold-queue:<ms>` keeps the command queue busy that long: a background as slow as right
// after a browser start, on demand.
if (import.meta.env.MODE === 'e2e') {
  (globalThis as Record<string, unknown>).divertSwitchTest = {
    onCommand: async (command: string, tabId: number) => {
      const hold = /^test:hold-queue:(\d{1,5})$/.exec(command);
      if (hold) {
        void enqueue(() => new Promise((r) => setTimeout(r, Number(hold[1]))));
        return 'held';
      }
      // The alarms set, and an alarm's handler as when the browser fires it (headless tests cannot
      // wait 15 minutes).
      if (command === 'test:alarms') return JSON.stringify(await browser.alarms.getAll());
      // The link context menu as built, and a click in it on a link (headless: no context menu).
      if (command === 'test:menus') return builtMenu();
      const click = /^test:open-diverted:([a-z0-9-]{1,63}):(\S+)$/.exec(command);
      if (click) return onMenuClick({ menuItemId: menuItemId(click[1]), linkUrl: click[2] }, await browser.tabs.get(tabId));
      // A time box of a few seconds, through the same command the popup's buttons send.
      const box = /^test:time-box:(\d{1,3})$/.exec(command);
      if (box) return JSON.stringify(await dispatch({ type: 'setDivertUntil', until: Date.now() + Number(box[1]) * 1000 }));
      const alarm = /^test:alarm:([a-z-]{1,40})$/.exec(command);
      if (alarm) {
        await whenReady(onAlarm)({ name: alarm[1] });
        return 'fired';
      }
      return whenReady(onCommand)(command, await browser.tabs.get(tabId));
    },
  };
}

// Every wake-up checks the rules against settings (a no-change reconcile writes nothing), and that no
// token an older version kept is left in storage: an update does not always announce itself (an
// unpacked build loaded anew in Chromium fires no onInstalled).
void reconcileStored();
void moveLegacyToken();
void scheduleTimeBox();
void syncMenus();
