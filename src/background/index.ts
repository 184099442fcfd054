import { STATE_ITEMS } from '../core/extension-state';
import { ITEMS } from '../core/storage-items';
import { browser, has, type Runtime, type Tabs } from '../platform/browser';
import { words } from '../platform/i18n';
import { onMessage } from '../platform/polyfill';
import { ensurePublicSuffixList } from '../platform/psl';
import { restrictToTrustedContexts, touches } from '../platform/store';
import { scheduleSubscriptionRefresh } from './alarms';
import { makeParts } from './parts';
import { wireRequests } from './requests';
import { TOGGLE_COMMAND } from './shortcut';
import { installTestHooks } from './test-hooks';

/** Listeners that may check a domain (commands, policy, sync, subscriptions, the shortcut) run once the
 * packaged public suffix list is loaded, one load per wake; request observers check none and do not wait. */
const whenReady =
  <A extends unknown[], R>(listener: (...args: A) => R) =>
  (...args: A): Promise<Awaited<R>> =>
    ensurePublicSuffixList().then(() => listener(...args)) as Promise<Awaited<R>>;
const fromOurPages = (sender: Runtime.MessageSender) =>
  sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL(''));

/**
 * The background, in the order it starts: its parts, each made with the parts it needs (parts.ts;
 * what a part keeps lives in it, for this wake), then one handler per browser event, which hands
 * the change to its readers, named in place. Registered synchronously: an event that wakes the
 * worker reaches them.
 */
