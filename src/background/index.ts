import { ITEMS } from '../core/storage-items';
import { browser, type Runtime, type Tabs } from '../platform/browser';
import { words } from '../platform/i18n';
import { onMessage } from '../platform/polyfill';
import { ensurePublicSuffixList } from '../platform/psl';
import { restrictToTrustedContexts, touches } from '../platform/store';
import { onAlarm, scheduleSubscriptionRefresh } from './alarms';
import { dispatch } from './commands';
import { commit, reconcileStored } from './commit';
import { handleContent } from './content';
import { CONTEXT_ITEMS, invalidateContext } from './context';
import { wireDeployNotifications } from './deploy-news';
import { forgetAsker } from './keep-page-baggage';
import { moveLegacyToken } from './legacy';
import { applyManaged } from './managed';
import { onTabComplete, onTabUpdated } from './observers';
import { refreshOkteto, scheduleOktetoRefresh, wakeOkteto } from './okteto';
import { onMenuClick, syncMenus } from './open-diverted';
import { bypassPinned, bypassWorker, forgetBypass } from './page-data';
import { noteNavigation, scheduleWorkerSync } from './reconcile';
import { forgetRequestLog } from './request-log';
import { wireRequests } from './requests';
import { forgetShared } from './share';
import { TOGGLE_COMMAND, toggleSite } from './shortcut';
import { refreshAll } from './subscriptions';
import { forgetSurfaces, schedulePublish, scheduleRefreshTabs } from './surfaces';
import { pullIfEnabled, pushIfEnabled } from './sync';
import { forgetTab, onTabChange } from './tab-states';
import { installTestHooks } from './test-hooks';
import { scheduleTimeBox } from './time-box';

// The background's wiring, in the order it starts: each browser event has one handler, which hands the
// change to its readers, named in place. Registered synchronously, so an event waking the worker reaches them.

/** Listeners that may check a domain (commands, policy, sync, subscriptions, the shortcut) run once the
 * packaged public suffix list is loaded, one load per wake; request observers check none and do not wait. */
const whenReady =
  <A extends unknown[], R>(listener: (...args: A) => R) =>
  (...args: A): Promise<Awaited<R>> =>
    ensurePublicSuffixList().then(() => listener(...args)) as Promise<Awaited<R>>;

// 1. Before anything else: what a page can reach (the badge's content-script world) reads no storage.
void restrictToTrustedContexts().catch(() => false);

// 2. A tab's recorded events publish its toolbar button and page badge.
onTabChange(schedulePublish);

// 3. Messages: our pages reach the command table; a content script only its own narrow answers.
const fromOurPages = (sender: Runtime.MessageSender) =>
  sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL(''));
onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (fromOurPages(sender)) {
    return whenReady(dispatch)(message).catch((e: Error) => ({ ok: false, error: words('backgroundFailed', e.message) }));
  }
  if (sender.id === browser.runtime.id && sender.tab?.id !== undefined) return handleContent(message, sender.tab.id, sender.url);
  return undefined;
});

// 4. Alarms: one table (alarms.ts).
browser.alarms.onAlarm.addListener(whenReady(onAlarm));

// 5. Install and update: commit migrates; rules are rebuilt from settings, not trusted.
browser.runtime.onInstalled.addListener(() => {
  void whenReady(applyManaged)();
  void reconcileStored();
  void scheduleSubscriptionRefresh();
  void scheduleOktetoRefresh();
});

// 6. Browser start: pins ended with the last session; some Firefox versions lose dynamic rules.
// The namespaces' statuses are fresh at start, then on the alarm while a divert is on.
browser.runtime.onStartup.addListener(() => {
  void reconcileStored({});
  void whenReady(applyManaged)();
  void whenReady(refreshAll)();
  void scheduleSubscriptionRefresh();
  void refreshOkteto();
  void scheduleOktetoRefresh();
});

// 7. Granted or revoked host access changes which domains can carry the header.
const onPermissions = () => {
  invalidateContext();
  void reconcileStored();
  scheduleRefreshTabs();
  void syncMenus();
};
browser.permissions.onAdded.addListener(onPermissions);
browser.permissions.onRemoved.addListener(onPermissions);

// 8. A closed tab: everything kept about it goes, its pin too.
browser.tabs.onRemoved.addListener((tabId: number) => {
  forgetTab(tabId);
  forgetRequestLog(tabId);
  forgetSurfaces(tabId);
  forgetAsker(tabId);
  forgetBypass(tabId);
  scheduleWorkerSync(tabId);
  void forgetShared(tabId);
  void commit((_settings, { [tabId]: _closed, ...pins }) => ({ pins, reply: undefined }));
});

// 9. Requests: what left with our header and what answered; the page's own baggage (requests.ts).
wireRequests();

// 10. A tab navigates, loads, completes: its state, its workers' plan, its badge and bypass.
browser.tabs.onUpdated.addListener((tabId: number, change: Tabs.OnUpdatedChangeInfoType, tab: Tabs.Tab) => {
  if (change.url !== undefined) noteNavigation(tabId, change.url);
  if (change.status === 'loading' || change.status === 'complete') void onTabUpdated(tabId, tab.url);
  if (change.status === 'complete') {
    onTabComplete(tabId);
    void bypassWorker(tabId);
  }
});

// 11. "Open diverted to" in the link menu; a click on a deploy's notification.
wireDeployNotifications(wakeOkteto);
browser.contextMenus.onClicked.addListener(
  (info: { menuItemId: string | number; linkUrl?: string }, tab?: Tabs.Tab) => void onMenuClick(info, tab),
);

// 12. Storage: each change goes to the readers of what it touched.
browser.storage.onChanged.addListener((changes: Record<string, { newValue?: unknown }>, area: string) => {
  const touched = (items: Parameters<typeof touches>[2]) => touches(changes, area, items);
  // First: the observers' context only changes with what it is made of (not with served:<tab>
  // writes), and every reader below reads it anew (the event can come before commit's own update).
  // Then toolbar buttons and page badges follow settings, pins and the Okteto list.
  if (touched(CONTEXT_ITEMS)) {
    invalidateContext();
    scheduleRefreshTabs();
  }
  if (touched([ITEMS.settings, ITEMS.oktetoInstances])) void scheduleOktetoRefresh();
  if (touched([ITEMS.settings])) {
    void scheduleTimeBox();
    void syncMenus();
    // Sync, when on: our changes go out.
    void pushIfEnabled();
  }
  // Pinned tabs whose worker cannot carry their pin: past the worker once the switch is on, or
  // once the plan says the worker no longer follows.
  if (touched([ITEMS.settings, ITEMS.workers])) void bypassPinned();
  if (area === 'managed') void whenReady(applyManaged)();
  // Other browsers' changes come in, checked like any input.
  if (area === 'sync') void whenReady(pullIfEnabled)(changes);
});

// 13. The keyboard shortcut.
const onCommand = async (command: string, tab?: Tabs.Tab) =>
  command === TOGGLE_COMMAND
    ? toggleSite(tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0])
    : 'unknown command';
browser.commands.onCommand.addListener((command: string, tab?: Tabs.Tab) => void whenReady(onCommand)(command, tab));

// e2e builds only (test-hooks.ts): what headless browsers cannot do themselves.
if (import.meta.env.MODE === 'e2e') {
  installTestHooks({
    dispatch: whenReady(dispatch),
    onAlarm: whenReady(onAlarm),
    onCommand: async (command, tabId) => whenReady(onCommand)(command, await browser.tabs.get(tabId)),
  });
}

// 14. Every wake: the rules are checked against settings (a no-change reconcile writes nothing),
// and no token an older version kept is left in storage: an update does not always announce itself
// (an unpacked build loaded anew in Chromium fires no onInstalled).
void reconcileStored();
void moveLegacyToken();
void scheduleTimeBox();
void syncMenus();