export function startBackground() {
  // 1. Before anything else: what a page can reach (the badge's content-script world) reads no storage.
  void restrictToTrustedContexts().catch(() => false);

  // 2. The parts, made in the order it starts (parts.ts).
  const p = makeParts();

  // 3. A tab's recorded events publish its toolbar button and page badge.
  p.tabs.onTabChange(p.surfaces.schedulePublish);

  // 4. Messages: our pages reach the command table; a content script only its own narrow answers.
  const dispatch = whenReady(p.commands.dispatch);
  onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (fromOurPages(sender))
      return dispatch(message)
        .catch((e: Error) => ({ ok: false, error: words('backgroundFailed', e.message) }))
        .finally(p.wake.answered);
    if (sender.id === browser.runtime.id && sender.tab?.id !== undefined)
      return p.content.handleContent(message, sender.tab.id, sender.url);
    return undefined;
  });

  // 5. Alarms: one table (alarms.ts).
  const onAlarm = whenReady(p.alarms.onAlarm);
  browser.alarms.onAlarm.addListener(onAlarm);

  // 6. Install and update: commit migrates; rules are rebuilt from settings, not trusted.
  const applyManaged = whenReady(p.managed.applyManaged);
  browser.runtime.onInstalled.addListener(() => {
    void applyManaged();
    void p.committer.reconcileStored();
    void scheduleSubscriptionRefresh();
    void p.okteto.scheduleOktetoRefresh();
  });

  // 7. Browser start: pins ended with the last session; some Firefox versions lose dynamic rules.
  // The namespaces' statuses are fresh at start, then on the alarm while a divert is on.
  browser.runtime.onStartup.addListener(() => {
    void p.committer.reconcileStored({});
    void applyManaged();
    void whenReady(p.subscriptions.refreshAll)();
    void scheduleSubscriptionRefresh();
    void p.okteto.refreshOkteto();
    void p.okteto.scheduleOktetoRefresh();
  });

  // 8. Granted or revoked host access changes which domains can carry the header.
  const onPermissions = () => {
    p.ctx.invalidateContext();
    void p.committer.reconcileStored();
    p.surfaces.scheduleRefreshTabs();
    void p.menus.syncMenus();
  };
  browser.permissions.onAdded.addListener(onPermissions);
  browser.permissions.onRemoved.addListener(onPermissions);

  // 9. A closed tab: everything kept about it goes, its pin too.
  browser.tabs.onRemoved.addListener((tabId: number) => {
    p.tabs.forgetTab(tabId);
    p.log.forgetRequestLog(tabId);
    p.surfaces.forgetSurfaces(tabId);
    p.keep.forgetAsker(tabId);
    p.pageData.forgetBypass(tabId);
    p.rules.scheduleWorkerSync(tabId);
    void p.share.forgetShared(tabId);
    void p.committer.commit((_settings, { [tabId]: _closed, ...pins }) => ({ pins, reply: undefined }));
  });

  // 10. Requests: what left with our header and what answered; the page's own baggage (requests.ts).
  wireRequests({ ...p.keep, ...p.observers, ...p.pageBaggage, ...p.probe, ...p.rules, ...p.share });

  // 11. A tab navigates, loads, completes: its state, its workers' plan, its last page, its badge and bypass.
  browser.tabs.onUpdated.addListener((tabId: number, change: Tabs.OnUpdatedChangeInfoType, tab: Tabs.Tab) => {
    if (change.url !== undefined) p.rules.noteNavigation(tabId, change.url);
    if (change.url !== undefined) void p.pages.notePageShown(tabId, change.url, tab.incognito);
    if (change.status === 'loading' || change.status === 'complete') void p.observers.onTabUpdated(tabId, tab.url);
    if (change.status === 'complete') {
      p.observers.onTabComplete(tabId);
      void p.pageData.bypassWorker(tabId);
    }
  });

  // 12. A click on a deploy's notification; "Open diverted to" in the link menu (none on Android: `has`).
  p.news.wireDeployNotifications(p.okteto.wakeOkteto);
  if (has.contextMenus())
    browser.contextMenus.onClicked.addListener(
      (info: { menuItemId: string | number; linkUrl?: string }, tab?: Tabs.Tab) => void p.menus.onMenuClick(info, tab),
    );

  // 13. Storage: each change goes to the readers of what it touched.
  browser.storage.onChanged.addListener((changes: Record<string, { newValue?: unknown }>, area: string) => {
    const touched = (items: Parameters<typeof touches>[2]) => touches(changes, area, items);
    // First: the observers' context only changes with what it is made of (not with served:<tab>
    // writes), and every reader below reads it anew (the event can come before commit's own update).
    // Then toolbar buttons and page badges follow settings, pins and the Okteto list.
    if (touched(Object.values(STATE_ITEMS))) {
      p.ctx.invalidateContext();
      p.surfaces.scheduleRefreshTabs();
    }
    if (touched([ITEMS.settings, ITEMS.oktetoInstances])) {
      void p.okteto.scheduleOktetoRefresh();
      void p.menus.syncMenus(); // the link menu offers presets and the instances' preview links
    }
    if (touched([ITEMS.settings])) {
      void p.timeBox.scheduleTimeBox();
      void p.sync.pushIfEnabled(); // sync, when on: our changes go out
    }
    // Pinned tabs whose worker cannot carry their pin: past the worker once the switch is on, or
    // once the plan says the worker no longer follows.
    if (touched([ITEMS.settings, ITEMS.workers])) void p.pageData.bypassPinned();
    if (area === 'managed') void applyManaged();
    if (area === 'sync') void whenReady(p.sync.pullIfEnabled)(changes); // other browsers' changes, checked like any input
  });

  // 14. The keyboard shortcut.
  const onCommand = whenReady(async (command: string, tab?: Tabs.Tab) =>
    command === TOGGLE_COMMAND
      ? p.shortcut.toggleSite(tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0])
      : 'unknown command',
  );
  if (has.commands()) browser.commands.onCommand.addListener((command: string, tab?: Tabs.Tab) => void onCommand(command, tab));

  // e2e builds only (test-hooks.ts): what headless browsers cannot do themselves.
  if (import.meta.env.MODE === 'e2e') {
    const tabCommand = async (command: string, tabId: number) => onCommand(command, await browser.tabs.get(tabId));
    installTestHooks({ ...p.log, ...p.menus, ...p.news, ...p.okteto, ...p.queue, dispatch, onAlarm, onCommand: tabCommand });
  }

  // 15. Every wake: its own checks (rules against settings, legacy moves, alarms, menus) after the
  // reply to the command that woke it, or a moment later when none did (wake.ts).
  p.wake.scheduleWakeChecks();
  return { ...p.queue, ...p.idle, onAlarm };
}

// The worker's script starts it; unit tests start one on each fresh fake browser (test/fakes), idle and stop it (later.ts).
if (import.meta.env.MODE !== 'test') startBackground();
